package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"net/netip"
	"strconv"
	"time"
	"unicode"
	"unicode/utf8"
)

// Record is one validated input record. Byte slices point into the line
// (or a per-line scratch buffer) and are valid until the next record.
type Record struct {
	TS       int64 // unix milliseconds
	Account  []byte
	Signup   bool
	IP       netip.Addr // zero when absent
	Payment  []byte
	Device   []byte
	Email    []byte // canonical form
	Prompt   []byte
	Template []byte
	Tokens   uint64
}

// Limits from SPEC.md and for sane keys.
const (
	maxAccountLen = 256
	maxAttrLen    = 4096 // payment, device, email and template ids become keys
)

// ts lies in [tsMin, tsEnd): from 1970 to the end of 9999, in UTC.
var (
	tsMin = time.Unix(0, 0)
	tsEnd = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)
)

// field identifies a known field; unknown fields are ignored.
type field uint8

const (
	fUnknown field = iota
	fTS
	fAccount
	fType
	fIP
	fPayment
	fDevice
	fEmail
	fPrompt
	fTemplate
	fTokens
)

var fieldNames = [...]string{fTS: "ts", fAccount: "account", fType: "type", fIP: "ip", fPayment: "payment", fDevice: "device", fEmail: "email", fPrompt: "prompt", fTemplate: "template", fTokens: "tokens"}

func lookupField(name []byte) field {
	switch string(name) {
	case "ts":
		return fTS
	case "account":
		return fAccount
	case "type":
		return fType
	case "ip":
		return fIP
	case "payment":
		return fPayment
	case "device":
		return fDevice
	case "email":
		return fEmail
	case "prompt":
		return fPrompt
	case "template":
		return fTemplate
	case "tokens":
		return fTokens
	}
	return fUnknown
}

// rawFields holds a record's fields before validation, as text. numeric
// records whether the JSON value was a bare number rather than a string.
type rawFields struct {
	v       [len(fieldNames)][]byte
	set     [len(fieldNames)]bool
	numeric [len(fieldNames)]bool
}

func (r *rawFields) reset() { *r = rawFields{} }

// validate turns raw fields into a Record, applying every rule of SPEC.md.
// A nil error means the record is accepted whole.
func (r *rawFields) validate(rec *Record, emailBuf []byte) error {
	*rec = Record{}
	if !r.set[fTS] || len(r.v[fTS]) == 0 {
		return errors.New("missing required field ts")
	}
	ts, err := parseTS(r.v[fTS])
	if err != nil {
		return err
	}
	rec.TS = ts
	acct := r.v[fAccount]
	switch {
	case !r.set[fAccount] || len(acct) == 0:
		return errors.New("missing required field account")
	case r.numeric[fAccount]:
		return errors.New("account must be a string")
	case len(acct) > maxAccountLen:
		return fmt.Errorf("account is %d bytes, at most %d allowed", len(acct), maxAccountLen)
	case !utf8.Valid(acct):
		return errors.New("account is not valid UTF-8")
	case len(bytes.TrimFunc(acct, invisible)) == 0:
		// Absent, as a blank value is for other fields; and ids that
		// differ only in white space would be different accounts.
		return errors.New("account is blank (white space or invisible characters only)")
	}
	rec.Account = acct
	switch t := r.v[fType]; {
	case len(t) == 0 || string(t) == "request":
	case string(t) == "signup":
		rec.Signup = true
	default:
		return fmt.Errorf("type %q is neither request nor signup", clip(t))
	}
	for _, f := range []field{fType, fIP, fPayment, fDevice, fEmail, fPrompt, fTemplate} {
		if r.numeric[f] && len(r.v[f]) > 0 {
			return fmt.Errorf("%s must be a string", fieldNames[f])
		}
	}
	// An empty string means absent (SPEC.md), and so does one of only
	// white space: "  " as a card, device, mailbox or template would tie
	// together every account whose client sends it.
	for _, f := range []field{fPayment, fDevice, fEmail, fPrompt, fTemplate} {
		if len(bytes.TrimSpace(r.v[f])) == 0 {
			r.v[f] = nil
		}
	}
	if ip := r.v[fIP]; len(ip) > 0 {
		a, err := netip.ParseAddr(string(ip))
		if err != nil || a.Zone() != "" {
			return fmt.Errorf("ip %q is not an IPv4 or IPv6 address", clip(ip))
		}
		rec.IP = a.Unmap()
	}
	for _, f := range []field{fPayment, fDevice, fTemplate} {
		if len(r.v[f]) > maxAttrLen {
			return fmt.Errorf("%s is %d bytes, at most %d allowed", fieldNames[f], len(r.v[f]), maxAttrLen)
		}
	}
	rec.Payment, rec.Device, rec.Template, rec.Prompt = r.v[fPayment], r.v[fDevice], r.v[fTemplate], r.v[fPrompt]
	if e := r.v[fEmail]; len(e) > 0 {
		if len(e) > maxAttrLen {
			return fmt.Errorf("email is %d bytes, at most %d allowed", len(e), maxAttrLen)
		}
		c, err := CanonicalEmail(emailBuf[:0], e)
		if err != nil {
			return err
		}
		rec.Email = c
	}
	if t := r.v[fTokens]; len(t) > 0 {
		n, err := strconv.ParseUint(string(t), 10, 63)
		if errors.Is(err, strconv.ErrRange) {
			return fmt.Errorf("tokens %q is too large (at most %d)", clip(t), uint64(math.MaxInt64))
		}
		if err != nil {
			return fmt.Errorf("tokens %q is not a non-negative integer", clip(t))
		}
		rec.Tokens = n
	}
	return nil
}

// invisible reports whether r shows nothing: white space, or a format
// character such as a zero-width space or a byte order mark.
func invisible(r rune) bool { return unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) }

// parseTS accepts RFC 3339 with any offset or Unix epoch seconds, integer
// or decimal, and returns unix milliseconds. Digits past the millisecond
// are dropped in both forms, so one instant written either way falls in
// the same millisecond (and the same hour of the day).
func parseTS(b []byte) (int64, error) {
	if len(b) > 0 && (b[0] >= '0' && b[0] <= '9' || b[0] == '-' || b[0] == '.') && isNumber(b) {
		f, err := strconv.ParseFloat(string(b), 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			return 0, fmt.Errorf("ts %q is not a number", clip(b))
		}
		// The upper end on the milliseconds kept: 253402300799.99999 is a
		// float past 9999 but the last millisecond of it.
		if f < 0 {
			return 0, errTSRange(b, time.Time{})
		}
		ms, ok := epochMS(b)
		if !ok || ms >= tsEnd.UnixMilli() {
			return 0, errTSRange(b, time.Time{})
		}
		return ms, nil
	}
	t, err := parseRFC3339(b)
	if err != nil {
		return 0, fmt.Errorf("ts %q is neither RFC 3339 nor Unix epoch seconds", clip(b))
	}
	// The range holds for the instant, in UTC: 9999-12-31T23:59:59-01:00
	// is in 10000.
	if t.Before(tsMin) || !t.Before(tsEnd) {
		return 0, errTSRange(b, t)
	}
	return t.UnixMilli(), nil
}

// epochMS reads b, a plain decimal number of seconds (see isNumber) that
// is not below zero, as milliseconds from its digits, not through a
// float: the first three decimals are kept and the rest dropped. ok is
// false when the seconds overflow.
func epochMS(b []byte) (ms int64, ok bool) {
	if b[0] == '-' {
		b = b[1:] // -0 or -0.000: zero, as checked by the caller
	}
	whole, frac, _ := bytes.Cut(b, []byte{'.'})
	var sec int64
	if len(whole) > 0 {
		var err error
		if sec, err = strconv.ParseInt(string(whole), 10, 64); err != nil || sec > math.MaxInt64/1000 {
			return 0, false
		}
	}
	ms = sec * 1000
	for i, scale := 0, int64(100); i < 3; i, scale = i+1, scale/10 {
		if i < len(frac) {
			ms += int64(frac[i]-'0') * scale
		}
	}
	return ms, true
}

// errTSRange is the reason to reject ts b, out of range; t, when b is
// RFC 3339 with an offset, is the instant, shown in UTC, where its year
// may differ from the one written.
func errTSRange(b []byte, t time.Time) error {
	if _, off := t.Zone(); !t.IsZero() && off != 0 {
		return fmt.Errorf("ts %q is out of range (1970 to 9999): in UTC it is %s", clip(b), t.UTC().Format(time.RFC3339Nano))
	}
	return fmt.Errorf("ts %q is out of range (1970 to 9999)", clip(b))
}

// parseRFC3339 parses what RFC 3339 section 5.6 allows and Go's
// time.RFC3339Nano does not: a lower-case "t" or "z", and a leap second
// (23:59:60), read as the first instant of the next minute.
func parseRFC3339(b []byte) (time.Time, error) {
	s := string(b)
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, nil
	}
	if len(s) < len("2006-01-02T15:04:05Z") {
		return time.Time{}, errBadTS
	}
	c := []byte(s)
	if c[10] == 't' {
		c[10] = 'T'
	}
	if c[len(c)-1] == 'z' {
		c[len(c)-1] = 'Z'
	}
	leap := string(c[17:19]) == "60" && c[16] == ':'
	if leap {
		c[17], c[18] = '5', '9'
	}
	t, err := time.Parse(time.RFC3339Nano, string(c))
	if err != nil {
		return t, err
	}
	if leap {
		t = t.Add(time.Second)
	}
	return t, nil
}

// errBadTS is parseRFC3339's error for text too short to be a timestamp.
var errBadTS = errors.New("not an RFC 3339 timestamp")

// isNumber reports whether b is a plain decimal number (no exponent, no
// sign other than a leading minus), so that "1e3" or "0x10" are rejected
// rather than read as something the producer did not mean.
func isNumber(b []byte) bool {
	if b[0] == '-' {
		b = b[1:]
	}
	dot, digits := false, 0
	for _, c := range b {
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && !dot:
			dot = true
		default:
			return false
		}
	}
	return digits > 0
}

// clip shortens a value quoted in an error message.
func clip(b []byte) string {
	const max = 64
	if len(b) > max {
		return string(b[:max]) + "…"
	}
	return string(b)
}

// providersIgnoringDots are mail providers that deliver a.b.c@ to abc@.
var providersIgnoringDots = map[string]bool{"gmail.com": true}

// CanonicalEmail appends the canonical form of an email address to dst:
// lower case, "+tag" removed from the local part, googlemail.com read as
// gmail.com, and dots removed for providers that ignore them. It rejects
// text that is not an address.
func CanonicalEmail(dst, email []byte) ([]byte, error) {
	e := bytes.TrimSpace(email)
	at := bytes.LastIndexByte(e, '@')
	if at <= 0 || at == len(e)-1 {
		return nil, fmt.Errorf("email %q is not an address (want local@domain)", clip(email))
	}
	local, domain := e[:at], e[at+1:]
	if bytes.ContainsAny(e, " \t\r\n<>,;\"") || bytes.IndexByte(local, '@') >= 0 || bytes.IndexByte(domain, '.') <= 0 || domain[len(domain)-1] == '.' {
		return nil, fmt.Errorf("email %q is not an address (want local@domain)", clip(email))
	}
	if i := bytes.IndexByte(local, '+'); i >= 0 {
		local = local[:i]
	}
	if len(local) == 0 {
		return nil, fmt.Errorf("email %q has an empty mailbox before +", clip(email))
	}
	start := len(dst)
	dst = appendLower(dst, local)
	localEnd := len(dst)
	dst = append(dst, '@')
	dst = appendLower(dst, domain)
	d := dst[localEnd+1:]
	if string(d) == "googlemail.com" {
		dst = append(dst[:localEnd+1], "gmail.com"...)
		d = dst[localEnd+1:]
	}
	if providersIgnoringDots[string(d)] {
		out := dst[:start]
		for _, c := range dst[start:localEnd] {
			if c != '.' {
				out = append(out, c)
			}
		}
		if len(out) == start {
			return nil, fmt.Errorf("email %q has an empty mailbox", clip(email))
		}
		dom := string(d)
		out = append(out, '@')
		dst = append(out, dom...)
	}
	return dst, nil
}

// appendLower appends b in lower case: ASCII in place, other scripts
// (Émile, ÄRZTE) by Unicode's case folding, so that letters with more
// than one lower form (Greek final sigma) fold to one.
func appendLower(dst, b []byte) []byte {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return append(dst, bytes.Map(foldRune, b)...)
		}
	}
	start := len(dst)
	dst = append(dst, b...)
	lower(dst[start:])
	return dst
}

// foldRune folds r to one lower form: the lower case of its upper case,
// so that Σ, σ and ς all give σ, and the Kelvin sign gives k.
func foldRune(r rune) rune { return unicode.ToLower(unicode.ToUpper(r)) }

func lower(b []byte) {
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
}
