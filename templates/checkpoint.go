package templates

import (
	"encoding/binary"
	"fmt"
	"slices"
)

// A miner's behaviour depends on more than its templates: which of them
// are in memory (eviction is by recency), their recency order, which
// bucket entries survived the bucket cap and when each was filed (bucket
// victims are picked by age), which templates retireOpeners unfiled, the
// clock those ages are read from, and the exact index, which remembers the
// prompt that created every template, evicted or not. A checkpoint keeps
// all of it: the templates through their records (Changed), which carry
// the hash of their creating prompt, and the rest in a compact state
// (Checkpoint), about 15 bytes per template in memory. Restore rebuilds
// the exact index by replaying the creating prompts' hashes in id order,
// the order they were created in, so the index needs no space of its own.
//
// Records are written before the state that completes their checkpoint,
// and may be written in several steps; a process can die in between. So
// each record names its checkpoint and says what the template was at the
// one before (it did not exist, or its count, how many samples and which
// skeleton it had: samples only grow). Restore takes the records of a
// checkpoint later than the state's back to the state's, which is exact
// because a checkpoint's records are only written once the one before is
// complete.

// stateVersion prefixes the encoded state.
const stateVersion = 1

// Flags of a template in the encoded state.
const (
	stMerged = 1 << iota
	stInG
	stB0 // filed in buckets under keys[0]
	stB1 // filed in buckets under keys[1]
	stG0 // filed in gbuckets under keys[0]
	stG1 // filed in gbuckets under keys[1]
	stG0Merged
	stG1Merged
)

// Checkpoint is Changed plus the encoded state of the miner at this point.
// Restore, given the state and the records of every checkpoint up to this
// one, returns a miner that assigns the same ids as this one to whatever
// it is fed next. The records and the state must be persisted with what
// the checkpoint covers (the state last, atomically with the caller's own
// checkpoint); records written without their state are rolled back.
func (m *Miner) Checkpoint() ([]Template, []byte) {
	changed := m.Changed()
	return changed, m.state()
}

// CheckpointEncoded is Checkpoint with the changed templates left in
// their persisted encoding, which is how ingest writes them: a batch of
// new prompts changes hundreds of thousands of templates, and their
// encoding is the most compact form to hold until the batch is written.
func (m *Miner) CheckpointEncoded() (Encoded, []byte) {
	changed := m.changed()
	return changed, m.state()
}

func (m *Miner) state() []byte {
	slots := make([]int32, 0, m.live)
	for s := range m.ts {
		if m.ts[s].live {
			slots = append(slots, int32(s))
		}
	}
	slices.SortFunc(slots, func(a, b int32) int { return int64cmp(int64(m.ts[a].pub.ID), int64(m.ts[b].pub.ID)) })
	b := make([]byte, 0, 16+len(slots)*16)
	b = append(b, stateVersion)
	b = binary.AppendUvarint(b, m.seq)
	b = binary.AppendUvarint(b, m.tick)
	b = binary.AppendUvarint(b, uint64(m.nextID))
	b = binary.AppendUvarint(b, uint64(len(slots)))
	prev := uint32(0)
	var added [4]uint64
	for _, s := range slots {
		t := &m.ts[s]
		b = binary.AppendUvarint(b, uint64(t.pub.ID-prev))
		prev = t.pub.ID
		b = binary.AppendUvarint(b, m.tick-t.used)
		flags := 0
		if t.merged {
			flags |= stMerged
		}
		if t.inG {
			flags |= stInG
		}
		for k, key := range t.keys {
			if key == 0 || (k == 1 && key == t.keys[0]) {
				continue
			}
			if e := findEntry(m.buckets[key], s); e != nil {
				flags |= stB0 << k
				added[k] = e.added
			}
			if e := findEntry(m.gbuckets[key], s); e != nil {
				flags |= stG0 << k
				added[2+k] = e.added
				if e.merged {
					flags |= stG0Merged << k
				}
			}
		}
		b = append(b, byte(flags))
		for i := 0; i < 4; i++ {
			if flags&(stB0<<i) != 0 {
				b = binary.AppendUvarint(b, m.tick-added[i])
			}
		}
	}
	return b
}

func findEntry(b []bent, s int32) *bent {
	for i := range b {
		if b[i].s == s {
			return &b[i]
		}
	}
	return nil
}

// stateEntry is one in-memory template of an encoded state.
type stateEntry struct {
	id    uint32
	used  uint64
	flags byte
	added [4]uint64
}

type minerState struct {
	seq, tick uint64
	nextID    uint32
	entries   []stateEntry
}

// stateSeq reads the checkpoint number of an encoded state; a nil state
// is checkpoint 0, the one before any.
func stateSeq(state []byte) (uint64, error) {
	if state == nil {
		return 0, nil
	}
	if len(state) == 0 || state[0] != stateVersion {
		return 0, ErrCorruptState
	}
	r := reader{b: state[1:]}
	seq := r.uvarint()
	if r.err != nil {
		return 0, ErrCorruptState
	}
	return seq, nil
}

func decodeState(state []byte) (minerState, error) {
	var st minerState
	if len(state) == 0 || state[0] != stateVersion {
		return st, ErrCorruptState
	}
	r := reader{b: state[1:]}
	st.seq, st.tick = r.uvarint(), r.uvarint()
	next, n := r.uvarint(), r.uvarint()
	if r.err != nil || next > 1<<32-1 || n > uint64(len(r.b)) {
		return st, ErrCorruptState
	}
	st.nextID = uint32(next)
	st.entries = make([]stateEntry, 0, n)
	id := uint64(0)
	for i := uint64(0); i < n && r.err == nil; i++ {
		id += r.uvarint()
		e := stateEntry{id: uint32(id), used: st.tick - r.uvarint(), flags: r.byte()}
		for k := 0; k < 4; k++ {
			if e.flags&(stB0<<k) != 0 {
				e.added[k] = st.tick - r.uvarint()
			}
		}
		if id == 0 || id >= next {
			return st, ErrCorruptState
		}
		st.entries = append(st.entries, e)
	}
	if r.err != nil || len(r.b) != 0 {
		return st, ErrCorruptState
	}
	return st, nil
}

// Repair lists the stored records Restore found ahead of the state: Put
// holds them rolled back, Drop the ids of templates created since. Writing
// it makes the store match the state, so that a later checkpoint with the
// same number cannot pick up the abandoned records.
type Repair struct {
	Put  []Template
	Drop []uint32
}

// Empty reports whether there is nothing to repair.
func (r Repair) Empty() bool { return len(r.Put) == 0 && len(r.Drop) == 0 }

// Committed returns t as it was at the checkpoint of state (nil for a
// store that has none), and false when it did not exist yet: what readers
// of persisted templates should show.
func Committed(t Template, state []byte) (Template, bool, error) {
	seq, err := stateSeq(state)
	if err != nil {
		return Template{}, false, err
	}
	t, ok, _, err := rollback(t, seq)
	return t, ok, err
}

// rollback takes t back to checkpoint c: ok is false when it did not exist
// then, changed when its record must be rewritten.
func rollback(t Template, c uint64) (_ Template, ok, changed bool, err error) {
	switch {
	case t.seq <= c:
		return t, true, false, nil
	case t.seq > c+1:
		return t, false, false, fmt.Errorf("templates: template %d belongs to checkpoint %d, the state to %d: %w", t.ID, t.seq, c, ErrCorruptState)
	}
	switch t.undo.kind {
	case undoCreated:
		return t, false, true, nil
	case undoPrev:
		t.Count = t.undo.count
		t.Samples = t.Samples[:t.undo.samples:t.undo.samples]
		if !t.undo.sameSkel {
			t.Skeleton = t.undo.skel
		}
		t.seq, t.undo = c, undo{}
		return t, true, true, nil
	}
	return t, false, false, fmt.Errorf("templates: template %d cannot be rolled back to checkpoint %d: %w", t.ID, c, ErrCorruptState)
}

// Restore rebuilds the miner of a checkpoint from its state (nil when the
// store has none: templates saved before checkpoints, loaded as NewMiner
// does) and from every persisted template record, which scan must yield in
// id order. Only the templates the state holds in memory are kept, so
// memory stays within the configured bound however many were saved.
func Restore(cfg Config, state []byte, scan func(yield func(Template) error) error) (*Miner, Repair, error) {
	var rep Repair
	var st minerState
	c := uint64(0)
	if state != nil {
		var err error
		if st, err = decodeState(state); err != nil {
			return nil, rep, err
		}
		c = st.seq
	}
	m := newMiner(cfg)
	want := make(map[uint32]int, len(st.entries))
	for i, e := range st.entries {
		want[e.id] = i
	}
	found := make([]Template, len(st.entries))
	have := make([]bool, len(st.entries))
	var saved []Template // without a state: everything, as NewMiner takes it
	last := uint32(0)
	err := scan(func(t Template) error {
		if t.ID <= last {
			return fmt.Errorf("templates: template %d after %d: %w", t.ID, last, ErrCorruptState)
		}
		last = t.ID
		t, ok, changed, err := rollback(t, c)
		if err != nil {
			return err
		}
		switch {
		case !ok:
			rep.Drop = append(rep.Drop, t.ID)
			return nil
		case changed:
			rep.Put = append(rep.Put, t)
		}
		if state == nil {
			saved = append(saved, t)
			return nil
		}
		// Replay the exact index: ids were given, and the index filled,
		// in creation order.
		if h := exactKey(m.cfg, t); h != 0 {
			m.exact.put(h, t.ID)
		}
		if i, ok := want[t.ID]; ok {
			found[i], have[i] = t, true
		}
		return nil
	})
	if err != nil {
		return nil, rep, err
	}
	if state == nil {
		return NewMiner(cfg, saved), rep, nil
	}
	m.seq, m.tick, m.nextID = st.seq, st.tick, max(st.nextID, 1)
	slots := make([]int32, 0, len(st.entries))
	for i, e := range st.entries {
		if !have[i] {
			return nil, rep, fmt.Errorf("templates: template %d of the state is not stored: %w", e.id, ErrCorruptState)
		}
		t := found[i]
		toks, words := parseSkeleton(t.Skeleton)
		s := m.alloc()
		m.ts[s] = tmpl{pub: Template{ID: t.ID, Skeleton: t.Skeleton, Samples: t.Samples, Count: t.Count},
			toks: toks, words: words, merged: e.flags&stMerged != 0, inG: e.flags&stInG != 0,
			live: true, used: e.used, hash: exactKey(m.cfg, t)}
		tp := &m.ts[s]
		tp.save()
		m.derive(s)
		for k, key := range tp.keys {
			if key == 0 || (k == 1 && key == tp.keys[0]) {
				continue
			}
			if e.flags&(stB0<<k) != 0 {
				en := m.entry(s)
				en.added = e.added[k]
				m.buckets[key] = append(m.buckets[key], en)
			}
			if e.flags&(stG0<<k) != 0 {
				en := m.entry(s)
				en.added, en.merged = e.added[2+k], e.flags&(stG0Merged<<k) != 0
				m.gbuckets[key] = append(m.gbuckets[key], en)
			}
		}
		m.byID[t.ID] = s
		m.live++
		slots = append(slots, s)
	}
	// Recency lists are in order of last use: rebuild them oldest first.
	slices.SortFunc(slots, func(a, b int32) int {
		if m.ts[a].used != m.ts[b].used {
			return int64cmp(int64(m.ts[a].used), int64(m.ts[b].used))
		}
		return int64cmp(int64(m.ts[a].pub.ID), int64(m.ts[b].pub.ID))
	})
	for _, s := range slots {
		m.pushFront(s)
	}
	m.evictOver(-1) // a smaller MaxTemplates than the checkpoint's
	return m, rep, nil
}
