#!/bin/sh
# Install the peers into scripts/.venv (once), then run scripts/compare_peers.py:
#   scripts/compare_peers.sh GOLD.jsonl... --out DIR [--systems spacy,dateparser]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
py=$("$here/peers_venv.sh")
exec "$py" "$here/compare_peers.py" "$@"
