// Command probe3 writes a third black-box scenario for ringlink: legitimate populations and
// coordinated rings that the first two probes (bench/probe, bench/probe2) did not model, with
// the traces each would really leave in an AI API provider's traffic.
//
// It was written from SPEC.md and the README only, not from the engine's code. Output depends
// only on --seed: records as JSON Lines sorted by ts (prompts as raw text, never a template
// field) and a ground truth (rings and decoys, each with id, kind and accounts).
//
//	go run ./bench/probe3 --seed 1 --out traffic.jsonl --truth truth.json
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
	"sort"
	"strings"
	"time"
)

// The window: 14 days from Monday 2027-03-01 00:00 UTC. Accounts opened earlier have their
// signup record dated before it.
var (
	t0  = time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC).Unix()
	end = t0 + days*day
)

const (
	day  = int64(86400)
	hour = int64(3600)
	days = 14
)

type rec struct {
	ts      int64
	typ     string
	account string
	ip      string
	payment string
	device  string
	email   string
	prompt  string
	tokens  int
}

type outRec struct {
	TS      string `json:"ts"`
	Account string `json:"account"`
	Type    string `json:"type,omitempty"`
	IP      string `json:"ip,omitempty"`
	Payment string `json:"payment,omitempty"`
	Device  string `json:"device,omitempty"`
	Email   string `json:"email,omitempty"`
	Prompt  string `json:"prompt,omitempty"`
	Tokens  *int   `json:"tokens,omitempty"`
}

type group struct {
	ID       string   `json:"id"`
	Kind     string   `json:"kind"`
	Accounts []string `json:"accounts"`
}

type truthFile struct {
	Rings  []group `json:"rings"`
	Decoys []group `json:"decoys"`
}

type gen struct {
	seed   uint64
	recs   []rec
	ids    map[string]bool
	emails map[string]bool // canonical mailboxes taken
	used16 map[uint32]bool
	used24 map[uint32]bool
	truth  truthFile
	report []string

	regions  []*region
	popDesk  []string
	popPhone []string
	sdkPy    string // python HTTP client used by many developers' scripts
	sdkNode  string
	swg      map[string][]string // secure-web-gateway egress per region, shared by its customers
	cloud16  []uint32            // the major cloud's /16s (multi-tenant)
	vps16    []uint32            // a hosting provider's /16s
	bins     []string
}

type region struct {
	name    string
	tz      float64
	w       float64
	isps    []*isp
	carrier []uint32
	mail    []wstr
	offices []string
}

type isp struct {
	p24 []uint32
	v6  []string // /48 prefixes, three groups
}

type wstr struct {
	s string
	w float64
}

func (g *gen) rng(name string) *rand.Rand {
	h := fnv.New64a()
	h.Write([]byte(name))
	return rand.New(rand.NewPCG(g.seed, h.Sum64()))
}

// ---------------------------------------------------------------- small helpers

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

func pickWS(r *rand.Rand, xs []wstr) string {
	w := make([]float64, len(xs))
	for i, x := range xs {
		w[i] = x.w
	}
	return xs[pickW(r, w)].s
}

func lognorm(r *rand.Rand, median, sigma float64, lo, hi int) int {
	v := int(math.Round(median * math.Exp(sigma*r.NormFloat64())))
	if v < lo {
		v = lo
	}
	if v > hi {
		v = hi
	}
	return v
}

func between(r *rand.Rand, lo, hi int) int { return lo + r.IntN(hi-lo+1) }

func hexs(r *rand.Rand, n int) string {
	const h = "0123456789abcdef"
	b := make([]byte, n)
	for i := range b {
		b[i] = h[r.IntN(16)]
	}
	return string(b)
}

func zipfW(n int, s float64) []float64 {
	w := make([]float64, n)
	for i := range w {
		w[i] = 1 / math.Pow(float64(i+1), s)
	}
	return w
}

func (g *gen) newID(r *rand.Rand) string {
	const a = "abcdefghijklmnopqrstuvwxyz0123456789"
	for {
		b := make([]byte, 12)
		for i := range b {
			b[i] = a[r.IntN(len(a))]
		}
		id := "acct_" + string(b)
		if !g.ids[id] {
			g.ids[id] = true
			return id
		}
	}
}

func (g *gen) add(x rec) { g.recs = append(g.recs, x) }

func (g *gen) signup(acc string, ts int64, ip, pay, dev, email string) {
	g.add(rec{ts: ts, typ: "signup", account: acc, ip: ip, payment: pay, device: dev, email: email})
}

func (g *gen) req(acc string, ts int64, ip, pay, dev, prompt string, tokens int) {
	g.add(rec{ts: ts, account: acc, ip: ip, payment: pay, device: dev, prompt: prompt, tokens: tokens})
}

// ---------------------------------------------------------------- addresses

var residentialFirst = []int{24, 47, 50, 67, 68, 71, 73, 75, 76, 77, 78, 79, 80, 81, 82, 83, 84, 85, 86, 87, 88, 89, 90, 92, 93, 95, 97, 98, 99, 108, 109, 112, 115, 117, 118, 121, 122, 124, 125, 171, 174, 175, 177, 179, 180, 181, 182, 183, 186, 187, 189, 190, 191, 200, 201, 211, 213, 217, 218, 220, 223}

func (g *gen) alloc16(r *rand.Rand, firsts []int) uint32 {
	for {
		p := uint32(firsts[r.IntN(len(firsts))])<<8 | uint32(r.IntN(256))
		if !g.used16[p] {
			g.used16[p] = true
			return p
		}
	}
}

// alloc24 takes a /24 nobody else has, inside the /16 p16.
func (g *gen) alloc24(r *rand.Rand, p16 uint32) uint32 {
	for {
		p := p16<<8 | uint32(r.IntN(256))
		if !g.used24[p] {
			g.used24[p] = true
			return p
		}
	}
}

func ip4(p24 uint32, host int) string {
	return fmt.Sprintf("%d.%d.%d.%d", p24>>16, p24>>8&255, p24&255, host)
}

func host(r *rand.Rand) int { return 2 + r.IntN(252) }

func (g *gen) homeIP(r *rand.Rand, reg *region) string {
	is := pick(r, reg.isps)
	return ip4(pick(r, is.p24), host(r))
}

func (g *gen) carrierIP(r *rand.Rand, reg *region) string {
	return ip4(pick(r, reg.carrier), 1+r.IntN(254))
}

// cloudIP is an address of the major cloud: many tenants share its /16s and /24s.
func (g *gen) cloud24(r *rand.Rand) uint32 {
	return pick(r, g.cloud16)<<8 | uint32(r.IntN(256))
}

func v6home(r *rand.Rand, is *isp) string {
	return fmt.Sprintf("%s:%x", pick(r, is.v6), 0x100+r.IntN(0xff00))
}

func v6addr(r *rand.Rand, p64 string) string {
	return fmt.Sprintf("%s:%x:%x:%x:%x", p64, 1+r.IntN(0xffff), r.IntN(0x10000), r.IntN(0x10000), 1+r.IntN(0xffff))
}

// ---------------------------------------------------------------- time

var humanW = []float64{0.8, 0.45, 0.25, 0.15, 0.1, 0.15, 0.4, 1.0, 2.0, 3.0, 3.6, 3.8, 3.2, 3.4, 3.6, 3.6, 3.3, 3.0, 2.6, 2.8, 3.1, 3.0, 2.2, 1.4}
var workW = []float64{0.05, 0.03, 0.02, 0.02, 0.02, 0.05, 0.15, 0.6, 2.2, 3.6, 4.0, 3.8, 2.4, 3.2, 3.8, 3.8, 3.4, 2.4, 1.1, 0.5, 0.4, 0.35, 0.25, 0.1}
var eveningW = []float64{0.6, 0.2, 0.05, 0.02, 0.02, 0.05, 0.3, 0.6, 0.5, 0.3, 0.3, 0.3, 0.4, 0.3, 0.3, 0.3, 0.4, 0.8, 1.6, 2.8, 3.4, 3.2, 2.2, 1.2}
var flatW = []float64{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}

func weekend(localDay int64) bool {
	wd := (localDay + 4) % 7 // 1970-01-01 was a Thursday; 0 is Sunday
	return wd == 0 || wd == 6
}

// pickTime draws an instant in [from, to) whose local hour follows hw and whose local weekday
// is kept with weight 1 (weekends with wf).
func pickTime(r *rand.Rand, tz float64, hw []float64, wf float64, from, to int64) int64 {
	off := int64(tz * 3600)
	for try := 0; try < 60; try++ {
		u := from + r.Int64N(to-from)
		ld := (u + off) / day
		if weekend(ld) && r.Float64() >= wf {
			continue
		}
		if !weekend(ld) && wf > 1 && r.Float64() >= 1/wf {
			continue
		}
		t := ld*day + int64(pickW(r, hw))*hour + r.Int64N(hour) - off
		if t >= from && t < to {
			return t
		}
	}
	return from + r.Int64N(to-from)
}

// humanTimes spreads n requests over sessions of a few requests each.
func humanTimes(r *rand.Rand, n int, tz float64, hw []float64, wf float64, from, to int64, meanGap float64) []int64 {
	if to-from < 600 {
		return nil
	}
	var out []int64
	for len(out) < n {
		t := pickTime(r, tz, hw, wf, from, to)
		k := 1
		for r.Float64() < 0.55 {
			k++
		}
		for j := 0; j < k && len(out) < n && t < to; j++ {
			out = append(out, t)
			t += 15 + int64(r.ExpFloat64()*meanGap)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// ---------------------------------------------------------------- people

var firstNames = strings.Fields(`james mary john patricia robert jennifer michael linda william elizabeth david barbara richard susan joseph jessica thomas sarah charles karen christopher lisa daniel nancy matthew betty anthony sandra mark ashley donald emily steven kimberly paul donna andrew michelle joshua carol kenneth amanda kevin melissa brian deborah george stephanie timothy rebecca ronald laura jason helen edward sharon jeffrey cynthia ryan kathleen jacob amy gary shirley nicholas angela eric anna jonathan ruth stephen brenda larry pamela justin nicole scott katherine brandon samantha benjamin christine samuel emma gregory catherine alexander frank rachel patrick carolyn raymond janet jack maria dennis olivia jerry heather tyler diane aaron julie jose joyce adam victoria nathan kelly henry christina douglas joan zachary evelyn peter lauren kyle judith noah megan ethan andrea jeremy hannah christian martha roger gloria sean sophia madison carl frances dylan arthur jean jordan alice jesse grace bruce gabriel amber logan albert danielle vincent natalie johnny charlotte louis priya rahul arjun ananya vikram deepa wei jing hao mei hiroshi yuki haruto sakura minji jiho seojun lukas lena jonas mia felix leon marco giulia luca chiara pierre camille hugo lea mateo lucia diego valentina joao ana pedro beatriz olu ngozi chidi amara kwame ama ahmed fatima omar layla yusuf zeynep emre elif piotr katarzyna tomasz agnieszka ivan olga dmitri anastasia sven ingrid lars astrid linh minh thao duc`)

var lastNames = strings.Fields(`smith johnson williams brown jones garcia miller davis rodriguez martinez hernandez lopez gonzalez wilson anderson thomas taylor moore jackson martin lee perez thompson white harris sanchez clark ramirez lewis robinson walker young allen king wright scott torres nguyen hill flores green adams nelson baker hall rivera campbell mitchell carter roberts phillips evans turner parker collins edwards stewart morris murphy cook rogers morgan cooper peterson reed bailey bell kelly howard ward cox richardson wood watson brooks bennett gray james hughes price sanders myers long ross foster powell jenkins perry russell sullivan fisher henderson coleman patterson jordan reynolds hamilton graham wallace west cole hayes gibson ellis mcdonald sharma patel gupta singh iyer reddy kumar wang li zhang liu chen yang huang zhao tanaka suzuki takahashi watanabe sato kim park choi jung kang mueller schmidt schneider fischer weber wagner becker hoffmann rossi russo ferrari esposito bianchi romano dubois lefebvre moreau laurent silva santos oliveira souza pereira costa okafor adeyemi mensah owusu hassan ali khan yilmaz kaya demir kowalski nowak wisniewski wojcik ivanov petrov smirnov sokolov johansson andersson nilsson larsen tran pham hoang vu`)

func (g *gen) name(r *rand.Rand) (string, string) { return pick(r, firstNames), pick(r, lastNames) }

// personalEmail builds the address a person would pick at a webmail provider.
func (g *gen) personalEmail(r *rand.Rand, first, last, provider string) string {
	for {
		if e := rawEmail(r, first, last, provider); g.claim(e) {
			return e
		}
	}
}

// claim reserves a mailbox: an address belongs to one person, so two unrelated accounts never
// share a canonical address by chance (Gmail ignores dots and +tags).
func (g *gen) claim(e string) bool {
	local, dom, _ := strings.Cut(strings.ToLower(e), "@")
	local, _, _ = strings.Cut(local, "+")
	if dom == "gmail.com" {
		local = strings.ReplaceAll(local, ".", "")
	}
	c := local + "@" + dom
	if g.emails[c] {
		return false
	}
	g.emails[c] = true
	return true
}

func rawEmail(r *rand.Rand, first, last, provider string) string {
	n := r.IntN(10000)
	var local string
	switch r.IntN(10) {
	case 0:
		local = first + "." + last
	case 1:
		local = first + last + fmt.Sprint(n%100)
	case 2:
		local = first[:1] + last + fmt.Sprint(n%1000)
	case 3:
		local = first + "_" + last + fmt.Sprint(n%100)
	case 4:
		local = first + fmt.Sprint(1960+n%50)
	case 5:
		local = last + "." + first + fmt.Sprint(n%100)
	case 6:
		local = first + "." + last + fmt.Sprint(n)
	case 7:
		local = pick(r, nickWords) + pick(r, nickWords2) + fmt.Sprint(n%1000)
	case 8:
		local = first + last[:1] + fmt.Sprint(n)
	default:
		local = first + "." + last + "." + fmt.Sprint(n%100)
	}
	if provider == "gmail.com" && r.IntN(5) == 0 {
		local += "+" + pick(r, []string{"api", "ai", "dev", "work", "tools"})
	}
	if r.IntN(8) == 0 {
		local = strings.ToUpper(local[:1]) + local[1:]
	}
	return local + "@" + provider
}

var nickWords = strings.Fields(`blue dark silver happy lazy quick green red night star moon sun sky river stone wolf fox bear tiger pixel code data cyber retro neo mad cool`)
var nickWords2 = strings.Fields(`rider coder panda dragon ninja fox wave storm gamer maker hawk tree cat dog byte bit smith wizard owl shark`)

var baseMail = []wstr{{"gmail.com", 50}, {"outlook.com", 12}, {"hotmail.com", 5}, {"yahoo.com", 7}, {"icloud.com", 8}, {"proton.me", 3}, {"aol.com", 1}}

func (g *gen) card(r *rand.Rand) string {
	bin := pick(r, g.bins)
	brand := "visa"
	switch bin[0] {
	case '5', '2':
		brand = "mastercard"
	case '3':
		brand = "amex"
	}
	return fmt.Sprintf("%s-%s-%04d-%02d%02d", brand, bin, r.IntN(10000), 1+r.IntN(12), 27+r.IntN(5))
}

func (g *gen) rareDesk(r *rand.Rand) string  { return "fp_" + hexs(r, 16) }
func (g *gen) rarePhone(r *rand.Rand) string { return "fp_" + hexs(r, 16) }

func (g *gen) desktop(r *rand.Rand, popular float64) string {
	if r.Float64() < popular {
		return g.popDesk[pickW(r, zipfW(len(g.popDesk), 0.9))]
	}
	return g.rareDesk(r)
}

func (g *gen) phone(r *rand.Rand, popular float64) string {
	if r.Float64() < popular {
		return g.popPhone[pickW(r, zipfW(len(g.popPhone), 0.9))]
	}
	return g.rarePhone(r)
}

func (g *gen) regionW(r *rand.Rand) *region {
	w := make([]float64, len(g.regions))
	for i, x := range g.regions {
		w[i] = x.w
	}
	return g.regions[pickW(r, w)]
}

func (g *gen) regionByName(n string) *region {
	for _, x := range g.regions {
		if x.name == n {
			return x
		}
	}
	panic(n)
}

// person is an ordinary individual: a home, devices, a card, a mailbox.
type person struct {
	id, first, last, email, card string
	reg                          *region
	tz                           float64
	home, home2                  string // home address before and after a change
	homeChange                   int64
	v6                           string // a /64 when the home uses IPv6
	desk, mob                    string
	office                       string
	signup                       int64
}

func (g *gen) newPerson(r *rand.Rand, reg *region, cardP float64, oldP float64) *person {
	p := &person{id: g.newID(r), reg: reg, tz: reg.tz}
	p.first, p.last = g.name(r)
	p.email = g.personalEmail(r, p.first, p.last, pickWS(r, reg.mail))
	if r.Float64() < cardP {
		p.card = g.card(r)
	}
	is := pick(r, reg.isps)
	p.home = ip4(pick(r, is.p24), host(r))
	if r.Float64() < 0.2 {
		p.home2 = ip4(pick(r, is.p24), host(r))
		p.homeChange = t0 + r.Int64N(end-t0)
	}
	if len(is.v6) > 0 && r.Float64() < 0.15 {
		p.v6 = v6home(r, is)
	}
	p.desk = g.desktop(r, 0.55)
	if r.Float64() < 0.6 {
		p.mob = g.phone(r, 0.8)
	}
	if r.Float64() < oldP {
		p.signup = t0 - day*int64(between(r, 20, 1400)) - r.Int64N(day)
	} else {
		p.signup = pickTime(r, p.tz, humanW, 0.8, t0, end-2*hour)
	}
	return p
}

// where gives the address and device a person uses at time t.
func (g *gen) where(r *rand.Rand, p *person, t int64) (string, string) {
	off := int64(p.tz * 3600)
	lh := ((t + off) % day) / hour
	ld := (t + off) / day
	if p.office != "" && !weekend(ld) && lh >= 8 && lh < 18 && r.Float64() < 0.8 {
		return p.office, p.desk
	}
	if p.mob != "" && r.Float64() < 0.35 {
		if r.Float64() < 0.5 {
			return g.carrierIP(r, p.reg), p.mob
		}
		return g.homeAt(r, p, t), p.mob
	}
	return g.homeAt(r, p, t), p.desk
}

func (g *gen) homeAt(r *rand.Rand, p *person, t int64) string {
	if p.v6 != "" && r.Float64() < 0.7 {
		// privacy addresses: a new interface id each day
		dr := rand.New(rand.NewPCG(uint64(t/day), fnv64(p.id)))
		return v6addr(dr, p.v6)
	}
	if p.home2 != "" && t >= p.homeChange {
		return p.home2
	}
	return p.home
}

func fnv64(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(s))
	return h.Sum64()
}

func (g *gen) personSignup(r *rand.Rand, p *person) {
	ip, dev := p.home, p.desk
	if p.mob != "" && r.IntN(3) == 0 {
		dev = p.mob
	}
	g.signup(p.id, p.signup, ip, p.card, dev, p.email)
}

func (g *gen) ordinaryTokens(r *rand.Rand) int { return lognorm(r, 420, 0.75, 12, 9000) }

// ---------------------------------------------------------------- world

func (g *gen) world() {
	r := g.rng("world")
	mk := func(name string, tz, w float64, extra ...wstr) *region {
		reg := &region{name: name, tz: tz, w: w}
		reg.mail = append(append([]wstr{}, baseMail...), extra...)
		for i := 0; i < 4; i++ {
			is := &isp{}
			for k := 0; k < 2; k++ {
				p16 := g.alloc16(r, residentialFirst)
				for j := 0; j < 48; j++ {
					is.p24 = append(is.p24, g.alloc24(r, p16))
				}
			}
			pre := pick(r, []string{"2a02", "2a01", "2600", "2601", "2a00", "2003", "2405", "2409", "2804", "2806"})
			for j := 0; j < 3; j++ {
				is.v6 = append(is.v6, fmt.Sprintf("%s:%x:%x", pre, 0x100+r.IntN(0xfe00), 0x1000+r.IntN(0xe000)))
			}
			reg.isps = append(reg.isps, is)
		}
		c16 := g.alloc16(r, residentialFirst)
		for j := 0; j < 6; j++ {
			reg.carrier = append(reg.carrier, g.alloc24(r, c16))
		}
		// small businesses: one static address each, several firms per business /24
		b16 := g.alloc16(r, residentialFirst)
		for j := 0; j < 30; j++ {
			p := g.alloc24(r, b16)
			for k := 0; k < 10; k++ {
				reg.offices = append(reg.offices, ip4(p, host(r)))
			}
		}
		g.regions = append(g.regions, reg)
		return reg
	}
	mk("us-east", -5, 16, wstr{"comcast.net", 2})
	mk("us-central", -6, 8, wstr{"att.net", 1})
	mk("us-west", -8, 10)
	mk("uk", 0, 7, wstr{"btinternet.com", 2})
	mk("de", 1, 7, wstr{"gmx.de", 14}, wstr{"web.de", 12}, wstr{"t-online.de", 4})
	mk("fr", 1, 5, wstr{"orange.fr", 8}, wstr{"free.fr", 5})
	mk("pl", 1, 3, wstr{"wp.pl", 14}, wstr{"onet.pl", 8})
	mk("pt", 0, 2, wstr{"sapo.pt", 6})
	mk("br", -3, 6, wstr{"uol.com.br", 5}, wstr{"bol.com.br", 3})
	mk("mx", -6, 4)
	mk("in", 5.5, 10, wstr{"rediffmail.com", 4})
	mk("sg", 8, 3)
	mk("jp", 9, 5, wstr{"yahoo.co.jp", 20})
	mk("kr", 9, 4, wstr{"naver.com", 35}, wstr{"daum.net", 8})
	mk("au", 10, 4, wstr{"bigpond.com", 3})
	mk("ng", 1, 3)
	mk("tr", 3, 3, wstr{"yandex.com", 5})
	mk("vn", 7, 2)

	for i := 0; i < 16; i++ {
		g.popDesk = append(g.popDesk, "fp_"+hexs(r, 16))
	}
	for i := 0; i < 10; i++ {
		g.popPhone = append(g.popPhone, "fp_"+hexs(r, 16))
	}
	g.sdkPy = "fp_" + hexs(r, 16)
	g.sdkNode = "fp_" + hexs(r, 16)

	for i := 0; i < 16; i++ {
		g.cloud16 = append(g.cloud16, g.alloc16(r, []int{3, 18, 34, 35, 44, 52, 54}))
		g.used16[g.cloud16[i]] = true
	}
	for i := 0; i < 6; i++ {
		g.vps16 = append(g.vps16, g.alloc16(r, []int{45, 104, 139, 159, 167, 185, 193, 194, 195}))
	}
	// A secure-web-gateway vendor's egress: per region, two addresses in one /24 of its own.
	g.swg = map[string][]string{}
	sw16 := g.alloc16(r, []int{136, 147, 165})
	for _, n := range []string{"us-east", "us-west", "uk", "de", "in", "sg", "jp"} {
		p := g.alloc24(r, sw16)
		g.swg[n] = []string{ip4(p, 10+r.IntN(100)), ip4(p, 120+r.IntN(100))}
	}
	for i := 0; i < 300; i++ {
		g.bins = append(g.bins, fmt.Sprintf("%d%05d", pick(r, []int{4, 4, 4, 5, 5, 2, 3}), r.IntN(100000)))
	}
}

// ---------------------------------------------------------------- prompts

var devTasks = strings.Fields(`reverse_a_linked_list parse_a_csv_file read_a_json_config sort_a_map_by_value debounce_a_function retry_an_http_request with_exponential_backoff dedupe_an_array flatten_nested_lists compare_two_dates stream_a_large_file upload_a_file_to_s3 connect_to_postgres mock_a_database_in_tests center_a_div handle_a_promise_rejection use_async_await_correctly read_env_variables write_a_dockerfile set_up_a_github_action paginate_an_api merge_two_dataframes group_by_and_count plot_a_histogram cache_results resize_images validate_an_email_address hash_a_password schedule_a_cron_job parse_command_line_flags`)
var langs = []string{"python", "javascript", "typescript", "go", "rust", "java", "c#", "kotlin", "php", "ruby", "swift", "bash", "sql", "c++", "react", "pandas"}
var topics = strings.Fields(`black_holes inflation the_french_revolution photosynthesis blockchain machine_learning the_stock_market climate_change vaccines the_roman_empire quantum_computing compound_interest the_immune_system supply_and_demand plate_tectonics the_cold_war neural_networks gravity dna_replication electric_cars interest_rates the_big_bang democracy volcanoes the_silk_road tariffs sleep_cycles gut_bacteria solar_panels the_renaissance`)
var dishes = strings.Fields(`lasagna chicken_curry banana_bread pad_thai chili shakshuka risotto tacos ramen pancakes lentil_soup paella brownies falafel dumplings carbonara stir_fry granola bibimbap moussaka`)
var ingredients = strings.Fields(`leftover_rice chickpeas spinach tofu ground_beef sweet_potatoes mushrooms frozen_peas canned_tomatoes oats eggs feta zucchini salmon coconut_milk`)
var cities = strings.Fields(`lisbon tokyo mexico_city rome barcelona seoul new_york chicago montreal cape_town istanbul bangkok hanoi prague vienna kyoto buenos_aires sydney dublin edinburgh porto marrakech amsterdam copenhagen singapore bali oaxaca athens budapest vancouver`)
var relations = strings.Fields(`boss landlord coworker mom dad sister brother teacher neighbor friend partner client professor manager roommate`)
var tones = strings.Fields(`polite firm friendly formal apologetic professional casual persuasive warm concise`)
var hobbies = strings.Fields(`gardening hiking cooking board_games photography running knitting fishing chess video_games jazz yoga cycling birdwatching pottery`)
var jobs = strings.Fields(`data_analyst nurse software_engineer marketing_manager teacher accountant product_manager graphic_designer sales_representative project_coordinator ux_researcher warehouse_supervisor paralegal pharmacist barista`)
var symptoms = []string{"my knee clicks when i climb stairs", "i get headaches after screens all day", "my cat sleeps 18 hours a day", "my sourdough starter smells like nail polish", "my laptop fan is always loud", "my tomato leaves are turning yellow", "my toddler wakes up at 5am", "my phone battery drains overnight", "my dog eats grass", "my eye twitches for a week"}

func un(s string) string { return strings.ReplaceAll(s, "_", " ") }

// title capitalises the first letter of each word.
func title(s string) string {
	w := strings.Fields(s)
	for i, x := range w {
		w[i] = strings.ToUpper(x[:1]) + x[1:]
	}
	return strings.Join(w, " ")
}

func casual(r *rand.Rand, s string) string {
	switch r.IntN(6) {
	case 0:
		s = strings.ToLower(s)
	case 1:
		if len(s) > 0 {
			s = strings.ToUpper(s[:1]) + s[1:]
		}
	case 2:
		s = strings.TrimRight(s, "?.!")
	}
	if r.IntN(9) == 0 {
		s += pick(r, []string{" pls", " thanks", " thx", "!!", " asap", " :)"})
	}
	return s
}

func (g *gen) general(r *rand.Rand) string {
	var s string
	switch r.IntN(28) {
	case 26, 27: // homework and textbook questions
		q := question(r)
		if r.IntN(2) == 0 {
			return askPhrase(r) + " " + q
		}
		return q
	case 0:
		s = fmt.Sprintf("how do i %s in %s", un(pick(r, devTasks)), pick(r, langs))
	case 1:
		s = fmt.Sprintf("write a %s email to my %s about %s", pick(r, tones), pick(r, relations), pick(r, []string{"the rent increase", "taking friday off", "the broken dishwasher", "a late payment", "our trip next month", "the project deadline", "moving out", "a refund", "the noise at night", "my promotion"}))
	case 2:
		s = fmt.Sprintf("explain %s like i'm %d", un(pick(r, topics)), between(r, 5, 15))
	case 3:
		a, b := pick(r, topics), pick(r, topics)
		s = fmt.Sprintf("what's the difference between %s and %s?", un(a), un(b))
	case 4:
		s = fmt.Sprintf("give me a recipe for %s using %s", un(pick(r, dishes)), un(pick(r, ingredients)))
	case 5:
		s = fmt.Sprintf("plan a %d day trip to %s on a budget, I like %s", between(r, 2, 10), un(pick(r, cities)), un(pick(r, hobbies)))
	case 6:
		s = "summarize this: " + userText(r, between(r, 2, 6))
	case 7:
		s = fmt.Sprintf("translate to %s: %s", pick(r, []string{"spanish", "french", "german", "japanese", "korean", "portuguese", "italian", "polish", "turkish", "hindi"}), userText(r, between(r, 1, 3)))
	case 8:
		s = fmt.Sprintf("write a short poem about %s for my %s", un(pick(r, append(topics, hobbies...))), pick(r, relations))
	case 9:
		s = fmt.Sprintf("help me name my %s, it's about %s", pick(r, []string{"podcast", "bakery", "band", "startup", "etsy shop", "dog", "youtube channel", "newsletter", "boat", "app"}), un(pick(r, hobbies)))
	case 10:
		s = fmt.Sprintf("is it normal that %s", pick(r, symptoms))
	case 11:
		s = fmt.Sprintf("suggest %d gift ideas for my %s who likes %s", between(r, 3, 10), pick(r, relations), un(pick(r, hobbies)))
	case 12:
		s = fmt.Sprintf("rewrite this to sound more %s: %s", pick(r, tones), userText(r, between(r, 1, 4)))
	case 13:
		s = fmt.Sprintf("create a %d week workout plan to %s", between(r, 2, 12), pick(r, []string{"run a 10k", "lose weight", "build muscle", "improve posture", "get back into shape after surgery", "do a pull up", "train for a half marathon"}))
	case 14:
		s = fmt.Sprintf("write a cover letter for a %s position at a %s", un(pick(r, jobs)), pick(r, []string{"hospital", "startup", "bank", "school", "retail chain", "nonprofit", "law firm", "game studio"}))
	case 15:
		s = fmt.Sprintf("my %s code throws %s when I %s, why?", pick(r, langs), pick(r, []string{"a null pointer exception", "'index out of range'", "a type error", "a segfault", "a timeout", "'permission denied'", "a deadlock", "an import error"}), un(pick(r, devTasks)))
	case 16:
		s = fmt.Sprintf("tell me about the history of %s", un(pick(r, append(cities, topics...))))
	case 17:
		s = fmt.Sprintf("should I %s or %s?", pick(r, []string{"buy a used car", "rent", "learn rust", "take the job offer", "go back to school", "get a dog", "switch to linux", "pay off my loan early"}), pick(r, []string{"lease", "buy", "learn go", "stay where I am", "keep working", "get a cat", "stay on mac", "invest the money"}))
	case 18:
		s = fmt.Sprintf("make an outline for a %s about %s", pick(r, []string{"blog post", "school report", "youtube video", "talk", "essay", "newsletter"}), un(pick(r, topics)))
	case 19:
		s = fmt.Sprintf("regex to match %s", pick(r, []string{"an email address", "a us phone number", "dates like 2024-01-31", "a hex color", "an ipv4 address", "a uk postcode", "urls without query strings", "words in all caps"}))
	case 20:
		s = fmt.Sprintf("why does my %s %s", pick(r, []string{"dishwasher", "car", "wifi", "fridge", "printer", "bike", "washing machine", "laptop"}), pick(r, []string{"make a grinding noise", "keep disconnecting", "smell weird", "stop after ten minutes", "leak water", "get so hot", "not turn on in the morning"}))
	case 21:
		s = fmt.Sprintf("birthday message for my %s turning %d", pick(r, relations), between(r, 5, 90))
	case 22:
		s = fmt.Sprintf("what's the best way to learn %s as a %s", pick(r, append(langs, "guitar", "spanish", "statistics", "drawing", "chess")), un(pick(r, jobs)))
	case 23:
		s = fmt.Sprintf("%s vs %s for %s", pick(r, langs), pick(r, langs), pick(r, []string{"a beginner", "web scraping", "a backend api", "data science", "a game", "embedded work"}))
	case 24:
		s = fmt.Sprintf("can you check my math: %d * %d = %d?", between(r, 11, 999), between(r, 11, 99), between(r, 1000, 99999))
	default:
		s = fmt.Sprintf("what are some %s things to do in %s with kids", pick(r, []string{"cheap", "fun", "rainy day", "free", "outdoor", "unusual"}), un(pick(r, cities)))
	}
	return casual(r, s)
}

var bizTopics = []string{"the Q3 pricing change", "the vendor consolidation", "our SOC 2 audit", "the new expense policy", "the data migration", "the APAC launch", "renewal risk in the enterprise segment", "hiring freeze exceptions", "the churn analysis", "the warehouse automation pilot", "the customer advisory board", "the ERP upgrade", "the return-to-office plan", "the incident postmortem", "the FY28 budget"}
var bizRoles = []string{"the CFO", "our account executive", "the procurement team", "a new hire", "the legal team", "my skip-level", "an unhappy customer", "the vendor", "the project sponsor", "the works council", "the board"}

func (g *gen) business(r *rand.Rand) string {
	var s string
	switch r.IntN(12) {
	case 0:
		s = fmt.Sprintf("Draft an email to %s about %s.", pick(r, bizRoles), pick(r, bizTopics))
	case 1:
		s = fmt.Sprintf("Summarize the key risks of %s for %s in five bullets.", pick(r, bizTopics), pick(r, bizRoles))
	case 2:
		s = fmt.Sprintf("Create a %d-slide outline on %s.", between(r, 5, 15), pick(r, bizTopics))
	case 3:
		s = fmt.Sprintf("Write a SQL query that returns %s from tables %s.", pick(r, []string{"monthly active customers by region", "the top 10 SKUs by margin", "orders with no invoice", "duplicate vendor records", "average ticket resolution time per agent"}), pick(r, []string{"orders, customers", "invoices, vendors", "tickets, agents", "sku, sales_lines", "events, accounts"}))
	case 4:
		s = "Rewrite this to be more concise: " + userText(r, between(r, 2, 5))
	case 5:
		s = fmt.Sprintf("Give me interview questions for a %s.", un(pick(r, jobs)))
	case 6:
		s = fmt.Sprintf("Help me write OKRs for the %s team around %s.", pick(r, []string{"finance", "support", "platform", "sales ops", "security", "people", "logistics"}), pick(r, bizTopics))
	case 7:
		s = fmt.Sprintf("Excel formula to %s", pick(r, []string{"look up a price by SKU and date", "count unique customers per month", "flag overdue invoices", "split full names into two columns", "sum sales for the last 30 days"}))
	case 8:
		s = fmt.Sprintf("Explain %s in plain language for a board update.", pick(r, []string{"deferred revenue", "EBITDA margin", "net revenue retention", "working capital", "hedging FX exposure", "cost of goods sold"}))
	case 9:
		s = fmt.Sprintf("Write a job description for a %s.", un(pick(r, jobs)))
	case 10:
		s = fmt.Sprintf("What should be on the agenda for a kickoff about %s?", pick(r, bizTopics))
	default:
		s = g.general(r)
	}
	return s
}

var sentSubj = strings.Split("the new manager,our neighbour,the quarterly report,this recipe,the city,my team,the software update,the conference,our customer,the museum,the school board,the supplier,the airline,my landlord,the research group,the council,my sister,the contractor,our biggest client,the head chef,the new intern,the committee,the bank,the hospital,the football club,the publisher,the startup,the plumber,the orchestra,the union", ",")
var sentVerb = strings.Split("announced,postponed,rejected,celebrated,criticised,improved,delayed,approved,questioned,reorganised,cancelled,described,overlooked,praised,doubled,simplified,leaked,misread,renegotiated,defended,ignored,shortened,challenged,finalised", ",")
var sentObj = strings.Split("the budget,the plan for next year,the late delivery,a new schedule,the safety rules,the summer festival,its pricing,the hiring process,the quality checks,a partnership,the parking policy,the opening hours,the refund request,the lease,the menu,the training programme,the roadmap,the annual report,the seating plan,the warranty,the bus route,the exam dates,the recycling scheme,the marketing campaign", ",")
var sentTail = strings.Split("after a long discussion,without telling anyone,because of the weather,to everyone's surprise,for the third time,despite the complaints,in a short statement,earlier than expected,at the last minute,with very little detail,during the holidays,on Monday morning,before the deadline,after the audit,in front of the whole team,over a phone call,in the newsletter,while I was away", ",")
var sentWhy = strings.Split("nobody had read the contract,the numbers did not add up,the old system kept crashing,two people quit in the same week,the supplier raised prices,the weather ruined the first attempt,the customers kept asking for it,the deadline moved again,the approval took six weeks,the first draft was too long", ",")
var sentPlace = strings.Split("in the kitchen,at the office,downtown,near the station,on the second floor,in the garden,at the warehouse,in the parking lot,at my parents' house,in the lab", ",")

// sentence makes one sentence of pasted-in text (an e-mail, a page, a note).
func sentence(r *rand.Rand) string {
	var s string
	switch r.IntN(4) {
	case 0:
		s = fmt.Sprintf("%s %s %s %s.", pick(r, sentSubj), pick(r, sentVerb), pick(r, sentObj), pick(r, sentTail))
	case 1:
		s = fmt.Sprintf("%s %s %s because %s.", pick(r, sentSubj), pick(r, sentVerb), pick(r, sentObj), pick(r, sentWhy))
	case 2:
		s = fmt.Sprintf("%s, %s %s %s.", pick(r, sentTail), pick(r, sentSubj), pick(r, sentVerb), pick(r, sentObj))
	default:
		s = fmt.Sprintf("%s %s %s and %s %s.", pick(r, sentPlace), pick(r, sentSubj), pick(r, sentVerb), pick(r, sentObj), pick(r, sentTail))
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func userText(r *rand.Rand, n int) string {
	b := make([]string, n)
	for i := range b {
		b[i] = sentence(r)
	}
	return strings.Join(b, " ")
}

// ---------------------------------------------------------------- extraction payloads

var proofs = []string{"there are infinitely many primes of the form 4k+3", "every tree with n vertices has n-1 edges", "the square root of 2 is irrational", "a group of prime order is cyclic", "every bounded monotone sequence converges", "the harmonic series diverges", "a continuous function on a closed interval attains its maximum", "there is no largest prime", "every planar graph is 6-colourable", "the sum of the angles of a triangle is 180 degrees in Euclidean geometry", "the determinant of a product is the product of determinants", "e is irrational"}
var dsTasks = []string{"an LRU cache", "a trie with prefix search", "an interval tree", "a binary min-heap", "a skip list", "a B-tree", "union-find with path compression", "a consistent-hash ring", "a token-bucket rate limiter", "a Bloom filter", "a segment tree with lazy propagation", "a lock-free ring buffer", "a persistent red-black tree", "an A* path finder", "a Raft log replicator"}
var dsOps = []string{"insert, delete and lookup in O(log n)", "concurrent access from many threads", "serialisation to disk", "range queries and point updates", "iteration in sorted order", "a configurable memory limit", "full unit tests"}
var derivations = []string{"the ideal gas law from kinetic theory", "Kepler's third law from Newton's law of gravitation", "the Nernst equation", "the Black-Scholes equation", "the Hardy-Weinberg equilibrium", "time dilation from the postulates of special relativity", "the Michaelis-Menten equation", "the wave equation for a vibrating string", "the Clausius-Clapeyron relation", "the Schwarzschild radius from escape velocity", "Bernoulli's equation from energy conservation", "the Lorentz force law from Maxwell's equations"}
var events = []string{"the fall of the Western Roman Empire", "the 2008 financial crisis", "the Meiji Restoration", "the collapse of the Soviet Union", "the Protestant Reformation", "the partition of India", "the Industrial Revolution in Britain", "the Arab Spring", "the Thirty Years' War", "the rise of the Mongol Empire", "the Great Depression", "the decolonisation of Africa"}
var fields = []string{"physics", "organic chemistry", "microeconomics", "machine learning", "molecular biology", "number theory", "distributed systems", "constitutional law", "epidemiology", "signal processing", "game theory", "thermodynamics"}
var concepts = []string{"quantum entanglement", "public-key cryptography", "the Krebs cycle", "monetary policy transmission", "the Fourier transform", "attention in transformers", "Bayesian inference", "the CAP theorem", "general equilibrium", "CRISPR gene editing", "the renormalisation group", "backpropagation", "Nash equilibria", "the central limit theorem", "Byzantine fault tolerance", "the Higgs mechanism"}
var aspects = []string{"the historical motivation", "the key equations", "common misconceptions", "edge cases", "its limitations", "connections to related ideas", "how experts reason about it"}
var codeTasks = []string{"Write a function that parses ISO 8601 durations", "Find the longest palindromic substring of a string", "Merge k sorted linked lists", "Detect a cycle in a directed graph and return it", "Compute edit distance with the full alignment", "Implement a JSON tokenizer", "Solve the N-queens problem for any n", "Evaluate arithmetic expressions with precedence and parentheses", "Implement Dijkstra's algorithm with a decrease-key heap", "Write a topological sort that reports every cycle", "Implement a regular-expression matcher supporting . * and +", "Compute the convex hull of a set of points"}

func question(r *rand.Rand) string {
	switch r.IntN(11) {
	case 0:
		return fmt.Sprintf("A train leaves at %d km/h and a second train follows %d minutes later at %d km/h. How long until the second catches up, and how far have they travelled?", between(r, 40, 120), between(r, 5, 90), between(r, 90, 200))
	case 1:
		return fmt.Sprintf("Find all real solutions of x^3 - %dx^2 + %dx - %d = 0.", between(r, 2, 20), between(r, 5, 90), between(r, 2, 200))
	case 2:
		return fmt.Sprintf("A bag holds %d red and %d blue balls. Three are drawn without replacement. What is the probability that exactly two are red?", between(r, 3, 20), between(r, 3, 20))
	case 3:
		return fmt.Sprintf("Find the remainder when %d^%d is divided by %d.", between(r, 2, 99), between(r, 50, 9999), between(r, 7, 97))
	case 4:
		return fmt.Sprintf("A ladder %d m long leans against a wall; its foot slides away at %d cm/s. How fast is the top falling when the foot is %d m from the wall?", between(r, 5, 15), between(r, 10, 90), between(r, 2, 4))
	case 5:
		return "Prove that " + pick(r, proofs) + "."
	case 6:
		return fmt.Sprintf("Implement %s in %s supporting %s.", pick(r, dsTasks), pick(r, langs), pick(r, dsOps))
	case 7:
		return "Derive " + pick(r, derivations) + "."
	case 8:
		return "Analyse the causes and consequences of " + pick(r, events) + "."
	case 9:
		return pick(r, codeTasks) + " in " + pick(r, langs) + "."
	default:
		return fmt.Sprintf("How many ways can %d people sit around a round table if %d particular people refuse to sit next to each other?", between(r, 6, 14), 2)
	}
}

// paraphrase renders an extraction request the way an LLM paraphraser would: every part
// reworded, reordered or left out, so no fixed frame survives.
func paraphrase(r *rand.Rand, q string) string {
	greet := []string{"Hey", "Hi", "Hi there", "Hello", "Good morning", "Morning", "OK so", "So", "Hey again", "Evening", "Yo", "Greetings"}
	context := []string{"I've been stuck on this for a while", "hoping you can help", "here's something I'm curious about", "for a study group I'm running", "my professor mentioned this today", "random question", "I need a hand with this one", "I'm preparing for an exam", "I've been thinking about this all week", "working on a side project and hit this", "a friend asked me this and I blanked", "trying to really understand this", "this came up at work", "my kid asked me this", "I'm revising for finals", "I keep getting a different answer from the book", "I'm tutoring someone on this", "I saw this in an interview prep list", "it's been bugging me", "I'm writing notes for a course"}
	depth := []string{"Show every step.", "Don't skip any reasoning.", "I want the whole thought process, not just the result.", "Be thorough and explain each move.", "Lay out your reasoning in detail.", "Go slowly and justify each step.", "Include all the intermediate work.", "Write it like a textbook solution.", "Think it through out loud.", "Explain why each step follows from the previous one.", "Spell out the logic fully.", "Leave nothing implicit.", "Make the chain of reasoning explicit.", "Go deep on this.", "Err on the side of too much detail."}
	formats := []string{"Use headings.", "Number the steps.", "End with a one-line summary.", "Put the final answer in bold.", "Add a short check at the end.", "Then give me a similar practice problem.", "Mention the common mistakes too.", "Finish with the key takeaway.", "Use bullet points where it helps.", "Include a worked example."}
	closers := []string{"Thanks!", "Thanks a lot.", "Appreciate it!", "cheers", "thank you so much", "ty", "Much appreciated.", "Thanks in advance.", ""}
	var parts []string
	switch r.IntN(5) {
	case 0:
		parts = append(parts, pick(r, greet)+pick(r, []string{",", "!", " -", "."}))
	case 1:
		parts = append(parts, pick(r, greet)+", "+pick(r, context)+pick(r, []string{".", "!", " :)", "..."}))
	case 2:
		c := pick(r, context)
		parts = append(parts, strings.ToUpper(c[:1])+c[1:]+pick(r, []string{".", ":", "!", " -"}))
	}
	core := []string{askPhrase(r), q}
	if r.IntN(3) == 0 {
		core = []string{q, pick(r, []string{"How would you approach it?", "Can you help?", "What's the method?", "Any idea how to do this properly?", "How do I get there?"})}
	}
	var tail []string
	if r.Float64() < 0.85 {
		tail = append(tail, pick(r, depth))
		if r.IntN(3) == 0 {
			tail = append(tail, pick(r, depth))
		}
	}
	if r.Float64() < 0.5 {
		tail = append(tail, pick(r, formats))
	}
	if r.IntN(4) == 0 {
		parts = append(parts, tail...)
		parts = append(parts, core...)
	} else {
		parts = append(parts, core...)
		parts = append(parts, tail...)
	}
	if c := pick(r, closers); c != "" && r.Float64() < 0.4 {
		parts = append(parts, c)
	}
	sep := " "
	if r.IntN(3) == 0 {
		sep = "\n"
	}
	s := strings.Join(parts, sep)
	if r.IntN(5) == 0 {
		s = strings.ToLower(s)
	}
	return s
}

// askPhrase is how a person (or a paraphrasing model) asks for help with a problem.
func askPhrase(r *rand.Rand) string {
	lead := []string{"Can you", "Could you", "Would you", "Please", "I need you to", "Help me", "Would you mind helping me", "Can you help me", "I'd like you to", "Could you please", "Mind if I ask you to", "Try to"}
	verb := []string{"work through", "solve", "explain", "break down", "go over", "unpack", "figure out", "walk me through", "take me through", "answer", "tackle", "show me how to do", "help with"}
	obj := []string{"this", "the following", "this problem", "the question below", "this one", "something for me", "the problem below", "this exercise", "a tricky one"}
	s := pick(r, lead) + " " + pick(r, verb) + " " + pick(r, obj) + pick(r, []string{":", "?", ".", " -", "", ":\n"})
	if s[:4] == "Help" || s[:4] == "Plea" || s[:3] == "Try" || s[:3] == "I'd" || s[:6] == "I need" {
		s = strings.TrimSuffix(s, "?")
	}
	if r.IntN(4) == 0 {
		s = strings.ToLower(s)
	}
	return s
}

func extractTokens(r *rand.Rand) int { return lognorm(r, 2800, 0.3, 900, 8000) }

// ---------------------------------------------------------------- populations

type pop struct {
	id, kind string
	ring     bool
	accounts []string
	recs     int
}

func (g *gen) finish(p *pop, before int) {
	p.recs = len(g.recs) - before
	grp := group{ID: p.id, Kind: p.kind, Accounts: append([]string{}, p.accounts...)}
	sort.Strings(grp.Accounts)
	if p.ring {
		g.truth.Rings = append(g.truth.Rings, grp)
	} else {
		g.truth.Decoys = append(g.truth.Decoys, grp)
	}
	g.report = append(g.report, fmt.Sprintf("%-26s %-5v %6d accounts %7d records", p.id, p.ring, len(p.accounts), p.recs))
}

func size(r *rand.Rand, n int) int { return int(float64(n) * (0.9 + 0.2*r.Float64())) }

// background: ordinary people at home, at small offices, on phones.
func (g *gen) background() {
	r := g.rng("background")
	p := &pop{id: "background", kind: "background-residential"}
	before := len(g.recs)
	n := size(r, 14000)
	for i := 0; i < n; i++ {
		reg := g.regionW(r)
		ps := g.newPerson(r, reg, 0.72, 0.65)
		if r.Float64() < 0.3 {
			ps.office = pick(r, reg.offices)
			if sw := g.swg[reg.name]; sw != nil && r.Float64() < 0.05 {
				ps.office = pick(r, sw) // an employer that routes through the gateway vendor
			}
		}
		dev := r.Float64() < 0.08
		g.personSignup(r, ps)
		from := max(ps.signup, t0)
		k := lognorm(r, 4, 1.2, 1, 600)
		if dev {
			k = lognorm(r, 12, 1.1, 2, 900)
		}
		ts := humanTimes(r, k, ps.tz, humanW, 0.75, from, end, 160)
		if ps.signup >= t0 && r.Float64() < 0.85 && len(ts) > 0 {
			ts[0] = ps.signup + 30 + r.Int64N(1800)
		}
		bizP := 0.08 // office workers ask the same work questions as the companies' staff
		if ps.office != "" {
			bizP = 0.3
		}
		for _, t := range ts {
			ip, d := g.where(r, ps, t)
			prompt := g.general(r)
			if r.Float64() < bizP {
				prompt = g.business(r)
			}
			tok := g.ordinaryTokens(r)
			if dev && r.Float64() < 0.45 {
				d = pick(r, []string{g.sdkPy, g.sdkPy, g.sdkNode})
				if r.IntN(2) == 0 {
					prompt = question(r)
					tok = lognorm(r, 900, 0.6, 50, 6000)
				}
			}
			g.req(ps.id, t, ip, ps.card, d, prompt, tok)
		}
		p.accounts = append(p.accounts, ps.id)
	}
	g.finish(p, before)
}

// enterpriseSSO: a company rolls the API out to its staff through SSO; one invoice, a
// secure-web-gateway's egress in four countries, managed laptops, business hours.
func (g *gen) enterpriseSSO() {
	r := g.rng("enterprise-sso")
	p := &pop{id: "enterprise-sso", kind: "enterprise-sso-tenant"}
	before := len(g.recs)
	const domain = "halvorsen-group.com"
	invoice := fmt.Sprintf("invoice-ENT-%06d", r.IntN(1000000))
	images := []string{"fp_" + hexs(r, 16), "fp_" + hexs(r, 16), "fp_" + hexs(r, 16), "fp_" + hexs(r, 16), "fp_" + hexs(r, 16)}
	idp := []string{ip4(g.cloud24(r), host(r)), ip4(g.cloud24(r), host(r))}
	n := size(r, 1000)
	rollout := t0 + day + 14*hour
	offices := []struct {
		reg string
		w   float64
	}{{"us-east", 45}, {"uk", 25}, {"in", 20}, {"sg", 10}}
	ow := []float64{45, 25, 20, 10}
	seen := map[string]int{}
	tmpl1 := func() string {
		return fmt.Sprintf("Summarize the following call notes for the CRM record of %s into: 1) customer goals 2) blockers 3) next steps with owners.\n\nNotes:\n%s", pick(r, []string{"Acme Logistics", "Borealis Foods", "Cedar Health", "Dunmore Bank", "Eastwind Retail", "Fjord Shipping", "Granite Insurance", "Helio Energy", "Ironbridge Capital", "Juniper Telecom"}), userText(r, between(r, 3, 8)))
	}
	tmpl2 := func() string {
		return fmt.Sprintf("Write a %s follow-up email to %s %s after our meeting about %s. Keep it under 150 words and propose two times for a next call.", pick(r, tones), title(pick(r, firstNames)), title(pick(r, lastNames)), pick(r, bizTopics))
	}
	for i := 0; i < n; i++ {
		o := offices[pickW(r, ow)]
		reg := g.regionByName(o.reg)
		ps := g.newPerson(r, reg, 0, 0)
		local := ps.first + "." + ps.last
		seen[local]++
		if seen[local] > 1 {
			local += fmt.Sprint(seen[local])
		}
		ps.email = local + "@" + domain
		ps.card = invoice
		egress := g.swg[o.reg]
		lap := images[pickW(r, []float64{40, 25, 15, 12, 8})]
		var su int64
		var suIP, suDev string
		if r.Float64() < 0.7 {
			su = rollout + r.Int64N(25*60) // SCIM provisioning: no device, from the identity provider
			suIP = pick(r, idp)
		} else {
			su = t0 - day*int64(between(r, 10, 220)) - r.Int64N(day)
			suIP, suDev = pick(r, egress), lap
		}
		g.signup(ps.id, su, suIP, invoice, suDev, ps.email)
		start := max(su, t0) + int64(r.ExpFloat64()*2.5*float64(day))
		if start >= end-hour {
			p.accounts = append(p.accounts, ps.id)
			continue
		}
		k := lognorm(r, 16, 1.0, 1, 450)
		for _, t := range humanTimes(r, k, ps.tz, workW, 0.06, start, end, 240) {
			ip, d := pick(r, egress), lap
			if r.Float64() < 0.12 {
				d = ps.desk
				if ps.mob != "" {
					d = ps.mob
				}
			}
			if r.Float64() < 0.05 {
				ip = ps.home
			}
			var pr string
			switch u := r.Float64(); {
			case u < 0.2:
				pr = tmpl1()
			case u < 0.3:
				pr = tmpl2()
			default:
				pr = g.business(r)
			}
			g.req(ps.id, t, ip, invoice, d, pr, lognorm(r, 520, 0.7, 20, 8000))
		}
		p.accounts = append(p.accounts, ps.id)
	}
	g.finish(p, before)
}

// byokExtension: a browser extension whose users bring their own API key; most calls go
// through the vendor's relays (a few cloud addresses, one HTTP client) wrapped in its templates.
func (g *gen) byokExtension() {
	r := g.rng("byok-extension")
	p := &pop{id: "byok-extension", kind: "byok-extension-users"}
	before := len(g.recs)
	relayDev := "fp_" + hexs(r, 16)
	var relays [][]string // per relay region
	for i := 0; i < 4; i++ {
		p24 := g.cloud24(r)
		relays = append(relays, []string{ip4(p24, host(r)), ip4(p24, host(r)), ip4(p24, host(r))})
	}
	relayFor := func(reg *region) []string {
		switch {
		case reg.tz <= -5:
			return relays[0]
		case reg.tz < -2:
			return relays[1]
		case reg.tz < 4:
			return relays[2]
		}
		return relays[3]
	}
	wrap := func() (string, int) {
		switch r.IntN(4) {
		case 0:
			return fmt.Sprintf("Rewrite the following text so it sounds %s. Keep the meaning and the language of the original.\n\nText: <<<%s>>>", pick(r, tones), userText(r, between(r, 1, 5))), lognorm(r, 260, 0.6, 20, 3000)
		case 1:
			return fmt.Sprintf("Summarize this web page in 5 bullet points for a busy reader.\n\nTitle: %s\n\n%s", title(un(pick(r, topics)))+" "+pick(r, []string{"explained", "news", "guide", "in 2027", "FAQ", "- Wikipedia"}), userText(r, between(r, 4, 12))), lognorm(r, 320, 0.5, 40, 2000)
		case 2:
			return fmt.Sprintf("Draft a reply to this email. Tone: %s.\n\nEmail:\n%s", pick(r, tones), userText(r, between(r, 2, 6))), lognorm(r, 280, 0.5, 30, 2000)
		default:
			return fmt.Sprintf("Explain this selection in simple words: \"%s\"", userText(r, 1)), lognorm(r, 300, 0.6, 30, 2500)
		}
	}
	n := size(r, 2500)
	feat := t0 + 9*day + 15*hour
	for i := 0; i < n; i++ {
		reg := g.regionW(r)
		ps := g.newPerson(r, reg, 0.95, 0.5)
		if ps.signup >= t0 && r.Float64() < 0.25 {
			ps.signup = feat + r.Int64N(6*hour) // featured in the extension store
		}
		g.personSignup(r, ps)
		rl := relayFor(reg)
		from := max(ps.signup, t0)
		k := lognorm(r, 10, 1.0, 1, 500)
		for _, t := range humanTimes(r, k, ps.tz, humanW, 0.8, from, end, 120) {
			if r.Float64() < 0.8 {
				pr, tok := wrap()
				g.req(ps.id, t, pick(r, rl), ps.card, relayDev, pr, tok)
			} else {
				ip, d := g.where(r, ps, t)
				g.req(ps.id, t, ip, ps.card, d, g.general(r), g.ordinaryTokens(r))
			}
		}
		p.accounts = append(p.accounts, ps.id)
	}
	g.finish(p, before)
}

// evalHarness: a third-party evaluation lab: six accounts running benchmark suites in
// parallel at night from two cloud VMs, with chain-of-thought answers.
func (g *gen) evalHarness() {
	r := g.rng("eval-harness")
	p := &pop{id: "eval-harness-lab", kind: "research-eval-team"}
	before := len(g.recs)
	const domain = "meridian-evals.org"
	card := g.card(r)
	vm24 := g.cloud24(r)
	vms := []string{ip4(vm24, host(r)), ip4(vm24, host(r))}
	reg := g.regionByName("uk")
	subjects := []string{"abstract algebra", "anatomy", "astronomy", "clinical knowledge", "college chemistry", "computer security", "econometrics", "formal logic", "high school physics", "international law", "jurisprudence", "machine learning", "medical genetics", "moral scenarios", "professional accounting", "virology", "world religions"}
	var ppl []*person
	for i := 0; i < 6; i++ {
		ps := g.newPerson(r, reg, 0, 1)
		if i < 3 {
			ps.email = ps.first + "@" + domain
		} else {
			ps.email = fmt.Sprintf("harness-%02d@%s", i-2, domain)
		}
		ps.card = card
		g.signup(ps.id, t0-day*int64(between(r, 60, 400)), ps.home, card, ps.desk, ps.email)
		ppl = append(ppl, ps)
		p.accounts = append(p.accounts, ps.id)
	}
	for _, d := range []int{1, 3, 4, 8, 10} {
		start := t0 + int64(d)*day + 22*hour + r.Int64N(1800)
		suite := r.IntN(2)
		steps := between(r, 520, 680)
		for j := 0; j < steps; j++ {
			var pr string
			if suite == 0 {
				pr = fmt.Sprintf("The following is a multiple choice question about %s. Think step by step, then finish with \"Answer: X\".\n\nQuestion: %s\nA) %s\nB) %s\nC) %s\nD) %s", pick(r, subjects), question(r), pick(r, concepts), pick(r, concepts), pick(r, concepts), pick(r, concepts))
			} else {
				pr = fmt.Sprintf("Solve the following problem. Reason step by step and put the final answer after \"####\".\n\nProblem: %s", question(r))
			}
			tt := start + int64(j)*18
			for _, ps := range ppl {
				// the harness sends the same item to every model configuration at once
				g.req(ps.id, tt+r.Int64N(4), vms[j%2], card, g.sdkPy, pr, lognorm(r, 1100, 0.45, 150, 6000))
			}
		}
	}
	for _, ps := range ppl[:3] { // the researchers' own console use
		for _, t := range humanTimes(r, between(r, 5, 30), ps.tz, workW, 0.2, t0, end, 200) {
			g.req(ps.id, t, ps.home, card, ps.desk, g.general(r), g.ordinaryTokens(r))
		}
	}
	g.finish(p, before)
}

// coworking: three sites of a coworking chain: freelancers, small start-up teams on a team
// card and their own domain, day-pass visitors, all on the site's guest Wi-Fi.
func (g *gen) coworking() {
	r := g.rng("coworking")
	p := &pop{id: "coworking", kind: "coworking-space"}
	before := len(g.recs)
	type site struct {
		reg *region
		ips []string
	}
	var sites []site
	for _, n := range []string{"de", "pt", "us-central"} {
		reg := g.regionByName(n)
		p24 := g.alloc24(r, g.alloc16(r, residentialFirst))
		sites = append(sites, site{reg, []string{ip4(p24, host(r)), ip4(p24, host(r))}})
	}
	n := size(r, 450)
	heavyLeft := 2
	for len(p.accounts) < n {
		s := pick(r, sites)
		u := r.Float64()
		switch {
		case u < 0.3: // a start-up team
			team := between(r, 2, 7)
			dom := pick(r, []string{"tally", "nimbus", "lark", "quill", "fern", "orbit", "pebble", "kite", "mosaic", "ember", "cobalt", "maple"}) + pick(r, []string{"fox", "labs", "works", "hq", "ly", "base", "stack", "loop"}) + fmt.Sprint(r.IntN(100)) + pick(r, []string{".io", ".ai", ".dev", ".co"})
			card := g.card(r)
			product := pick(r, []string{"habit tracker", "invoice tool", "recipe planner", "dev portal", "language tutor", "pet insurance quote", "hiring pipeline", "meal kit"})
			audience := pick(r, []string{"freelancers", "small landlords", "busy parents", "junior developers", "clinics", "students", "restaurants"})
			heavy := heavyLeft > 0 && team >= 3
			if heavy {
				heavyLeft--
			}
			hstart := t0 + int64(between(r, 1, 9))*day + 9*hour
			for m := 0; m < team; m++ {
				ps := g.newPerson(r, s.reg, 0, 0.7)
				ps.email = ps.first + "@" + dom
				if !g.claim(ps.email) {
					ps.email = ps.first + "." + ps.last + "@" + dom
				}
				ps.card = card
				ps.office = pick(r, s.ips)
				g.signup(ps.id, ps.signup, ps.office, card, ps.desk, ps.email)
				from := max(ps.signup, t0)
				for _, t := range humanTimes(r, lognorm(r, 14, 0.9, 1, 300), ps.tz, workW, 0.2, from, end, 150) {
					ip, d := g.where(r, ps, t)
					pr := g.business(r)
					if r.Float64() < 0.3 {
						pr = fmt.Sprintf("Generate %d onboarding email subject lines for %s, a %s for %s. Avoid clickbait.", between(r, 3, 12), dom, product, audience)
					}
					g.req(ps.id, t, ip, card, d, pr, g.ordinaryTokens(r))
				}
				if heavy && m < 3 {
					// a prototype's evaluation script, run from the site for three days
					for dd := int64(0); dd < 3; dd++ {
						t := hstart + dd*day + r.Int64N(2*hour)
						for j := 0; j < between(r, 40, 90); j++ {
							t += 5 + r.Int64N(25)
							pr := fmt.Sprintf("You are the assistant inside %s, a %s for %s. User message: %s\nAnswer helpfully in under 120 words.", dom, product, audience, g.general(r))
							g.req(ps.id, t, ps.office, card, g.sdkPy, pr, lognorm(r, 260, 0.4, 30, 1500))
						}
					}
				}
				p.accounts = append(p.accounts, ps.id)
			}
		case u < 0.9: // freelancer
			ps := g.newPerson(r, s.reg, 0.85, 0.6)
			ps.office = pick(r, s.ips)
			g.personSignup(r, ps)
			from := max(ps.signup, t0)
			for _, t := range humanTimes(r, lognorm(r, 10, 1.0, 1, 400), ps.tz, workW, 0.3, from, end, 150) {
				ip, d := g.where(r, ps, t)
				pr := g.general(r)
				if r.IntN(2) == 0 {
					pr = g.business(r)
				}
				g.req(ps.id, t, ip, ps.card, d, pr, g.ordinaryTokens(r))
			}
			p.accounts = append(p.accounts, ps.id)
		default: // day pass: a visitor who works from the site once
			ps := g.newPerson(r, s.reg, 0.7, 0.8)
			g.personSignup(r, ps)
			dd := between(r, 0, days-1)
			visit := pickTime(r, ps.tz, workW, 0, t0+int64(dd)*day, t0+int64(dd+1)*day)
			k := between(r, 1, 6)
			for j := 0; j < k; j++ {
				g.req(ps.id, visit+int64(j)*int64(between(r, 120, 1800)), pick(r, s.ips), ps.card, ps.desk, g.general(r), g.ordinaryTokens(r))
			}
			for _, t := range humanTimes(r, lognorm(r, 3, 1, 0, 50), ps.tz, humanW, 0.8, max(ps.signup, t0), end, 150) {
				ip, d := g.where(r, ps, t)
				g.req(ps.id, t, ip, ps.card, d, g.general(r), g.ordinaryTokens(r))
			}
			p.accounts = append(p.accounts, ps.id)
		}
	}
	g.finish(p, before)
}

// travellers: business travellers on in-flight Wi-Fi (one satellite provider's egress for
// every airline), hotel-chain Wi-Fi and airport lounges, plus their ordinary use at home.
func (g *gen) travellers() {
	r := g.rng("travellers")
	p := &pop{id: "travellers", kind: "inflight-hotel-wifi"}
	before := len(g.recs)
	sat16 := g.alloc16(r, []int{66, 96, 131})
	sat := []uint32{g.alloc24(r, sat16), g.alloc24(r, sat16)}
	var satIPs []string
	for i := 0; i < 6; i++ {
		satIPs = append(satIPs, ip4(sat[i%2], host(r)))
	}
	h16 := g.alloc16(r, []int{64, 70, 208})
	hotel24 := []uint32{g.alloc24(r, h16), g.alloc24(r, h16)}
	var hotels []string
	for i := 0; i < 40; i++ {
		hotels = append(hotels, ip4(hotel24[i%2], host(r)))
	}
	var lounges []string
	for i := 0; i < 6; i++ {
		lounges = append(lounges, ip4(g.alloc24(r, g.alloc16(r, residentialFirst)), host(r)))
	}
	type flight struct {
		dep, dur int64
		ip       string
		lounge   string
	}
	var flights []flight
	for i := 0; i < 70; i++ {
		flights = append(flights, flight{
			dep:    t0 + r.Int64N((days-1)*day),
			dur:    int64(between(r, 3, 11)) * hour,
			ip:     pick(r, satIPs),
			lounge: pick(r, lounges),
		})
	}
	n := size(r, 900)
	for i := 0; i < n; i++ {
		reg := g.regionByName(pick(r, []string{"us-east", "us-east", "us-west", "us-central", "uk", "de", "fr", "sg", "jp", "in", "au"}))
		ps := g.newPerson(r, reg, 0.9, 0.8)
		g.personSignup(r, ps)
		from := max(ps.signup, t0)
		for _, t := range humanTimes(r, lognorm(r, 6, 1, 1, 200), ps.tz, humanW, 0.8, from, end, 150) {
			ip, d := g.where(r, ps, t)
			g.req(ps.id, t, ip, ps.card, d, g.general(r), g.ordinaryTokens(r))
		}
		nf := 1 + pickW(r, []float64{50, 35, 15})
		for f := 0; f < nf; f++ {
			fl := flights[r.IntN(len(flights))]
			if fl.dep < from {
				continue
			}
			d := ps.desk
			if ps.mob != "" && r.IntN(3) == 0 {
				d = ps.mob
			}
			if r.Float64() < 0.3 {
				for j, t := 0, fl.dep-90*60+r.Int64N(40*60); j < between(r, 1, 3); j++ {
					g.req(ps.id, t, fl.lounge, ps.card, d, g.general(r), g.ordinaryTokens(r))
					t += 60 + r.Int64N(600)
				}
			}
			// the Wi-Fi comes on about 25 minutes after take-off
			t := fl.dep + 25*60 + r.Int64N(40*60)
			for j := 0; j < between(r, 2, 8) && t < fl.dep+fl.dur && t < end; j++ {
				pr := g.general(r)
				if r.IntN(2) == 0 {
					pr = g.business(r)
				}
				g.req(ps.id, t, fl.ip, ps.card, d, pr, g.ordinaryTokens(r))
				t += 120 + int64(r.ExpFloat64()*1200)
			}
			// then a few nights at a hotel of the chain
			ht := pick(r, hotels)
			arrive := fl.dep + fl.dur
			for night := int64(0); night < int64(between(r, 1, 4)); night++ {
				base := arrive + night*day + int64(between(r, 2, 6))*hour
				for j := 0; j < between(r, 0, 4); j++ {
					tt := base + r.Int64N(4*hour)
					if tt < end {
						g.req(ps.id, tt, ht, ps.card, d, g.general(r), g.ordinaryTokens(r))
					}
				}
			}
		}
		p.accounts = append(p.accounts, ps.id)
	}
	g.finish(p, before)
}

// families: relatives in different cities and countries on one card paid by a parent;
// some children's accounts use the parent's Gmail with a +tag.
func (g *gen) families() {
	r := g.rng("families")
	p := &pop{id: "extended-families", kind: "shared-family-card"}
	before := len(g.recs)
	n := size(r, 1900)
	for len(p.accounts) < n {
		members := between(r, 3, 6)
		surname := pick(r, lastNames)
		home := g.regionW(r)
		card := g.card(r)
		var parent *person
		for m := 0; m < members; m++ {
			reg := home
			if m > 0 && r.Float64() < 0.4 {
				reg = g.regionW(r)
			}
			ps := g.newPerson(r, reg, 0, 0.6)
			ps.last = surname
			ps.email = g.personalEmail(r, ps.first, surname, pickWS(r, reg.mail))
			if r.Float64() < 0.85 {
				ps.card = card
			} else {
				ps.card = g.card(r)
			}
			kid := false
			if m == 0 {
				parent = ps
				if e := parent.first + "." + surname + "@gmail.com"; r.Float64() < 0.3 && g.claim(e) {
					parent.email = e
				}
			} else if strings.HasSuffix(parent.email, "@gmail.com") && m <= 2 && r.Float64() < 0.7 {
				// a child: the parent's mailbox with a tag, living with the parent
				kid = true
				local := strings.TrimSuffix(parent.email, "@gmail.com")
				if i := strings.IndexByte(local, '+'); i >= 0 {
					local = local[:i]
				}
				ps.email = local + "+" + ps.first + "@gmail.com"
				ps.reg, ps.tz, ps.home, ps.home2, ps.v6 = parent.reg, parent.tz, parent.home, parent.home2, parent.v6
				ps.homeChange = parent.homeChange
				if r.IntN(2) == 0 {
					ps.desk = parent.desk // the family computer
				}
				ps.card = card
			}
			g.personSignup(r, ps)
			from := max(ps.signup, t0)
			for _, t := range humanTimes(r, lognorm(r, 4, 1.1, 1, 200), ps.tz, humanW, 0.9, from, end, 150) {
				ip, d := g.where(r, ps, t)
				pr := g.general(r)
				if kid && r.Float64() < 0.5 {
					pr = fmt.Sprintf("help me with my %s homework: %s", pick(r, []string{"math", "science", "history", "english", "chemistry"}), pick(r, []string{question(r), "what caused " + pick(r, events), "explain " + pick(r, concepts)}))
				}
				g.req(ps.id, t, ip, ps.card, d, pr, g.ordinaryTokens(r))
			}
			p.accounts = append(p.accounts, ps.id)
		}
	}
	g.finish(p, before)
}

// codingAgents: developers using a CLI coding agent: long loops of tool calls under the
// agent's system prompt and HTTP client, heavy volume, some from cloud dev environments.
func (g *gen) codingAgents() {
	r := g.rng("coding-agent")
	p := &pop{id: "coding-agent-users", kind: "coding-agent-power-users"}
	before := len(g.recs)
	agentDev := "fp_" + hexs(r, 16)
	var devenv []uint32
	for i := 0; i < 30; i++ {
		devenv = append(devenv, g.cloud24(r))
	}
	repos := []string{"payments-api", "web-frontend", "infra", "ml-pipeline", "mobile-app", "docs-site", "auth-service", "data-etl", "cli", "game-server", "scheduler", "search"}
	dirs := []string{"handlers", "models", "utils", "components", "pkg/store", "internal/auth", "lib", "services", "jobs", "api/v2"}
	files := []string{"user", "order", "config", "router", "session", "cache", "billing", "report", "parser", "client", "index", "worker"}
	exts := []string{"ts", "go", "py", "rs", "java", "tsx"}
	tasks := []string{"fix the failing test in the billing module", "add pagination to the list endpoint", "refactor the config loader to use environment variables", "add retries with backoff to the HTTP client", "upgrade the ORM and fix the breaking changes", "write unit tests for the parser", "remove the deprecated v1 routes", "add a dark mode toggle", "make the cache thread-safe", "add structured logging", "fix the race in the session store", "migrate the cron jobs to the new scheduler", "add input validation to the signup form", "speed up the report query"}
	tools := []string{"read_file", "run_tests", "grep", "apply_patch", "list_dir", "run_command"}
	out := func() string {
		switch r.IntN(4) {
		case 0:
			return fmt.Sprintf("FAIL Test%s%s (0.%02ds)\n    %s_test.go:%d: expected %d, got %d", title(pick(r, files)), pick(r, []string{"Parse", "Load", "Update", "Create", "Close"}), r.IntN(100), pick(r, files), between(r, 10, 400), r.IntN(20), r.IntN(20))
		case 1:
			return fmt.Sprintf("%s/%s.%s:%d:    return %s(ctx, %s)", pick(r, dirs), pick(r, files), pick(r, exts), between(r, 1, 900), pick(r, []string{"loadUser", "fetchOrders", "validate", "retry", "render", "flush"}), pick(r, []string{"req", "cfg", "id", "opts", "nil"}))
		case 2:
			return fmt.Sprintf("patch applied: %d hunks, %d lines changed", between(r, 1, 9), between(r, 1, 200))
		default:
			return fmt.Sprintf("%s.%s\n%s.%s\n%s.%s", pick(r, files), pick(r, exts), pick(r, files), pick(r, exts), pick(r, files), pick(r, exts))
		}
	}
	n := size(r, 300)
	for i := 0; i < n; i++ {
		reg := g.regionW(r)
		ps := g.newPerson(r, reg, 1, 0.75)
		if r.Float64() < 0.4 {
			ps.office = pick(r, reg.offices)
		}
		cloudDev := r.Float64() < 0.2
		g.personSignup(r, ps)
		from := max(ps.signup, t0)
		repo := pick(r, []string{"acme", "octo", "northwind", "globex", "initech", "hooli", "umbrella", "stark"}) + "/" + pick(r, repos)
		intensity := lognorm(r, 5, 0.7, 1, 30) // sessions in the window
		for s := 0; s < intensity; s++ {
			t := pickTime(r, ps.tz, workW, 0.15, from, end)
			ip, _ := g.where(r, ps, t)
			if cloudDev {
				ip = ip4(pick(r, devenv), host(r))
			}
			task := pick(r, tasks)
			for j := 0; j < between(r, 8, 45) && t < end; j++ {
				pr := fmt.Sprintf("You are Driftwood, an autonomous coding agent working in the repository %s.\nCurrent file: %s/%s.%s\nTask: %s\n\nTool result (%s):\n%s\n\nRespond with exactly one tool call as JSON.", repo, pick(r, dirs), pick(r, files), pick(r, exts), task, pick(r, tools), out())
				g.req(ps.id, t, ip, ps.card, agentDev, pr, lognorm(r, 420, 0.6, 30, 4000))
				t += 4 + int64(r.ExpFloat64()*20)
			}
		}
		for _, t := range humanTimes(r, lognorm(r, 3, 1, 0, 60), ps.tz, humanW, 0.8, from, end, 150) {
			ip, d := g.where(r, ps, t)
			g.req(ps.id, t, ip, ps.card, d, g.general(r), g.ordinaryTokens(r))
		}
		p.accounts = append(p.accounts, ps.id)
	}
	g.finish(p, before)
}

// ---------------------------------------------------------------- rings

// ringCloudRotate: accounts worked from short-lived VMs of a major cloud; each VM (address)
// serves a handful of accounts during its life of one to three days.
func (g *gen) ringCloudRotate() {
	r := g.rng("ring-cloud-rotate")
	p := &pop{id: "ring-cloud-rotate", kind: "cloud-vm-rotation", ring: true}
	before := len(g.recs)
	n := size(r, 500)
	headless := []string{"fp_" + hexs(r, 16), "fp_" + hexs(r, 16)}
	prepaid := []string{"4" + fmt.Sprint(10000+r.IntN(89999)), "5" + fmt.Sprint(10000+r.IntN(89999)), "4" + fmt.Sprint(10000+r.IntN(89999)), "5" + fmt.Sprint(10000+r.IntN(89999))}
	type vm struct {
		ip       string
		from, to int64
	}
	var vms []vm
	for slot := 0; slot < 60; slot++ {
		for t := t0 - 6*day + r.Int64N(day); t < end; {
			life := int64(between(r, 24, 72)) * hour
			vms = append(vms, vm{ip4(g.cloud24(r), host(r)), t, t + life})
			t += life + r.Int64N(2*hour)
		}
	}
	liveAt := func(t int64) string {
		for {
			v := vms[r.IntN(len(vms))]
			if v.from <= t && t < v.to {
				return v.ip
			}
		}
	}
	tmpl := func() string {
		switch u := r.Float64(); {
		case u < 0.4:
			return "Solve the following problem. Give a complete, rigorous derivation before stating the final answer.\n\nProblem: " + question(r)
		case u < 0.7:
			return fmt.Sprintf("You are an expert %s instructor. Explain %s in depth: start from first principles, cover %s, and finish with two worked examples.", pick(r, fields), pick(r, concepts), pick(r, aspects))
		default:
			return fmt.Sprintf("Task: %s\nWrite production-quality %s code, then explain every design decision step by step.", pick(r, codeTasks), pick(r, langs))
		}
	}
	for i := 0; i < n; i++ {
		id := g.newID(r)
		first, last := g.name(r)
		email := g.personalEmail(r, first, last, pickWS(r, []wstr{{"outlook.com", 4}, {"hotmail.com", 2}, {"gmail.com", 3}, {"yahoo.com", 1}}))
		dev := "fp_" + hexs(r, 16)
		if r.Float64() < 0.15 {
			dev = pick(r, headless)
		}
		bin := pick(r, prepaid)
		card := fmt.Sprintf("%s-%s-%04d-%02d%02d", map[byte]string{'4': "visa", '5': "mastercard"}[bin[0]], bin, r.IntN(10000), 1+r.IntN(12), 28)
		su := t0 - 3*day + r.Int64N(12*day) // every account works at least a day inside the window
		g.signup(id, su, liveAt(su), card, dev, email)
		life := int64(between(r, 4, 8))
		for d := int64(0); d < life; d++ {
			ds := su + hour + d*day
			if ds >= end {
				break
			}
			ip := liveAt(ds)
			for j := 0; j < between(r, 10, 18); j++ {
				t := ds + r.Int64N(day)
				if t < t0 || t >= end {
					continue
				}
				g.req(id, t, ip, card, dev, tmpl(), extractTokens(r))
			}
		}
		p.accounts = append(p.accounts, id)
	}
	g.finish(p, before)
}

// ringSlowParaphrase: accounts opened one or two a day over five months; every prompt
// paraphrased by a model; a handful of operator machines, two of them on popular
// browser fingerprints; a fresh residential exit every day.
func (g *gen) ringSlowParaphrase() {
	r := g.rng("ring-slow-paraphrase")
	p := &pop{id: "ring-slow-paraphrase", kind: "slow-signup-paraphrased", ring: true}
	before := len(g.recs)
	machines := []string{"fp_" + hexs(r, 16), "fp_" + hexs(r, 16), "fp_" + hexs(r, 16), "fp_" + hexs(r, 16), g.popDesk[0], g.popDesk[2]}
	n := size(r, 200)
	const opTZ = 3.0 // the operators work 08:00-20:00 in UTC+3
	shift := []float64{0, 0, 0, 0, 0, 0, 0, 0, 2, 3, 3, 3, 2, 3, 3, 3, 3, 3, 2, 1, 0, 0, 0, 0}
	for i := 0; i < n; i++ {
		id := g.newID(r)
		first, last := g.name(r)
		reg := g.regionW(r)
		email := g.personalEmail(r, first, last, pickWS(r, reg.mail))
		dev := machines[i%len(machines)]
		card := g.card(r)
		su := t0 - 150*day + int64(i)*150*day/int64(n) + r.Int64N(day/2)
		g.signup(id, su, g.homeIP(r, g.regionW(r)), card, dev, email)
		k := between(r, 20, 50)
		var lastDay int64 = -1
		var ip string
		for _, t := range humanTimes(r, k, opTZ, shift, 0.4, t0, end, 240) {
			if t/day != lastDay { // a new sticky exit each day
				lastDay = t / day
				ip = g.homeIP(r, g.regionW(r))
			}
			g.req(id, t, ip, card, dev, paraphrase(r, question(r)), extractTokens(r))
		}
		p.accounts = append(p.accounts, id)
	}
	g.finish(p, before)
}

// ringDiurnalBins: personas with a human day in their own time zones, cards from three
// prepaid BINs passed between accounts, first.last.NNNN mailboxes, geo-matched sticky
// residential exits, and everyday prompts mixed in.
func (g *gen) ringDiurnalBins() {
	r := g.rng("ring-diurnal-bins")
	p := &pop{id: "ring-diurnal-bins", kind: "diurnal-personas-shared-bins", ring: true}
	before := len(g.recs)
	bins := []string{"537" + fmt.Sprint(100+r.IntN(900)), "537" + fmt.Sprint(100+r.IntN(900)), "428" + fmt.Sprint(100+r.IntN(900))}
	var cards []string
	for i := 0; i < 110; i++ {
		b := bins[i%3]
		brand := "mastercard"
		if b[0] == '4' {
			brand = "visa"
		}
		cards = append(cards, fmt.Sprintf("%s-%s-%04d-%02d%02d", brand, b, r.IntN(10000), 1+r.IntN(12), 29))
	}
	n := size(r, 300)
	tmpl := func() string {
		switch r.IntN(4) {
		case 0:
			return fmt.Sprintf("Can you walk me through %s? I want the full reasoning, every step, not just the answer.", pick(r, concepts))
		case 1:
			return "Question: " + question(r) + "\nPlease think it through carefully step by step and then give the final answer on its own line."
		case 2:
			return fmt.Sprintf("Write a detailed, well-structured essay on %s. Include an outline, arguments, counterarguments and a conclusion.", pick(r, events))
		default:
			return fmt.Sprintf("%s. Explain your approach first, then give the code with comments.", pick(r, codeTasks))
		}
	}
	for i := 0; i < n; i++ {
		id := g.newID(r)
		reg := g.regions[i%len(g.regions)]
		first, last := g.name(r)
		email := ""
		for email == "" || !g.claim(email) {
			email = fmt.Sprintf("%s.%s.%04d@%s", first, last, r.IntN(10000), pick(r, []string{"gmail.com", "outlook.com", "yahoo.com", "gmx.com"}))
		}
		dev := g.desktop(r, 0.6)
		card := cards[r.IntN(len(cards))]
		card2, switchAt := "", int64(0)
		if r.Float64() < 0.35 {
			card2, switchAt = cards[r.IntN(len(cards))], t0+r.Int64N(end-t0)
		}
		su := pickTime(r, reg.tz, humanW, 1, t0-30*day, t0-day)
		exit, exitUntil := g.homeIP(r, reg), int64(0)
		g.signup(id, su, exit, card, dev, email)
		for d := 0; d < days; d++ {
			if r.Float64() > 0.85 {
				continue
			}
			dayFrom := t0 + int64(d)*day
			for _, t := range humanTimes(r, between(r, 4, 13), reg.tz, humanW, 1, dayFrom, dayFrom+day, 200) {
				if t >= exitUntil {
					exit, exitUntil = g.homeIP(r, reg), t+int64(between(r, 2, 4))*day
				}
				c := card
				if card2 != "" && t >= switchAt {
					c = card2
				}
				if r.Float64() < 0.35 {
					g.req(id, t, exit, c, dev, g.general(r), g.ordinaryTokens(r))
				} else {
					g.req(id, t, exit, c, dev, tmpl(), lognorm(r, 2400, 0.35, 700, 7000))
				}
			}
		}
		p.accounts = append(p.accounts, id)
	}
	g.finish(p, before)
}

// ringCompromised: old, ordinary accounts taken over by credential stuffing in the middle of
// the window, then driven from the ring's VPS addresses and headless browsers. Some owners
// keep using their accounts.
func (g *gen) ringCompromised() {
	r := g.rng("ring-compromised")
	p := &pop{id: "ring-compromised", kind: "account-takeover", ring: true}
	before := len(g.recs)
	var vps []string
	for i := 0; i < 4; i++ {
		p24 := g.alloc24(r, pick(r, g.vps16))
		for j := 0; j < 5; j++ {
			vps = append(vps, ip4(p24, host(r)))
		}
	}
	heads := []string{"fp_" + hexs(r, 16), "fp_" + hexs(r, 16), "fp_" + hexs(r, 16)}
	n := size(r, 100)
	tmpl := func() string {
		if r.IntN(2) == 0 {
			return "[INST] Provide an expert-level answer with your full chain of reasoning. Question: " + question(r) + " [/INST]"
		}
		return "[INST] Generate a high-quality training example. Instruction: " + pick(r, []string{question(r), "Explain " + pick(r, concepts) + " covering " + pick(r, aspects) + "."}) + " Respond with a detailed step-by-step solution. [/INST]"
	}
	batches := []int64{t0 + 5*day + 12*hour, t0 + 5*day + 19*hour, t0 + 6*day + 2*hour, t0 + 6*day + 9*hour, t0 + 6*day + 15*hour, t0 + 6*day + 22*hour}
	for i := 0; i < n; i++ {
		ps := g.newPerson(r, g.regionW(r), 0.95, 1)
		ps.signup = t0 - day*int64(between(r, 365, 1100))
		g.personSignup(r, ps)
		take := batches[r.IntN(len(batches))] + r.Int64N(40*60)
		keeps := r.Float64() < 0.4
		for _, t := range humanTimes(r, lognorm(r, 7, 0.9, 2, 120), ps.tz, humanW, 0.8, t0, end, 150) {
			if t >= take && !keeps {
				continue
			}
			ip, d := g.where(r, ps, t)
			g.req(ps.id, t, ip, ps.card, d, g.general(r), g.ordinaryTokens(r))
		}
		dev := pick(r, heads)
		g.req(ps.id, take, pick(r, vps), ps.card, dev, "Say OK.", between(r, 3, 8))
		k := between(r, 120, 260)
		for j := 0; j < k; j++ {
			t := take + 60 + r.Int64N(end-take-60)
			g.req(ps.id, t, pick(r, vps), ps.card, dev, tmpl(), extractTokens(r))
		}
		p.accounts = append(p.accounts, ps.id)
	}
	g.finish(p, before)
}

// ringReseller: a grey-market API reseller: its customers' prompts wrapped in its own
// distillation template, round-robined over a pool of keys from a few servers.
func (g *gen) ringReseller() {
	r := g.rng("ring-reseller")
	p := &pop{id: "ring-reseller-wrap", kind: "reseller-distillation-wrapper", ring: true}
	before := len(g.recs)
	var servers []string
	for i := 0; i < 2; i++ {
		p24 := g.alloc24(r, pick(r, g.vps16))
		for j := 0; j < 3; j++ {
			servers = append(servers, ip4(p24, host(r)))
		}
	}
	servers = append(servers, ip4(g.cloud24(r), host(r)), ip4(g.cloud24(r), host(r))) // failover
	sg := g.regionByName("sg")
	office := pick(r, sg.offices)
	laptops := []string{g.popDesk[1], "fp_" + hexs(r, 16)}
	var cards []string
	for i := 0; i < 8; i++ {
		cards = append(cards, g.card(r))
	}
	n := size(r, 40)
	var keys []string
	var keyCard []string
	for i := 0; i < n; i++ {
		id := g.newID(r)
		first, last := g.name(r)
		email := g.personalEmail(r, first, last, pickWS(r, []wstr{{"gmail.com", 3}, {"outlook.com", 2}}))
		card := cards[i%len(cards)]
		g.signup(id, pickTime(r, 8, workW, 0.2, t0-21*day, t0-day), office, card, pick(r, laptops), email)
		keys = append(keys, id)
		keyCard = append(keyCard, card)
		p.accounts = append(p.accounts, id)
	}
	total := n * between(r, 600, 720)
	var ts []int64
	for i := 0; i < total; i++ {
		ts = append(ts, pickTime(r, 8, humanW, 0.9, t0, end))
	}
	sort.Slice(ts, func(i, j int) bool { return ts[i] < ts[j] })
	for i, t := range ts {
		k := i % n
		var pr string
		if r.IntN(5) == 0 {
			pr = "### System\nYou are an expert programmer. Think step by step inside <thinking></thinking>, then give the final code inside <answer></answer>.\n### User\n" + pick(r, []string{question(r), fmt.Sprintf("how do i %s in %s", un(pick(r, devTasks)), pick(r, langs))})
		} else {
			pr = "### System\nYou are a helpful assistant. Always reason step by step and put your complete reasoning inside <thinking></thinking> before the final answer inside <answer></answer>.\n### User\n" + g.general(r)
		}
		g.req(keys[k], t, servers[r.IntN(len(servers))], keyCard[k], g.sdkPy, pr, lognorm(r, 2200, 0.4, 400, 7000))
	}
	g.finish(p, before)
}

// ringTinyCells: cells of three accounts, each cell with its own card, device, residential
// exit and mail provider; between cells only the harvesting template and the scheduler's
// ticks (every 15 minutes at :02, :17, :32, :47).
func (g *gen) ringTinyCells() {
	r := g.rng("ring-tiny-cells")
	p := &pop{id: "ring-tiny-cells", kind: "cells-of-three", ring: true}
	before := len(g.recs)
	cells := size(r, 60)
	type acct struct{ id, card, dev, ip, ip2 string }
	var accts []acct
	var switchAt []int64
	for c := 0; c < cells; c++ {
		reg := g.regionW(r)
		card := g.card(r)
		dev := g.desktop(r, 0.33)
		ip := g.homeIP(r, reg)
		ip2 := g.homeIP(r, reg)
		sw := t0 + r.Int64N(end-t0)
		prov := pick(r, []string{"gmail.com", "outlook.com", "yahoo.com", "proton.me", "gmx.com", "mail.com", "icloud.com", "zoho.com"})
		su := t0 - int64(between(r, 1, 10))*day + r.Int64N(day)
		for m := 0; m < 3; m++ {
			id := g.newID(r)
			first, last := g.name(r)
			g.signup(id, su+int64(m)*int64(between(r, 300, 1500)), ip, card, dev, g.personalEmail(r, first, last, prov))
			accts = append(accts, acct{id, card, dev, ip, ip2})
			switchAt = append(switchAt, sw)
			p.accounts = append(p.accounts, id)
		}
	}
	tmplA := "Task %s. Produce a complete worked solution.\nQuestion: %s\nFormat:\n[ANALYSIS] ...\n[SOLUTION] ...\n[VERIFICATION] ...\nDo not omit any intermediate step."
	tmplB := "Task %s. Produce a complete worked solution.\nQuestion: %s\nFormat:\n[ANALYSIS] ...\n[CODE] ...\n[TESTS] ...\nDo not omit any intermediate step."
	// Cells go live on different days and some work harder than others; at every tick the
	// scheduler hands out about 15 jobs among the live accounts.
	weight := make([]float64, len(accts))
	live := make([]int64, len(accts))
	for i := range accts {
		weight[i] = 0.5 + r.Float64()
		live[i] = t0 + int64(r.IntN(3))*day + r.Int64N(day)
	}
	for t := t0; t < end; t += 15 * 60 {
		tick := t + 2*60
		sum := 0.0
		for i := range accts {
			if live[i] <= tick {
				sum += weight[i]
			}
		}
		for i, a := range accts {
			if live[i] > tick || r.Float64() >= 15*weight[i]/sum {
				continue
			}
			ip := a.ip
			if tick >= switchAt[i] && r.IntN(2) == 0 {
				ip = a.ip2
			}
			f := tmplA
			if r.IntN(3) == 0 {
				f = tmplB
			}
			g.req(a.id, tick+r.Int64N(40), ip, a.card, a.dev, fmt.Sprintf(f, hexs(r, 10), question(r)), lognorm(r, 3200, 0.25, 1200, 8000))
		}
	}
	g.finish(p, before)
}

// ---------------------------------------------------------------- main

func main() {
	seed := flag.Uint64("seed", 1, "random seed; the same seed gives the same bytes")
	out := flag.String("out", "traffic.jsonl", "records FILE (JSON Lines)")
	truth := flag.String("truth", "truth.json", "ground truth FILE (JSON)")
	quiet := flag.Bool("quiet", false, "no per-population summary on stderr")
	flag.Parse()

	g := &gen{seed: *seed, ids: map[string]bool{}, emails: map[string]bool{}, used16: map[uint32]bool{}, used24: map[uint32]bool{}}
	g.world()
	g.background()
	g.enterpriseSSO()
	g.byokExtension()
	g.evalHarness()
	g.coworking()
	g.travellers()
	g.families()
	g.codingAgents()
	g.ringCloudRotate()
	g.ringSlowParaphrase()
	g.ringDiurnalBins()
	g.ringCompromised()
	g.ringReseller()
	g.ringTinyCells()

	sort.SliceStable(g.recs, func(i, j int) bool { return g.recs[i].ts < g.recs[j].ts })
	if err := write(*out, g.recs); err != nil {
		fmt.Fprintln(os.Stderr, "probe3:", err)
		os.Exit(1)
	}
	tb, err := json.MarshalIndent(g.truth, "", " ")
	if err == nil {
		err = os.WriteFile(*truth, append(tb, '\n'), 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "probe3:", err)
		os.Exit(1)
	}
	if !*quiet {
		for _, l := range g.report {
			fmt.Fprintln(os.Stderr, l)
		}
		fmt.Fprintf(os.Stderr, "total: %d accounts, %d records\n", len(g.ids), len(g.recs))
	}
}

func write(path string, recs []rec) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, x := range recs {
		o := outRec{TS: time.Unix(x.ts, 0).UTC().Format(time.RFC3339), Account: x.account, Type: x.typ, IP: x.ip, Payment: x.payment, Device: x.device, Email: x.email, Prompt: x.prompt}
		if x.typ == "" {
			tok := x.tokens
			o.Tokens = &tok
		}
		if err := enc.Encode(o); err != nil {
			f.Close()
			return err
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
