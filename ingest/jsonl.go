package ingest

import (
	"errors"
	"fmt"
	"unicode/utf16"
	"unicode/utf8"
)

// jsonParser reads one flat JSON object per line into rawFields without
// allocating: string values point into the line, or into scratch when they
// hold escapes. Values of unknown fields, of any JSON type, are skipped.
// It is stricter than "whatever decodes": the line must be exactly one
// object, with nothing but white space after it.
type jsonParser struct {
	b       []byte
	i       int
	scratch []byte
}

var errNotObject = errors.New("not a JSON object")

func (p *jsonParser) parse(line []byte, raw *rawFields) error {
	raw.reset()
	p.b, p.i = line, 0
	// Unescaped text is never longer than its escaped form, so a scratch
	// buffer of the line's length never reallocates under live slices.
	if cap(p.scratch) < len(line) {
		p.scratch = make([]byte, 0, len(line)*2)
	}
	p.scratch = p.scratch[:0]
	p.ws()
	if !p.eat('{') {
		return errNotObject
	}
	p.ws()
	if p.eat('}') {
		return p.end()
	}
	for {
		p.ws()
		name, err := p.str()
		if err != nil {
			return fmt.Errorf("field name: %w", err)
		}
		p.ws()
		if !p.eat(':') {
			return fmt.Errorf("expected ':' after %q at byte %d", clip(name), p.i+1)
		}
		p.ws()
		f := lookupField(name)
		if f == fUnknown {
			if err := p.skipValue(0); err != nil {
				return err
			}
		} else if err := p.fieldValue(f, raw); err != nil {
			return err
		}
		p.ws()
		if p.eat(',') {
			continue
		}
		if p.eat('}') {
			return p.end()
		}
		return fmt.Errorf("expected ',' or '}' at byte %d", p.i+1)
	}
}

func (p *jsonParser) end() error {
	p.ws()
	if p.i != len(p.b) {
		return fmt.Errorf("unexpected text after the object at byte %d", p.i+1)
	}
	return nil
}

func (p *jsonParser) fieldValue(f field, raw *rawFields) error {
	if p.i >= len(p.b) {
		return fmt.Errorf("%s: missing value", fieldNames[f])
	}
	switch c := p.b[p.i]; {
	case c == '"':
		s, err := p.str()
		if err != nil {
			return fmt.Errorf("%s: %w", fieldNames[f], err)
		}
		raw.v[f], raw.set[f], raw.numeric[f] = s, true, false
	case c == '-' || c >= '0' && c <= '9':
		start := p.i
		if err := p.number(); err != nil {
			return fmt.Errorf("%s: %w", fieldNames[f], err)
		}
		raw.v[f], raw.set[f], raw.numeric[f] = p.b[start:p.i], true, true
	case p.lit("null"):
		raw.v[f], raw.set[f], raw.numeric[f] = nil, false, false
	default:
		return fmt.Errorf("%s must be a string or a number", fieldNames[f])
	}
	return nil
}

func (p *jsonParser) ws() {
	for p.i < len(p.b) {
		switch p.b[p.i] {
		case ' ', '\t', '\r', '\n':
			p.i++
		default:
			return
		}
	}
}

func (p *jsonParser) eat(c byte) bool {
	if p.i < len(p.b) && p.b[p.i] == c {
		p.i++
		return true
	}
	return false
}

func (p *jsonParser) lit(s string) bool {
	if len(p.b)-p.i >= len(s) && string(p.b[p.i:p.i+len(s)]) == s {
		p.i += len(s)
		return true
	}
	return false
}

// str reads a JSON string and returns its unescaped bytes.
func (p *jsonParser) str() ([]byte, error) {
	if !p.eat('"') {
		return nil, fmt.Errorf("expected a string at byte %d", p.i+1)
	}
	start := p.i
	for p.i < len(p.b) {
		c := p.b[p.i]
		switch {
		case c == '"':
			s := p.b[start:p.i]
			p.i++
			if !utf8.Valid(s) {
				return nil, errors.New("string is not valid UTF-8")
			}
			return s, nil
		case c == '\\':
			return p.strEscaped(start)
		case c < 0x20:
			return nil, fmt.Errorf("control character in string at byte %d", p.i+1)
		}
		p.i++
	}
	return nil, errors.New("unterminated string")
}

// strEscaped finishes a string that holds escapes, unescaping into scratch.
func (p *jsonParser) strEscaped(start int) ([]byte, error) {
	out := len(p.scratch)
	p.scratch = append(p.scratch, p.b[start:p.i]...)
	for p.i < len(p.b) {
		c := p.b[p.i]
		switch {
		case c == '"':
			p.i++
			s := p.scratch[out:len(p.scratch):len(p.scratch)]
			if !utf8.Valid(s) {
				return nil, errors.New("string is not valid UTF-8")
			}
			return s, nil
		case c < 0x20:
			return nil, fmt.Errorf("control character in string at byte %d", p.i+1)
		case c != '\\':
			p.scratch = append(p.scratch, c)
			p.i++
			continue
		}
		if p.i+1 >= len(p.b) {
			return nil, errors.New("unterminated string")
		}
		e := p.b[p.i+1]
		p.i += 2
		switch e {
		case '"', '\\', '/':
			p.scratch = append(p.scratch, e)
		case 'b':
			p.scratch = append(p.scratch, '\b')
		case 'f':
			p.scratch = append(p.scratch, '\f')
		case 'n':
			p.scratch = append(p.scratch, '\n')
		case 'r':
			p.scratch = append(p.scratch, '\r')
		case 't':
			p.scratch = append(p.scratch, '\t')
		case 'u':
			r, ok := p.hex4()
			if !ok {
				return nil, fmt.Errorf("bad \\u escape at byte %d", p.i-1)
			}
			if utf16.IsSurrogate(r) {
				at := p.i - 6 // the backslash
				r2 := rune(-1)
				if p.i+1 < len(p.b) && p.b[p.i] == '\\' && p.b[p.i+1] == 'u' {
					p.i += 2
					var ok bool
					if r2, ok = p.hex4(); !ok {
						return nil, fmt.Errorf("bad \\u escape at byte %d", p.i-1)
					}
				}
				// A surrogate that is not half of a pair is no character:
				// rejected as invalid UTF-8 is, rather than read as U+FFFD,
				// which would make distinct ids one.
				if r = utf16.DecodeRune(r, r2); r == utf8.RuneError {
					return nil, fmt.Errorf("\\u escape at byte %d is half of a UTF-16 surrogate pair", at)
				}
			}
			p.scratch = utf8.AppendRune(p.scratch, r)
		default:
			return nil, fmt.Errorf("bad escape \\%c at byte %d", e, p.i-1)
		}
	}
	return nil, errors.New("unterminated string")
}

func (p *jsonParser) hex4() (rune, bool) {
	if len(p.b)-p.i < 4 {
		return 0, false
	}
	var r rune
	for _, c := range p.b[p.i : p.i+4] {
		r <<= 4
		switch {
		case c >= '0' && c <= '9':
			r |= rune(c - '0')
		case c >= 'a' && c <= 'f':
			r |= rune(c - 'a' + 10)
		case c >= 'A' && c <= 'F':
			r |= rune(c - 'A' + 10)
		default:
			return 0, false
		}
	}
	p.i += 4
	return r, true
}

// number validates a JSON number (RFC 8259 grammar).
func (p *jsonParser) number() error {
	start := p.i
	p.eat('-')
	digits := func() int {
		n := 0
		for p.i < len(p.b) && p.b[p.i] >= '0' && p.b[p.i] <= '9' {
			p.i++
			n++
		}
		return n
	}
	if p.i < len(p.b) && p.b[p.i] == '0' {
		p.i++
	} else if digits() == 0 {
		return fmt.Errorf("bad number at byte %d", start+1)
	}
	if p.eat('.') && digits() == 0 {
		return fmt.Errorf("bad number at byte %d", start+1)
	}
	if p.eat('e') || p.eat('E') {
		if !p.eat('+') {
			p.eat('-')
		}
		if digits() == 0 {
			return fmt.Errorf("bad number at byte %d", start+1)
		}
	}
	return nil
}

const maxDepth = 64

// skipValue skips any JSON value, checking its syntax.
func (p *jsonParser) skipValue(depth int) error {
	if depth > maxDepth {
		return errors.New("JSON nested too deeply")
	}
	if p.i >= len(p.b) {
		return errors.New("missing value")
	}
	switch c := p.b[p.i]; {
	case c == '"':
		_, err := p.str()
		return err
	case c == '-' || c >= '0' && c <= '9':
		return p.number()
	case p.lit("true"), p.lit("false"), p.lit("null"):
		return nil
	case c == '{' || c == '[':
		closer := byte('}')
		if c == '[' {
			closer = ']'
		}
		p.i++
		p.ws()
		if p.eat(closer) {
			return nil
		}
		for {
			p.ws()
			if c == '{' {
				if _, err := p.str(); err != nil {
					return err
				}
				p.ws()
				if !p.eat(':') {
					return fmt.Errorf("expected ':' at byte %d", p.i+1)
				}
				p.ws()
			}
			if err := p.skipValue(depth + 1); err != nil {
				return err
			}
			p.ws()
			if p.eat(',') {
				continue
			}
			if p.eat(closer) {
				return nil
			}
			return fmt.Errorf("expected ',' or '%c' at byte %d", closer, p.i+1)
		}
	}
	return fmt.Errorf("unexpected %q at byte %d", p.b[p.i], p.i+1)
}
