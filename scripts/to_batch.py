#!/usr/bin/env python3
"""Turn a gold JSONL file into `nergraph extract --jsonl` input lines.

usage: to_batch.py GOLD.jsonl [--auto] > IN.jsonl

Each output line has id, text, and doc_date when the gold gives one (field
`doc_date`, or `meta.dct`). The gold language is passed as `lang` unless
--auto is given, in which case nergraph detects it (`--lang auto`).
"""
import argparse, json, sys

ap = argparse.ArgumentParser()
ap.add_argument("gold")
ap.add_argument("--auto", action="store_true", help="leave lang out: let nergraph detect it")
a = ap.parse_args()
for line in open(a.gold, encoding="utf-8"):
    if not line.strip():
        continue
    g = json.loads(line)
    out = {"id": g["id"], "text": g["text"]}
    if not a.auto and g.get("lang"):
        out["lang"] = g["lang"]
    dct = g.get("doc_date") or (g.get("meta") or {}).get("dct")
    if dct:
        out["doc_date"] = dct[:10]
    print(json.dumps(out, ensure_ascii=False))
