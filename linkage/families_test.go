package linkage

import (
	"fmt"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestJoinFamilies puts each family of a ring (five accounts on one card,
// one device and one address, working heavily on the ring's templates) in
// a cluster of its own, as community detection leaves them, beside
// households whose members all send one popular template, households
// that share an unusual template of their own, and households of power
// users of one browser extension's wrapper template, and checks that only
// the families are merged, into one flagged cluster.
func TestJoinFamilies(t *testing.T) {
	s := newSynth(41)
	type group struct {
		name    string
		members []string
	}
	var groupsOf []group
	for f := range 20 {
		g := group{name: fmt.Sprintf("fam%d", f)}
		for m := range 5 {
			a := fmt.Sprintf("fam%d-%d", f, m)
			g.members = append(g.members, a)
			for range 40 {
				s.rec(s.at(), a, "request", fmt.Sprintf("81.20.%d.7", f), "card-"+g.name, "dev-"+g.name, a+"@mail.test", fmt.Sprintf("ring-tmpl-%d", s.rng.IntN(2)), 1500+s.rng.IntN(1500))
			}
		}
		groupsOf = append(groupsOf, g)
	}
	house := func(name, tmpl string, reqs, tokens int) {
		g := group{name: name}
		for m := range 3 {
			a := fmt.Sprintf("%s-%d", name, m)
			g.members = append(g.members, a)
			for range reqs {
				s.rec(s.at(), a, "request", fmt.Sprintf("90.9.%d.9", len(groupsOf)), "card-"+name, "dev-"+a, a+"@mail.test", tmpl, tokens+s.rng.IntN(tokens))
			}
		}
		groupsOf = append(groupsOf, g)
	}
	for h := range 8 {
		house(fmt.Sprintf("pophouse%d", h), "pop-0", 3, 100)
	}
	for h := range 8 {
		house(fmt.Sprintf("recipehouse%d", h), "recipe-tmpl", 3, 100)
	}
	// Power users of a browser extension that wraps every prompt in its
	// own template: heavy, but not as heavy as extraction.
	for h := range 12 {
		house(fmt.Sprintf("exthouse%d", h), "ext-wrapper", 12, 400)
	}
	s.legit("user", 300)
	p, acct := handCluster(t, s, true, nil)
	p.nLab = 0
	for i, g := range groupsOf {
		for _, a := range g.members {
			p.label[acct(a)] = int32(i)
		}
		p.nLab++
	}
	before := newScorer(p)
	for i := range 20 {
		require.Less(t, Score(before.sig[i], 5), DefaultThreshold, "family %d alone", i)
	}

	sc := p.joinFamilies(before, DefaultThreshold)
	fl := p.label[acct("fam0-0")]
	for _, g := range groupsOf[:20] {
		for _, a := range g.members {
			assert.Equal(t, fl, p.label[acct(a)], "%s is with the other families", a)
		}
	}
	assert.Len(t, sc.members[fl], 100)
	assert.GreaterOrEqual(t, Score(sc.sig[fl], 100), DefaultThreshold)
	assert.Equal(t, 20, sc.sig[fl].Families)
	assert.Equal(t, 20, p.families)
	assert.Equal(t, len(groupsOf)-19, p.nLab)
	for _, g := range groupsOf[20:] {
		l := p.label[acct(g.members[0])]
		for _, a := range g.members {
			assert.Equal(t, l, p.label[acct(a)], "%s stays with its household", a)
		}
		assert.Len(t, sc.members[l], 3, "%s is alone", g.name)
		assert.Zero(t, sc.sig[l].Families)
	}
}

// TestStragglersOfFamilies: a ring run as families, each in a cluster of
// its own under the threshold, has stragglers in no cluster that work on
// its template alone, from fresh exits on a popular fingerprint. Once the
// families are merged into a flagged cluster, the stragglers join it.
func TestStragglersOfFamilies(t *testing.T) {
	s := newSynth(43)
	fams := ringFamilies(s, "fam", 20, 5)
	var stragglers []string
	for i := range 6 {
		a := fmt.Sprintf("straggler-%d", i)
		stragglers = append(stragglers, a)
		for range 40 {
			ip := fmt.Sprintf("45.%d.%d.%d", s.rng.IntN(250), s.rng.IntN(250), 1+s.rng.IntN(250))
			s.rec(s.at(), a, "request", ip, "", "chrome", "", "ring-tmpl", 1500+s.rng.IntN(1500))
		}
	}
	s.legit("user", 300)
	p, acct := handCluster(t, s, true, nil)
	labelGroups(p, acct, fams)

	sc := p.judge(DefaultThreshold)
	l := p.label[acct("fam0-0")]
	require.GreaterOrEqual(t, l, int32(0))
	assert.GreaterOrEqual(t, Score(sc.sig[l], len(sc.members[l])), DefaultThreshold)
	assert.Equal(t, 20, sc.sig[l].Families)
	for _, a := range stragglers {
		assert.Equal(t, l, p.label[acct(a)], "%s joins the merged families", a)
	}
	assert.Len(t, sc.members[l], 106)
	assert.Equal(t, len(stragglers), sc.sig[l].Attached)
}

// ringFamilies writes n families of a ring, each of size accounts on one
// card, one device and one address, all working heavily on the ring's
// one template, and returns their accounts family by family.
func ringFamilies(s *synth, prefix string, n, size int) [][]string {
	fams := make([][]string, n)
	for f := range n {
		for m := range size {
			a := fmt.Sprintf("%s%d-%d", prefix, f, m)
			fams[f] = append(fams[f], a)
			for range 40 {
				s.rec(s.at(), a, "request", fmt.Sprintf("81.20.%d.7", f), fmt.Sprintf("card-%s%d", prefix, f), fmt.Sprintf("dev-%s%d", prefix, f), a+"@mail.test", "ring-tmpl", 1500+s.rng.IntN(1500))
			}
		}
	}
	return fams
}

// TestJoinFamiliesBesideACoverTemplate: a ring's families also send an
// office-work template that the staff of real firms all send, so the
// template chains the families with the firms and the chain as a whole
// works at office volume. The ring's own template, which only the
// families hold, still makes them one flagged cluster, and no firm joins.
func TestJoinFamiliesBesideACoverTemplate(t *testing.T) {
	s := newSynth(47)
	fams := ringFamilies(s, "fam", 20, 5)
	for _, g := range fams {
		for _, a := range g {
			for range 4 {
				s.rec(s.at(), a, "request", "", "", "", "", "office-cover", 300+s.rng.IntN(300))
			}
		}
	}
	var firms [][]string
	for f := range 10 {
		var staff []string
		for m := range 30 {
			a := fmt.Sprintf("firm%d-%d", f, m)
			staff = append(staff, a)
			for range 3 {
				s.rec(s.at(), a, "request", fmt.Sprintf("62.4.%d.1", f), "", "dev-"+a, a+"@mail.test", "office-cover", 300+s.rng.IntN(300))
			}
		}
		firms = append(firms, staff)
	}
	s.legit("user", 300)
	p, acct := handCluster(t, s, true, nil)
	labelGroups(p, acct, append(fams, firms...))
	before := newScorer(p)
	for i := range p.nLab {
		require.Less(t, Score(before.sig[i], len(before.members[i])), DefaultThreshold, "cluster %d alone", i)
	}
	whole := p.tryFamilies(before, [][]int32{func() []int32 {
		var ls []int32
		for l := range int32(p.nLab) {
			ls = append(ls, l)
		}
		return ls
	}()}, DefaultThreshold)
	require.Equal(t, []bool{false}, whole, "the families with the firms do not work like extraction")

	sc := p.joinFamilies(before, DefaultThreshold)
	fl := p.label[acct("fam0-0")]
	for _, g := range fams {
		for _, a := range g {
			assert.Equal(t, fl, p.label[acct(a)], "%s is with the other families", a)
		}
	}
	assert.Len(t, sc.members[fl], 100)
	assert.GreaterOrEqual(t, Score(sc.sig[fl], 100), DefaultThreshold)
	assert.Equal(t, 20, p.families)
	for _, staff := range firms {
		l := p.label[acct(staff[0])]
		assert.NotEqual(t, fl, l)
		assert.Len(t, sc.members[l], len(staff), "%s's firm stays whole and apart", staff[0])
	}
}

// TestJoinFlaggedFamilies: a ring run round the clock from residential
// addresses is cut by community detection into pieces that each score at
// the threshold, all on the ring's one template. The pieces are merged;
// a flagged ring on a template of its own, and households under the
// threshold whose members all send the pieces' template too, are not
// merged with them.
func TestJoinFlaggedFamilies(t *testing.T) {
	s := newSynth(53)
	piece := func(prefix, tmpl string, n int) []string {
		var ms []string
		for m := range n {
			a := fmt.Sprintf("%s-%d", prefix, m)
			ms = append(ms, a)
			for range 50 {
				s.rec(s.anyHour(), a, "request", fmt.Sprintf("73.%d.%d.9", len(prefix), m), "card-"+prefix, "dev-"+prefix, a+"@mail.test", tmpl, 1500+s.rng.IntN(1500))
			}
		}
		return ms
	}
	groups := [][]string{piece("ring-a", "ring-tmpl", 40), piece("ring-bb", "ring-tmpl", 40), piece("other-ring", "other-tmpl", 40)}
	for h := range 4 {
		var house []string
		for m := range 3 {
			a := fmt.Sprintf("house%d-%d", h, m)
			house = append(house, a)
			for range 4 {
				s.rec(s.at(), a, "request", fmt.Sprintf("90.9.%d.9", h), "card-house"+fmt.Sprint(h), "dev-"+a, a+"@mail.test", "ring-tmpl", 200+s.rng.IntN(200))
			}
		}
		groups = append(groups, house)
	}
	s.legit("user", 300)
	p, acct := handCluster(t, s, true, nil)
	labelGroups(p, acct, groups)
	before := newScorer(p)
	for l := range 3 {
		require.GreaterOrEqual(t, Score(before.sig[l], len(before.members[l])), DefaultThreshold, "piece %d alone: %+v", l, before.sig[l])
	}
	for l := 3; l < p.nLab; l++ {
		require.Less(t, Score(before.sig[l], len(before.members[l])), DefaultThreshold, "household %d", l)
	}

	sc := p.joinFamilies(before, DefaultThreshold)
	ring := p.label[acct("ring-a-0")]
	for _, a := range append(slices.Clone(groups[0]), groups[1]...) {
		assert.Equal(t, ring, p.label[acct(a)], "%s is with the other piece", a)
	}
	assert.Len(t, sc.members[ring], 80)
	assert.Equal(t, 2, sc.sig[ring].Families)
	assert.GreaterOrEqual(t, Score(sc.sig[ring], 80), DefaultThreshold)
	for _, g := range groups[2:] {
		l := p.label[acct(g[0])]
		assert.NotEqual(t, ring, l, "%s is not merged with the ring", g[0])
		assert.Len(t, sc.members[l], len(g), "%s stays as it was", g[0])
	}
}

// labelGroups makes each group of accounts a cluster of its own, in
// order, and every other account lone.
func labelGroups(p *partition, acct func(string) int32, groups [][]string) {
	for u := range p.label {
		p.label[u] = -1
	}
	p.nLab = 0
	for _, g := range groups {
		for _, a := range g {
			p.label[acct(a)] = int32(p.nLab)
		}
		p.nLab++
	}
}
