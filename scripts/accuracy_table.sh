#!/bin/sh
# Print the README "Accuracy" tables (markdown) from a fresh run.
#   scripts/accuracy_table.sh GOLD_DIR [PEERS_DIR]
# GOLD_DIR: the directory of dev gold files (<set>.dev.jsonl, news_relations_*.dev.jsonl,
# score_names.py). PEERS_DIR (default target/peers): the peers' predictions; made
# once with scripts/compare_peers.sh (spaCy, dateparser, in scripts/.venv) when missing.
# nergraph itself is built and re-run every time.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
gold=${1:?usage: accuracy_table.sh GOLD_DIR [PEERS_DIR]}
peers=${2:-$root/target/peers}
(cd "$root" && cargo build --release --quiet)
mkdir -p "$peers"
missing=""
for s in meantime_en enp_fr_bnf fr_timebank popcorn_fr redocred_en; do
    f="$gold/$s.dev.jsonl"
    [ -f "$f" ] || continue
    [ -f "$peers/$s.dateparser.jsonl" ] || missing="$missing $f"
done
if [ -n "$missing" ]; then
    # shellcheck disable=SC2086
    "$here/compare_peers.sh" $missing --out "$peers" >&2
fi
exec python3 "$here/accuracy_table.py" "$gold" "$peers" "$root/target/release/nergraph"
