#!/bin/sh
# bench/probe-run.sh PROBE SEED: generate a black-box probe's scenario (bench/PROBE) for SEED,
# ingest it into a fresh database, link, and score the run against the truth. Each
# bench/probeN/run.sh SEED calls it with its own name.
#
#   RINGLINK=/path/to/ringlink   the binary under test (default: built from this tree into
#                                /tmp/PROBE/ringlink when it is missing)
#   PROBE_DIR=/tmp/PROBE         where scenarios and databases go
set -eu
name=${1:?usage: bench/probe-run.sh PROBE SEED}
seed=${2:?usage: bench/$name/run.sh SEED}
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${PROBE_DIR:-/tmp/$name}
bin=${RINGLINK:-$dir/ringlink}
out=$dir/s$seed
db=$dir/db$seed
mkdir -p "$dir" "$out"
if [ ! -x "$bin" ]; then
	(cd "$root" && go build -o "$bin" .)
fi
(cd "$root" && go build -o "$dir/$name-gen" "./bench/$name")

t=$(date +%s)
"$dir/$name-gen" --seed "$seed" --out "$out/traffic.jsonl" --truth "$out/truth.json"
echo "generate: $(( $(date +%s) - t )) s" >&2

rm -rf "$db" "$out/rejects.jsonl"
t=$(date +%s)
"$bin" --db "$db" ingest "$out/traffic.jsonl" --rejects "$out/rejects.jsonl"
echo "ingest: $(( $(date +%s) - t )) s" >&2
if [ -s "$out/rejects.jsonl" ]; then
	echo "$name: $(wc -l < "$out/rejects.jsonl") records rejected, see $out/rejects.jsonl" >&2
	exit 1
fi

t=$(date +%s)
"$bin" --db "$db" link > "$out/link.txt"
echo "link: $(( $(date +%s) - t )) s" >&2
"$bin" --db "$db" eval --truth "$out/truth.json" --format json > "$out/eval.json"
"$bin" --db "$db" eval --truth "$out/truth.json" | tee "$out/eval.txt"
