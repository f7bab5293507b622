#!/usr/bin/env python3
"""An independent exact-span scorer, to check `nergraph eval`.

    python3 scripts/score_spans.py GOLD.jsonl PRED.jsonl [--json]

GOLD: the eval gold format (entities with code point "start"/"end" and
"label"). PRED: nergraph JSON documents, one per line with "id" (entities with
"type" and "mentions" with "start"/"end"). Predicted PERSON is PER. Each side is
a set of (document, start, end, label): a span given twice counts once. For each
of PER, ORG, DATE: P = matched / predicted, R = matched / gold, F1 = 2 matched /
(gold + predicted). A gold document with no prediction counts as empty.
Standard library only; written apart from the Rust code on purpose.
"""
import json
import sys

LABELS = ("PER", "ORG", "DATE")


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def key(doc_id):
    return doc_id if isinstance(doc_id, str) else json.dumps(doc_id)


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    if len(args) != 2:
        sys.exit("usage: score_spans.py GOLD.jsonl PRED.jsonl [--json]")
    gold_docs = read_jsonl(args[0])
    ids = {key(d["id"]) for d in gold_docs}
    gold = set()
    for d in gold_docs:
        for e in d.get("entities", []):
            gold.add((key(d["id"]), e["start"], e["end"], e["label"].upper()))
    pred = set()
    for d in read_jsonl(args[1]):
        if key(d.get("id")) not in ids:
            continue
        for e in d.get("entities", []):
            label = "PER" if e["type"] == "PERSON" else e["type"].upper()
            for m in e.get("mentions", []):
                pred.add((key(d["id"]), m["start"], m["end"], label))
    result = {}
    for label in LABELS:
        g = {s for s in gold if s[3] == label}
        p = {s for s in pred if s[3] == label}
        tp = len(g & p)
        result[label] = {
            "gold": len(g),
            "pred": len(p),
            "tp": tp,
            "precision": tp / len(p) if p else None,
            "recall": tp / len(g) if g else None,
            "f1": 2 * tp / (len(g) + len(p)) if g or p else None,
        }
    if "--json" in argv:
        print(json.dumps(result, indent=1))
        return
    fmt = lambda x: "  -  " if x is None else "%.4f" % x
    for label, r in result.items():
        print("%-5s gold %5d  pred %5d  tp %5d  P %s  R %s  F1 %s" % (
            label, r["gold"], r["pred"], r["tp"],
            fmt(r["precision"]), fmt(r["recall"]), fmt(r["f1"])))


if __name__ == "__main__":
    main(sys.argv)
