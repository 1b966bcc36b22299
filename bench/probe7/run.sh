#!/bin/sh
# bench/probe7/run.sh SEED: generate probe7's scenario for SEED, ingest it into a fresh
# database, link, and score the run against the truth.
#
#   RINGLINK=/path/to/ringlink   the binary under test (default: built from this tree into
#                                /tmp/probe7/ringlink when it is missing)
#   PROBE7=/tmp/probe7           where scenarios and databases go
set -eu
seed=${1:?usage: bench/probe7/run.sh SEED}
root=$(cd "$(dirname "$0")/../.." && pwd)
dir=${PROBE7:-/tmp/probe7}
bin=${RINGLINK:-$dir/ringlink}
out=$dir/s$seed
db=$dir/db$seed
mkdir -p "$dir" "$out"
if [ ! -x "$bin" ]; then
	(cd "$root" && go build -o "$bin" .)
fi
(cd "$root" && go build -o "$dir/probe7-gen" ./bench/probe7)

t=$(date +%s)
"$dir/probe7-gen" --seed "$seed" --out "$out/traffic.jsonl" --truth "$out/truth.json"
echo "generate: $(( $(date +%s) - t )) s" >&2

rm -rf "$db" "$out/rejects.jsonl"
t=$(date +%s)
"$bin" --db "$db" ingest "$out/traffic.jsonl" --rejects "$out/rejects.jsonl"
echo "ingest: $(( $(date +%s) - t )) s" >&2
if [ -s "$out/rejects.jsonl" ]; then
	echo "probe7: $(wc -l < "$out/rejects.jsonl") records rejected, see $out/rejects.jsonl" >&2
	exit 1
fi

t=$(date +%s)
"$bin" --db "$db" link > "$out/link.txt"
echo "link: $(( $(date +%s) - t )) s" >&2
"$bin" --db "$db" eval --truth "$out/truth.json" --format json > "$out/eval.json"
"$bin" --db "$db" eval --truth "$out/truth.json" | tee "$out/eval.txt"
