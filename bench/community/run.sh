#!/usr/bin/env bash
# Side-by-side benchmark of ringlink's linkage.Leiden against igraph's Leiden.
#
#   bench/community/run.sh [options] [EDGES[:TRUTH] ...]
#
#   --set standard|large|all   generated graphs to run (default standard);
#                              "none" runs only the files given as arguments
#   --runs N                   runs per graph and implementation (default 5),
#                              seeds 1..N; the table shows medians
#   --iters I                  Leiden iterations for both (default -1: ours
#                              until stable, igraph n_iterations=-1)
#   --data DIR                 where generated graphs live (default
#                              ${TMPDIR:-/tmp}/ringlink-community)
#   EDGES[:TRUTH]              extra weighted edge lists ("u v [w]" lines,
#                              see io.go), e.g. an export of the account
#                              graph, with optional ground-truth labels
#
# Prints a Markdown table: NMI against the truth, modularity, median seconds
# of the community pass only (loading and graph building are not timed),
# time ratio, agreement NMI between the two partitions, community counts.
# igraph comes from Debian's python3-igraph, which installs for
# /usr/bin/python3 (apt-get install -y python3-igraph).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
set_name=standard
runs=5
iters=-1
data=${TMPDIR:-/tmp}/ringlink-community
extra=()
while [[ $# -gt 0 ]]; do
  case $1 in
    --set) set_name=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --iters) iters=$2; shift 2 ;;
    --data) data=$2; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) extra+=("$1"); shift ;;
  esac
done

py=/usr/bin/python3
if ! "$py" -c 'import igraph' 2>/dev/null; then
  echo "run.sh: python3-igraph missing: apt-get update && apt-get install -y python3-igraph" >&2
  exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bin=$work/community
(cd "$root" && go build -o "$bin" ./bench/community)

# Ours: <= 0 means until stable, the counterpart of igraph's negative value.
our_iters=$iters
if (( iters < 0 )); then our_iters=0; fi

specs=()
if [[ $set_name != none ]]; then
  while read -r name; do
    specs+=("$data/$name.edges:$data/$name.truth")
  done < <("$bin" gen -dir "$data" -set "$set_name")
fi
specs+=("${extra[@]+"${extra[@]}"}")

echo "<!-- runs=$runs iters=$iters (ours -iters $our_iters, igraph n_iterations=$iters) $(date -u +%FT%TZ) -->"
"$bin" row -header
for spec in "${specs[@]}"; do
  edges=${spec%%:*}
  truth=""
  [[ $spec == *:* ]] && truth=${spec#*:}
  name=$(basename "$edges" .edges)
  targs=()
  [[ -n $truth ]] && targs=(-truth "$truth")
  "$bin" leiden -graph "$edges" "${targs[@]+"${targs[@]}"}" -runs "$runs" -iters "$our_iters" \
    -membership "$work/$name.ours" > "$work/$name.ours.json"
  pargs=()
  [[ -n $truth ]] && pargs=(--truth "$truth")
  "$py" "$here/igraph_leiden.py" --graph "$edges" "${pargs[@]+"${pargs[@]}"}" --runs "$runs" --iters "$iters" \
    --membership "$work/$name.igraph" > "$work/$name.igraph.json"
  "$bin" row -name "$name" -graph "$edges" -ours "$work/$name.ours.json" -igraph "$work/$name.igraph.json" \
    -ours-membership "$work/$name.ours" -igraph-membership "$work/$name.igraph"
done
