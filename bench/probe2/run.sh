#!/bin/sh
# bench/probe2/run.sh SEED: generate the probe2 scenario for SEED, ingest, link and score it.
# Outputs under /tmp/probe2/sSEED/ (traffic, truth, rejects, eval) and /tmp/probe2/dbSEED.
# RINGLINK (default /tmp/probe2/ringlink) is the binary under test; build it with
#   cd /work/main && go build -o /tmp/probe2/ringlink .
set -eu
SEED=${1:?usage: run.sh SEED}
HERE=$(cd "$(dirname "$0")" && pwd)
RL=${RINGLINK:-/tmp/probe2/ringlink}
OUT=/tmp/probe2/s$SEED
DB=/tmp/probe2/db$SEED
mkdir -p "$OUT"
rm -rf "$DB" "$OUT/rejects.jsonl"
(cd "$HERE" && go build -o /tmp/probe2/probe2 .)
/tmp/probe2/probe2 --seed "$SEED" --out "$OUT/traffic.jsonl" --truth "$OUT/truth.json"
"$RL" --db "$DB" ingest "$OUT/traffic.jsonl" --rejects "$OUT/rejects.jsonl"
if [ -s "$OUT/rejects.jsonl" ]; then
  echo "run.sh: $(wc -l < "$OUT/rejects.jsonl") records rejected, see $OUT/rejects.jsonl" >&2
  exit 1
fi
echo "rejects: none"
"$RL" --db "$DB" link > "$OUT/link.txt"
"$RL" --db "$DB" eval --truth "$OUT/truth.json" | tee "$OUT/eval.txt"
"$RL" --db "$DB" eval --truth "$OUT/truth.json" --format json > "$OUT/eval.json"
