#!/bin/sh
# Check `nergraph eval` against the independent scorer scripts/score_spans.py on
# gold files: runs `nergraph extract --jsonl` on each file's texts, scores the
# output both ways, and prints the exact-span F1 per label side by side with the
# difference. Exits 1 if a PER or ORG F1 differs by 0.01 or more.
#   scripts/check_scorer.sh GOLD.jsonl...
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
bin="$root/target/release/nergraph"
(cd "$root" && cargo build --release --quiet)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
for gold in "$@"; do
    python3 "$here/gold_to_batch.py" "$gold" > "$tmp/batch.jsonl"
    "$bin" extract --jsonl "$tmp/batch.jsonl" -o "$tmp/pred.jsonl"
    "$bin" eval --gold "$gold" --pred "$tmp/pred.jsonl" --format json > "$tmp/ours.json"
    "$bin" eval --gold "$gold" --format json > "$tmp/inprocess.json"
    python3 "$here/score_spans.py" "$gold" "$tmp/pred.jsonl" --json > "$tmp/theirs.json"
    python3 - "$gold" "$tmp/ours.json" "$tmp/inprocess.json" "$tmp/theirs.json" <<'PY' || status=1
import json, sys
gold, ours, inproc, theirs = sys.argv[1], *(json.load(open(p)) for p in sys.argv[2:])
bad = False
for t in ours["types"]:
    label, f = t["label"], t["f1"]
    g = theirs[label]["f1"]
    i = next(x for x in inproc["types"] if x["label"] == label)["f1"]
    if not t["annotated"]:
        print("%s %-5s not annotated" % (gold, label))
        continue
    d = abs(f - g)
    print("%s %-5s nergraph eval --pred %.4f  in-process %.4f  score_spans.py %.4f  diff %.4f"
          % (gold, label, f, i, g, d))
    bad |= label in ("PER", "ORG") and (d >= 0.01 or abs(f - i) >= 0.01)
sys.exit(1 if bad else 0)
PY
done
exit $status
