#!/usr/bin/env python3
"""Score DATE mentions of `nergraph extract --jsonl` output against a gold JSONL file.

    python3 scripts/score_dates.py GOLD.jsonl PRED.jsonl [-v]

- span P/R/F1, exact: a predicted DATE mention matches a gold DATE with the same start and end;
- span P/R/F1, overlap: a predicted DATE mention overlaps a gold DATE (one-to-one, greedy);
- value accuracy: the share of gold DATE entities overlapped by a predicted DATE mention
  whose entity value equals the gold value.
Gold DATE means label DATE (TimeML DATE and TIME); DURATION and SET are not dates. Offsets
are code points. `-v` lists every miss, false alarm and wrong value. Standard library only.
"""
import json
import sys


def load(path):
    docs = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                d = json.loads(line)
                docs[str(d.get("id"))] = d
    return docs


def pred_dates(doc):
    out = []
    for e in doc.get("entities", []):
        if e.get("type") != "DATE":
            continue
        for m in e.get("mentions", []):
            out.append((m["start"], m["end"], e.get("value"), e.get("mod"), m.get("text")))
    return sorted(out)


def prf(tp_p, n_p, tp_g, n_g):
    p = tp_p / n_p if n_p else 0.0
    r = tp_g / n_g if n_g else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    verbose = "-v" in sys.argv
    if len(args) != 2:
        sys.exit("usage: score_dates.py GOLD.jsonl PRED.jsonl [-v]")
    gold, pred = load(args[0]), load(args[1])
    n_g = n_p = exact = overlap_g = overlap_p = value_ok = 0
    lines = []
    for gid, g in gold.items():
        text = g["text"]
        gd = [(e["start"], e["end"], e.get("value"), e["text"]) for e in g["entities"] if e["label"] == "DATE"]
        p = pred.get(gid)
        if p is None or "error" in p:
            lines.append(f"{gid}: no prediction")
            pd = []
        else:
            pd = pred_dates(p)
        n_g += len(gd)
        n_p += len(pd)
        exact_set = {(s, e) for s, e, *_ in pd}
        exact += sum((s, e) in exact_set for s, e, *_ in gd)
        used = set()
        for gs, ge, gv, gt in gd:
            hits = [i for i, (ps, pe, *_) in enumerate(pd) if ps < ge and gs < pe]
            free = [i for i in hits if i not in used]
            if free:
                used.add(free[0])
                overlap_g += 1
            ok = any(pd[i][2] == gv for i in hits)
            value_ok += ok
            if verbose and not ok:
                ctx = text[max(0, gs - 40):ge + 25].replace("\n", " ")
                got = "; ".join(f"{pd[i][4]!r}={pd[i][2]}" for i in hits) or "MISS"
                lines.append(f"{gid}\tgold {gt!r}={gv}\tgot {got}\t| {ctx}")
        overlap_p += len(used)
        if verbose:
            for i, (ps, pe, pv, pm, pt) in enumerate(pd):
                if not any(ps < ge and gs < pe for gs, ge, *_ in gd):
                    ctx = text[max(0, ps - 40):pe + 25].replace("\n", " ")
                    lines.append(f"{gid}\tFALSE {pt!r}={pv}\t| {ctx}")
    if verbose:
        print("\n".join(lines))
    pe_, re_, fe = prf(exact, n_p, exact, n_g)
    po, ro, fo = prf(overlap_p, n_p, overlap_g, n_g)
    print(f"gold DATE {n_g}  predicted DATE {n_p}")
    print(f"span exact    P {pe_:.3f}  R {re_:.3f}  F1 {fe:.3f}")
    print(f"span overlap  P {po:.3f}  R {ro:.3f}  F1 {fo:.3f}")
    print(f"value accuracy {value_ok}/{n_g} = {value_ok / n_g if n_g else 0:.3f}")


if __name__ == "__main__":
    main()
