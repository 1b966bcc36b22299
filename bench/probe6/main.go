// Command probe6 is a sixth black-box probe for ringlink: a scenario generator with ground truth,
// written only from SPEC.md, the README and the earlier probes' READMEs. See README.md.
//
//	go run ./bench/probe6 --seed 1 --out traffic.jsonl --truth truth.json
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// The window: 14 days from Monday 2028-01-10 00:00 UTC. Monday 2028-01-17 (day 7) is a US
// school holiday.
var (
	winStart       = time.Date(2028, 1, 10, 0, 0, 0, 0, time.UTC).UnixMilli()
	dayMs    int64 = 86_400_000
	hourMs   int64 = 3_600_000
	minMs    int64 = 60_000
	nDays          = 14
	winEnd         = winStart + int64(nDays)*dayMs
)

const mlkDay = 7

// ---------------------------------------------------------------------------------------------
// records, groups, generator state

type Rec struct {
	t      int64
	signup bool
	acct   string
	ip     string
	pay    string
	dev    string
	email  string
	prompt string
	tokens int32
}

type Group struct {
	ID       string   `json:"id"`
	Kind     string   `json:"kind"`
	Accounts []string `json:"accounts"`
}

type Gen struct {
	seed      uint64
	recs      []Rec
	rings     []Group
	decoys    []Group
	acctSeen  map[string]bool
	mailSeen  map[string]bool
	cardSeen  map[string]bool
	blockSeen map[string]bool
	s16Seen   map[string]bool
	summary   []string
	inf       *Infra
}

func (g *Gen) rng(name string) *rand.Rand {
	h := fnv.New64a()
	h.Write([]byte("probe6/" + name))
	return rand.New(rand.NewPCG(g.seed, h.Sum64()))
}

func hash64(parts ...string) uint64 {
	h := fnv.New64a()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return h.Sum64()
}

type Acct struct {
	id      string
	email   string
	pay     string
	dev     string // primary device
	phone   string // phone fingerprint, "" if none
	reg     *Region
	home    string
	home2   string
	moveAt  int64
	v6      string // /56 prefix words (first 4 words), "" if IPv4 only
	signupT int64
	nreq    int
}

func (a *Acct) homeIP(t int64) string {
	if a.v6 != "" {
		d := (t - winStart) / dayMs
		h := hash64(a.id, strconv.FormatInt(d, 10))
		return fmt.Sprintf("%s:%x:%x:%x:%x", a.v6, h>>48, (h>>32)&0xffff, (h>>16)&0xffff, h&0xffff|1)
	}
	if a.moveAt > 0 && t >= a.moveAt {
		return a.home2
	}
	return a.home
}

// pop collects one population's accounts and request count for the summary and the truth.
type pop struct {
	name, kind string
	ring       bool
	accts      []*Acct
	nreq       int
}

func (g *Gen) finish(p *pop) {
	ids := make([]string, len(p.accts))
	for i, a := range p.accts {
		ids[i] = a.id
	}
	grp := Group{ID: p.name, Kind: p.kind, Accounts: ids}
	if p.ring {
		g.rings = append(g.rings, grp)
	} else {
		g.decoys = append(g.decoys, grp)
	}
	g.summary = append(g.summary, fmt.Sprintf("%-22s %-5v accounts %6d  requests %7d", p.name, p.ring, len(p.accts), p.nreq))
}

func (g *Gen) signup(p *pop, a *Acct, t int64, ip, dev string) {
	a.signupT = t
	p.accts = append(p.accts, a)
	g.recs = append(g.recs, Rec{t: t, signup: true, acct: a.id, ip: ip, pay: a.pay, dev: dev, email: a.email})
}

// req appends a request; one at or before the signup, or after the window, is dropped.
func (g *Gen) req(p *pop, a *Acct, t int64, ip, dev, prompt string, tok int) bool {
	if t <= a.signupT || t >= winEnd || t < winStart {
		return false
	}
	if tok < 1 {
		tok = 1
	}
	g.recs = append(g.recs, Rec{t: t, acct: a.id, ip: ip, pay: a.pay, dev: dev, prompt: prompt, tokens: int32(tok)})
	p.nreq++
	a.nreq++
	return true
}

// ---------------------------------------------------------------------------------------------
// random helpers

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

func pickW(r *rand.Rand, w []float64) int {
	s := 0.0
	for _, x := range w {
		s += x
	}
	u := r.Float64() * s
	for i, x := range w {
		u -= x
		if u < 0 {
			return i
		}
	}
	return len(w) - 1
}

func chance(r *rand.Rand, p float64) bool { return r.Float64() < p }

func lognorm(r *rand.Rand, median, sigma float64) float64 {
	return median * math.Exp(sigma*r.NormFloat64())
}

func between(r *rand.Rand, lo, hi int) int { return lo + r.IntN(hi-lo+1) }

func hex(r *rand.Rand, n int) string {
	const d = "0123456789abcdef"
	b := make([]byte, n)
	for i := range b {
		b[i] = d[r.IntN(16)]
	}
	return string(b)
}

func b36(r *rand.Rand, n int) string {
	const d = "0123456789abcdefghijklmnopqrstuvwxyz"
	b := make([]byte, n)
	for i := range b {
		b[i] = d[r.IntN(36)]
	}
	return string(b)
}

func sp(s string) []string { return strings.Split(s, "|") }

func (g *Gen) newID(r *rand.Rand) string {
	for {
		id := "acct_" + b36(r, 12)
		if !g.acctSeen[id] {
			g.acctSeen[id] = true
			return id
		}
	}
}

// hour-of-day profiles (local time)
var (
	profHome   = []float64{.25, .12, .06, .04, .04, .08, .25, .5, .7, .8, .9, 1, 1, .95, .95, 1, 1.05, 1.2, 1.5, 1.7, 1.75, 1.5, 1.0, .55}
	profOffice = []float64{.02, .01, .01, .01, .01, .02, .05, .3, 1, 1.3, 1.3, 1.2, .9, 1.2, 1.3, 1.2, 1.1, .7, .25, .1, .06, .04, .03, .02}
	profEven   = []float64{.6, .4, .2, .1, .05, .05, .05, .1, .2, .3, .4, .4, .4, .4, .4, .5, .7, 1, 1.3, 1.6, 1.7, 1.6, 1.3, .9}
	profFlat   = []float64{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}
)

// localTime draws a UTC millisecond time on local day d (0 = the window's first day) with the
// hour drawn from prof.
func localTime(r *rand.Rand, d int, offMin int, prof []float64) int64 {
	h := pickW(r, prof)
	return winStart + int64(d)*dayMs + int64(h)*hourMs + r.Int64N(hourMs) - int64(offMin)*minMs
}

func dow(d int) int { return d % 7 } // 0 = Monday

// ---------------------------------------------------------------------------------------------
// infrastructure

type ISP struct {
	blocks []string // /24 "a.b.c"
	v6     string   // /32 "w1:w2"
}

type Region struct {
	name     string
	off      int // minutes east of UTC
	w        float64
	isps     []ISP
	carrier  []string
	biz      []string
	mails    []string
	mailW    []float64
	brands   []string
	zh       float64 // share of people writing Chinese
	names    int     // name list index
	carrierV string
}

type Infra struct {
	regs       []*Region
	byName     map[string]*Region
	cloud      []string // cloud /24s
	serverless []string // serverless egress addresses (shared by tenants)
	hosting    []string // hosting /24s
	popDesk    []string
	popPhone   []string
	deskW      []float64
	phoneW     []float64
	sdkPy      string
	sdkNode    string
	sdkHttpx   string
	curl       string
	bins       []int
}

func fpName(name string) string {
	return fmt.Sprintf("fp_%012x", hash64("probe6-fp", name)&0xffffffffffff)
}

func uniqFP(r *rand.Rand) string { return "fp_" + hex(r, 12) }

var badFirst = map[int]bool{0: true, 10: true, 100: true, 127: true, 169: true, 172: true, 192: true, 198: true, 203: true}

func (g *Gen) new16(r *rand.Rand) string {
	for {
		a := between(r, 2, 222)
		if badFirst[a] {
			continue
		}
		s := fmt.Sprintf("%d.%d", a, r.IntN(256))
		if !g.s16Seen[s] {
			g.s16Seen[s] = true
			return s
		}
	}
}

// blocksIn draws n distinct /24s in a fresh /16.
func (g *Gen) blocksIn(r *rand.Rand, n int) []string {
	s16 := g.new16(r)
	perm := r.Perm(256)
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%s.%d", s16, perm[i])
		g.blockSeen[out[i]] = true
	}
	return out
}

func host(r *rand.Rand, block string, lo, hi int) string {
	return fmt.Sprintf("%s.%d", block, between(r, lo, hi))
}

func (g *Gen) buildInfra() {
	r := g.rng("infra")
	inf := &Infra{byName: map[string]*Region{}}
	type rdef struct {
		name  string
		off   int
		w     float64
		mails string
		mailW []float64
		zh    float64
	}
	defs := []rdef{
		{"US-E", -300, .15, "gmail.com|yahoo.com|outlook.com|icloud.com|aol.com|hotmail.com", []float64{50, 10, 12, 14, 3, 6}, 0},
		{"US-C", -360, .08, "gmail.com|yahoo.com|outlook.com|icloud.com|hotmail.com", []float64{50, 12, 12, 14, 6}, 0},
		{"US-W", -480, .10, "gmail.com|yahoo.com|outlook.com|icloud.com|proton.me", []float64{52, 8, 12, 16, 3}, 0.03},
		{"UK", 0, .07, "gmail.com|outlook.com|hotmail.co.uk|btinternet.com|icloud.com|yahoo.co.uk", []float64{45, 12, 12, 6, 12, 6}, 0},
		{"DE", 60, .06, "gmail.com|gmx.de|web.de|t-online.de|outlook.com", []float64{35, 22, 20, 10, 8}, 0},
		{"FR", 60, .04, "gmail.com|orange.fr|free.fr|hotmail.fr|outlook.fr", []float64{45, 15, 12, 15, 8}, 0},
		{"IN", 330, .10, "gmail.com|yahoo.co.in|rediffmail.com|outlook.com", []float64{75, 10, 6, 9}, 0},
		{"PH", 480, .05, "gmail.com|yahoo.com|outlook.com", []float64{78, 14, 8}, 0},
		{"KE", 180, .03, "gmail.com|yahoo.com|outlook.com", []float64{80, 12, 8}, 0},
		{"NG", 60, .04, "gmail.com|yahoo.com|outlook.com", []float64{78, 15, 7}, 0},
		{"BR", -180, .06, "gmail.com|hotmail.com|outlook.com|uol.com.br|bol.com.br", []float64{60, 18, 8, 8, 6}, 0},
		{"MX", -360, .04, "gmail.com|hotmail.com|outlook.com|yahoo.com.mx", []float64{58, 22, 10, 10}, 0},
		{"SG", 480, .03, "gmail.com|outlook.com|yahoo.com.sg|singnet.com.sg", []float64{65, 15, 10, 10}, 0.25},
		{"TW", 480, .04, "gmail.com|yahoo.com.tw|hotmail.com|outlook.com", []float64{55, 25, 10, 10}, 0.6},
		{"JP", 540, .05, "gmail.com|yahoo.co.jp|docomo.ne.jp|icloud.com|outlook.jp", []float64{40, 25, 10, 15, 10}, 0},
		{"AU", 660, .06, "gmail.com|bigpond.com|outlook.com|icloud.com|yahoo.com.au", []float64{50, 12, 14, 16, 8}, 0},
	}
	for i, d := range defs {
		reg := &Region{name: d.name, off: d.off, w: d.w, mails: sp(d.mails), mailW: d.mailW, zh: d.zh, names: max(0, i-2)}
		for k := 0; k < 3; k++ {
			isp := ISP{v6: fmt.Sprintf("%x:%x", 0x2a00+r.IntN(0x60), r.IntN(0x10000))}
			isp.blocks = append(g.blocksIn(r, 48), g.blocksIn(r, 48)...)
			reg.isps = append(reg.isps, isp)
		}
		reg.carrier = g.blocksIn(r, 3)
		reg.carrierV = fmt.Sprintf("%x:%x", 0x2a00+r.IntN(0x60), r.IntN(0x10000))
		reg.biz = g.blocksIn(r, 30)
		reg.brands = []string{"visa", "mastercard", "visa", "mastercard", "amex"}
		inf.regs = append(inf.regs, reg)
		inf.byName[d.name] = reg
	}
	for k := 0; k < 8; k++ {
		inf.cloud = append(inf.cloud, g.blocksIn(r, 20)...)
	}
	// serverless functions' shared egress: 24 of the cloud's /24s, 10 addresses each
	perm := r.Perm(len(inf.cloud))
	for _, pi := range perm[:24] {
		for h := 0; h < 10; h++ {
			inf.serverless = append(inf.serverless, fmt.Sprintf("%s.%d", inf.cloud[pi], 10+h*17))
		}
	}
	for k := 0; k < 3; k++ {
		inf.hosting = append(inf.hosting, g.blocksIn(r, 12)...)
	}
	for i := 0; i < 16; i++ {
		inf.popDesk = append(inf.popDesk, fpName(fmt.Sprintf("desk-%d", i)))
		inf.deskW = append(inf.deskW, 1/math.Pow(float64(i+1), 0.9))
	}
	for i := 0; i < 10; i++ {
		inf.popPhone = append(inf.popPhone, fpName(fmt.Sprintf("phone-%d", i)))
		inf.phoneW = append(inf.phoneW, 1/math.Pow(float64(i+1), 0.9))
	}
	inf.sdkPy, inf.sdkNode, inf.sdkHttpx, inf.curl = fpName("sdk-python"), fpName("sdk-node"), fpName("httpx"), fpName("curl")
	for i := 0; i < 300; i++ {
		inf.bins = append(inf.bins, between(r, 400000, 559999))
	}
	g.inf = inf
}

func (inf *Infra) pickRegion(r *rand.Rand) *Region {
	w := make([]float64, len(inf.regs))
	for i, reg := range inf.regs {
		w[i] = reg.w
	}
	return inf.regs[pickW(r, w)]
}

func (inf *Infra) desk(r *rand.Rand, popShare float64) string {
	if chance(r, popShare) {
		return inf.popDesk[pickW(r, inf.deskW)]
	}
	return uniqFP(r)
}

func (inf *Infra) phoneFP(r *rand.Rand) string {
	if chance(r, 0.8) {
		return inf.popPhone[pickW(r, inf.phoneW)]
	}
	return uniqFP(r)
}

// homeAddr draws a home address in one of the region's ISPs (hosts 2-199).
func homeAddr(r *rand.Rand, reg *Region) (string, int) {
	k := r.IntN(len(reg.isps))
	return host(r, pick(r, reg.isps[k].blocks), 2, 199), k
}

// exitAddr draws a residential proxy exit: a real home's address, any host.
func exitAddr(r *rand.Rand, reg *Region) string {
	return host(r, pick(r, reg.isps[r.IntN(len(reg.isps))].blocks), 2, 254)
}

func carrierAddr(r *rand.Rand, reg *Region) string {
	if chance(r, 0.3) {
		return fmt.Sprintf("%s:%x:%x:%x:%x:%x:%x", reg.carrierV, r.IntN(4), r.IntN(0x10000), r.IntN(0x10000), r.IntN(0x10000), r.IntN(0x10000), r.IntN(0x10000)|1)
	}
	return host(r, pick(r, reg.carrier), 1, 254)
}

// ---------------------------------------------------------------------------------------------
// identities

var firstNames = [][]string{
	sp("james|mary|john|linda|michael|sarah|david|emily|chris|jessica|daniel|ashley|kevin|megan|brian|laura|jason|rachel|tyler|hannah|marcus|keisha|luis|maria"),
	sp("oliver|amelia|harry|isla|jack|ava|george|mia|noah|grace|charlie|freya|thomas|lily|oscar|sophie|alfie|ella|jacob|poppy"),
	sp("lukas|anna|leon|lena|finn|marie|paul|laura|jonas|julia|felix|sarah|max|lea|elias|hannah|tim|katharina|jan|sophie"),
	sp("lucas|emma|hugo|jade|louis|louise|jules|alice|gabriel|chloe|arthur|lina|raphael|lea|adam|manon|leo|camille|nathan|ines"),
	sp("aarav|priya|rahul|ananya|arjun|sneha|vikram|pooja|rohan|divya|amit|kavya|sanjay|neha|karan|meera|deepak|isha|rajesh|anjali"),
	sp("juan|maria|jose|ana|mark|kristine|john|angel|paolo|jasmine|carlo|nicole|miguel|andrea|ramon|joy|rafael|grace|jerome|princess"),
	sp("brian|faith|kevin|mercy|dennis|grace|collins|purity|victor|esther|kelvin|sharon|eric|ann|peter|joy|samuel|cynthia|moses|lucy"),
	sp("chinedu|ngozi|emeka|aisha|tunde|funmi|ibrahim|chioma|segun|blessing|yusuf|amaka|femi|zainab|obinna|bukola|musa|adaeze|kunle|halima"),
	sp("joao|ana|pedro|mariana|lucas|julia|gabriel|beatriz|rafael|larissa|mateus|camila|thiago|fernanda|bruno|leticia|felipe|amanda|diego|bianca"),
	sp("jose|guadalupe|luis|fernanda|carlos|daniela|jorge|alejandra|miguel|sofia|alejandro|valeria|ricardo|ximena|eduardo|paola|diego|mariana|oscar|andrea"),
	sp("wei|jia|ming|hui|jun|ling|kai|xin|hao|mei|darren|rachel|marcus|jolene|ryan|shermaine|ethan|chloe|aloysius|cheryl"),
	sp("chihao|yating|weiting|peiyu|junyi|yuting|chengen|hsinyi|yuhsuan|poyu|tzuhan|shuhui|kuanlin|chiaying|yichen|hsuan|weilun|yijun|tingwei|minghsuan"),
	sp("haruto|yui|sota|hina|yuto|mei|riku|aoi|kaito|sakura|ren|yuna|takumi|rin|daiki|mio|kenta|saki|shota|nanami"),
	sp("jack|charlotte|william|olivia|noah|amelia|thomas|isla|james|mia|lachlan|chloe|cooper|ella|liam|zoe|ethan|ruby|harrison|matilda"),
}
var lastNames = [][]string{
	sp("smith|johnson|williams|brown|jones|garcia|miller|davis|rodriguez|martinez|wilson|anderson|taylor|thomas|moore|jackson|martin|lee|thompson|white|harris|clark|lewis|walker"),
	sp("smith|jones|taylor|brown|williams|wilson|johnson|davies|patel|wright|robinson|thompson|evans|walker|white|roberts|green|hall|wood|jackson"),
	sp("mueller|schmidt|schneider|fischer|weber|meyer|wagner|becker|schulz|hoffmann|koch|richter|klein|wolf|neumann|schwarz|zimmermann|braun|krueger|hartmann"),
	sp("martin|bernard|dubois|thomas|robert|richard|petit|durand|leroy|moreau|simon|laurent|lefebvre|michel|garcia|david|bertrand|roux|vincent|fournier"),
	sp("sharma|patel|singh|kumar|gupta|reddy|iyer|nair|mehta|joshi|rao|verma|das|chopra|bhat|menon|pillai|agarwal|banerjee|mishra"),
	sp("santos|reyes|cruz|bautista|ocampo|garcia|mendoza|torres|tomas|andrada|castillo|flores|villanueva|ramos|castro|rivera|aquino|navarro|salazar|mercado"),
	sp("otieno|wanjiru|kamau|ochieng|mwangi|njoroge|kiptoo|achieng|mutua|wambui|omondi|kariuki|chebet|njeri|kibet|auma|maina|nyambura|odhiambo|korir"),
	sp("okafor|adeyemi|bello|okonkwo|abubakar|eze|olawale|nwosu|ibrahim|adebayo|okeke|mohammed|balogun|chukwu|danjuma|oyelaran|nnamdi|lawal|obi|usman"),
	sp("silva|santos|oliveira|souza|rodrigues|ferreira|alves|pereira|lima|gomes|costa|ribeiro|martins|carvalho|almeida|lopes|soares|fernandes|vieira|barbosa"),
	sp("hernandez|garcia|martinez|lopez|gonzalez|perez|rodriguez|sanchez|ramirez|cruz|flores|gomez|morales|vazquez|reyes|jimenez|torres|diaz|gutierrez|ruiz"),
	sp("tan|lim|lee|ng|ong|wong|goh|chua|chan|koh|teo|ang|yeo|tay|ho|low|toh|sim|chong|chia"),
	sp("chen|lin|huang|chang|lee|wang|wu|liu|tsai|yang|hsu|cheng|hsieh|kuo|hung|tseng|chiu|liao|lai|chou"),
	sp("sato|suzuki|takahashi|tanaka|watanabe|ito|yamamoto|nakamura|kobayashi|kato|yoshida|yamada|sasaki|yamaguchi|matsumoto|inoue|kimura|hayashi|shimizu|mori"),
	sp("smith|jones|williams|brown|wilson|taylor|johnson|white|martin|anderson|thompson|nguyen|thomas|walker|harris|lee|ryan|robinson|kelly|king"),
}

func nameFor(r *rand.Rand, reg *Region) (string, string) {
	return pick(r, firstNames[reg.names]), pick(r, lastNames[reg.names])
}

// canonical is the mailbox as linking sees it (lower case, +tag removed, Gmail dots removed).
func canonical(addr string) string {
	addr = strings.ToLower(addr)
	at := strings.LastIndexByte(addr, '@')
	local, dom := addr[:at], addr[at+1:]
	if i := strings.IndexByte(local, '+'); i >= 0 {
		local = local[:i]
	}
	if dom == "googlemail.com" {
		dom = "gmail.com"
	}
	if dom == "gmail.com" {
		local = strings.ReplaceAll(local, ".", "")
	}
	return local + "@" + dom
}

// claimMail makes addr unique by canonical mailbox, appending digits without drawing randomness.
func (g *Gen) claimMail(local, dom string) string {
	addr := local + "@" + dom
	for n := 2; g.mailSeen[canonical(addr)]; n++ {
		addr = fmt.Sprintf("%s%d@%s", local, n, dom)
	}
	g.mailSeen[canonical(addr)] = true
	return addr
}

func (g *Gen) personalMail(r *rand.Rand, reg *Region, first, last string) string {
	dom := reg.mails[pickW(r, reg.mailW)]
	var local string
	switch r.IntN(6) {
	case 0:
		local = first + "." + last
	case 1:
		local = first + last
	case 2:
		local = first + "_" + last
	case 3:
		local = first[:1] + last
	case 4:
		local = first + strconv.Itoa(between(r, 1, 99))
	default:
		local = first + "." + last + strconv.Itoa(between(r, 70, 2009))
	}
	if chance(r, 0.08) {
		local = strings.ToUpper(local[:1]) + local[1:]
	}
	addr := g.claimMail(local, dom)
	if dom == "gmail.com" && chance(r, 0.06) {
		at := strings.IndexByte(addr, '@')
		addr = addr[:at] + "+" + pick(r, sp("ai|api|work|dev|news")) + addr[at:]
	}
	return addr
}

func (g *Gen) card(r *rand.Rand, brand string, bin int) string {
	for {
		c := fmt.Sprintf("%s-%06d-%04d-%02d%02d", brand, bin, r.IntN(10000), between(r, 1, 12), between(r, 28, 33))
		if !g.cardSeen[c] {
			g.cardSeen[c] = true
			return c
		}
	}
}

func (g *Gen) personalCard(r *rand.Rand, reg *Region) string {
	return g.card(r, pick(r, reg.brands), pick(r, g.inf.bins))
}

// person builds an ordinary person's identity in reg (no signup record yet).
func (g *Gen) person(r *rand.Rand, reg *Region, cardP, popDesk float64) *Acct {
	a := &Acct{id: g.newID(r), reg: reg}
	f, l := nameFor(r, reg)
	a.email = g.personalMail(r, reg, f, l)
	if chance(r, cardP) {
		a.pay = g.personalCard(r, reg)
	}
	a.dev = g.inf.desk(r, popDesk)
	if chance(r, 0.6) {
		a.phone = g.inf.phoneFP(r)
	}
	var k int
	a.home, k = homeAddr(r, reg)
	if chance(r, 0.12) {
		isp := reg.isps[k]
		a.v6 = fmt.Sprintf("%s:%x:%x", isp.v6, r.IntN(16), r.IntN(256)<<8)
	}
	if chance(r, 0.2) {
		a.home2, _ = homeAddr(r, reg)
		a.moveAt = winStart + r.Int64N(int64(nDays)*dayMs)
	}
	return a
}

// preSignup returns a signup time before the window, lo..hi days earlier.
func preSignup(r *rand.Rand, lo, hi int) int64 {
	return winStart - int64(lo)*dayMs - r.Int64N(int64(hi-lo)*dayMs)
}

// ---------------------------------------------------------------------------------------------
// prompt grammars

var (
	gTask      = sp("fix a leaking faucet|get rid of fruit flies|write a cover letter for a barista job|set up a budget spreadsheet|negotiate rent with my landlord|clean a cast iron pan|start running at 40|learn excel pivot tables|fall asleep faster|stop procrastinating|unclog a drain without chemicals|make my wifi faster|back up my iphone|ask for a raise|train my puppy to stop biting|remove a stripped screw|plan a kids birthday party on a budget|file taxes as a freelancer|improve my credit score|write a wedding toast|prepare for a job interview at a bank|grow tomatoes on a balcony|study for the driving test|convert a pdf to word|reduce screen time for my kids|make cold brew at home|apologize to a friend|choose a laptop for college|speed up a slow windows pc|repot a monstera")
	gConcept   = sp("inflation|how vaccines work|black holes|the stock market|compound interest|machine learning|blockchain|the electoral college|photosynthesis|quantum computing|how mortgages work|climate change|the immune system|supply chains|how planes fly|dark matter|crispr|the french revolution|index funds|how a car engine works|neural networks|the placebo effect|interest rates|game theory|plate tectonics|ocean tides|the federal reserve|how gps works|sourdough fermentation|carbon credits")
	gLevel     = sp("like im five|in simple terms|briefly|in detail|for a beginner|with an example|in two paragraphs|")
	gTone      = sp("polite|friendly|firm|short|formal|funny|heartfelt|professional|apologetic|casual")
	gMsg       = sp("email|text message|letter|note|linkedin message|slack message|whatsapp message")
	gPerson    = sp("boss|landlord|neighbor|teacher|coworker|mom|client|team|best friend|doctor|hr department|coach|professor|sister|customer")
	gTopic     = sp("being late tomorrow|the broken heater|a deadline extension|my resignation|the noise at night|a refund|the project delay|my sick leave|the party on saturday|a missed payment|switching shifts|the school trip|a new schedule|the invoice|thank you for the help")
	gDish      = sp("lasagna|chicken curry|banana bread|pad thai|tacos|vegetable soup|pancakes|risotto|chili|fried rice|brownies|salmon|dal|shakshuka|lentil stew|pizza dough|meatballs|ramen|guacamole|apple pie")
	gDishC     = sp("without eggs|for 6 people|in under 30 minutes|that is vegan|with what i have in the fridge|in an air fryer|gluten free|for meal prep|cheap|high protein|")
	gCity      = sp("lisbon|tokyo|mexico city|rome|bali|new york|paris|cape town|seoul|barcelona|istanbul|prague|bangkok|buenos aires|edinburgh|vancouver|marrakech|hanoi|sydney|amsterdam")
	gThing     = sp("a team building activity|a youtube channel|a birthday gift for my dad|a science fair project|a small business|a date night|instagram captions|a halloween costume|a blog post|a fundraiser|a podcast name|a wedding theme|a sunday with the kids|a side hustle|a capstone project")
	gHealth    = sp("is it bad to drink coffee on an empty stomach|how much water should i drink a day|why do my knees hurt after running|what helps with a sore throat|how many hours of sleep does a teenager need|is intermittent fasting safe|what are symptoms of low iron|how do i stretch my lower back|can stress cause headaches|what foods are high in magnesium|how long does a cold last|is it normal to feel tired after eating")
	gTrivia    = sp("who painted the sistine chapel|how tall is mount everest|when did the berlin wall fall|what is the largest desert in the world|how many bones are in the human body|who invented the telephone|what is the capital of australia|why is the sky blue|how far is the moon|what language has the most speakers|who wrote one hundred years of solitude|how old is the universe|what is the speed of sound|how many countries are in africa")
	gLang      = sp("spanish|french|german|japanese|portuguese|italian|korean|hindi|tagalog|chinese")
	gHobby     = sp("cooking|hiking|gaming|gardening|photography|football|reading|yoga|music|coffee|woodworking|fishing|anime|running|board games")
	gProduct   = sp("laptop|running shoes|headphones|air fryer|vacuum|monitor|office chair|phone|tablet|backpack|coffee maker|mattress|router|camera|bike")
	gUse       = sp("a student|travel|programming|a small apartment|gaming|working from home|beginners|a family of four|video editing|the gym")
	gCodeLang  = sp("python|javascript|sql|java|c#|bash|typescript|go|excel formula|rust")
	gCodeTask  = sp("reverses a string|reads a csv and sums a column|checks if a number is prime|removes duplicates from a list|sorts a list of dicts by date|validates an email address|counts words in a file|converts celsius to fahrenheit|merges two sorted arrays|finds the second largest number|parses json from an api|renames all files in a folder|calculates age from a birthday|flattens a nested list|retries a failed http request")
	gChat      = sp("tell me a joke|i'm bored what should i do|what should i watch tonight|give me a fun fact|write a poem about my cat|whats a good name for a goldfish|would you rather be invisible or fly|tell me something motivating|recommend a book like the martian|help me pick a song for my playlist|im feeling stressed today|what is your favorite movie")
	gWork      = sp("draft an agenda for a weekly team meeting|summarize the key points for a quarterly review|write a project status update|make a table comparing three vendors|write a job description for a data analyst|create an onboarding checklist for new hires|write meeting notes from these bullets|draft a customer survey about delivery times|write a performance review for a strong employee|outline a presentation on our q3 results|write an out of office reply|turn these notes into an email to the team")
	gGreet     = sp("hey |hi |pls |can you |could you |hello, |quick question: |yo |")
	gTail      = sp(" thanks| thank you|?| please|!!| :)| asap|")
	gSubj      = sp("the meeting|our team|the customer|my landlord|the new policy|the delivery|the school|our manager|the report|the contractor|the city council|the software update|my neighbor|the project|the committee")
	gVerb      = sp("was moved to|has not responded about|will review|needs more time for|asked again about|complained about|approved|delayed|cancelled|changed|postponed|is still waiting on|forgot about|agreed to|rejected")
	gObj       = sp("the budget|next thursday|the contract|the invoice|the repairs|the new schedule|the refund|the final draft|the parking rules|the proposal|the heating problem|the training session|the launch date|the payment|the trip")
	gSTail     = sp("and nobody told us|which is frustrating|so we need a plan|because of the holidays|for the third time|without any notice|as discussed last week|so please confirm|which affects everyone|and i am not sure why|")
	gRewrite   = sp("rewrite this to sound more professional|make this shorter|fix the grammar in this|make this sound friendlier|rewrite this for a linkedin post|turn this into bullet points|proofread this")
	gSummarize = sp("summarize this|tldr this|give me the main points of this|summarize in one sentence")
)

func sentence(r *rand.Rand) string {
	s := pick(r, gSubj) + " " + pick(r, gVerb) + " " + pick(r, gObj)
	if t := pick(r, gSTail); t != "" {
		s += " " + t
	}
	return strings.ToUpper(s[:1]) + s[1:] + "."
}

func pasted(r *rand.Rand, lo, hi int) string {
	n := between(r, lo, hi)
	parts := make([]string, n)
	for i := range parts {
		parts[i] = sentence(r)
	}
	return strings.Join(parts, " ")
}

func casual(r *rand.Rand, s string) string {
	s = pick(r, gGreet) + s + pick(r, gTail)
	if chance(r, 0.3) {
		s = strings.ToUpper(s[:1]) + s[1:]
	}
	return s
}

// ordinary draws an everyday English prompt and its token count.
func ordinary(r *rand.Rand, office bool) (string, int) {
	tok := int(lognorm(r, 430, 0.7))
	if office && chance(r, 0.3) {
		return casual(r, pick(r, gWork)), tok + 150
	}
	var s string
	switch r.IntN(17) {
	case 0, 1:
		s = "how do i " + pick(r, gTask)
	case 2:
		s = "explain " + pick(r, gConcept) + " " + pick(r, gLevel)
	case 3:
		s = "write a " + pick(r, gTone) + " " + pick(r, gMsg) + " to my " + pick(r, gPerson) + " about " + pick(r, gTopic)
	case 4:
		return pick(r, gRewrite) + ": " + pasted(r, 2, 5), tok + 120
	case 5:
		if chance(r, 0.5) {
			s = "write a " + pick(r, gCodeLang) + " function that " + pick(r, gCodeTask)
		} else {
			s = "why does my " + pick(r, gCodeLang) + " code that " + pick(r, gCodeTask) + " give the wrong answer"
		}
	case 6:
		s = pick(r, sp("recipe for|how to make|easy")) + " " + pick(r, gDish) + " " + pick(r, gDishC)
	case 7:
		s = fmt.Sprintf("plan a %d day trip to %s", between(r, 2, 10), pick(r, gCity))
	case 8:
		s = fmt.Sprintf("give me %d ideas for %s", between(r, 3, 15), pick(r, gThing))
	case 9:
		s = pick(r, gHealth)
	case 10:
		s = pick(r, gTrivia)
	case 11:
		s = "translate to " + pick(r, gLang) + ": " + sentence(r)
	case 12:
		s = fmt.Sprintf("gift ideas for someone who likes %s under $%d", pick(r, gHobby), between(r, 2, 20)*10)
	case 13:
		return pick(r, gSummarize) + ": " + pasted(r, 3, 7), tok + 200
	case 14:
		s = pick(r, gChat)
	case 15:
		s = fmt.Sprintf("best %s for %s under %d", pick(r, gProduct), pick(r, gUse), between(r, 1, 20)*50)
	default:
		s = pick(r, gConcept) + " vs " + pick(r, gConcept) + " whats the difference"
	}
	return casual(r, strings.TrimSpace(s)), tok
}

// Chinese everyday prompts.
var (
	zTask    = sp("修理漏水的水龍頭|準備面試|寫履歷|做預算表|學習Excel|改善睡眠|訓練小狗|照顧多肉植物|減少拖延|整理房間|申請簽證|提高英文口說|選筆電|煮咖啡|存錢買房")
	zConcept = sp("通貨膨脹|區塊鏈|黑洞|機器學習|複利|疫苗原理|量子電腦|光合作用|股票市場|氣候變遷|神經網路|央行升息|半導體製程|電動車電池|基因編輯")
	zPerson  = sp("老闆|房東|同事|老師|客戶|媽媽|朋友|主管|教授|鄰居")
	zTopic   = sp("明天請假|延後交件|退款|加班費|搬家|專案進度|聚餐時間|合約內容|課程安排|報價單")
	zCity    = sp("東京|大阪|首爾|曼谷|京都|台南|花蓮|新加坡|峇里島|香港|巴黎|倫敦")
	zChat    = sp("講個笑話|今天好累怎麼辦|推薦一部電影|幫我取個貓的名字|週末可以做什麼|給我一句勵志的話|推薦幾首歌|晚餐吃什麼好")
	zSent    = sp("會議改到下週四|客戶還沒回覆報價|新的排班表已經公布|貨物延遲三天到達|請大家確認預算|系統更新後無法登入|合約需要重新簽署|下個月開始調整價格")
)

func zhPrompt(r *rand.Rand) (string, int) {
	tok := int(lognorm(r, 520, 0.7))
	var s string
	switch r.IntN(9) {
	case 0, 1:
		s = "怎麼" + pick(r, zTask)
	case 2:
		s = "解釋一下" + pick(r, zConcept) + pick(r, sp("|，簡單一點|，舉個例子|，越詳細越好"))
	case 3:
		s = "幫我寫一封給" + pick(r, zPerson) + "的訊息，關於" + pick(r, zTopic)
	case 4:
		s = fmt.Sprintf("%s旅遊%d天怎麼安排", pick(r, zCity), between(r, 2, 8))
	case 5:
		s = "把這段話翻譯成英文：" + pick(r, zSent) + "，" + pick(r, zSent)
	case 6:
		s = "用" + pick(r, gCodeLang) + "寫一個程式，" + pick(r, sp("讀取CSV並加總|檢查質數|移除重複元素|排序清單|解析JSON|計算年齡"))
	case 7:
		s = pick(r, zChat)
	default:
		s = pick(r, zConcept) + "和" + pick(r, zConcept) + "有什麼差別"
	}
	if chance(r, 0.3) {
		s = pick(r, sp("請問|你好，|幫我|")) + s
	}
	return s, tok
}

// The question bank: parametrised textbook and contest problems, the payload extraction rings
// harvest and the one students, tutors and evaluators also send.
func bankQ(r *rand.Rand) string {
	switch r.IntN(12) {
	case 0:
		return fmt.Sprintf("A car accelerates uniformly from rest to %d m/s in %d s. How far does it travel in that time, and what is its acceleration?", between(r, 10, 40), between(r, 4, 15))
	case 1:
		return fmt.Sprintf("Evaluate the integral of x^%d * e^(%dx) dx.", between(r, 1, 4), between(r, 2, 7))
	case 2:
		k := between(r, 2, 9)
		return fmt.Sprintf("Prove by induction that 1 + %d + %d^2 + ... + %d^n = (%d^(n+1) - 1)/%d for all n >= 0.", k, k, k, k, k-1)
	case 3:
		return fmt.Sprintf("Explain how a %s works and analyze the time complexity of %s.", pick(r, sp("hash table|binary heap|red-black tree|trie|skip list|B-tree|union-find structure|LRU cache")), pick(r, sp("insertion|deletion|lookup|building it from n items|a range query")))
	case 4:
		return fmt.Sprintf("A bag has %d red and %d blue balls. %d are drawn without replacement. What is the probability that exactly %d are red?", between(r, 3, 12), between(r, 3, 12), 3, between(r, 1, 3))
	case 5:
		return fmt.Sprintf("Discuss the causes and consequences of %s.", pick(r, sp("the French Revolution|World War I|the fall of the Roman Empire|the Great Depression|the Cold War|the Industrial Revolution|the collapse of the Soviet Union|the Meiji Restoration|the partition of India|the 2008 financial crisis")))
	case 6:
		return fmt.Sprintf("What is the pH of a %.3f M solution of %s?", float64(between(r, 1, 500))/1000, pick(r, sp("acetic acid|ammonia|HCl|NaOH|formic acid|sodium acetate|hydrofluoric acid")))
	case 7:
		return fmt.Sprintf("Explain how a %s affects equilibrium price and quantity in the market for %s.", pick(r, sp("price ceiling|per-unit tax|subsidy|price floor|tariff|supply shock")), pick(r, sp("rental housing|gasoline|wheat|coffee|steel|electric cars|labor")))
	case 8:
		return fmt.Sprintf("A ladder %d m long leans against a wall. Its base slides away at %d m/s. How fast is the top sliding down when the base is %d m from the wall?", between(r, 5, 13), between(r, 1, 3), between(r, 2, 4))
	case 9:
		a, b, c := between(r, 1, 6), between(r, 1, 6), between(r, 1, 6)
		return fmt.Sprintf("Find all real roots of x^3 - %dx^2 + %dx - %d = 0.", a+b+c, a*b+b*c+a*c, a*b*c)
	case 10:
		return fmt.Sprintf("A %d kg block rests on a %d degree incline with a coefficient of kinetic friction of %.2f. Find its acceleration down the incline.", between(r, 2, 20), between(r, 15, 50), float64(between(r, 10, 45))/100)
	default:
		return fmt.Sprintf("Describe the process of %s and its role in %s.", pick(r, sp("mitosis|meiosis|glycolysis|the Krebs cycle|DNA replication|protein synthesis|osmosis|the action potential")), pick(r, sp("cell growth|energy production|heredity|the nervous system|plant biology|human health")))
	}
}

func contestQ(r *rand.Rand) string {
	switch r.IntN(8) {
	case 0:
		return fmt.Sprintf("Find the number of positive integers n <= %d such that n^2 + %d is divisible by %d.", between(r, 100, 5000), between(r, 1, 99), between(r, 3, 31))
	case 1:
		return fmt.Sprintf("Let a, b, c be positive reals with a + b + c = %d. Find the minimum value of a^2/b + b^2/c + c^2/a.", between(r, 3, 30))
	case 2:
		return fmt.Sprintf("In how many ways can %d people sit around a round table if two particular people refuse to sit next to each other?", between(r, 6, 14))
	case 3:
		return fmt.Sprintf("Find the remainder when %d^%d is divided by %d.", between(r, 2, 99), between(r, 100, 9999), between(r, 7, 1000))
	case 4:
		return fmt.Sprintf("A sequence satisfies a_1 = %d and a_(n+1) = a_n^2 - %d a_n + %d. Find a_%d modulo %d.", between(r, 1, 9), between(r, 1, 5), between(r, 1, 9), between(r, 5, 50), between(r, 7, 97))
	case 5:
		return fmt.Sprintf("In triangle ABC, AB = %d, BC = %d and CA = %d. Find the length of the altitude from A.", between(r, 5, 20), between(r, 12, 25), between(r, 10, 22))
	case 6:
		return fmt.Sprintf("Given an array of %d integers, find the longest contiguous subarray whose sum is divisible by %d. Give an O(n) algorithm and prove it correct.", between(r, 1000, 100000), between(r, 3, 50))
	default:
		return fmt.Sprintf("Prove that for every integer n >= %d, %d^n > n^%d.", between(r, 2, 30), between(r, 2, 5), between(r, 2, 6))
	}
}

func payload(r *rand.Rand, contest float64) string {
	if chance(r, contest) {
		return contestQ(r)
	}
	return bankQ(r)
}

func extractTok(r *rand.Rand, lo, hi int) int { return between(r, lo, hi) }

// ---------------------------------------------------------------------------------------------
// populations: legitimate

func (g *Gen) background() {
	inf := g.inf
	r := g.rng("background")
	p := &pop{name: "background", kind: "background-residential"}
	n := 11000 + r.IntN(800)
	type firm struct {
		ip  string
		reg *Region
	}
	var firms []firm
	for i := 0; i < n; i++ {
		reg := inf.pickRegion(r)
		a := g.person(r, reg, 0.7, 0.55)
		phoneOnly := chance(r, 0.2)
		if phoneOnly {
			a.dev = inf.phoneFP(r)
			a.phone = a.dev
		}
		office := !phoneOnly && chance(r, 0.22)
		var officeIP, workDev string
		if office {
			if len(firms) > 0 && chance(r, 0.35) {
				f := firms[r.IntN(len(firms))]
				if f.reg == reg {
					officeIP = f.ip
				}
			}
			if officeIP == "" {
				officeIP = host(r, pick(r, reg.biz), 2, 250)
				firms = append(firms, firm{officeIP, reg})
			}
			workDev = uniqFP(r)
		}
		dev := !phoneOnly && chance(r, 0.08)
		evals := dev && chance(r, 0.1) // runs the public eval harness prompts now and then
		student := !dev && chance(r, 0.12)
		zh := chance(r, reg.zh)
		// developers' script: where it runs, its fingerprint and its own prompt template
		var scriptIP []string
		var scriptDev, appName, appRole, clsTmpl string
		if dev {
			scriptDev = pick(r, []string{inf.sdkPy, inf.sdkPy, inf.sdkNode, inf.sdkHttpx, inf.curl})
			switch {
			case chance(r, 0.35):
				scriptIP = inf.serverless // functions leave from any of the shared egress
				if chance(r, 0.5) {
					scriptDev = inf.sdkNode
				}
			case chance(r, 0.5):
				scriptIP = []string{host(r, pick(r, inf.hosting), 30, 254)}
			default:
				scriptIP = []string{a.home}
			}
			appName = pick(r, sp("Notely|Shopwise|RecipeBot|DocuHelp|PetPal|Fitly|Ledgerly|TripMate|Quizzy|HelpDeskly|Tasko|LinguaPal|CodeBuddy|Mailsort|Reviewly"))
			appRole = pick(r, sp("support assistant|writing assistant|tutor|product expert|travel planner|coach|summarizer|email triager"))
			if chance(r, 0.4) {
				clsTmpl = fmt.Sprintf("%s the %s of the following %s. %s\n\n", pick(r, sp("Classify|Label|Categorize|Determine|Identify")), pick(r, sp("sentiment|topic|intent|category|tone|urgency")), pick(r, sp("review|message|tweet|support ticket|comment|email")), pick(r, sp("Answer with one word.|Reply with the label only.|Output JSON like {\"label\": ...}.|Respond with positive, negative or neutral.|Return only the category name.|Be concise.")))
			}
		}
		if chance(r, 0.65) {
			g.signup(p, a, preSignup(r, 5, 900), a.home, a.dev)
		} else {
			t := localTime(r, r.IntN(nDays), reg.off, profHome)
			if t < winStart+hourMs {
				t = winStart + hourMs + r.Int64N(hourMs)
			}
			if t > winEnd-3*hourMs {
				t = winEnd - 3*hourMs - r.Int64N(hourMs)
			}
			g.signup(p, a, t, a.homeIP(t), a.dev)
		}
		nreq := int(math.Min(500, math.Max(1, lognorm(r, 4.2, 1.25))))
		if dev {
			nreq = int(math.Min(900, math.Max(4, lognorm(r, 25, 1.1))))
		}
		firstDay := 0
		if a.signupT > winStart {
			firstDay = int((a.signupT - winStart) / dayMs)
		}
		sent := 0
		for guard := 0; sent < nreq && guard < 400; guard++ {
			d := between(r, firstDay, nDays-1)
			sess := between(r, 1, 5)
			where := "home"
			switch {
			case phoneOnly:
				where = "phone"
			case office && dow(d) < 5 && chance(r, 0.45):
				where = "office"
			case a.phone != "" && chance(r, 0.15):
				where = "phone"
			case dev && chance(r, 0.5):
				where = "script"
				sess = between(r, 3, 25)
			}
			prof := profHome
			if where == "office" {
				prof = profOffice
			} else if where == "script" {
				prof = profFlat
			}
			t := localTime(r, d, reg.off, prof)
			ip, dv := a.homeIP(t), a.dev
			switch where {
			case "phone":
				ip, dv = carrierAddr(r, reg), a.phone
			case "office":
				ip, dv = officeIP, workDev
			case "script":
				dv = scriptDev
			}
			for k := 0; k < sess && sent < nreq; k++ {
				if where == "script" {
					ip = pick(r, scriptIP)
					if scriptIP[0] == a.home {
						ip = a.homeIP(t)
					}
				}
				var pr string
				var tok int
				switch {
				case where == "script" && clsTmpl != "" && chance(r, 0.6):
					pr, tok = clsTmpl+reviewText(r), between(r, 60, 260)
				case where == "script" && evals && chance(r, 0.5):
					if chance(r, 0.5) {
						pr, tok = harnessMC(r), between(r, 90, 220)
					} else {
						pr, tok = harnessCoT(r), between(r, 600, 2600)
					}
				case where == "script":
					o, _ := ordinary(r, false)
					pr, tok = fmt.Sprintf("You are %s, a %s. Answer the user's message helpfully and briefly.\n\nUser: %s", appName, appRole, o), int(lognorm(r, 380, 0.5))
				case zh && chance(r, 0.7):
					pr, tok = zhPrompt(r)
				case student && chance(r, 0.5):
					q := payload(r, 0.1)
					if chance(r, 0.5) {
						pr = q
					} else {
						pr = pick(r, hwAsk) + pick(r, sp(": | |\n")) + q + pick(r, sp("| show steps| step by step|"))
					}
					tok = between(r, 500, 1600)
				case dev && chance(r, 0.3):
					pr = "write a " + pick(r, gCodeLang) + " function that " + pick(r, gCodeTask)
					tok = int(lognorm(r, 600, 0.5))
				default:
					pr, tok = ordinary(r, where == "office")
				}
				if g.req(p, a, t, ip, dv, pr, tok) {
					sent++
				}
				if where == "script" {
					t += int64(between(r, 1, 40)) * 1000
				} else {
					t += int64(between(r, 20, 400)) * 1000
				}
			}
		}
	}
	g.finish(p)
}

var (
	rvProduct = sp("blender|phone case|hotel stay|pizza|laptop bag|hair dryer|movie|delivery|desk lamp|running shoes|bluetooth speaker|face cream|taxi ride|concert|vacuum|book|coffee|charger|jacket|app")
	rvOpinion = sp("was amazing|broke after two days|is okay for the price|arrived late and damaged|exceeded my expectations|was a total waste of money|works as described|smelled weird|made my day|was not what the photos showed|is decent but overpriced|stopped working after a week|has great customer service|is exactly what I needed|was cold when it arrived")
	rvTail    = sp("Would buy again.|Never again.|Three stars.|Meh.|Highly recommend!|Returned it.|Support never answered.|Five stars from me.|Not sure yet.|My kids love it.|")
)

func reviewText(r *rand.Rand) string {
	s := fmt.Sprintf("The %s %s", pick(r, rvProduct), pick(r, rvOpinion))
	if chance(r, 0.6) {
		s += ", and the " + pick(r, rvProduct) + " " + pick(r, rvOpinion)
	}
	return s + ". " + pick(r, rvTail)
}

var mcSubject = sp("high school biology|college chemistry|world history|elementary mathematics|professional law|econometrics|computer security|clinical knowledge|moral scenarios|high school physics|astronomy|nutrition")

func harnessMC(r *rand.Rand) string {
	q := bankQ(r)
	return fmt.Sprintf("The following is a multiple choice question about %s.\n\n%s\nA. %d\nB. %d\nC. %d\nD. %d\nAnswer:", pick(r, mcSubject), q, between(r, 1, 99), between(r, 1, 99), between(r, 1, 99), between(r, 1, 99))
}

func harnessCoT(r *rand.Rand) string {
	return "Solve the following math problem step by step. The last line of your response should be of the form \"Answer: $ANSWER\" where $ANSWER is the answer to the problem.\n\n" + payload(r, 0.4)
}

// school-district: a US school district's managed Chromebooks, one egress address per school,
// one education invoice, term-time hours, teachers' assignment templates.
func (g *Gen) school() {
	inf := g.inf
	r := g.rng("school-district")
	p := &pop{name: "school-district", kind: "school-district"}
	reg := inf.byName["US-C"]
	blocks := g.blocksIn(r, 3)
	pay := "invoice-edu-cedarridge-isd-2028"
	cbOld, cbNew := fpName("chromebook-cedarridge-v120"), fpName("chromebook-cedarridge-v121")
	tImg := []string{fpName("cedarridge-staff-win11"), fpName("cedarridge-staff-mac")}
	forms := []string{
		"Give me feedback on the thesis statement of my %s essay about %s: \"%s\"",
		"Explain %s like I'm in %s grade, with one example.",
		"Quiz me with 5 multiple choice questions about %s for our unit on %s.",
		"Help me brainstorm ideas for my %s project about %s. My idea so far: %s",
		"Check my work on this problem from %s: %s My answer is %d.",
	}
	units := sp("the water cycle|the American Revolution|fractions|photosynthesis|the Civil War|linear equations|cells|the Constitution|ecosystems|persuasive writing|Greek mythology|the solar system|poetry|probability|plate tectonics|the Great Depression|chemical reactions|ancient Egypt|the Harlem Renaissance|Romeo and Juliet")
	theses := sp("social media does more harm than good|school should start later|homework should be banned|video games improve problem solving|uniforms limit self-expression|the Civil War was about states rights|zoos protect endangered animals|electric cars will replace gas cars|kids should learn coding in elementary school|the moon landing changed science education")
	grades := sp("6th|7th|8th|9th|10th|11th|12th")
	type teacher struct {
		a     *Acct
		tmpls []func(*rand.Rand) string
	}
	nSchools := 10
	for s := 0; s < nSchools; s++ {
		sip := fmt.Sprintf("%s.%d", blocks[s%3], 10+s*7)
		newSchool := s >= 7 // rolled out on day 1 of the window
		var teachers []*teacher
		nt := between(r, 8, 11)
		for k := 0; k < nt; k++ {
			f, l := nameFor(r, reg)
			a := &Acct{id: g.newID(r), reg: reg, pay: pay, dev: pick(r, tImg)}
			a.email = g.claimMail(f+"."+l, "cedarridgeisd.org")
			a.home, _ = homeAddr(r, reg)
			g.signup(p, a, preSignup(r, 8, 60), sip, a.dev)
			te := &teacher{a: a}
			for j := 0; j < 3; j++ {
				fi := r.IntN(len(forms))
				unit := pick(r, units)
				gr := pick(r, grades)
				form := forms[fi]
				switch fi {
				case 0:
					et := pick(r, sp("argumentative|persuasive|research|literary analysis"))
					te.tmpls = append(te.tmpls, func(r *rand.Rand) string { return fmt.Sprintf(form, et, unit, pick(r, theses)) })
				case 1:
					te.tmpls = append(te.tmpls, func(r *rand.Rand) string { return fmt.Sprintf(form, pick(r, units), gr) })
				case 2:
					te.tmpls = append(te.tmpls, func(r *rand.Rand) string { return fmt.Sprintf(form, pick(r, units), unit) })
				case 3:
					pj := pick(r, sp("science fair|history fair|group|poster|podcast"))
					te.tmpls = append(te.tmpls, func(r *rand.Rand) string { return fmt.Sprintf(form, pj, unit, pick(r, gThing)) })
				default:
					bk := pick(r, sp("chapter 4|the worksheet|the textbook page 112|today's warm-up|the review packet"))
					te.tmpls = append(te.tmpls, func(r *rand.Rand) string { return fmt.Sprintf(form, bk, bankQ(r), between(r, 1, 200)) })
				}
			}
			teachers = append(teachers, te)
		}
		ns := between(r, 170, 230)
		students := make([]*Acct, ns)
		sections := make([][]int, len(teachers)) // teacher -> student indices
		for i := range students {
			f, l := nameFor(r, reg)
			a := &Acct{id: g.newID(r), reg: reg, pay: pay, dev: cbOld}
			a.email = g.claimMail(fmt.Sprintf("%s%s%04d", f, l[:1], r.IntN(10000)), "students.cedarridgeisd.org")
			a.home, _ = homeAddr(r, reg)
			students[i] = a
			for _, ti := range r.Perm(len(teachers))[:4] {
				sections[ti] = append(sections[ti], i)
			}
			if !newSchool {
				// signed up in class during the first week of January
				d := -between(r, 3, 7)
				t := localTime(r, d, reg.off, profOffice)
				g.signup(p, a, t, sip, cbOld)
			}
		}
		// day on which each student's Chromebook picks up the v121 update
		upd := make([]int, ns)
		for i := range upd {
			upd[i] = between(r, 8, 12)
		}
		devAt := func(i int, d int) string {
			if d >= upd[i] {
				return cbNew
			}
			return cbOld
		}
		for d := 0; d < nDays; d++ {
			if dow(d) >= 5 || d == mlkDay {
				continue
			}
			for ti, te := range teachers {
				// teacher's own planning prompts
				for k := 0; k < between(r, 0, 4); k++ {
					t := localTime(r, d, reg.off, profOffice)
					pr := fmt.Sprintf("%s %s for %s grade %s", pick(r, sp("Create a rubric for|Write 10 discussion questions about|Make a lesson plan on|Draft a parent email about the test on|Write an exit ticket on")), pick(r, units), pick(r, grades), pick(r, sp("students|science|ELA|social studies|math")))
					g.req(p, te.a, t, sip, te.a.dev, pr, int(lognorm(r, 700, 0.4)))
				}
				for period := 0; period < 7; period++ {
					if !chance(r, 0.13) {
						continue
					}
					start := winStart + int64(d)*dayMs + int64(8*60+period*55-reg.off)*minMs
					tmpl := te.tmpls[r.IntN(len(te.tmpls))]
					roster := sections[ti]
					for _, si := range roster {
						if si%5 != period%5 || !chance(r, 0.9) { // the class meeting in this period
							continue
						}
						a := students[si]
						t := start + int64(between(r, 4, 20))*minMs + r.Int64N(minMs)
						if newSchool && a.signupT == 0 {
							g.signup(p, a, t-int64(between(r, 60, 300))*1000, sip, devAt(si, d))
						}
						for k := 0; k < between(r, 1, 4); k++ {
							g.req(p, a, t, sip, devAt(si, d), tmpl(r), int(lognorm(r, 450, 0.5)))
							t += int64(between(r, 90, 600)) * 1000
						}
					}
				}
			}
			// homework in the evening, from home, on the take-home Chromebook
			for si, a := range students {
				if a.signupT == 0 || !chance(r, 0.12) {
					continue
				}
				t := winStart + int64(d)*dayMs + int64(17*60+r.IntN(5*60)-reg.off)*minMs
				for k := 0; k < between(r, 1, 4); k++ {
					var pr string
					tok := int(lognorm(r, 500, 0.6))
					switch r.IntN(3) {
					case 0:
						pr = bankQ(r)
						tok = between(r, 500, 1400)
					case 1:
						tm := teachers[r.IntN(len(teachers))].tmpls
						pr = tm[r.IntN(len(tm))](r)
					default:
						pr, tok = ordinary(r, false)
					}
					g.req(p, a, t, a.homeIP(t), devAt(si, d), pr, tok)
					t += int64(between(r, 60, 900)) * 1000
				}
			}
		}
		// students of a new school who never had an AI class in the window still exist: they sign
		// up during an assembly demo on day 1
		for si, a := range students {
			if a.signupT == 0 {
				t := winStart + 1*dayMs + int64(9*60+r.IntN(50)-reg.off)*minMs
				g.signup(p, a, t, sip, devAt(si, 1))
			}
		}
	}
	g.finish(p)
}

// labelling-vendor: contractors writing prompts from one guideline document on the vendor's
// invoice and domain, from their own homes (20 % through the vendor's VDI).
var (
	lvRoles   = sp("expert software engineer|experienced high school teacher|senior financial analyst|professional chef|licensed pharmacist|travel agent|customer support agent|marketing strategist|historian|data scientist|fitness coach|lawyer specialising in contracts")
	lvForm    = sp("short story|poem|product description|blog post intro|dialogue|limerick|cover letter|speech")
	lvCons    = sp("Use exactly three paragraphs|Answer in under 150 words|Use a numbered list|Include a table|Do not use the letter e in the title|Write at a 6th grade reading level|End with a question|Use formal British English|Return valid JSON only|Include at least two examples")
	lvFormat  = sp("markdown|plain text|JSON|a table|bullet points")
	lvLength  = sp("short|medium|long|about 300 words|one page")
	lvTone    = sp("neutral|friendly|formal|playful|empathetic")
	lvFields  = sp("names, dates and amounts|all people and their roles|the action items|product names and prices|addresses and phone numbers")
	lvComplai = sp("was charged twice for my subscription|never received my package|can't log into my account|got the wrong size|want to cancel but the button is missing|had a rude experience in the store|found a bug in your app")
)

type vendor struct {
	domain, pay, vdiFP string
	vdiIPs             []string
	gold               []string
}

func (g *Gen) newVendor() *vendor {
	r := g.rng("labelling-vendor/guideline")
	v := &vendor{domain: "annotators.tessellatedata.com", pay: "invoice-tessellate-data-0041", vdiFP: fpName("tessellate-vdi-chrome")}
	blk := pick(r, g.inf.cloud)
	for h := 0; h < 6; h++ {
		v.vdiIPs = append(v.vdiIPs, fmt.Sprintf("%s.%d", blk, 200+h))
	}
	for i := 0; i < 25; i++ {
		pr, _ := lvPrompt(r)
		v.gold = append(v.gold, pr)
	}
	return v
}

// lvPrompt writes a prompt the way the guideline asks: persona line (often the doc's example
// wording), a task body in the contractor's own words, and a constraints line.
func lvPrompt(r *rand.Rand) (string, int) {
	var b strings.Builder
	if chance(r, 0.55) {
		if chance(r, 0.6) {
			b.WriteString("You are " + article(pick(r, lvRoles)) + ". ")
		} else {
			b.WriteString("Act as " + article(pick(r, lvRoles)) + ". ")
		}
	}
	tok := between(r, 700, 2600)
	switch r.IntN(8) {
	case 0:
		fmt.Fprintf(&b, "Write a %s about %s that %s.", pick(r, lvForm), pick(r, gThing), pick(r, sp("has a twist ending|rhymes|uses only dialogue|is set in the future|includes a recipe|mentions three colours")))
	case 1:
		q, _ := ordinary(r, false)
		fmt.Fprintf(&b, "A user asks: \"%s\". Give the best possible answer and explain your reasoning.", q)
	case 2:
		fmt.Fprintf(&b, "Write a %s function that %s, and include unit tests.", pick(r, gCodeLang), pick(r, gCodeTask))
	case 3:
		fmt.Fprintf(&b, "I'm a customer who %s. Respond as the support agent and resolve it.", pick(r, lvComplai))
	case 4:
		fmt.Fprintf(&b, "Summarise the following text in %d bullet points:\n%s", between(r, 2, 6), pasted(r, 4, 8))
	case 5:
		fmt.Fprintf(&b, "Extract %s from this text:\n%s", pick(r, lvFields), pasted(r, 3, 6))
	case 6:
		fmt.Fprintf(&b, "Compare %s and %s for %s.", pick(r, gConcept), pick(r, gConcept), pick(r, gUse))
	default:
		fmt.Fprintf(&b, "%s? Cite your sources.", strings.ToUpper(pick(r, gTrivia)[:1])+pick(r, gTrivia)[1:])
	}
	if chance(r, 0.6) {
		fmt.Fprintf(&b, "\nConstraints: %s; format: %s; length: %s; tone: %s.", pick(r, lvCons), pick(r, lvFormat), pick(r, lvLength), pick(r, lvTone))
	}
	return b.String(), tok
}

func article(s string) string {
	if strings.ContainsRune("aeiou", rune(s[0])) {
		return "an " + s
	}
	return "a " + s
}

func (g *Gen) labellingVendor(v *vendor) {
	inf := g.inf
	r := g.rng("labelling-vendor")
	p := &pop{name: "labelling-vendor", kind: "labelling-vendor"}
	regs := []*Region{inf.byName["PH"], inf.byName["KE"], inf.byName["IN"], inf.byName["NG"], inf.byName["MX"]}
	rw := []float64{40, 25, 20, 10, 5}
	n := between(r, 420, 480)
	for i := 0; i < n; i++ {
		reg := regs[pickW(r, rw)]
		a := g.person(r, reg, 0, 0.55)
		a.pay = v.pay
		f, l := nameFor(r, reg)
		a.email = g.claimMail(f+"."+l, v.domain)
		vdi := chance(r, 0.2)
		cohort := i >= n-80 // onboarded in the window's training webinar
		var first int
		if cohort {
			first = 2
			t := winStart + 2*dayMs + int64(6*60+r.IntN(90))*minMs // 14:00-15:30 PH time
			g.signup(p, a, t, a.homeIP(t), a.dev)
		} else {
			g.signup(p, a, preSignup(r, 10, 400), a.home, a.dev)
		}
		// shift: local start hour and working days
		startH := pick(r, []int{8, 9, 9, 10, 13, 14, 18, 19, 20})
		offDays := r.Perm(7)[:2]
		calib := cohort || chance(r, 0.2)
		for d := first; d < nDays; d++ {
			if d == offDays[0] || (d%7) == offDays[0] || (d%7) == offDays[1] || !chance(r, 0.85) {
				continue
			}
			t := winStart + int64(d)*dayMs + int64(startH*60-reg.off)*minMs + int64(between(r, 0, 20))*minMs
			end := t + int64(between(r, 4, 6))*hourMs
			if cohort && d == first {
				t += 2 * hourMs
			}
			ip := func(t int64) string {
				if vdi {
					return pick(r, v.vdiIPs)
				}
				return a.homeIP(t)
			}
			dv := a.dev
			if vdi {
				dv = v.vdiFP
			}
			if calib {
				calib = false
				for _, gp := range v.gold {
					g.req(p, a, t, ip(t), dv, gp, between(r, 600, 2200))
					t += int64(between(r, 60, 240)) * 1000
				}
			}
			for t < end {
				pr, tok := lvPrompt(r)
				g.req(p, a, t, ip(t), dv, pr, tok)
				if chance(r, 0.15) { // ask for a rewrite of the answer
					t += int64(between(r, 60, 300)) * 1000
					g.req(p, a, t, ip(t), dv, pick(r, sp("Rewrite your answer so it follows every constraint.|Make the answer more concise.|Your answer ignored the format, try again.|Fix the factual error in paragraph two.")), between(r, 400, 1800))
				}
				t += int64(between(r, 12, 28))*minMs + r.Int64N(minMs)
			}
		}
	}
	g.finish(p)
}

// eval-sweeps: an evaluation company's project keys running benchmark sweeps for clients.
func (g *Gen) evalSweeps() {
	inf := g.inf
	r := g.rng("eval-sweeps")
	p := &pop{name: "eval-sweeps", kind: "evaluation-company"}
	pay := "invoice-calibrate-labs-2027-11"
	dom := "keys.calibratelabs.ai"
	var nat []string
	b1, b2 := pick(r, inf.cloud), pick(r, inf.cloud)
	for h := 0; h < 3; h++ {
		nat = append(nat, fmt.Sprintf("%s.%d", b1, 40+h), fmt.Sprintf("%s.%d", b2, 60+h))
	}
	reg := inf.byName["UK"]
	office := host(r, pick(r, reg.biz), 2, 250)
	laptop := []string{fpName("calibrate-mbp"), inf.popDesk[0]}
	clients := sp("acme-health|northwind|globex|initech|umbrella-ins|stark-legal|wayne-fin|tyrell|cyberdyne|soylent|hooli|vandelay|wonka|gringotts|oscorp|massive-dyn|aperture|duff|pied-piper|dunder")
	suites := sp("mc|cot|code|longform|domain")
	// staff
	for k := 0; k < 14; k++ {
		f, l := nameFor(r, reg)
		a := &Acct{id: g.newID(r), reg: reg, pay: pay, dev: pick(r, laptop)}
		a.email = g.claimMail(f+"."+l, "calibratelabs.ai")
		a.home, _ = homeAddr(r, reg)
		g.signup(p, a, preSignup(r, 30, 500), office, a.dev)
		for d := 0; d < nDays; d++ {
			if dow(d) >= 5 {
				continue
			}
			for j := 0; j < between(r, 0, 6); j++ {
				t := localTime(r, d, reg.off, profOffice)
				pr, tok := ordinary(r, true)
				if chance(r, 0.3) {
					pr, tok = harnessCoT(r), between(r, 600, 2400)
				}
				g.req(p, a, t, office, a.dev, pr, tok)
			}
		}
	}
	nk := between(r, 105, 135)
	for k := 0; k < nk; k++ {
		cl := pick(r, clients)
		su := pick(r, suites)
		a := &Acct{id: g.newID(r), reg: reg, pay: pay, dev: inf.sdkPy}
		if chance(r, 0.1) {
			a.dev = inf.sdkHttpx
		}
		a.email = g.claimMail(fmt.Sprintf("proj-%s-%s-%02d", cl, su, r.IntN(100)), dom)
		newClient := k >= nk-12
		if newClient {
			t := winStart + 4*dayMs + 10*hourMs + int64(k-(nk-12))*int64(between(r, 20, 50))*1000
			g.signup(p, a, t, office, laptop[0])
		} else {
			g.signup(p, a, preSignup(r, 5, 240), office, laptop[0])
		}
		sweeps := between(r, 1, 2)
		nightly := chance(r, 0.4)
		var domTmpl string
		if su == "domain" {
			domTmpl = fmt.Sprintf("You are assisting %s. Using only the policy excerpt below, answer the question.\n\nExcerpt: ", cl)
		}
		for s := 0; s < sweeps; s++ {
			d := between(r, 0, nDays-1)
			if newClient {
				d = between(r, 5, nDays-1)
			}
			var t int64
			if nightly {
				t = winStart + int64(d)*dayMs + 2*hourMs + r.Int64N(5*minMs)
			} else {
				t = localTime(r, d, reg.off, profOffice)
			}
			items := between(r, 100, 300)
			for it := 0; it < items; it++ {
				var pr string
				var tok int
				switch su {
				case "mc":
					pr, tok = harnessMC(r), between(r, 90, 230)
				case "cot":
					pr, tok = harnessCoT(r), between(r, 600, 3000)
				case "code":
					pr, tok = "Write a Python function to solve the following problem. Return only the code in a single block.\n\n"+payload(r, 0.5), between(r, 300, 1200)
				case "longform":
					pr, tok = bankQ(r)+"\nWrite a thorough, well-structured answer.", between(r, 1200, 3200)
				default:
					pr, tok = domTmpl+pasted(r, 3, 6)+"\n\nQuestion: "+pick(r, gHealth)+"?", between(r, 300, 900)
				}
				g.req(p, a, t, pick(r, nat), a.dev, pr, tok)
				t += int64(between(r, 1500, 9000))
			}
		}
	}
	g.finish(p)
}

// hwAsk is how people ask for a worked solution: students at home and tutors alike. A tutor keeps
// two of the first ten as habits.
var hwAsk = sp("solve this step by step|solve with full explanation|give detailed solution|explain and solve|answer with steps|solve the following question|need a complete solution for this|step by step solution please|solve and explain each step clearly|provide the solution with explanation|can someone explain how to solve this|pls help|how do i do this|help me with this question")

// homework-experts: freelance tutors on a homework-help marketplace, each on their own,
// pasting queued questions with their own habitual phrasing.
func (g *Gen) homeworkExperts() {
	inf := g.inf
	r := g.rng("homework-experts")
	p := &pop{name: "homework-experts", kind: "homework-tutors"}
	regs := []*Region{inf.byName["IN"], inf.byName["PH"], inf.byName["KE"], inf.byName["NG"]}
	rw := []float64{50, 20, 15, 15}
	openers := hwAsk[:10]
	closers := sp("|and give final answer|with proper formatting|in simple language|and box the final answer|show all formulas used|")
	n := between(r, 220, 280)
	var prev *Acct
	for i := 0; i < n; i++ {
		reg := regs[pickW(r, rw)]
		a := g.person(r, reg, 0.8, 0.55)
		if prev != nil && prev.reg == reg && chance(r, 0.06) { // two tutors in one household
			a.home, a.home2, a.moveAt, a.v6 = prev.home, prev.home2, prev.moveAt, prev.v6
			if prev.pay != "" {
				a.pay = prev.pay
			}
		}
		prev = a
		g.signup(p, a, preSignup(r, 20, 700), a.home, a.dev)
		op := []string{pick(r, openers), pick(r, openers)}
		cl := pick(r, closers)
		colon := pick(r, sp(":| -|\n|"))
		startH := pick(r, []int{17, 18, 19, 20, 21, 22, 23})
		for d := 0; d < nDays; d++ {
			if !chance(r, 0.72) {
				continue
			}
			t := winStart + int64(d)*dayMs + int64(startH*60+r.IntN(60)-reg.off)*minMs
			k := between(r, 10, 28)
			for j := 0; j < k; j++ {
				q := payload(r, 0.15)
				var pr string
				switch {
				case chance(r, 0.25):
					pr = q
				case chance(r, 0.5):
					pr = op[0] + colon + " " + q
				default:
					pr = op[1] + " " + cl + colon + " " + q
				}
				g.req(p, a, t, a.homeIP(t), a.dev, strings.TrimSpace(pr), between(r, 900, 2600))
				t += int64(between(r, 6, 20))*minMs + r.Int64N(minMs)
			}
			if chance(r, 0.3) {
				pr, tok := ordinary(r, false)
				g.req(p, a, t+hourMs, a.homeIP(t), a.dev, pr, tok)
			}
		}
	}
	g.finish(p)
}

// ---------------------------------------------------------------------------------------------
// rings

// ring-free-swarm: thousands of free-tier accounts, 1-3 requests a day each, for two weeks.
func (g *Gen) freeSwarm() {
	inf := g.inf
	r := g.rng("ring-free-swarm")
	p := &pop{name: "ring-free-swarm", kind: "low-and-slow-swarm", ring: true}
	exitRegs := []*Region{inf.byName["US-E"], inf.byName["US-C"], inf.byName["US-W"], inf.byName["UK"], inf.byName["DE"], inf.byName["IN"], inf.byName["BR"]}
	var pool []string
	for i := 0; i < 6000; i++ {
		pool = append(pool, exitAddr(r, pick(r, exitRegs)))
	}
	var doms []string
	for i := 0; i < 35; i++ {
		doms = append(doms, pick(r, sp("mail|inbox|post|box|letter|note|desk|hub"))+b36(r, 4)+pick(r, sp(".xyz|.online|.site|.click|.shop|.top")))
	}
	suffix := sp("Explain every step thoroughly.|Please explain in full detail.|Walk through the complete reasoning.|Show all the steps and explain why.|Give a detailed explanation.|Explain it fully, step by step.")
	asks := sp("hey can you help me with this: |i need help understanding this one: |could you go through this for me: |stuck on this, help? ")
	n := between(r, 2000, 2400)
	for i := 0; i < n; i++ {
		reg := pick(r, exitRegs)
		a := &Acct{id: g.newID(r), reg: reg}
		f, l := nameFor(r, reg)
		a.email = g.claimMail(fmt.Sprintf("%s%s%d", f, l, between(r, 10, 9999)), pick(r, doms))
		a.dev = inf.desk(r, 0.35)
		t := winStart - int64(45)*dayMs + r.Int64N(int64(45+nDays-2)*dayMs)
		g.signup(p, a, t, pick(r, pool), a.dev)
		for d := 0; d < nDays; d++ {
			if !chance(r, 0.85) {
				continue
			}
			k := between(r, 1, 3)
			for j := 0; j < k; j++ {
				tt := winStart + int64(d)*dayMs + r.Int64N(dayMs)
				q := payload(r, 0.3)
				if chance(r, 0.3) {
					q = pick(r, asks) + q
				} else {
					q = q + " " + pick(r, suffix)
				}
				g.req(p, a, tt, pick(r, pool), a.dev, q, extractTok(r, 1800, 3600))
			}
		}
	}
	g.finish(p)
}

// ring-label-harvest: short classification labels at volume, through serverless egress shared
// with developers, on the Node SDK.
func (g *Gen) labelHarvest() {
	inf := g.inf
	r := g.rng("ring-label-harvest")
	p := &pop{name: "ring-label-harvest", kind: "label-harvest", ring: true}
	tasks := []struct {
		head string
		text func(*rand.Rand) string
		tok  [2]int
	}{
		{"Task: sentiment. Allowed labels: very negative | negative | neutral | positive | very positive.\nText: ", reviewText, [2]int{50, 120}},
		{"Task: topic. Allowed labels: politics | sports | business | tech | health | science | entertainment | world | crime | weather | travel | food.\nText: ", func(r *rand.Rand) string { return sentence(r) + " " + sentence(r) }, [2]int{70, 140}},
		{"Task: toxicity. Allowed labels: toxic | not toxic.\nText: ", func(r *rand.Rand) string { c, _ := ordinary(r, false); return c }, [2]int{40, 110}},
		{"Task: intent. Allowed labels: refund | cancel | track order | change address | complaint | billing | login help | product question | other.\nText: ", func(r *rand.Rand) string {
			return "hi, i " + pick(r, lvComplai) + " " + pick(r, sp("please help|what do i do|this is the second time|order #"+strconv.Itoa(r.IntN(900000)+100000)))
		}, [2]int{60, 130}},
		{"Task: language. Allowed labels: ISO 639-1 code.\nText: ", func(r *rand.Rand) string {
			if chance(r, 0.5) {
				s, _ := zhPrompt(r)
				return s
			}
			return sentence(r)
		}, [2]int{30, 80}},
		{"Task: spam. Allowed labels: spam | ham.\nText: ", func(r *rand.Rand) string {
			if chance(r, 0.4) {
				return fmt.Sprintf("Congratulations! You won a %s. Click here to claim within %d hours.", pick(r, gProduct), between(r, 2, 48))
			}
			return sentence(r)
		}, [2]int{40, 100}},
	}
	tail := "\nAnswer with the label only.\nLabel:"
	bins := []int{between(r, 400000, 499999), between(r, 500000, 559999)}
	n := between(r, 140, 190)
	batches := []int{-20, -9, 1, 5}
	for i := 0; i < n; i++ {
		reg := inf.byName[pick(r, sp("US-E|US-W|UK|DE"))]
		a := &Acct{id: g.newID(r), reg: reg, dev: inf.sdkNode}
		a.email = g.claimMail(b36(r, 10), pick(r, sp("proton.me|tuta.io|protonmail.com")))
		a.pay = g.card(r, "visa", pick(r, bins))
		bd := batches[i*len(batches)/n]
		t := winStart + int64(bd)*dayMs + 15*hourMs + int64(i%40)*int64(between(r, 30, 90))*1000
		// accounts were opened from the operator's browser, then keys handed to the functions
		g.signup(p, a, t, exitAddr(r, reg), inf.popDesk[2])
		first := max(0, bd)
		days := between(r, 5, 9)
		for d := first; d < min(nDays, first+days+between(r, 0, 3)); d++ {
			if !chance(r, 0.9) {
				continue
			}
			k := between(r, 35, 70)
			tt := winStart + int64(d)*dayMs + r.Int64N(dayMs)
			for j := 0; j < k; j++ {
				ts := tasks[r.IntN(len(tasks))]
				txt := ts.text(r)
				tok := between(r, ts.tok[0], ts.tok[1]) + utf8.RuneCountInString(txt)/5
				g.req(p, a, tt, pick(r, inf.serverless), a.dev, ts.head+txt+tail, tok)
				tt += int64(between(r, 1, 30)) * 1000
				if chance(r, 0.05) {
					tt += int64(between(r, 10, 120)) * minMs
				}
			}
		}
	}
	g.finish(p)
}

// obfuscation helpers
var homoglyph = map[rune][]rune{
	'a': {'а', 'ɑ'}, 'e': {'е', 'ė'}, 'o': {'о', 'ο', '0'}, 'p': {'р'}, 'c': {'с', 'ϲ'}, 'x': {'х'}, 'y': {'у'},
	'i': {'і', 'ı', '1'}, 'l': {'ӏ', '1'}, 's': {'ѕ'}, 'A': {'А', 'Α'}, 'E': {'Е', 'Ε'}, 'O': {'О', 'Ο'}, 'T': {'Т', 'Τ'},
}

func typo(r *rand.Rand, w string) string {
	rs := []rune(w)
	if len(rs) < 4 {
		return w
	}
	i := between(r, 1, len(rs)-2)
	switch r.IntN(4) {
	case 0:
		rs[i], rs[i+1] = rs[i+1], rs[i]
	case 1:
		rs = append(rs[:i], rs[i+1:]...)
	case 2:
		rs = append(rs[:i+1], rs[i:]...)
	default:
		rs[i] = rune('a' + r.IntN(26))
	}
	return string(rs)
}

func obfuscate(r *rand.Rand, s string) string {
	words := strings.Fields(s)
	hg := 0.03 + r.Float64()*0.07
	for i, w := range words {
		if chance(r, 0.05) {
			w = typo(r, w)
		}
		var b strings.Builder
		for _, c := range w {
			if alts, ok := homoglyph[c]; ok && chance(r, hg) {
				c = pick(r, alts)
			}
			b.WriteRune(c)
		}
		w = b.String()
		if chance(r, 0.03) && len(w) > 3 {
			k := len(w) / 2
			for !utf8.RuneStart(w[k]) {
				k--
			}
			w = w[:k] + "\u200b" + w[k:]
		}
		if chance(r, 0.04) {
			w = strings.ToUpper(w)
		}
		words[i] = w
	}
	return strings.Join(words, pick(r, []string{" ", " ", " ", "  "}))
}

func filler(r *rand.Rand) string {
	switch r.IntN(4) {
	case 0:
		return "ref " + b36(r, between(r, 6, 14))
	case 1:
		ws := make([]string, between(r, 3, 9))
		for i := range ws {
			ws[i] = pick(r, append(append(gHobby, gProduct...), gCity...))
		}
		return "(" + strings.Join(ws, " ") + ")"
	case 2:
		return sentence(r)
	default:
		return "#" + strconv.Itoa(r.IntN(1_000_000))
	}
}

// ring-obfuscator: prompts mangled to defeat template mining.
func (g *Gen) obfuscator() {
	inf := g.inf
	r := g.rng("ring-obfuscator")
	p := &pop{name: "ring-obfuscator", kind: "obfuscated-prompts", ring: true}
	tools := []string{uniqFP(r), uniqFP(r)} // the ring's two curl-impersonate builds
	regs := []*Region{inf.byName["US-E"], inf.byName["US-W"], inf.byName["UK"], inf.byName["DE"], inf.byName["FR"], inf.byName["AU"]}
	asks := sp("explain in depth|give a rigorous and complete answer to|work through|solve carefully and justify every step of|produce a textbook quality explanation of|break down fully")
	demands := sp("show all intermediate reasoning|be exhaustive|include a worked example|verify the result at the end|state every assumption|use headings")
	n := between(r, 300, 380)
	for i := 0; i < n; i++ {
		reg := pick(r, regs)
		a := g.person(r, reg, 1, 0.0)
		if chance(r, 0.75) {
			a.dev = pick(r, tools)
		} else {
			a.dev = inf.popDesk[pickW(r, inf.deskW)]
		}
		t := winStart - 20*dayMs + r.Int64N(30*dayMs)
		g.signup(p, a, t, exitAddr(r, reg), a.dev)
		first := max(0, int((a.signupT-winStart)/dayMs)+1)
		days := between(r, 3, 6)
		for d := first; d < min(nDays, first+days); d++ {
			exit := exitAddr(r, reg)
			k := between(r, 25, 60)
			tt := winStart + int64(d)*dayMs + r.Int64N(dayMs/2)
			for j := 0; j < k; j++ {
				parts := []string{pick(r, asks) + " the following.", payload(r, 0.35), pick(r, demands) + "."}
				if chance(r, 0.5) {
					parts[0], parts[2] = parts[2], parts[0]
				}
				if chance(r, 0.6) {
					parts = append([]string{filler(r)}, parts...)
				}
				if chance(r, 0.5) {
					parts = append(parts, filler(r))
				}
				sep := pick(r, sp(" |\n| -- | / "))
				g.req(p, a, tt, exit, a.dev, obfuscate(r, strings.Join(parts, sep)), extractTok(r, 2000, 3800))
				tt += int64(between(r, 20, 240)) * 1000
			}
		}
	}
	g.finish(p)
}

// ring-vendor-insider: extra seats a project lead opened inside the labelling vendor, driven by a
// script on cloud VMs.
func (g *Gen) vendorInsider(v *vendor) {
	inf := g.inf
	r := g.rng("ring-vendor-insider")
	p := &pop{name: "ring-vendor-insider", kind: "insider-seats", ring: true}
	reg := inf.byName["PH"]
	leadHome, _ := homeAddr(r, reg)
	leadDev := inf.popDesk[pickW(r, inf.deskW)]
	var vms []string
	for _, b := range []string{pick(r, inf.cloud), pick(r, inf.cloud)} {
		vms = append(vms, host(r, b, 2, 250), host(r, b, 2, 250))
	}
	n := between(r, 60, 80)
	batchDay := []int{1, 4, 7}
	for i := 0; i < n; i++ {
		a := &Acct{id: g.newID(r), reg: reg, pay: v.pay, dev: inf.sdkPy}
		f, l := nameFor(r, reg)
		a.email = g.claimMail(f+"."+l, v.domain)
		bd := batchDay[i*3/n]
		t := winStart + int64(bd)*dayMs + int64(13*60-reg.off)*minMs + int64(i%27)*int64(between(r, 40, 120))*1000
		g.signup(p, a, t, leadHome, leadDev)
		first := bd
		days := between(r, 5, 9)
		for d := first; d < min(nDays, first+days); d++ {
			k := between(r, 60, 120)
			tt := winStart + int64(d)*dayMs + r.Int64N(2*hourMs)
			step := dayMs / int64(k)
			for j := 0; j < k; j++ {
				var pr string
				if chance(r, 0.15) {
					pr = pick(r, v.gold)
				} else {
					var b strings.Builder
					b.WriteString("You are " + article(pick(r, lvRoles)) + ". ")
					b.WriteString(payload(r, 0.35))
					if chance(r, 0.7) {
						fmt.Fprintf(&b, "\nConstraints: %s; format: %s; length: %s; tone: %s.", pick(r, lvCons), pick(r, lvFormat), pick(r, sp("long|one page|about 300 words")), pick(r, lvTone))
					}
					pr = b.String()
				}
				g.req(p, a, tt, pick(r, vms), a.dev, pr, extractTok(r, 2000, 3500))
				tt += step/2 + r.Int64N(step)
			}
		}
	}
	g.finish(p)
}

// ring-upstream-relay: bought accounts that resell access to a chat site's users; each account
// is used in 30-minute slots the pool manager opens on the half hour.
func (g *Gen) upstreamRelay() {
	inf := g.inf
	r := g.rng("ring-upstream-relay")
	p := &pop{name: "ring-upstream-relay", kind: "upstream-relay", ring: true}
	regs := []*Region{inf.byName["US-W"], inf.byName["US-E"], inf.byName["JP"], inf.byName["SG"], inf.byName["UK"], inf.byName["TW"]}
	n := between(r, 140, 180)
	accts := make([]*Acct, n)
	for i := range accts {
		reg := pick(r, regs)
		a := g.person(r, reg, 1, 0.3)
		g.signup(p, a, preSignup(r, 10, 60), exitAddr(r, reg), a.dev)
		accts[i] = a
	}
	// upstream load by hour of UTC: its users are in UTC+8
	load := make([]float64, 24)
	for h := range load {
		load[h] = profHome[(h+8)%24]
	}
	order := r.Perm(n)
	next := 0
	for slot := 0; slot < nDays*48; slot++ {
		start := winStart + int64(slot)*30*minMs
		h := (slot / 2) % 24
		k := 8
		for j := 0; j < k; j++ {
			a := accts[order[next%n]]
			next++
			if next%n == 0 {
				order = r.Perm(n)
			}
			exit := exitAddr(r, a.reg)
			tt := start + r.Int64N(2000)
			m := int(math.Max(1, lognorm(r, 10*load[h]/1.2, 0.3)))
			for q := 0; q < m; q++ {
				var pr string
				var tok int
				if chance(r, 0.55) {
					pr, tok = zhPrompt(r)
				} else {
					pr, tok = ordinary(r, false)
				}
				g.req(p, a, tt, exit, a.dev, pr, tok+between(r, 100, 500))
				tt += int64(between(r, 20, 1800*1000/max(m, 1)))
				if tt > start+30*minMs-2000 {
					break
				}
			}
		}
	}
	g.finish(p)
}

// ---------------------------------------------------------------------------------------------
// output

func jsonStr(b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < 0x80 {
			switch {
			case c == '"' || c == '\\':
				b = append(b, '\\', c)
			case c == '\n':
				b = append(b, '\\', 'n')
			case c == '\t':
				b = append(b, '\\', 't')
			case c < 0x20:
				b = append(b, fmt.Sprintf("\\u%04x", c)...)
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		rr, size := utf8.DecodeRuneInString(s[i:])
		if rr == utf8.RuneError && size == 1 {
			b = append(b, `\ufffd`...)
		} else if rr == 0x2028 || rr == 0x2029 {
			b = append(b, fmt.Sprintf("\\u%04x", rr)...)
		} else {
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return append(b, '"')
}

func (g *Gen) write(out, truth string) error {
	slices.SortStableFunc(g.recs, func(a, b Rec) int {
		switch {
		case a.t < b.t:
			return -1
		case a.t > b.t:
			return 1
		}
		return 0
	})
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	var b []byte
	for _, rc := range g.recs {
		b = b[:0]
		b = append(b, `{"ts":`...)
		b = jsonStr(b, time.UnixMilli(rc.t).UTC().Format("2006-01-02T15:04:05.000Z"))
		if rc.signup {
			b = append(b, `,"type":"signup"`...)
		}
		b = append(b, `,"account":`...)
		b = jsonStr(b, rc.acct)
		for _, kv := range [][2]string{{"ip", rc.ip}, {"payment", rc.pay}, {"device", rc.dev}, {"email", rc.email}, {"prompt", rc.prompt}} {
			if kv[1] != "" {
				b = append(b, ',', '"')
				b = append(b, kv[0]...)
				b = append(b, '"', ':')
				b = jsonStr(b, kv[1])
			}
		}
		if !rc.signup {
			b = append(b, `,"tokens":`...)
			b = strconv.AppendInt(b, int64(rc.tokens), 10)
		}
		b = append(b, "}\n"...)
		w.Write(b)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	tb, err := json.MarshalIndent(map[string][]Group{"rings": g.rings, "decoys": g.decoys}, "", " ")
	if err != nil {
		return err
	}
	return os.WriteFile(truth, append(tb, '\n'), 0o644)
}

// check verifies the invariants the SPEC and the brief ask for.
func (g *Gen) check() error {
	signup := map[string]int64{}
	for _, rc := range g.recs {
		if rc.signup {
			if _, dup := signup[rc.acct]; dup {
				return fmt.Errorf("account %s signs up twice", rc.acct)
			}
			signup[rc.acct] = rc.t
		}
	}
	for _, rc := range g.recs {
		if !rc.signup {
			s, ok := signup[rc.acct]
			if !ok || rc.t <= s {
				return fmt.Errorf("account %s: request before signup", rc.acct)
			}
		}
	}
	seen := map[string]string{}
	for _, grp := range append(append([]Group{}, g.rings...), g.decoys...) {
		for _, a := range grp.Accounts {
			if o, dup := seen[a]; dup {
				return fmt.Errorf("account %s in %s and %s", a, o, grp.ID)
			}
			seen[a] = grp.ID
		}
	}
	if len(seen) != len(signup) {
		return fmt.Errorf("%d accounts in the truth, %d signed up", len(seen), len(signup))
	}
	for a := range signup {
		if _, ok := seen[a]; !ok {
			return fmt.Errorf("account %s in no group", a)
		}
	}
	return nil
}

func main() {
	seed := flag.Uint64("seed", 1, "scenario seed")
	out := flag.String("out", "traffic.jsonl", "traffic output (JSON Lines)")
	truth := flag.String("truth", "truth.json", "ground truth output")
	quiet := flag.Bool("quiet", false, "no summary on stderr")
	flag.Parse()
	g := &Gen{seed: *seed, acctSeen: map[string]bool{}, mailSeen: map[string]bool{}, cardSeen: map[string]bool{}, blockSeen: map[string]bool{}, s16Seen: map[string]bool{}}
	g.buildInfra()
	v := g.newVendor()
	g.background()
	g.school()
	g.labellingVendor(v)
	g.evalSweeps()
	g.homeworkExperts()
	g.freeSwarm()
	g.labelHarvest()
	g.obfuscator()
	g.vendorInsider(v)
	g.upstreamRelay()
	if err := g.check(); err != nil {
		fmt.Fprintln(os.Stderr, "probe6:", err)
		os.Exit(1)
	}
	if err := g.write(*out, *truth); err != nil {
		fmt.Fprintln(os.Stderr, "probe6:", err)
		os.Exit(1)
	}
	if !*quiet {
		for _, s := range g.summary {
			fmt.Fprintln(os.Stderr, s)
		}
		fmt.Fprintf(os.Stderr, "records %d, accounts %d\n", len(g.recs), len(g.acctSeen))
	}
}
