#!/usr/bin/env bash
# Unique-prompt ingest benchmark: peak RSS (and its anonymous and
# file-backed parts) and wall time of `ringlink ingest` on prompts that
# never repeat, so that every record creates a template the miner soon
# evicts. The worst case for ingest's memory; see BENCHMARKS.md.
#
#   bench/unique-prompts.sh N MINWORDS MAXWORDS
#     6000000 4 18     short prompts (1.08 GB), the twentieth session's file
#     400000 150 400   long prompts (1.0 GB)
#
# RINGLINK=/path/to/binary tests a given build. Needs python3 and
# /usr/bin/time (Debian package "time").
set -euo pipefail
n=${1:?usage: bench/unique-prompts.sh N MINWORDS MAXWORDS}
lo=${2:?}
hi=${3:?}
cd "$(dirname "$0")/.."
WORK=${WORK:-/tmp/ringlink-bench}
mkdir -p "$WORK"
RL=${RINGLINK:-$WORK/ringlink}
[ -n "${RINGLINK:-}" ] || go build -o "$RL" .
in="$WORK/unique-$n-$lo-$hi.jsonl"
if [ ! -s "$in" ]; then
  python3 - "$n" "$lo" "$hi" > "$in" <<'PY'
import random, sys
n, lo, hi = (int(a) for a in sys.argv[1:4])
rnd = random.Random(7)
syl = ["ka", "lo", "mi", "ren", "tu", "sa", "vel", "or", "pin", "dex", "qua", "ber", "nol", "zi", "fa", "gro", "hum", "jet", "wis", "ump"]
def word():
    return "".join(rnd.choice(syl) for _ in range(rnd.randint(2, 4)))
t0 = 1767225600
out = sys.stdout
for i in range(n):
    p = " ".join(word() for _ in range(rnd.randint(lo, hi)))
    out.write('{"ts":%d,"account":"acc%d","ip":"10.%d.%d.%d","prompt":"%s","tokens":%d}\n' % (
        t0 + i // 50, rnd.randrange(200000), rnd.randrange(256), rnd.randrange(256), rnd.randrange(256), p, rnd.randint(10, 900)))
PY
fi
db="$WORK/unique-db"
rm -rf "$db"
/usr/bin/time -f "wall %e s, peak RSS %M KB" "$RL" --db "$db" ingest "$in" > /dev/null &
tp=$!
sleep 0.2
pid=$(pgrep -P "$tp" | head -1 || true)
anon=0 file=0
while kill -0 "$tp" 2>/dev/null; do
  if [ -n "$pid" ] && read -r a f < <(awk '/RssAnon/{a=$2} /RssFile/{f=$2} END{print a, f}' "/proc/$pid/status" 2>/dev/null); then
    [ -n "$a" ] && [ "$a" -gt "$anon" ] && anon=$a
    [ -n "$f" ] && [ "$f" -gt "$file" ] && file=$f
  fi
  sleep 0.05
done
wait "$tp"
echo "peak anonymous $anon KB, peak file-backed $file KB (sampled every 0.05 s)"
rm -rf "$db"
