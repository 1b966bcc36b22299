// Package graph is the shape of ringlink's data: an undirected bipartite
// graph whose nodes are accounts and the attributes they used (ips,
// ip-prefixes, payments, devices, emails, templates), with one edge per
// (account, attribute) weighted by how many exchanges carried it.
//
// Snapshot loads that graph from the store in one pass into flat arrays
// (compressed sparse rows indexed by node id) for the linkage passes; View
// exposes a Snapshot through gonum's graph interfaces so that gonum's path
// and encoding algorithms run on it.
package graph
