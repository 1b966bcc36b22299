package templates

import (
	"math/bits"
	"unicode/utf8"

	"github.com/cespare/xxhash/v2"
)

// token is one lexical unit of a prompt. Tokens are never materialised as
// strings on the hot path: the hash is what the miner compares, and the byte
// offsets are only used when a template has to be rendered.
type token struct {
	h          uint64
	start, end int32
}

// wildText is how a slot (or a masked variable) is rendered in a skeleton.
// A prompt can never produce it as one token because '<', '*' and '>' are
// separate punctuation tokens, so a persisted skeleton parses back
// unambiguously.
const wildText = "<*>"

var (
	// wildHash marks both a masked variable in a prompt and a slot in a
	// skeleton: a masked value is, by definition, a slot fill.
	wildHash = xxhash.Sum64String(wildText)
	// nlHash stands for any run of line breaks; line structure is part of
	// a template's shape ("Question: ...\nAnswer:") but blank-line counts
	// are not.
	nlHash = xxhash.Sum64String("\n")
	// colonHash is ':', which with a line break delimits a payload.
	colonHash = xxhash.Sum64String(":")
	// punctHash caches the hash of every single-byte token so punctuation
	// costs a table load instead of a hash call.
	punctHash [256]uint64
)

func init() {
	for i := range punctHash {
		punctHash[i] = xxhash.Sum64String(string([]byte{byte(i)}))
	}
}

// nonWordHash holds the hashes of the tokens that are not words (single
// punctuation bytes and the line break) in a small open-addressing table:
// the alignment asks for every template token, so this must not be a map.
var nonWordHash = func() (tab [128]uint64) {
	add := func(h uint64) {
		for i := h >> 57; ; i = (i + 1) & 127 {
			if tab[i] == 0 || tab[i] == h {
				tab[i] = h
				return
			}
		}
	}
	add(xxhash.Sum64String("\n"))
	for c := 0; c < 256; c++ {
		// classOf is not filled yet (package variables initialise before
		// init functions), so its punctuation class is spelled out here.
		b := byte(c)
		word := b == '_' || b >= 0x80 || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
		space := b == ' ' || b == '\t' || b == '\r' || b == '\v' || b == '\f' || b == '\n'
		if !word && !space {
			add(xxhash.Sum64String(string([]byte{b})))
		}
	}
	return tab
}()

// isPunctHash reports whether a token hash is punctuation or a line break
// rather than a word.
func isPunctHash(h uint64) bool {
	for i := h >> 57; ; i = (i + 1) & 127 {
		switch nonWordHash[i] {
		case h:
			return true
		case 0:
			return false
		}
	}
}

// Limits that bound the work done per prompt whatever its size.
const (
	// maxScan is how many bytes of a prompt are tokenised; longer prompts
	// are cut in the middle (head and tail kept) and the cut becomes a
	// slot, because a template's constant text sits at its edges far more
	// often than in the middle of a multi-kilobyte fill.
	maxScan = 8 << 10
	// maxQuote bounds how far a quoted or back-quoted span may extend
	// before the quote is treated as plain punctuation.
	maxQuote = 1 << 10
	// minHexLen is the shortest digit-free hex run masked as an id;
	// shorter ones are too often English ("facade", "decade").
	minHexLen = 12
)

type byteClass uint8

const (
	clsSpace byteClass = iota
	clsNewline
	clsWord  // letters, '_' and any non-ASCII byte (UTF-8 letters)
	clsDigit // ASCII digits
	clsPunct
)

var classOf [256]byteClass

func init() {
	for i := range classOf {
		c := byte(i)
		switch {
		case c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f':
			classOf[i] = clsSpace
		case c == '\n':
			classOf[i] = clsNewline
		case c >= '0' && c <= '9':
			classOf[i] = clsDigit
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c == '_', c >= 0x80:
			classOf[i] = clsWord
		default:
			classOf[i] = clsPunct
		}
	}
}

func isAlnum(c byte) bool { k := classOf[c]; return k == clsWord || k == clsDigit }

// tokenize appends the tokens of s to dst and returns it. It masks
// variables (numbers and anything containing a digit, long hex ids, UUIDs,
// URLs, e-mail addresses, quoted and code spans) into a single wildHash
// token, collapses adjacent masked tokens, and collapses line-break runs.
// It never allocates once dst has grown to the prompt's token count.
//
// The rules are deliberately about token shape only: a rule that knew
// phrases would not transfer to prompt corpora it has never seen.
func tokenize(dst []token, s string) []token {
	if len(s) > maxScan {
		// Keep head and tail, cut at whitespace so no token is split.
		head := cutBack(s, maxScan/2)
		tail := cutFwd(s, len(s)-maxScan/2)
		dst = tokenizeRange(dst, s, 0, head)
		dst = appendTok(dst, token{h: wildHash, start: int32(head), end: int32(head)})
		return tokenizeRange(dst, s, tail, len(s))
	}
	return tokenizeRange(dst, s, 0, len(s))
}

func cutBack(s string, i int) int {
	for j := i; j > i-256 && j > 0; j-- {
		if classOf[s[j]] <= clsNewline {
			return j
		}
	}
	return i
}

func cutFwd(s string, i int) int {
	for j := i; j < i+256 && j < len(s); j++ {
		if classOf[s[j]] <= clsNewline {
			return j
		}
	}
	return i
}

// appendTok appends t, merging it into the previous token when both are
// masked: "3 , 4" style runs of variables are one slot, and collapsing them
// here keeps a prompt's token stream identical to its rendered skeleton.
func appendTok(dst []token, t token) []token {
	if t.h == wildHash && len(dst) > 0 && dst[len(dst)-1].h == wildHash {
		dst[len(dst)-1].end = t.end
		return dst
	}
	return append(dst, t)
}

func tokenizeRange(dst []token, s string, i, n int) []token {
	for i < n {
		c := s[i]
		switch classOf[c] {
		case clsSpace:
			i++
			continue
		case clsNewline:
			j := i + 1
			for j < n && classOf[s[j]] <= clsNewline {
				j++
			}
			if len(dst) == 0 || dst[len(dst)-1].h != nlHash {
				dst = append(dst, token{h: nlHash, start: int32(i), end: int32(i + 1)})
			}
			i = j
			continue
		case clsWord, clsDigit:
			if c == 0xE2 { // a curly quote opens a span like '"' does
				if j, ok := scanSpan(s, i, n); ok {
					dst = appendTok(dst, token{h: wildHash, start: int32(i), end: int32(j)})
					i = j
					continue
				}
			}
			if wordFlags[c]&fLead != 0 {
				if t, ok := soloToken(s, i, n); ok {
					if t.h != 0 {
						dst = appendTok(dst, t)
					}
					i = int(t.end)
					continue
				}
			}
			j, digit, hexOnly := scanWord(s, i, n)
			// A URL or e-mail address is a chunk whose first word
			// stops at one of these bytes; checking only then keeps
			// ordinary words to a single pass.
			if j < n && (s[j] == ':' || s[j] == '.' || s[j] == '@' || s[j] == '+') &&
				(i == 0 || classOf[s[i-1]] <= clsNewline) {
				if k, ok := scanSpecialChunk(s, i, n); ok {
					dst = appendTok(dst, token{h: wildHash, start: int32(i), end: int32(k)})
					i = k
					continue
				}
			}
			t := token{start: int32(i), end: int32(j)}
			if digit || (hexOnly && j-i >= minHexLen) {
				t.h = wildHash
			} else {
				t.h = xxhash.Sum64String(s[i:j])
			}
			dst = appendTok(dst, t)
			i = j
			continue
		}
		// Punctuation, quotes and code spans.
		if j, ok := scanSpan(s, i, n); ok {
			dst = appendTok(dst, token{h: wildHash, start: int32(i), end: int32(j)})
			i = j
			continue
		}
		dst = append(dst, token{h: punctHash[c], start: int32(i), end: int32(i + 1)})
		i++
	}
	return dst
}

// scanWord returns the end of the word starting at i, whether it contains
// a digit and whether it is made only of hex digits. Apostrophes and
// hyphens between word characters stay inside the word ("don't",
// "step-by-step", UUIDs); '.', ',', ':' and '/' stay inside only between
// digits so "3.14", "1,000", "12:30" and "2024/01/02" are one value.
func scanWord(s string, i, n int) (j int, digit, hexOnly bool) {
	var acc uint8
	j = i
	for {
		// The tight loop over plain word bytes is the tokenizer's hot spot:
		// one table load and test per byte.
		for j < n {
			f := wordFlags[s[j]]
			if f&(fWord|fLead) != fWord && (f&fWord == 0 || (j > i && isSolo(s, j, n))) {
				break
			}
			acc |= f
			j++
		}
		if j+1 >= n || j == i {
			break
		}
		c, next := s[j], s[j+1]
		if (c == '\'' || c == '-') && wordFlags[next]&fWord != 0 {
			j++
			continue
		}
		if (c == '.' || c == ',' || c == ':' || c == '/') &&
			wordFlags[s[j-1]]&fDigit != 0 && wordFlags[next]&fDigit != 0 {
			j++
			continue
		}
		break
	}
	return j, acc&fDigit != 0, acc&fNonHex == 0
}

// Byte flags for scanWord.
const (
	fWord   = 1 << iota // part of a word
	fDigit              // ASCII digit
	fNonHex             // word byte that is not a hex digit
	fLead               // first byte of a 3- or 4-byte UTF-8 sequence (see soloToken)
)

var wordFlags [256]uint8

func init() {
	for i := range wordFlags {
		c := byte(i)
		switch classOf[c] {
		case clsDigit:
			wordFlags[i] = fWord | fDigit
		case clsWord:
			wordFlags[i] = fWord
			if !isHexLetter(c) {
				wordFlags[i] |= fNonHex
			}
			if c >= 0xE0 && c <= 0xF4 {
				wordFlags[i] |= fLead
			}
		}
	}
}

// soloToken reads the character at s[i] when it is one of the scripts
// written without spaces between words (Han, kana, Thai, Lao, Khmer,
// Myanmar) or a full-width or ideographic form: each such character is a
// token of its own, since splitting on spaces alone would make a whole
// Chinese or Japanese sentence one token, and the slot of a template
// could never be found. Full-width digits are masked like ASCII ones,
// full-width and ideographic punctuation counts as its ASCII
// counterpart ("：" is a colon that introduces a payload, "。" ends a
// sentence), and the ideographic space is a space (h 0). ok is false for
// any other character, which stays inside its word.
func soloToken(s string, i, n int) (t token, ok bool) {
	r, size := utf8.DecodeRuneInString(s[i:n])
	t = token{start: int32(i), end: int32(i + size)}
	switch {
	case r == '\u3000': // ideographic space
		return t, true
	case r >= '\uFF10' && r <= '\uFF19': // full-width digits
		t.h = wildHash
		return t, true
	case r >= '\uFF01' && r <= '\uFF5E':
		if a := byte(r - 0xFEE0); classOf[a] == clsPunct {
			t.h = punctHash[a]
		} else {
			t.h = xxhash.Sum64String(s[i : i+size])
		}
		return t, true
	}
	if a := ideographicPunct(r); a != 0 {
		t.h = punctHash[a]
		return t, true
	}
	if solo(r) {
		t.h = xxhash.Sum64String(s[i : i+size])
		return t, true
	}
	return t, false
}

// tokenText is how tk is written in a skeleton: its text, or, for
// punctuation written in a wide form, the ASCII it counts as, so that the
// skeleton parses back to the same token hashes.
func tokenText(prompt string, tk token) string {
	text := prompt[tk.start:tk.end]
	if len(text) > 1 && isPunctHash(tk.h) {
		for c := range 128 {
			if classOf[c] == clsPunct && punctHash[c] == tk.h {
				return string(rune(c))
			}
		}
	}
	return text
}

// isSolo reports whether the character at s[i] is a token of its own (see
// soloToken), which ends the word before it.
func isSolo(s string, i, n int) bool {
	_, ok := soloToken(s, i, n)
	return ok
}

// solo reports whether r belongs to a script written without spaces.
func solo(r rune) bool {
	switch {
	case r >= 0x0E00 && r <= 0x0EFF, // Thai, Lao
		r >= 0x1000 && r <= 0x109F,   // Myanmar
		r >= 0x1780 && r <= 0x17FF,   // Khmer
		r >= 0x3040 && r <= 0x30FF,   // hiragana, katakana
		r >= 0x31F0 && r <= 0x31FF,   // katakana extensions
		r >= 0x3400 && r <= 0x4DBF,   // CJK extension A
		r >= 0x4E00 && r <= 0x9FFF,   // CJK unified ideographs
		r >= 0xF900 && r <= 0xFAFF,   // CJK compatibility ideographs
		r >= 0xFF66 && r <= 0xFF9F,   // half-width katakana
		r >= 0x20000 && r <= 0x3FFFF: // CJK extensions B and later
		return true
	}
	return false
}

// ideographicPunct returns the ASCII punctuation an ideographic one
// stands for, or 0: the CJK symbols block and the half-width forms.
func ideographicPunct(r rune) byte {
	switch r {
	case '\u3001', '\uFF64': // 、
		return ','
	case '\u3002', '\uFF61': // 。
		return '.'
	case '\u300C', '\u300D', '\u300E', '\u300F', '\uFF62', '\uFF63': // 「」『』
		return '"'
	case '\u3008', '\u300A', '\u3010', '\u3014', '\u3016': // 〈《【〔〖
		return '('
	case '\u3009', '\u300B', '\u3011', '\u3015', '\u3017': // 〉》】〕〗
		return ')'
	case '\u301C': // 〜
		return '~'
	}
	return 0
}

func isHexLetter(c byte) bool { return (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') }

// scanSpecialChunk recognises whitespace-delimited values that punctuation
// splitting would otherwise shred into many constant-looking tokens: URLs
// and e-mail addresses. It returns the end of the value, leaving trailing
// sentence punctuation outside it.
func scanSpecialChunk(s string, i, n int) (int, bool) {
	// One tight pass finds the chunk's end and whether it has an '@';
	// the costlier checks run only for the rare chunk that can qualify.
	c0 := s[i] | 0x20
	maybeURL := c0 == 'h' || c0 == 'f' || c0 == 'w'
	end, at := i, false
	for end < n {
		c := s[end]
		if classOf[c] <= clsNewline {
			break
		}
		at = at || c == '@'
		end++
	}
	if !at && !maybeURL {
		return 0, false
	}
	chunk := s[i:end]
	isURL := maybeURL && (hasPrefixFold(chunk, "http://") || hasPrefixFold(chunk, "https://") ||
		hasPrefixFold(chunk, "ftp://") || hasPrefixFold(chunk, "www."))
	if !isURL && !(at && isEmail(chunk)) {
		return 0, false
	}
	for end > i && isTrailingPunct(s[end-1]) {
		end--
	}
	return end, end > i
}

func isTrailingPunct(c byte) bool {
	switch c {
	case '.', ',', ';', ':', '!', '?', ')', ']', '}', '"', '\'', '>':
		return true
	}
	return false
}

func hasPrefixFold(s, p string) bool {
	if len(s) < len(p) {
		return false
	}
	for k := 0; k < len(p); k++ {
		c := s[k]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != p[k] {
			return false
		}
	}
	return true
}

// isEmail accepts local@domain.tld with at least one alphanumeric on each
// side of '@' and a dot in the domain.
func isEmail(c string) bool {
	at := -1
	for k := 0; k < len(c); k++ {
		if c[k] == '@' {
			if at >= 0 {
				return false
			}
			at = k
		}
	}
	if at < 1 || at+3 >= len(c) || !isAlnum(c[at-1]) || !isAlnum(c[at+1]) {
		return false
	}
	for k := at + 2; k < len(c)-1; k++ {
		if c[k] == '.' && isAlnum(c[k+1]) {
			return true
		}
	}
	return false
}

// scanSpan recognises a quoted or code span opening at i and returns its
// end. Quoted text in a prompt is nearly always a slot fill (the text to
// translate, the snippet to explain), so the whole span is one variable.
// An opening quote only counts at the start of a chunk, and a closing
// quote only before a non-word byte, so apostrophes never open spans.
func scanSpan(s string, i, n int) (int, bool) {
	c := s[i]
	switch {
	case c == '`':
		if i+2 < n && s[i+1] == '`' && s[i+2] == '`' {
			// A fenced block runs to its closing fence or, unclosed, to
			// the end of the prompt: an unterminated block is still code.
			if k := index(s, i+3, n, "```"); k >= 0 {
				return k + 3, true
			}
			return n, true
		}
		for j := i + 1; j < n && j < i+maxQuote; j++ {
			switch s[j] {
			case '`':
				return j + 1, j > i+1
			case '\n':
				return 0, false
			}
		}
	case c == '"' || c == '\'':
		if i > 0 && isAlnum(s[i-1]) {
			return 0, false
		}
		for j := i + 1; j < n && j < i+maxQuote; j++ {
			if s[j] == c && j > i+1 && (j+1 == n || !isAlnum(s[j+1])) {
				if c == '\'' && classOf[s[j-1]] == clsSpace {
					continue
				}
				return j + 1, true
			}
		}
	case c == 0xE2 && i+2 < n && s[i+1] == 0x80 && s[i+2] == 0x9C: // “
		if k := index(s, i+3, min(n, i+maxQuote), "\u201d"); k >= 0 {
			return k + 3, true
		}
	}
	return 0, false
}

func index(s string, from, to int, sub string) int {
	for k := from; k+len(sub) <= to; k++ {
		if s[k] == sub[0] && s[k:k+len(sub)] == sub {
			return k
		}
	}
	return -1
}

// seqHash hashes a token sequence; it identifies a prompt exactly up to
// masking, which is what the compact exact index is keyed on.
func seqHash(toks []token) uint64 {
	h := uint64(len(toks)) * 0x9E3779B97F4A7C15
	for i := range toks {
		h = mixHash(h, toks[i].h)
	}
	return h | 1 // 0 marks an empty slot in the exact index
}

func mixHash(h, v uint64) uint64 {
	h ^= v
	h = bits.RotateLeft64(h, 27) * 0x9E3779B97F4A7C15
	return h
}
