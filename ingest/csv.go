package ingest

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
)

// csvRecords splits CSV input into records itself, rather than leaving it
// to encoding/csv, so that one stray quote costs one line. A quoted field
// may hold newlines, so a quote that opens a field and never closes made
// encoding/csv read every following line into that field: a thousand
// valid records lost, reported as one reject. Here a record that spans
// lines and does not parse, or whose quote never closes (within maxLine
// bytes or before the end of the input), is rejected as its first line
// alone, and the lines after it are read again as records of their own.
//
// Each call to next returns one unit, a record or a rejected line, in an
// order that depends only on the bytes, so a checkpoint can count units
// and a resumed read can skip that many.
type csvRecords struct {
	br     *bufio.Reader
	fields int    // fields per record, from the header; 0 until it is read
	lineNo int64  // physical lines handed out so far
	back   []line // lines read ahead and given back, in order
	span   []line // the current record's lines
	buf    []byte // their bytes
	long   []byte // an overlong line being read
	rd     bytes.Reader
}

type line struct {
	b  []byte
	no int64
}

func newCSVRecords(r io.Reader) *csvRecords {
	return &csvRecords{br: bufio.NewReaderSize(r, 1<<20)}
}

// readLine returns the next physical line with its terminator, and its
// number; a line over maxLine bytes is read to its end and returned cut to
// maxLine+1 bytes, for the caller to reject. It returns io.EOF at the end.
func (c *csvRecords) readLine() (line, error) {
	if len(c.back) > 0 {
		l := c.back[0]
		c.back = c.back[1:]
		return l, nil
	}
	b, err := c.br.ReadSlice('\n')
	if errors.Is(err, bufio.ErrBufferFull) {
		c.long = append(c.long[:0], b...)
		for errors.Is(err, bufio.ErrBufferFull) {
			b, err = c.br.ReadSlice('\n')
			if len(c.long) <= maxLine {
				c.long = append(c.long, b...)
			}
		}
		b = c.long[:min(len(c.long), maxLine+1)]
	}
	if len(b) == 0 && err != nil {
		return line{}, err
	}
	if err != nil && err != io.EOF {
		return line{}, err
	}
	c.lineNo++
	return line{bytes.Clone(b), c.lineNo}, nil
}

// quotedAfter reports whether a quoted field is still open at the end of
// b, given whether one was open at its start. A quote opens a field only
// at the field's start, as encoding/csv reads it; any other misplaced
// quote is for the parser to reject.
func quotedAfter(b []byte, quoted bool) bool {
	start := !quoted
	for i := 0; i < len(b); i++ {
		c := b[i]
		if quoted {
			if c == '"' {
				if i+1 < len(b) && b[i+1] == '"' {
					i++
					continue
				}
				quoted = false
			}
			continue
		}
		switch {
		case c == ',':
			start = true
		case c == '"' && start:
			quoted, start = true, false
		default:
			start = false
		}
	}
	return quoted
}

// next returns the next unit: a record's fields (valid until the next
// call) with the text to show for it and the line it starts on, or a
// rejected line with the reason. err is io.EOF at the end of the input,
// or the input's own failure.
func (c *csvRecords) next() (rec []string, text []byte, lineNo int64, reason error, err error) {
	for {
		first, err := c.readLine()
		if err != nil {
			return nil, nil, 0, nil, err
		}
		if len(first.b) > maxLine {
			return nil, longLineHead(first.b, first.no), first.no, errLongLine, nil
		}
		text := bytes.TrimRight(first.b, "\r\n")
		if first.no == 1 {
			text = bytes.TrimPrefix(text, []byte("\ufeff"))
		}
		if len(bytes.TrimSpace(text)) == 0 {
			continue // encoding/csv skips empty lines too
		}
		c.span = append(c.span[:0], first)
		c.buf = append(c.buf[:0], text...)
		c.buf = append(c.buf, '\n')
		open := quotedAfter(text, false)
		for open {
			l, err := c.readLine()
			if err != nil && err != io.EOF {
				return nil, nil, 0, nil, err
			}
			if err == io.EOF || len(c.buf)+len(l.b) > maxLine {
				if err == nil {
					c.span = append(c.span, l)
				}
				c.giveBack()
				return nil, text, first.no, fmt.Errorf("CSV: the quoted field opened on this line is not closed; the line is rejected alone and the lines after it are read as records"), nil
			}
			c.span = append(c.span, l)
			c.buf = append(c.buf, l.b...)
			open = quotedAfter(l.b, true)
		}
		rec, perr := c.parse(first.no)
		if perr == nil {
			return rec, bytes.TrimRight(c.buf, "\r\n"), first.no, nil, nil
		}
		if len(c.span) > 1 {
			c.giveBack()
			return nil, text, first.no, fmt.Errorf("CSV: %v; the line is rejected alone and the lines after it are read as records", perr), nil
		}
		return rec, text, first.no, fmt.Errorf("CSV: %v", perr), nil
	}
}

// giveBack returns the current record's lines after its first to be read
// again.
func (c *csvRecords) giveBack() {
	c.back = append(append([]line(nil), c.span[1:]...), c.back...)
}

// parse reads c.buf, which starts on line first, as one CSV record of
// c.fields fields (any number for the header). With the wrong number of
// fields it still returns them, so a reject can show the record.
func (c *csvRecords) parse(first int64) ([]string, error) {
	c.rd.Reset(c.buf)
	cr := csv.NewReader(&c.rd)
	cr.FieldsPerRecord = -1
	rec, err := cr.Read()
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			if pe.Line > 1 {
				return nil, fmt.Errorf("%v (line %d, column %d)", pe.Err, first+int64(pe.Line)-1, pe.Column)
			}
			return nil, fmt.Errorf("%v (column %d)", pe.Err, pe.Column)
		}
		return nil, err
	}
	if _, err := cr.Read(); err != io.EOF {
		return nil, errors.New("more than one record on the line")
	}
	if c.fields > 0 && len(rec) != c.fields {
		return rec, fmt.Errorf("wrong number of fields: %d, the header has %d", len(rec), c.fields)
	}
	return rec, nil
}

// stableCSVUnits counts the leading units, after the header and up to
// max, that prior (the content an earlier read took) and grown (the
// content now, which starts with it) split into alike. A record whose
// quoted field reached the end of prior was cut there: it, and the units
// its lines were read again as, differ in grown, and a continuation reads
// them again from there. Units are compared by line, text and verdict.
//
// Cost: one parse of prior and of as much of grown.
func stableCSVUnits(prior, grown io.Reader, max int64) int64 {
	a, b := newCSVRecords(prior), newCSVRecords(grown)
	ha, _, _, ra, ea := a.next()
	a.fields = len(ha)
	hb, _, _, rb, eb := b.next()
	b.fields = len(hb)
	if ea != nil || eb != nil || ra != nil || rb != nil || a.fields != b.fields {
		return 0
	}
	var n int64
	for n < max {
		_, ta, la, ra, ea := a.next()
		ta = bytes.Clone(ta)
		_, tb, lb, rb, eb := b.next()
		if ea != nil || eb != nil || la != lb || (ra == nil) != (rb == nil) || !bytes.Equal(ta, tb) {
			break
		}
		n++
	}
	return n
}
