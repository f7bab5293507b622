#!/usr/bin/env python3
"""Accuracy of `nergraph extract --lang auto` on files whose language is known.

usage: lang_accuracy.py NERGRAPH FILE... [-v]
A FILE ending in .jsonl is a gold file: each line's "lang" is the truth. Any other
file is one text document whose language is given by its name: `*.fr.txt`, `*.en.txt`.
"""
import json, subprocess, sys, tempfile, collections

args = [x for x in sys.argv[1:] if x != "-v"]; verbose = "-v" in sys.argv
exe, files = args[0], args[1:]
total = collections.Counter()
for f in files:
    docs = []
    if f.endswith(".jsonl"):
        for l in open(f, encoding="utf-8"):
            if l.strip():
                g = json.loads(l); docs.append((g["id"], g["lang"], g["text"]))
    else:
        lang = f.rsplit(".", 2)[-2]
        docs.append((f, lang, open(f, encoding="utf-8").read()))
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as tmp:
        for i, (_, _, t) in enumerate(docs):
            tmp.write(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n")
    out = subprocess.run([exe, "extract", "--lang", "auto", "--jsonl", tmp.name], capture_output=True, text=True, check=True).stdout
    got = [json.loads(l).get("lang") for l in out.splitlines() if l.strip()]
    ok = sum(1 for (i, want, _), g in zip(docs, got) if g == want)
    for (i, want, t), g in zip(docs, got):
        if g != want and verbose:
            print(f"  wrong: {f} {i}: {want} -> {g}: {t[:80]!r}")
    print(f"{f}: {ok}/{len(docs)}")
    total["ok"] += ok; total["n"] += len(docs)
print(f"all: {total['ok']}/{total['n']} = {total['ok']/max(total['n'],1):.4f}")
