package main

import (
	"bufio"
	"bytes"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"

	"github.com/ringlink/ringlink/linkage"
)

// Edge-list format, shared with igraph_leiden.py:
//
//	# comment lines start with '#'; "# nodes N" fixes the node count
//	u v [w]
//
// u and v are node ids, w a positive weight (default 1). If every id is a
// non-negative integer the ids are used as they are (so ground-truth files
// can be indexed by id) and n = max(id)+1, or N from the header if larger;
// otherwise ids are arbitrary tokens numbered in order of first appearance.
// Both loaders implement the same rule, so memberships line up.

// writeEdgeList writes a generated graph with unit weights.
func writeEdgeList(path string, n int, edges []edge, comment string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	fmt.Fprintf(w, "# %s\n# nodes %d\n# edges %d\n", comment, n, len(edges))
	buf := make([]byte, 0, 32)
	for _, e := range edges {
		buf = strconv.AppendInt(buf[:0], int64(e.u), 10)
		buf = append(buf, ' ')
		buf = strconv.AppendInt(buf, int64(e.v), 10)
		buf = append(buf, " 1\n"...)
		w.Write(buf)
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// writeLabels writes one label per line, line i for node i.
func writeLabels(path string, labels []int32) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	buf := make([]byte, 0, 16)
	for _, l := range labels {
		buf = strconv.AppendInt(buf[:0], int64(l), 10)
		buf = append(buf, '\n')
		w.Write(buf)
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// readLabels reads a file of one integer label per line.
func readLabels(path string) ([]int32, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []int32
	for i, line := range bytes.Split(data, []byte{'\n'}) {
		s := strings.TrimSpace(string(line))
		if s == "" || s[0] == '#' {
			continue
		}
		v, err := strconv.ParseInt(s, 10, 32)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %v", path, i+1, err)
		}
		out = append(out, int32(v))
	}
	return out, nil
}

// readEdgeList loads an edge list into a linkage.Graph.
func readEdgeList(path string) (*linkage.Graph, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	type raw struct {
		u, v string
		w    float32
	}
	var rows []raw
	headerN := 0
	numeric := true
	for i, line := range bytes.Split(data, []byte{'\n'}) {
		fields := strings.Fields(string(line))
		if len(fields) == 0 {
			continue
		}
		if strings.HasPrefix(fields[0], "#") {
			if len(fields) >= 3 && fields[0] == "#" && fields[1] == "nodes" {
				headerN, _ = strconv.Atoi(fields[2])
			}
			continue
		}
		if len(fields) < 2 {
			return nil, fmt.Errorf("%s:%d: want 'u v [w]'", path, i+1)
		}
		w := float32(1)
		if len(fields) >= 3 {
			f, err := strconv.ParseFloat(fields[2], 32)
			if err != nil || f < 0 || math.IsNaN(f) {
				return nil, fmt.Errorf("%s:%d: bad weight %q", path, i+1, fields[2])
			}
			w = float32(f)
		}
		for _, id := range fields[:2] {
			if numeric {
				if x, err := strconv.ParseUint(id, 10, 31); err != nil || x >= math.MaxInt32 {
					numeric = false
				}
			}
		}
		rows = append(rows, raw{fields[0], fields[1], w})
	}
	edges := make([]linkage.Edge, len(rows))
	n := headerN
	if numeric {
		for i, r := range rows {
			u, _ := strconv.Atoi(r.u)
			v, _ := strconv.Atoi(r.v)
			edges[i] = linkage.Edge{U: int32(u), V: int32(v), W: r.w}
			n = max(n, u+1, v+1)
		}
	} else {
		ids := map[string]int32{}
		id := func(s string) int32 {
			x, ok := ids[s]
			if !ok {
				x = int32(len(ids))
				ids[s] = x
			}
			return x
		}
		for i, r := range rows {
			u := id(r.u)
			v := id(r.v)
			edges[i] = linkage.Edge{U: u, V: v, W: r.w}
		}
		n = len(ids)
	}
	return linkage.NewGraph(n, edges), nil
}
