package store

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"slices"
)

// Packed adjacency values. An account's value holds its statistics and
// the attributes it used; an attribute's value holds the accounts that
// used it. Packing a node's list under one key (per batch, per part of at
// most maxPart entries) instead of one key per edge cuts Badger's writes
// and keys several-fold, which is what bounds ingest and load speed.
//
//	account value:   AccountStats, uvarint n, n × (uvarint attr delta,
//	                 uvarint count, uvarint tokens, varint first,
//	                 uvarint last-first)[, Hours]
//
// The Hours section (format 4) is present when the account made requests
// in the records the value holds; values written before format 4, and
// the second and later parts of an account's value, end without it.
//	attribute value: uvarint n, n × uvarint account delta
//
// Lists are sorted by id and delta-encoded.

// Use is one attribute used by an account, with its statistics.
type Use struct {
	Attr NodeID
	EdgeStats
}

func encodeAccount(dst []byte, st AccountStats, h *Hours, uses []Use) []byte {
	dst = st.append(dst)
	dst = binary.AppendUvarint(dst, uint64(len(uses)))
	prev := NodeID(0)
	for _, u := range uses {
		dst = binary.AppendUvarint(dst, uint64(u.Attr-prev))
		prev = u.Attr
		dst = binary.AppendUvarint(dst, u.Count)
		dst = binary.AppendUvarint(dst, u.Tokens)
		dst = binary.AppendVarint(dst, u.First)
		dst = binary.AppendUvarint(dst, uint64(u.Last-u.First))
	}
	if h != nil && h.Total() > 0 {
		dst = appendHours(dst, h)
	}
	return dst
}

// decodeAccount appends the uses in b to uses and adds its hours to h.
func decodeAccount(b []byte, h *Hours, uses []Use) (AccountStats, []Use, error) {
	r := varintReader{b: b}
	st := r.accountStats()
	n := r.uvarint()
	if n > uint64(len(b)) {
		return st, uses, fmt.Errorf("account value: %w", ErrCorrupt)
	}
	prev := NodeID(0)
	for i := uint64(0); i < n && !r.bad; i++ {
		var u Use
		u.Attr = prev + NodeID(r.uvarint())
		prev = u.Attr
		u.Count, u.Tokens = r.uvarint(), min(r.uvarint(), MaxTokens)
		u.First = r.varint()
		u.Last = u.First + int64(r.uvarint())
		uses = append(uses, u)
	}
	if !r.bad && r.off < len(b) {
		// Only a value's first part carries hours, which count no more
		// requests than its statistics do.
		hs := r.hours()
		if hs.Total() > st.Requests {
			r.bad = true
		}
		h.Add(&hs)
	}
	return st, uses, r.err("account value")
}

func encodeAccounts(dst []byte, ids []NodeID) []byte {
	dst = binary.AppendUvarint(dst, uint64(len(ids)))
	prev := NodeID(0)
	for _, id := range ids {
		dst = binary.AppendUvarint(dst, uint64(id-prev))
		prev = id
	}
	return dst
}

// decodeAccounts appends the ids in b to ids.
func decodeAccounts(b []byte, ids []NodeID) ([]NodeID, error) {
	r := varintReader{b: b}
	n := r.uvarint()
	if n > uint64(len(b)) {
		return ids, fmt.Errorf("attribute value: %w", ErrCorrupt)
	}
	prev := NodeID(0)
	for i := uint64(0); i < n && !r.bad; i++ {
		prev += NodeID(r.uvarint())
		ids = append(ids, prev)
	}
	return ids, r.err("attribute value")
}

// mergeUses merges uses (a concatenation of sorted runs) into one sorted
// list with one entry per attribute. It sorts in place.
func mergeUses(uses []Use) []Use {
	if len(uses) < 2 {
		return uses
	}
	sorted := true
	for i := 1; i < len(uses); i++ {
		if uses[i].Attr <= uses[i-1].Attr {
			sorted = false
			break
		}
	}
	if sorted {
		return uses
	}
	sortUses(uses)
	out := uses[:1]
	for _, u := range uses[1:] {
		if last := &out[len(out)-1]; last.Attr == u.Attr {
			last.Merge(u.EdgeStats)
		} else {
			out = append(out, u)
		}
	}
	return out
}

// mergeIDs sorts ids and removes duplicates in place.
func mergeIDs(ids []NodeID) []NodeID {
	if len(ids) < 2 {
		return ids
	}
	sorted := true
	for i := 1; i < len(ids); i++ {
		if ids[i] <= ids[i-1] {
			sorted = false
			break
		}
	}
	if sorted {
		return ids
	}
	sortIDs(ids)
	out := ids[:1]
	for _, id := range ids[1:] {
		if id != out[len(out)-1] {
			out = append(out, id)
		}
	}
	return out
}

// sortUses sorts by attribute. Not stable: the entries of one attribute
// are merged by sums, minima and maxima, which do not depend on order, and
// a stable sort (O(n log² n)) of an unfolded account's hundreds of
// records was a third of link's time on a large database.
func sortUses(u []Use) {
	slices.SortFunc(u, func(a, b Use) int { return cmp.Compare(a.Attr, b.Attr) })
}
func sortIDs(ids []NodeID) { slices.Sort(ids) }
