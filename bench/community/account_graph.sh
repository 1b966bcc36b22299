#!/usr/bin/env bash
# Community detection on ringlink's own account graph, side by side with
# igraph: builds a database from a fixture scenario (or uses DB), exports
# the exact weighted graph that `ringlink link` hands to Leiden, and runs
# run.sh on it (our Leiden vs python3-igraph's, same edge list, same
# iterations).
#
#   bench/community/account_graph.sh [SCENARIO]      # default demo
#   DB=/path/to/db bench/community/account_graph.sh  # an existing database
#   RUNS=3 ITERS=2 ...                               # forwarded to run.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
scenario=${1:-demo}
work=${TMPDIR:-/tmp}/ringlink-account-graph
mkdir -p "$work"
(cd "$root" && go build -o "$work/ringlink" .)
db=${DB:-$work/$scenario.db}
if [ -z "${DB:-}" ] && [ ! -d "$db" ]; then
  "$work/ringlink" fixtures gen --scenario "$scenario" --out - | "$work/ringlink" --db "$db" ingest -
fi
edges="$work/$(basename "$db").edges"
/usr/bin/time -f "link: %e s wall, %M KB peak RSS" "$work/ringlink" --db "$db" link --max-iterations "${ITERS:-2}" --export-graph "$edges"
"$here/run.sh" --set none --runs "${RUNS:-3}" --iters "${ITERS:-2}" "$edges"
