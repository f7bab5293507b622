#!/usr/bin/env python3
"""Make `nergraph extract --jsonl` input from a gold JSONL file (fr_timebank, meantime).

    python3 scripts/dates_batch.py GOLD.jsonl > BATCH.jsonl

Each output line is {"id", "text", "lang", "doc_date"}. The document date is
`meta.dct` when the gold has it (French TimeBank); otherwise the value of the
gold DATE whose `function` is CREATION_TIME (MEANTIME); otherwise the first
dateline in the text ("March 01, 2008" on a line of its own). Only standard
library; the gold path is an argument.
"""
import json
import re
import sys

MONTHS = {m: i + 1 for i, m in enumerate(
    "january february march april may june july august september october november december".split())}
DATELINE = re.compile(r"^\s*([A-Z][a-z]+) (\d{1,2}), (\d{4})\s*$", re.M)


def doc_date(d):
    dct = (d.get("meta") or {}).get("dct")
    if dct:
        return dct[:10]
    for e in d.get("entities", []):
        if e.get("function") == "CREATION_TIME" and re.fullmatch(r"\d{4}-\d\d-\d\d", e.get("value") or ""):
            return e["value"]
    m = DATELINE.search(d["text"])
    if m and m.group(1).lower() in MONTHS:
        return f"{int(m.group(3)):04d}-{MONTHS[m.group(1).lower()]:02d}-{int(m.group(2)):02d}"
    return None


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: dates_batch.py GOLD.jsonl > BATCH.jsonl")
    with open(sys.argv[1], encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            d = json.loads(line)
            out = {"id": d["id"], "text": d["text"], "lang": d.get("lang")}
            dd = doc_date(d)
            if dd:
                out["doc_date"] = dd
            print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
