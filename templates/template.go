package templates

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// Template is one mined prompt template as callers see and persist it.
type Template struct {
	ID uint32
	// Skeleton is the template's constant tokens separated by single
	// spaces, with every slot (and every masked variable) shown as <*>.
	// It is also the persisted state: NewMiner re-derives the matcher from
	// it, so it must round-trip unchanged.
	Skeleton string
	// Samples holds up to Config.MaxSamples distinct prompts that matched,
	// each cut to maxSampleLen bytes, for analysts.
	Samples []string
	// Count is the number of prompts mapped to the template while it was
	// in memory; it is informational and restarts from the persisted value.
	Count uint64

	// What Restore needs, set by Changed and kept by the encoding.
	hash uint64 // exact-index key of the prompt that created it; 0 none
	seq  uint64 // the checkpoint (Changed call) of this state; 0 before checkpoints
	undo undo   // the way back to the state at checkpoint seq-1
}

// undo describes a template's state at the checkpoint before the one its
// record belongs to. Samples only grow, so the earlier ones are a prefix.
type undo struct {
	kind     uint8 // undoNone, undoCreated or undoPrev
	count    uint64
	samples  int
	sameSkel bool
	skel     string // when !sameSkel
}

const (
	undoNone    = 0 // no earlier state is known (a record older than checkpoints, or rolled back)
	undoCreated = 1 // the template did not exist
	undoPrev    = 2 // count, samples and skeleton say what it was
)

// templateVersion prefixes the binary encoding so it can evolve: version 1
// is the template alone, version 2 adds the exact-index key, the
// checkpoint and the undo information.
const (
	templateV1      = 1
	templateVersion = 2
)

// MarshalBinary encodes t compactly (varints and length-prefixed strings)
// so the store can keep millions of templates cheaply.
func (t Template) MarshalBinary() ([]byte, error) {
	return t.AppendBinary(make([]byte, 0, t.EncodedSizeBound())), nil
}

// EncodedSizeBound is at least the length of t's encoding.
func (t Template) EncodedSizeBound() int {
	n := 1 + 3*binary.MaxVarintLen64 + len(t.Skeleton) + binary.MaxVarintLen64 + 8 + 4*binary.MaxVarintLen64 + 2 + len(t.undo.skel)
	for _, s := range t.Samples {
		n += binary.MaxVarintLen64 + len(s)
	}
	return n
}

// AppendBinary appends the encoding MarshalBinary returns to b.
func (t Template) AppendBinary(b []byte) []byte {
	// A template that belongs to no checkpoint (made by a caller, or
	// returned by Get) has nothing but version 1's fields to say.
	v := byte(templateVersion)
	if t.seq == 0 {
		v = templateV1
	}
	b = append(b, v)
	b = binary.AppendUvarint(b, uint64(t.ID))
	b = binary.AppendUvarint(b, t.Count)
	b = appendString(b, t.Skeleton)
	b = binary.AppendUvarint(b, uint64(len(t.Samples)))
	for _, s := range t.Samples {
		b = appendString(b, s)
	}
	if v == templateV1 {
		return b
	}
	b = binary.LittleEndian.AppendUint64(b, t.hash)
	b = binary.AppendUvarint(b, t.seq)
	b = append(b, t.undo.kind)
	if t.undo.kind == undoPrev {
		b = binary.AppendUvarint(b, t.undo.count)
		b = binary.AppendUvarint(b, uint64(t.undo.samples))
		if t.undo.sameSkel {
			b = append(b, 1)
		} else {
			b = append(b, 0)
			b = appendString(b, t.undo.skel)
		}
	}
	return b
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

var errCorrupt = errors.New("templates: corrupt template encoding")

// UnmarshalBinary decodes what MarshalBinary wrote. It validates every
// length against the input so corrupt or hostile bytes give an error, never
// a panic or a huge allocation.
func (t *Template) UnmarshalBinary(b []byte) error {
	if len(b) == 0 {
		return errCorrupt
	}
	if b[0] != templateV1 && b[0] != templateVersion {
		return fmt.Errorf("templates: unsupported template encoding version %d", b[0])
	}
	r := reader{b: b[1:]}
	id := r.uvarint()
	count := r.uvarint()
	skel := r.str()
	ns := r.uvarint()
	if r.err != nil || id > 1<<32-1 || ns > uint64(len(r.b)) {
		return errCorrupt
	}
	samples := make([]string, 0, ns)
	for i := uint64(0); i < ns; i++ {
		samples = append(samples, r.str())
	}
	out := Template{ID: uint32(id), Skeleton: skel, Samples: samples, Count: count}
	if b[0] == templateVersion {
		out.hash = r.u64()
		out.seq = r.uvarint()
		out.undo.kind = r.byte()
		switch out.undo.kind {
		case undoNone, undoCreated:
		case undoPrev:
			out.undo.count = r.uvarint()
			n := r.uvarint()
			if n > ns {
				return errCorrupt
			}
			out.undo.samples = int(n)
			switch r.byte() {
			case 1:
				out.undo.sameSkel = true
			case 0:
				out.undo.skel = r.str()
			default:
				return errCorrupt
			}
		default:
			return errCorrupt
		}
		if out.seq == 0 && r.err == nil {
			return errCorrupt // version 2 records always belong to a checkpoint
		}
	}
	if r.err != nil || len(r.b) != 0 {
		return errCorrupt
	}
	*t = out
	return nil
}

type reader struct {
	b   []byte
	err error
}

func (r *reader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.err = errCorrupt
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) u64() uint64 {
	if r.err != nil {
		return 0
	}
	if len(r.b) < 8 {
		r.err = errCorrupt
		return 0
	}
	v := binary.LittleEndian.Uint64(r.b)
	r.b = r.b[8:]
	return v
}

func (r *reader) byte() byte {
	if r.err != nil {
		return 0
	}
	if len(r.b) == 0 {
		r.err = errCorrupt
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}

func (r *reader) str() string {
	n := r.uvarint()
	if r.err != nil {
		return ""
	}
	if n > uint64(len(r.b)) {
		r.err = errCorrupt
		return ""
	}
	s := string(r.b[:n])
	r.b = r.b[n:]
	return s
}
