"""Reference runner: igraph's Leiden on the same edge list as `community leiden`.

Run with Debian's interpreter, which is where python3-igraph installs:

    /usr/bin/python3 bench/community/igraph_leiden.py --graph F [--truth T]
        [--runs R] [--seed S] [--iters I] [--membership OUT]

Loads the edge list with the same id rule as bench/community/io.go (integer
ids used as they are, otherwise tokens numbered by first appearance), then
times only `community_leiden(objective_function="modularity",
weights="weight", n_iterations=I)`. Prints one JSON line in the same format
as the Go runner: per-run seconds, modularity, NMI against the truth and
community count. Run r uses random.seed(S + r), python-igraph's RNG.
"""

import argparse
import json
import random
import sys
import time

import igraph


def read_edge_list(path):
    header_n = 0
    us, vs, ws = [], [], []
    numeric = True
    with open(path) as f:
        for line in f:
            fields = line.split()
            if not fields:
                continue
            if fields[0].startswith("#"):
                if len(fields) >= 3 and fields[0] == "#" and fields[1] == "nodes":
                    header_n = int(fields[2])
                continue
            u, v = fields[0], fields[1]
            if numeric and not (u.isdigit() and v.isdigit()):
                numeric = False
            us.append(u)
            vs.append(v)
            ws.append(float(fields[2]) if len(fields) >= 3 else 1.0)
    if numeric:
        us = [int(x) for x in us]
        vs = [int(x) for x in vs]
        n = max([header_n] + [x + 1 for x in us] + [x + 1 for x in vs])
    else:
        ids = {}
        for i in range(len(us)):
            us[i] = ids.setdefault(us[i], len(ids))
            vs[i] = ids.setdefault(vs[i], len(ids))
        n = len(ids)
    g = igraph.Graph(n=n, edges=list(zip(us, vs)))
    g.es["weight"] = ws
    # Match linkage.NewGraph: merge parallel edges by summing weights and
    # drop self-loops and zero-weight edges.
    g.delete_edges([e.index for e in g.es if e["weight"] == 0])
    g.simplify(multiple=True, loops=True, combine_edges="sum")
    return g


def read_labels(path):
    with open(path) as f:
        return [int(line) for line in f if line.strip() and not line.startswith("#")]


def median(xs):
    s = sorted(xs)
    k = len(s)
    return s[k // 2] if k % 2 else (s[k // 2 - 1] + s[k // 2]) / 2


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--graph", required=True)
    ap.add_argument("--truth")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--iters", type=int, default=-1)
    ap.add_argument("--membership")
    args = ap.parse_args()

    g = read_edge_list(args.graph)
    truth = read_labels(args.truth) if args.truth else None
    if truth is not None and len(truth) != g.vcount():
        sys.exit(f"truth has {len(truth)} labels for {g.vcount()} nodes")

    out = {"impl": "igraph " + igraph.__version__, "n": g.vcount(), "m": g.ecount(),
           "iterations": args.iters, "seconds": [], "modularity": [], "communities": []}
    if truth is not None:
        out["nmi"] = []
    for r in range(args.runs):
        random.seed(args.seed + r)
        start = time.perf_counter()
        c = g.community_leiden(objective_function="modularity", weights="weight",
                               n_iterations=args.iters)
        out["seconds"].append(time.perf_counter() - start)
        out["modularity"].append(g.modularity(c.membership, weights="weight"))
        out["communities"].append(len(c))
        if truth is not None:
            out["nmi"].append(igraph.compare_communities(truth, c.membership, method="nmi"))
        if r == 0 and args.membership:
            with open(args.membership, "w") as f:
                f.write("\n".join(map(str, c.membership)) + "\n")
    print(json.dumps(out))


if __name__ == "__main__":
    main()
