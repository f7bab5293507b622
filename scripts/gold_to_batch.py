#!/usr/bin/env python3
"""Turn a gold JSONL file (the eval format, or the name-level news_relations
format) into `nergraph extract --jsonl` input: one {"id", "text", "lang",
"doc_date"} per line, the document date taken, in this order, from the line's
"doc_date", its "meta.dct", or the value of a DATE entity whose "function" is
CREATION_TIME (the rule `nergraph eval` uses).

    python3 scripts/gold_to_batch.py GOLD.jsonl > BATCH.jsonl
    nergraph extract --jsonl BATCH.jsonl -o OUT.jsonl

Standard library only.
"""
import json
import re
import sys

DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")


def doc_date(doc):
    date = doc.get("doc_date") or (doc.get("meta") or {}).get("dct")
    if not date:
        for e in doc.get("entities", []):
            if e.get("function") == "CREATION_TIME" and DAY.match(e.get("value") or ""):
                date = e["value"]
                break
    return date[:10] if date and DAY.match(date) else None


def main(argv):
    if len(argv) != 2:
        sys.exit("usage: gold_to_batch.py GOLD.jsonl > BATCH.jsonl")
    with open(argv[1], encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            doc = json.loads(line)
            out = {"id": doc["id"], "text": doc["text"]}
            if doc.get("lang"):
                out["lang"] = doc["lang"]
            date = doc_date(doc)
            if date:
                out["doc_date"] = date
            print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv)
