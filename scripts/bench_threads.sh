#!/bin/sh
# 1 vs 2 threads on a JSONL batch: wall-clock and CPU seconds of
# `nergraph extract --jsonl` (release build), best of N runs each.
#   scripts/bench_threads.sh BATCH.jsonl [RUNS]
# The speed-up is only meaningful when two cores are free (check `uptime`); on a
# shared machine, RUN='chrt -f 10' runs the batches under real-time scheduling.
set -eu
batch=$1
runs=${2:-5}
here=$(cd "$(dirname "$0")/.." && pwd)
bin="$here/target/release/nergraph"
[ -x "$bin" ] || cargo build --release --manifest-path "$here/Cargo.toml" >&2
uptime >&2
for t in 1 2; do
    best=
    for _ in $(seq "$runs"); do
        ${RUN:-} /usr/bin/time -f "%e %U %S" -o /tmp/nergraph-bench-threads.$$ \
            "$bin" extract --jsonl --quiet --threads "$t" "$batch" > /dev/null
        wall=$(cut -d' ' -f1 /tmp/nergraph-bench-threads.$$)
        cpu=$(awk '{print $2 + $3}' /tmp/nergraph-bench-threads.$$)
        if [ -z "$best" ] || [ "$(echo "$wall < $best" | bc)" = 1 ]; then best=$wall; bestcpu=$cpu; fi
    done
    echo "threads $t: best wall ${best} s, cpu ${bestcpu} s"
    eval "wall$t=$best"
done
rm -f /tmp/nergraph-bench-threads.$$
echo "speed-up: $(echo "scale=2; $wall1 / $wall2" | bc)"
