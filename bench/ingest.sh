#!/usr/bin/env bash
# Ingest benchmark: records/s and peak RSS of `ringlink ingest` on a
# generated file of at least 5 million records, plain and gzipped, with
# `gzip -dc` of the same file as the yardstick. Medians of RUNS runs.
#
#   bench/ingest.sh            # without prompt text (issue 2's target)
#   PROMPTS=1 bench/ingest.sh  # with prompt text, mining included (issue 5)
#
# Needs /usr/bin/time (Debian package "time") and gzip.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
WORK=${WORK:-/tmp/ringlink-bench}
mkdir -p "$WORK"
go build -o "$WORK/ringlink" .
RL="$WORK/ringlink"

flags=(--scenario demo --seed 1 --legit 200000 --ring-accounts 10000 --ring-exchanges 2000000)
name=bench5m-noprompts
if [ "${PROMPTS:-0}" = 1 ]; then name=bench5m-prompts; else flags+=(--no-prompts); fi
in="$WORK/$name.jsonl"
if [ ! -s "$in" ]; then
  "$RL" fixtures gen "${flags[@]}" --out "$in"
  gzip -c "$in" > "$in.gz"
fi
records=$(wc -l < "$in")
echo "input: $in, $records records, $(du -h "$in" | cut -f1) ($(du -h "$in.gz" | cut -f1) gzipped)"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# run_ingest FILE -> prints "seconds rss_kb anon_kb" for one fresh ingest.
# rss_kb is /usr/bin/time's peak RSS, which also counts Badger's
# memory-mapped table files (page cache the kernel can reclaim); anon_kb is
# the peak of RssAnon (heap, stacks) sampled every 0.1 s from /proc.
run_ingest() {
  rm -rf "$WORK/db"
  /usr/bin/time -f "%e %M" -o "$WORK/time.txt" "$RL" --db "$WORK/db" ingest "$1" > /dev/null &
  local tpid=$! anon=0 pid a
  while kill -0 "$tpid" 2>/dev/null; do
    pid=$(pgrep -P "$tpid" | head -1 || true)
    if [ -n "$pid" ]; then
      a=$(awk '/^RssAnon/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
      if [ -n "$a" ] && [ "$a" -gt "$anon" ]; then anon=$a; fi
    fi
    sleep 0.1
  done
  wait "$tpid"
  echo "$(cat "$WORK/time.txt") $anon"
}

for kind in plain gz; do
  file=$in; [ $kind = gz ] && file=$in.gz
  secs=(); rss=(); anon=()
  for i in $(seq "$RUNS"); do
    read -r s m a < <(run_ingest "$file")
    secs+=("$s"); rss+=("$m"); anon+=("$a")
  done
  ms=$(printf '%s\n' "${secs[@]}" | median)
  mr=$(printf '%s\n' "${rss[@]}" | median)
  maxr=$(printf '%s\n' "${rss[@]}" | sort -n | tail -1)
  ma=$(printf '%s\n' "${anon[@]}" | median)
  echo "ingest $kind: runs ${secs[*]} s; median $ms s = $(awk -v n="$records" -v s="$ms" 'BEGIN{printf "%.0f", n/s}') records/s; peak RSS median $((mr/1024)) MB, max $((maxr/1024)) MB; peak anonymous RSS median $((ma/1024)) MB"
  [ $kind = gz ] && gz_ingest=$ms
done

g=()
for i in $(seq "$RUNS"); do
  /usr/bin/time -f "%e" -o "$WORK/time.txt" gzip -dc "$in.gz" > /dev/null
  g+=("$(cat "$WORK/time.txt")")
done
gm=$(printf '%s\n' "${g[@]}" | median)
echo "gzip -dc: runs ${g[*]} s; median $gm s; gz ingest / gzip -dc = $(awk -v a="$gz_ingest" -v b="$gm" 'BEGIN{printf "%.1f", a/b}')x"
