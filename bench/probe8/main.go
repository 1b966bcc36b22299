// Command probe8 writes an eighth black-box probe scenario for ringlink: legitimate populations
// whose sharing looks like a ring's (clinicians on a hospital's shared workstations, customers of
// a grey-market account reseller on its pool of cards, readers of a prompt-of-the-day newsletter,
// app companies' QA test accounts on a cloud device farm, a coaching centre's students on the same
// daily problem sheet, an NLP course replicating Self-Instruct and LLM-as-judge), rings with
// tactics the earlier probes do not model (accounts bought from that reseller, Self-Instruct
// synthetic-data generation in hosted notebooks, preference harvesting through the public
// judge prompt, a human click farm on shared office PCs), and a background of ordinary users.
//
// Written from SPEC.md, the README and the earlier probes' READMEs only. Standard library only;
// every population draws from its own math/rand/v2 PCG stream seeded from --seed and its name.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"net/netip"
	"os"
	"sort"
	"strings"
	"time"
)

var (
	winMs  = time.Date(2028, 4, 3, 0, 0, 0, 0, time.UTC).UnixMilli() // a Monday
	dayMs  = int64(86400000)
	hourMs = int64(3600000)
	minMs  = int64(60000)
	winEnd = winMs + nDays*dayMs
)

const nDays = 14

// ---------------------------------------------------------------- records, groups, generator

type rec struct {
	ms     int64
	seq    int64
	signup bool
	acct   string
	email  string
	ip     string
	dev    string
	pay    string
	prompt string
	tok    int
}

type outRec struct {
	TS      string `json:"ts"`
	Type    string `json:"type,omitempty"`
	Account string `json:"account"`
	Email   string `json:"email,omitempty"`
	IP      string `json:"ip"`
	Device  string `json:"device"`
	Payment string `json:"payment,omitempty"`
	Prompt  string `json:"prompt,omitempty"`
	Tokens  int    `json:"tokens,omitempty"`
}

type group struct {
	ID       string   `json:"id"`
	Kind     string   `json:"kind"`
	Accounts []string `json:"accounts"`
	ring     bool
	reqs     int
}

type gen struct {
	seed  uint64
	recs  []rec
	seq   int64
	grps  []*group
	cur   *group
	accts map[string]bool
	boxes map[string]bool
	cards map[string]bool
	homes map[string]bool
	u16   map[[2]byte]bool
	in    *infra
}

func stream(seed uint64, name string) *rand.Rand {
	h := fnv.New64a()
	h.Write([]byte("probe8/" + name))
	return rand.New(rand.NewPCG(seed, h.Sum64()))
}

func (g *gen) begin(id, kind string, ring bool) {
	g.cur = &group{ID: id, Kind: kind, ring: ring}
	g.grps = append(g.grps, g.cur)
}

const b36 = "abcdefghijklmnopqrstuvwxyz0123456789"

func (g *gen) newAcct(r *rand.Rand) string {
	var b [12]byte
	for i := range b {
		b[i] = b36[r.IntN(36)]
	}
	id := "acct_" + string(b[:])
	for g.accts[id] {
		id += "z"
	}
	g.accts[id] = true
	g.cur.Accounts = append(g.cur.Accounts, id)
	return id
}

func (g *gen) req(ms int64, acct, ip, dev, pay, prompt string, tok int) {
	if ms < winMs || ms >= winEnd {
		return
	}
	if tok < 1 {
		tok = 1
	}
	g.recs = append(g.recs, rec{ms: ms, seq: g.seq, acct: acct, ip: ip, dev: dev, pay: pay, prompt: prompt, tok: tok})
	g.seq++
	g.cur.reqs++
}

func (g *gen) signup(ms int64, acct, email, ip, dev, pay string) {
	g.recs = append(g.recs, rec{ms: ms, seq: g.seq, signup: true, acct: acct, email: email, ip: ip, dev: dev, pay: pay})
	g.seq++
}

// ---------------------------------------------------------------- small helpers

func pick[T any](r *rand.Rand, xs []T) T  { return xs[r.IntN(len(xs))] }
func chance(r *rand.Rand, p float64) bool { return r.Float64() < p }
func lognorm(r *rand.Rand, median, sigma float64) float64 {
	return median * math.Exp(sigma*r.NormFloat64())
}
func uf(r *rand.Rand, a, b float64) float64 { return a + (b-a)*r.Float64() }
func between(r *rand.Rand, a, b int) int    { return a + r.IntN(b-a+1) }
func geom(r *rand.Rand, p float64) int {
	k := 0
	for r.Float64() > p && k < 60 {
		k++
	}
	return k
}
func sp(s string) []string { return strings.Split(s, "|") }
func wd(d int) int         { return ((d % 7) + 7) % 7 } // 0 = Monday

// localMs: day d of the window (0-based), local hour h, zone offset tz minutes east of UTC.
func localMs(d int, h float64, tz int) int64 {
	return winMs + int64(d)*dayMs + int64(h*float64(hourMs)) - int64(tz)*minMs
}

// localHour of an instant in a zone, and its local day index.
func localDay(ms int64, tz int) (int, float64) {
	l := ms - winMs + int64(tz)*minMs
	d := int(math.Floor(float64(l) / float64(dayMs)))
	h := float64(l-int64(d)*dayMs) / float64(hourMs)
	return d, h
}

type wopt struct {
	s string
	w float64
}

func wpick(r *rand.Rand, xs []wopt) string {
	t := 0.0
	for _, x := range xs {
		t += x.w
	}
	v := r.Float64() * t
	for _, x := range xs {
		v -= x.w
		if v < 0 {
			return x.s
		}
	}
	return xs[len(xs)-1].s
}

func casual(r *rand.Rand, s string) string {
	switch x := r.Float64(); {
	case x < 0.35:
		return strings.ToLower(s)
	case x < 0.5 && len(s) > 0:
		return strings.ToUpper(s[:1]) + s[1:]
	}
	return s
}

// ---------------------------------------------------------------- address space

type p24 [3]byte

func (p p24) at(h int) string { return fmt.Sprintf("%d.%d.%d.%d", p[0], p[1], p[2], h) }

var octets = []byte{23, 24, 31, 37, 41, 45, 46, 49, 50, 58, 59, 60, 61, 62, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76,
	77, 78, 79, 80, 81, 82, 83, 84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95, 96, 97, 98, 99, 101, 102, 103, 104,
	105, 106, 107, 108, 109, 110, 111, 112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 123, 124, 125, 136,
	137, 138, 139, 140, 141, 142, 143, 144, 145, 146, 147, 148, 149, 150, 151, 152, 153, 154, 155, 156, 157, 158,
	159, 160, 161, 162, 163, 164, 165, 166, 167, 168, 170, 171, 173, 174, 175, 176, 177, 178, 179, 180, 181, 182,
	183, 184, 185, 186, 187, 188, 189, 190, 191, 193, 194, 195, 196, 197, 199, 200, 201, 202, 210, 211, 212, 213,
	216, 217, 218, 219, 220, 221, 222}

func (g *gen) a16(r *rand.Rand) [2]byte {
	for {
		k := [2]byte{pick(r, octets), byte(r.IntN(256))}
		if !g.u16[k] {
			g.u16[k] = true
			return k
		}
	}
}

// blocks: n distinct /24s inside n16 fresh /16s.
func (g *gen) blocks(r *rand.Rand, n16, n int) []p24 {
	var s16 [][2]byte
	for i := 0; i < n16; i++ {
		s16 = append(s16, g.a16(r))
	}
	seen := map[p24]bool{}
	var out []p24
	for len(out) < n {
		b := s16[r.IntN(n16)]
		p := p24{b[0], b[1], byte(r.IntN(256))}
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	return out
}

func v6p32(r *rand.Rand) string { return fmt.Sprintf("2%03x:%x", 0x400+r.IntN(0xb00), r.IntN(0x10000)) }
func v6rand64(r *rand.Rand) string {
	return fmt.Sprintf("%x:%x:%x:%x", r.IntN(0x10000), r.IntN(0x10000), r.IntN(0x10000), r.IntN(0x10000))
}

type region struct {
	code   string
	tz     int
	w      float64
	flavor string
	mail   []wopt
	isp    [3][]p24
	v6     [3][]string // /48s (three hextets)
	car    [2][]p24
	carV6  [2]string
	biz    []p24
}

func (rg *region) carrierIP(r *rand.Rand, c int) string {
	if chance(r, 0.3) {
		return fmt.Sprintf("%s:%x:%x:%s", rg.carV6[c], r.IntN(0x10000), r.IntN(0x10000), v6rand64(r))
	}
	return pick(r, rg.car[c]).at(1 + r.IntN(254))
}

// resiExit: an address in a home range of the region's ISPs (a residential proxy exits from a real home).
func (rg *region) resiExit(r *rand.Rand) string {
	return pick(r, rg.isp[r.IntN(3)]).at(2 + r.IntN(253))
}

type home struct {
	v4    [2]string
	move  int
	v6    string
	v6day map[int]string
}

func (g *gen) homeAddr(r *rand.Rand, rg *region, isp int) string {
	p := pick(r, rg.isp[isp])
	h := 2 + r.IntN(198)
	a := p.at(h)
	for i := 0; g.homes[a] && i < 198; i++ {
		h = 2 + (h-1)%198
		a = p.at(h)
	}
	g.homes[a] = true
	return a
}

func (g *gen) newHome(r *rand.Rand, rg *region) *home {
	h := &home{move: 99}
	isp := r.IntN(3)
	h.v4[0] = g.homeAddr(r, rg, isp)
	if chance(r, 0.12) {
		h.v6 = fmt.Sprintf("%s:%x00", pick(r, rg.v6[isp]), 1+r.IntN(255))
		h.v6day = map[int]string{}
	}
	if chance(r, 0.2) {
		h.move = r.IntN(nDays)
		h.v4[1] = g.homeAddr(r, rg, r.IntN(3))
	}
	return h
}

func fixedHome(ip string) *home { return &home{v4: [2]string{ip, ip}, move: 99} }

func (h *home) ip(r *rand.Rand, day int) string {
	if h.v6 != "" {
		if a, ok := h.v6day[day]; ok {
			return a
		}
		a := fmt.Sprintf("%s:%x:%x:%x:%x", h.v6, r.IntN(0x10000), r.IntN(0x10000), r.IntN(0x10000), r.IntN(0x10000))
		h.v6day[day] = a
		return a
	}
	if day >= h.move {
		return h.v4[1]
	}
	return h.v4[0]
}

// ---------------------------------------------------------------- infrastructure

type resellerShop struct {
	ipA, ipB string
	moveMs   int64
	laptops  [2]string
	cards    []shopCard
}

type shopCard struct {
	val      string
	from, to int64
}

func (s *resellerShop) ipAt(ms int64) string {
	if ms >= s.moveMs {
		return s.ipB
	}
	return s.ipA
}

// cardAt: one of the cards active at ms.
func (s *resellerShop) cardAt(r *rand.Rand, ms int64) shopCard {
	var act []shopCard
	for _, c := range s.cards {
		if ms >= c.from && ms < c.to {
			act = append(act, c)
		}
	}
	if len(act) == 0 {
		return s.cards[len(s.cards)-1]
	}
	return pick(r, act)
}

type infra struct {
	regs      []*region
	by        map[string]*region
	desk      []string
	deskCum   []float64
	phone     []string
	phoneCum  []float64
	sdkPy     string
	sdkNode   string
	sdkHttpx  string
	sdkCurl   string
	cloud     []p24
	notebook  []p24
	hosting   []p24
	farm      []p24
	farmEmu   string
	bins      []string
	hostels   []string // Kota hostels' managed Wi-Fi addresses
	kotaLab   string
	kotaLabFP string
	campusNAT []string // Kingsbridge University
	campusLab string   // lab PC image fingerprint
	shop      *resellerShop
}

var regionDefs = []struct {
	code   string
	tz     int
	w      float64
	flavor string
	mail   string
}{
	{"US-E", -240, 14, "en", "gmail.com:55,yahoo.com:9,outlook.com:10,icloud.com:10,hotmail.com:6,aol.com:3,proton.me:2,comcast.net:3"},
	{"US-C", -300, 8, "en", "gmail.com:55,yahoo.com:10,outlook.com:10,icloud.com:10,hotmail.com:6,att.net:4,proton.me:2"},
	{"US-W", -420, 9, "en", "gmail.com:58,yahoo.com:8,outlook.com:10,icloud.com:12,hotmail.com:5,proton.me:3"},
	{"UK", 60, 7, "en", "gmail.com:45,outlook.com:14,hotmail.co.uk:12,yahoo.co.uk:8,icloud.com:9,btinternet.com:6,sky.com:4"},
	{"DE", 120, 5, "de", "gmx.de:25,web.de:22,gmail.com:30,t-online.de:10,outlook.de:6,posteo.de:3"},
	{"FR", 120, 4, "fr", "gmail.com:40,orange.fr:18,free.fr:12,hotmail.fr:12,laposte.net:8,yahoo.fr:6"},
	{"IN", 330, 12, "in", "gmail.com:82,yahoo.co.in:7,rediffmail.com:4,outlook.com:6"},
	{"PK", 300, 4, "pk", "gmail.com:80,yahoo.com:10,hotmail.com:8,outlook.com:4"},
	{"EG", 120, 3, "eg", "gmail.com:78,yahoo.com:12,hotmail.com:8,outlook.com:4"},
	{"BD", 360, 3, "bd", "gmail.com:85,yahoo.com:10,outlook.com:5"},
	{"NG", 60, 4, "ng", "gmail.com:80,yahoo.com:15,outlook.com:5"},
	{"KE", 180, 3, "ke", "gmail.com:82,yahoo.com:12,outlook.com:6"},
	{"PH", 480, 5, "ph", "gmail.com:80,yahoo.com:14,outlook.com:6"},
	{"VN", 420, 3, "vn", "gmail.com:90,yahoo.com:6,outlook.com:4"},
	{"BR", -180, 6, "br", "gmail.com:55,hotmail.com:18,outlook.com:10,uol.com.br:8,bol.com.br:5,yahoo.com.br:4"},
	{"MX", -360, 4, "mx", "gmail.com:55,hotmail.com:22,outlook.com:12,yahoo.com.mx:11"},
	{"JP", 540, 4, "jp", "gmail.com:45,yahoo.co.jp:25,docomo.ne.jp:10,icloud.com:15,outlook.jp:5"},
	{"AU", 600, 3, "en", "gmail.com:50,bigpond.com:12,outlook.com:14,icloud.com:16,yahoo.com.au:8"},
}

func parseW(s string) []wopt {
	var out []wopt
	for _, f := range strings.Split(s, ",") {
		kv := strings.Split(f, ":")
		var w float64
		fmt.Sscan(kv[1], &w)
		out = append(out, wopt{kv[0], w})
	}
	return out
}

func uniqFP(r *rand.Rand) string { return fmt.Sprintf("fp_%016x", r.Uint64()) }

func cum(n int, s float64) []float64 {
	c := make([]float64, n)
	t := 0.0
	for i := 0; i < n; i++ {
		t += 1 / math.Pow(float64(i+1), s)
		c[i] = t
	}
	for i := range c {
		c[i] /= t
	}
	return c
}

func cpick(r *rand.Rand, xs []string, c []float64) string {
	v := r.Float64()
	i := sort.SearchFloat64s(c, v)
	if i >= len(xs) {
		i = len(xs) - 1
	}
	return xs[i]
}

func (in *infra) popDesk(r *rand.Rand) string  { return cpick(r, in.desk, in.deskCum) }
func (in *infra) popPhone(r *rand.Rand) string { return cpick(r, in.phone, in.phoneCum) }
func (in *infra) deskFP(r *rand.Rand) string {
	if chance(r, 0.55) {
		return in.popDesk(r)
	}
	return uniqFP(r)
}
func (in *infra) phoneFP(r *rand.Rand) string {
	if chance(r, 0.8) {
		return in.popPhone(r)
	}
	return uniqFP(r)
}
func (in *infra) region(r *rand.Rand) *region {
	t := 0.0
	for _, rg := range in.regs {
		t += rg.w
	}
	v := r.Float64() * t
	for _, rg := range in.regs {
		v -= rg.w
		if v < 0 {
			return rg
		}
	}
	return in.regs[0]
}
func (in *infra) sdk(r *rand.Rand) string {
	switch x := r.Float64(); {
	case x < 0.5:
		return in.sdkPy
	case x < 0.75:
		return in.sdkNode
	case x < 0.9:
		return in.sdkHttpx
	}
	return in.sdkCurl
}

func (g *gen) buildInfra() *infra {
	r := stream(g.seed, "infra")
	in := &infra{by: map[string]*region{}}
	for _, d := range regionDefs {
		rg := &region{code: d.code, tz: d.tz, w: d.w, flavor: d.flavor, mail: parseW(d.mail)}
		for i := 0; i < 3; i++ {
			rg.isp[i] = g.blocks(r, 2, 64)
			p32 := v6p32(r)
			for j := 0; j < 6; j++ {
				rg.v6[i] = append(rg.v6[i], fmt.Sprintf("%s:%x", p32, r.IntN(0x10000)))
			}
		}
		for i := 0; i < 2; i++ {
			rg.car[i] = g.blocks(r, 1, 3)
			rg.carV6[i] = v6p32(r)
		}
		rg.biz = g.blocks(r, 2, 30)
		in.regs = append(in.regs, rg)
		in.by[rg.code] = rg
	}
	for i := 0; i < 16; i++ {
		in.desk = append(in.desk, uniqFP(r))
	}
	for i := 0; i < 10; i++ {
		in.phone = append(in.phone, uniqFP(r))
	}
	in.deskCum, in.phoneCum = cum(16, 1.0), cum(10, 1.0)
	in.sdkPy, in.sdkNode, in.sdkHttpx, in.sdkCurl = uniqFP(r), uniqFP(r), uniqFP(r), uniqFP(r)
	in.cloud = g.blocks(r, 8, 160)
	in.notebook = g.blocks(r, 4, 40)
	in.hosting = g.blocks(r, 4, 40)
	in.farm = g.blocks(r, 1, 4)
	in.farmEmu = uniqFP(r)
	brands := []string{"visa", "visa", "visa", "mastercard", "mastercard", "amex", "discover"}
	for i := 0; i < 300; i++ {
		b := pick(r, brands)
		pre := map[string]string{"visa": "4", "mastercard": "5", "amex": "37", "discover": "6011"}[b]
		bin := pre
		for len(bin) < 6 {
			bin += string(byte('0' + r.IntN(10)))
		}
		in.bins = append(in.bins, b+"-"+bin)
	}
	// Kota: the coaching centre's lab and six hostels' managed Wi-Fi (housing students of many institutes).
	inr := in.by["IN"]
	kb := g.blocks(r, 1, 4)
	in.kotaLab = kb[0].at(between(r, 10, 60))
	in.kotaLabFP = uniqFP(r)
	for i := 0; i < 6; i++ {
		p := kb[1+i%3]
		in.hostels = append(in.hostels, p.at(20+i*20+r.IntN(10)))
		if chance(r, 0.5) {
			in.hostels = append(in.hostels, p.at(25+i*20+r.IntN(10)))
		}
	}
	_ = inr
	// Kingsbridge University (UK): campus NAT of four addresses in one /24, one lab image.
	cb := g.blocks(r, 1, 1)
	for i := 0; i < 4; i++ {
		in.campusNAT = append(in.campusNAT, cb[0].at(130+i))
	}
	in.campusLab = uniqFP(r)
	// The grey-market reseller's shop in Lahore: one business address, then another ISP from day 6.
	pk := in.by["PK"]
	s := &resellerShop{ipA: pick(r, pk.biz).at(between(r, 2, 250)), ipB: pick(r, pk.biz).at(between(r, 2, 250))}
	s.moveMs = localMs(6, 9, pk.tz)
	s.laptops = [2]string{uniqFP(r), uniqFP(r)}
	bins := []string{"mastercard-53" + fmt.Sprintf("%04d", r.IntN(10000)), "visa-4" + fmt.Sprintf("%05d", r.IntN(100000))}
	for i := 0; i < 14; i++ {
		from := winMs + int64(-95*float64(dayMs)+7.6*float64(i)*float64(dayMs))
		to := from + int64(uf(r, 40, 62)*float64(dayMs))
		if i >= 11 {
			to = winEnd + 60*dayMs
		}
		var v string
		for {
			v = fmt.Sprintf("%s-%04d-%02d%02d", bins[i%2], r.IntN(10000), 1+r.IntN(12), 29+r.IntN(3))
			if !g.cards[v] {
				break
			}
		}
		g.cards[v] = true
		s.cards = append(s.cards, shopCard{v, from, to})
	}
	in.shop = s
	return in
}

func (g *gen) card(r *rand.Rand) string {
	for {
		v := fmt.Sprintf("%s-%04d-%02d%02d", pick(r, g.in.bins), r.IntN(10000), 1+r.IntN(12), 28+r.IntN(5))
		if !g.cards[v] {
			g.cards[v] = true
			return v
		}
	}
}

func (g *gen) cardBIN(r *rand.Rand, bin string) string {
	for {
		v := fmt.Sprintf("%s-%04d-%02d%02d", bin, r.IntN(10000), 1+r.IntN(12), 28+r.IntN(5))
		if !g.cards[v] {
			g.cards[v] = true
			return v
		}
	}
}

// ---------------------------------------------------------------- names and mail

var names = map[string][2][]string{
	"en": {sp("James|Mary|Robert|Patricia|John|Jennifer|Michael|Linda|David|Elizabeth|William|Barbara|Richard|Susan|Joseph|Jessica|Thomas|Sarah|Chris|Karen|Daniel|Nancy|Matthew|Lisa|Anthony|Emily|Mark|Ashley|Steven|Megan|Paul|Rachel|Andrew|Laura|Josh|Amanda|Kevin|Hannah|Brian|Olivia|Ryan|Emma|Jacob|Sophie|Tyler|Grace|Ethan|Chloe|Noah|Ava|Liam|Mia|Owen|Zoe|Aaron|Beth|Connor|Dana|Evan|Fiona"),
		sp("Smith|Johnson|Williams|Brown|Jones|Miller|Davis|Wilson|Anderson|Taylor|Thomas|Moore|Martin|Jackson|Thompson|White|Harris|Clark|Lewis|Robinson|Walker|Young|Allen|King|Wright|Scott|Hill|Green|Adams|Baker|Nelson|Carter|Mitchell|Roberts|Turner|Phillips|Campbell|Parker|Evans|Edwards|Collins|Stewart|Morris|Murphy|Cook|Rogers|Morgan|Cooper|Reed|Bailey|Bell|Kelly|Howard|Ward|Cox|Hughes|Price|Bennett|Wood|Barnes|Ross|Henderson|Coleman|Jenkins|Perry|Powell|Long|Patterson|Foster|Graham|Sullivan|Fisher|Hayes|Marshall|Gibson|Ellis|Murray|Ford|Hamilton|Wells")},
	"de": {sp("Lukas|Anna|Jonas|Lea|Leon|Hannah|Finn|Lena|Paul|Laura|Felix|Julia|Max|Sarah|Tim|Lisa|Jan|Katharina|Niklas|Marie|Tobias|Sophie|Moritz|Clara"),
		sp("Mueller|Schmidt|Schneider|Fischer|Weber|Meyer|Wagner|Becker|Schulz|Hoffmann|Koch|Richter|Klein|Wolf|Neumann|Schwarz|Zimmermann|Braun|Krueger|Hartmann|Lange|Werner|Krause|Lehmann")},
	"fr": {sp("Lucas|Emma|Hugo|Lea|Louis|Chloe|Gabriel|Manon|Arthur|Camille|Jules|Ines|Adam|Sarah|Nathan|Julie|Theo|Pauline|Paul|Clara"),
		sp("Martin|Bernard|Dubois|Thomas|Robert|Richard|Petit|Durand|Leroy|Moreau|Simon|Laurent|Lefebvre|Michel|Garcia|David|Bertrand|Roux|Vincent|Fournier")},
	"in": {sp("Aarav|Priya|Rohan|Ananya|Arjun|Diya|Vivek|Sneha|Rahul|Pooja|Aditya|Kavya|Karan|Neha|Siddharth|Isha|Amit|Riya|Sanjay|Shreya|Vikram|Anjali|Harsh|Nisha|Manish|Divya|Rajesh|Meera|Nikhil|Tanvi|Yash|Aditi|Kunal|Sakshi"),
		sp("Sharma|Verma|Gupta|Singh|Kumar|Patel|Reddy|Iyer|Nair|Joshi|Mehta|Shah|Agarwal|Chopra|Malhotra|Bose|Das|Mishra|Pandey|Yadav|Rao|Jain|Kapoor|Saxena|Chauhan|Bhat|Menon|Pillai|Kulkarni|Desai|Tiwari|Dubey")},
	"pk": {sp("Ali|Ayesha|Ahmed|Fatima|Hassan|Zainab|Usman|Maryam|Bilal|Hira|Hamza|Sana|Omar|Amna|Faisal|Mahnoor|Imran|Saba|Kamran|Iqra|Danish|Rabia|Waqas|Sidra"),
		sp("Khan|Ahmed|Malik|Hussain|Qureshi|Butt|Chaudhry|Sheikh|Raza|Iqbal|Siddiqui|Abbasi|Mirza|Javed|Aslam|Rana|Shah|Akhtar|Baig|Anwar|Zafar|Nadeem")},
	"eg": {sp("Mohamed|Nour|Ahmed|Mariam|Mahmoud|Salma|Youssef|Habiba|Omar|Farida|Karim|Yasmin|Mostafa|Aya|Tarek|Dina|Amr|Rana|Khaled|Heba"),
		sp("Hassan|Ibrahim|Mahmoud|Mostafa|Abdelrahman|Saleh|Fathy|Gamal|Samir|Nabil|Farouk|Hamdy|Ashraf|Salah|Adel|Kamal|Sayed|Ezzat|Fawzy|Radwan")},
	"bd": {sp("Rahim|Fatema|Karim|Nusrat|Tanvir|Sadia|Arif|Farhana|Imran|Tasnim|Sakib|Mim|Rakib|Jannat|Mehedi|Sumaiya|Shakil|Tania|Nayeem|Ruma|Fahim|Lamia"),
		sp("Hossain|Rahman|Islam|Ahmed|Khan|Chowdhury|Akter|Uddin|Alam|Sarkar|Mia|Haque|Karim|Sultana|Begum|Miah|Talukder|Mollah|Bhuiyan|Sikder")},
	"ng": {sp("Chinedu|Ngozi|Emeka|Amaka|Tunde|Funmi|Segun|Bola|Ifeanyi|Chioma|Olumide|Yetunde|Uche|Adaeze|Kunle|Folake|Obinna|Nkechi|Babatunde|Zainab"),
		sp("Okafor|Adeyemi|Okonkwo|Balogun|Eze|Nwosu|Ogunleye|Adebayo|Olawale|Chukwu|Ibrahim|Okeke|Afolabi|Onyeka|Bello|Nnamdi|Ojo|Ekwueme|Adeleke|Oyelaran")},
	"ke": {sp("Brian|Faith|Kevin|Mercy|Dennis|Joy|Collins|Grace|Victor|Esther|Samuel|Caroline|Eric|Purity|Kelvin|Winnie|Felix|Sharon|Ian|Naomi"),
		sp("Otieno|Wanjiru|Kamau|Mwangi|Ochieng|Njoroge|Kiprop|Wambui|Mutua|Kariuki|Odhiambo|Chebet|Kimani|Achieng|Maina|Njeri|Omondi|Wafula|Korir|Nyambura")},
	"ph": {sp("Juan|Maria|Jose|Ana|Mark|Kristine|John|Angelica|Paolo|Camille|Carlo|Patricia|Miguel|Joanna|Rafael|Bea|Jerome|Nicole|Ramon|Sheila"),
		sp("Santos|Reyes|Cruz|Bautista|Garcia|Mendoza|Torres|Flores|Villanueva|Ramos|Castillo|Aquino|DelaCruz|Gonzales|Navarro|Rivera|Domingo|Mercado|Pascual|Salazar")},
	"vn": {sp("Minh|Linh|Anh|Trang|Duc|Huong|Tuan|Mai|Hung|Lan|Nam|Thao|Long|Ngoc|Quang|Hoa|Khanh|Thu|Phong|Van"),
		sp("Nguyen|Tran|Le|Pham|Hoang|Huynh|Phan|Vu|Vo|Dang|Bui|Do|Ho|Ngo|Duong|Ly")},
	"br": {sp("Joao|Ana|Pedro|Julia|Lucas|Mariana|Gabriel|Beatriz|Rafael|Larissa|Matheus|Camila|Felipe|Leticia|Gustavo|Amanda|Bruno|Fernanda|Thiago|Carolina"),
		sp("Silva|Santos|Oliveira|Souza|Rodrigues|Ferreira|Alves|Pereira|Lima|Gomes|Costa|Ribeiro|Martins|Carvalho|Almeida|Lopes|Soares|Fernandes|Vieira|Barbosa")},
	"mx": {sp("Jose|Maria|Luis|Guadalupe|Carlos|Fernanda|Juan|Daniela|Miguel|Sofia|Alejandro|Valeria|Diego|Andrea|Jorge|Paola|Ricardo|Ximena|Eduardo|Monica"),
		sp("Hernandez|Garcia|Martinez|Lopez|Gonzalez|Perez|Rodriguez|Sanchez|Ramirez|Cruz|Flores|Gomez|Morales|Vazquez|Reyes|Jimenez|Torres|Diaz|Gutierrez|Ruiz")},
	"jp": {sp("Haruto|Yui|Sota|Hina|Yuto|Aoi|Riku|Sakura|Kaito|Mei|Takumi|Rin|Ren|Yuna|Daiki|Miyu|Kenta|Saki|Shota|Nanami"),
		sp("Sato|Suzuki|Takahashi|Tanaka|Watanabe|Ito|Yamamoto|Nakamura|Kobayashi|Kato|Yoshida|Yamada|Sasaki|Yamaguchi|Matsumoto|Inoue|Kimura|Hayashi|Shimizu|Mori")},
}

func fullName(r *rand.Rand, flavor string) (string, string) {
	n := names[flavor]
	return pick(r, n[0]), pick(r, n[1])
}

func canon(e string) string {
	e = strings.ToLower(e)
	at := strings.LastIndexByte(e, '@')
	loc, dom := e[:at], e[at+1:]
	if i := strings.IndexByte(loc, '+'); i >= 0 {
		loc = loc[:i]
	}
	if dom == "gmail.com" || dom == "googlemail.com" {
		loc = strings.ReplaceAll(loc, ".", "")
	}
	return loc + "@" + dom
}

// claim registers a mailbox; a collision gets the account id's tail inserted (no random draw).
func (g *gen) claim(email, acct string) string {
	if !g.boxes[canon(email)] {
		g.boxes[canon(email)] = true
		return email
	}
	at := strings.LastIndexByte(email, '@')
	loc, dom := email[:at], email[at:]
	tag := ""
	if i := strings.IndexByte(loc, '+'); i >= 0 {
		loc, tag = loc[:i], loc[i:]
	}
	for n := 3; n <= 12; n++ {
		e := loc + acct[len(acct)-n:] + tag + dom
		if !g.boxes[canon(e)] {
			g.boxes[canon(e)] = true
			return e
		}
	}
	return email
}

func localPart(r *rand.Rand, first, last string) string {
	f, l := strings.ToLower(first), strings.ToLower(last)
	switch r.IntN(9) {
	case 0:
		return f + "." + l
	case 1:
		return f + l
	case 2:
		return f + "_" + l
	case 3:
		return f + "." + l + fmt.Sprint(r.IntN(100))
	case 4:
		return f + l + fmt.Sprint(1962+r.IntN(46))
	case 5:
		return f[:1] + l + fmt.Sprint(r.IntN(1000))
	case 6:
		return f + fmt.Sprint(100+r.IntN(9900))
	case 7:
		return l + "." + f
	}
	return f + "." + l[:1] + fmt.Sprint(10+r.IntN(90))
}

var plusTags = sp("ai|work|chat|api|stuff|2028|x|news")

func (g *gen) personMail(r *rand.Rand, rg *region, flavor, acct string) string {
	f, l := fullName(r, flavor)
	lp := localPart(r, f, l)
	dom := wpick(r, rg.mail)
	if dom == "gmail.com" && chance(r, 0.05) {
		lp = strings.ToUpper(lp[:1]) + lp[1:]
	}
	if chance(r, 0.03) {
		lp += "+" + pick(r, plusTags)
	}
	return g.claim(lp+"@"+dom, acct)
}

// ---------------------------------------------------------------- everyday prompt grammar

var (
	greet    = sp("|||||||hi |hey |hello, |Hi! |quick question: |ok so |pls |Hey there, |Hello! ")
	tails    = sp("||||||?| thanks| thx| please|, thanks!| - keep it short| in simple terms| with examples|. be concise|!!| asap")
	howTasks = sp("get red wine out of a carpet|fix a leaking kitchen tap|make my sourdough rise more|clean a cast iron pan|lower my electricity bill|reset a forgotten wifi password|start running again after a knee injury|fix my sleep schedule|unclog a bathroom sink without chemicals|get rid of fruit flies|make my laptop battery last longer|keep basil alive indoors|stop my dog pulling on the lead|remove rust from a bike chain|back up my phone photos|set up a monthly budget|negotiate a higher salary|write a cover letter with no experience|prepare for a job interview tomorrow|study when i keep procrastinating|teach my kid to ride a bike|hang a heavy mirror on drywall|descale a kettle|fold a fitted sheet|change a flat tyre|freeze fresh herbs|speed up a slow windows laptop|cancel a gym membership|make friends in a new city|start a vegetable garden on a balcony|remove a stripped screw|learn to touch type|fix squeaky door hinges|get my toddler to sleep through the night|plan meals for a week on a budget|clean white sneakers|make cold brew coffee|paint a room without streaks|calm down before a presentation|file taxes as a freelancer|set up two factor authentication|move whatsapp chats to a new phone|soften hardened brown sugar|repot a snake plant|wash a down jacket|jump start a car|stop overthinking at night|get more customers for my small bakery|pick a ripe watermelon|improve my credit score|get over jet lag fast|organise a tiny closet|write a good wedding toast|stop my cat scratching the sofa|reduce screen time for my teenager|remove a coffee stain from a white shirt")
	howForms = sp("how do i %s|how to %s|what's the best way to %s|any tips to %s|best way to %s?|I need to %s. where do i start|can you tell me how to %s|how would you %s")
	topics   = sp("compound interest|how vaccines work|the difference between weather and climate|inflation|what a VPN actually does|blockchain|how credit scores work|the offside rule|black holes|photosynthesis|how noise cancelling headphones work|the stock market|why the sky is blue|how mortgages work|machine learning|the electoral college|quantum computing|how a bill becomes law|intermittent fasting|why we dream|how airplanes stay in the air|supply and demand|index funds|how wifi works|the placebo effect|how tides work|carbon offsets|what a recession is|how antibiotics work|the greenhouse effect|how gps works|cholesterol|a roth ira|why cats purr|how a car engine works|the french revolution|cloud computing|how solar panels work|credit card APR|what an API is|the difference between a virus and bacteria|how interest rates affect house prices|what HDR on a tv means|how tariffs work|the big bang|sleep cycles|how the heart pumps blood|the cold war|how batteries work|what a pension is")
	audience = sp("| like i'm 5| in simple terms| to a 12 year old| briefly| in detail| with an example| in 3 sentences| for a beginner| for my grandma")
	expForms = sp("explain %s%s|can you explain %s%s|what is %s%s|eli5 %s%s|i never understood %s, explain%s|%s - explain%s|help me understand %s%s")
	tones    = sp("polite|short|friendly|firm|apologetic|professional|funny|heartfelt|formal|casual|warm|brief")
	msgKinds = sp("email|text|message|note|letter|whatsapp message|linkedin message|reply|slack message")
	whoList  = sp("landlord|boss|neighbour|teacher|coworker|sister|team|client|doctor's office|kid's school|gym|best friend|mom|dad|roommate|manager|recruiter|customer|tenant|HOA|contractor|professor")
	msgAbout = sp("asking to fix the heating|saying i'll be late tomorrow|about the noise at night|asking for a day off on friday|declining the wedding invitation|thanking them for the gift|asking for an extension on the deadline|complaining about a late delivery|asking for a refund|following up on my application|about splitting the bills|apologizing for missing the meeting|congratulating them on the new job|asking to reschedule our call|about the broken washing machine|asking for feedback on my work|resigning from my position|about the parking spot|inviting them to a birthday party|asking for a reference letter|about the overdue invoice|asking about the lease renewal|about my son's grades")
	rwInstr  = sp("make this sound more professional|fix the grammar|rewrite this to be shorter|make this friendlier|proofread this|rewrite this for linkedin|simplify this|make this more persuasive|make this less passive aggressive|turn this into bullet points|rewrite this in plain english")
	langs    = sp("python|javascript|java|c#|go|sql|bash|typescript|rust|php|excel|kotlin")
	codeTask = sp("reverses a string|removes duplicates from a list|checks if a number is prime|reads a csv and sums a column|converts celsius to fahrenheit|finds the second largest number in an array|validates an email address|counts words in a file|merges two sorted lists|flattens a nested list|returns the n-th fibonacci number|parses a date string|sorts a list of objects by a key|calls a REST api and prints the json|renames all files in a folder|generates a random password|groups rows by month|removes empty lines from a file|checks if two strings are anagrams|converts a list to a dictionary")
	dishes   = sp("lasagna|chicken curry|banana bread|pad thai|shakshuka|beef stew|vegan chili|pancakes|fried rice|guacamole|carbonara|tiramisu|lentil soup|tacos|biryani|ramen|brownies|risotto|falafel|apple pie|jollof rice|adobo|pho|feijoada|pierogi|dal makhani|okonomiyaki")
	dishC    = sp("| without eggs| for 6 people| in an air fryer| that's healthy| in under 30 minutes| for a student kitchen| gluten free| for a slow cooker| for beginners| with no oven")
	ingred   = sp("chicken thighs|rice|spinach|chickpeas|eggs|feta|sweet potatoes|canned tuna|tofu|leftover pasta|mushrooms|ground beef|zucchini|lentils|coconut milk|bell peppers|salmon|potatoes|black beans|halloumi|cabbage|bananas|oats|yogurt")
	cities   = sp("Lisbon|Tokyo|Mexico City|Rome|Bangkok|Istanbul|New York|Barcelona|Seoul|Cape Town|Marrakech|Hanoi|Prague|Buenos Aires|Vancouver|Edinburgh|Bali|Dubai|Amsterdam|Cusco|Kyoto|Nairobi|Manila|Goa|Chicago|Porto|Budapest|Singapore|Sydney|Montreal")
	tripC    = sp("| on a budget| with kids| in winter| for a couple| focused on food| without a car| for a solo traveller| with a wheelchair user| in the rainy season|")
	gadgets  = sp("iphone 15|pixel 9|galaxy s24|macbook air|thinkpad x1|kindle|ipad|airpods pro|sony xm5|steam deck|switch 2|dyson v15|roomba|instant pot|ninja air fryer|garmin forerunner|apple watch|fitbit charge")
	uses     = sp("university|travel|gaming|running|photography|a 10 year old|work calls|reading in bed|my grandma|coding")
	occasion = sp("a 30th birthday party|a rainy weekend with kids|a team building event|date night at home|a science fair project|a name for my bakery|instagram posts for a coffee shop|a halloween costume|a school fundraiser|a podcast about history|a youtube channel about cooking|anniversary gifts|a baby shower|a retirement speech|healthy snacks for work|a book club|a garden party|my daughter's sleepover")
	symptoms = sp("feel tired after eating|have a headache every afternoon|get cramps when running|feel dizzy when standing up|sleep badly after coffee|have sore muscles two days after a workout|get heartburn at night|have cold hands all the time|yawn so much|have a dry cough after a cold")
	conds    = sp("a sore throat|heartburn|back pain from sitting|seasonal allergies|a stiff neck|insomnia|a hangover|dry eyes from screens|a tension headache|shin splints")
	transL   = sp("spanish|french|german|italian|japanese|portuguese|korean|hindi|arabic|turkish|dutch|tagalog")
	hobbies  = sp("gardening|hiking|video games|cooking|photography|knitting|fishing|coffee|board games|running|painting|vinyl records|yoga|camping|chess|football")
	compare  = sp("a roth and traditional IRA|baking soda and baking powder|a virus and a bacteria|weather and climate|LLC and sole proprietorship|affect and effect|HIIT and steady cardio|a crocodile and an alligator|RAM and storage|stocks and bonds|empathy and sympathy|latte and flat white|4G and 5G|a psychologist and a psychiatrist|term and whole life insurance")
	interQ   = sp("tell me about yourself|what is your biggest weakness|why do you want to leave your job|where do you see yourself in 5 years|describe a conflict with a coworker|why should we hire you|tell me about a failure")
	jobs     = sp("marketing|nursing|software engineer|data analyst|teacher|sales|project manager|accountant|customer service|graphic designer|warehouse supervisor|pharmacist|HR|product manager")
	forms    = sp("poem|story|limerick|haiku|speech|toast|bio|product description|caption|song|riddle")
	subjects = sp("my cat who hates mondays|the first day of spring|a robot learning to cook|my grandmother's garden|a rainy commute|friendship|the ocean at night|a lost umbrella|our team winning the league|moving to a new city|coffee|a dragon who is afraid of heights|the last day of school|my dog's birthday")
	jokes    = sp("tell me a joke about %s|what should i name my new %s|write a funny tweet about %s|give me a fun fact about %s")
	jokeX    = sp("cats|accountants|mondays|kittens|puppies|a goldfish|pizza|programmers|the moon|penguins|a hamster|coffee|dentists|bicycles")
	trivia   = sp("who painted the sistine chapel ceiling|when did the berlin wall fall|what is the tallest mountain in africa|how many bones are in the human body|why do onions make you cry|how far is the moon|who invented the telephone|what's the longest river in europe|how many time zones does russia have|why is the ocean salty|what language is spoken in brazil|who won the 2010 world cup|how long do tortoises live|what is the capital of australia|how many calories in an avocado|why do we have leap years")
	finance  = sp("pay off my car loan early or invest|rent or buy in this market|use my savings for a house deposit or keep an emergency fund|take the job with higher pay or better hours|lease or buy my next car|open a high yield savings account or a CD|consolidate my credit card debt|put my bonus into my pension")
)

func sentenceT(r *rand.Rand) string {
	s := pick(r, subjT) + " " + pick(r, verbT) + " " + pick(r, objT) + pick(r, extraT) + "."
	return s
}

var (
	subjT  = sp("The meeting|Our team|The new policy|My landlord|The delivery|The project|Customer feedback|The budget|The school|Last quarter's results|The software update|The event|The contract|Our supplier|The training|The office move|The audit|The website|The survey|The client|The renovation|The quarterly report|The launch party|The shipment")
	verbT  = sp("was moved to|has been delayed until|needs to be approved by|will be discussed at|was cancelled because of|depends on|should improve after|must be finished before|caused problems for|was reviewed by|is waiting on|was shared with|got pushed back to|is blocked by")
	objT   = sp("next monday|the finance team|the end of the month|the holidays|the storm|the vendor|the new manager|our biggest client|the board meeting|parents' evening|the product launch|the quarterly review|the IT department|the legal team|the weekend|the regional office|the inspection|the summer break")
	extraT = sp("||||, which is frustrating| and nobody told us| according to the email|, so we need a plan| as far as I know|, again| this time| for now|, apparently| because of the budget")
)

func pasted(r *rand.Rand, a, b int) string {
	n := between(r, a, b)
	var s []string
	for i := 0; i < n; i++ {
		s = append(s, sentenceT(r))
	}
	return strings.Join(s, " ")
}

func snippet(r *rand.Rand) string {
	fn := pick(r, sp("parse|load|calc|get|build|check|update|fetch|make|clean")) + pick(r, sp("Data|Items|Total|User|Rows|Config|Prices|Scores|Name|List"))
	arg := pick(r, sp("x|items|df|data|s|nums|rows|cfg|path|user"))
	m := pick(r, sp("split()|strip()|sort()|keys()|append(1)|lower()|items()|get('id')|pop()|count(0)"))
	return fmt.Sprintf("def %s(%s):\n    return %s.%s\n\nprint(%s(%d))", fn, arg, arg, m, fn, r.IntN(1000))
}

func everyday(r *rand.Rand) string {
	var s string
	switch r.IntN(22) {
	case 0, 1:
		s = fmt.Sprintf(pick(r, howForms), pick(r, howTasks))
	case 2, 3:
		s = fmt.Sprintf(pick(r, expForms), pick(r, topics), pick(r, audience))
	case 4, 5:
		s = fmt.Sprintf("write a %s %s to my %s %s", pick(r, tones), pick(r, msgKinds), pick(r, whoList), pick(r, msgAbout))
	case 6:
		if chance(r, 0.5) {
			return pick(r, rwInstr) + ":\n\n" + pasted(r, 2, 5)
		}
		return pick(r, rwInstr) + ": " + pasted(r, 1, 3)
	case 7:
		if chance(r, 0.6) {
			s = fmt.Sprintf("write a %s function that %s", pick(r, langs), pick(r, codeTask))
		} else {
			return pick(r, sp("why does this give an error|what's wrong with this code|this returns None, why|fix this please|why is this so slow")) + "\n\n" + snippet(r)
		}
	case 8:
		if chance(r, 0.5) {
			s = pick(r, dishes) + " recipe" + pick(r, dishC)
		} else {
			s = fmt.Sprintf("what can i make with %s, %s and %s", pick(r, ingred), pick(r, ingred), pick(r, ingred))
		}
	case 9:
		s = fmt.Sprintf("plan a %d day trip to %s%s", between(r, 2, 10), pick(r, cities), pick(r, tripC))
	case 10:
		s = fmt.Sprintf("%s or %s for %s?", pick(r, gadgets), pick(r, gadgets), pick(r, uses))
	case 11:
		s = fmt.Sprintf("give me %d ideas for %s", between(r, 3, 15), pick(r, occasion))
	case 12:
		if chance(r, 0.5) {
			s = "is it normal to " + pick(r, symptoms)
		} else {
			s = "what helps with " + pick(r, conds)
		}
	case 13:
		s = pick(r, trivia)
	case 14:
		return fmt.Sprintf("translate to %s: %s", pick(r, transL), strings.ToLower(sentenceT(r)))
	case 15:
		return pick(r, sp("summarize this|tldr|summarise this for me|give me the key points")) + ":\n" + pasted(r, 3, 7)
	case 16:
		s = fmt.Sprintf("gift ideas for my %s who likes %s, budget $%d", pick(r, whoList), pick(r, hobbies), 10*between(r, 2, 30))
	case 17:
		s = "what's the difference between " + pick(r, compare)
	case 18:
		s = fmt.Sprintf("how do i answer '%s' in an interview for a %s job", pick(r, interQ), pick(r, jobs))
	case 19:
		s = "should i " + pick(r, finance)
	case 20:
		s = fmt.Sprintf("write a short %s about %s", pick(r, forms), pick(r, subjects))
	default:
		s = fmt.Sprintf(pick(r, jokes), pick(r, jokeX))
	}
	return casual(r, pick(r, greet)+s+pick(r, tails))
}

var (
	workTeam  = sp("the team|my manager|the client|finance|the sales team|all staff|the vendor|our partners|new hires|the board")
	workTopic = sp("the Q3 roadmap|the office closure on friday|the new expense policy|a missed deadline|the pricing change|the system outage|onboarding next week|the budget freeze|the hiring plan|the customer complaint|the security training|the project kickoff")
)

func workPrompt(r *rand.Rand) string {
	switch r.IntN(8) {
	case 0:
		return fmt.Sprintf("draft an email to %s about %s", pick(r, workTeam), pick(r, workTopic))
	case 1:
		return "summarize these meeting notes:\n" + pasted(r, 4, 8)
	case 2:
		return fmt.Sprintf("create an agenda for a %d minute meeting about %s", 15*between(r, 1, 6), pick(r, workTopic))
	case 3:
		return fmt.Sprintf("write a job description for a %s", pick(r, jobs))
	case 4:
		return "turn this into bullet points:\n" + pasted(r, 3, 6)
	case 5:
		return fmt.Sprintf("write an excel formula to %s", pick(r, sp("sum values by month|find duplicates in column B|look up a price by product id|count cells that contain 'late'|get the last non empty cell|calculate working days between two dates")))
	case 6:
		return fmt.Sprintf("help me write a performance review for a %s who %s", pick(r, jobs), pick(r, sp("misses deadlines but is great with clients|exceeded every target|is new and learning fast|struggles with communication|mentors everyone")))
	}
	return pick(r, rwInstr) + ":\n\n" + pasted(r, 2, 4)
}

// ---------------------------------------------------------------- question bank (students and rings)

var (
	acids  = sp("hydrochloric acid|acetic acid (Ka = 1.8e-5)|sodium hydroxide|nitric acid|ammonia (Kb = 1.8e-5)|formic acid (Ka = 1.8e-4)")
	stoich = [][2]string{{"water", "hydrogen gas"}, {"carbon dioxide", "methane"}, {"magnesium oxide", "magnesium"}, {"iron", "iron(III) oxide"}, {"ammonia", "nitrogen gas"}, {"sodium chloride", "sodium"}}
	events = sp("the French Revolution|the First World War|the fall of the Roman Empire|the Industrial Revolution|the Great Depression|the partition of India|the Cuban Missile Crisis|the collapse of the Soviet Union|the Meiji Restoration|the American Civil War|the Scramble for Africa|the printing press|the Reformation|the Haitian Revolution|the 2008 financial crisis")
	algoQ  = sp("find the longest increasing subsequence|detect a cycle in a linked list|find the kth largest element|check if a graph is bipartite|find all anagrams of a word in a text|merge k sorted lists|find the median of two sorted arrays|compute the edit distance of two strings|find the shortest path in a grid|count inversions in an array")
	goods  = sp("coffee|petrol|cigarettes|concert tickets|smartphones|bread|streaming subscriptions|electricity")
	derivF = sp("x^%d sin(%dx)|e^(%dx) / (x^2 + %d)|ln(%dx^2 + %d)|(%dx + 3)^%d|x^%d cos(%dx)")
)

func bankQ(r *rand.Rand) string {
	switch r.IntN(14) {
	case 0:
		return fmt.Sprintf("A car accelerates uniformly from rest to %d m/s in %d s. Find the acceleration and the distance covered.", between(r, 10, 40), between(r, 3, 14))
	case 1:
		return fmt.Sprintf("A ball is thrown at %d m/s at an angle of %d degrees above the horizontal. Find its maximum height and horizontal range.", between(r, 8, 37), pick(r, []int{15, 20, 25, 30, 35, 40, 45, 50, 53, 60, 65, 70}))
	case 2:
		return fmt.Sprintf("Evaluate the integral of %dx^%d + %dx - %d from %d to %d.", between(r, 1, 9), between(r, 2, 5), between(r, 1, 12), between(r, 1, 20), between(r, 0, 2), between(r, 3, 6))
	case 3:
		return "Find the derivative of f(x) = " + fmt.Sprintf(pick(r, derivF), between(r, 2, 6), between(r, 2, 7)) + "."
	case 4:
		return fmt.Sprintf("A bag has %d red and %d blue balls. Two balls are drawn without replacement. What is the probability that both are red?", between(r, 3, 12), between(r, 3, 12))
	case 5:
		return fmt.Sprintf("What is the pH of a %s M solution of %s?", pick(r, sp("0.1|0.01|0.05|0.2|0.001|0.025|0.5")), pick(r, acids))
	case 6:
		p := pick(r, stoich)
		return fmt.Sprintf("How many grams of %s are produced when %d g of %s reacts completely?", p[0], between(r, 5, 120), p[1])
	case 7:
		return fmt.Sprintf("Three resistors of %d, %d and %d ohms are connected in parallel to a %d V battery. Find the total current drawn.", between(r, 2, 30), between(r, 2, 30), between(r, 2, 30), pick(r, []int{6, 9, 12, 24}))
	case 8:
		return fmt.Sprintf("The first term of an arithmetic sequence is %d and the common difference is %d. Find the sum of the first %d terms.", between(r, -10, 30), between(r, 2, 9), between(r, 10, 60))
	case 9:
		return fmt.Sprintf("If the price elasticity of demand for %s is -%.1f, what happens to total revenue when the price rises by %d%%?", pick(r, goods), uf(r, 0.2, 2.5), between(r, 5, 30))
	case 10:
		return "Discuss the causes and consequences of " + pick(r, events) + "."
	case 11:
		return fmt.Sprintf("Explain how to %s and give the time complexity.", pick(r, algoQ))
	case 12:
		a, b := between(r, 4, 20), between(r, 4, 20)
		lo, hi := a-b, a+b
		if lo < 0 {
			lo = -lo
		}
		return fmt.Sprintf("A triangle has sides %d cm, %d cm and %d cm. Find its area.", a, b, between(r, lo+1, hi-1))
	}
	return fmt.Sprintf("A %d kg block slides down a %d degree incline with a coefficient of kinetic friction of %.2f. Find its acceleration.", between(r, 2, 25), between(r, 15, 60), uf(r, 0.1, 0.5))
}

var stuPhr = sp("solve this step by step|pls help|how do i do this|can you explain this question|step by step solution please|i don't get this|explain|help me with this homework question|what's the answer and how|can someone explain this")

func studentQ(r *rand.Rand) string {
	q := bankQ(r)
	switch r.IntN(4) {
	case 0:
		return q
	case 1:
		return pick(r, stuPhr) + ": " + q
	case 2:
		return pick(r, stuPhr) + " " + q
	}
	return q + " " + pick(r, stuPhr)
}

var minExpr = sp("a^2 + b^2 + c^2|1/a + 1/b + 1/c|a^3 + b^3 + c^3|(a+b)(b+c)(c+a)|a/b + b/c + c/a")

func contestQ(r *rand.Rand) string {
	switch r.IntN(8) {
	case 0:
		return fmt.Sprintf("Find the number of positive integers n less than %d such that n^2 + %d is divisible by %d.", 100*between(r, 5, 50), between(r, 1, 30), pick(r, []int{7, 11, 13, 17, 19, 23}))
	case 1:
		return fmt.Sprintf("How many ways can %d people be seated around a round table if %d particular people must not sit next to each other?", between(r, 6, 12), between(r, 2, 3))
	case 2:
		b := between(r, 2, 9)
		d := between(r, 2, 11)
		return fmt.Sprintf("Prove that for every positive integer n, %d^n - %d^n is divisible by %d.", b+d, b, d)
	case 3:
		return fmt.Sprintf("Find all real x such that sqrt(x + %d) + sqrt(x - %d) = %d.", between(r, 3, 30), between(r, 1, 10), between(r, 4, 12))
	case 4:
		return fmt.Sprintf("In triangle ABC, AB = %d, BC = %d and CA = %d. Find the length of the median from A.", between(r, 5, 15), between(r, 8, 20), between(r, 6, 15))
	case 5:
		return fmt.Sprintf("Let a, b, c be positive reals with a + b + c = %d. Find the minimum value of %s.", between(r, 1, 9), pick(r, minExpr))
	case 6:
		return fmt.Sprintf("A sequence is defined by a_1 = %d and a_(n+1) = %d a_n + %d. Find a closed form for a_n and compute a_%d.", between(r, 1, 5), between(r, 2, 4), between(r, 1, 9), between(r, 8, 15))
	}
	return fmt.Sprintf("How many %d-digit numbers have digits that sum to %d?", between(r, 3, 6), between(r, 5, 30))
}

var (
	algoImpl = sp("an LRU cache|a thread-safe bounded queue|Dijkstra's shortest path|a trie with prefix search|a token bucket rate limiter|merge sort for linked lists|a consistent hashing ring|an interval tree|a JSON tokenizer|a bloom filter|union-find with path compression|a binary min-heap|topological sort with cycle detection|A* path finding on a grid|a skip list|a ring buffer|a segment tree with lazy propagation|a cron expression parser")
	implLang = sp("Python|Go|Rust|Java|C++|TypeScript|Kotlin|C#")
	implReq  = sp("unit tests|full type annotations|no external libraries|detailed comments|benchmarks|error handling for every edge case|a small CLI around it")
	essayT   = sp("the economic effects of remote work|monetary policy after 2008|the ethics of gene editing|the decline of the Mayan city states|urban heat islands|the causes of the Thirty Years' War|central bank digital currencies|the history of vaccination|nuclear energy in Europe|the rise of container shipping|antibiotic resistance|the Green Revolution in India")
	essayA   = sp("its causes, key actors and long-term consequences|the main arguments on each side|the evidence and its limitations|three case studies and a conclusion|historical context and modern relevance")
)

func codingTask(r *rand.Rand) string {
	return fmt.Sprintf("Implement %s in %s with %s. Explain the design, the complexity and the edge cases.", pick(r, algoImpl), pick(r, implLang), pick(r, implReq))
}
func essayTask(r *rand.Rand) string {
	return fmt.Sprintf("Write a detailed analysis of %s, covering %s.", pick(r, essayT), pick(r, essayA))
}
func payload(r *rand.Rand) string {
	switch x := r.Float64(); {
	case x < 0.4:
		return bankQ(r)
	case x < 0.65:
		return contestQ(r)
	case x < 0.85:
		return codingTask(r)
	}
	return essayTask(r)
}

// ---------------------------------------------------------------- Self-Instruct and LLM-as-judge (public prompts)

const selfInstructHead = `You are asked to come up with a set of 20 diverse task instructions. These task instructions will be given to a GPT model and we will evaluate the GPT model for completing the instructions.

Here are the requirements:
1. Try not to repeat the verb for each instruction to maximize diversity.
2. The language used for the instruction also should be diverse. For example, you should combine questions with imperative instructions.
3. The type of instructions should be diverse. The list should include diverse types of tasks like open-ended generation, classification, editing, etc.
4. A GPT language model should be able to complete the instruction. For example, do not ask the assistant to create any visual or audio output.
5. The instructions should be in English.
6. The instructions should be 1 to 2 sentences long. Either an imperative sentence or a question is permitted.
7. You should generate an appropriate input to the instruction. The input field should contain a specific example provided for the instruction.
8. Not all instructions require input.
9. The output should be an appropriate response to the instruction and the input.

List of 20 tasks:`

var seedTasks = [][3]string{
	{"Give three tips for staying healthy.", "<noinput>", "1. Eat a balanced diet. 2. Exercise regularly. 3. Get enough sleep."},
	{"What are the three primary colors?", "<noinput>", "The three primary colors are red, blue and yellow."},
	{"Describe the structure of an atom.", "<noinput>", "An atom is made of a nucleus of protons and neutrons surrounded by electrons."},
	{"Rewrite the sentence in passive voice.", "The chef cooked a delicious meal.", "A delicious meal was cooked by the chef."},
	{"Classify the following animals as mammals or reptiles.", "snake, whale, lizard, bat", "Mammals: whale, bat. Reptiles: snake, lizard."},
	{"Generate a creative name for a coffee shop.", "<noinput>", "The Daily Grind."},
	{"Find the odd one out.", "Twitter, Instagram, Telegram, Excel", "Excel."},
	{"Explain why the sky appears blue.", "<noinput>", "Air molecules scatter short blue wavelengths of sunlight more than long red ones."},
	{"Convert the temperature from Celsius to Fahrenheit.", "25 degrees Celsius", "77 degrees Fahrenheit."},
	{"Write a haiku about autumn.", "<noinput>", "Crimson leaves drifting / whispers of the cooling wind / the year exhales slow."},
	{"Summarize the paragraph in one sentence.", "Bees pollinate plants, which helps crops grow and supports ecosystems around the world.", "Bees are vital pollinators for crops and ecosystems."},
	{"Suggest a title for an article about remote work.", "<noinput>", "Home Is Where the Work Is."},
	{"Identify the verb in the sentence.", "She quickly ran to the store.", "ran"},
	{"Translate the sentence into French.", "Where is the train station?", "Où est la gare ?"},
	{"Create a list of five items to pack for a beach trip.", "<noinput>", "Sunscreen, towel, swimsuit, water bottle, sunglasses."},
	{"Is the following statement true or false?", "The Great Wall of China is visible from the Moon with the naked eye.", "False."},
	{"Edit the sentence to make it more concise.", "Due to the fact that it was raining, we decided to stay inside.", "Because it was raining, we stayed inside."},
	{"Write a SQL query that returns all customers from Canada.", "Table: customers(id, name, country)", "SELECT * FROM customers WHERE country = 'Canada';"},
	{"Give an example of a renewable energy source.", "<noinput>", "Solar power."},
	{"Calculate the area of a circle with the given radius.", "radius = 4 cm", "About 50.27 square centimetres."},
	{"Compose a tweet announcing a new bakery opening.", "<noinput>", "Fresh bread, warm hearts! Our bakery opens Saturday on Main Street."},
	{"Name two benefits of learning a second language.", "<noinput>", "Better job prospects and improved memory."},
	{"Sort the numbers in ascending order.", "9, 2, 7, 4, 1", "1, 2, 4, 7, 9"},
	{"Explain the difference between weather and climate.", "<noinput>", "Weather is short-term conditions; climate is the long-term average."},
	{"Generate a question about the text.", "The Nile is the longest river in Africa.", "Which river is the longest in Africa?"},
	{"Describe a sunset in two sentences.", "<noinput>", "The sky melted into orange and pink. The sun slipped quietly below the hills."},
	{"Categorize the sentiment of the review.", "The battery died after two days.", "Negative."},
	{"Write a Python function that checks whether a string is a palindrome.", "<noinput>", "def is_pal(s): return s == s[::-1]"},
	{"Provide a synonym for the word.", "happy", "joyful"},
	{"Outline the steps to make a cup of tea.", "<noinput>", "Boil water, add a tea bag, steep for three minutes, remove the bag, add milk if desired."},
}

func selfInstructPrompt(r *rand.Rand) string {
	var b strings.Builder
	b.WriteString(selfInstructHead)
	idx := r.Perm(len(seedTasks))[:3]
	for i, k := range idx {
		t := seedTasks[k]
		fmt.Fprintf(&b, "\n###\n%d. Instruction: %s\n%d. Input:\n%s\n%d. Output:\n%s", i+1, t[0], i+1, t[1], i+1, t[2])
	}
	b.WriteString("\n###\n4. Instruction:")
	return b.String()
}

var (
	insTopics = sp("staying healthy|saving money|studying for exams|public speaking|learning to code|reducing stress|writing a resume|travelling cheaply|starting a podcast|improving sleep|working from home|making new friends|growing tomatoes|training a puppy|reducing food waste|running a marathon|being more productive|negotiating a raise")
	insThings = sp("creative uses for a paperclip|names for a pet turtle|interview questions for a data analyst|hobbies that cost nothing|fruits that are high in vitamin C|famous female scientists|board games for families|ways to reuse glass jars|slogans for a recycling campaign|vegetables that grow in shade|common logical fallacies|careers in renewable energy")
	insCats   = [][2]string{{"fruits", "vegetables"}, {"mammals", "birds"}, {"renewable", "non-renewable"}, {"metals", "non-metals"}, {"verbs", "nouns"}, {"countries", "cities"}}
	insItems  = sp("apple, carrot, banana, spinach|eagle, dolphin, sparrow, bat|solar, coal, wind, gas|iron, oxygen, copper, sulfur|run, table, sing, house|Paris, Kenya, Tokyo, Peru")
	insDesc   = sp("a rainforest|the water cycle|a busy train station|the taste of coffee|a medieval castle|the feeling of nostalgia|a thunderstorm|the job of a nurse|how a bicycle works|a market in Marrakech")
	insPairs  = sp("cats and dogs|capitalism and socialism|email and letters|tea and coffee|books and films|trains and planes|democracy and monarchy|summer and winter")
	insUnits  = [][3]string{{"miles", "kilometres", ""}, {"pounds", "kilograms", ""}, {"cups", "millilitres", ""}, {"Fahrenheit", "Celsius", ""}, {"feet", "metres", ""}, {"ounces", "grams", ""}}
	insTweet  = sp("a new vegan restaurant|a charity fun run|a productivity app|a local library event|an online coding course|a farmers market|a bike repair shop|a poetry night")
	insOpp    = sp("generous|ancient|fragile|transparent|victory|expand|optimistic|scarce|rigid|vivid")
	insWays   = sp("reduce plastic use at home|make a commute more enjoyable|improve team morale|save water in the garden|learn vocabulary faster|keep kids busy on a rainy day|cut a grocery bill|make a small apartment feel bigger")
	insSQL    = sp("returns the ten most recent orders|counts customers per country|finds products that were never ordered|lists employees earning more than their manager|returns the average order value per month")
	insDesign = sp("logo|poster|weekly meal plan|workout routine|study timetable|onboarding checklist|mobile app screen|garden layout")
	insFor    = sp("a small bakery|a beginner runner|a first-year student|a new employee|a family of four|a dog walking business|a book club")
	insPred   = sp("the future of electric cars|how cities will look in 2050|the next big trend in fashion|the role of robots in hospitals|remote work in ten years")
)

// instruction: one Alpaca-style task instruction, as a generated dataset holds them.
func instruction(r *rand.Rand) string {
	switch r.IntN(24) {
	case 0:
		return fmt.Sprintf("Give three tips for %s.", pick(r, insTopics))
	case 1:
		return fmt.Sprintf("Generate a list of %d %s.", between(r, 3, 10), pick(r, insThings))
	case 2:
		return "Rewrite the following sentence in the passive voice.\n\n" + sentenceT(r)
	case 3:
		i := r.IntN(len(insCats))
		return fmt.Sprintf("Classify the following items as %s or %s: %s.", insCats[i][0], insCats[i][1], insItems[i])
	case 4:
		return "Write a haiku about " + pick(r, subjects) + "."
	case 5:
		return "Explain why " + strings.ToLower(pick(r, sp("the sky is blue|leaves change colour in autumn|bread goes stale|ice floats on water|the moon has phases|prices rise during inflation|we get goosebumps|planes leave contrails"))) + "."
	case 6:
		return "Summarize the following text in one sentence.\n\n" + pasted(r, 3, 5)
	case 7:
		return fmt.Sprintf("Translate the following sentence into %s: %s", strings.Title(pick(r, transL)), sentenceT(r))
	case 8:
		return "Find the grammatical error in the following sentence: " + strings.Replace(sentenceT(r), " was ", " were ", 1)
	case 9:
		return fmt.Sprintf("Describe %s in three sentences.", pick(r, insDesc))
	case 10:
		u := pick(r, insUnits)
		return fmt.Sprintf("Convert %d %s to %s.", between(r, 2, 300), u[0], u[1])
	case 11:
		return "Suggest a title for an article about " + pick(r, insTopics) + "."
	case 12:
		return fmt.Sprintf("Compare and contrast %s.", pick(r, insPairs))
	case 13:
		return fmt.Sprintf("Write a %s function that %s.", strings.Title(pick(r, sp("python|javascript|java|go"))), pick(r, codeTask))
	case 14:
		return "Identify the main idea of the following paragraph.\n\n" + pasted(r, 3, 5)
	case 15:
		return "Generate a tweet promoting " + pick(r, insTweet) + "."
	case 16:
		return fmt.Sprintf("What is the opposite of the word \"%s\"?", pick(r, insOpp))
	case 17:
		return "Edit the following sentence to make it more concise: " + sentenceT(r)
	case 18:
		return fmt.Sprintf("Brainstorm %d ways to %s.", between(r, 3, 8), pick(r, insWays))
	case 19:
		return "Construct a SQL query that " + pick(r, insSQL) + "."
	case 20:
		return fmt.Sprintf("Categorize the sentiment of this review as positive, negative or neutral: \"%s\"", sentenceT(r))
	case 21:
		return fmt.Sprintf("Design a %s for %s.", pick(r, insDesign), pick(r, insFor))
	case 22:
		return "Make a prediction about " + pick(r, insPred) + "."
	}
	return fmt.Sprintf("Outline the steps to %s.", pick(r, howTasks))
}

const judgeSingle = `[Instruction]
Please act as an impartial judge and evaluate the quality of the response provided by an AI assistant to the user question displayed below. Your evaluation should consider factors such as the helpfulness, relevance, accuracy, depth, creativity, and level of detail of the response. Begin your evaluation by providing a short explanation. Be as objective as possible. After providing your explanation, you must rate the response on a scale of 1 to 10 by strictly following this format: "[[rating]]", for example: "Rating: [[5]]".

[Question]
%s

[The Start of Assistant's Answer]
%s
[The End of Assistant's Answer]`

const judgePair = `[System]
Please act as an impartial judge and evaluate the quality of the responses provided by two AI assistants to the user question displayed below. You should choose the assistant that follows the user's instructions and answers the user's question better. Your evaluation should consider factors such as the helpfulness, relevance, accuracy, depth, creativity, and level of detail of their responses. Begin your evaluation by comparing the two responses and provide a short explanation. Avoid any position biases and ensure that the order in which the responses were presented does not influence your decision. Do not allow the length of the responses to influence your evaluation. Be as objective as possible. After providing your explanation, output your final verdict by strictly following this format: "[[A]]" if assistant A is better, "[[B]]" if assistant B is better, and "[[C]]" for a tie.

[User Question]
%s

[The Start of Assistant A's Answer]
%s
[The End of Assistant A's Answer]

[The Start of Assistant B's Answer]
%s
[The End of Assistant B's Answer]`

var (
	ansOpen = sp("The key idea is that|To start,|First,|In short,|The main point is that|Broadly speaking,|It helps to note that|A common approach is that|Put simply,|At a high level,")
	ansBody = sp("the quantity grows in proportion to its current value|the two forces balance at equilibrium|each step reduces the problem to a smaller case|the cost depends mostly on the number of comparisons|the function is increasing on the whole interval|demand falls as the price rises|the reaction releases heat to the surroundings|the loop runs once for every element|the tenant has a right to a written notice|the policy applies only to new customers|the signal is filtered before it is sampled|the error comes from an off-by-one index|the total is split evenly between the two parts|the energy is conserved throughout the motion|the cache avoids recomputing the same values|the author wants the reader to doubt the narrator")
	ansLink = sp("This means that|As a result,|Therefore,|So|Because of this,|In practice,|Note that|However,|On the other hand,|Finally,")
	ansEnd  = sp("the answer is %d.|the final value is %d.|we get %d.|the total comes to %d.|the result is about %d.|this gives %d in the end.|you should expect roughly %d.")
)

func answerText(r *rand.Rand) string {
	n := between(r, 3, 8)
	var s []string
	s = append(s, pick(r, ansOpen)+" "+pick(r, ansBody)+".")
	for i := 1; i < n-1; i++ {
		s = append(s, pick(r, ansLink)+" "+pick(r, ansBody)+".")
	}
	s = append(s, pick(r, ansLink)+" "+fmt.Sprintf(pick(r, ansEnd), between(r, 2, 5000)))
	return strings.Join(s, " ")
}

// ---------------------------------------------------------------- generic human activity

type actor struct {
	acct      string
	rg        *region
	h         *home
	desk      string
	phone     string
	phoneOnly bool
	car       int
	site      []string // office or campus addresses (weekday working hours)
	siteDev   string
	siteP     float64
	pay       string
	pay2      string
	pay2From  int64
	startMs   int64
}

func (a *actor) payAt(ms int64) string {
	if a.pay2 != "" && ms >= a.pay2From {
		return a.pay2
	}
	return a.pay
}

func diurnal(r *rand.Rand) float64 {
	switch x := r.Float64(); {
	case x < 0.07:
		return uf(r, 0, 2)
	case x < 0.09:
		return uf(r, 2, 7)
	case x < 0.2:
		return uf(r, 7, 9)
	case x < 0.5:
		return uf(r, 9, 17)
	case x < 0.93:
		return uf(r, 17, 23)
	}
	return uf(r, 23, 24)
}

// where: one session's address and device for a person.
func (g *gen) where(r *rand.Rand, a *actor, d int, h float64, allowSite bool) (string, string) {
	if allowSite && len(a.site) > 0 && wd(d) < 5 && h >= 8.5 && h < 18 && chance(r, a.siteP) {
		dev := a.siteDev
		if dev == "" {
			dev = a.desk
		}
		return pick(r, a.site), dev
	}
	if a.phoneOnly || chance(r, 0.3) {
		if chance(r, 0.45) {
			return a.rg.carrierIP(r, a.car), a.phone
		}
		return a.h.ip(r, d), a.phone
	}
	return a.h.ip(r, d), a.desk
}

// organic: n requests in human sessions over the window, from the account's start.
func (g *gen) organic(r *rand.Rand, a *actor, n int, pf func(r *rand.Rand, atSite bool) (string, int)) {
	d0 := 0
	if a.startMs > winMs {
		d0 = int((a.startMs - winMs) / dayMs)
	}
	if d0 >= nDays {
		return
	}
	made := 0
	for tries := 0; made < n && tries < 10*n+10; tries++ {
		k := 1 + geom(r, 0.45)
		if k > n-made {
			k = n - made
		}
		d := d0 + r.IntN(nDays-d0)
		var h float64
		if len(a.site) > 0 && wd(d) < 5 && chance(r, 0.55) {
			h = uf(r, 8.5, 18)
		} else {
			h = diurnal(r)
		}
		ms := localMs(d, h, a.rg.tz)
		if ms < a.startMs {
			ms = a.startMs + int64(r.IntN(int(2*hourMs)))
		}
		ip, dev := g.where(r, a, d, h, true)
		atSite := len(a.site) > 0 && contains(a.site, ip)
		for i := 0; i < k; i++ {
			p, t := pf(r, atSite)
			g.req(ms, a.acct, ip, dev, a.payAt(ms), p, t)
			made++
			ms += int64(between(r, 20, 300)) * 1000
		}
	}
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

func ordTok(r *rand.Rand) int { return int(lognorm(r, 440, 0.6)) + 10 }

// signupAt: signup record from home (or phone); before the window or at a given time.
func (g *gen) signupHome(r *rand.Rand, a *actor, email string, ms int64) {
	d, h := localDay(ms, a.rg.tz)
	_ = h
	ip, dev := a.h.ip(r, d), a.desk
	if a.phoneOnly {
		dev = a.phone
		if chance(r, 0.5) {
			ip = a.rg.carrierIP(r, a.car)
		}
	}
	g.signup(ms, a.acct, email, ip, dev, a.pay)
	if a.startMs < ms+minMs {
		a.startMs = ms + minMs
	}
}

func beforeWindow(r *rand.Rand, maxDays int) int64 {
	return winMs - int64(between(r, 1, maxDays))*dayMs - r.Int64N(dayMs)
}

func inWindow(r *rand.Rand, tz int) int64 {
	d := r.IntN(nDays)
	ms := localMs(d, diurnal(r), tz)
	if ms < winMs {
		ms = winMs + r.Int64N(6*hourMs)
	}
	if ms > winEnd-6*hourMs {
		ms = winEnd - 6*hourMs - r.Int64N(6*hourMs)
	}
	return ms
}

// ---------------------------------------------------------------- background

type devApp struct {
	name, domain, rule1, rule2 string
}

var (
	appA    = sp("Recipe|Study|Budget|Travel|Code|Fit|Pet|Garden|Legal|Shop|Quiz|Story|Resume|Lingo|Health|Music|Movie|Plant|Chess|Crypto|Home|Car|Book|Event")
	appB    = sp("Pal|Buddy|Bot|Helper|Genie|Sage|Mate|Pilot|Wiz|Coach|Guru|Spark|Owl|Fox|Bee|Hub|Nest|Loop")
	appDom  = sp("home cooks|students|small business owners|travellers|new programmers|runners|pet owners|gardeners|tenants|online shoppers|quiz fans|parents|job seekers|language learners|book lovers")
	appRule = sp("Answer in under 120 words.|Always reply in a friendly tone.|Use bullet points when listing steps.|Never give legal or medical advice.|Ask a clarifying question if the request is vague.|Reply in the user's language.|Format the answer as markdown.|Include one practical example.|Keep a playful tone with one emoji.|Return JSON with keys answer and followup.")
)

func newApp(r *rand.Rand) devApp {
	a := devApp{name: pick(r, appA) + pick(r, appB), domain: pick(r, appDom), rule1: pick(r, appRule)}
	for a.rule2 = pick(r, appRule); a.rule2 == a.rule1; a.rule2 = pick(r, appRule) {
	}
	return a
}

func (a devApp) prompt(r *rand.Rand) string {
	return fmt.Sprintf("You are %s, an assistant for %s. %s %s\n\nUser: %s", a.name, a.domain, a.rule1, a.rule2, strings.TrimSpace(everyday(r)))
}

func (g *gen) background() {
	r := stream(g.seed, "background")
	g.begin("background", "background-residential", false)
	in := g.in
	n := int(13000 * uf(r, 0.9, 1.1))
	type office struct {
		ip   string
		left int
	}
	offices := map[string]*office{}
	for i := 0; i < n; i++ {
		rg := in.region(r)
		a := &actor{rg: rg, acct: g.newAcct(r), car: r.IntN(2)}
		a.phoneOnly = chance(r, 0.2)
		a.desk, a.phone = in.deskFP(r), in.phoneFP(r)
		x := r.Float64()
		student, dev := x < 0.12, x >= 0.12 && x < 0.2
		officeW := x >= 0.2 && x < 0.42
		kingsbridge := student && rg.code == "UK" && chance(r, 0.5)
		kota := student && rg.code == "IN" && chance(r, 0.12)
		if kota {
			a.h = fixedHome(pick(r, in.hostels))
			a.phoneOnly = chance(r, 0.6)
		} else {
			a.h = g.newHome(r, rg)
		}
		var email string
		if kingsbridge {
			email = g.claim(fmt.Sprintf("k%07d@student.kingsbridge.ac.uk", r.IntN(10000000)), a.acct)
			a.site, a.siteP, a.siteDev = in.campusNAT, 0.5, ""
			if chance(r, 0.3) {
				a.siteDev = in.campusLab
			}
		} else {
			email = g.personMail(r, rg, rg.flavor, a.acct)
		}
		if officeW {
			o := offices[rg.code]
			if o == nil || o.left <= 0 {
				ip := pick(r, rg.biz).at(between(r, 2, 250))
				for g.homes[ip] {
					ip = pick(r, rg.biz).at(between(r, 2, 250))
				}
				g.homes[ip] = true
				o = &office{ip: ip, left: between(r, 1, 10)}
				offices[rg.code] = o
			}
			o.left--
			a.site, a.siteP = []string{o.ip}, 0.7
		}
		if chance(r, 0.7) {
			a.pay = g.card(r)
		}
		var ms int64
		if chance(r, 0.65) {
			ms = beforeWindow(r, 700)
		} else {
			ms = inWindow(r, rg.tz)
		}
		g.signupHome(r, a, email, ms)
		vol := int(lognorm(r, 5, 1.1)) + 1
		if vol > 500 {
			vol = 500
		}
		pf := func(r *rand.Rand, atSite bool) (string, int) {
			switch {
			case chance(r, 0.03):
				return instruction(r), ordTok(r)
			case student && chance(r, 0.6):
				return studentQ(r), int(lognorm(r, 900, 0.5))
			case (officeW || atSite) && chance(r, 0.45):
				return workPrompt(r), ordTok(r)
			}
			return everyday(r), ordTok(r)
		}
		g.organic(r, a, vol, pf)
		if dev {
			g.devScripts(r, a)
		}
	}
}

// devScripts: a developer's scripts under an SDK fingerprint, from home, a VPS, a hosted notebook
// or the device farm; some run the public judge prompt or the Self-Instruct prompt now and then.
func (g *gen) devScripts(r *rand.Rand, a *actor) {
	in := g.in
	app := newApp(r)
	fp := in.sdk(r)
	vps := ""
	if chance(r, 0.4) {
		vps = pick(r, in.hosting).at(between(r, 2, 254))
	}
	notebook := chance(r, 0.2)
	farm := chance(r, 0.03)
	judge := chance(r, 0.1)
	selfi := chance(r, 0.06)
	vol := int(lognorm(r, 25, 1.0))
	if vol > 900 {
		vol = 900
	}
	d0 := 0
	if a.startMs > winMs {
		d0 = int((a.startMs - winMs) / dayMs)
	}
	if d0 >= nDays {
		return
	}
	made := 0
	for made < vol {
		k := between(r, 3, 30)
		d := d0 + r.IntN(nDays-d0)
		ms := localMs(d, uf(r, 8, 24), a.rg.tz)
		if ms < a.startMs {
			ms = a.startMs + minMs
		}
		ip, dev := a.h.ip(r, d), fp
		switch {
		case farm && chance(r, 0.5):
			ip = pick(r, in.farm).at(between(r, 2, 254))
			dev = in.popPhone(r)
		case vps != "" && chance(r, 0.7):
			ip = vps
		case notebook && chance(r, 0.7):
			ip = pick(r, in.notebook).at(between(r, 2, 254))
		}
		mode := 0
		if judge && chance(r, 0.3) {
			mode = 1
		} else if selfi && chance(r, 0.25) {
			mode = 2
		}
		for i := 0; i < k && made < vol; i++ {
			var p string
			t := ordTok(r)
			switch mode {
			case 1:
				if chance(r, 0.7) {
					p = fmt.Sprintf(judgeSingle, strings.TrimSpace(everyday(r)), answerText(r))
				} else {
					p = fmt.Sprintf(judgePair, strings.TrimSpace(everyday(r)), answerText(r), answerText(r))
				}
				t = between(r, 700, 1800)
			case 2:
				if chance(r, 0.3) {
					p, t = selfInstructPrompt(r), between(r, 700, 1300)
				} else {
					p, t = instruction(r), int(lognorm(r, 330, 0.5))
				}
			default:
				p = app.prompt(r)
			}
			g.req(ms, a.acct, ip, dev, a.payAt(ms), p, t)
			made++
			ms += int64(between(r, 1, 12)) * 1000
		}
	}
}

// ---------------------------------------------------------------- D1: hospital shared workstations

var (
	hConds  = sp("heart failure|COPD|type 2 diabetes|pneumonia|a hip replacement|sepsis|atrial fibrillation|a urinary tract infection|cellulitis|a stroke|chronic kidney disease|asthma|a DVT|a knee replacement|hypertension|gallbladder removal|a new colostomy|kidney stones")
	hDrugs  = sp("heparin|enoxaparin|metoprolol|furosemide|insulin glargine|vancomycin|warfarin|apixaban|lisinopril|amiodarone|ondansetron|piperacillin-tazobactam|morphine|potassium chloride|metformin|prednisone|levothyroxine|ceftriaxone")
	hRoles  = sp("the night charge nurse|pharmacy|the bed management team|the unit manager|the on-call resident|environmental services|case management|the wound care nurse|the day charge nurse|patient transport")
	hIssues = sp("a delayed medication delivery|a broken IV pump in room %d|the staffing plan for the weekend|a family asking for an update on bed %d|a missing lab result for bed %d|the new fall-prevention protocol|swapping my shift on the %dth|an isolation cart that needs restocking on %d west|a discharge that was moved to tomorrow for room %d")
	hCtx    = sp("has limited health literacy|is going home with oxygen|is newly diagnosed|lives alone|has a caregiver who speaks Spanish|is anxious about injections|is hard of hearing|is going to a rehab facility")
	hEvents = sp("Uneventful night|Fall risk, bed alarm on|Spiked a temp of 38.6 at 0200, cultures sent|Pain controlled with PRN oxycodone|Refused breakfast, nauseous|Family at bedside, updated|New onset confusion overnight|Foley removed, voiding well|Dressing changed, small serous drainage")
	hPend   = sp("AM labs|CT abdomen|PT eval|cardiology consult|echo|blood cultures|social work|MRI brain|repeat troponin")
	hPlan   = sp("Wean O2 as tolerated|Continue IV abx, reassess in AM|Possible discharge tomorrow|Monitor I&O, daily weights|Ambulate TID|Titrate insulin per protocol|Hold anticoagulation for procedure")
)

func dischargeText(r *rand.Rand) string {
	opts := []func() string{
		func() string {
			return fmt.Sprintf("Take %s %d mg %s.", pick(r, hDrugs), 5*between(r, 1, 40), pick(r, sp("once daily|twice a day|every 8 hours|at bedtime|with breakfast")))
		},
		func() string {
			return fmt.Sprintf("Weigh yourself every morning and call the clinic if you gain more than %d pounds in a day or %d pounds in a week.", between(r, 2, 3), between(r, 4, 5))
		},
		func() string {
			return fmt.Sprintf("Do not lift anything heavier than %d pounds for %d weeks.", 5*between(r, 1, 4), between(r, 2, 8))
		},
		func() string { return "Keep the incision clean and dry and watch for redness, swelling or drainage." },
		func() string {
			return fmt.Sprintf("Follow up with %s in %d days.", pick(r, sp("your primary care provider|cardiology|the surgery clinic|the wound clinic|pulmonology")), between(r, 3, 14))
		},
		func() string { return "Call 911 if you have chest pain, trouble breathing or sudden weakness." },
		func() string {
			return fmt.Sprintf("Limit salt to %d mg per day and fluids to %d liters per day.", 500*between(r, 3, 4), between(r, 1, 2))
		},
		func() string { return "Check your blood sugar before meals and at bedtime and write the numbers down." },
		func() string {
			return fmt.Sprintf("You may shower after %d days but do not soak in a bath.", between(r, 2, 5))
		},
	}
	n := between(r, 3, 6)
	var s []string
	for _, i := range r.Perm(len(opts))[:n] {
		s = append(s, opts[i]())
	}
	return strings.Join(s, " ")
}

func handoffNote(r *rand.Rand) string {
	return fmt.Sprintf("Pt %d%s admitted %d days ago with %s. VS: BP %d/%d, HR %d, SpO2 %d%% on %s. %s. Pending: %s. Plan: %s.",
		between(r, 22, 94), pick(r, sp("M|F")), between(r, 1, 9), pick(r, hConds), between(r, 92, 168), between(r, 52, 98), between(r, 58, 122),
		between(r, 89, 99), pick(r, sp("RA|2L NC|4L NC|room air")), pick(r, hEvents), pick(r, hPend), pick(r, hPlan))
}

func hospitalPrompt(r *rand.Rand) (string, int) {
	switch r.IntN(9) {
	case 0, 1:
		return "Rewrite the following discharge instructions at a 6th grade reading level:\n\n" + dischargeText(r), between(r, 400, 1000)
	case 2, 3:
		return "Summarize this handoff note in SBAR format:\n" + handoffNote(r), between(r, 300, 800)
	case 4:
		return fmt.Sprintf("Create a patient education handout about %s for a patient who %s. Keep it under 300 words.", pick(r, hConds), pick(r, hCtx)), between(r, 500, 1100)
	case 5:
		return fmt.Sprintf("What are the key nursing considerations for %s?", pick(r, hDrugs)), between(r, 350, 900)
	case 6:
		return fmt.Sprintf("Draft a short, polite message to %s about %s.", pick(r, hRoles), fmt.Sprintf(pick(r, hIssues), between(r, 2, 40))), between(r, 200, 450)
	case 7:
		return fmt.Sprintf("Explain %s in plain language for a patient's family.", pick(r, hConds)), between(r, 400, 900)
	}
	return fmt.Sprintf("Write a nursing care plan for a patient with %s, including nursing diagnoses, goals and interventions.", pick(r, hConds)), between(r, 800, 1500)
}

func (g *gen) hospital() {
	r := stream(g.seed, "hospital-workstations")
	g.begin("hospital-workstations", "hospital-shared-workstations", false)
	in := g.in
	rg := in.by["US-C"]
	bl := g.blocks(r, 1, 3)
	nat := [3][]string{{bl[0].at(between(r, 10, 30)), bl[0].at(between(r, 40, 60))}, {bl[1].at(between(r, 10, 60))}, {bl[2].at(between(r, 10, 60))}}
	guest := [3]string{bl[0].at(between(r, 200, 230)), bl[1].at(between(r, 200, 230)), bl[2].at(between(r, 200, 230))}
	vdi, wowX, wowY := uniqFP(r), uniqFP(r), uniqFP(r)
	const invoice = "invoice-mercyvale-health-2028"
	n := int(700 * uf(r, 0.9, 1.1))
	// training sessions (local time, day, hour) for the sanctioned pilot's roll-out
	sessions := [][2]float64{{3, 7.5}, {3, 15.5}, {8, 7.5}, {8, 15.5}}
	wsDev := func(r *rand.Rand) string {
		switch x := r.Float64(); {
		case x < 0.6:
			return vdi
		case x < 0.85:
			return wowX
		}
		return wowY
	}
	for i := 0; i < n; i++ {
		x := r.Float64()
		campus := 0
		if x > 0.6 {
			campus = 1
		}
		if x > 0.85 {
			campus = 2
		}
		roleX := r.Float64()
		role := "nurse"
		switch {
		case roleX > 0.9:
			role = "admin"
		case roleX > 0.8:
			role = "allied"
		case roleX > 0.6:
			role = "physician"
		}
		sanctioned := chance(r, 0.45)
		flavor := wpick(r, []wopt{{"en", 70}, {"in", 10}, {"ph", 12}, {"ng", 8}})
		a := &actor{rg: rg, acct: g.newAcct(r), h: g.newHome(r, rg), desk: in.deskFP(r), phone: in.phoneFP(r), car: r.IntN(2)}
		var email string
		var sms int64
		var sip, sdev string
		if sanctioned {
			f, l := fullName(r, flavor)
			email = g.claim(strings.ToLower(f+"."+l)+"@mercyvalehealth.org", a.acct)
			a.pay = invoice
			if chance(r, 0.4) {
				sms = beforeWindow(r, 200)
				sip, sdev = pick(r, nat[campus]), wsDev(r)
			} else {
				s := sessions[r.IntN(len(sessions))]
				sms = localMs(int(s[0]), s[1]+uf(r, 0.05, 0.75), rg.tz)
				sip, sdev = nat[0][0], vdi
			}
		} else {
			email = g.personMail(r, rg, flavor, a.acct)
			if chance(r, 0.7) {
				a.pay = g.card(r)
			}
			if chance(r, 0.9) {
				sms = beforeWindow(r, 400)
			} else {
				sms = inWindow(r, rg.tz)
			}
			if chance(r, 0.4) {
				sip, sdev = pick(r, nat[campus]), wsDev(r)
			} else {
				d, _ := localDay(sms, rg.tz)
				sip, sdev = a.h.ip(r, d), a.desk
			}
		}
		g.signup(sms, a.acct, email, sip, sdev, a.pay)
		a.startMs = sms + minMs
		// shifts
		type shift struct {
			d     int
			start float64
			l     float64
		}
		var shifts []shift
		night := chance(r, 0.3)
		allied := []float64{7, 15, 23}[r.IntN(3)]
		for d := -1; d < nDays; d++ {
			switch role {
			case "nurse":
				if chance(r, 0.5) {
					st := 7.0
					if night {
						st = 19
					}
					shifts = append(shifts, shift{d, st, 12})
				}
			case "physician":
				if wd(d) < 5 && chance(r, 0.85) {
					shifts = append(shifts, shift{d, 7, 10})
				} else if chance(r, 0.06) {
					shifts = append(shifts, shift{d, 17, 14})
				}
			case "allied":
				if chance(r, 0.65) {
					shifts = append(shifts, shift{d, allied, 8})
				}
			default:
				if wd(d) < 5 {
					shifts = append(shifts, shift{d, 8, 9})
				}
			}
		}
		for _, s := range shifts {
			k := int(lognorm(r, 2.4, 0.7) + 0.3)
			for j := 0; j < k; j++ {
				var off float64
				switch y := r.Float64(); {
				case y < 0.2:
					off = uf(r, 0, 1)
				case y < 0.4:
					off = s.l - uf(r, 0, 1)
				default:
					off = uf(r, 0, s.l)
				}
				ms := localMs(s.d, s.start+off, rg.tz)
				if ms < a.startMs {
					continue
				}
				ip, dev := pick(r, nat[campus]), wsDev(r)
				if chance(r, 0.2) {
					ip, dev = guest[campus], a.phone
				}
				var p string
				var t int
				if chance(r, 0.7) {
					p, t = hospitalPrompt(r)
				} else if chance(r, 0.5) {
					p, t = workPrompt(r), ordTok(r)
				} else {
					p, t = everyday(r), ordTok(r)
				}
				g.req(ms, a.acct, ip, dev, a.pay, p, t)
			}
		}
		// off-duty use
		if !sanctioned {
			g.organic(r, a, int(lognorm(r, 4, 1.0)), func(r *rand.Rand, _ bool) (string, int) { return everyday(r), ordTok(r) })
		} else if chance(r, 0.1) {
			for j := between(r, 2, 6); j > 0; j-- {
				d := r.IntN(nDays)
				ms := localMs(d, uf(r, 19, 23), rg.tz)
				if ms < a.startMs {
					continue
				}
				p, t := hospitalPrompt(r)
				g.req(ms, a.acct, nat[0][0], vdi, a.pay, p, t)
			}
		}
	}
}

// ---------------------------------------------------------------- D2: card-share reseller's customers

func (g *gen) resellerMade(r *rand.Rand, flavor, acct string) string {
	f, l := fullName(r, flavor)
	dom := "gmail.com"
	if chance(r, 0.2) {
		dom = "outlook.com"
	}
	return g.claim(fmt.Sprintf("%s%s%04d@%s", strings.ToLower(f), strings.ToLower(l), r.IntN(10000), dom), acct)
}

// resellerBatch: signup times of one of the shop's batches: one account every 60–180 s.
func resellerBatch(r *rand.Rand, d int, size int, tz int) []int64 {
	t := localMs(d, uf(r, 11, 21.5), tz)
	var out []int64
	for i := 0; i < size; i++ {
		out = append(out, t)
		t += int64(between(r, 60, 180)) * 1000
	}
	return out
}

func (g *gen) resellerCustomers() {
	r := stream(g.seed, "card-share-reseller")
	g.begin("card-share-reseller", "reseller-card-pool-customers", false)
	in := g.in
	shop := in.shop
	pk := in.by["PK"]
	n := int(800 * uf(r, 0.9, 1.1))
	var times []int64
	for len(times) < n {
		var d int
		if chance(r, 0.5) {
			d = -between(r, 1, 90)
		} else {
			d = r.IntN(nDays - 1)
		}
		times = append(times, resellerBatch(r, d, between(r, 3, 25), pk.tz)...)
	}
	times = times[:n]
	for _, ms := range times {
		cc := wpick(r, []wopt{{"PK", 50}, {"EG", 25}, {"BD", 25}})
		rg := in.by[cc]
		a := &actor{rg: rg, acct: g.newAcct(r), h: g.newHome(r, rg), car: r.IntN(2)}
		a.phoneOnly = chance(r, 0.45)
		a.desk, a.phone = in.deskFP(r), in.phoneFP(r)
		var email string
		if chance(r, 0.55) {
			email = g.personMail(r, rg, rg.flavor, a.acct)
		} else {
			email = g.resellerMade(r, rg.flavor, a.acct)
		}
		c := shop.cardAt(r, ms)
		a.pay = c.val
		g.signup(ms, a.acct, email, shop.ipAt(ms), shop.laptops[r.IntN(2)], a.pay)
		a.startMs = ms + int64(uf(r, 0.5, 24)*float64(hourMs))
		if c.to < winEnd && c.to > a.startMs {
			a.pay2, a.pay2From = shop.cardAt(r, c.to).val, c.to+int64(between(r, 1, 48))*hourMs
		}
		student := chance(r, 0.35)
		vol := int(lognorm(r, 14, 1.0)) + 1
		if vol > 400 {
			vol = 400
		}
		g.organic(r, a, vol, func(r *rand.Rand, _ bool) (string, int) {
			if student && chance(r, 0.55) {
				if chance(r, 0.3) {
					return fmt.Sprintf("write a %s function that %s", pick(r, langs), pick(r, codeTask)), ordTok(r)
				}
				return studentQ(r), int(lognorm(r, 900, 0.5))
			}
			if chance(r, 0.03) {
				return instruction(r), ordTok(r)
			}
			return everyday(r), ordTok(r)
		})
	}
}

// ---------------------------------------------------------------- D3: prompt-of-the-day newsletter

type issue struct {
	day  int
	hour float64 // UTC send time
	fill func(r *rand.Rand) string
}

var (
	potdWho    = sp("boss|landlord|manager|client|team lead|dad|head of department|agent|bank|partner")
	potdWhat   = sp("a raise|a four-day week|a rent reduction|more budget|a later deadline|remote Fridays|a promotion|a refund|time off in August|a bigger role on the project")
	potdThing  = sp("email|cover letter|LinkedIn post|product page|blog intro|speech|newsletter|bio|school report comment|grant summary")
	potdDec    = sp("quit my job to freelance|move to another city|go back to school|buy a house this year|adopt a dog|learn to code|start a podcast|switch careers into nursing|sell my car|take a gap year")
	potdDomain = sp("football|cooking|gardening|chess|music|baseball|video games|sailing|knitting|basketball|cycling|theatre")
	potdTopic  = sp("compound interest|how vaccines work|supply chains|machine learning|inflation|the immune system|climate models|how elections work|black holes|probability")
	potdCommit = sp("a full-time job, two kids and a gym habit|exams on Thursday and a part-time job|three client deadlines and a move|night shifts and a side business|a new baby and a thesis|a wedding to plan and a marathon to train for")
	potdFormat = sp("one-page project plan|checklist|email to my team|blog post outline|study guide|meeting summary|table")
	potdAch    = sp("runs a small bakery|finished a PhD|paid off all debt|moved abroad|became a nurse|started a company|learned three languages|ran a marathon")
	potdSkill  = sp("Spanish|Python|watercolor painting|public speaking|guitar|Excel|photography|chess|sign language|touch typing|baking bread|SQL")
	potdRole   = sp("venture capitalist|landlord|high school teacher|tax inspector|head chef|hospital administrator|product manager|city planner")
	potdIdea   = sp("a subscription box for houseplants|an app that splits restaurant bills by what you ordered|a dog-walking service for apartment buildings|a newsletter about local history|a tutoring marketplace for retirees|a repair cafe in my town|a meal-prep service for night-shift workers|reusable packaging for food delivery")
	potdDoc    = sp("resignation letter|complaint to my airline|apology to a friend|reference letter|rent increase notice reply|proposal for my manager|thank-you note to a mentor")
	potdOpen   = sp("The door was already open|Nobody remembered the dog|It rained upward that morning|She found the letter in the freezer|The last train left without a driver")
	potdEnd    = sp("home|again|lemonade|silence|tomorrow|bicycle")
)

func potdIssues() []issue {
	return []issue{
		{0, 12, func(r *rand.Rand) string {
			return fmt.Sprintf("Act as a negotiation coach. I'm going to ask my %s for %s. Give me a three-step script, the strongest objection they might raise, and how to answer it.", pick(r, potdWho), pick(r, potdWhat))
		}},
		{1, 12, func(r *rand.Rand) string {
			return fmt.Sprintf("You are a ruthless editor. Cut this %s by 40%% without losing meaning, then list what you removed and why:\n\n%s", pick(r, potdThing), pasted(r, 3, 6))
		}},
		{2, 12, func(r *rand.Rand) string {
			return fmt.Sprintf("Interview me one question at a time to help me decide whether to %s. Ask at most 7 questions, then give a recommendation.", pick(r, potdDec))
		}},
		{3, 12, func(r *rand.Rand) string {
			return fmt.Sprintf("Explain %s using only analogies from %s. Then give me a 3-question quiz to check I understood.", pick(r, potdTopic), pick(r, potdDomain))
		}},
		{4, 12, func(r *rand.Rand) string {
			return fmt.Sprintf("Plan my week: I have %s. Build a realistic schedule with buffers and tell me what to drop.", pick(r, potdCommit))
		}},
		{5, 15, func(r *rand.Rand) string {
			return fmt.Sprintf("Weekend challenge: write a %d-word story that starts with '%s' and ends with the word '%s'.", 50*between(r, 1, 4), pick(r, potdOpen), pick(r, potdEnd))
		}},
		{7, 12, func(r *rand.Rand) string {
			return fmt.Sprintf("Turn my rough notes into a %s:\n%s", pick(r, potdFormat), pasted(r, 3, 6))
		}},
		{8, 12, func(r *rand.Rand) string {
			return fmt.Sprintf("Pretend you are my future self ten years from now who %s. Write me a letter about the three decisions that mattered most.", pick(r, potdAch))
		}},
		{9, 12, func(r *rand.Rand) string {
			return fmt.Sprintf("Give me a 30-day plan to learn %s in 20 minutes a day, with one concrete exercise per day.", pick(r, potdSkill))
		}},
		{10, 12, func(r *rand.Rand) string {
			return fmt.Sprintf("Roleplay as a skeptical %s and poke holes in my idea: %s. Be blunt, then tell me the one test I should run first.", pick(r, potdRole), pick(r, potdIdea))
		}},
		{11, 12, func(r *rand.Rand) string {
			return fmt.Sprintf("Write the %s I keep putting off, then list the one thing I must personally check before sending it. Context: %s", pick(r, potdDoc), strings.ToLower(sentenceT(r)))
		}},
		{12, 15, func(r *rand.Rand) string {
			return fmt.Sprintf("Weekend challenge: write a %d-word story that starts with '%s' and ends with the word '%s'.", 50*between(r, 1, 4), pick(r, potdOpen), pick(r, potdEnd))
		}},
	}
}

func (g *gen) potd() {
	r := stream(g.seed, "potd-newsletter")
	g.begin("potd-newsletter", "prompt-of-the-day-readers", false)
	in := g.in
	issues := potdIssues()
	n := int(1450 * uf(r, 0.9, 1.1))
	viral := int(180 * uf(r, 0.85, 1.15))
	regs := []wopt{{"US-E", 25}, {"US-C", 10}, {"US-W", 15}, {"UK", 15}, {"DE", 5}, {"IN", 12}, {"AU", 6}, {"PH", 6}, {"NG", 6}}
	for i := 0; i < n; i++ {
		rg := in.by[wpick(r, regs)]
		a := &actor{rg: rg, acct: g.newAcct(r), h: g.newHome(r, rg), car: r.IntN(2)}
		a.phoneOnly = chance(r, 0.15)
		a.desk, a.phone = in.deskFP(r), in.phoneFP(r)
		if chance(r, 0.35) {
			ip := pick(r, rg.biz).at(between(r, 2, 250))
			a.site, a.siteP = []string{ip}, 0.6
		}
		if chance(r, 0.65) {
			a.pay = g.card(r)
		}
		email := g.personMail(r, rg, rg.flavor, a.acct)
		isViral := i < viral
		var ms int64
		if isViral {
			ms = localMs(4, 12+0.25+lognorm(r, 1.2, 0.8), 0)
			if ms > localMs(4, 23, 0) {
				ms = localMs(4, uf(r, 14, 23), 0)
			}
		} else if chance(r, 0.85) {
			ms = beforeWindow(r, 500)
		} else {
			ms = inWindow(r, rg.tz)
		}
		g.signupHome(r, a, email, ms)
		pTry := 0.08 + 0.5*math.Pow(r.Float64(), 2)
		if isViral {
			pTry *= 0.6
			is := issues[4]
			t := ms + int64(between(r, 40, 600))*1000
			d, h := localDay(t, rg.tz)
			ip, dev := g.where(r, a, d, h, false)
			for k := between(r, 1, 3); k > 0; k-- {
				g.req(t, a.acct, ip, dev, a.pay, is.fill(r), ordTok(r)+200)
				t += int64(between(r, 60, 400)) * 1000
			}
		}
		for _, is := range issues {
			send := localMs(is.day, is.hour, 0)
			if send < a.startMs || !chance(r, pTry) {
				continue
			}
			var t int64
			switch y := r.Float64(); {
			case y < 0.45:
				t = send + int64(lognorm(r, 25, 0.8)*float64(minMs))
			case y < 0.85:
				d, h := localDay(send, rg.tz)
				lo := math.Max(h, 7)
				if lo < 23 {
					t = localMs(d, uf(r, lo, 23.5), rg.tz)
				} else {
					t = localMs(d+1, uf(r, 7, 23), rg.tz)
				}
			default:
				d, _ := localDay(send, rg.tz)
				t = localMs(d+1, uf(r, 7, 23), rg.tz)
			}
			d, h := localDay(t, rg.tz)
			ip, dev := g.where(r, a, d, h, true)
			for k := 1 + geom(r, 0.55); k > 0; k-- {
				g.req(t, a.acct, ip, dev, a.payAt(t), is.fill(r), ordTok(r)+200)
				t += int64(between(r, 45, 500)) * 1000
			}
		}
		g.organic(r, a, int(lognorm(r, 8, 0.9))+1, func(r *rand.Rand, atSite bool) (string, int) {
			if atSite && chance(r, 0.4) {
				return workPrompt(r), ordTok(r)
			}
			return everyday(r), ordTok(r)
		})
	}
}

// ---------------------------------------------------------------- D4: QA test accounts on a cloud device farm

type qaCompany struct {
	name, domain, mailStyle string
	tz                      int
	region                  string
	runUTC                  float64
	suite                   []string
	system                  string
	profiles                []string
	nTest                   int
	nStaff                  int
	devices                 int
}

var fitMsgs = sp("Create a 20-minute beginner HIIT workout with no equipment.|Suggest a high-protein vegetarian breakfast under 400 calories.|I have knee pain when I squat. What should I do?|How many rest days should I take per week?|Make me a 4-week plan to run my first 5k.|What should I eat before an evening workout?|Give me a stretching routine for lower back stiffness.|How do I track macros without an app?|Is it okay to work out every day?|Swap today's leg day for something low impact.|What's a good warm-up before lifting?|I missed three workouts this week, adjust my plan.|Explain progressive overload simply.|Suggest a post-workout snack for someone lactose intolerant.|How much water should I drink on a training day?|Create a 15-minute core workout.|Why am I sore two days after training?|Plan a rest day that still feels active.|What's the difference between HIIT and LISS?|Can I build muscle on a calorie deficit?|Build me a push-pull-legs split for 3 days.|Give me tips to sleep better before a race.|What's a good pace for a beginner 10k?|Modify burpees for a beginner.|How do I breathe while running?|Write me a motivational message for Monday.|Suggest a 30-minute bike workout.|What are signs of overtraining?|Help me set a realistic goal for this month.|Plan a workout for a hotel room.|Translate my plan into Spanish.|Summarize my week in three sentences.|Give me a grocery list for high-protein meals.|What does RPE mean?|How do I recover after a long run?|Make today's workout harder.")
var tripMsgs = sp("Plan a 3-day trip to Lisbon for a couple who love food.|What's the cheapest way to get from the airport to the city centre in Rome?|Suggest a rainy day plan in Edinburgh.|Build a 5-day Japan itinerary for first-timers.|Is 2 days enough for Prague?|What should I pack for Iceland in October?|Find family-friendly activities in Barcelona.|Plan a day in Paris without museums.|What tipping customs should I know in the US?|Suggest a budget for a week in Bali.|Add a day trip to my Kyoto itinerary.|What's the best area to stay in Mexico City?|Plan a wheelchair-accessible day in London.|Reorganise my itinerary to avoid Monday closures.|What are common tourist scams in Bangkok?|Suggest a 2-week Vietnam route north to south.|Give me a packing list for a beach week with a toddler.|Convert my budget from euros to pounds.|What is there to do near the airport during a 9-hour layover in Istanbul?|Plan a romantic evening in Venice.|Make my itinerary more relaxed.|Suggest vegetarian restaurants near the Colosseum.|What documents do I need for a road trip in Canada?|Plan a ski weekend in the Alps for beginners.|Is it safe to drink tap water in Lisbon?|Plan a one-day hike near Cape Town.|Summarise my trip in a shareable paragraph.|Find a quiet beach near Split.|Suggest souvenirs under 20 euros in Amsterdam.|What's the weather like in Seoul in April?")
var lingoMsgs = sp("Yo soy cansado hoy.|Je suis allé au magasin hier et j'ai acheté un pomme.|Ich habe gestern ins Kino gegangen.|Ella tiene veinte años y es muy alta.|Nous avons mangé des pâtes hier soir.|Der Hund spielt im Garten mit den Kinder.|Me gusta mucho los libros de historia.|Il fait beau aujourd'hui, on va à la plage?|Ich bin müde weil ich habe nicht geschlafen.|Yo fui a la playa el sábado pasado.|Elle a visité Paris en 2019.|Wir gehen morgen zum Markt.|Tengo que estudiar para el examen mañana.|J'aime beaucoup le chocolat mais pas le café.|Er hat sein Fahrrad verloren.|Mis amigos vienen a cenar esta noche.|Tu peux m'aider avec mes devoirs?|Kannst du mir das Salz geben bitte?|El tren llega a las ocho de la mañana.|On s'est rencontrés au café hier.|Ich wohne seit drei Jahren in Berlin.|Voy a comprar pan y leche.|Je voudrais réserver une table pour deux.|Das Wetter ist heute sehr schlecht.|¿Dónde está la biblioteca?|Il y a beaucoup de monde dans le métro.|Meine Schwester arbeitet in einem Krankenhaus.|Nosotros vivimos cerca del parque.|Ils ont fini leur projet en retard.|Ich möchte einen Kaffee mit Milch.|Quiero aprender a tocar la guitarra.|Elle ne mange jamais de viande.|Wir haben das Spiel gewonnen!|Ayer llovió todo el día.|Je vais partir en vacances demain.|Ich habe keine Zeit heute.|Los niños juegan en el jardín.|Tu as vu le film hier soir?|Er spricht sehr gut Englisch.|Me levanto a las siete todos los días.")

func qaCompanies() []qaCompany {
	return []qaCompany{
		{name: "fitloop", domain: "fitloop.app", mailStyle: "plus", tz: -420, region: "US-W", runUTC: 9, suite: fitMsgs,
			system:   "You are FitLoop Coach, a friendly fitness assistant inside the FitLoop app. Keep answers under 150 words, never diagnose injuries, and suggest seeing a professional when pain is mentioned.",
			profiles: sp("age 34, goal: lose weight, level: beginner|age 52, goal: mobility, level: beginner|age 27, goal: build muscle, level: intermediate|age 41, goal: run a 10k, level: intermediate|age 19, goal: get fit, level: beginner|age 63, goal: stay active, level: beginner"),
			nTest:    64, nStaff: 7, devices: 14},
		{name: "tripwren", domain: "tripwren.com", mailStyle: "plus", tz: 60, region: "UK", runUTC: 3, suite: tripMsgs,
			system:   "You are Wren, the TripWren travel planner. Answer with a day-by-day itinerary when asked to plan. Use metric units and the local currency, and mention opening hours when you are unsure.",
			profiles: sp("solo traveller, budget mid-range|family of four, budget low|couple, budget high|business traveller, budget company|student, budget very low"),
			nTest:    80, nStaff: 9, devices: 10},
		{name: "lingoleaf", domain: "lingoleaf.io", mailStyle: "qa-domain", tz: 120, region: "DE", runUTC: 22, suite: lingoMsgs,
			system:   "You are Leafy, a patient language tutor in the LingoLeaf app. Correct the learner's sentence, explain the mistake in one line, and give one new example sentence.",
			profiles: sp("Spanish A2|French B1|German A1|Spanish B2|French A2|German B1"),
			nTest:    52, nStaff: 6, devices: 12},
	}
}

func (g *gen) qaFarm() {
	r := stream(g.seed, "qa-device-farm")
	g.begin("qa-device-farm", "qa-test-accounts-device-farm", false)
	in := g.in
	for _, c := range qaCompanies() {
		rg := in.by[c.region]
		office := pick(r, rg.biz).at(between(r, 2, 250))
		laptops := []string{uniqFP(r), uniqFP(r)}
		corpCard := g.card(r)
		// staff
		for i := 0; i < c.nStaff; i++ {
			a := &actor{rg: rg, acct: g.newAcct(r), h: g.newHome(r, rg), desk: pick(r, laptops), phone: in.phoneFP(r), car: r.IntN(2)}
			a.site, a.siteP, a.siteDev = []string{office}, 0.85, a.desk
			a.pay = corpCard
			f, l := fullName(r, rg.flavor)
			g.signup(beforeWindow(r, 300), a.acct, g.claim(strings.ToLower(f+"."+l)+"@"+c.domain, a.acct), office, a.desk, a.pay)
			a.startMs = winMs
			sys := c.system
			g.organic(r, a, between(r, 60, 220), func(r *rand.Rand, atSite bool) (string, int) {
				if atSite && chance(r, 0.75) {
					return fmt.Sprintf("%s\n\nUser profile: %s\nUser: %s", sys, pick(r, c.profiles), pick(r, c.suite)), between(r, 150, 450)
				}
				return workPrompt(r), ordTok(r)
			})
		}
		// test accounts: most opened over the last months, the rest created by the nightly signup test
		type tacct struct {
			id, pay, profile, dev string
			start                 int64
		}
		mail := func(acct string, k int) string {
			if c.mailStyle == "plus" {
				e := fmt.Sprintf("qa+%s-%03d@%s", c.name[:3], k, c.domain)
				g.boxes[canon(e)] = true
				return e
			}
			return g.claim(fmt.Sprintf("test-%03d@%s-qa.com", k, c.name), acct)
		}
		farmDev := func(r *rand.Rand) string {
			if chance(r, 0.3) {
				return in.farmEmu
			}
			return in.popPhone(r)
		}
		var tests []tacct
		for k := 0; k < c.nTest; k++ {
			t := tacct{id: g.newAcct(r), profile: pick(r, c.profiles), dev: farmDev(r)}
			if chance(r, 0.6) {
				t.pay = corpCard
			}
			ms := beforeWindow(r, 180)
			ip, dev := office, pick(r, laptops)
			if chance(r, 0.5) {
				ip, dev = pick(r, in.farm).at(between(r, 2, 254)), t.dev
			}
			g.signup(ms, t.id, mail(t.id, k+1), ip, dev, t.pay)
			t.start = winMs
			tests = append(tests, t)
		}
		k := c.nTest
		for d := 0; d < nDays; d++ {
			run := localMs(d, c.runUTC, 0) + int64(between(r, 0, 90))*1000
			// the E2E signup test opens 1–3 fresh accounts on the farm
			for j := between(r, 1, 3); j > 0; j-- {
				k++
				t := tacct{id: g.newAcct(r), profile: pick(r, c.profiles), dev: farmDev(r)}
				ms := run + int64(between(r, 30, 600))*1000
				g.signup(ms, t.id, mail(t.id, k), pick(r, in.farm).at(between(r, 2, 254)), t.dev, "")
				t.start = ms + 20000
				for q := between(r, 2, 5); q > 0; q-- {
					ms += int64(between(r, 3, 12)) * 1000
					g.req(ms, t.id, pick(r, in.farm).at(between(r, 2, 254)), t.dev, "", fmt.Sprintf("%s\n\nUser profile: %s\nUser: %s", c.system, t.profile, pick(r, c.suite)), between(r, 150, 450))
				}
				tests = append(tests, t)
			}
			// nightly regression: every device runs the whole suite on its test account
			nDev := c.devices
			if wd(d) == 6 {
				nDev = c.devices * 2 // Sunday full regression
			}
			perm := r.Perm(len(tests))
			for j := 0; j < nDev && j < len(perm); j++ {
				t := tests[perm[j]]
				if t.start > run {
					continue
				}
				ip := pick(r, in.farm).at(between(r, 2, 254))
				ms := run + int64(between(r, 0, 20))*1000
				for _, m := range c.suite {
					g.req(ms, t.id, ip, t.dev, t.pay, fmt.Sprintf("%s\n\nUser profile: %s\nUser: %s", c.system, t.profile, m), between(r, 150, 450))
					ms += int64(between(r, 4, 15)) * 1000
				}
			}
			// manual exploratory testing on weekdays from the office
			if wd(d) < 5 {
				for j := between(r, 3, 8); j > 0; j-- {
					t := tests[r.IntN(len(tests))]
					ms := localMs(d, uf(r, 9.5, 17.5), c.tz)
					if ms < t.start {
						continue
					}
					dev := pick(r, laptops)
					for q := between(r, 2, 10); q > 0; q-- {
						g.req(ms, t.id, office, dev, t.pay, fmt.Sprintf("%s\n\nUser profile: %s\nUser: %s", c.system, t.profile, strings.TrimSpace(everyday(r))), between(r, 150, 500))
						ms += int64(between(r, 20, 180)) * 1000
					}
				}
			}
		}
	}
}

// ---------------------------------------------------------------- D5: coaching centre (daily practice problems)

func jeeProblem(r *rand.Rand, kind int) string {
	switch kind {
	case 0:
		return fmt.Sprintf("A particle is projected with a speed of %d m/s at an angle of %d degrees to the horizontal from the top of a tower of height %d m. Find the time after which it hits the ground. (g = 10 m/s^2)", between(r, 10, 40), pick(r, []int{30, 37, 45, 53, 60}), 5*between(r, 4, 24))
	case 1:
		return fmt.Sprintf("A block of mass %d kg rests on a rough incline of %d degrees. If the coefficient of static friction is %.1f, find the minimum force parallel to the incline needed to move it up.", between(r, 2, 20), pick(r, []int{30, 37, 45, 53}), uf(r, 0.2, 0.8))
	case 2:
		return fmt.Sprintf("Two identical charges of %d microcoulomb are placed %d cm apart in air. Find the force between them and the electric field at the midpoint.", between(r, 1, 9), between(r, 5, 50))
	case 3:
		return fmt.Sprintf("A uniform rod of length %.1f m and mass %d kg is pivoted at one end and released from the horizontal position. Find its angular velocity when it becomes vertical.", uf(r, 0.5, 3), between(r, 1, 10))
	case 4:
		return fmt.Sprintf("A convex lens of focal length %d cm forms a real image %d times the size of the object. Find the object distance.", 5*between(r, 2, 8), between(r, 2, 5))
	case 5:
		return fmt.Sprintf("%d moles of an ideal gas expand isothermally at %d K from %d L to %d L. Calculate the work done by the gas.", between(r, 1, 5), 50*between(r, 6, 10), between(r, 2, 10), between(r, 12, 40))
	case 6:
		return fmt.Sprintf("The rate constant of a first order reaction is %.3f per minute. Calculate the time required for %d%% of the reactant to decompose.", uf(r, 0.005, 0.1), pick(r, []int{50, 75, 90, 99}))
	case 7:
		return fmt.Sprintf("Calculate the pH of a solution obtained by mixing %d mL of %.2f M HCl with %d mL of %.2f M NaOH.", 10*between(r, 2, 10), uf(r, 0.05, 0.5), 10*between(r, 2, 10), uf(r, 0.05, 0.5))
	case 8:
		return fmt.Sprintf("How many grams of oxygen are required for the complete combustion of %d g of %s?", between(r, 5, 60), pick(r, sp("methane|ethane|propane|glucose|ethanol")))
	case 9:
		return fmt.Sprintf("If alpha and beta are the roots of x^2 - %dx + %d = 0, find the value of alpha^3 + beta^3.", between(r, 2, 12), between(r, 1, 20))
	case 10:
		return fmt.Sprintf("Find the number of ways in which %d boys and %d girls can be seated in a row so that no two girls sit together.", between(r, 4, 8), between(r, 2, 4))
	case 11:
		return fmt.Sprintf("Evaluate the limit as x tends to 0 of (1 - cos %dx) / x^2.", between(r, 2, 9))
	case 12:
		return fmt.Sprintf("Find the area bounded by the curve y = x^2 - %dx and the x-axis.", between(r, 2, 9))
	}
	return fmt.Sprintf("Find the coefficient of x^%d in the expansion of (1 + x)^%d (1 - x)^%d.", between(r, 2, 6), between(r, 5, 12), between(r, 3, 8))
}

func (g *gen) coaching() {
	r := stream(g.seed, "coaching-centre")
	g.begin("coaching-centre", "coaching-centre-daily-problems", false)
	in := g.in
	rg := in.by["IN"]
	// the daily practice problem sheets: 12 problems a day, the same text for every student
	// (structures 0-4 are physics, 5-8 chemistry, 9-13 maths: four of each a day)
	sheets := make([][]string, nDays)
	for d := 0; d < nDays; d++ {
		var kinds []int
		for _, k := range r.Perm(5)[:4] {
			kinds = append(kinds, k)
		}
		kinds = append(kinds, 5, 6, 7, 8)
		for _, k := range r.Perm(5)[:4] {
			kinds = append(kinds, 9+k)
		}
		for _, k := range kinds {
			sheets[d] = append(sheets[d], jeeProblem(r, k))
		}
	}
	// the Sunday test papers: 30 problems, the same paper for every student
	papers := map[int][]string{}
	for d := 0; d < nDays; d++ {
		if wd(d) == 6 {
			for q := 0; q < 30; q++ {
				papers[d] = append(papers[d], jeeProblem(r, q%14))
			}
		}
	}
	forms := []func(r *rand.Rand, q int, p string) string{
		func(r *rand.Rand, q int, p string) string { return fmt.Sprintf("Q%d. %s", q+1, p) },
		func(r *rand.Rand, q int, p string) string { return p },
		func(r *rand.Rand, q int, p string) string { return "solve this step by step " + p },
		func(r *rand.Rand, q int, p string) string { return "explain the answer of this question " + p },
		func(r *rand.Rand, q int, p string) string {
			return fmt.Sprintf("my answer is coming %d but answer key says %d, where am i wrong? %s", between(r, 2, 99), between(r, 2, 99), p)
		},
		func(r *rand.Rand, q int, p string) string { return "pls help " + p },
		func(r *rand.Rand, q int, p string) string { return p + " solution with explanation" },
	}
	n := int(500 * uf(r, 0.9, 1.1))
	batch := int(float64(n) * 0.25)
	for i := 0; i < n; i++ {
		a := &actor{rg: rg, acct: g.newAcct(r), car: r.IntN(2)}
		hostel := chance(r, 0.6)
		if hostel {
			a.h = fixedHome(pick(r, in.hostels))
		} else {
			a.h = g.newHome(r, rg) // day scholars living with family in Kota
		}
		a.phoneOnly = chance(r, 0.7)
		a.phone = in.phoneFP(r)
		a.desk = in.deskFP(r)
		if chance(r, 0.35) {
			a.pay = g.card(r)
		}
		f, l := fullName(r, "in")
		email := g.claim(localPart(r, f, l)+"@gmail.com", a.acct)
		if i < batch {
			ms := localMs(0, 10+uf(r, 0.1, 2), rg.tz) // new batch orientation in the lab
			g.signup(ms, a.acct, email, in.kotaLab, in.kotaLabFP, a.pay)
			a.startMs = ms + minMs
		} else {
			g.signupHome(r, a, email, beforeWindow(r, 240))
		}
		engage := uf(r, 0.3, 0.9)
		for d := 0; d < nDays; d++ {
			if wd(d) == 6 {
				// Sunday test 09:00-12:00, then review of the test paper
				if chance(r, engage*0.6) {
					t := localMs(d, uf(r, 12.5, 20), rg.tz)
					if t < a.startMs {
						continue
					}
					ip, dev := g.where(r, a, d, 13, false)
					for k := between(r, 1, 4); k > 0; k-- {
						q := r.IntN(30)
						g.req(t, a.acct, ip, dev, a.pay, pick(r, forms)(r, q, papers[d][q]), between(r, 900, 2200))
						t += int64(between(r, 120, 900)) * 1000
					}
				}
				continue
			}
			if !chance(r, engage) {
				continue
			}
			t := localMs(d, uf(r, 19, 24.5), rg.tz)
			if t < a.startMs {
				continue
			}
			ip, dev := g.where(r, a, d, 21, false)
			if chance(r, 0.12) && !hostel {
				ip, dev = in.kotaLab, in.kotaLabFP
			}
			qs := r.Perm(12)[:between(r, 2, 8)]
			sort.Ints(qs)
			for _, q := range qs {
				g.req(t, a.acct, ip, dev, a.pay, pick(r, forms)(r, q, sheets[d][q]), between(r, 900, 2200))
				t += int64(between(r, 90, 700)) * 1000
			}
		}
		g.organic(r, a, int(lognorm(r, 3, 0.8)), func(r *rand.Rand, _ bool) (string, int) { return everyday(r), ordTok(r) })
	}
}

// ---------------------------------------------------------------- D6: NLP course (Self-Instruct and LLM-as-judge assignment)

var mtQuestions []string

func courseQuestions() []string {
	if mtQuestions != nil {
		return mtQuestions
	}
	r := rand.New(rand.NewPCG(80, 80)) // the course's fixed 80-question set, the same on every seed
	for i := 0; i < 80; i++ {
		var q string
		switch i % 4 {
		case 0:
			q = strings.TrimSpace(everyday(r))
		case 1:
			q = bankQ(r)
		case 2:
			q = instruction(r)
		default:
			q = fmt.Sprintf("Write a %s function that %s.", pick(r, sp("Python|JavaScript|Go")), pick(r, codeTask))
		}
		mtQuestions = append(mtQuestions, q)
	}
	return mtQuestions
}

func (g *gen) nlpCourse() {
	r := stream(g.seed, "nlp-course")
	g.begin("nlp-course", "university-nlp-course-assignment", false)
	in := g.in
	rg := in.by["UK"]
	qs := courseQuestions()
	const credit = "credit-kingsbridge-nlp-2028"
	deadline := localMs(11, 23.98, rg.tz)
	n := int(150 * uf(r, 0.85, 1.15))
	for i := 0; i < n; i++ {
		flavor := wpick(r, []wopt{{"en", 55}, {"in", 15}, {"de", 6}, {"fr", 6}, {"jp", 6}, {"ng", 6}, {"br", 6}})
		a := &actor{rg: rg, acct: g.newAcct(r), h: g.newHome(r, rg), desk: in.deskFP(r), phone: in.phoneFP(r), car: r.IntN(2)}
		a.site, a.siteP = in.campusNAT, 0.5
		if chance(r, 0.8) {
			a.pay = credit
		} else {
			a.pay = g.card(r)
		}
		_ = flavor
		email := g.claim(fmt.Sprintf("k%07d@student.kingsbridge.ac.uk", r.IntN(10000000)), a.acct)
		if chance(r, 0.6) {
			g.signupHome(r, a, email, beforeWindow(r, 200))
		} else {
			ms := localMs(1, 14+uf(r, 0.05, 1.9), rg.tz) // the lab session that introduces the assignment
			g.signup(ms, a.acct, email, pick(r, in.campusNAT), in.campusLab, a.pay)
			a.startMs = ms + minMs
		}
		sdk := in.sdkPy
		if chance(r, 0.1) {
			sdk = in.sdkHttpx
		}
		runs := between(r, 1, 3)
		for k := 0; k < runs; k++ {
			// 55% of runs in the last 72 hours before the deadline
			var t int64
			if chance(r, 0.55) {
				t = deadline - int64(uf(r, 0.5, 72)*float64(hourMs))
			} else {
				t = localMs(between(r, 1, 10), uf(r, 9, 24), rg.tz)
			}
			if t < a.startMs {
				t = a.startMs + int64(between(r, 10, 300))*minMs
			}
			d, h := localDay(t, rg.tz)
			ip := a.h.ip(r, d)
			switch {
			case chance(r, 0.45):
				ip = pick(r, in.notebook).at(between(r, 2, 254))
			case wd(d) < 5 && h > 9 && h < 18 && chance(r, 0.6):
				ip = pick(r, in.campusNAT)
			}
			for j := between(r, 8, 25); j > 0; j-- {
				g.req(t, a.acct, ip, sdk, a.pay, selfInstructPrompt(r), between(r, 700, 1300))
				t += int64(between(r, 3, 14)) * 1000
			}
			for j := between(r, 40, 140); j > 0; j-- {
				g.req(t, a.acct, ip, sdk, a.pay, instruction(r), int(lognorm(r, 330, 0.5)))
				t += int64(between(r, 1, 6)) * 1000
			}
			for j := between(r, 30, 70); j > 0; j-- {
				q := qs[r.IntN(len(qs))]
				var p string
				if chance(r, 0.75) {
					p = fmt.Sprintf(judgePair, q, answerText(r), answerText(r))
				} else {
					p = fmt.Sprintf(judgeSingle, q, answerText(r))
				}
				g.req(t, a.acct, ip, sdk, a.pay, p, between(r, 800, 1900))
				t += int64(between(r, 2, 8)) * 1000
			}
		}
		g.organic(r, a, int(lognorm(r, 6, 0.9))+1, func(r *rand.Rand, atSite bool) (string, int) {
			if chance(r, 0.3) {
				return studentQ(r), int(lognorm(r, 900, 0.5))
			}
			return everyday(r), ordTok(r)
		})
	}
}

// ---------------------------------------------------------------- R1: accounts bought from the reseller

var (
	r1Verb   = sp("Walk me through|Take me through|Break down|Work through|Go over|Lay out|Unpack|Talk me through|Explain|Solve|Reason through|Tackle")
	r1Obj    = sp("this problem|the following|this question|the task below|this one|the item below|what follows|the exercise below")
	r1DVerb  = sp("Show|Include|Give|Spell out|Write out|Make explicit|Document")
	r1DObj   = sp("every step|all intermediate reasoning|each derivation|the full chain of reasoning|every calculation|each inference|all the working")
	r1DEnd   = sp("and check the result at the end|and state the final answer clearly|then summarise in two lines|and flag any assumptions|before the final answer|with no skipped steps|and verify it a second way")
	r1Prefix = sp("Context: I'm preparing study material.|For my notes:|Quick one.|I need this for a review sheet.|Please be thorough.|Take your time with this.|This is for a workbook I'm writing.")
)

func r1Prompt(r *rand.Rand) string {
	ask := pick(r, r1Verb) + " " + pick(r, r1Obj)
	dem := pick(r, r1DVerb) + " " + pick(r, r1DObj) + " " + pick(r, r1DEnd) + "."
	p := payload(r)
	var s string
	switch r.IntN(3) {
	case 0:
		s = ask + ": " + p + " " + dem
	case 1:
		s = p + "\n\n" + ask + ". " + dem
	default:
		s = dem + " " + ask + ":\n" + p
	}
	if chance(r, 0.3) {
		s = pick(r, r1Prefix) + " " + s
	}
	return s
}

func (g *gen) ringResellerBought() {
	r := stream(g.seed, "ring-reseller-bought")
	g.begin("ring-reseller-bought", "bought-reseller-accounts", true)
	in := g.in
	shop := in.shop
	pk := in.by["PK"]
	// four bulk orders
	var orders [][]int64
	for _, d := range []int{-20, -6, 2, 6} {
		orders = append(orders, resellerBatch(r, d, between(r, 30, 45), pk.tz))
	}
	// exit pool: rented residential addresses in the reseller's markets
	var pool []string
	for i := 0; i < 450; i++ {
		pool = append(pool, in.by[wpick(r, []wopt{{"PK", 50}, {"EG", 25}, {"BD", 25}})].resiExit(r))
	}
	for _, ord := range orders {
		for _, ms := range ord {
			rg := in.by[wpick(r, []wopt{{"PK", 50}, {"EG", 25}, {"BD", 25}})]
			acct := g.newAcct(r)
			email := g.resellerMade(r, rg.flavor, acct)
			c := shop.cardAt(r, ms)
			pay, pay2, pay2From := c.val, "", int64(0)
			g.signup(ms, acct, email, shop.ipAt(ms), shop.laptops[r.IntN(2)], pay)
			dev := uniqFP(r)
			if chance(r, 0.3) {
				dev = in.desk[r.IntN(6)]
			}
			startD, _ := localDay(ms, pk.tz)
			startD++
			if startD < 0 {
				startD = r.IntN(6)
			}
			days := between(r, 5, 10)
			if c.to < winEnd {
				pay2, pay2From = shop.cardAt(r, c.to).val, c.to+int64(between(r, 1, 24))*hourMs
			}
			rate := lognorm(r, 32, 0.45)
			for d := startD; d < startD+days && d < nDays; d++ {
				exit := pick(r, pool)
				nReq := int(rate * uf(r, 0.7, 1.3))
				sess := between(r, 2, 4)
				for s := 0; s < sess; s++ {
					t := localMs(d, uf(r, 18, 27), pk.tz)
					for j := 0; j < nReq/sess; j++ {
						p, tok := r1Prompt(r), between(r, 1800, 4000)
						if chance(r, 0.15) {
							p, tok = everyday(r), ordTok(r)
						}
						py := pay
						if pay2 != "" && t >= pay2From {
							py = pay2
						}
						g.req(t, acct, exit, dev, py, p, tok)
						t += int64(between(r, 40, 150)) * 1000
					}
				}
			}
		}
	}
}

// ---------------------------------------------------------------- R2: Self-Instruct generation in hosted notebooks

func (g *gen) ringSelfInstruct() {
	r := stream(g.seed, "ring-self-instruct")
	g.begin("ring-self-instruct", "self-instruct-notebooks", true)
	in := g.in
	uk := in.by["UK"]
	homeA, homeB := g.homeAddr(r, uk, 0), g.homeAddr(r, uk, 1)
	laptop := uniqFP(r)
	bins := []string{pick(r, in.bins), pick(r, in.bins)}
	type acc struct {
		id         string
		pay, fp    string
		start, end int
		rate       float64
	}
	var accs []acc
	d := -50
	target := between(r, 140, 180)
	for len(accs) < target && d <= 2 {
		size := between(r, 8, 12)
		t := localMs(d, uf(r, 19, 22.5), uk.tz)
		for i := 0; i < size && len(accs) < target; i++ {
			a := acc{id: g.newAcct(r), pay: g.cardBIN(r, pick(r, bins)), fp: in.sdkPy}
			if chance(r, 0.15) {
				a.fp = in.sdkHttpx
			}
			ip := homeA
			if d >= -20 {
				ip = homeB
			}
			g.signup(t, a.id, g.personMail(r, uk, "en", a.id), ip, laptop, a.pay)
			sd, _ := localDay(t, 0)
			a.start = sd + 1
			if a.start < 0 {
				a.start = r.IntN(5)
			}
			a.end = a.start + between(r, 6, 10)
			a.rate = lognorm(r, 75, 0.35)
			accs = append(accs, a)
			t += int64(between(r, 40, 120)) * 1000
		}
		d += between(r, 2, 5)
	}
	for day := 0; day < nDays; day++ {
		type session struct {
			ip         string
			start, end int64
		}
		var ss []session
		for k := between(r, 5, 7); k > 0; k-- {
			st := localMs(day, uf(r, 0, 20), 0)
			ss = append(ss, session{pick(r, in.notebook).at(between(r, 2, 254)), st, st + int64(uf(r, 4, 11)*float64(hourMs))})
		}
		for _, a := range accs {
			if day < a.start || day >= a.end {
				continue
			}
			mine := []session{pick(r, ss)}
			if chance(r, 0.3) {
				mine = append(mine, pick(r, ss))
			}
			n := int(a.rate * uf(r, 0.8, 1.2))
			for j := 0; j < n; j++ {
				s := mine[j%len(mine)]
				t := s.start + r.Int64N(s.end-s.start)
				if chance(r, 0.12) {
					g.req(t, a.id, s.ip, a.fp, a.pay, selfInstructPrompt(r), between(r, 700, 1400))
				} else {
					g.req(t, a.id, s.ip, a.fp, a.pay, instruction(r), int(lognorm(r, 330, 0.5)))
				}
			}
		}
	}
}

// ---------------------------------------------------------------- R3: preference harvesting through the public judge prompt

const r3Rubric = `[System]
You are grading answers for a reward-model dataset. Score the response on five axes: correctness, reasoning depth, completeness, clarity and safety, each from 1 to 10. Then write a critique of at least 150 words that explains every deduction, and rewrite the weakest paragraph. Return the scores as "[[c,r,co,cl,s]]".

[Prompt]
%s

[Response]
%s`

func (g *gen) ringJudge() {
	r := stream(g.seed, "ring-judge-harvest")
	g.begin("ring-judge-harvest", "judge-prompt-preference-harvest", true)
	in := g.in
	regs := []wopt{{"US-E", 35}, {"US-C", 20}, {"US-W", 25}, {"UK", 20}}
	var pool []string
	for i := 0; i < 700; i++ {
		pool = append(pool, in.by[wpick(r, regs)].resiExit(r))
	}
	question := func(r *rand.Rand) string {
		switch x := r.Float64(); {
		case x < 0.3:
			return strings.TrimSpace(everyday(r))
		case x < 0.6:
			return bankQ(r)
		case x < 0.7:
			return contestQ(r)
		}
		if chance(r, 0.5) {
			return codingTask(r)
		}
		return fmt.Sprintf("Write a %s function that %s.", pick(r, sp("Python|JavaScript|Go|Java")), pick(r, codeTask))
	}
	n := int(210 * uf(r, 0.88, 1.12))
	type acc struct {
		id, pay, dev string
		exits        map[int]string
		start, end   int
		rate         float64
	}
	var accs []*acc
	for i := 0; i < n; i++ {
		rg := in.by[wpick(r, regs)]
		a := &acc{id: g.newAcct(r), pay: g.card(r), dev: in.desk[r.IntN(6)], exits: map[int]string{}}
		ms := winMs + int64(uf(r, -40, 8)*float64(dayMs))
		g.signup(ms, a.id, g.personMail(r, rg, "en", a.id), rg.resiExit(r), a.dev, a.pay)
		sd, _ := localDay(ms, 0)
		a.start = sd + 1
		if a.start < 0 {
			a.start = r.IntN(8)
		}
		a.end = a.start + between(r, 5, 9)
		a.rate = lognorm(r, 30, 0.3)
		accs = append(accs, a)
	}
	for _, a := range accs {
		for d := a.start; d < a.end && d < nDays; d++ {
			blk := d / 2
			if _, ok := a.exits[blk]; !ok {
				a.exits[blk] = pick(r, pool)
			}
			k := int(a.rate * uf(r, 0.8, 1.2))
			if k > 144 {
				k = 144
			}
			for _, tick := range r.Perm(144)[:k] {
				t := winMs + int64(d)*dayMs + int64(tick)*10*minMs + int64(uf(r, 0.3, 3.8)*1000)
				q := question(r)
				var p string
				var tok int
				switch x := r.Float64(); {
				case x < 0.45:
					p, tok = fmt.Sprintf(judgeSingle, q, answerText(r)), between(r, 900, 2000)
				case x < 0.7:
					p, tok = fmt.Sprintf(judgePair, q, answerText(r), answerText(r)), between(r, 1600, 3400)
				default:
					p, tok = fmt.Sprintf(r3Rubric, q, answerText(r)), between(r, 1400, 3000)
				}
				g.req(t, a.id, a.exits[blk], a.dev, a.pay, p, tok)
			}
		}
	}
}

// ---------------------------------------------------------------- R4: human click farm on shared office PCs

var r4Sheet = sp("Answer in full detail with every step: %s|%s\nExplain thoroughly, show all working.|Please solve completely: %s|Detailed solution needed - %s|%s (give long explanation with all steps)|Solve and explain each step clearly. %s|Full answer please, do not skip steps: %s|%s\n\nWrite the complete solution.|Give step-by-step detailed answer for: %s|Explain like a teacher with full working: %s")

func typo(r *rand.Rand, s string) string {
	w := strings.Fields(s)
	if len(w) < 3 {
		return s
	}
	i := r.IntN(len(w))
	b := []byte(w[i])
	if len(b) > 3 {
		j := 1 + r.IntN(len(b)-2)
		if chance(r, 0.5) {
			b[j], b[j+1] = b[j+1], b[j]
		} else {
			b = append(b[:j], b[j+1:]...)
		}
		w[i] = string(b)
	}
	return strings.Join(w, " ")
}

func (g *gen) ringClickFarm() {
	r := stream(g.seed, "ring-click-farm")
	g.begin("ring-click-farm", "click-farm-office", true)
	in := g.in
	bd := in.by["BD"]
	fibre := pick(r, bd.biz).at(between(r, 2, 250))
	// the operator's spreadsheet: each row is given to three accounts on different PCs
	var sheet []string
	for i := 0; i < 3000; i++ {
		sheet = append(sheet, payload(r))
	}
	nPC := between(r, 28, 34)
	type acc struct {
		id, pay, fp string
		shift       int
		start       int64
	}
	var accs []*acc
	outage := map[int]bool{r.IntN(nDays): true, r.IntN(nDays): true}
	for pc := 0; pc < nPC; pc++ {
		fp := uniqFP(r)
		for sh := 0; sh < 2; sh++ {
			card := g.card(r)
			for k := 0; k < 3; k++ {
				a := &acc{id: g.newAcct(r), pay: card, fp: fp, shift: sh}
				ms := winMs + int64(uf(r, -30, 5)*float64(dayMs))
				d, _ := localDay(ms, bd.tz)
				ms = localMs(d, float64(8+8*sh)+uf(r, 0.2, 7.5), bd.tz)
				g.signup(ms, a.id, g.personMail(r, bd, "bd", a.id), fibre, fp, a.pay)
				a.start = ms + 10*minMs
				accs = append(accs, a)
			}
		}
	}
	// each day's request slots, in time order; each spreadsheet row goes to three consecutive
	// slots, which are almost always three different accounts working at the same time
	row := 0
	for d := 0; d < nDays; d++ {
		if wd(d) == 4 { // Friday off
			continue
		}
		type slot struct {
			t int64
			a *acc
		}
		var slots []slot
		for _, a := range accs {
			st := localMs(d, float64(8+8*a.shift), bd.tz)
			if st+8*hourMs < a.start || chance(r, 0.08) {
				continue
			}
			k := between(r, 6, 14)
			t := st + int64(uf(r, 0.1, 1)*float64(hourMs))
			for j := 0; j < k; j++ {
				t += int64(between(r, 60, 400))*1000 + int64(uf(r, 0, 0.5)*float64(hourMs))
				if t > st+8*hourMs || t < a.start {
					continue
				}
				slots = append(slots, slot{t, a})
			}
		}
		sort.SliceStable(slots, func(i, j int) bool { return slots[i].t < slots[j].t })
		for _, s := range slots {
			ip := fibre
			if outage[d] {
				_, h := localDay(s.t, bd.tz)
				if h > 11 && h < 19 {
					ip = bd.carrierIP(r, 0)
				}
			}
			p := fmt.Sprintf(pick(r, r4Sheet), sheet[(row/3)%len(sheet)])
			row++
			if chance(r, 0.08) {
				p = typo(r, p)
			}
			if chance(r, 0.2) {
				p = strings.ToLower(p)
			}
			g.req(s.t, s.a.id, ip, s.a.fp, s.a.pay, p, between(r, 1800, 3800))
		}
	}
}

// ---------------------------------------------------------------- checks and output

func (g *gen) check() error {
	signups := map[string]int64{}
	count := map[string]int{}
	for _, rc := range g.recs {
		if rc.signup {
			count[rc.acct]++
			signups[rc.acct] = rc.ms
		}
		if _, err := netip.ParseAddr(rc.ip); err != nil {
			return fmt.Errorf("bad ip %q for %s", rc.ip, rc.acct)
		}
		if rc.dev == "" {
			return fmt.Errorf("no device for %s", rc.acct)
		}
	}
	for _, rc := range g.recs {
		if !rc.signup && rc.ms < signups[rc.acct] {
			return fmt.Errorf("request before signup for %s", rc.acct)
		}
	}
	seen := map[string]string{}
	for _, gr := range g.grps {
		for _, a := range gr.Accounts {
			if seen[a] != "" {
				return fmt.Errorf("%s in %s and %s", a, seen[a], gr.ID)
			}
			seen[a] = gr.ID
			if count[a] != 1 {
				return fmt.Errorf("%s has %d signups", a, count[a])
			}
		}
	}
	if len(seen) != len(count) {
		return fmt.Errorf("%d accounts in groups, %d with signups", len(seen), len(count))
	}
	return nil
}

func main() {
	seed := flag.Uint64("seed", 1, "scenario seed")
	out := flag.String("out", "traffic.jsonl", "traffic output (JSON Lines)")
	truthPath := flag.String("truth", "truth.json", "ground truth output")
	quiet := flag.Bool("quiet", false, "no summary on stderr")
	flag.Parse()
	g := &gen{seed: *seed, accts: map[string]bool{}, boxes: map[string]bool{}, cards: map[string]bool{}, homes: map[string]bool{}, u16: map[[2]byte]bool{}}
	g.in = g.buildInfra()
	g.background()
	g.hospital()
	g.resellerCustomers()
	g.potd()
	g.qaFarm()
	g.coaching()
	g.nlpCourse()
	g.ringResellerBought()
	g.ringSelfInstruct()
	g.ringJudge()
	g.ringClickFarm()
	if err := g.check(); err != nil {
		fmt.Fprintln(os.Stderr, "probe8:", err)
		os.Exit(1)
	}
	sort.Slice(g.recs, func(i, j int) bool {
		if g.recs[i].ms != g.recs[j].ms {
			return g.recs[i].ms < g.recs[j].ms
		}
		return g.recs[i].seq < g.recs[j].seq
	})
	f, err := os.Create(*out)
	if err != nil {
		fmt.Fprintln(os.Stderr, "probe8:", err)
		os.Exit(1)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, rc := range g.recs {
		o := outRec{TS: time.UnixMilli(rc.ms).UTC().Format("2006-01-02T15:04:05.000Z07:00"), Account: rc.acct, IP: rc.ip, Device: rc.dev, Payment: rc.pay}
		if rc.signup {
			o.Type, o.Email = "signup", rc.email
		} else {
			o.Prompt, o.Tokens = rc.prompt, rc.tok
		}
		if err := enc.Encode(o); err != nil {
			fmt.Fprintln(os.Stderr, "probe8:", err)
			os.Exit(1)
		}
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, "probe8:", err)
		os.Exit(1)
	}
	f.Close()
	truth := struct {
		Rings  []*group `json:"rings"`
		Decoys []*group `json:"decoys"`
	}{[]*group{}, []*group{}}
	for _, gr := range g.grps {
		if gr.ring {
			truth.Rings = append(truth.Rings, gr)
		} else {
			truth.Decoys = append(truth.Decoys, gr)
		}
	}
	tb, _ := json.Marshal(truth)
	if err := os.WriteFile(*truthPath, append(tb, '\n'), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "probe8:", err)
		os.Exit(1)
	}
	if !*quiet {
		tot := 0
		for _, gr := range g.grps {
			kind := "decoy"
			if gr.ring {
				kind = "ring"
			}
			fmt.Fprintf(os.Stderr, "%-24s %-5s %6d accounts %8d requests\n", gr.ID, kind, len(gr.Accounts), gr.reqs)
			tot += len(gr.Accounts)
		}
		fmt.Fprintf(os.Stderr, "total %d accounts, %d records\n", tot, len(g.recs))
	}
}
