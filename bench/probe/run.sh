#!/usr/bin/env bash
# Out-of-distribution probe: generate the scenario for SEED, ingest it into a
# fresh database, link, and score it against the truth.
#
#   bench/probe/run.sh SEED
#
# Writes /tmp/probe/sSEED/{traffic.jsonl,truth.json,rejects.jsonl,eval.json}
# and the database /tmp/probe/dbSEED; prints the eval table.
set -euo pipefail
SEED=${1:?usage: bench/probe/run.sh SEED}
cd "$(dirname "$0")/../.."
OUT=/tmp/probe/s$SEED
DB=/tmp/probe/db$SEED
BIN=/tmp/probe-ringlink

go build -o "$BIN" .
go build -o /tmp/probe-gen ./bench/probe
rm -rf "$OUT" "$DB"
mkdir -p "$OUT"

secs() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}'; }

t=$(date +%s.%N)
/tmp/probe-gen --seed "$SEED" --out "$OUT/traffic.jsonl" --truth "$OUT/truth.json"
echo "generate: $(secs "$t") s, $(wc -l < "$OUT/traffic.jsonl") records" >&2

t=$(date +%s.%N)
"$BIN" --db "$DB" ingest "$OUT/traffic.jsonl" --rejects "$OUT/rejects.jsonl"
echo "ingest: $(secs "$t") s, $(wc -l < "$OUT/rejects.jsonl" 2>/dev/null || echo 0) rejects" >&2

t=$(date +%s.%N)
"$BIN" --db "$DB" link
echo "link: $(secs "$t") s" >&2

"$BIN" --db "$DB" eval --truth "$OUT/truth.json"
"$BIN" --db "$DB" eval --truth "$OUT/truth.json" --format json > "$OUT/eval.json"
echo "eval json: $OUT/eval.json" >&2
