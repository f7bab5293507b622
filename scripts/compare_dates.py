#!/usr/bin/env python3
"""Run dateparser's search_dates on gold files and score it like nergraph's dates.

    python3 scripts/compare_dates.py GOLD.jsonl [GOLD.jsonl ...]

Installs dateparser into scripts/.venv on first use (PyPI, through pip) and re-runs itself
there. For each document, search_dates(text, languages=[lang]) runs with RELATIVE_BASE set to
the document date (as scripts/dates_batch.py finds it); each found string is parsed again with
DateDataParser to learn its period (year, month, week, day, time), which gives a TIMEX3-style
value (2013, 2013-04, 2013-W14, 2013-04-18, 2013-04-18T10:00). Offsets are those of the found
strings, searched left to right in the text. The predictions are written to
/tmp/dateparser.<gold name> and scored with scripts/score_dates.py.
"""
import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
VENV = HERE / ".venv"
PY = VENV / "bin" / "python"


def ensure_venv():
    if Path(sys.prefix).resolve() == VENV.resolve():
        return
    if not PY.exists():
        subprocess.check_call([sys.executable, "-m", "venv", str(VENV)])
        subprocess.check_call([str(PY), "-m", "pip", "install", "--quiet", "dateparser"])
    os.execv(str(PY), [str(PY), __file__, *sys.argv[1:]])


def value_of(dt, period):
    if period == "year":
        return f"{dt.year:04d}"
    if period == "month":
        return f"{dt.year:04d}-{dt.month:02d}"
    if period == "week":
        y, w, _ = dt.isocalendar()
        return f"{y:04d}-W{w:02d}"
    if period == "time":
        return f"{dt.year:04d}-{dt.month:02d}-{dt.day:02d}T{dt.hour:02d}:{dt.minute:02d}"
    return f"{dt.year:04d}-{dt.month:02d}-{dt.day:02d}"


def main():
    ensure_venv()
    import datetime as dtm
    import dateparser
    from dateparser.date import DateDataParser
    from dateparser.search import search_dates

    sys.path.insert(0, str(HERE))
    from dates_batch import doc_date
    import score_dates

    if len(sys.argv) < 2:
        sys.exit("usage: compare_dates.py GOLD.jsonl [GOLD.jsonl ...]")
    print(f"dateparser {dateparser.__version__}")
    for gold_path in sys.argv[1:]:
        out_path = Path("/tmp") / f"dateparser.{Path(gold_path).name}"
        with open(gold_path, encoding="utf-8") as f, open(out_path, "w", encoding="utf-8") as out:
            for line in f:
                if not line.strip():
                    continue
                d = json.loads(line)
                text, lang = d["text"], d.get("lang") or "en"
                settings = {}
                dd = doc_date(d)
                if dd:
                    settings["RELATIVE_BASE"] = dtm.datetime.fromisoformat(dd)
                ddp = DateDataParser(languages=[lang], settings=settings)
                try:
                    found = search_dates(text, languages=[lang], settings=settings) or []
                except Exception:  # dateparser raises on some inputs
                    found = []
                entities, pos = [], 0
                for s, dt in found:
                    start = text.find(s, pos)
                    if start < 0:
                        continue
                    pos = start + len(s)
                    data = ddp.get_date_data(s)
                    period = data.period if data and data.date_obj else "day"
                    entities.append({
                        "type": "DATE",
                        "value": value_of(dt, period),
                        "mentions": [{"start": start, "end": pos, "text": s}],
                    })
                out.write(json.dumps({"id": d["id"], "entities": entities}, ensure_ascii=False) + "\n")
        print(f"== {gold_path} (predictions: {out_path})")
        sys.argv = ["score_dates.py", gold_path, str(out_path)]
        score_dates.main()


if __name__ == "__main__":
    main()
