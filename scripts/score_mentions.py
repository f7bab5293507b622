#!/usr/bin/env python3
"""Score PERSON and ORG name mentions against a gold JSONL with mention spans.

usage: score_mentions.py GOLD.jsonl PRED.jsonl [--syntactic NAM] [-v]

GOLD lines: {"id", "text", "entities": [{"start", "end", "label": "PER"|"ORG"|…,
"syntactic_type"?}]} (MEANTIME, Re-DocRED). With --syntactic NAM (the default
when the gold has syntactic types) only name mentions are gold: mentions of type
NOM (descriptions) and PRO (pronouns) are not names.
PRED lines: nergraph documents (`extract --jsonl` output, or scripts/spacy_ner.py
output in the same shape): every mention of a PERSON or ORG entity is a prediction.

Prints, per type, exact-span and overlap precision / recall / F1. Overlap: a
prediction and a gold mention of the same type whose spans share a character,
matched one to one.
"""
import argparse, collections, json

LABEL = {"PER": "PERSON", "PERSON": "PERSON", "ORG": "ORG"}

ap = argparse.ArgumentParser()
ap.add_argument("gold"); ap.add_argument("pred")
ap.add_argument("--syntactic", default="NAM", help="keep gold mentions of this syntactic type ('' for all)")
ap.add_argument("-v", action="store_true", help="print misses and false positives")
a = ap.parse_args()

preds = {}
for l in open(a.pred, encoding="utf-8"):
    if l.strip():
        d = json.loads(l); preds[d.get("id")] = d

exact = collections.Counter(); over = collections.Counter()
for l in open(a.gold, encoding="utf-8"):
    if not l.strip():
        continue
    g = json.loads(l)
    gold = set()
    for e in g["entities"]:
        t = LABEL.get(e["label"])
        if t is None:
            continue
        if a.syntactic and "syntactic_type" in e and e["syntactic_type"] != a.syntactic:
            continue
        gold.add((e["start"], e["end"], t))
    pred = set()
    for e in preds.get(g["id"], {}).get("entities", []):
        if e.get("type") in ("PERSON", "ORG"):
            for m in e.get("mentions", []):
                pred.add((m["start"], m["end"], e["type"]))
    for t in ("PERSON", "ORG"):
        gs = {x for x in gold if x[2] == t}; ps = {x for x in pred if x[2] == t}
        exact[t, "tp"] += len(gs & ps); exact[t, "fp"] += len(ps - gs); exact[t, "fn"] += len(gs - ps)
        # overlap, one to one, greedy in text order
        used = set(); tp = 0
        for p in sorted(ps):
            hit = next((x for x in sorted(gs) if x not in used and x[0] < p[1] and p[0] < x[1]), None)
            if hit:
                used.add(hit); tp += 1
        over[t, "tp"] += tp; over[t, "fp"] += len(ps) - tp; over[t, "fn"] += len(gs) - tp
        if a.v:
            txt = g["text"]
            for x in sorted(gs - ps): print(f"{g['id']}\tMISS\t{t}\t{txt[x[0]:x[1]]!r}")
            for x in sorted(ps - gs): print(f"{g['id']}\tFP\t{t}\t{txt[x[0]:x[1]]!r}")

def prf(c, t):
    tp, fp, fn = c[t, "tp"], c[t, "fp"], c[t, "fn"]
    p = tp / (tp + fp) if tp + fp else 0.0; r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)

for t in ("PERSON", "ORG"):
    for name, c in (("exact", exact), ("overlap", over)):
        p, r, f = prf(c, t)
        print(f"{t:6} {name:7} P {p:.3f} R {r:.3f} F1 {f:.3f}  (tp {c[t,'tp']} fp {c[t,'fp']} fn {c[t,'fn']})")
both = collections.Counter()
for (t, k), v in exact.items(): both["all", k] += v
p, r, f = prf(both, "all")
print(f"PER+ORG exact   P {p:.3f} R {r:.3f} F1 {f:.3f}")
