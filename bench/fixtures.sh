#!/usr/bin/env bash
# Generation speed of each fixture scenario into a pipe (issue 3: at least
# 1,000,000 records/s), median of RUNS runs (seed: SEED_RUNS, default 1).
#
#   bench/fixtures.sh
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
WORK=${WORK:-/tmp/ringlink-bench}
mkdir -p "$WORK"
go build -o "$WORK/ringlink" .
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
for s in ci demo seed; do
  runs=$RUNS; [ $s = seed ] && runs=${SEED_RUNS:-1}
  secs=()
  for i in $(seq "$runs"); do
    start=$(date +%s.%N)
    "$WORK/ringlink" fixtures gen --scenario $s --seed 1 --out - 2> "$WORK/gen.err" | cat > /dev/null
    end=$(date +%s.%N)
    secs+=("$(awk -v a="$start" -v b="$end" 'BEGIN{printf "%.3f", b-a}')")
  done
  records=$(awk '{print $2}' "$WORK/gen.err" | head -1)
  m=$(printf '%s\n' "${secs[@]}" | median)
  echo "$s: $records records; runs ${secs[*]} s; median $m s = $(awk -v n="$records" -v s="$m" 'BEGIN{printf "%.0f", n/s}') records/s"
done
