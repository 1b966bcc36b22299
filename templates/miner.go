package templates

import (
	"fmt"
	"math/bits"
	"slices"
	"strings"
	"unicode"
	"unsafe"

	"github.com/cespare/xxhash/v2"
)

// Config tunes a Miner. Zero values take the documented defaults.
type Config struct {
	// MaxTemplates bounds the templates held in memory (default 10,000).
	// Beyond it the least recently used template is evicted, singletons
	// (templates seen with one distinct prompt) before learned templates.
	MaxTemplates int
	// Similarity is the score in (0, 1] a prompt must reach against an
	// existing template for the template to be generalised to cover it
	// (default 0.6). See (*Miner).align for what the score measures.
	Similarity float64
	// MaxSamples bounds the sample prompts kept per template (default 3).
	MaxSamples int
}

const (
	defaultMaxTemplates = 10000
	defaultSimilarity   = 0.6
	defaultMaxSamples   = 3

	// maxSampleLen cuts stored samples: they are for people to read, and
	// a template's memory must not depend on how long its prompts are.
	maxSampleLen = 1024
	// bucketCap bounds the templates filed under one anchor key, so a
	// popular opening ("What is") costs a bounded number of comparisons.
	bucketCap = 32
	// mergeCandidates is how many templates a new prompt is aligned with
	// before it is declared a template of its own; alignment is the only
	// super-linear step, so it is spent on the few most promising ones.
	mergeCandidates = 4
	// minConst is the fewest constant tokens a learned template keeps;
	// fewer would turn a shared two-word opening into a catch-all.
	minConst = 4
	// gapCap caps what an unconfirmed difference costs: between two raw
	// prompts a 40-word fill and a 3-word fill are equally one slot.
	gapCap = 3
	// confirmedCost is the extra cost of giving up a word that at least
	// two distinct prompts agreed on between two other agreeing stretches:
	// that is template text, and losing it is how near-miss templates
	// would collapse into one.
	confirmedCost = 1
	// minLead and maxShortSlot define a long opening followed by one short
	// slot and closing punctuation, the single-stretch shape accepted
	// without a delimiter and without further evidence (see structured).
	minLead      = 8
	maxShortSlot = 8
	// maxLeadFill is the longest fill that may open a template without a
	// delimiter (see leadFill in structured): a name, not a phrase.
	maxLeadFill = 3
	// minShortLead is the fewest words an opening needs before a short
	// slot and closing, without a delimiter, to be learned as a template
	// on the evidence of its fills' lengths (see shortTemplate).
	minShortLead = 4
	// minDelimWords is the fewest words an opening must have to stand as
	// a template on its own before a delimiter: "Translate this into
	// French:" does, a two-word "quick question:" does not.
	minDelimWords = 3
	// minLabelWords is the fewest words a header line must have before a
	// payload that is a text of its own (see multiPart), unless it ends
	// with a colon: "Summarize this" has two; a one-word label that
	// introduces its payload ("File:", "Code:") passes by its colon. A
	// bare one-word header ("[System]") opens unrelated prompts alike,
	// and taking every text after it as one slot made one template of a
	// private grading rubric and the public judge prompt (the eighth
	// probe).
	minLabelWords = 2
	// minEdge is the exact agreement at the edges a candidate needs before
	// it is aligned at all (see edgeAgreement).
	minEdge = 3
	// maxDrop is the longest run of agreeing tokens the aligner may
	// treat as coincidence inside a slot fill ("of the"); longer
	// agreement is template text unless it has no words at all (code
	// fills agree on ") :" all the time).
	maxDrop = 2
	// maxAlign bounds each side of the dynamic-programming alignment.
	maxAlign = 255
	// maxRuns rejects alignments that agree only in many scattered
	// fragments: that is two unrelated texts sharing function words.
	maxRuns = 24
)

// tmpl is a template plus the matcher state derived from its skeleton.
type tmpl struct {
	pub    Template
	toks   []uint64 // skeleton token hashes; wildHash is a slot
	words  []string // rendering of each token, sub-strings of pub.Skeleton
	nConst int
	keys   [2]uint64 // prefix and suffix anchor keys; 0 means none
	bloom  [4]uint64 // set of constant-token hashes, for cheap pre-filtering
	// merged is true once two distinct prompts map here: the constants
	// are then confirmed by agreement, not just one prompt's text.
	merged     bool
	inG        bool  // filed in the glob buckets (see globbable)
	hasNL      bool  // has a line break token
	hasDelim   bool  // has a line break or a colon token
	maxLen     int32 // longest prompt it matches; 0 means any (see shortShape)
	lead       bool  // its opening slot takes at most a short plain fill (see leadShape)
	dirty      bool
	live       bool
	prev, next int32  // LRU links within lists[class]
	used       uint64 // tick of last use, to pick bucket victims
	// hash is the exact-index key of the prompt that created the
	// template (0 when it has none, see Restore).
	hash uint64
	// The template as of the last checkpoint (see Checkpoint), which a
	// record written since must be able to go back to: fresh when it was
	// created since. Samples only grow, so their number suffices.
	savedSkel  string
	savedCount uint64
	savedNS    int32
	fresh      bool
}

func (t *tmpl) class() int {
	if t.merged {
		return 1
	}
	return 0
}

type lruList struct{ head, tail int32 } // head is most recently used

// Miner mines prompt templates online.
//
// A Miner is not safe for concurrent use: Mine, Match, Changed and Get
// share scratch buffers and must be called from one goroutine (or under
// the caller's lock). That is deliberate: ids must follow the order of
// first appearance, which only a single sequence of calls defines, and an
// uncontended single owner keeps Mine lock-free on the hot path.
type Miner struct {
	cfg     Config
	ts      []tmpl
	free    []int32
	byID    map[uint32]int32
	buckets map[uint64][]bent // every template: merge candidates
	// gbuckets holds only the templates glob matching can find beyond the
	// exact index: learned ones and singletons with a slot. A singleton
	// without a slot matches only its own exact prompt, which the exact
	// index already answers, so free-form text never costs a glob.
	gbuckets map[uint64][]bent
	exact    exactIndex
	lists    [2]lruList // [0] singletons, [1] learned templates
	live     int
	nextID   uint32
	tick     uint64
	seq      uint64 // checkpoints taken (Changed calls), see Checkpoint

	dirtyIDs []uint32
	// evicted holds, encoded, the dirty templates evicted before the next
	// checkpoint saw them. With prompts that are all new nearly every
	// template of a batch is evicted before its checkpoint; held as
	// Template values they took twice their encoding, and a copy more
	// while the checkpoint encoded them.
	evicted Encoded

	// scratch, reused so a known prompt costs no allocation
	toks  []token
	dp    []uint8
	pairs [][2]int32
	runs  []run
	keep  []bool
	hs    []uint64 // a prompt's token hashes (see hashes)
	// retiring collects the templates retireOpeners unfiles.
	retiring []int32
	// pairs of adjacent constant tokens of the current prompt (see
	// mayMerge): an open-addressing set reset by generation.
	pairSet [pairSetSize]pairEntry
	pairGen uint32
	pairsOK bool // pairSet holds the current prompt's pairs
	drop    []bool
	out     []int32
	cands   []cand
	sNon    []int32
	sWord   []int32
	// sUnit and sTokUnit weigh words by script for structured's
	// thresholds (see wordUnits).
	sUnit    []int32
	sTokUnit []int32
}

// NewMiner returns a miner that continues from saved, the templates a
// previous miner reported through Changed. Saved ids keep their meaning and
// new ids continue after the largest saved one, so ids survive restarts.
// When more templates are saved than fit in memory, learned templates and
// then the most recent singletons are loaded; the rest are remembered only
// through the compact exact index (their exact prompts keep their ids).
func NewMiner(cfg Config, saved []Template) *Miner {
	m := newMiner(cfg)
	if len(saved) == 0 {
		return m
	}
	cfg = m.cfg
	ordered := slices.Clone(saved)
	slices.SortFunc(ordered, func(a, b Template) int { return int64cmp(int64(a.ID), int64(b.ID)) })
	learned := func(t Template) bool { return legacyLearned(m.cfg, t) }
	// Pick what to load: learned templates first, then newest singletons.
	pick := make([]int, 0, len(ordered))
	for pass := 0; pass < 2; pass++ {
		for i := len(ordered) - 1; i >= 0; i-- {
			if learned(ordered[i]) == (pass == 0) && len(pick) < cfg.MaxTemplates {
				pick = append(pick, i)
			}
		}
	}
	slices.Sort(pick)
	hashes := make(map[uint32]uint64)
	for _, t := range ordered {
		if t.ID == 0 {
			continue
		}
		if t.ID >= m.nextID {
			m.nextID = t.ID + 1
		}
		if h := exactKey(m.cfg, t); h != 0 {
			m.exact.put(h, t.ID)
			hashes[t.ID] = h
		}
	}
	for _, i := range pick {
		t := ordered[i]
		if t.ID == 0 {
			continue
		}
		if _, dup := m.byID[t.ID]; dup {
			continue
		}
		toks, words := parseSkeleton(t.Skeleton)
		s := m.alloc()
		m.ts[s] = tmpl{pub: Template{ID: t.ID, Skeleton: t.Skeleton, Samples: slices.Clone(t.Samples), Count: t.Count},
			toks: toks, words: words, merged: learned(t), live: true, hash: hashes[t.ID]}
		m.ts[s].save()
		m.install(s)
	}
	return m
}

// exactKey is the exact-index key a saved template is filed under: the
// hash of the prompt that created it, or for a template saved without one
// (before checkpoints), its skeleton's when it is a singleton.
func exactKey(cfg Config, t Template) uint64 {
	if t.seq != 0 || t.hash != 0 {
		return t.hash
	}
	if legacyLearned(cfg, t) {
		return 0
	}
	toks, _ := parseSkeleton(t.Skeleton)
	return seqHashU(toks)
}

// legacyLearned is how NewMiner tells a learned template from a
// singleton by its persisted fields alone.
func legacyLearned(cfg Config, t Template) bool {
	return len(t.Samples) >= 2 || (cfg.MaxSamples < 2 && t.Count >= 2)
}

// newMiner returns an empty miner with cfg's defaults filled in.
func newMiner(cfg Config) *Miner {
	if cfg.MaxTemplates <= 0 {
		cfg.MaxTemplates = defaultMaxTemplates
	}
	if cfg.Similarity <= 0 || cfg.Similarity > 1 {
		cfg.Similarity = defaultSimilarity
	}
	if cfg.MaxSamples <= 0 {
		cfg.MaxSamples = defaultMaxSamples
	}
	return &Miner{
		cfg:      cfg,
		byID:     make(map[uint32]int32),
		buckets:  make(map[uint64][]bent),
		gbuckets: make(map[uint64][]bent),
		exact:    newExactIndex(16 * cfg.MaxTemplates),
		lists:    [2]lruList{{-1, -1}, {-1, -1}},
		nextID:   1,
	}
}

func int64cmp(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Mine returns the template id of prompt, learning from it: the prompt may
// create a template or generalise one. An id, once returned, keeps denoting
// the same template for the life of the miner and, through Changed and
// NewMiner, across restarts. It returns 0, no template, for a prompt without
// a word (see hasText).
func (m *Miner) Mine(prompt string) uint32 {
	if prompt == "" {
		return 0
	}
	toks := m.prep(prompt)
	if !hasText(prompt, toks) {
		return 0
	}
	m.tick++
	eh := seqHash(toks)
	if id := m.exact.get(eh); id != 0 {
		if s, ok := m.byID[id]; ok {
			m.hit(s, prompt)
		}
		return id
	}
	if s := m.match(toks); s >= 0 {
		m.hit(s, prompt)
		return m.ts[s].pub.ID
	}
	m.retireOpeners(toks)
	if s, _ := m.bestMerge(toks); s >= 0 {
		m.generalize(s, toks, prompt)
		return m.ts[s].pub.ID
	}
	return m.create(toks, prompt, eh)
}

// retireOpeners stops every short-shape template (see shortShape) whose
// whole opening starts toks while toks is too long for its bound: the
// opening has now been seen before a long text, which is what a free-form
// opener ("what do you think about ...") does and a template's opening
// does not, so the short template was two short prompts that began alike.
// It keeps its id and the prompts it has, but leaves the buckets, so it
// matches and absorbs nothing more. shortTemplate checks the same thing
// before learning; this catches the pairs that came before any long text.
// The retirement is part of the checkpoint (see Checkpoint): a restored
// miner has the same templates unfiled.
func (m *Miner) retireOpeners(toks []token) {
	pre, _ := promptKeys(toks)
	if pre == 0 {
		return
	}
	m.retiring = m.retiring[:0]
	for _, e := range m.buckets[pre] {
		if e.maxLen == 0 || len(toks) <= int(e.maxLen) {
			continue
		}
		S := m.ts[e.s].toks
		L := slices.Index(S, wildHash)
		if L > 0 && slices.EqualFunc(S[:L], toks[:L], func(h uint64, t token) bool { return h == t.h }) {
			m.retiring = append(m.retiring, e.s)
		}
	}
	for _, s := range m.retiring {
		m.unfile(s)
	}
}

// MineBytes is Mine for a prompt held in a byte slice, without copying
// it: ingest decodes records into reused buffers, and converting each
// prompt to a string would allocate once per record. The miner keeps no
// reference to p after it returns (every retained sample and skeleton is
// copied), so the caller may reuse p at once.
func (m *Miner) MineBytes(p []byte) uint32 {
	if len(p) == 0 {
		return 0
	}
	return m.Mine(unsafe.String(unsafe.SliceData(p), len(p)))
}

// Match reports which template prompt maps to without learning anything:
// the template it matches, or the one Mine would generalise to cover it.
func (m *Miner) Match(prompt string) (uint32, bool) {
	if prompt == "" {
		return 0, false
	}
	toks := m.prep(prompt)
	if !hasText(prompt, toks) {
		return 0, false
	}
	if id := m.exact.get(seqHash(toks)); id != 0 {
		return id, true
	}
	if s := m.match(toks); s >= 0 {
		return m.ts[s].pub.ID, true
	}
	if s, _ := m.bestMerge(toks); s >= 0 {
		return m.ts[s].pub.ID, true
	}
	return 0, false
}

// Changed returns, sorted by id, every template created or changed since
// the previous call (including ones evicted meanwhile), and resets the set.
// Persisting them and passing them to NewMiner restores the miner's ids;
// Checkpoint and Restore restore the miner exactly. Each call is a
// checkpoint: the templates it returns carry its number and how to go back
// to their state at the previous call (see Committed).
func (m *Miner) Changed() []Template {
	enc := m.changed()
	out := make([]Template, len(enc.recs))
	for i, r := range enc.recs {
		if err := out[i].UnmarshalBinary(r); err != nil {
			panic(fmt.Sprintf("templates: a record the miner encoded does not decode: %v", err))
		}
	}
	slices.SortFunc(out, func(a, b Template) int { return int64cmp(int64(a.ID), int64(b.ID)) })
	return out
}

// changed is Changed with the templates left encoded, evicted ones first.
func (m *Miner) changed() Encoded {
	m.seq++
	out := m.evicted
	m.evicted = Encoded{}
	for _, id := range m.dirtyIDs {
		if s, ok := m.byID[id]; ok && m.ts[s].dirty {
			t := &m.ts[s]
			t.dirty = false
			r := t.record()
			r.seq = m.seq
			out.add(r)
			t.save()
		}
	}
	m.dirtyIDs = m.dirtyIDs[:0]
	return out
}

// Get returns a copy of a template held in memory.
func (m *Miner) Get(id uint32) (Template, bool) {
	s, ok := m.byID[id]
	if !ok {
		return Template{}, false
	}
	return snapshot(&m.ts[s].pub), true
}

// Len reports how many templates are held in memory (at most MaxTemplates).
func (m *Miner) Len() int { return m.live }

// EvictedBytes is the size of the encodings of the templates evicted since
// the last checkpoint, which the miner holds until the next one. It grows
// with every new prompt when prompts do not repeat, so a caller that
// checkpoints by input lines alone holds them all in between.
func (m *Miner) EvictedBytes() int { return m.evicted.Size() }

func snapshot(t *Template) Template {
	c := *t
	c.Samples = slices.Clone(t.Samples)
	return c
}

// record is the persisted form of t: a copy of its template with the
// exact-index key and the way back to its state at the last checkpoint.
func (t *tmpl) record() Template {
	c := snapshot(&t.pub)
	c.hash = t.hash
	if t.fresh {
		c.undo = undo{kind: undoCreated}
	} else {
		c.undo = undo{kind: undoPrev, count: t.savedCount, samples: int(t.savedNS), sameSkel: t.savedSkel == t.pub.Skeleton}
		if !c.undo.sameSkel {
			c.undo.skel = t.savedSkel
		}
	}
	return c
}

// save notes t's template as the state of the last checkpoint.
func (t *tmpl) save() {
	t.savedSkel, t.savedCount, t.savedNS, t.fresh = t.pub.Skeleton, t.pub.Count, int32(len(t.pub.Samples)), false
}

// prep tokenises prompt into the miner's scratch buffer.
func (m *Miner) prep(prompt string) []token {
	m.toks = tokenize(m.toks[:0], prompt)
	return m.toks
}

// hasText reports whether the tokens toks of prompt hold a word a
// template could be made of: a token with a letter. A prompt of only
// whitespace, punctuation, symbols (emoji, ★, ©) and masked values (a bare
// URL, number, e-mail address, hash or quoted span) has none: it gets no
// template, else all such prompts of unrelated accounts would share a
// skeleton of nothing ("<*>", "👍") and link their senders.
func hasText(prompt string, toks []token) bool {
	for _, tk := range toks {
		if tk.h == wildHash || isPunctHash(tk.h) {
			continue
		}
		if strings.IndexFunc(prompt[tk.start:tk.end], unicode.IsLetter) >= 0 {
			return true
		}
	}
	return false
}

// anchorKeys returns the bucket keys of a token sequence: its first two
// and its last two tokens when those are constants. A template is always
// found through a constant edge, which is what lets slot fills of any
// length match it (unlike keying on token count).
func anchorKeys(n int, at func(int) uint64) (pre, suf uint64) {
	switch {
	case n == 1:
		if h := at(0); h != wildHash {
			return mixHash(0x5052, h) | 1, mixHash(0x5355, h) | 1
		}
	case n >= 2:
		if a, b := at(0), at(1); a != wildHash && b != wildHash {
			pre = mixHash(mixHash(0x5052, a), b) | 1
		}
		if a, b := at(n-2), at(n-1); a != wildHash && b != wildHash {
			suf = mixHash(mixHash(0x5355, a), b) | 1
		}
	}
	return pre, suf
}

func promptKeys(toks []token) (uint64, uint64) {
	return anchorKeys(len(toks), func(i int) uint64 { return toks[i].h })
}

// better orders candidate matches: learned templates over singletons, then
// the most specific (most constants), then the oldest, so the choice never
// depends on bucket order.
func better(a, b *tmpl) bool {
	if a.merged != b.merged {
		return a.merged
	}
	if a.nConst != b.nConst {
		return a.nConst > b.nConst
	}
	return a.pub.ID < b.pub.ID
}

// match returns the slot of the best template whose skeleton glob-matches
// toks, or -1.
func (m *Miner) match(toks []token) int32 {
	pre, suf := promptKeys(toks)
	best := int32(-1)
	for k, key := range [2]uint64{pre, suf} {
		if key == 0 || (k == 1 && key == pre) {
			continue
		}
		b := m.gbuckets[key]
		for i := range b {
			e := &b[i]
			// Length bound: every constant needs a token of its own, and
			// a skeleton without slots matches only its own length. Then
			// the edges, where a mismatch is cheapest to see. All from
			// the bucket entry, without touching the template. A short-shape
			// template matches only prompts within its bound.
			if len(toks) < int(e.nConst) || (e.nConst == e.n && len(toks) != int(e.n)) ||
				(e.maxLen > 0 && len(toks) > int(e.maxLen)) || !e.edgesFit(toks) {
				continue
			}
			s := e.s
			t := &m.ts[s]
			if best >= 0 && (s == best || !better(t, &m.ts[best])) {
				continue
			}
			if e.lead && globLead(t.toks, toks) || !e.lead && glob(t.toks, toks) {
				best = s
			}
		}
	}
	return best
}

// bent is a bucket entry: a template's slot plus what the hot loops need
// to reject it without touching the template (one cache line or two per
// entry, read in sequence, instead of a pointer chase per candidate).
type bent struct {
	s      int32
	id     uint32
	n      int32 // skeleton length
	nConst int32
	head   [edgeK]uint64 // first skeleton tokens
	tail   [edgeK]uint64 // last skeleton tokens, last first
	bloom  [4]uint64
	merged bool   // the template's merged flag, kept current by setMerged
	maxLen int32  // the template's maxLen
	lead   bool   // the template's lead
	added  uint64 // tick the entry was filed
}

// edgeK is how many tokens of each edge a bucket entry keeps.
const edgeK = 3

func (m *Miner) entry(s int32) bent {
	t := &m.ts[s]
	e := bent{s: s, id: t.pub.ID, n: int32(len(t.toks)), nConst: int32(t.nConst), bloom: t.bloom,
		merged: t.merged, maxLen: t.maxLen, lead: t.lead, added: m.tick}
	for i := 0; i < edgeK && i < len(t.toks); i++ {
		e.head[i] = t.toks[i]
		e.tail[i] = t.toks[len(t.toks)-1-i]
	}
	return e
}

// edgesFit checks the first and last edgeK skeleton tokens against the
// prompt, up to the first slot from each side.
func (e *bent) edgesFit(toks []token) bool {
	n, np := int(e.n), len(toks)
	for i := 0; i < edgeK && i < n; i++ {
		h := e.head[i]
		if h == wildHash {
			break
		}
		if i >= np || h != toks[i].h {
			return false
		}
	}
	for i := 0; i < edgeK && i < n; i++ {
		h := e.tail[i]
		if h == wildHash {
			break
		}
		if i >= np || h != toks[np-1-i].h {
			return false
		}
	}
	return true
}

// glob reports whether toks matches pat, where a wildHash in pat matches
// any run of tokens (including none). It is the classic linear-time
// wildcard matcher with single-star backtracking.
func glob(pat []uint64, toks []token) bool {
	p, t := 0, 0
	starP, starT := -1, 0
	for t < len(toks) {
		if p < len(pat) {
			if pat[p] == wildHash {
				starP, starT = p, t
				p++
				continue
			}
			if pat[p] == toks[t].h {
				p++
				t++
				continue
			}
		}
		if starP < 0 {
			return false
		}
		starT++
		p, t = starP+1, starT
	}
	for p < len(pat) && pat[p] == wildHash {
		p++
	}
	return p == len(pat)
}

// globLead is glob for a leadShape skeleton: its opening slot takes at
// most maxLeadFill plain tokens (see plainFill).
func globLead(pat []uint64, toks []token) bool {
	for k := 0; k <= maxLeadFill && k < len(toks); k++ {
		if k > 0 && !plainToken(toks[k-1].h) {
			return false
		}
		if glob(pat[1:], toks[k:]) {
			return true
		}
	}
	return false
}

// hit records that prompt mapped to the template in slot s.
func (m *Miner) hit(s int32, prompt string) {
	t := &m.ts[s]
	t.pub.Count++
	m.touch(s)
	if len(t.pub.Samples) < m.cfg.MaxSamples || !t.merged {
		m.addSample(s, prompt)
	}
	m.markDirty(s)
}

// addSample keeps prompt as a sample if it is new to the template; a
// second distinct prompt is what makes a singleton a learned template.
func (m *Miner) addSample(s int32, prompt string) {
	t := &m.ts[s]
	cut := cutSample(prompt)
	for _, x := range t.pub.Samples {
		if x == cut {
			return
		}
	}
	if len(t.pub.Samples) > 0 && !t.merged {
		m.setMerged(s)
	}
	if len(t.pub.Samples) < m.cfg.MaxSamples {
		t.pub.Samples = append(t.pub.Samples, strings.Clone(cut))
	}
}

func cutSample(p string) string {
	if len(p) <= maxSampleLen {
		return p
	}
	i := maxSampleLen
	for i > 0 && p[i]&0xC0 == 0x80 { // do not split a UTF-8 sequence
		i--
	}
	return p[:i]
}

func (m *Miner) setMerged(s int32) {
	m.unlink(s)
	m.ts[s].merged = true
	m.pushFront(s)
	t := &m.ts[s]
	for k, key := range t.keys {
		if key != 0 && !(k == 1 && key == t.keys[0]) {
			b := m.buckets[key]
			for i := range b {
				if b[i].s == s {
					b[i].merged = true
				}
			}
		}
	}
	if !m.ts[s].inG {
		m.fileG(s)
	}
}

// globbable reports whether glob matching can find t for a prompt the
// exact index does not know.
func (t *tmpl) globbable() bool { return t.merged || t.nConst < len(t.toks) }

// fileG files slot s in the glob buckets under its anchor keys.
func (m *Miner) fileG(s int32) {
	t := &m.ts[s]
	t.inG = true
	for k, key := range t.keys {
		if key != 0 && !(k == 1 && key == t.keys[0]) {
			m.gbuckets[key] = bucketAddTo(m, m.gbuckets[key], s)
		}
	}
}

// unfile removes slot s from both bucket maps.
func (m *Miner) unfile(s int32) {
	t := &m.ts[s]
	for k, key := range t.keys {
		if key != 0 && !(k == 1 && key == t.keys[0]) {
			bucketRemoveFrom(m.buckets, key, s)
			if t.inG {
				bucketRemoveFrom(m.gbuckets, key, s)
			}
		}
	}
	t.inG = false
}

func (m *Miner) markDirty(s int32) {
	t := &m.ts[s]
	if !t.dirty {
		t.dirty = true
		m.dirtyIDs = append(m.dirtyIDs, t.pub.ID)
	}
}

// create makes prompt a singleton template with the next id.
func (m *Miner) create(toks []token, prompt string, eh uint64) uint32 {
	id := m.nextID
	m.nextID++
	var b strings.Builder
	b.Grow(len(prompt) + len(toks))
	for i, tk := range toks {
		if i > 0 {
			b.WriteByte(' ')
		}
		if tk.h == wildHash {
			b.WriteString(wildText)
		} else {
			b.WriteString(tokenText(prompt, tk))
		}
	}
	skel := b.String()
	hs := make([]uint64, len(toks))
	for i := range toks {
		hs[i] = toks[i].h
	}
	s := m.alloc()
	m.ts[s] = tmpl{
		pub:   Template{ID: id, Skeleton: skel, Samples: []string{strings.Clone(cutSample(prompt))}, Count: 1},
		toks:  hs,
		live:  true, // words are split on first alignment (see ensureWords)
		hash:  eh,
		fresh: true,
	}
	m.install(s)
	m.markDirty(s)
	m.exact.put(eh, id)
	m.evictOver(s)
	return id
}

// install derives the matcher state of slot s and files it.
func (m *Miner) install(s int32) {
	t := &m.ts[s]
	t.used = m.tick
	m.derive(s)
	for k, key := range t.keys {
		if key != 0 && !(k == 1 && key == t.keys[0]) {
			m.buckets[key] = bucketAddTo(m, m.buckets[key], s)
		}
	}
	if t.globbable() {
		m.fileG(s)
	}
	m.byID[t.pub.ID] = s
	m.live++
	m.pushFront(s)
}

// derive computes the matcher state of slot s from its skeleton tokens.
func (m *Miner) derive(s int32) {
	t := &m.ts[s]
	t.nConst, t.bloom = 0, [4]uint64{}
	t.hasNL, t.hasDelim = false, false
	for _, h := range t.toks {
		if h != wildHash {
			t.nConst++
			bloomAdd(&t.bloom, h)
		}
		t.hasNL = t.hasNL || h == nlHash
		t.hasDelim = t.hasDelim || h == nlHash || h == colonHash
	}
	t.maxLen = 0
	if shortShape(t.toks) {
		t.maxLen = int32(t.nConst + shortFill(t.nConst))
	}
	t.lead = leadShape(t.toks)
	t.keys[0], t.keys[1] = anchorKeys(len(t.toks), func(i int) uint64 { return t.toks[i] })
}

func bloomAdd(b *[4]uint64, h uint64) { b[h>>62] |= 1 << (h & 63) }

func bloomOverlap(a, b *[4]uint64) int {
	return bits.OnesCount64(a[0]&b[0]) + bits.OnesCount64(a[1]&b[1]) +
		bits.OnesCount64(a[2]&b[2]) + bits.OnesCount64(a[3]&b[3])
}

func bucketAddTo(m *Miner, b []bent, s int32) []bent {
	if len(b) >= bucketCap {
		// Drop the oldest singleton entry, or if there is none the
		// least recently used learned template. The template stays in
		// memory; it only stops being a candidate here. Singletons are
		// judged from the entry alone (first come, first dropped) so that
		// the free-form stream, which fills buckets, never reads the
		// templates it pushes out.
		v := -1
		for i := range b {
			if !b[i].merged && (v < 0 || b[i].added < b[v].added) {
				v = i
			}
		}
		if v < 0 {
			v = 0
			for i := 1; i < len(b); i++ {
				if m.ts[b[i].s].used < m.ts[b[v].s].used {
					v = i
				}
			}
		}
		// Order within a bucket never decides anything (matches and
		// candidates are ranked by total orders), so removal swaps the
		// last entry in instead of moving the tail.
		b[v] = b[len(b)-1]
		b = b[:len(b)-1]
	}
	return append(b, m.entry(s))
}

func bucketRemoveFrom(buckets map[uint64][]bent, key uint64, s int32) {
	b := buckets[key]
	if i := slices.IndexFunc(b, func(e bent) bool { return e.s == s }); i >= 0 {
		b[i] = b[len(b)-1]
		b = b[:len(b)-1]
		if len(b) == 0 {
			delete(buckets, key)
		} else {
			buckets[key] = b
		}
	}
}

func (m *Miner) alloc() int32 {
	if n := len(m.free); n > 0 {
		s := m.free[n-1]
		m.free = m.free[:n-1]
		return s
	}
	m.ts = append(m.ts, tmpl{})
	return int32(len(m.ts) - 1)
}

// evictOver evicts least recently used templates while more than
// MaxTemplates are held, singletons first (they are the free-form bulk and
// the exact index keeps their ids), never the just-created slot keep.
func (m *Miner) evictOver(keep int32) {
	for m.live > m.cfg.MaxTemplates {
		v := m.lists[0].tail
		if v < 0 || v == keep {
			v = m.lists[1].tail
		}
		if v < 0 || v == keep {
			return
		}
		m.evict(v)
	}
}

func (m *Miner) evict(s int32) {
	m.unfile(s)
	t := &m.ts[s]
	m.unlink(s)
	delete(m.byID, t.pub.ID)
	if t.dirty {
		r := t.record()
		r.seq = m.seq + 1 // the next checkpoint's: the one that writes it
		m.evicted.add(r)
	}
	m.ts[s] = tmpl{}
	m.free = append(m.free, s)
	m.live--
}

func (m *Miner) touch(s int32) {
	m.ts[s].used = m.tick
	if m.lists[m.ts[s].class()].head != s {
		m.unlink(s)
		m.pushFront(s)
	}
}

func (m *Miner) pushFront(s int32) {
	t := &m.ts[s]
	l := &m.lists[t.class()]
	t.prev, t.next = -1, l.head
	if l.head >= 0 {
		m.ts[l.head].prev = s
	}
	l.head = s
	if l.tail < 0 {
		l.tail = s
	}
}

func (m *Miner) unlink(s int32) {
	t := &m.ts[s]
	l := &m.lists[t.class()]
	if t.prev >= 0 {
		m.ts[t.prev].next = t.next
	} else {
		l.head = t.next
	}
	if t.next >= 0 {
		m.ts[t.next].prev = t.prev
	} else {
		l.tail = t.prev
	}
	t.prev, t.next = -1, -1
}

// parseSkeleton re-derives token hashes from a rendered skeleton. Tokens
// never contain spaces, so splitting on ' ' inverts the rendering exactly.
func parseSkeleton(skel string) ([]uint64, []string) {
	words := strings.Split(skel, " ")
	toks := make([]uint64, len(words))
	for i, w := range words {
		switch {
		case w == wildText:
			toks[i] = wildHash
		case len(w) == 1:
			toks[i] = punctHash[w[0]]
		default:
			toks[i] = xxhash.Sum64String(w)
		}
	}
	return toks, words
}

// ensureWords splits t's skeleton into its words on first need: most
// singletons are never aligned, and the split is an allocation per token.
func ensureWords(t *tmpl) {
	if t.words == nil {
		t.words = splitWords(t.pub.Skeleton, len(t.toks))
	}
}

// splitWords splits a skeleton into its n space-separated words.
func splitWords(skel string, n int) []string {
	words := make([]string, 0, n)
	for {
		i := strings.IndexByte(skel, ' ')
		if i < 0 {
			return append(words, skel)
		}
		words = append(words, skel[:i])
		skel = skel[i+1:]
	}
}

func seqHashU(hs []uint64) uint64 {
	h := uint64(len(hs)) * 0x9E3779B97F4A7C15
	for _, v := range hs {
		h = mixHash(h, v)
	}
	return h | 1
}

// shortShape reports whether a skeleton is an opening and a closing around
// short slots: no delimiter, constants at both edges, at least one slot and
// no substantive stretch (two words, or one at the closing edge) but the
// opening. structured learns that shape only from short fills (the long
// opening rule and shortTemplate), so such a template matches only prompts
// whose fills are short too: a longer text after the same opening is
// another prompt that begins the same way. The bound is derived from the
// skeleton alone, so it survives persistence without a field of its own.
func shortShape(S []uint64) bool {
	n := len(S)
	if n == 0 || S[0] == wildHash || S[n-1] == wildHash {
		return false
	}
	slots, words := 0, 0
	for i := 0; i <= n; i++ {
		if i == n || S[i] == wildHash {
			if slots > 0 && (words >= 2 || (i == n && words >= 1)) {
				return false
			}
			if i < n {
				slots++
			}
			words = 0
			continue
		}
		if S[i] == colonHash || S[i] == nlHash {
			return false
		}
		if !isPunctHash(S[i]) {
			words++
		}
	}
	return slots > 0
}

// leadShape reports whether a skeleton opens with a slot that is not a
// payload: it is followed by a constant other than a colon, and the
// skeleton has no line break (a payload that opens a prompt ends at one,
// "{text}\n\nTL;DR:"). structured makes such a slot only from short plain
// fills ("{name} asked if ..."; see leadFill), or it is a masked variable
// that opened a prompt, so it takes only such a fill: a slot that took any
// text would take a wrapper's whole instruction before the closing
// ("Solve this fully: Write a function that ..."). Derived from the
// skeleton alone, as shortShape is.
func leadShape(S []uint64) bool {
	return len(S) >= 2 && S[0] == wildHash && S[1] != wildHash && S[1] != colonHash && !slices.Contains(S, nlHash)
}

// plainToken reports whether h may be part of a leading fill: not a
// delimiter and not the end of a sentence.
func plainToken(h uint64) bool {
	return h != colonHash && h != nlHash && !endsSentence(h)
}

// shortFill is the most tokens the slots of a short-shape template with
// nConst constants may take in all.
func shortFill(nConst int) int { return maxShortSlot + nConst/2 }
