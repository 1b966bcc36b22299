// Command probe writes an out-of-distribution scenario for ringlink: about
// 25,000 accounts and 350,000 traffic records over 12 days, with legitimate
// populations that share infrastructure the way real ones do (households,
// corporate NATs, a carrier CGNAT, a hackathon, a SaaS integrator, a
// classroom, a translation company, a marketing campaign, an open-source
// client) and eight extraction rings, each hiding behind one of them. It is a
// black-box probe: it was written from SPEC.md and the README only.
//
//	go run ./bench/probe --seed 1 --out traffic.jsonl --truth truth.json
//
// The output depends only on --seed (math/rand/v2 PCG, fixed base date).
package main

import (
	"bufio"
	"cmp"
	"encoding/json"
	"flag"
	"fmt"
	"hash/fnv"
	"io"
	"math"
	"math/rand/v2"
	"net/netip"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"
)

const (
	day  = int64(86400)
	hour = int64(3600)
	days = 12
)

var (
	base = time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC).Unix() // a Thursday
	end  = base + days*day
)

type rec struct {
	ts     int64
	acct   int32
	signup bool
	ip     string
	dev    string
	pay    string
	prompt string
	tokens int32
}

type account struct {
	id    string
	email string
}

type group struct {
	ID       string   `json:"id"`
	Kind     string   `json:"kind"`
	Accounts []string `json:"accounts"`
	members  []int32
}

func (gr *group) add(a int32) { gr.members = append(gr.members, a) }

type gen struct {
	seed   uint64
	idr    *rand.Rand
	ids    map[string]struct{}
	emails map[string]struct{}
	accts  []account
	recs   []rec
	rings  []*group
	decoys []*group

	venueIPs      []string
	integratorIPs []string
	integratorDev string
	vpnExits      []string
	cafeIPs       []string
}

func fnv64(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(s))
	return h.Sum64()
}

func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// fp is the opaque device fingerprint of a named browser, app or machine.
func fp(name string) string { return fmt.Sprintf("dfp_%016x", mix64(fnv64("device/"+name))) }

func newPay(r *rand.Rand) string { return fmt.Sprintf("pm_%016x", r.Uint64()) }

// rng gives each population its own stream, so populations do not shift
// each other when one is changed.
func (g *gen) rng(name string) *rand.Rand { return rand.New(rand.NewPCG(g.seed, fnv64(name))) }

func (g *gen) ring(id, kind string) *group {
	gr := &group{ID: id, Kind: kind}
	g.rings = append(g.rings, gr)
	return gr
}

func (g *gen) decoy(id, kind string) *group {
	gr := &group{ID: id, Kind: kind}
	g.decoys = append(g.decoys, gr)
	return gr
}

const idAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789"

func (g *gen) newAccount(email string, gr *group) int32 {
	var id string
	for {
		b := []byte("acct_0000000000")
		for i := 5; i < len(b); i++ {
			b[i] = idAlphabet[g.idr.IntN(len(idAlphabet))]
		}
		id = string(b)
		if _, dup := g.ids[id]; !dup {
			break
		}
	}
	g.ids[id] = struct{}{}
	g.accts = append(g.accts, account{id: id, email: email})
	a := int32(len(g.accts) - 1)
	gr.add(a)
	return a
}

func (g *gen) signup(a int32, ts int64, ip, dev, pay string) {
	g.recs = append(g.recs, rec{ts: ts, acct: a, signup: true, ip: ip, dev: dev, pay: pay})
}

func (g *gen) req(a int32, ts int64, ip, dev, pay, prompt string, tokens int32) {
	g.recs = append(g.recs, rec{ts: ts, acct: a, ip: ip, dev: dev, pay: pay, prompt: prompt, tokens: tokens})
}

// ---------- weighted choices, names, e-mails ----------

type wstr struct {
	s string
	w float64
}

func pickW(r *rand.Rand, xs []wstr) string {
	return pickBy(r, xs, func(x wstr) float64 { return x.w }).s
}

// pickBy picks one of xs with probability proportional to weight.
func pickBy[T any](r *rand.Rand, xs []T, weight func(T) float64) T {
	tot := 0.0
	for _, x := range xs {
		tot += weight(x)
	}
	u := r.Float64() * tot
	for _, x := range xs {
		u -= weight(x)
		if u < 0 {
			return x
		}
	}
	return xs[len(xs)-1]
}

func pick(r *rand.Rand, xs []string) string { return xs[r.IntN(len(xs))] }

var firstNames = []string{"james", "mary", "john", "patricia", "robert", "jennifer", "michael", "linda", "david", "elizabeth", "william", "sarah",
	"daniel", "karen", "matthew", "nancy", "anthony", "lisa", "mark", "emily", "luca", "giulia", "lukas", "anna", "leon", "marie", "hugo", "chloe",
	"mateo", "lucia", "noah", "emma", "liam", "olivia", "arjun", "priya", "wei", "mei", "hiroshi", "yuki", "minjun", "seoyeon", "ahmed", "fatima",
	"omar", "layla", "ivan", "olga", "piotr", "zofia", "kwame", "amara", "diego", "camila", "sven", "ingrid", "tomas", "eva", "raj", "ananya",
	"ethan", "ava", "lucas", "mia", "finn", "nora", "jonas", "lea", "pedro", "ines"}

var lastNames = []string{"smith", "johnson", "williams", "brown", "jones", "garcia", "miller", "davis", "rodriguez", "martinez", "hernandez", "lopez",
	"wilson", "anderson", "thomas", "taylor", "moore", "jackson", "martin", "lee", "müller", "schmidt", "schneider", "fischer", "weber", "rossi",
	"russo", "ferrari", "dubois", "moreau", "laurent", "kowalski", "nowak", "wisniewski", "ivanov", "petrov", "tanaka", "suzuki", "sato", "kim",
	"park", "choi", "wang", "li", "zhang", "chen", "patel", "sharma", "singh", "gupta", "khan", "ali", "hassan", "silva", "santos", "oliveira",
	"jensen", "nielsen", "hansen", "larsen", "okafor", "mensah", "novak", "horvat", "murphy", "kelly", "obrien", "walsh", "nguyen", "tran"}

var personalDomains = []wstr{{"gmail.com", 40}, {"outlook.com", 10}, {"hotmail.com", 6}, {"yahoo.com", 9}, {"icloud.com", 7}, {"proton.me", 3},
	{"aol.com", 2}, {"gmx.de", 3}, {"web.de", 2}, {"orange.fr", 2}, {"comcast.net", 3}, {"hotmail.co.uk", 2}, {"yahoo.co.jp", 1}, {"naver.com", 1},
	{"mail.ru", 1}, {"libero.it", 1}}

var disposableDomains = []wstr{{"mailinator.com", 3}, {"guerrillamail.com", 2}, {"yopmail.com", 3}, {"sharklasers.com", 1}, {"10minutemail.com", 2},
	{"dispostable.com", 1}, {"trashmail.com", 1}, {"maildrop.cc", 2}, {"getnada.com", 1}, {"tempmail.plus", 1}}

func ascii(s string) string {
	return strings.NewReplacer("ü", "ue", "ö", "oe", "ä", "ae").Replace(s)
}

// canon mirrors the SPEC's canonicalisation closely enough to keep unrelated
// people from sharing an address by accident.
func canon(e string) string {
	e = strings.ToLower(e)
	at := strings.LastIndexByte(e, '@')
	local, dom := e[:at], e[at+1:]
	if i := strings.IndexByte(local, '+'); i >= 0 {
		local = local[:i]
	}
	if dom == "gmail.com" || dom == "googlemail.com" {
		local = strings.ReplaceAll(local, ".", "")
		dom = "gmail.com"
	}
	return local + "@" + dom
}

// uniqueEmail returns local@dom, or a numbered variant when someone else has it.
func (g *gen) uniqueEmail(r *rand.Rand, local, dom string) string {
	e := local + "@" + dom
	for {
		if _, dup := g.emails[canon(e)]; !dup {
			g.emails[canon(e)] = struct{}{}
			return e
		}
		head, tag, _ := strings.Cut(local, "+") // the number must survive canonicalisation
		if tag != "" {
			tag = "+" + tag
		}
		e = fmt.Sprintf("%s%d%s@%s", head, 1+r.IntN(999), tag, dom)
	}
}

func (g *gen) personEmail(r *rand.Rand, first, last, dom string) string {
	first, last = ascii(first), ascii(last)
	var local string
	switch r.IntN(9) {
	case 0, 1:
		local = first + "." + last
	case 2:
		local = first + last
	case 3:
		local = first[:1] + last
	case 4:
		local = first + "_" + last
	case 5:
		local = fmt.Sprintf("%s.%s%d", first, last, 10+r.IntN(90))
	case 6:
		local = fmt.Sprintf("%s%d", first, 1960+r.IntN(50))
	case 7:
		local = last + "." + first
	default:
		local = fmt.Sprintf("%s%s%d", first, last[:1], r.IntN(1000))
	}
	if r.Float64() < 0.05 {
		local = strings.ToUpper(local[:1]) + local[1:]
	}
	return g.uniqueEmail(r, local, dom)
}

// randomLocal is a throwaway-looking local part.
func randomLocal(r *rand.Rand, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = idAlphabet[r.IntN(len(idAlphabet))]
	}
	b[0] = idAlphabet[r.IntN(26)]
	return string(b)
}

// ---------- devices ----------

var desktopPop = []wstr{{"chrome-130-win11", 24}, {"chrome-130-macos", 12}, {"safari-18-macos", 10}, {"edge-130-win11", 9},
	{"firefox-131-win11", 5}, {"chrome-129-win10", 6}}
var mobilePop = []wstr{{"safari-18-ios", 16}, {"chrome-130-android", 12}, {"app-ios-3.4", 6}, {"app-android-3.4", 5}}

func desktopDev(r *rand.Rand) string {
	if r.Float64() < 0.8 {
		return fp(pickW(r, desktopPop))
	}
	return fp(fmt.Sprintf("rare-desktop-%d", r.IntN(4000)))
}

func mobileDev(r *rand.Rand) string {
	if r.Float64() < 0.85 {
		return fp(pickW(r, mobilePop))
	}
	return fp(fmt.Sprintf("rare-mobile-%d", r.IntN(2500)))
}

var iosDevs = map[string]bool{fp("safari-18-ios"): true, fp("app-ios-3.4"): true}

// ---------- addresses ----------

// Residential ISPs: 48 /16s, each handing out addresses from 64 of its /24s,
// so a /24 holds a few unrelated homes (and proxy exits), as in real pools.
var resBlocks = [][2]int{{24, 5}, {24, 12}, {67, 160}, {67, 183}, {73, 12}, {73, 41}, {73, 158}, {98, 116}, {98, 210}, {76, 103}, {71, 56}, {71, 191},
	{68, 4}, {68, 229}, {99, 44}, {99, 110}, {108, 20}, {108, 221}, {174, 53}, {174, 112}, {75, 88}, {75, 166}, {96, 242}, {96, 32}, {82, 12},
	{82, 45}, {86, 140}, {86, 171}, {81, 101}, {81, 157}, {90, 46}, {90, 112}, {92, 74}, {92, 196}, {109, 160}, {109, 41}, {79, 216}, {79, 14},
	{84, 56}, {84, 120}, {93, 133}, {93, 206}, {178, 24}, {178, 190}, {188, 111}, {188, 73}, {151, 20}, {151, 68}}

func resIPIn(r *rand.Rand, i int) string {
	b := resBlocks[i]
	return fmt.Sprintf("%d.%d.%d.%d", b[0], b[1], (r.IntN(64)*4+i)%256, 2+r.IntN(252))
}

func resIP(r *rand.Rand) string { return resIPIn(r, r.IntN(len(resBlocks))) }

// The mobile carrier's CGNAT pool: four /24s shared by every subscriber, a
// new address on almost every request.
var cgnatNets = [][3]int{{172, 58, 12}, {172, 58, 13}, {172, 58, 140}, {172, 58, 141}}

func cgnatIP(r *rand.Rand) string {
	n := cgnatNets[r.IntN(len(cgnatNets))]
	return fmt.Sprintf("%d.%d.%d.%d", n[0], n[1], n[2], 1+r.IntN(254))
}

func netPool(r *rand.Rand, nets [][3]int, n int) []string {
	seen := map[string]bool{}
	var out []string
	for len(out) < n {
		x := nets[r.IntN(len(nets))]
		ip := fmt.Sprintf("%d.%d.%d.%d", x[0], x[1], x[2], 2+r.IntN(250))
		if !seen[ip] {
			seen[ip] = true
			out = append(out, ip)
		}
	}
	return out
}

func resPool(r *rand.Rand, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = resIP(r)
	}
	return out
}

var v6ISPs = []string{"2a02:8108", "2600:1700", "2a01:e0a", "2601:644"}

// home is a household's connection: an IPv4 address that may be renumbered
// once, or an IPv6 /56 whose devices use privacy addresses that change daily.
type home struct {
	ip1, ip2 string
	change   int64
	v6       string
	v6seed   uint64
}

func newHome(r *rand.Rand, v6 bool) *home {
	if v6 {
		return &home{
			v6:     fmt.Sprintf("%s:%x:%x", pick(r, v6ISPs), 0x1000+r.IntN(48)*0x101, r.IntN(256)<<8),
			v6seed: r.Uint64(),
		}
	}
	i := r.IntN(len(resBlocks))
	h := &home{ip1: resIPIn(r, i)}
	if r.Float64() < 0.2 {
		h.ip2 = resIPIn(r, i)
		h.change = base + r.Int64N(days*day)
	}
	return h
}

func (h *home) at(t int64) string {
	if h.v6 != "" {
		d := (t - base) / day
		x := mix64(h.v6seed ^ uint64(d)*0x9e3779b97f4a7c15)
		return fmt.Sprintf("%s:%x:%x:%x:%x", h.v6, x>>48&0xffff|0x100, x>>32&0xffff, x>>16&0xffff, x&0xffff)
	}
	if h.ip2 != "" && t >= h.change {
		return h.ip2
	}
	return h.ip1
}

// ---------- time ----------

const (
	profHome = iota
	profWork
	profStudent
	profMobile
	profFlat
)

var hourWeights = [][24]float64{
	profHome:    {1, 0.6, 0.3, 0.2, 0.2, 0.3, 0.8, 1.5, 2, 2.2, 2.4, 2.6, 2.8, 2.6, 2.5, 2.6, 2.8, 3.2, 3.6, 4.2, 4.6, 4.4, 3.4, 2},
	profWork:    {0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.5, 1.5, 4, 6, 6.5, 6, 4.5, 5.5, 6, 6, 5.5, 4, 2, 1.2, 1, 0.8, 0.5, 0.3},
	profStudent: {1.5, 0.8, 0.3, 0.1, 0.1, 0.1, 0.3, 0.8, 1.2, 1.5, 1.5, 1.5, 1.8, 2, 2.5, 3.5, 4, 4, 4, 4.5, 5, 5, 4, 2.5},
	profMobile:  {1, 0.5, 0.3, 0.2, 0.2, 0.4, 1.2, 2.5, 3, 2.5, 2.2, 2.5, 3.2, 2.8, 2.4, 2.4, 2.8, 3.4, 3.6, 3.6, 3.8, 3.8, 3, 2},
	profFlat:    {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1},
}

func sampleHour(r *rand.Rand, prof int) float64 {
	w := &hourWeights[prof]
	tot := 0.0
	for _, x := range w {
		tot += x
	}
	u := r.Float64() * tot
	for h, x := range w {
		u -= x
		if u < 0 {
			return float64(h) + r.Float64()
		}
	}
	return 23 + r.Float64()
}

// sampleTime draws a moment in [from, to) that follows the profile's hours in
// the person's time zone (tz hours east of UTC); work and school thin out at
// weekends.
func sampleTime(r *rand.Rand, tz float64, prof int, from, to int64) int64 {
	if to <= from+1 {
		return from
	}
	d0 := (from-base)/day - 1
	d1 := (to-base)/day + 1
	for try := 0; try < 80; try++ {
		d := d0 + r.Int64N(d1-d0+1)
		t := base + d*day + int64((sampleHour(r, prof)-tz)*3600)
		if t < from || t >= to {
			continue
		}
		if prof == profWork || prof == profStudent {
			wd := time.Unix(t+int64(tz*3600), 0).UTC().Weekday()
			if (wd == time.Saturday || wd == time.Sunday) && r.Float64() > 0.2 {
				continue
			}
		}
		return t
	}
	return from + r.Int64N(to-from)
}

type tzWeight struct {
	tz float64
	w  float64
}

var tzs = []tzWeight{{-4, 18}, {-5, 10}, {-6, 4}, {-7, 12}, {1, 9}, {2, 20}, {3, 4}, {5.5, 6}, {8, 6}, {9, 4}, {-3, 4}, {10, 3}}

func pickTZ(r *rand.Rand) float64 {
	return pickBy(r, tzs, func(x tzWeight) float64 { return x.w }).tz
}

func logn(r *rand.Rand, median, sigma float64) float64 {
	return median * math.Exp(sigma*r.NormFloat64())
}

func nReq(r *rand.Rand, median, sigma float64, maxN int) int {
	n := int(math.Round(logn(r, median, sigma)))
	return max(1, min(n, maxN))
}

func tok(r *rand.Rand, median, sigma float64, lo, hi int) int32 {
	return int32(max(lo, min(hi, int(logn(r, median, sigma)))))
}

// ---------- people ----------

type promptFn func(r *rand.Rand) (prompt string, tokens int32, dev string)

type person struct {
	a       int32
	tz      float64
	prof    int
	home    *home
	vpnP    float64
	cafeDay int64
	cafeIP  string
	nat     []string
	natP    float64
	cgnatP  float64
	dev1    string
	dev2    string
	dev2P   float64
	pay     string
	prompt  promptFn
}

func (g *gen) ipOf(r *rand.Rand, p *person, t int64) string {
	if p.cafeIP != "" && t >= base && (t-base)/day == p.cafeDay {
		return p.cafeIP
	}
	if p.vpnP > 0 && r.Float64() < p.vpnP {
		return pick(r, g.vpnExits)
	}
	if len(p.nat) > 0 && r.Float64() < p.natP {
		return pick(r, p.nat)
	}
	if p.home == nil || (p.cgnatP > 0 && r.Float64() < p.cgnatP) {
		return cgnatIP(r)
	}
	return p.home.at(t)
}

func (p *person) dev(r *rand.Rand) string {
	if p.dev2 != "" && r.Float64() < p.dev2P {
		return p.dev2
	}
	return p.dev1
}

// activity spreads n requests over sessions of a few requests each.
func (g *gen) activity(r *rand.Rand, p *person, n int, from, to int64) {
	for n > 0 {
		k := 1
		for k < 12 && r.Float64() < 0.55 {
			k++
		}
		k = min(k, n)
		n -= k
		t := sampleTime(r, p.tz, p.prof, from, to)
		for i := 0; i < k && t < end; i++ {
			text, tk, dev := p.prompt(r)
			if dev == "" {
				dev = p.dev(r)
			}
			g.req(p.a, t, g.ipOf(r, p, t), dev, p.pay, text, tk)
			t += 15 + r.Int64N(300)
		}
	}
}

func freePrompt(r *rand.Rand) (string, int32, string) {
	return casual(r, g0.expand(r, "{free}")), tok(r, 450, 0.8, 20, 4000), ""
}

func mobilePrompt(r *rand.Rand) (string, int32, string) {
	return casual(r, g0.expand(r, "{shortfree}")), tok(r, 300, 0.7, 20, 2500), ""
}

// signupTime: most people had their account before the window opened.
func signupTime(r *rand.Rand, p *person, inWindow float64) int64 {
	if r.Float64() < inWindow {
		return sampleTime(r, p.tz, p.prof, base, end-6*hour)
	}
	return base - hour - r.Int64N(150*day)
}

// resident is an ordinary person on a home connection.
func (g *gen) resident(r *rand.Rand, gr *group, disposableP float64) *person {
	first, last := pick(r, firstNames), pick(r, lastNames)
	var email string
	if r.Float64() < disposableP {
		email = g.personEmail(r, first, last, pickW(r, disposableDomains))
	} else {
		email = g.personEmail(r, first, last, pickW(r, personalDomains))
	}
	p := &person{a: g.newAccount(email, gr), tz: pickTZ(r), prof: profHome, cafeDay: -1, prompt: freePrompt}
	if r.Float64() < 0.4 {
		p.prof = profWork
	}
	p.home = newHome(r, r.Float64() < 0.15)
	if r.Float64() < 0.7 {
		p.dev1 = desktopDev(r)
		if r.Float64() < 0.35 {
			p.dev2, p.dev2P = mobileDev(r), 0.3
		}
	} else {
		p.dev1 = mobileDev(r)
	}
	if r.Float64() < 0.82 {
		p.pay = newPay(r)
	}
	if r.Float64() < 0.04 {
		p.vpnP = 0.3 + 0.6*r.Float64()
	}
	if r.Float64() < 0.06 {
		p.cafeDay, p.cafeIP = r.Int64N(days), pick(r, g.cafeIPs)
	}
	return p
}

func (g *gen) live(r *rand.Rand, p *person, n int, inWindow float64) {
	su := signupTime(r, p, inWindow)
	g.signup(p.a, su, g.ipOf(r, p, su), p.dev1, p.pay)
	g.activity(r, p, n, max(base, su+60), end)
}

// ---------- legitimate populations ----------

func (g *gen) background() {
	r := g.rng("background")
	gr := g.decoy("background", "background-residential")
	for range 6600 {
		p := g.resident(r, gr, 0.02)
		g.live(r, p, nReq(r, 6.5, 1.0, 400), 0.25)
	}
}

func (g *gen) ossUsers() {
	r := g.rng("oss")
	gr := g.decoy("oss-client", "open-source-client-users")
	ossDev := fp("codewright-cli-0.14.2")
	for range 2850 {
		p := g.resident(r, gr, 0.01)
		if r.Float64() < 0.6 {
			p.prof = profWork
		}
		share := 0.5 + 0.45*r.Float64()
		p.prompt = func(r *rand.Rand) (string, int32, string) {
			if r.Float64() < share {
				return g0.expand(r, "{oss}"), tok(r, 900, 0.7, 50, 6000), ossDev
			}
			return freePrompt(r)
		}
		g.live(r, p, nReq(r, 10, 1.1, 500), 0.3)
	}
}

func (g *gen) households() {
	r := g.rng("households")
	gr := g.decoy("households", "household")
	sizes := []wstr{{"2", 35}, {"3", 30}, {"4", 25}, {"5", 10}}
	for range 1080 {
		size := int(pickW(r, sizes)[0] - '0')
		last := pick(r, lastNames)
		hm := newHome(r, false)
		tz := pickTZ(r)
		shared := r.Float64() < 0.35
		card := newPay(r)
		famDev := ""
		if r.Float64() < 0.3 {
			famDev = desktopDev(r)
		}
		for m := range size {
			p := &person{tz: tz, prof: profHome, home: hm, cafeDay: -1, prompt: freePrompt}
			p.a = g.newAccount(g.personEmail(r, pick(r, firstNames), last, pickW(r, personalDomains)), gr)
			if m >= 2 {
				p.prof = profStudent
			}
			if r.Float64() < 0.5 {
				p.dev1 = mobileDev(r)
			} else {
				p.dev1 = desktopDev(r)
			}
			if famDev != "" {
				p.dev2, p.dev2P = famDev, 0.5
			}
			if shared {
				p.pay = card
			} else if r.Float64() < 0.6 {
				p.pay = newPay(r)
			}
			g.live(r, p, nReq(r, 5, 1.0, 250), 0.25)
		}
	}
}

func (g *gen) corporate() {
	r := g.rng("corporate")
	corps := []struct {
		id, name, domain string
		n, ips, images   int
		tz               float64
		net              [3]int
	}{
		{"corp-nat-1", "Northwind", "northwind-logistics.com", 1800, 4, 3, -4, [3]int{12, 155, 40}},
		{"corp-nat-2", "Contoso", "contoso-group.de", 900, 3, 2, 2, [3]int{62, 153, 91}},
		{"corp-nat-3", "Fabrikam", "fabrikam.io", 500, 2, 2, -7, [3]int{208, 80, 44}},
	}
	for _, c := range corps {
		gr := g.decoy(c.id, "corporate-nat")
		nat := netPool(r, [][3]int{c.net}, c.ips)
		var images []string
		for i := range c.images {
			images = append(images, fp(fmt.Sprintf("%s-laptop-image-%d", c.name, i)))
		}
		corpT := strings.ReplaceAll(g0["corpt"][r.IntN(2)], "{corp}", c.name)
		for range c.n {
			first, last := pick(r, firstNames), pick(r, lastNames)
			var email string
			if r.Float64() < 0.7 {
				email = g.uniqueEmail(r, ascii(first)+"."+ascii(last), c.domain)
			} else {
				email = g.personEmail(r, first, last, pickW(r, personalDomains))
			}
			p := &person{a: g.newAccount(email, gr), tz: c.tz, prof: profWork, home: newHome(r, r.Float64() < 0.1), cafeDay: -1,
				nat: nat, natP: 0.8, prompt: freePrompt}
			if r.Float64() < 0.8 {
				p.dev1 = pick(r, images)
			} else {
				p.dev1 = desktopDev(r)
			}
			if r.Float64() < 0.15 {
				p.dev2, p.dev2P = mobileDev(r), 0.3
			}
			if r.Float64() < 0.4 {
				p.pay = newPay(r)
			}
			if r.Float64() < 0.3 {
				p.prompt = func(r *rand.Rand) (string, int32, string) {
					if r.Float64() < 0.3 {
						return g0.expand(r, corpT), tok(r, 350, 0.5, 50, 1500), ""
					}
					return freePrompt(r)
				}
			}
			g.live(r, p, nReq(r, 7, 1.0, 300), 0.2)
		}
	}
}

func (g *gen) carrier() {
	r := g.rng("carrier")
	gr := g.decoy("carrier-cgnat", "mobile-cgnat")
	for range 3000 {
		dev := mobileDev(r)
		first, last := pick(r, firstNames), pick(r, lastNames)
		var email string
		if iosDevs[dev] && r.Float64() < 0.35 {
			email = g.uniqueEmail(r, randomLocal(r, 10), "privaterelay.appleid.com")
		} else {
			email = g.personEmail(r, first, last, pickW(r, personalDomains))
		}
		p := &person{a: g.newAccount(email, gr), tz: float64(-4 - r.IntN(4)), prof: profMobile, cafeDay: -1, dev1: dev, prompt: mobilePrompt}
		if r.Float64() < 0.3 { // sometimes on home Wi-Fi
			p.home = newHome(r, r.Float64() < 0.3)
			p.cgnatP = 0.6
		}
		if r.Float64() < 0.45 {
			p.pay = newPay(r)
		}
		g.live(r, p, nReq(r, 4, 0.9, 150), 0.3)
	}
}

// hackathon: 400 participants and, hidden among them, the hackathon-farm ring.
func (g *gen) hackathon() {
	r := g.rng("hackathon")
	gr := g.decoy("hackathon", "hackathon")
	start := base + 2*day + 7*hour // Saturday 09:00 in Berlin
	stop := start + 34*hour
	hackPrompt := func(r *rand.Rand) (string, int32, string) {
		switch x := r.Float64(); {
		case x < 0.45:
			return g0.expand(r, "{hack}"), tok(r, 700, 0.6, 50, 4000), ""
		case x < 0.75:
			return casual(r, g0.expand(r, "{open}{code}")), tok(r, 700, 0.7, 50, 4000), ""
		default:
			return freePrompt(r)
		}
	}
	for range 400 {
		first, last := pick(r, firstNames), pick(r, lastNames)
		dom := pickW(r, personalDomains)
		if r.Float64() < 0.2 {
			dom = "campus.tu-berlin.de"
		}
		p := &person{a: g.newAccount(g.personEmail(r, first, last, dom), gr), tz: 2, prof: profFlat, home: newHome(r, false),
			cafeDay: -1, nat: g.venueIPs, natP: 1, dev1: desktopDev(r), prompt: hackPrompt}
		if r.Float64() < 0.2 {
			p.dev2, p.dev2P = mobileDev(r), 0.2
		}
		if r.Float64() < 0.15 {
			p.pay = newPay(r)
		}
		su := start + int64(3600*math.Pow(r.Float64(), 1.6))
		g.signup(p.a, su, pick(r, g.venueIPs), p.dev1, p.pay)
		g.activity(r, p, nReq(r, 12, 0.7, 90), su+120, stop)
		if r.Float64() < 0.3 {
			p.natP, p.prof, p.prompt = 0, profHome, freePrompt
			g.activity(r, p, nReq(r, 5, 0.8, 60), stop+2*hour, end)
		}
	}

	// hackathon-farm: 80 accounts signed up in the same hour on the venue
	// network, a few starter-kit requests to blend in, then heavy extraction
	// from 20 datacenter addresses and the operator's 5 machines.
	rr := g.rng("ring/hackathon-farm")
	ring := g.ring("ring-hackathon-farm", "hackathon-farm")
	devs := []string{fp("chrome-130-macos"), fp("chrome-130-win11"), fp("farm-laptop-a"), fp("farm-laptop-b"), fp("farm-laptop-c")}
	dc := netPool(rr, [][3]int{{159, 203, 66}, {159, 203, 67}}, 20)
	for i := range 80 {
		a := g.newAccount(g.personEmail(rr, pick(rr, firstNames), pick(rr, lastNames), pickW(rr, personalDomains)), ring)
		dev := devs[i%5]
		su := start + 240 + int64(i)*42 + rr.Int64N(20)
		g.signup(a, su, g.venueIPs[i%2], dev, "")
		t := su + 600 + rr.Int64N(6*hour)
		for range 1 + rr.IntN(3) {
			g.req(a, t, pick(rr, g.venueIPs), dev, "", g0.expand(rr, "{hack}"), tok(rr, 700, 0.6, 50, 4000))
			t += 300 + rr.Int64N(2*hour)
		}
		n := 150 + rr.IntN(150)
		from := start + day + 5*hour
		for n > 0 {
			t := from + rr.Int64N(end-from)
			ip := pick(rr, dc)
			for k := 10 + rr.IntN(20); k > 0 && n > 0 && t < end; k-- {
				g.req(a, t, ip, dev, "", g0.expand(rr, pick(rr, hackFarmT)), tok(rr, 2600, 0.3, 1000, 4096))
				t += 5 + rr.Int64N(35)
				n--
			}
		}
	}
}

// integrator: a SaaS company's 200 customers, each with its own card, all
// calling through its 3 servers and one HTTP client fingerprint; and hidden
// among them the integrator-hidden ring.
func (g *gen) integrator() {
	r := g.rng("integrator")
	gr := g.decoy("saas-integrator", "saas-integrator-customers")
	syll := []string{"blue", "peak", "bright", "loom", "north", "field", "stone", "leaf", "nova", "craft", "pixel", "harbor", "maple", "swift",
		"cedar", "orbit", "luna", "forge", "river", "quill", "atlas", "ember", "pine", "vista"}
	tlds := []string{"com", "io", "co", "shop", "de", "app"}
	for range 200 {
		email := g.uniqueEmail(r, pick(r, []string{"ops", "admin", "dev", "hello", "it", "founders"}), pick(r, syll)+pick(r, syll)+"."+pick(r, tlds))
		p := &person{a: g.newAccount(email, gr), tz: pickTZ(r), prof: profWork, cafeDay: -1, nat: g.integratorIPs, natP: 1,
			dev1: g.integratorDev, pay: newPay(r)}
		p.prompt = func(r *rand.Rand) (string, int32, string) {
			return g0.expand(r, "{biz}"), tok(r, 500, 0.7, 30, 4000), ""
		}
		su := base - day - r.Int64N(300*day)
		g.signup(p.a, su, pick(r, g.integratorIPs), g.integratorDev, p.pay)
		g.activity(r, p, nReq(r, 25, 1.0, 600), base, end)
	}

	rr := g.rng("ring/integrator-hidden")
	ring := g.ring("ring-integrator-hidden", "integrator-hidden")
	cards := make([]string, 15)
	for i := range cards {
		cards[i] = newPay(rr)
	}
	for i := range 150 {
		email := g.uniqueEmail(rr, pick(rr, []string{"ops", "admin", "dev", "hello", "team", "api"}), pick(rr, syll)+pick(rr, syll)+"."+pick(rr, tlds))
		a := g.newAccount(email, ring)
		pay := cards[rr.IntN(15)]
		d := int64(i * 8 / 150)
		su := base + d*day + 2*hour + rr.Int64N(2*hour)
		g.signup(a, su, pick(rr, g.integratorIPs), g.integratorDev, pay)
		t1, t2 := integratorRingT[rr.IntN(4)], integratorRingT[rr.IntN(4)]
		n := 60 + rr.IntN(51)
		for n > 0 {
			t := su + hour + rr.Int64N(end-su-hour)
			for k := 5 + rr.IntN(11); k > 0 && n > 0 && t < end; k-- {
				tpl := t1
				if rr.IntN(3) == 0 {
					tpl = t2
				}
				g.req(a, t, pick(rr, g.integratorIPs), g.integratorDev, pay, g0.expand(rr, tpl), tok(rr, 2200, 0.35, 800, 4096))
				t += 10 + rr.Int64N(80)
				n--
			}
		}
	}
}

func (g *gen) classroom() {
	r := g.rng("classroom")
	gr := g.decoy("classroom", "classroom")
	school := []string{"66.171.20.5", "66.171.20.6"}
	chromebook := fp("chromeos-126-lincoln-hs-image")
	card := newPay(r)
	start := base + 4*day + 14*hour // Monday 10:00 in New York
	classDays := []int64{4, 6, 8, 11}
	prompt := func(r *rand.Rand) string {
		if r.Float64() < 0.8 {
			return g0.expand(r, "{classhw}")
		}
		return casual(r, g0.expand(r, "{homework}"))
	}
	for range 60 {
		first, last := pick(r, firstNames), pick(r, lastNames)
		a := g.newAccount(g.uniqueEmail(r, ascii(first)+"."+ascii(last), "students.lincolnhs.org"), gr)
		g.signup(a, start+r.Int64N(40*60), pick(r, school), chromebook, card)
		for _, d := range classDays {
			t := base + d*day + 14*hour + 300 + r.Int64N(20*60)
			for range 2 + r.IntN(3) {
				g.req(a, t, pick(r, school), chromebook, card, prompt(r), tok(r, 600, 0.5, 80, 2500))
				t += 60 + r.Int64N(500)
			}
		}
		hm := newHome(r, false)
		for range 6 + r.IntN(9) {
			d := int64(4 + r.IntN(8))
			if d == 9 || d == 10 { // weekend
				d = 11
			}
			t := base + d*day + 23*hour + r.Int64N(4*hour)
			if t >= end {
				t = end - r.Int64N(hour) - 1
			}
			g.req(a, t, hm.at(t), chromebook, card, prompt(r), tok(r, 600, 0.5, 80, 2500))
		}
	}
}

func (g *gen) translation() {
	r := g.rng("translation")
	gr := g.decoy("translation-company", "translation-company")
	office := []string{"91.194.210.33", "91.194.210.34"}
	images := []string{fp("linguabridge-win11-image-a"), fp("linguabridge-win11-image-b"), fp("linguabridge-macos-image")}
	cards := []string{newPay(r), newPay(r)}
	created := base - 47*day + 8*hour
	for range 80 {
		first, last := pick(r, firstNames), pick(r, lastNames)
		p := &person{a: g.newAccount(g.uniqueEmail(r, ascii(first)+"."+ascii(last), "linguabridge.eu"), gr), tz: 2, prof: profWork,
			home: newHome(r, false), cafeDay: -1, nat: office, natP: 0.85, dev1: pick(r, images), pay: pick(r, cards)}
		mine := r.Perm(len(translationT))[:2+r.IntN(3)]
		p.prompt = func(r *rand.Rand) (string, int32, string) {
			if r.Float64() < 0.85 {
				return g0.expand(r, translationT[mine[r.IntN(len(mine))]]), tok(r, 3800, 0.35, 1500, 8000), ""
			}
			return freePrompt(r)
		}
		g.signup(p.a, created+r.Int64N(hour), pick(r, office), p.dev1, p.pay)
		g.activity(r, p, nReq(r, 55, 0.45, 200), base, end)
	}
}

func (g *gen) marketing() {
	r := g.rng("marketing")
	gr := g.decoy("marketing-campaign", "marketing-campaign")
	d := base + 5*day // Tuesday
	for range 1500 {
		var su int64
		switch x := r.Float64(); {
		case x < 0.6: // the e-mail blast at 14:00 UTC
			su = d + 14*hour + int64(r.ExpFloat64()*5400)
		case x < 0.85: // the social post at 19:00 UTC
			su = d + 19*hour + int64(r.ExpFloat64()*2400)
		default:
			su = d + r.Int64N(day)
		}
		su = min(su, d+day-60)
		first, last := pick(r, firstNames), pick(r, lastNames)
		dom := pickW(r, personalDomains)
		var email string
		if dom == "gmail.com" && r.Float64() < 0.25 {
			email = g.uniqueEmail(r, ascii(first)+ascii(last)+"+promo", dom)
		} else {
			email = g.personEmail(r, first, last, dom)
		}
		p := &person{a: g.newAccount(email, gr), tz: pickTZ(r), prof: profHome, cafeDay: -1, prompt: freePrompt}
		if r.Float64() < 0.8 {
			p.home = newHome(r, r.Float64() < 0.15)
			p.dev1 = desktopDev(r)
		} else {
			p.dev1, p.prompt = mobileDev(r), mobilePrompt
		}
		if r.Float64() < 0.2 {
			p.pay = newPay(r)
		}
		g.signup(p.a, su, g.ipOf(r, p, su), p.dev1, p.pay)
		n := nReq(r, 2, 0.8, 30)
		t := su + 60 + r.Int64N(900)
		if r.Float64() < 0.7 {
			g.req(p.a, t, g.ipOf(r, p, t), p.dev1, p.pay, g0.expand(r, "{promo}"), tok(r, 180, 0.3, 60, 400))
			n--
		}
		if n > 0 {
			g.activity(r, p, n, t+60, end)
		}
	}
}

// ---------- rings ----------

// slow-bin: 500 accounts, each a distinct card and only 3-8 requests, spread
// over residential proxies; every prompt is paraphrased.
func (g *gen) slowBin() {
	r := g.rng("ring/slow-bin")
	ring := g.ring("ring-slow-bin", "slow-bin")
	pool := resPool(r, 1200)
	for range 500 {
		a := g.newAccount(g.personEmail(r, pick(r, firstNames), pick(r, lastNames), pickW(r, personalDomains)), ring)
		pay := newPay(r)
		dev := fp(pickW(r, desktopPop))
		su := base + r.Int64N(11)*day + hour + r.Int64N(12*hour) // operator works 01-13 UTC
		g.signup(a, su, pick(r, pool), dev, pay)
		t := su + 600 + r.Int64N(6*hour)
		for range 3 + r.IntN(6) {
			if t >= end {
				break
			}
			g.req(a, t, pick(r, pool), dev, pay, g0.expand(r, "{slowbin}"), tok(r, 2600, 0.3, 1000, 4096))
			t += 20*60 + r.Int64N(14*hour)
		}
	}
}

// daily-rotate: 300 accounts, a new extraction template every day, nightly
// batches from a hosting provider, 8 headless machines, 20 prepaid cards.
func (g *gen) dailyRotate() {
	r := g.rng("ring/daily-rotate")
	ring := g.ring("ring-daily-rotate", "daily-rotate")
	var tpl []string
	for range days {
		tpl = append(tpl, pick(r, dailyRole)+" "+pick(r, dailyInstr)+" "+pick(r, dailyFmt)+"\n\n"+pick(r, dailyWrap))
	}
	dc := netPool(r, [][3]int{{45, 77, 52}, {45, 77, 53}, {104, 248, 17}}, 60)
	devs := make([]string, 8)
	for i := range devs {
		devs[i] = fp(fmt.Sprintf("headless-chrome-124-linux-%d", i))
	}
	cards := make([]string, 20)
	for i := range cards {
		cards[i] = newPay(r)
	}
	var bases []string
	for range 12 {
		bases = append(bases, ascii(pick(r, firstNames))+ascii(pick(r, lastNames))+fmt.Sprint(10+r.IntN(90)))
	}
	used := map[string]bool{}
	type acc struct {
		a        int32
		su       int64
		dev, pay string
	}
	var accs []acc
	for i := range 300 {
		var email string
		if r.Float64() < 0.4 { // gmail dot and +tag variants of a dozen mailboxes
			for {
				b := []byte(pick(r, bases))
				var s strings.Builder
				for j, c := range b {
					if j > 0 && r.IntN(4) == 0 {
						s.WriteByte('.')
					}
					s.WriteByte(c)
				}
				if r.IntN(3) == 0 {
					s.WriteString("+" + randomLocal(r, 4))
				}
				if !used[s.String()] {
					used[s.String()] = true
					email = s.String() + "@gmail.com"
					g.emails[canon(email)] = struct{}{}
					break
				}
			}
		} else {
			email = g.personEmail(r, pick(r, firstNames), pick(r, lastNames), pickW(r, personalDomains))
		}
		a := g.newAccount(email, ring)
		batch := int64(i / 30)
		su := base + batch*(48*hour/10) + r.Int64N(15*60)
		x := acc{a: a, su: su, dev: devs[r.IntN(8)], pay: cards[r.IntN(20)]}
		accs = append(accs, x)
		g.signup(a, su, pick(r, dc), x.dev, x.pay)
	}
	for d := range int64(days) {
		night := base + d*day + hour
		for _, x := range accs {
			if x.su > night || r.Float64() > 0.85 {
				continue
			}
			ip := pick(r, dc)
			t := night + r.Int64N(150*60)
			for range 3 + r.IntN(5) {
				g.req(x.a, t, ip, x.dev, x.pay, g0.expand(r, tpl[d]), tok(r, 2400, 0.3, 900, 4096))
				t += 20 + r.Int64N(240)
			}
		}
	}
}

// signup-waves: 2,000 accounts in 20 waves of 100 signups within 10
// minutes, 6 machines, a fresh residential proxy per request, no card, and
// extraction prompts that read like free-form curiosity.
func (g *gen) signupWaves() {
	r := g.rng("ring/signup-waves")
	ring := g.ring("ring-signup-waves", "signup-waves")
	devs := []string{fp("chrome-130-win11"), fp("chrome-129-win10"), fp("wave-box-1"), fp("wave-box-2"), fp("wave-box-3"), fp("wave-box-4")}
	doms := []wstr{{"outlook.com", 4}, {"gmail.com", 3}, {"yahoo.com", 2}, {"hotmail.com", 2}, {"gmx.de", 1}, {"mail.com", 1}}
	for w := range int64(20) {
		wt := base + w*(11*day/20) + r.Int64N(8*hour)
		for range 100 {
			a := g.newAccount(g.personEmail(r, pick(r, firstNames), pick(r, lastNames), pickW(r, doms)), ring)
			dev := pick(r, devs)
			su := wt + r.Int64N(600)
			g.signup(a, su, resIP(r), dev, "")
			t := su + 1800 + r.Int64N(6*hour)
			for range 10 + r.IntN(11) {
				if t >= end {
					break
				}
				g.req(a, t, resIP(r), dev, "", casual(r, g0.expand(r, "{waves}")), tok(r, 2400, 0.3, 900, 4096))
				t += 120 + r.Int64N(5*hour)
			}
		}
	}
}

// disposable: 250 accounts on throwaway mail domains, through a commercial
// VPN that ordinary privacy-minded users share, used for a few days each.
func (g *gen) disposable() {
	r := g.rng("ring/disposable")
	ring := g.ring("ring-disposable", "disposable")
	devs := []string{fp("chrome-130-win11"), fp("safari-18-macos"), fp("firefox-131-win11"), fp("chrome-130-android"), fp("edge-130-win11"),
		fp("disp-vm-1"), fp("disp-vm-2"), fp("disp-vm-3"), fp("disp-vm-4"), fp("disp-vm-5")}
	for c := range int64(25) {
		ct := base + c*(days*day/25) + 18*hour + r.Int64N(5*hour)
		for range 10 {
			a := g.newAccount(g.uniqueEmail(r, randomLocal(r, 8+r.IntN(5)), pickW(r, disposableDomains)), ring)
			dev := pick(r, devs)
			su := ct + r.Int64N(hour)
			g.signup(a, su, pick(r, g.vpnExits), dev, "")
			n := 25 + r.IntN(31)
			stop := min(end, su+5*day)
			for n > 0 {
				t := sampleTime(r, -5, profFlat, su+hour, stop)
				if h := (t - base) % day / hour; h < 16 && r.IntN(3) > 0 { // the operator's evening, mostly
					t = t - (t-base)%day + 16*hour + r.Int64N(8*hour)
				}
				if t >= stop {
					n-- // the account was dropped before this session
					continue
				}
				ip := pick(r, g.vpnExits)
				for k := 5 + r.IntN(8); k > 0 && n > 0 && t < end; k-- {
					var text string
					if r.Float64() < 0.7 {
						text = g0.expand(r, pick(r, disposableT))
					} else {
						text = g0.expand(r, "{slowbin}")
					}
					g.req(a, t, ip, dev, "", text, tok(r, 2400, 0.3, 900, 4096))
					t += 15 + r.Int64N(105)
					n--
				}
			}
		}
	}
}

// phone-farm-cgnat (own design): 300 accounts on 40 phones of two popular
// models on the carrier's CGNAT, no cards; a controller fires a round of
// requests across the phones about every hour, day and night.
func (g *gen) phoneFarm() {
	r := g.rng("ring/phone-farm-cgnat")
	ring := g.ring("ring-phone-farm-cgnat", "phone-farm-cgnat")
	type acc struct {
		a  int32
		su int64
	}
	phones := make([][]acc, 40)
	phoneDev := make([]string, 40)
	for p := range 40 {
		if p < 25 {
			phoneDev[p] = fp("safari-18-ios")
		} else {
			phoneDev[p] = fp("chrome-130-android")
		}
	}
	for i := range 300 {
		p := i % 40
		var email string
		if p < 25 && r.Float64() < 0.6 {
			email = g.uniqueEmail(r, randomLocal(r, 10), "privaterelay.appleid.com")
		} else {
			email = g.personEmail(r, pick(r, firstNames), pick(r, lastNames), "gmail.com")
		}
		a := g.newAccount(email, ring)
		su := base + r.Int64N(4*day)
		g.signup(a, su, cgnatIP(r), phoneDev[p], "")
		phones[p] = append(phones[p], acc{a, su})
	}
	next := make([]int, 40)
	for t := base + 2*hour; t < end; t += 55*60 + r.Int64N(35*60) {
		for p := range 40 {
			if r.Float64() > 0.85 {
				continue
			}
			for range len(phones[p]) {
				x := phones[p][next[p]%len(phones[p])]
				next[p]++
				if x.su < t {
					ts := t + r.Int64N(90)
					if ts >= end {
						break
					}
					g.req(x.a, ts, cgnatIP(r), phoneDev[p], "", g0.expand(r, pick(r, phoneFarmT)), tok(r, 2200, 0.35, 800, 4096))
					break
				}
			}
		}
	}
}

// oss-mimic (own design): 250 accounts that send their extraction payload
// through the open-source client's fingerprint and system prompt, each on its
// own card, from a sticky-per-day residential proxy pool in US office hours.
func (g *gen) ossMimic() {
	r := g.rng("ring/oss-mimic")
	ring := g.ring("ring-oss-mimic", "oss-mimic")
	ossDev := fp("codewright-cli-0.14.2")
	pool := resPool(r, 350)
	doms := []wstr{{"proton.me", 3}, {"gmail.com", 4}, {"outlook.com", 2}}
	for range 250 {
		a := g.newAccount(g.personEmail(r, pick(r, firstNames), pick(r, lastNames), pickW(r, doms)), ring)
		pay := newPay(r)
		seed := r.Uint64()
		ipAt := func(t int64) string { return pool[mix64(seed^uint64((t-base)/day))%uint64(len(pool))] }
		su := base + r.Int64N(8)*day + 13*hour + r.Int64N(10*hour)
		g.signup(a, su, ipAt(su), fp(pickW(r, desktopPop)), pay)
		n := 30 + r.IntN(21)
		for n > 0 {
			t := sampleTime(r, -5, profWork, su+600, end)
			for k := 5 + r.IntN(6); k > 0 && n > 0 && t < end; k-- {
				g.req(a, t, ipAt(t), ossDev, pay, g0.expand(r, "{ossx}"), tok(r, 2400, 0.3, 900, 4096))
				t += 20 + r.Int64N(180)
				n--
			}
		}
	}
}

// ---------- output ----------

type outRec struct {
	Ts      string `json:"ts"`
	Account string `json:"account"`
	Type    string `json:"type"`
	IP      string `json:"ip,omitempty"`
	Payment string `json:"payment,omitempty"`
	Device  string `json:"device,omitempty"`
	Email   string `json:"email,omitempty"`
	Prompt  string `json:"prompt,omitempty"`
	Tokens  int32  `json:"tokens,omitempty"`
}

func create(path string) (io.Writer, func() error, error) {
	if path == "-" {
		w := bufio.NewWriterSize(os.Stdout, 1<<20)
		return w, w.Flush, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, nil, err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	return w, func() error {
		if err := w.Flush(); err != nil {
			f.Close()
			return err
		}
		return f.Close()
	}, nil
}

func (g *gen) write(out, truth string) error {
	slices.SortStableFunc(g.recs, func(a, b rec) int { return cmp.Compare(a.ts, b.ts) })
	w, done, err := create(out)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, x := range g.recs {
		if _, err := netip.ParseAddr(x.ip); err != nil {
			return fmt.Errorf("bad ip %q: %v", x.ip, err)
		}
		o := outRec{Ts: time.Unix(x.ts, 0).UTC().Format(time.RFC3339), Account: g.accts[x.acct].id, Type: "request",
			IP: x.ip, Payment: x.pay, Device: x.dev, Prompt: x.prompt, Tokens: x.tokens}
		if x.signup {
			o.Type, o.Email = "signup", g.accts[x.acct].email
		}
		if err := enc.Encode(&o); err != nil {
			return err
		}
	}
	if err := done(); err != nil {
		return err
	}
	for _, gr := range append(slices.Clone(g.rings), g.decoys...) {
		gr.Accounts = gr.Accounts[:0]
		for _, a := range gr.members {
			gr.Accounts = append(gr.Accounts, g.accts[a].id)
		}
		slices.Sort(gr.Accounts)
	}
	b, err := json.MarshalIndent(struct {
		Rings  []*group `json:"rings"`
		Decoys []*group `json:"decoys"`
	}{g.rings, g.decoys}, "", " ")
	if err != nil {
		return err
	}
	return os.WriteFile(truth, append(b, '\n'), 0o644)
}

func (g *gen) stats(w io.Writer) {
	perAcct := make([]int, len(g.accts))
	signups := 0
	for _, x := range g.recs {
		if x.signup {
			signups++
		} else {
			perAcct[x.acct]++
		}
	}
	fmt.Fprintf(w, "probe: seed %d: %d records (%d signups), %d accounts\n", g.seed, len(g.recs), signups, len(g.accts))
	for _, gr := range append(slices.Clone(g.rings), g.decoys...) {
		n := 0
		for _, a := range gr.members {
			n += perAcct[a]
		}
		fmt.Fprintf(w, "  %-24s %-28s %6d accounts %7d requests (%.1f each)\n", gr.ID, gr.Kind, len(gr.members), n, float64(n)/float64(len(gr.members)))
	}
}

func main() {
	seed := flag.Uint64("seed", 1, "random seed; the output depends only on it")
	out := flag.String("out", "traffic.jsonl", "traffic records (JSON Lines), - for standard output")
	truth := flag.String("truth", "truth.json", "ground truth (rings and decoys)")
	quiet := flag.Bool("quiet", false, "do not print the population summary on stderr")
	flag.Parse()
	if flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "probe: unexpected arguments:", flag.Args())
		os.Exit(2)
	}
	g := &gen{seed: *seed, ids: map[string]struct{}{}, emails: map[string]struct{}{}}
	g.idr = g.rng("ids")
	infra := g.rng("infrastructure")
	g.venueIPs = []string{"217.110.52.18", "217.110.52.19"}
	g.integratorIPs = []string{"3.120.88.14", "3.120.88.77", "3.120.88.203"}
	g.integratorDev = fp("python-httpx-0.27-integrator-backend")
	g.vpnExits = netPool(infra, [][3]int{{185, 213, 154}, {185, 213, 155}}, 40)
	g.cafeIPs = resPool(infra, 400)

	g.background()
	g.ossUsers()
	g.households()
	g.corporate()
	g.carrier()
	g.hackathon()
	g.integrator()
	g.classroom()
	g.translation()
	g.marketing()
	g.slowBin()
	g.dailyRotate()
	g.signupWaves()
	g.disposable()
	g.phoneFarm()
	g.ossMimic()

	if err := g.write(*out, *truth); err != nil {
		fmt.Fprintln(os.Stderr, "probe:", err)
		os.Exit(1)
	}
	if !*quiet {
		g.stats(os.Stderr)
	}
}

// ---------- prompt text ----------

// grammar expands text with {rule} slots: each slot is replaced by one of the
// rule's alternatives, chosen at random and expanded in turn. {n1}..{n4} are
// random numbers of 1..4 digits. A template is a fixed text whose slots are
// filled per request; free-form text is a deep expansion with many choices.
type grammar map[string][]string

func (gr grammar) expand(r *rand.Rand, s string) string {
	var b strings.Builder
	gr.into(r, s, &b, 0)
	return b.String()
}

func (gr grammar) into(r *rand.Rand, s string, b *strings.Builder, depth int) {
	if depth > 12 {
		panic("grammar too deep at " + s)
	}
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			b.WriteString(s)
			return
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			b.WriteString(s)
			return
		}
		b.WriteString(s[:i])
		name := s[i+1 : i+j]
		s = s[i+j+1:]
		switch name {
		case "n1":
			b.WriteString(strconv.Itoa(2 + r.IntN(8)))
		case "n2":
			b.WriteString(strconv.Itoa(10 + r.IntN(90)))
		case "n3":
			b.WriteString(strconv.Itoa(100 + r.IntN(900)))
		case "n4":
			b.WriteString(strconv.Itoa(1000 + r.IntN(9000)))
		default:
			alts, ok := gr[name]
			if !ok {
				panic("grammar: no rule " + name)
			}
			gr.into(r, alts[r.IntN(len(alts))], b, depth+1)
		}
	}
}

// casual makes free-form text look typed by a person: some people never use
// capitals, some drop the final punctuation.
func casual(r *rand.Rand, s string) string {
	switch x := r.Float64(); {
	case x < 0.22:
		s = strings.ToLower(s)
	case x < 0.30 && len(s) > 0:
		s = strings.ToUpper(s[:1]) + s[1:]
	}
	if r.Float64() < 0.15 {
		s = strings.TrimRight(s, ".?!")
	}
	return s
}

var g0 = grammar{
	// ---------- free-form prompts of ordinary people ----------
	"free": {
		"{open}{explain}{ctx}{close}",
		"{open}{explain}{close}",
		"{open}{code}{close}",
		"{open}{code}{ctx}",
		"{open}{write}{close}",
		"{open}{write}",
		"{open}{plan}{close}",
		"{open}{qa}",
		"{open}{qa}{close}",
		"{open}{summ}",
		"{open}{recipe}{close}",
		"{open}{creative}{close}",
		"{open}{data}{close}",
		"{open}{advice}{ctx}",
		"{open}{advice}{close}",
		"{open}{lang}",
		"{open}{debug}",
		"{open}{homework}",
		"{qa} {qa}",
		"{open}{shortq}",
		"{shortq}",
		"{shortq}",
	},
	"shortfree": {"{shortq}", "{qa}", "{open}{shortq}", "{explain}", "{recipe}", "{lang}", "{advice}", "{creative}", "{shortq}"},
	"open": {"", "", "", "", "", "", "hey, ", "Hi! ", "quick question: ", "ok so ", "Hello, ", "can you help? ", "I need some help. ",
		"Question: ", "hi there. ", "Hey there, ", "Good morning! ", "So, ", "Help please - ", "Random question but ", "hmm, ", "Alright, "},
	"close": {"", "", "", "", " Thanks!", " thx", " Please keep it brief.", " Use bullet points.", " Be concise.", " Thank you so much.",
		" No jargon please.", " Short answer is fine.", " Give me a couple of options.", " ty", " Much appreciated!", " Explain like I'm new to this."},
	"ctx": {"", "", " I'm a {role}.", " This is for {purpose}.", " Keep it under {n2}0 words.", " My background is in {field}.",
		" I'm preparing for {exam}.", " I'm {age2} and curious.", " My boss asked me about it.", " Context: I work in {field}."},
	"role": {"nurse", "software engineer", "high school teacher", "product manager", "college student", "retired accountant", "graphic designer",
		"small business owner", "data analyst", "paralegal", "chef", "electrician", "marketing intern", "PhD student in biology", "stay-at-home dad",
		"real estate agent", "mechanical engineer", "barista", "journalist", "UX researcher"},
	"purpose": {"a presentation at work", "my kid's science project", "a blog post", "a job interview", "a book club discussion", "my thesis",
		"a podcast episode", "a team meeting", "a school essay", "a newsletter", "a grant application"},
	"field": {"finance", "healthcare", "marketing", "law", "civil engineering", "education", "retail", "biology", "journalism", "logistics",
		"hospitality", "music", "architecture", "public policy", "agriculture"},
	"age":  {"a five-year-old", "a high school student", "someone with no math background", "my grandma", "a total beginner", "a busy executive", "an engineer"},
	"age2": {"15", "62", "in my 30s", "a retiree", "a teenager", "40"},
	"explain": {"can you explain {concept} in simple terms?", "what is {concept} and why does it matter?", "Explain {concept} like I'm {age}.",
		"how does {concept} actually work", "I keep hearing about {concept}. What is it?", "Give me a short overview of {concept}.",
		"what's the difference between {concept} and {concept}?", "Why is {concept} important in {field}?", "is {concept} overrated?",
		"What are the pros and cons of {concept}?", "ELI5: {concept}", "Help me understand {concept}, I've read about it but still don't get it.",
		"What's a good analogy for {concept}?", "In two paragraphs, what is {concept}?"},
	"concept": {"inflation", "compound interest", "photosynthesis", "how vaccines train the immune system", "public-key cryptography", "the Krebs cycle",
		"TCP congestion control", "quantum entanglement", "REST vs GraphQL", "the electoral college", "carbon credits", "index funds", "Kubernetes",
		"plate tectonics", "black holes", "supply and demand", "GDPR", "dark matter", "CRISPR", "backpropagation", "the French Revolution", "stoicism",
		"sourdough fermentation", "mortgage amortization", "interest rate hikes", "OAuth", "Docker containers", "the Monty Hall problem",
		"Bayesian statistics", "p-values", "the greenhouse effect", "how lithium batteries work", "a Roth IRA", "the placebo effect", "git rebase",
		"blockchains", "nuclear fusion", "the gut microbiome", "circadian rhythms", "game theory", "opportunity cost", "entropy", "general relativity",
		"credit scores", "overfitting", "vector databases", "the Byzantine generals problem", "impressionism", "the Cold War", "microservices", "ETFs",
		"DNS", "HTTPS certificates", "the ozone layer", "how airplanes stay in the air", "tariffs", "cognitive behavioral therapy", "intermittent fasting",
		"the Big Bang", "natural selection", "large language models", "the Fourier transform", "eigenvalues", "recursion", "big O notation",
		"the Silk Road", "the Renaissance", "Keynesian economics", "herd immunity", "zero-knowledge proofs", "the water cycle", "rent control",
		"the Higgs boson", "attention mechanisms", "the Treaty of Versailles", "dollar-cost averaging", "sleep cycles", "container shipping"},
	"code": {"write a {plang} function to {ctask}", "How do I {ctask} in {plang}?", "Can you give me a {plang} snippet to {ctask}?",
		"what's the idiomatic way to {ctask} in {plang}", "Convert this {plang} to {plang}: {codeline}", "Is there a library in {plang} to {ctask}?",
		"Review my approach: I want to {ctask} using {plang}, is a loop fine or should I use something else?",
		"{plang} question - best way to {ctask}?", "Write unit tests for a function that does this: {ctask}", "explain this line of {plang}: {codeline}"},
	"plang": {"Python", "JavaScript", "TypeScript", "Go", "Rust", "Java", "C#", "Bash", "SQL", "Kotlin", "Swift", "PHP", "Ruby", "C++", "R"},
	"ctask": {"reverse a linked list", "parse a CSV file and sum a column", "read JSON from a file", "remove duplicates from a list",
		"validate an email address", "retry an HTTP request with exponential backoff", "sort a list of dicts by a key", "debounce a function",
		"resize images in a folder", "send an email with an attachment", "merge two sorted arrays", "count word frequencies in a text file",
		"connect to Postgres", "upload a file to S3", "schedule a job every night", "parse command line flags", "flatten a nested list",
		"compute a moving average", "rename files in bulk", "handle timeouts in HTTP clients", "scrape a table from a web page",
		"convert a date string to a timestamp", "hash a password", "paginate an API", "stream a large file line by line",
		"detect a cycle in a graph", "write a simple REST endpoint", "generate a random password", "diff two JSON objects", "implement an LRU cache"},
	"codeline": {"for i in range(len(xs)): total += xs[i]", "const out = items.filter(x => x.active).map(x => x.id)", "df.groupby('city').agg('mean')",
		"defer resp.Body.Close()", "SELECT name, COUNT(*) FROM orders GROUP BY name", "list(map(lambda x: x*2, nums))",
		"let v: Vec<_> = s.split(',').collect();", "await Promise.all(urls.map(fetch))", "x = [[0]*n for _ in range(m)]",
		"grep -rn TODO . | wc -l", "sorted(d.items(), key=lambda kv: kv[1], reverse=True)"},
	"write": {"Write a {tone} email to my {person} about {wtopic}.", "Help me draft a message to my {person} {wpurpose}.",
		"Can you rewrite this to sound more {tone2}: \"{sentence}\"", "write a cover letter for a {job} position",
		"Draft a LinkedIn post about {wtopic}.", "I need a polite way to tell my {person} that {badnews}.",
		"proofread this: {sentence}", "Write a short bio for me, I'm a {role} who likes {hobby}.", "Make this paragraph clearer: {para}",
		"write a thank-you note to my {person} for {thanks}", "Give me a catchy subject line for an email about {wtopic}."},
	"tone":   {"friendly", "formal", "short", "polite but firm", "warm", "professional", "casual", "apologetic"},
	"tone2":  {"professional", "confident", "friendly", "concise", "persuasive", "diplomatic", "enthusiastic"},
	"person": {"landlord", "manager", "team", "professor", "neighbor", "coworker", "client", "kid's teacher", "HOA", "doctor", "sister", "recruiter"},
	"wtopic": {"a late payment", "the project deadline", "a noise complaint", "my vacation request", "a new product launch", "our quarterly results",
		"a broken dishwasher", "the team offsite", "a refund", "my resignation", "volunteering", "remote work", "the school fundraiser"},
	"wpurpose": {"asking for a raise", "to reschedule our meeting", "declining the invitation", "following up on my application",
		"asking for an extension", "to apologize for missing the call", "about splitting the bill"},
	"job": {"junior data analyst", "nursing", "barista", "software engineering internship", "marketing coordinator", "teaching assistant",
		"project manager", "warehouse supervisor", "UX designer"},
	"badnews": {"I can't make it on Friday", "the report will be late", "I'm moving out next month", "we're going over budget",
		"I won't renew the contract", "the dog chewed their shoes"},
	"hobby":  {"hiking", "baking", "chess", "photography", "cycling", "gardening", "jazz", "board games", "running", "painting"},
	"thanks": {"the recommendation letter", "helping with the move", "the birthday gift", "covering my shift", "the great mentoring"},
	"plan": {"Plan a {n1}-day trip to {city} on a {budget} budget.", "make me a weekly meal plan for {diet}", "Create a {n1}-week training plan for a {race}.",
		"give me a study schedule for {exam}", "how should I organize my {thing}?", "Itinerary for {city} with kids, {n1} days?",
		"What should I pack for {city} in October?", "help me plan a birthday party for a {n1} year old"},
	"city": {"Lisbon", "Tokyo", "Mexico City", "Chicago", "Rome", "Vancouver", "Marrakech", "Seoul", "Prague", "New Orleans", "Bali", "Edinburgh",
		"Buenos Aires", "Istanbul", "Copenhagen", "Austin"},
	"budget": {"tight", "moderate", "student", "$1500", "no-limit", "backpacker"},
	"diet":   {"a family of four", "someone who is vegetarian", "high protein", "a diabetic", "a college student", "low FODMAP", "two people on a budget"},
	"race":   {"5K", "half marathon", "marathon", "sprint triathlon", "century ride"},
	"exam":   {"the GRE", "the bar exam", "AP Chemistry", "the AWS Solutions Architect exam", "my driving test", "the MCAT", "finals week", "the IELTS"},
	"thing":  {"garage", "photo library", "side project", "kitchen pantry", "notes app", "team's Jira board", "wedding planning", "home office"},
	"qa": {"is it safe to {safeq}?", "how long does it take to {durq}?", "what's a good {recommend} for {audience}?", "{trivia}", "Who {whoq}?",
		"How many {howmany}?", "why do {whyq}?", "what does {abbr} stand for?"},
	"safeq":     {"eat eggs after the expiry date", "run every day", "leave my laptop charging overnight", "mix bleach and vinegar", "take ibuprofen with coffee", "microwave plastic containers"},
	"durq":      {"learn Spanish", "boil an egg", "get a passport", "recover from a sprained ankle", "become a data scientist", "dry paint"},
	"recommend": {"book", "laptop", "podcast", "board game", "beginner guitar", "budget phone", "houseplant", "text editor"},
	"audience":  {"a 10 year old", "someone who travels a lot", "a new manager", "a programmer", "my dad", "a small apartment"},
	"trivia": {"what's the tallest mountain in Africa?", "when did the Berlin Wall fall?", "what's the capital of Australia", "how far is the moon?",
		"which planet has the most moons?", "what language is spoken in Brazil?", "How hot is the sun's core?"},
	"whoq":    {"invented the telephone", "wrote Pride and Prejudice", "painted the Sistine Chapel", "was the first woman in space", "discovered penicillin"},
	"howmany": {"bones are in the human body", "calories are in a banana", "countries are in the EU", "ounces in a cup", "people live in Canada"},
	"whyq":    {"cats purr", "leaves change color", "we dream", "onions make you cry", "planes fly so high", "my sourdough not rise"},
	"abbr":    {"HTTP", "NASA", "ETF", "API", "HVAC", "DNA", "SaaS", "GDP", "ASAP", "ROI"},
	"summ":    {"Summarize this: {para}", "tl;dr please: {para}", "Can you shorten this paragraph? {para}", "summarize in one sentence: {para}", "What's the main point here? {para}"},
	"para":    {"{sent} {sent}", "{sent} {sent} {sent}", "{sent} {sent} {sent} {sent}"},
	"sent": {"The meeting was moved to Thursday because half the team is traveling.", "Our sales grew in the spring but slowed down over the summer.",
		"The city council voted to extend the bike lanes along Main Street.", "Researchers found that sleep quality affects memory consolidation.",
		"The package arrived damaged and the customer wants a replacement.", "We decided to migrate the database over the weekend to reduce risk.",
		"Attendance at the community garden doubled after the school partnership.", "The new policy requires two approvals for any expense over $500.",
		"Several users reported that the app crashes when uploading photos.", "The museum will close early on holidays through the end of the year.",
		"Rising rents have pushed many young families out of the neighborhood.", "The coach said the team needs to work on defense before the playoffs.",
		"Our supplier raised prices by eight percent effective next month.", "The study had a small sample, so the results should be read with caution.",
		"Volunteers cleaned up nearly two tons of trash from the beach.", "The software update fixes the login bug but introduces a new sync issue.",
		"Customers prefer the simpler checkout page by a wide margin.", "The bridge repairs are expected to last until spring."},
	"sentence": {"I think we should maybe push the deadline a bit if that's ok", "pls send me the files asap", "We regret to inform you that your order is delayed.",
		"I am writing to complain about the service I received.", "our team kinda dropped the ball on this one", "Let me know if you have questions.",
		"Thanks for reaching out, I will get back to you soon.", "Where is the nearest train station?", "I would like to book a table for two."},
	"recipe": {"What can I cook with {ingr}, {ingr} and {ingr}?", "give me a {diet2} recipe for {meal}", "how do I make {dish} without {ingr}",
		"Easy {meal} ideas with {ingr}?", "how long do I bake {dish}?", "Substitute for {ingr} in {dish}?"},
	"ingr":  {"chickpeas", "spinach", "leftover rice", "chicken thighs", "eggs", "tofu", "sweet potatoes", "butter", "coconut milk", "feta", "lentils", "zucchini", "flour", "mushrooms"},
	"diet2": {"vegan", "quick", "gluten-free", "kid-friendly", "one-pot", "low-carb", "cheap"},
	"meal":  {"dinner", "breakfast", "lunch boxes", "a potluck", "date night", "meal prep"},
	"dish":  {"banana bread", "lasagna", "pad thai", "pancakes", "chili", "focaccia", "risotto", "brownies", "shakshuka"},
	"creative": {"write a short poem about {ptopic}", "Tell me a bedtime story about a {animal} who {adventure}.", "Give me {n1} name ideas for a {business}.",
		"write a funny limerick about {ptopic}", "Come up with a D&D backstory for a {dndclass}.", "write song lyrics about {ptopic} in the style of a country song",
		"Write a haiku about {ptopic}.", "a toast for my {person}'s wedding, funny but sweet"},
	"ptopic":    {"autumn rain", "my cat", "Monday mornings", "the ocean", "coffee", "growing old", "a lost sock", "city lights", "friendship", "deadlines"},
	"animal":    {"fox", "tiny dragon", "penguin", "turtle", "brave mouse", "sleepy bear", "robot dog"},
	"adventure": {"learns to fly", "finds a lost star", "opens a bakery", "goes to the moon", "makes a new friend", "is afraid of the dark"},
	"business":  {"coffee shop", "dog walking business", "bakery", "podcast about history", "cleaning company", "yoga studio", "tech startup", "food truck"},
	"dndclass":  {"half-elf rogue", "dwarf cleric", "tiefling warlock", "human paladin", "gnome wizard"},
	"data": {"I have a spreadsheet with {cols}. How do I {sheettask}?", "Write a SQL query that {sqltask}.", "what chart should I use to show {chart}?",
		"Interpret this: mean {n2}.{n1}, median {n2}, sd {n1}.{n1}", "Excel formula to {sheettask}?"},
	"cols":      {"dates and sales", "names, emails and signup dates", "product, region and revenue", "student grades per subject", "expenses by category"},
	"sheettask": {"highlight duplicates", "sum by month", "make a pivot table", "find the top 10", "split first and last names", "count unique values"},
	"sqltask":   {"finds customers with no orders", "returns the second highest salary", "counts signups per week", "joins orders with products", "removes duplicate rows"},
	"chart":     {"market share", "change over time", "a distribution of ages", "survey results", "correlation between two variables"},
	"advice":    {"How do I {lifeq}?", "any tips for {tipsq}?", "What should I consider before {beforeq}?", "how can I get better at {skill}?"},
	"lifeq":     {"negotiate my salary", "stop procrastinating", "get my toddler to sleep", "pay off credit card debt", "deal with a difficult coworker", "start investing"},
	"tipsq":     {"a first job interview", "working from home", "public speaking", "running in cold weather", "moving abroad", "learning guitar as an adult"},
	"beforeq":   {"buying a used car", "adopting a dog", "going freelance", "signing a lease", "switching careers into tech", "refinancing"},
	"skill":     {"chess", "writing", "drawing", "cooking", "small talk", "touch typing", "photography"},
	"lang": {"Translate \"{sentence}\" into {language}.", "How do you say '{phrase}' in {language}?", "correct my {language} please: {foreign}",
		"What's the difference between 'ser' and 'estar'?", "Is this grammatically correct: {sentence}"},
	"language": {"Spanish", "French", "German", "Japanese", "Italian", "Portuguese", "Korean", "Dutch", "Polish", "Mandarin"},
	"phrase":   {"nice to meet you", "where is the bathroom", "I'm allergic to peanuts", "see you tomorrow", "how much does this cost", "happy birthday"},
	"foreign":  {"Je suis allé au marché hier et j'ai acheté des pommes", "Ich habe gestern viel gearbeitet und bin müde", "Yo tengo veinte años y estudio en la universidad", "Ieri sono andato al cinema con mia sorella"},
	"debug": {"I'm getting this error: {err}. What does it mean?", "my {plang} code throws {err} when I {action}. ideas?", "Why does {tool} say \"{err}\"?",
		"{err} - how to fix", "Getting {err} after upgrading {tool}, anyone know why?"},
	"err": {"TypeError: 'NoneType' object is not subscriptable", "undefined is not a function", "segmentation fault (core dumped)",
		"permission denied (publickey)", "CORS policy: No 'Access-Control-Allow-Origin' header", "ModuleNotFoundError: No module named 'numpy'",
		"panic: runtime error: index out of range", "ECONNREFUSED 127.0.0.1:5432", "java.lang.NullPointerException", "fatal: refusing to merge unrelated histories",
		"error[E0382]: borrow of moved value", "Killed (out of memory)", "SSL: CERTIFICATE_VERIFY_FAILED"},
	"action": {"run the tests", "deploy to production", "open a large file", "call the API", "start the server", "import the module"},
	"tool":   {"npm", "pip", "Docker", "git", "the compiler", "Xcode", "VS Code", "Terraform", "kubectl", "Homebrew"},
	"homework": {"can you check my answer? {hwq} I got {n2}.", "I don't get this homework question: {hwq}", "help with my homework: {hwq}",
		"{hwq} (not asking for the answer, just a hint)"},
	"shortq": {"best {recommend} under $100?", "synonym for {word}", "is {concept} the same as {concept}?", "weather small talk ideas",
		"what's {n2} times {n2}?", "convert {n2} fahrenheit to celsius", "how do I pronounce {word}", "fun facts about {animal}s",
		"{concept}?", "define {word}", "good name for a {animal}?", "what year did {event}?", "movie recommendations like {movie}"},
	"word":  {"happy", "important", "resilient", "ubiquitous", "meticulous", "quinoa", "epitome", "facade", "nuance", "synergy"},
	"event": {"the first iPhone come out", "World War I start", "the Euro launch", "humans land on the moon", "the Titanic sink"},
	"movie": {"Inception", "Spirited Away", "The Grand Budapest Hotel", "Interstellar", "Knives Out", "Amelie", "Arrival"},
	"hwq": {"Solve for x: {n1}x + {n2} = {n3}.", "A car travels {n3} km in {n1} hours. What is its average speed?", "Factor x^2 + {n1}x + {n2}.",
		"What is the slope of the line through ({n1},{n2}) and ({n1},{n3})?", "Simplify ({n1}x^2 - {n2}x) / {n1}x.",
		"Find the area of a circle with radius {n1} cm.", "If f(x) = {n1}x - {n2}, what is f({n1})?", "Name the parts of a cell and what they do.",
		"Balance this equation: H2 + O2 -> H2O.", "What caused the Great Depression?", "Convert {n3} grams to kilograms.",
		"A shirt costs ${n2} and is {n2}% off. What is the sale price?", "What is the probability of rolling two sixes?"},

	// ---------- the open-source client ----------
	"oss":     {"You are Codewright, an open-source AI pair programmer running in the user's terminal. You can read files in the workspace, propose edits as unified diffs, and run shell commands only after the user approves them. Be concise. Prefer the smallest correct change. Never invent the contents of files you have not read.\n\nWorkspace: {repo}\nShell: {shell}\n\nUser: {ossuser}"},
	"repo":    {"~/src/api-server", "~/code/dotfiles", "~/work/billing-service", "~/projects/blog", "~/dev/ml-notebooks", "~/src/mobile-app", "~/git/infra", "~/src/cli-tool", "~/work/etl-pipeline", "~/projects/game-jam", "~/src/website", "~/code/thesis"},
	"shell":   {"zsh", "bash", "fish", "pwsh"},
	"ossuser": {"{code}", "{debug}", "{code} {close}", "add tests for the {module} module", "refactor {module} to remove the global state", "why is {module} slow? profile it", "write a README section about {module}", "fix the failing test in {module}", "update the dependency and fix what breaks", "explain what {module} does"},
	"module":  {"auth", "parser", "cache", "scheduler", "billing", "config loader", "retry logic", "logging", "export", "search index", "user settings"},

	// ---------- hackathon starter template ----------
	"hack":     {"[HackBerlin 2026 starter kit] You are the AI assistant for team {team}. Our project: {hproject}. Help us with the following task and keep answers practical for a 36-hour hackathon.\n\nTask: {htask}"},
	"team":     {"Null Pointers", "Byte Me", "The Debuggers", "Team Rocket", "Pixel Pushers", "404 Sleep Not Found", "Lambda Llamas", "Stack Smashers", "Merge Conflict", "Coffee Driven", "Green Bits", "Kernel Panic", "Data Dragons", "Team {n2}"},
	"hproject": {"an app that matches surplus food with shelters", "a Discord bot for study groups", "a tool that summarizes city council meetings", "an accessibility checker for websites", "a carbon footprint tracker for commutes", "a plant disease detector", "a voice assistant for elderly people", "a marketplace for used lab equipment", "a flashcard generator from lecture notes"},
	"htask":    {"{code}", "write the pitch for our 3-minute demo", "design the database schema", "suggest a name and a tagline", "{debug}", "what API should we use for {hneed}?", "write the onboarding text for the app", "plan the remaining {n2} hours"},
	"hneed":    {"maps", "speech to text", "payments", "push notifications", "weather data", "authentication"},

	// ---------- SaaS integrator customers ----------
	"biz": {"Reply to this customer review in a {tone} tone: \"{review}\"", "Write a product description for {product}.", "Summarize this support ticket: {ticket}",
		"Generate {n1} FAQ entries about {product}.", "Rewrite our return policy in plain language: {para}", "Draft a follow-up email to a lead who asked about {product}.",
		"Categorize this feedback as bug, feature request or praise: \"{review}\"", "write {n1} ad headlines for {product}", "{free}", "{free}",
		"Translate this product title into {language}: {product}", "Extract the order number and issue from: {ticket}"},
	"product": {"a bamboo cutting board", "noise-cancelling earbuds", "an ergonomic office chair", "organic dog treats", "a smart thermostat",
		"a linen duvet cover", "a kids' coding kit", "a cast-iron skillet", "a standing desk", "a reusable water bottle", "trail running shoes",
		"a budgeting app", "handmade soy candles", "a yoga mat", "a portable espresso maker", "wireless charging pad"},
	"review": {"Arrived late and the box was crushed, but the product works.", "Absolutely love it, bought a second one for my mom!",
		"Stopped working after two weeks. Very disappointed.", "Good value, though the instructions were confusing.",
		"Customer service never answered my emails.", "Exactly as described. Fast shipping.", "Smaller than I expected."},
	"ticket": {"Order #{n4}{n3}: customer says the item is missing a part and wants a replacement shipped express.",
		"User cannot reset password, reset emails go to spam. Tried twice.", "Invoice {n4} was charged twice on the same card.",
		"Customer asks whether the warranty covers water damage.", "App crashes on Android 14 when opening settings.",
		"Subscription was cancelled but the renewal went through anyway."},

	// ---------- classroom homework template ----------
	"classhw": {"Algebra II - Homework {n1}, Problem {n2}: {hwq} Show your work step by step and explain each step so I can follow it."},

	// ---------- corporate internal templates ----------
	"corpt": {"[{corp} Helpdesk Assistant] Summarize the following support ticket in three bullet points and suggest a priority (P1-P4).\n\nTicket: {ticket}",
		"[{corp} Helpdesk Assistant] Draft a reply to the employee who wrote this ticket, following the IT tone guide.\n\nTicket: {ticket}"},

	// ---------- marketing landing page ----------
	"promo": {"Write a {tone} product description for {product} in under 80 words."},

	// ---------- translation company ----------
	"longtext": {"{bsent} {bsent} {bsent} {bsent} {bsent}", "{bsent} {bsent} {bsent} {bsent} {bsent} {bsent} {bsent}", "{bsent} {bsent} {bsent} {bsent} {bsent} {bsent} {bsent} {bsent} {bsent} {bsent}"},
	"bsent": {"The Supplier shall deliver the Goods no later than thirty (30) days after receipt of the purchase order.",
		"All invoices are payable within forty-five days of the invoice date unless otherwise agreed in writing.",
		"This warranty does not cover damage caused by improper installation, misuse or unauthorized repair.",
		"Our new collection combines sustainable materials with timeless design for everyday comfort.",
		"Please ensure the device is switched off and unplugged before cleaning the filter.",
		"The parties agree that this agreement shall be governed by the laws of the Federal Republic of Germany.",
		"Patients should not take more than four tablets within twenty-four hours.",
		"Click Save to apply your settings; changes take effect after the next restart.",
		"The annual general meeting will take place on 14 May at the company headquarters.",
		"Revenue in the third quarter rose by 6.2 percent compared with the same period last year.",
		"Personal data will be processed exclusively for the purposes described in this notice.",
		"In the event of a dispute, the parties shall first attempt to reach an amicable settlement.",
		"Discover the hidden beaches of the Algarve on our guided seven-day coastal tour.",
		"Remove the protective film before mounting the panel on the wall bracket.",
		"Employees must complete the compliance training by the end of the calendar year.",
		"The product is available in three sizes and five colours, including the new sage green.",
		"Side effects may include headache, dizziness and mild nausea.",
		"Terms in square brackets are placeholders and must not be translated: [CUSTOMER_NAME], [DATE].",
		"Section 4.2 shall apply mutatis mutandis to any subcontractor engaged by the Supplier.",
		"Our support team is available Monday to Friday from 8 a.m. to 6 p.m. CET."},
	"langA":    {"German", "English", "French", "Spanish", "Italian", "Dutch", "Polish"},
	"langB":    {"English", "German", "French", "Spanish", "Italian", "Portuguese", "Swedish", "Japanese"},
	"glossary": {"GL-AUTO-{n2}", "GL-LEGAL-{n2}", "GL-MED-{n2}", "GL-RETAIL-{n2}", "client glossary {n3}"},
	"doctype":  {"contract clause", "product page", "user manual excerpt", "patient leaflet", "press release", "privacy notice", "marketing brochure"},

	// ---------- extraction payloads (the operator's question bank) ----------
	"question": {"{qmath}", "{qmath}", "{qcode}", "{qsci}", "{qlogic}", "{qknow}", "{qmath}", "{qcode}"},
	"qmath": {"A train leaves at {n1}:{n2} traveling at {n2} km/h; a second train leaves {n1} hours later at {n3} km/h on the same track. When does the second catch up?",
		"Find all real x such that {n1}x^2 - {n2}x + {n1} = 0.", "What is the sum of the first {n3} positive integers divisible by {n1}?",
		"A rectangle has perimeter {n2} and area {n3}. Find its side lengths.", "Compute the derivative of x^{n1} * sin({n1}x).",
		"How many ways can {n1} people be seated around a round table if two particular people refuse to sit together?",
		"Evaluate the integral of x^{n1} e^x from 0 to {n1}.", "A store discounts an item by {n2}% and then raises the new price by {n2}%. What is the net change?",
		"Prove that the square root of {prime} is irrational.", "Solve the system {n1}x + {n1}y = {n2} and {n1}x - y = {n1}.",
		"What is the remainder when {n1}^{n3} is divided by {n2}?", "A bag has {n1} red and {n1} blue balls. Two are drawn without replacement. What is the probability both are red?",
		"Find the number of positive divisors of {n4}.", "A geometric series has first term {n1} and ratio 1/{n1}. What is its sum?",
		"Let f(x) = x^3 - {n1}x + {n2}. Find the local extrema of f.", "How many {n1}-digit numbers have digits that sum to {n2}?",
		"Compute the determinant of the matrix [[{n1},{n1},{n1}],[{n1},{n1},{n1}],[{n1},{n1},{n2}]].", "Water fills a tank at {n2} L/min and drains at {n1} L/min. How long to fill {n4} L?"},
	"prime": {"2", "3", "5", "7", "11", "13", "17", "19", "23"},
	"qcode": {"Implement {algo} in {plang} and analyze its time and space complexity.", "Write a {plang} program that can {ctask}, including unit tests and error handling.",
		"Explain what this {plang} code does and find the bug: {codeline}", "Design {sysd} and describe its data model, APIs and failure modes.",
		"Given an array of {n3} integers, find the longest increasing subsequence. Provide code in {plang} and explain the algorithm.",
		"Write a {plang} function to {ctask}, then prove it correct."},
	"algo": {"Dijkstra's shortest path algorithm", "a trie with prefix search", "quicksort with median-of-three pivoting", "a union-find structure with path compression",
		"the KMP string matching algorithm", "a min-heap", "topological sort", "a Bloom filter", "an interval tree", "A* search on a grid", "a skip list", "the Raft leader election"},
	"sysd": {"a URL shortener", "a rate limiter for an API gateway", "a chat service with read receipts", "a ride-sharing dispatch system", "a distributed job queue",
		"a news feed ranking service", "an online chess server", "a metrics pipeline for {n4} servers"},
	"qsci": {"Explain {concept} from first principles, including the key equations.", "Describe the mechanism of {bio} at the molecular level.",
		"Why does {phys}? Give a quantitative explanation.", "Derive the formula for {derive} and explain each assumption.",
		"What experiment would distinguish between {concept} and {concept}? Explain."},
	"bio":    {"DNA replication", "the action potential in neurons", "muscle contraction", "antibody class switching", "photosynthetic electron transport", "insulin signaling", "mRNA splicing"},
	"phys":   {"the sky look blue", "ice float on water", "a spinning top not fall over", "a siren change pitch as it passes", "a balloon rise", "metal feel colder than wood"},
	"derive": {"the period of a simple pendulum", "the escape velocity of a planet", "compound interest in continuous time", "the Doppler shift", "the ideal rocket equation", "the variance of a binomial distribution"},
	"qlogic": {"If all {pl} are {pl} and some {pl} are {pl}, what can be concluded? Explain carefully.",
		"Knights always tell the truth and knaves always lie. A says '{kk}'. B says '{kk}'. What are A and B?",
		"{n1} friends sit in a row. {logic} Who sits in the middle?", "A clock shows {n1}:{n2}. What is the angle between the hands?",
		"You have {n1} coins, one of which is counterfeit and lighter. What is the minimum number of weighings needed to find it?"},
	"pl":     {"bloops", "razzies", "lazzies", "wizzles", "glorps", "snarks", "tovs", "quibs"},
	"kk":     {"We are both knaves", "B is a knight", "At least one of us is a knave", "A is a knave", "We are the same kind", "Exactly one of us is a knight"},
	"logic":  {"Ana is left of Ben but right of Cy. Dee is at an end.", "Eli is next to Fay. Gus is not at either end.", "The tallest sits between the two youngest."},
	"qknow":  {"Summarize the causes and consequences of {hist}.", "Compare {concept} and {concept} in detail.", "What are the main arguments for and against {debate}?", "Write an expert-level explanation of {concept} with examples."},
	"hist":   {"the fall of the Western Roman Empire", "the 2008 financial crisis", "the Industrial Revolution", "the Meiji Restoration", "the collapse of the Soviet Union", "the Black Death", "the Protestant Reformation"},
	"debate": {"universal basic income", "nuclear power", "a four-day work week", "rent control", "banning private cars in city centers", "standardized testing"},

	// slow-bin: every prompt paraphrased from parts
	"sbinstr": {"Please solve the following carefully, reasoning through each step.", "Work through this problem step by step before answering.",
		"Think about the question below thoroughly and explain your full reasoning.", "Answer the question below; show all of your intermediate thinking.",
		"I'd like a careful, step-by-step solution to this.", "Reason it out in detail, then answer.", "Go through this slowly and explain every step of the logic.",
		"Break the following down step by step and justify each step.", "Provide a rigorous worked solution for the task below.",
		"Solve this, and don't skip any steps in your explanation.", "Explain your thinking in full as you work out the answer.",
		"Carefully derive the answer, laying out each step of reasoning.", "Take it one step at a time and explain yourself as you go.",
		"Give a thorough, well-reasoned answer to the following.", "Walk me through the complete reasoning for this one."},
	"sbfmt": {"Finish with the final answer on its own line.", "End with 'Final answer:' followed by the result.", "Put the final result at the end.",
		"Conclude with a one-line answer.", "Give the answer last, clearly marked.", "", "", "State the answer at the very end.", "Close with a short summary of the answer."},
	"sblead":  {"", "", "Question: ", "Problem: ", "Task: ", "Q: ", "Here it is: ", "The question: "},
	"slowbin": {"{sbinstr} {sbfmt}\n\n{sblead}{question}", "{sblead}{question}\n\n{sbinstr} {sbfmt}", "{sbinstr}\n{sblead}{question}\n{sbfmt}"},

	// signup-waves: extraction dressed as free-form curiosity
	"waves": {"{open}{swask}{swtopic}{swmore}{close}", "{open}{swask}{swtopic}{swmore}"},
	"swask": {"can you explain ", "walk me through ", "I'd love a really thorough explanation of ", "help me understand ", "teach me ", "what exactly is going on with ", "break down ", "could you go over "},
	"swtopic": {"{concept}", "{concept}", "how to solve this: {qmath}", "this problem: {qlogic}", "how you'd {ctask} in {plang}", "{algo}", "{bio}",
		"why {phys}", "the causes of {hist}", "the case for and against {debate}", "how to derive {derive}"},
	"swmore": {". Please go deep, with examples and step-by-step reasoning.", " in as much detail as you can, step by step.", "? I want the full reasoning, not just the answer.",
		" - explain every step and why it works.", ", include worked examples and common pitfalls.", ". Be thorough and show all the intermediate steps.",
		"? Go step by step, I want to really get it.", " and show your full working."},

	// oss-mimic: the extraction payload inside the open-source client's template
	"ossx":     {"You are Codewright, an open-source AI pair programmer running in the user's terminal. You can read files in the workspace, propose edits as unified diffs, and run shell commands only after the user approves them. Be concise. Prefer the smallest correct change. Never invent the contents of files you have not read.\n\nWorkspace: {repo}\nShell: {shell}\n\nUser: {ossxuser}"},
	"ossxuser": {"{question}\n\nBefore answering, reason through the problem step by step and show all of your work.", "{question} Walk through your complete reasoning, then give the final answer.", "Task: {question}\nShow the full derivation, then the answer."},
}

// Ring templates: fixed texts with a {question} slot (and the odd counter).
var (
	hackFarmT = []string{
		"You are a senior domain expert. Produce a complete, high-quality reference answer for the item below, including a detailed explanation of the reasoning and any relevant background.\n\nItem: {question}\n\nFormat: explanation first, then a line 'REFERENCE ANSWER:' with the final answer.",
		"Generate a training example. Input: {question}\nWrite the ideal assistant response: thorough, correct, well-structured, with step-by-step reasoning.",
		"Answer as accurately and completely as possible. Question: {question}\nInclude: (1) key concepts, (2) step-by-step derivation, (3) final answer, (4) common mistakes.",
	}
	integratorRingT = []string{
		"[job:{n4}] Knowledge base article generator. Write a comprehensive article answering: {question} Include worked examples and a summary.",
		"Tutor mode. Student question: {question} Provide a full worked solution with an explanation of each step, then the answer.",
		"Expert answer request - topic queue item {n3}. {question} Respond with a detailed, authoritative answer covering edge cases.",
		"Create a reasoning trace for the following. {question} Think aloud step by step; final line: 'Answer: <answer>'.",
	}
	disposableT = []string{
		"Please answer the following question in full detail with reasoning: {question}",
		"{question}\n\nExplain thoroughly. Show all steps. Then state the final answer.",
	}
	phoneFarmT = []string{
		"Q{n3}: {question} Explain step by step.",
		"Help me understand this fully: {question} Show every step of the reasoning.",
		"{question} - give me the detailed answer with all the working.",
		"Study question: {question} Full solution please, step by step.",
		"Answer in detail with reasoning: {question}",
	}
	dailyRole = []string{"You are an expert problem solver.", "You are a meticulous teacher.", "You are a world-class analyst.", "Act as a careful reasoning engine.",
		"You are a patient math and science tutor.", "Assume the role of a domain specialist.", "You are a precise technical writer.", "You are an AI assistant that never skips steps."}
	dailyInstr = []string{"Read the question and solve it completely.", "Work out the answer below in full.", "Study the input and produce the best possible answer.",
		"Consider the following problem carefully.", "Provide an exhaustive solution to the prompt below.", "Answer the item below with full justification.",
		"Carefully analyse and resolve the following.", "Handle the task below rigorously."}
	dailyFmt = []string{"Write your reasoning inside <think></think> and the final answer inside <answer></answer>.", "Number each reasoning step, then give 'Final:' and the answer.",
		"Use the format: Reasoning: ... Answer: ...", "Output JSON with fields reasoning and answer.", "First list the givens, then each step, then the result.",
		"Explain your chain of thought in full before concluding.", "Give a detailed rationale followed by a boxed answer.", "Show intermediate results after every step."}
	dailyWrap = []string{"### Input\n{question}\n### Response", "Question: {question}", "<<<{question}>>>", "INPUT: {question}\nOUTPUT:", "Problem statement: {question}", "[item] {question}"}

	translationT = []string{
		"Translate the following {doctype} from {langA} into {langB}. Preserve all formatting, numbering and placeholders. Use the terminology of glossary {glossary}. Do not add explanations.\n\n{longtext}",
		"Localize this marketing copy from {langA} for the {langB}-speaking market. Adapt idioms and units, keep the brand name unchanged, and keep the length within 10% of the source.\n\n{longtext}",
		"Proofread this {langB} translation against the {langA} source. List every error with its segment number, the error category (accuracy, terminology, grammar, style) and a corrected version.\n\nSOURCE:\n{longtext}\n\nTARGET:\n{longtext}",
		"Back-translate the following {langB} text into {langA} literally, segment by segment, so a reviewer can check meaning. Do not smooth the wording.\n\n{longtext}",
		"Translate these subtitles from {langA} into {langB}. Keep each line under 42 characters and keep the line numbering.\n\n{longtext}",
		"Extract all domain terms from the following {doctype} and give their {langB} equivalents as a two-column table for glossary {glossary}.\n\n{longtext}",
		"Rewrite the following {langB} text in a formal register suitable for a legal audience, keeping every defined term exactly as written.\n\n{longtext}",
		"Compare the two versions below and flag segments where the {langB} translation omits or adds information relative to the {langA} source.\n\nA:\n{longtext}\n\nB:\n{longtext}",
		"Write a 150-word summary in {langB} of the following {langA} {doctype} for the client's project manager.\n\n{longtext}",
		"Translate into {langB} for a medical device IFU. Follow glossary {glossary}, ISO 15223 symbol names, and keep warnings in capitals.\n\n{longtext}",
	}
)
