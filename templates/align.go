package templates

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// run is a maximal block of consecutive aligned tokens: s and p are where
// it starts in the template and in the prompt.
type run struct{ s, p, n int32 }

type cand struct {
	slot    int32
	overlap int
	id      uint32
}

// bestMerge picks the template that prompt toks should generalise, if any:
// among the templates sharing an anchor with it, the few with the most
// shared constant tokens are aligned and the best score at or above
// Config.Similarity wins (ties to the oldest id). It returns the slot and
// its score, or -1.
func (m *Miner) bestMerge(toks []token) (int32, float64) {
	pre, suf := promptKeys(toks)
	var pb [4]uint64
	for i := range toks {
		if toks[i].h != wildHash {
			bloomAdd(&pb, toks[i].h)
		}
	}
	// Keep only the mergeCandidates best (most shared constants, then
	// oldest id) by insertion: buckets are small but many prompts miss.
	m.cands = m.cands[:0]
	m.pairsOK = false
	for k, key := range [2]uint64{pre, suf} {
		if key == 0 || (k == 1 && key == pre) {
			continue
		}
		b := m.buckets[key]
		for j := range b {
			e := &b[j]
			ov := bloomOverlap(&e.bloom, &pb)
			if ov < minConst {
				continue
			}
			if len(m.cands) == mergeCandidates && !candBefore(ov, e.id, m.cands[len(m.cands)-1]) {
				continue
			}
			s := e.s
			if k == 1 && slices.ContainsFunc(m.cands, func(c cand) bool { return c.slot == s }) {
				continue
			}
			if !m.edgeOK(e, toks) {
				continue
			}
			i := len(m.cands)
			if i < mergeCandidates {
				m.cands = append(m.cands, cand{})
			} else {
				i--
			}
			for i > 0 && candBefore(ov, e.id, m.cands[i-1]) {
				m.cands[i] = m.cands[i-1]
				i--
			}
			m.cands[i] = cand{s, ov, e.id}
		}
	}
	best, bestScore := int32(-1), 0.0
	for _, c := range m.cands {
		if !m.mayMerge(&m.ts[c.slot], toks) {
			continue
		}
		sc := m.align(&m.ts[c.slot], toks)
		if sc >= m.cfg.Similarity && (best < 0 || sc > bestScore ||
			(sc == bestScore && m.ts[c.slot].pub.ID < m.ts[best].pub.ID)) {
			best, bestScore = c.slot, sc
		}
	}
	return best, bestScore
}

const pairSetSize = 512

type pairEntry struct {
	h   uint64
	gen uint32
}

// mayMerge checks necessary conditions of structured before any
// alignment is computed, so the quadratic step is spent only where the
// structural rules could accept a merge. It never rejects a candidate
// structured would accept, so it changes no result, only the cost: most
// free-form prompts share an opening with their bucket-mates and nothing
// else, and fail here in O(n).
//
// The conditions, from structured: a new leading slot needs a line break
// in the template or a common closing of minLead tokens (leadFill), a new
// trailing slot a colon or line break; without a
// delimiter and short of a long opening, agreement needs two substantive
// runs, each either an edge run with a word or an interior run of two or
// more tokens, which the two texts can only share if they share an
// adjacent pair of constant tokens.
func (m *Miner) mayMerge(t *tmpl, toks []token) bool {
	S := t.toks
	n, np := len(S), len(toks)
	pre := 0
	for pre < n && pre < np && S[pre] != wildHash && S[pre] == toks[pre].h {
		pre++
	}
	suf := 0
	for suf < n-pre && suf < np-pre && S[n-1-suf] != wildHash && S[n-1-suf] == toks[np-1-suf].h {
		suf++
	}
	if pre == 0 && S[0] != wildHash && !t.hasNL {
		// Only a short fill before a long closing (leadFill in
		// structured) may open the template without a line break.
		return suf >= minLead
	}
	if suf == 0 && S[n-1] != wildHash && !t.hasDelim {
		return false
	}
	if t.hasDelim || pre >= minLead {
		return true
	}
	// shortTemplate: an opening of minShortLead words, a closing, and at
	// most shortFill(kept) tokens outside what is kept on either side,
	// where kept is at most the shorter length.
	if f := shortFill(min(n, np)); suf > 0 && np-n <= f && n-np <= f && countWords(S[:pre]) >= minShortLead {
		return true
	}
	subs := 0
	if hasWord(S[:pre]) {
		subs++
	}
	if hasWord(S[n-suf:]) {
		subs++
	}
	if subs >= 2 {
		return true
	}
	return m.sharesPair(S[pre:n-suf], toks)
}

// countWords counts the words (see hasWord) in a run of constant tokens.
func countWords(hs []uint64) int {
	n := 0
	for _, h := range hs {
		if !isPunctHash(h) {
			n++
		}
	}
	return n
}

// hasWord reports whether a run of constant tokens holds a word (anything
// but single-byte punctuation and line breaks).
func hasWord(hs []uint64) bool {
	for _, h := range hs {
		if !isPunctHash(h) {
			return true
		}
	}
	return false
}

// sharesPair reports whether the template tokens S hold an adjacent pair of
// constants that also occurs adjacent in toks. The prompt's pairs are
// hashed into m.pairSet once per bestMerge call.
func (m *Miner) sharesPair(S []uint64, toks []token) bool {
	if !m.pairsOK {
		m.pairsOK = true
		m.pairGen++
		if m.pairGen == 0 {
			m.pairSet = [pairSetSize]pairEntry{}
			m.pairGen = 1
		}
		if len(toks) > pairSetSize/2 {
			m.pairGen-- // too many to hash: treat every pair as shared
			m.pairsOK = false
			return true
		}
		for i := 1; i < len(toks); i++ {
			a, b := toks[i-1].h, toks[i].h
			if a == wildHash || b == wildHash {
				continue
			}
			h := mixHash(a, b)
			for j := h >> 55; ; j = (j + 1) % pairSetSize {
				e := &m.pairSet[j]
				if e.gen != m.pairGen {
					*e = pairEntry{h, m.pairGen}
					break
				}
				if e.h == h {
					break
				}
			}
		}
	}
	for i := 1; i < len(S); i++ {
		a, b := S[i-1], S[i]
		if a == wildHash || b == wildHash {
			continue
		}
		h := mixHash(a, b)
		for j := h >> 55; ; j = (j + 1) % pairSetSize {
			e := &m.pairSet[j]
			if e.gen != m.pairGen {
				break
			}
			if e.h == h {
				return true
			}
		}
	}
	return false
}

// candBefore orders merge candidates: more shared constants first, then
// the oldest id.
func candBefore(ov int, id uint32, c cand) bool {
	if ov != c.overlap {
		return ov > c.overlap
	}
	return id < c.id
}

// edgeOK reports whether edgeAgreement(template, toks) >= minEdge, from
// the bucket entry's edges when they decide it, else from the template.
func (m *Miner) edgeOK(e *bent, toks []token) bool {
	n, np := int(e.n), len(toks)
	if n < 2*edgeK || np < 2*edgeK {
		return edgeAgreement(m.ts[e.s].toks, toks) >= minEdge
	}
	cnt, pre := 0, 0
	for pre < edgeK && e.head[pre] == toks[pre].h {
		if e.head[pre] != wildHash {
			cnt++
		}
		pre++
	}
	if cnt >= minEdge {
		return true
	}
	if pre == edgeK {
		return edgeAgreement(m.ts[e.s].toks, toks) >= minEdge
	}
	for suf := 0; e.tail[suf] == toks[np-1-suf].h; {
		if e.tail[suf] != wildHash {
			cnt++
		}
		suf++
		if cnt >= minEdge {
			return true
		}
		if suf == edgeK {
			return edgeAgreement(m.ts[e.s].toks, toks) >= minEdge
		}
	}
	return cnt >= minEdge
}

// generalize widens the template in slot s so it also covers toks, using
// the alignment bestMerge accepted (recomputed here into m.out).
func (m *Miner) generalize(s int32, toks []token, prompt string) {
	t := &m.ts[s]
	m.align(t, toks)
	ensureWords(t)
	var b strings.Builder
	n := 0
	for i, o := range m.out {
		if i > 0 {
			b.WriteByte(' ')
		}
		if o < 0 {
			b.WriteString(wildText)
		} else {
			b.WriteString(t.words[o])
		}
		n++
	}
	skel := b.String()
	if skel != t.pub.Skeleton {
		hs := make([]uint64, len(m.out))
		for i, o := range m.out {
			if o < 0 {
				hs[i] = wildHash
			} else {
				hs[i] = t.toks[o]
			}
		}
		// Re-file under the new anchors: keys change when an edge
		// token turns into a slot.
		m.unfile(s)
		m.unlink(s)
		m.live--
		delete(m.byID, t.pub.ID)
		t.pub.Skeleton = skel
		t.toks = hs
		t.words = nil
		m.install(s)
	}
	m.hit(s, prompt)
}

// align aligns the template t with prompt toks, leaves the merged skeleton
// in m.out (template token indexes, -1 for a slot) and returns its score.
//
// The score is M / (M + C). M counts the constant tokens the merged
// skeleton keeps. C charges each slot (gap) for what it swallows:
//   - unconfirmed differences (a singleton's tokens, prompt tokens where
//     the template has no slot, anything at an edge) cost at most gapCap
//     per gap, because a fill may be 1 or 100 tokens long and that says
//     nothing about whether it is a slot, and at most one right after a
//     colon or line break, where templates put their payload;
//   - constants of a learned template lost between two agreeing stretches
//     cost one each plus confirmedCost per word: two prompts agreed on
//     them, and wearing them away is how near-miss templates would merge;
//   - prompt tokens absorbed by an existing slot cost nothing.
//
// Scattered short agreements (two fills that both say "of the") would cut
// one slot into several; such runs are dropped greedily while that raises
// the score, which leaves only the agreement that pays for itself.
func (m *Miner) align(t *tmpl, toks []token) float64 {
	S := t.toks
	n, np := len(S), len(toks)
	m.pairs = m.pairs[:0]
	pre := 0
	for pre < n && pre < np && S[pre] != wildHash && S[pre] == toks[pre].h {
		pre++
	}
	suf := 0
	for suf < n-pre && suf < np-pre && S[n-1-suf] != wildHash && S[n-1-suf] == toks[np-1-suf].h {
		suf++
	}
	for i := 0; i < pre; i++ {
		m.pairs = append(m.pairs, [2]int32{int32(i), int32(i)})
	}
	a, b := n-pre-suf, np-pre-suf
	if a > 0 && b > 0 && a <= maxAlign && b <= maxAlign {
		m.lcs(S[pre:n-suf], toks[pre:np-suf], int32(pre))
	}
	for i := suf; i > 0; i-- {
		m.pairs = append(m.pairs, [2]int32{int32(n - i), int32(np - i)})
	}

	// Group aligned pairs into runs.
	m.runs = m.runs[:0]
	for _, pr := range m.pairs {
		if k := len(m.runs) - 1; k >= 0 {
			r := &m.runs[k]
			if r.s+r.n == pr[0] && r.p+r.n == pr[1] {
				r.n++
				continue
			}
		}
		m.runs = append(m.runs, run{pr[0], pr[1], 1})
	}
	m.out = m.out[:0]
	if len(m.runs) == 0 || len(m.runs) > maxRuns {
		return 0
	}
	// Prefix counts of the template's constants for O(1) gap costs.
	m.sNon = append(m.sNon[:0], 0)
	m.sWord = append(m.sWord[:0], 0)
	for i, h := range S {
		c, w := m.sNon[i], m.sWord[i]
		if h != wildHash {
			c++
			if !isPunctHash(h) {
				w++
			}
		}
		m.sNon = append(m.sNon, c)
		m.sWord = append(m.sWord, w)
	}
	m.keep = m.keep[:0]
	for range m.runs {
		m.keep = append(m.keep, true)
	}
	// Greedy dropping, incrementally: the score is a sum over gaps, so
	// dropping run i only replaces the gaps on either side of it with one
	// gap between its kept neighbours. Each round is O(runs), not
	// O(runs²), and the choice is the same as recomputing every score.
	M, C := m.totals(S, np, t.merged)
	score := ratio(M, C)
	m.drop = m.drop[:0]
	for _, r := range m.runs {
		m.drop = append(m.drop, m.droppable(t, r))
	}
	for {
		bi, bs, bC := -1, score, 0
		prev := -1
		for i, r := range m.runs {
			if !m.keep[i] {
				continue
			}
			if m.drop[i] {
				next := i + 1
				for next < len(m.runs) && !m.keep[next] {
					next++
				}
				ps, pp := int32(0), int32(0)
				if prev >= 0 {
					ps, pp = m.runs[prev].s+m.runs[prev].n, m.runs[prev].p+m.runs[prev].n
				}
				ns, nq := int32(n), int32(np)
				if next < len(m.runs) {
					ns, nq = m.runs[next].s, m.runs[next].p
				}
				c := C - m.gapCost(S, t.merged, ps, r.s, pp, r.p) - m.gapCost(S, t.merged, r.s+r.n, ns, r.p+r.n, nq) +
					m.gapCost(S, t.merged, ps, ns, pp, nq)
				// A tie drops too: when the score cannot tell, one
				// longer slot is likelier than a coincidence in two.
				if sc := ratio(M-int(r.n), c); sc > bs || (bi < 0 && sc == bs) {
					bi, bs, bC = i, sc, c
				}
			}
			prev = i
		}
		if bi < 0 {
			break
		}
		m.keep[bi] = false
		M -= int(m.runs[bi].n)
		C = bC
		score = bs
	}
	if !m.emit(t, toks) {
		// Punctuation that two different fills happen to share ("( <*> )"
		// in two code snippets) can win the score and still leave a
		// shape no rule accepts; without it the agreement may stand.
		if !m.dropPunct(t) || !m.emit(t, toks) {
			return 0
		}
		score = ratio(m.totals(S, np, t.merged))
	}
	return score
}

// dropPunct un-keeps every droppable run of punctuation only and reports
// whether there was any.
func (m *Miner) dropPunct(t *tmpl) bool {
	found := false
	for i, r := range m.runs {
		if m.keep[i] && m.drop[i] && m.sWord[r.s+r.n] == m.sWord[r.s] {
			m.keep[i] = false
			found = true
		}
	}
	return found
}

// emit writes the skeleton of the runs kept into m.out and reports whether
// it can stand as a template.
func (m *Miner) emit(t *tmpl, toks []token) bool {
	S := t.toks
	n, np := len(S), len(toks)
	m.out = m.out[:0]
	kept, prevS, prevP := 0, int32(0), int32(0)
	for i, r := range m.runs {
		if !m.keep[i] {
			continue
		}
		if r.s > prevS || r.p > prevP {
			m.out = append(m.out, -1)
		}
		for k := int32(0); k < r.n; k++ {
			m.out = append(m.out, r.s+k)
		}
		kept += int(r.n)
		prevS, prevP = r.s+r.n, r.p+r.n
	}
	if int(prevS) < n || int(prevP) < np {
		m.out = append(m.out, -1)
	}
	if kept < minConst || !m.structured(t, toks) {
		return false
	}
	pk, sk := anchorKeys(len(m.out), func(i int) uint64 {
		if m.out[i] < 0 {
			return wildHash
		}
		return S[m.out[i]]
	})
	// Without a constant edge it could never be found again.
	return pk != 0 || sk != 0
}

// totals returns M and C (see align) of the alignment with the runs
// currently in m.keep.
func (m *Miner) totals(S []uint64, np int, merged bool) (M, C int) {
	prevS, prevP := int32(0), int32(0)
	for i, r := range m.runs {
		if !m.keep[i] {
			continue
		}
		C += m.gapCost(S, merged, prevS, r.s, prevP, r.p)
		M += int(r.n)
		prevS, prevP = r.s+r.n, r.p+r.n
	}
	C += m.gapCost(S, merged, prevS, int32(len(S)), prevP, int32(np))
	return M, C
}

func ratio(M, C int) float64 {
	if M == 0 {
		return 0
	}
	return float64(M) / float64(M+C)
}

// gapCost is what the slot over template tokens [s0, s1) and prompt tokens
// [p0, p1) costs (see align).
func (m *Miner) gapCost(S []uint64, merged bool, s0, s1, p0, p1 int32) int {
	if s0 == s1 && p0 == p1 {
		return 0
	}
	lost := int(m.sNon[s1] - m.sNon[s0])
	wild := int(s1-s0) > lost
	// A payload right after a delimiter is where a template's slot is
	// expected, not a divergence: its unconfirmed text costs one.
	c := gapCap
	if s0 > 0 && (S[s0-1] == colonHash || S[s0-1] == nlHash) {
		c = 1
	}
	lc := min(lost, c)
	if merged && s0 > 0 && int(s1) < len(S) {
		lc = lost + confirmedCost*int(m.sWord[s1]-m.sWord[s0])
	}
	ic := 0
	if !wild {
		ic = min(int(p1-p0), c)
	}
	return max(lc, ic)
}

// lcs appends to m.pairs a longest common subsequence of the constants of
// S and the tokens of P (offset by off in both sequences). Slots and
// masked tokens never align: they are variable by definition.
func (m *Miner) lcs(S []uint64, P []token, off int32) {
	a, b := len(S), len(P)
	w := b + 1
	need := (a + 1) * w
	if cap(m.dp) < need {
		m.dp = make([]uint8, need)
	}
	dp := m.dp[:need]
	for j := 0; j <= b; j++ {
		dp[a*w+j] = 0
	}
	for i := a - 1; i >= 0; i-- {
		row, next := dp[i*w:], dp[(i+1)*w:]
		row[b] = 0
		si := S[i]
		for j := b - 1; j >= 0; j-- {
			switch {
			case si != wildHash && si == P[j].h:
				row[j] = next[j+1] + 1
			case next[j] >= row[j+1]:
				row[j] = next[j]
			default:
				row[j] = row[j+1]
			}
		}
	}
	for i, j := 0, 0; i < a && j < b; {
		switch {
		case S[i] != wildHash && S[i] == P[j].h && dp[i*w+j] == dp[(i+1)*w+j+1]+1:
			m.pairs = append(m.pairs, [2]int32{off + int32(i), off + int32(j)})
			i++
			j++
		case dp[(i+1)*w+j] >= dp[i*w+j+1]:
			i++
		default:
			j++
		}
	}
}

// isWordText reports whether a skeleton token is a word rather than
// punctuation or a line break.
func isWordText(w string) bool {
	return w != "" && classOf[w[0]] != clsPunct && classOf[w[0]] != clsNewline
}

// structured decides whether the agreement kept in m.runs/m.keep is
// evidence of a shared template rather than of a shared opening. Ids cannot
// be taken back, so when two prompts agree only on an opening and then
// diverge the miner must guess whether the divergence is a slot fill or the
// rest of a different template that starts the same way ("You are a
// helpful assistant. <task A>" vs "... <task B>"). The rules are about
// token classes and positions, never about particular words:
//
//   - a slot created at the start or end of the template (an edge slot)
//     must be separated from the template text by a delimiter, a colon or a
//     line break before a trailing slot, a line break after a leading one:
//     that is where templates put their payload ("Summarize this: {text}",
//     "{text}\n\nTL;DR:"); a bare word boundary is how a
//     different sentence, or a different template, continues; except that
//     a short leading fill (a name) before a long closing is a slot (see
//     leadFill);
//   - a new slot longer than maxShortSlot between two agreeing stretches
//     must touch a delimiter too;
//   - agreement must include a second stretch of words after a slot (a
//     substantive run: two or more words, or a word at an edge), or end at
//     such a delimiter with at least minDelimWords words before it, or be a long opening (minLead tokens) followed by
//     one short slot and the closing punctuation ("Write code that
//     {task}."), short being at most maxShortSlot tokens, or pass
//     shortTemplate (a shorter opening, short fills, an opening never
//     seen before a long text), or be an opening ending at a delimiter
//     before a payload that is a text of its own (see multiPart).
func (m *Miner) structured(t *tmpl, toks []token) bool {
	n, np := len(t.toks), len(toks)
	m.wordUnits(t)
	isDelim := func(i int32) bool { h := t.toks[i]; return h == colonHash || h == nlHash }
	// A colon introduces what follows it, so only a line break can close
	// a payload that opens the prompt ("{code}\nExplain this").
	isNL := func(i int32) bool { return t.toks[i] == nlHash }
	startsDelim := func(r run) bool { return isNL(r.s) || (r.n > 1 && isNL(r.s+1)) }
	endsDelim := func(r run) bool { e := r.s + r.n; return isDelim(e-1) || (r.n > 1 && isDelim(e-2)) }
	// grows reports whether the gap over template tokens [a, b) makes or
	// widens a slot: it drops constants, or inserts where there was none.
	grows := func(a, b int32) bool { return a == b || m.sNon[b] > m.sNon[a] }
	var first, last, sub run
	nSub, nKept := 0, 0
	shortGaps := true
	for i, r := range m.runs {
		if !m.keep[i] {
			continue
		}
		if nKept == 0 {
			first = r
		} else if r.s-(last.s+last.n) > maxShortSlot || r.p-(last.p+last.n) > maxShortSlot {
			// A long new slot inside the template (not one that
			// widens an existing slot) must touch a delimiter: free
			// text that merely ends the same way ("... about the
			// water cycle.") is not a template.
			shortGaps = false
			a, b := last.s+last.n, r.s
			if m.sNon[b]-m.sNon[a] == b-a && !endsDelim(last) && !startsDelim(r) {
				return false
			}
		}
		nKept++
		last = r
		edge := (r.s == 0 && r.p == 0) || (int(r.s+r.n) == n && int(r.p+r.n) == np)
		if w := m.sUnit[r.s+r.n] - m.sUnit[r.s]; w >= 2*wordUnit || (w > 0 && edge) {
			nSub, sub = nSub+1, r
		}
	}
	if nSub == 0 {
		return false
	}
	lead := first.s > 0 || first.p > 0
	trail := int(last.s+last.n) < n || int(last.p+last.n) < np
	// leadFill: a fill as short as a name that opens the prompt in place
	// of the template's own opening word or two, before a long closing
	// stretch ("{name} asked if this is a pyramid scheme. Write ..."): the
	// mirror of a long opening followed by a short fill and closing
	// punctuation. A fill that ends a sentence is a task of its own before
	// a shared closing instruction ("Why is the sky blue? Explain step by
	// step ..."), as a sentence after a shared preamble is; one that ends
	// at a delimiter is a label before its payload ("Solve this: {q}"); and
	// a wrapper added before a bare text ("Please {q}") is another
	// template, so both sides must have a fill.
	plainFill := func(hs []uint64) bool {
		if len(hs) == 0 || len(hs) > maxLeadFill {
			return false
		}
		for _, h := range hs {
			if !plainToken(h) {
				return false
			}
		}
		return true
	}
	// A bounded opening slot (see leadShape) takes only such a fill, or
	// none.
	promptFill := first.p <= maxLeadFill && plainFill(m.hashes(toks[:first.p]))
	if t.lead && first.p > 0 && !promptFill {
		return false
	}
	leadFill := lead && !trail && shortGaps && promptFill && plainFill(t.toks[:first.s]) &&
		plainFill(t.toks[first.s:first.s+1]) && m.sTokUnit[n]-m.sTokUnit[last.s] >= minLead*wordUnit
	if lead && grows(0, first.s) && !startsDelim(first) && !leadFill {
		return false
	}
	if trail && grows(last.s+last.n, int32(n)) && !endsDelim(last) {
		return false
	}
	if nSub >= 2 || leadFill {
		return true
	}
	// labelEnd is where a stretch that ends at a delimiter ends before it:
	// a word after the delimiter ("[System]\nYou ...") is the payload's
	// first, not the label's.
	labelEnd := func(r run) int32 {
		e := r.s + r.n
		if !isDelim(e - 1) {
			e--
		}
		return e
	}
	// colonLabel: the stretch ends at a colon (and a line break), as a
	// one-word label that introduces its payload does ("File:", "Text:").
	colonLabel := func(r run) bool {
		e := labelEnd(r)
		return t.toks[e-1] == colonHash || e >= 2 && t.toks[e-2] == colonHash && t.toks[e-1] == nlHash
	}
	prefix := sub.s == 0 && sub.p == 0
	suffix := int(sub.s+sub.n) == n && int(sub.p+sub.n) == np
	switch {
	case prefix && endsDelim(sub) && m.sUnit[sub.s+sub.n] >= minDelimWords*wordUnit,
		suffix && startsDelim(sub) && m.sUnit[n]-m.sUnit[sub.s] >= minDelimWords*wordUnit:
		return true
	case prefix && !trail && sub != last && m.sTokUnit[sub.n] >= minLead*wordUnit && shortGaps && !endsSentence(t.toks[sub.n-1]):
		return true
	case prefix && !trail && sub != last && !endsSentence(t.toks[sub.n-1]) && m.shortTemplate(t, sub, n, np):
		return true
	case prefix && endsDelim(sub) && (m.sUnit[labelEnd(sub)] >= minLabelWords*wordUnit || colonLabel(sub)) &&
		(multiPart(t.toks[sub.n:]) || multiPart(m.hashes(toks[sub.n:]))):
		return true
	}
	return false
}

// endsSentence reports whether h is punctuation that ends a sentence. A
// short slot that starts a sentence after an opening is a sentence of its
// own, another task behind a shared preamble ("You are a meticulous
// analyst. ... Draft a press release on {x}." vs "... Write a risk
// assessment of {x}."), not a fill inside the template's sentence ("Write
// code that {task}.").
func endsSentence(h uint64) bool {
	return h == punctHash['.'] || h == punctHash['?'] || h == punctHash['!']
}

// wordUnit is what a word weighs in the thresholds of structured. In the
// scripts tokenised a character at a time (see soloToken) a character is
// a fraction of a word: two Han characters, four kana, six Thai, Lao,
// Khmer or Myanmar letters make about one. Counted whole, a three-character
// opening such as "请解释：" ("explain:") would pass for a three-word
// label and take every text after it as one slot.
const wordUnit = 12

// unitsOf is the weight of the skeleton token w, in wordUnits.
func unitsOf(w string) int32 {
	r, _ := utf8.DecodeRuneInString(w)
	switch {
	case r >= 0x3040 && r <= 0x30FF, r >= 0x31F0 && r <= 0x31FF, r >= 0xFF66 && r <= 0xFF9F:
		return wordUnit / 4
	case r >= 0x0E00 && r <= 0x0EFF, r >= 0x1000 && r <= 0x109F, r >= 0x1780 && r <= 0x17FF:
		return wordUnit / 6
	case solo(r):
		return wordUnit / 2
	}
	return wordUnit
}

// wordUnits fills m.sUnit and m.sTokUnit with prefix sums over t's tokens
// of the words' weights, and of every constant token's (punctuation
// weighs a word there, as in a token count).
func (m *Miner) wordUnits(t *tmpl) {
	ensureWords(t)
	m.sUnit = append(m.sUnit[:0], 0)
	m.sTokUnit = append(m.sTokUnit[:0], 0)
	for i, h := range t.toks {
		u, tu := m.sUnit[i], m.sTokUnit[i]
		switch {
		case h == wildHash:
		case isPunctHash(h):
			tu += wordUnit
		default:
			w := unitsOf(t.words[i])
			u += w
			tu += w
		}
		m.sUnit = append(m.sUnit, u)
		m.sTokUnit = append(m.sTokUnit, tu)
	}
}

// multiPart reports whether a payload is a text of its own rather than the
// rest of one typed sentence: it holds a sentence end or a line break
// followed by more words. A label too short to stand as a template before
// its colon ("Summarize this: {text}") looks like a chat opener ("quick
// question: ..."), but an opener is followed by one sentence and a
// template by the pasted text it works on.
func multiPart(hs []uint64) bool {
	for i := 1; i < len(hs); i++ {
		switch hs[i-1] {
		case punctHash['.'], punctHash['?'], punctHash['!'], nlHash:
			if hs[i] != wildHash && !isPunctHash(hs[i]) {
				return true
			}
		}
	}
	return false
}

// hashes returns the token hashes of toks in a scratch buffer.
func (m *Miner) hashes(toks []token) []uint64 {
	m.hs = m.hs[:0]
	for _, tk := range toks {
		m.hs = append(m.hs, tk.h)
	}
	return m.hs
}

// shortTemplate decides the single-stretch shape structured otherwise
// rejects: an opening of minShortLead or more words, short slots and a
// closing ("Write a haiku about {topic}."). Free-form prompts start the
// same way ("can you help me with ..."), so the shape is accepted only
// when the opening and closing are the whole prompt apart from a short
// fill on both sides (at most shortFill tokens), and when no other text
// seen under the same anchor continues that opening with more than a
// short fill: a free-form opener is followed by texts of every length,
// a template's opening only by its slot values. A template learned this
// way is bounded to short fills when matching (see shortShape).
func (m *Miner) shortTemplate(t *tmpl, lead run, n, np int) bool {
	if m.sUnit[lead.n] < minShortLead*wordUnit {
		return false
	}
	kept := 0
	for i, r := range m.runs {
		if !m.keep[i] {
			continue
		}
		for k := r.s; k < r.s+r.n; k++ {
			if h := t.toks[k]; h == colonHash || h == nlHash {
				return false
			}
		}
		kept += int(r.n)
	}
	f := shortFill(kept)
	if np-kept > f || n-kept > f {
		return false
	}
	L := int(lead.n)
	for _, e := range m.buckets[t.keys[0]] {
		if int(e.n)-L <= f+1 {
			continue
		}
		if u := &m.ts[e.s]; u != t && slices.Equal(u.toks[:L], t.toks[:L]) {
			return false
		}
	}
	return true
}

// droppable reports whether run r may be treated as a coincidence inside a
// slot fill: short agreement ("of the") or agreement on punctuation only,
// but never a delimiter, which is where template text meets its payload,
// unless the delimiter stands alone: two multi-line fills (code, lists)
// share line breaks and colons without sharing any template text.
func (m *Miner) droppable(t *tmpl, r run) bool {
	if h := t.toks[r.s]; r.n == 1 && (h == nlHash || h == colonHash) {
		return true
	}
	for i := r.s; i < r.s+r.n; i++ {
		if h := t.toks[i]; h == colonHash || h == nlHash {
			return false
		}
	}
	return r.n <= maxDrop || m.sWord[r.s+r.n] == m.sWord[r.s]
}

// edgeAgreement counts the tokens a template and a prompt share exactly at
// their start and end. Candidates come from a two-token anchor, so this is
// at least 2; unrelated texts rarely share more, which lets the miss path
// skip the quadratic alignment for nearly all free-form prompts.
func edgeAgreement(S []uint64, P []token) int {
	// A masked value facing a slot ("[task 7]" vs "[task <*>]") does not
	// end the agreement, it just does not count.
	n, np := len(S), len(P)
	pre, cnt := 0, 0
	for pre < n && pre < np && S[pre] == P[pre].h {
		if S[pre] != wildHash {
			cnt++
		}
		pre++
	}
	for suf := 0; suf < n-pre && suf < np-pre && S[n-1-suf] == P[np-1-suf].h; suf++ {
		if S[n-1-suf] != wildHash {
			cnt++
		}
	}
	return cnt
}
