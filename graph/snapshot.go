package graph

import (
	"bytes"
	"fmt"
	"math"
	"net/netip"
	"slices"
	"sync"

	"github.com/cespare/xxhash/v2"

	"github.com/ringlink/ringlink/store"
)

// Reader is what a Snapshot needs from the store. ScanAccountUses must
// give the accounts in ascending id order, each once, with their
// attributes in ascending order (as the store keeps them).
type Reader interface {
	MaxNodeID() store.NodeID
	ScanNodes(fn func(id store.NodeID, k store.Kind, value []byte) error) error
	ScanAccountUses(fn func(acct store.NodeID, st store.AccountStats, h *store.Hours, uses []store.Use) error) error
}

// Snapshot is an immutable in-memory copy of the graph in CSR form. Node
// ids are the store's ids, so arrays are indexed by id directly; id 0 and
// ids of unused kinds have no neighbours.
//
// Memory is about 16 bytes per edge (both directions, neighbour and count)
// plus 5 bytes per node and the account statistics; 8 bytes per edge when
// counts are kept for templates only (LoadOptions.Prune).
type Snapshot struct {
	Kind []store.Kind // by node id
	Off  []uint32     // neighbours of v are Adj[Off[v]:Off[v+1]]; see ErrTooLarge
	Adj  []uint32
	// count holds the exchanges carrying each edge: parallel to Adj, or,
	// when cRows is not nil, only for the rows in cRows (ascending), row
	// cRows[i] at count[cOff[i]:cOff[i+1]].
	count []uint32
	cRows []uint32
	cOff  []int64
	// acctIDs (ascending) are the accounts the store has statistics
	// for, acctStats those statistics; see AccountStats.
	acctIDs   []uint32
	acctStats []store.AccountStats
	// acctRhythm summarises each account's hours of the day (parallel to
	// acctIDs); see Rhythm.
	acctRhythm []Rhythm
	Values     []string // node values, by id; loaded only with WithValues
	// net holds, by node id, the Net key of each ip node with neighbours
	// and 0 for every other node; loaded only with LoadOptions.Networks.
	// Dense rather than sorted ids and keys: the scorer asks for the key
	// of every address a cluster holds most of, and a binary search per
	// ask cost a second of a seed-scale link; by id it is 4 bytes per
	// node, about what the sorted pairs took.
	net []uint32
	// acctDom is each account's mail domain (parallel to acctIDs; 0 for
	// none), an index into domNames, whose entry 0 is ""; domHolders
	// counts the accounts of each. Loaded only with LoadOptions.Domains.
	acctDom    []uint32
	domNames   []string
	domHolders []int32
	// acctAddrs counts each account's distinct addresses (parallel to
	// acctIDs); loaded only with LoadOptions.Addresses.
	acctAddrs []uint32
	// acctSolo is each account's requests on templates no other account
	// holds (parallel to acctIDs); loaded only with LoadOptions.Prune,
	// which drops those templates' edges.
	acctSolo []uint64
}

// Net returns a key of the network ip node v's address lies in (its /24,
// or /48 for IPv6), or 0 when v is not an ip node with neighbours or the
// snapshot was loaded without LoadOptions.Networks. Keys are hashes:
// equal networks have equal keys, and two networks share one with odds of
// about 2^-31. O(1).
func (s *Snapshot) Net(v uint32) uint32 {
	if int(v) >= len(s.net) {
		return 0
	}
	return s.net[v]
}

// AccountStats returns the statistics of account v, or false when the
// snapshot has none for it (v is no account, or the snapshot was built by
// FromEdges). O(log accounts): a map of a million accounts cost more to
// build at load than all the lookups of a link.
func (s *Snapshot) AccountStats(v store.NodeID) (store.AccountStats, bool) {
	i, ok := slices.BinarySearch(s.acctIDs, uint32(v))
	if !ok {
		return store.AccountStats{}, false
	}
	return s.acctStats[i], true
}

// Rhythm returns the summary of account v's hours of the day, or false
// when the snapshot has no statistics for v. O(log accounts).
func (s *Snapshot) Rhythm(v store.NodeID) (Rhythm, bool) {
	i, ok := slices.BinarySearch(s.acctIDs, uint32(v))
	if !ok || s.acctRhythm == nil {
		return Rhythm{}, false
	}
	return s.acctRhythm[i], true
}

// Pruned reports whether the snapshot was loaded with LoadOptions.Prune:
// then every neighbour of an account is a value at least one other
// account holds, and no ip-prefix node has neighbours.
func (s *Snapshot) Pruned() bool { return s.cRows != nil }

// HasNets reports whether the snapshot was loaded with network keys.
func (s *Snapshot) HasNets() bool { return s.net != nil }

// Domain returns the mail domain of account v (see LoadOptions.Domains) as
// an index for DomainName and DomainHolders, or 0 when v has no email or
// the snapshot was loaded without domains. O(log accounts).
func (s *Snapshot) Domain(v uint32) uint32 {
	if i, ok := slices.BinarySearch(s.acctIDs, v); ok && s.acctDom != nil {
		return s.acctDom[i]
	}
	return 0
}

// Addresses returns how many distinct ip addresses account v used, those
// no other account used included, or 0 when the snapshot was loaded
// without LoadOptions.Addresses. O(log accounts).
func (s *Snapshot) Addresses(v uint32) int {
	if i, ok := slices.BinarySearch(s.acctIDs, v); ok && s.acctAddrs != nil {
		return int(s.acctAddrs[i])
	}
	return 0
}

// SoloTemplateRequests returns account v's requests on templates no other
// account holds, which a pruned snapshot keeps as this one number instead
// of an edge per template (see LoadOptions.Prune), or 0 when the snapshot
// was not pruned. O(log accounts).
func (s *Snapshot) SoloTemplateRequests(v uint32) uint64 {
	if i, ok := slices.BinarySearch(s.acctIDs, v); ok && s.acctSolo != nil {
		return s.acctSolo[i]
	}
	return 0
}

// DomainName returns the text of domain d ("" for 0).
func (s *Snapshot) DomainName(d uint32) string {
	if int(d) >= len(s.domNames) {
		return ""
	}
	return s.domNames[d]
}

// DomainHolders returns how many accounts have their mail at domain d.
func (s *Snapshot) DomainHolders(d uint32) int {
	if d == 0 || int(d) >= len(s.domHolders) {
		return 0
	}
	return int(s.domHolders[d])
}

// mailDomain returns the domain of a canonical email: what follows its
// last '@', or nothing.
func mailDomain(v []byte) []byte {
	i := bytes.LastIndexByte(v, '@')
	if i < 0 || i == len(v)-1 {
		return nil
	}
	return v[i+1:]
}

// networkKey returns the Snapshot.Net key of an address as the store
// keeps it (netip's canonical text): a hash of its family and its
// store.Network, never 0. An IPv4-mapped IPv6 address keys as its IPv4
// address; text that is not an address keys as itself, apart from any
// network. Dotted-quad IPv4 takes a fast path; everything else is
// netipKey.
func networkKey(v []byte) uint32 {
	ip, ok := parseIPv4(v)
	if !ok {
		return netipKey(v)
	}
	key := [4]byte{4, ip[0], ip[1], ip[2]}
	return hashNetwork(key[:])
}

// netipKey is networkKey through netip's parser, for any text.
func netipKey(v []byte) uint32 {
	var b [17]byte
	key := b[:0]
	if a, err := netip.ParseAddr(string(v)); err != nil {
		key = append(append(key, 0), v...)
	} else if n := store.Network(a.Unmap()); n.Addr().Is4() {
		ip := n.Addr().As4()
		key = append(append(key, 4), ip[:3]...)
	} else {
		ip := n.Addr().As16()
		key = append(append(key, 6), ip[:6]...)
	}
	return hashNetwork(key)
}

func hashNetwork(key []byte) uint32 { return uint32(xxhash.Sum64(key)) | 1 }

// parseIPv4 parses dotted-quad IPv4 text exactly as netip.ParseAddr
// does (four decimal octets, no leading zeros), without its allocation:
// a seed-scale load holds tens of millions of addresses, and parsing them
// through netip took a sixth of it. Anything else reports false, for
// netip to decide.
func parseIPv4(v []byte) ([4]byte, bool) {
	var ip [4]byte
	i := 0
	for f := range 4 {
		if f > 0 {
			if i == len(v) || v[i] != '.' {
				return ip, false
			}
			i++
		}
		n, digits := 0, 0
		for ; i < len(v) && '0' <= v[i] && v[i] <= '9'; i++ {
			if digits > 0 && n == 0 { // a leading zero
				return ip, false
			}
			n = n*10 + int(v[i]-'0')
			if digits++; n > 255 {
				return ip, false
			}
		}
		if digits == 0 {
			return ip, false
		}
		ip[f] = byte(n)
	}
	return ip, i == len(v)
}

// N is one past the highest node id.
func (s *Snapshot) N() int { return len(s.Kind) }

// Edges is the number of undirected edges.
func (s *Snapshot) Edges() int { return len(s.Adj) / 2 }

// Neighbors returns the neighbours of v. Accounts' neighbours are
// attributes and attributes' are accounts, both in ascending id order.
func (s *Snapshot) Neighbors(v store.NodeID) []uint32 {
	return s.Adj[s.Off[v]:s.Off[v+1]]
}

// Counts returns the exchanges carrying each edge of v, parallel to
// Neighbors(v), or nil when the snapshot has no counts for v (a pruned
// snapshot keeps them for templates only). O(log templates) when pruned.
func (s *Snapshot) Counts(v store.NodeID) []uint32 {
	if s.cRows == nil {
		return s.count[s.Off[v]:s.Off[v+1]]
	}
	i, ok := slices.BinarySearch(s.cRows, uint32(v))
	if !ok {
		return nil
	}
	return s.count[s.cOff[i]:s.cOff[i+1]]
}

// Degree is the number of neighbours of v.
func (s *Snapshot) Degree(v store.NodeID) int { return int(s.Off[v+1] - s.Off[v]) }

// LoadOptions choose what Load reads besides the structure.
type LoadOptions struct {
	Values bool // keep every node's value (costs memory; for explanations)
	// Prune leaves out what cannot link two accounts, so that linkage
	// does not carry it: ip-prefix edges (locality, not identity), and
	// attributes held by a single account, such as the one-off residential
	// proxy addresses a ring rotates through, which are most of the edges
	// of a large extraction operation, and the templates mined from one
	// account's one-off prompts, most of the templates of ordinary
	// traffic. How much of an account's traffic runs on templates nobody
	// else uses is itself a signal, so those templates' requests are kept
	// as one number per account (SoloTemplateRequests). Edge counts are
	// kept for template rows only, the only ones linkage reads (a third of
	// the snapshot's memory otherwise).
	Prune bool
	// Networks keeps the network of every ip node with neighbours (see
	// Snapshot.Net; 8 bytes each, and 4 bytes per node id during the load).
	Networks bool
	// Domains keeps each account's mail domain: that of its email with the
	// most requests (ties: the lowest id), including emails no other
	// account holds, which Prune leaves out of the graph (see
	// Snapshot.Domain; 4 bytes per account, the distinct domains' text,
	// and 4 bytes per node id during the load, shared with Networks).
	Domains bool
	// Addresses keeps each account's count of distinct ip addresses,
	// pruned ones included (see Snapshot.Addresses; 4 bytes per account).
	Addresses bool
}

// Load reads the whole graph with one pass over nodes, edges and accounts.
// Cost: O(V + E) time; peak memory about 24 bytes per edge while the
// reverse direction is filled (about 16 when pruned), plus 4 bytes per
// node id until the edges are read when loading networks.
func Load(r Reader, opt LoadOptions) (*Snapshot, error) {
	n := int(r.MaxNodeID()) + 1
	s := &Snapshot{Kind: make([]store.Kind, n)}
	if opt.Values {
		s.Values = make([]string, n)
	}
	// net holds, by node id, the network key of an ip node and the
	// domain index of an email node: one array for both kinds.
	var net []uint32
	if opt.Networks || opt.Domains {
		net = make([]uint32, n)
	}
	var domIdx map[string]uint32
	if opt.Domains {
		s.domNames = []string{""}
		domIdx = map[string]uint32{}
	}
	err := r.ScanNodes(func(id store.NodeID, k store.Kind, v []byte) error {
		if int(id) >= n {
			return fmt.Errorf("node %d beyond the highest id %d: %w", id, n-1, store.ErrCorrupt)
		}
		s.Kind[id] = k
		switch {
		case opt.Networks && k == store.KindIP:
			net[id] = networkKey(v)
		case opt.Domains && k == store.KindEmail:
			if d := mailDomain(v); d != nil {
				x, ok := domIdx[string(d)]
				if !ok {
					x = uint32(len(s.domNames))
					domIdx[string(d)] = x
					s.domNames = append(s.domNames, string(d))
				}
				net[id] = x
			}
		}
		if opt.Values {
			s.Values[id] = string(v)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load nodes: %w", err)
	}
	// Accounts arrive in id order with their attributes sorted: keep the
	// forward half as it comes (account offsets, attribute, count), count
	// degrees, then place both directions of the edges kept.
	var acctOff []int64
	var accts []uint32
	var dst, cnt u32s
	deg := make([]uint32, n)
	err = r.ScanAccountUses(func(a store.NodeID, st store.AccountStats, h *store.Hours, uses []store.Use) error {
		if int(a) >= n {
			return fmt.Errorf("account %d beyond the highest id: %w", a, store.ErrCorrupt)
		}
		if len(accts) > 0 && uint32(a) <= accts[len(accts)-1] {
			return fmt.Errorf("account %d read after account %d: %w", a, accts[len(accts)-1], store.ErrCorrupt)
		}
		s.acctStats = append(s.acctStats, st)
		s.acctRhythm = append(s.acctRhythm, RhythmOf(h))
		accts = append(accts, uint32(a))
		acctOff = append(acctOff, dst.n)
		var dom, addrs uint32
		var domCount uint64
		for _, u := range uses {
			if int(u.Attr) >= n {
				return fmt.Errorf("edge %d-%d beyond the highest id: %w", a, u.Attr, store.ErrCorrupt)
			}
			switch k := s.Kind[u.Attr]; {
			case opt.Domains && k == store.KindEmail && net[u.Attr] != 0 && (dom == 0 || u.Count > domCount):
				dom, domCount = net[u.Attr], u.Count
			case k == store.KindIP:
				addrs++
			}
			if opt.Prune && s.Kind[u.Attr] == store.KindIPPrefix {
				continue
			}
			dst.append(uint32(u.Attr))
			if !opt.Prune || s.Kind[u.Attr] == store.KindTemplate {
				cnt.append(uint32(min(u.Count, 1<<32-1)))
			}
			deg[u.Attr]++
		}
		if opt.Domains {
			s.acctDom = append(s.acctDom, dom)
		}
		if opt.Addresses {
			s.acctAddrs = append(s.acctAddrs, addrs)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load edges: %w", err)
	}
	acctOff = append(acctOff, dst.n)
	s.acctIDs = accts
	keep := func(attr uint32) bool {
		return !opt.Prune || deg[attr] >= 2
	}
	// Drop the edges not kept from dst, so that the fill below visits
	// only kept ones, and mark which of them go to templates (in tmpl, by
	// position): the fill then needs neither test's scattered reads. cnt
	// stays aligned: unpruned, every edge is kept; pruned, it holds the
	// template edges only, and is compacted alongside, a dropped
	// template's count going to its one holder's acctSolo.
	var tmpl []uint64
	if opt.Prune {
		tmpl = make([]uint64, (dst.n+63)/64)
		s.acctSolo = make([]uint64, len(accts))
	}
	kept, ci, cKept := int64(0), int64(0), int64(0)
	for i, a := range accts {
		lo, hi := acctOff[i], acctOff[i+1]
		acctOff[i] = kept
		for j := lo; j < hi; j++ {
			b := dst.at(j)
			isT := opt.Prune && s.Kind[b] == store.KindTemplate
			if !keep(b) {
				if isT {
					s.acctSolo[i] += uint64(cnt.at(ci))
					ci++
				}
				continue
			}
			if isT {
				tmpl[kept>>6] |= 1 << (kept & 63)
				cnt.set(cKept, cnt.at(ci))
				ci++
				cKept++
			}
			dst.set(kept, b)
			kept++
		}
		deg[a] += uint32(kept - acctOff[i])
	}
	acctOff[len(accts)] = kept
	if opt.Prune {
		cnt.n = cKept
	}
	// Off[v] starts as the end of v's row and is decremented as the row is
	// filled back to front, so that it ends at the row's start without a
	// second per-node array (4 bytes × ids, 120 MB at 30M ids). Filling in
	// descending (account, attribute) order leaves every neighbour list
	// ascending: an account's attributes arrive ascending, and accounts are
	// placed into each attribute's list in descending order from its end.
	var end int64
	for v := 0; v < n; v++ {
		if s.Kind[v] == store.KindAccount || keep(uint32(v)) {
			end += int64(deg[v])
		}
	}
	if end > math.MaxUint32 {
		return nil, fmt.Errorf("load edges: %d edge ends: %w", end, ErrTooLarge)
	}
	s.Off = make([]uint32, n+1)
	end = 0
	for v := 0; v < n; v++ {
		if s.Kind[v] == store.KindAccount || keep(uint32(v)) {
			end += int64(deg[v])
		}
		s.Off[v] = uint32(end)
	}
	s.Off[n] = uint32(end)
	if opt.Domains {
		s.domHolders = make([]int32, len(s.domNames))
		for _, d := range s.acctDom {
			if d != 0 {
				s.domHolders[d]++
			}
		}
		if s.acctDom == nil {
			s.acctDom = []uint32{}
		}
	}
	if opt.Networks {
		// Off[v] is still the end of v's row here.
		// The array held email domains too, and keys of addresses
		// whose edges were all dropped.
		var start uint32
		for v := range net {
			if s.Kind[v] != store.KindIP || s.Off[v] == start {
				net[v] = 0
			}
			start = s.Off[v]
		}
		s.net = net
	}
	net = nil
	s.Adj = make([]uint32, end)
	// cFill[i] is, like Off, the end of template row cRows[i]'s counts,
	// decremented as the row fills. Once keep has read a kept
	// template's deg entry below, the entry holds its row i instead, found
	// in O(1) per edge (a binary search over millions of mined templates
	// cost a third of the load).
	var cFill []int64
	if opt.Prune {
		s.cRows = []uint32{}
		s.cOff = []int64{0}
		for v := range n {
			if s.Kind[v] == store.KindTemplate && keep(uint32(v)) {
				s.cOff = append(s.cOff, s.cOff[len(s.cOff)-1]+int64(deg[v]))
				deg[v] = uint32(len(s.cRows))
				s.cRows = append(s.cRows, uint32(v))
			}
		}
		cFill = slices.Clone(s.cOff[1:])
		s.count = make([]uint32, s.cOff[len(s.cOff)-1])
	} else {
		s.count = make([]uint32, end)
	}
	// The fill scatters into the attributes' rows, one cache miss per
	// edge, so two goroutines share it: each walks every edge in the same
	// order but writes only the rows of its own range of node ids, split
	// where the rows' lengths add up to half. Each row gets exactly what
	// one sequential pass would give it.
	mid, _ := slices.BinarySearch(s.Off[:n], uint32(end/2))
	var wg sync.WaitGroup
	for _, r := range [2][2]uint32{{0, uint32(mid)}, {uint32(mid), uint32(n)}} {
		wg.Add(1)
		go func(lo, hi uint32) {
			defer wg.Done()
			s.fill(accts, acctOff, &dst, &cnt, tmpl, cFill, deg, lo, hi)
		}(r[0], r[1])
	}
	wg.Wait()
	return s, nil
}

// fill places the edges dst of accounts accts (account i's at
// dst[acctOff[i]:acctOff[i+1]]) into the rows of nodes in [lo, hi), back to
// front from the row ends in s.Off. Unpruned, cnt is parallel to dst;
// pruned, it holds the counts of the template edges, marked in tmpl, in
// order, and row r's counts fill back from cFill[r], r being deg[template].
func (s *Snapshot) fill(accts []uint32, acctOff []int64, dst, cnt *u32s, tmpl []uint64, cFill []int64, deg []uint32, lo, hi uint32) {
	ci := cnt.n
	for i := len(accts) - 1; i >= 0; i-- {
		a := accts[i]
		ownA := lo <= a && a < hi
		for j := acctOff[i+1] - 1; j >= acctOff[i]; j-- {
			b := dst.at(j)
			isT := tmpl != nil && tmpl[j>>6]&(1<<(j&63)) != 0
			if isT {
				ci--
			}
			if ownA {
				s.Off[a]--
				s.Adj[s.Off[a]] = b
				if tmpl == nil {
					s.count[s.Off[a]] = cnt.at(j)
				}
			}
			if b < lo || b >= hi {
				continue
			}
			s.Off[b]--
			s.Adj[s.Off[b]] = a
			if tmpl == nil {
				s.count[s.Off[b]] = cnt.at(j)
			} else if isT {
				r := deg[b]
				cFill[r]--
				s.count[cFill[r]] = cnt.at(ci)
			}
		}
	}
}

// FromEdges builds a Snapshot from an explicit edge list, for tests and
// for small subgraphs. Every node of an edge gets kind k unless kinds
// names it; parallel edges add their counts.
func FromEdges(n int, edges [][3]uint32, kinds map[uint32]store.Kind) *Snapshot {
	s := &Snapshot{Kind: make([]store.Kind, n), Off: make([]uint32, n+1)}
	type key struct{ a, b uint32 }
	merged := map[key]uint32{}
	var order []key
	for _, e := range edges {
		a, b := min(e[0], e[1]), max(e[0], e[1])
		k := key{a, b}
		if _, ok := merged[k]; !ok {
			order = append(order, k)
		}
		merged[k] += e[2]
	}
	deg := make([]uint32, n)
	for _, k := range order {
		deg[k.a]++
		if k.a != k.b {
			deg[k.b]++
		}
	}
	for v := 0; v < n; v++ {
		s.Off[v+1] = s.Off[v] + deg[v]
		if k, ok := kinds[uint32(v)]; ok {
			s.Kind[v] = k
		} else {
			s.Kind[v] = store.KindAccount
		}
	}
	s.Adj = make([]uint32, s.Off[n])
	s.count = make([]uint32, s.Off[n])
	fill := slices.Clone(s.Off[:n])
	for _, k := range order {
		c := merged[k]
		s.Adj[fill[k.a]], s.count[fill[k.a]] = k.b, c
		fill[k.a]++
		if k.a != k.b {
			s.Adj[fill[k.b]], s.count[fill[k.b]] = k.a, c
			fill[k.b]++
		}
	}
	for v := 0; v < n; v++ {
		sortPairs(s.Adj[s.Off[v]:s.Off[v+1]], s.count[s.Off[v]:s.Off[v+1]])
	}
	return s
}

// sortPairs sorts adj ascending, permuting cnt alike (insertion sort: the
// lists FromEdges builds are small).
func sortPairs(adj, cnt []uint32) {
	for i := 1; i < len(adj); i++ {
		for j := i; j > 0 && adj[j] < adj[j-1]; j-- {
			adj[j], adj[j-1] = adj[j-1], adj[j]
			cnt[j], cnt[j-1] = cnt[j-1], cnt[j]
		}
	}
}
