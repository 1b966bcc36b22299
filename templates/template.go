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
}

// templateVersion prefixes the binary encoding so it can evolve.
const templateVersion = 1

// MarshalBinary encodes t compactly (varints and length-prefixed strings)
// so the store can keep millions of templates cheaply.
func (t Template) MarshalBinary() ([]byte, error) {
	n := 1 + 3*binary.MaxVarintLen64 + len(t.Skeleton) + binary.MaxVarintLen64
	for _, s := range t.Samples {
		n += binary.MaxVarintLen64 + len(s)
	}
	b := make([]byte, 0, n)
	b = append(b, templateVersion)
	b = binary.AppendUvarint(b, uint64(t.ID))
	b = binary.AppendUvarint(b, t.Count)
	b = appendString(b, t.Skeleton)
	b = binary.AppendUvarint(b, uint64(len(t.Samples)))
	for _, s := range t.Samples {
		b = appendString(b, s)
	}
	return b, nil
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
	if b[0] != templateVersion {
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
	if r.err != nil || len(r.b) != 0 {
		return errCorrupt
	}
	*t = Template{ID: uint32(id), Skeleton: skel, Samples: samples, Count: count}
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
