#!/usr/bin/env python3
"""Score nergraph relations against Re-DocRED gold, between entity clusters.

usage: score_redocred.py GOLD.jsonl PRED.jsonl [-v]

Gold relations used: P108 employer (person → employer) as WORKED_AT; P112 founded
by (org → founder) as FOUNDED reversed; P488 chairperson (org → person) as
WORKED_AT reversed. A predicted entity stands for every gold cluster one of its
mentions overlaps (same span, or sharing characters) with a gold mention of the
same type. A predicted WORKED_AT or FOUNDED edge is right when some (source
cluster, target cluster) pair it stands for is a gold pair of that type.
Precision counts every predicted WORKED_AT and FOUNDED edge; recall counts gold
cluster pairs found.
"""
import argparse, collections, json

ap = argparse.ArgumentParser()
ap.add_argument("gold"); ap.add_argument("pred"); ap.add_argument("-v", action="store_true")
a = ap.parse_args()
MAP = {"P108": ("WORKED_AT", False), "P112": ("FOUNDED", True), "P488": ("WORKED_AT", True)}
TYPE = {"PER": "PERSON", "ORG": "ORG"}
preds = {}
for l in open(a.pred, encoding="utf-8"):
    if l.strip():
        d = json.loads(l); preds[d.get("id")] = d
c = collections.Counter()
for l in open(a.gold, encoding="utf-8"):
    if not l.strip():
        continue
    g = json.loads(l)
    gold = set()
    for r in g["relations"]:
        if r["type"] in MAP:
            ty, rev = MAP[r["type"]]
            h, t = r["head_cluster"], r["tail_cluster"]
            gold.add((ty, t, h) if rev else (ty, h, t))
    d = preds.get(g["id"], {})
    clusters = {}
    for e in d.get("entities", []):
        cs = set()
        for m in e.get("mentions", []):
            for ge in g["entities"]:
                if TYPE.get(ge["label"]) == e.get("type") and ge["start"] < m["end"] and m["start"] < ge["end"]:
                    cs.add(ge["cluster"])
        clusters[e["id"]] = cs
    names = {e["id"]: e.get("name") for e in d.get("entities", [])}
    found = set()
    for r in d.get("relations", []):
        if r["type"] not in ("WORKED_AT", "FOUNDED"):
            continue
        c[r["type"], "pred"] += 1
        pairs = {(r["type"], s, t) for s in clusters.get(r["source"], ()) for t in clusters.get(r["target"], ())}
        hit = pairs & gold
        if hit:
            c[r["type"], "tp"] += 1; found |= hit
        elif a.v:
            print(f"{g['id']}\tFP\t{names.get(r['source'])} -{r['type']}-> {names.get(r['target'])}\t{r['evidence']['text'][:160]!r}")
    for x in gold:
        c[x[0], "gold"] += 1
        if x in found:
            c[x[0], "found"] += 1
        elif a.v:
            cname = {ge["cluster"]: ge["text"] for ge in g["entities"]}
            print(f"{g['id']}\tMISS\t{cname.get(x[1])} -{x[0]}-> {cname.get(x[2])}")
tot = collections.Counter()
for ty in ("WORKED_AT", "FOUNDED"):
    p = c[ty, "tp"] / c[ty, "pred"] if c[ty, "pred"] else 0.0
    r = c[ty, "found"] / c[ty, "gold"] if c[ty, "gold"] else 0.0
    print(f"{ty:9} P {p:.3f} ({c[ty,'tp']}/{c[ty,'pred']})  R {r:.3f} ({c[ty,'found']}/{c[ty,'gold']})")
    for k in ("tp", "pred", "found", "gold"): tot[k] += c[ty, k]
p = tot["tp"] / tot["pred"] if tot["pred"] else 0.0; r = tot["found"] / tot["gold"] if tot["gold"] else 0.0
print(f"all       P {p:.3f} ({tot['tp']}/{tot['pred']})  R {r:.3f} ({tot['found']}/{tot['gold']})")
