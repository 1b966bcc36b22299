// Command probe2 writes a black-box test scenario for ringlink: SPEC.md traffic
// records (JSON Lines, sorted by time) and a ground truth for `ringlink eval --truth`.
//
// It is written only from SPEC.md and README.md. Legitimate populations share
// infrastructure innocently (a campus NAT, a call centre's card and macro, family plans,
// mobile CGNAT, CI bots, an e-learning reseller, Tor/VPN exits, a viral prompt) and the
// rings use tactics an operator would use (sticky proxies tied only by a scheduler,
// a ring hiding on the campus, sequential prepaid cards, CGNAT rotation, a slow drip,
// card-sharing "families" linked by templates, bought aged accounts).
//
//	go run ./bench/probe2 --seed 1 --out traffic.jsonl --truth truth.json
//
// The same seed gives byte-identical output. Standard library only.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"sort"
	"strings"
	"time"
)

const days = 12

var t0 = time.Date(2025, 3, 3, 0, 0, 0, 0, time.UTC).Unix() // a Monday

type account struct {
	id, email, pay string
}

type rec struct {
	t      int64
	seq    int
	typ    string
	acct   *account
	ip     string
	dev    string
	prompt string
	tok    int
}

type group struct {
	ID       string   `json:"id"`
	Kind     string   `json:"kind"`
	Accounts []string `json:"accounts"`
}

type truth struct {
	Rings  []group `json:"rings"`
	Decoys []group `json:"decoys"`
}

type gen struct {
	r     *rand.Rand
	recs  []rec
	ids   map[string]bool
	mails map[string]bool
	truth truth
	// shared infrastructure, built once
	resPrefixes []string // residential /24s "a.b.c"
	uniNAT      []string
	uniLabFP    []string
	uniDomain   string
	uniCourses  []string
	uniDeadline [][2]int64
	mobV4       []string
	mobV6       []string // /48 prefixes "2607:fb90:xxxx"
	mobFP       []string
	resBrowser  []string // popular desktop fingerprints
}

func main() {
	seed := flag.Uint64("seed", 1, "random seed")
	out := flag.String("out", "traffic.jsonl", "traffic output (JSON Lines)")
	truthPath := flag.String("truth", "truth.json", "ground truth output")
	flag.Parse()
	g := &gen{r: rand.New(rand.NewPCG(*seed, *seed^0x9e3779b97f4a7c15)), ids: map[string]bool{}, mails: map[string]bool{}}
	g.infra()
	// legitimate populations
	g.background(g.jit(11000))
	g.university(g.jit(3000))
	g.bpo(g.jit(150))
	g.families(g.jit(340))
	g.mobile(g.jit(3000))
	g.ciBots(g.jit(40))
	g.reseller(g.jit(1500))
	g.privacy(g.jit(500), g.jit(400))
	g.viral(g.jit(2000))
	// rings
	g.ringScheduler(g.jit(120))
	g.ringCampus(g.jit(80))
	g.ringBIN(g.jit(150))
	g.ringCGNAT(g.jit(100))
	g.ringSlow(g.jit(200))
	g.ringFamilies(g.jit(25))
	g.ringAged(g.jit(150))
	if err := g.write(*out, *truthPath); err != nil {
		fmt.Fprintln(os.Stderr, "probe2:", err)
		os.Exit(1)
	}
}

// jit varies a population size by up to ±10% per seed.
func (g *gen) jit(n int) int { return n + int(float64(n)*(g.r.Float64()*0.2-0.1)) }

// ---------- helpers ----------

const b36 = "0123456789abcdefghijklmnopqrstuvwxyz"

func (g *gen) hex(n int) string {
	const h = "0123456789abcdef"
	b := make([]byte, n)
	for i := range b {
		b[i] = h[g.r.IntN(16)]
	}
	return string(b)
}

func (g *gen) pick(xs []string) string { return xs[g.r.IntN(len(xs))] }

// zipf-ish pick: earlier entries are more popular.
func (g *gen) pickPop(xs []string) string {
	i := int(float64(len(xs)) * math.Pow(g.r.Float64(), 2.2))
	return xs[i]
}

func (g *gen) newAccount(email, pay string) *account {
	for {
		b := make([]byte, 10)
		for i := range b {
			b[i] = b36[g.r.IntN(36)]
		}
		id := "acct_" + string(b)
		if !g.ids[id] {
			g.ids[id] = true
			return &account{id: id, email: email, pay: pay}
		}
	}
}

var providers = []string{"gmail.com", "gmail.com", "gmail.com", "gmail.com", "outlook.com", "hotmail.com", "yahoo.com", "icloud.com", "proton.me", "gmx.de", "mail.ru", "yandex.ru", "qq.com", "aol.com", "live.com", "web.de", "naver.com"}

func (g *gen) personal(first, last, domain string) string {
	for {
		var local string
		switch g.r.IntN(7) {
		case 0:
			local = first + "." + last
		case 1:
			local = first + last + fmt.Sprint(g.r.IntN(100))
		case 2:
			local = first[:1] + last + fmt.Sprint(1960+g.r.IntN(50))
		case 3:
			local = first + "_" + last[:min(3, len(last))] + fmt.Sprint(g.r.IntN(1000))
		case 4:
			local = last + "." + first + fmt.Sprint(g.r.IntN(10))
		case 5:
			local = first + fmt.Sprint(g.r.IntN(10000))
		default:
			local = first + "." + last + fmt.Sprint(g.r.IntN(100))
		}
		if domain == "" {
			domain = g.pick(providers)
		}
		e := local + "@" + domain
		if g.r.IntN(12) == 0 {
			e = strings.ToUpper(e[:1]) + e[1:]
		}
		if !g.mails[strings.ToLower(e)] {
			g.mails[strings.ToLower(e)] = true
			return e
		}
	}
}

func (g *gen) email() string { return g.personal(g.pick(firstNames), g.pick(lastNames), "") }

var bins = []string{"visa-414720", "visa-400022", "visa-426684", "mc-542418", "mc-552433", "visa-476173", "amex-371449", "mc-510510", "visa-453201", "visa-411111", "mc-537410", "visa-438857", "disc-601100", "visa-402360", "mc-520082"}

func (g *gen) card() string {
	return fmt.Sprintf("%s-%04d-%02d%02d", g.pick(bins), g.r.IntN(10000), 1+g.r.IntN(12), 25+g.r.IntN(6))
}

func (g *gen) fp() string { return "fp_" + g.hex(16) }

func (g *gen) resIP() string { return fmt.Sprintf("%s.%d", g.pick(g.resPrefixes), 2+g.r.IntN(252)) }

func (g *gen) logn(mu, sigma float64, lo, hi int) int {
	n := int(math.Exp(mu + sigma*g.r.NormFloat64()))
	return max(lo, min(hi, n))
}

var humanHour = []float64{1, 0.6, 0.35, 0.25, 0.2, 0.3, 0.6, 1.2, 2, 2.6, 3, 3, 2.8, 3, 3, 2.9, 2.7, 2.6, 2.7, 2.9, 3, 2.6, 2, 1.4}

func (g *gen) weighted(w []float64) int {
	s := 0.0
	for _, x := range w {
		s += x
	}
	u := g.r.Float64() * s
	for i, x := range w {
		u -= x
		if u < 0 {
			return i
		}
	}
	return len(w) - 1
}

// humanTime: a moment on a random day in [d0, d1) following a diurnal curve in local time tz (hours).
func (g *gen) humanTime(d0, d1 int, tz float64, weekend float64) int64 {
	for {
		d := d0 + g.r.IntN(d1-d0)
		if wd := d % 7; (wd == 5 || wd == 6) && g.r.Float64() > weekend {
			continue
		}
		h := g.weighted(humanHour)
		t := t0 + int64(d)*86400 + int64(h)*3600 + int64(g.r.IntN(3600)) - int64(tz*3600)
		if t >= t0 && t < t0+days*86400 {
			return t
		}
	}
}

var tzs = []float64{-8, -7, -6, -5, -5, -5, -3, 0, 0, 1, 1, 1, 2, 3, 5.5, 7, 8, 8, 9, 10}

func (g *gen) add(t int64, a *account, ip, dev, prompt string, tok int) {
	g.recs = append(g.recs, rec{t: t, seq: len(g.recs), acct: a, ip: ip, dev: dev, prompt: prompt, tok: tok})
}

func (g *gen) signup(t int64, a *account, ip, dev string) {
	g.recs = append(g.recs, rec{t: t, seq: len(g.recs), typ: "signup", acct: a, ip: ip, dev: dev})
}

// sessions spreads n requests over sessions of 1..k requests; each session starts at start()
// and calls do(sessionIndex) once for its environment, then emits.
func (g *gen) sessions(n, k int, start func() int64, env func() (ip, dev string), emit func(t int64, ip, dev string)) {
	for n > 0 {
		m := min(n, 1+g.r.IntN(k))
		n -= m
		t := start()
		ip, dev := env()
		for range m {
			if t >= t0+days*86400 {
				break
			}
			emit(t, ip, dev)
			t += int64(15 + g.r.IntN(300))
		}
	}
}

func (g *gen) group(rings bool, id, kind string, accts []*account) {
	ids := make([]string, len(accts))
	for i, a := range accts {
		ids[i] = a.id
	}
	gr := group{ID: id, Kind: kind, Accounts: ids}
	if rings {
		g.truth.Rings = append(g.truth.Rings, gr)
	} else {
		g.truth.Decoys = append(g.truth.Decoys, gr)
	}
}

// ---------- infrastructure ----------

func (g *gen) infra() {
	firstOct := []int{24, 47, 67, 68, 71, 73, 76, 86, 92, 98, 99, 108, 174, 184, 2, 5, 37, 79, 81, 90, 176, 188}
	for _, a := range firstOct {
		for range 6 {
			b := g.r.IntN(256)
			for c := 0; c < 256; c += 1 + g.r.IntN(3) {
				g.resPrefixes = append(g.resPrefixes, fmt.Sprintf("%d.%d.%d", a, b, c))
			}
		}
	}
	// campus /22
	ub, uc := 32+g.r.IntN(200), 4*g.r.IntN(60)
	for range 48 {
		g.uniNAT = append(g.uniNAT, fmt.Sprintf("128.%d.%d.%d", ub, uc+g.r.IntN(4), 1+g.r.IntN(254)))
	}
	for range 30 {
		g.uniLabFP = append(g.uniLabFP, g.fp())
	}
	unis := []string{"northfield", "ashbury", "calloway", "westbrook", "lindqvist", "harrowgate"}
	g.uniDomain = "stu." + g.pick(unis) + ".edu"
	g.uniCourses = []string{"CS 161", "CS 221", "MATH 53", "MATH 110", "PHYS 7A", "CHEM 112", "ECON 101", "ECON 140", "STAT 134", "BIO 1A", "PSYCH 101", "HIST 7B", "EE 16A", "MCB 102", "PHIL 12A", "DATA 100", "ME 40", "CS 170", "ASTRO 7", "LING 100"}
	for i := range g.uniCourses {
		d1 := 2 + i%4
		g.uniDeadline = append(g.uniDeadline, [2]int64{t0 + int64(d1)*86400 + 28740 + 86400, t0 + int64(d1+7)*86400 + 28740 + 86400})
	}
	// mobile carrier pools
	mb := 56 + g.r.IntN(8)
	for range 12 {
		c := g.r.IntN(256)
		for range 120 {
			g.mobV4 = append(g.mobV4, fmt.Sprintf("172.%d.%d.%d", mb, c, 1+g.r.IntN(254)))
		}
	}
	for range 64 {
		g.mobV6 = append(g.mobV6, fmt.Sprintf("2607:fb90:%x", 0x1000+g.r.IntN(0xe000)))
	}
	for range 50 {
		g.mobFP = append(g.mobFP, g.fp())
	}
	for range 25 {
		g.resBrowser = append(g.resBrowser, g.fp())
	}
}

func (g *gen) mobileIP() string {
	if g.r.IntN(2) == 0 {
		return g.pick(g.mobV4)
	}
	return fmt.Sprintf("%s:%x:%x:%x:%x:%x", g.pick(g.mobV6), g.r.IntN(0x10000), g.r.IntN(0x10000), g.r.IntN(0x10000), g.r.IntN(0x10000), g.r.IntN(0x10000))
}

// ---------- legitimate populations ----------

// background: ordinary users, own everything; some popular desktop fingerprints collide; heavy tail.
func (g *gen) background(n int) {
	for range n {
		a := g.newAccount(g.email(), "")
		if g.r.IntN(10) < 7 {
			a.pay = g.card()
		}
		home := g.resIP()
		dev := g.fp()
		if g.r.IntN(10) < 3 {
			dev = g.pickPop(g.resBrowser)
		}
		tz := pk(g, tzs)
		d0 := 0
		if g.r.IntN(5) == 0 {
			d0 = g.r.IntN(days - 1)
			g.signup(g.humanTime(d0, d0+1, tz, 1), a, home, dev)
		}
		nreq := g.logn(1.4, 1.1, 1, 400)
		work := g.resIP()
		g.sessions(nreq, 4, func() int64 { return g.humanTime(d0, days, tz, 0.8) }, func() (string, string) {
			if g.r.IntN(4) == 0 {
				return work, dev
			}
			if g.r.IntN(30) == 0 { // home address reassigned by the ISP
				home = g.resIP()
			}
			return home, dev
		}, func(t int64, ip, dv string) {
			g.add(t, a, ip, dv, g.legitPrompt(), g.tokens(300, 1.0))
		})
	}
}

func (g *gen) tokens(median float64, sigma float64) int {
	return g.logn(math.Log(median), sigma, 5, 32000)
}

// university: 3000 students on a campus NAT over a /22, lab machines' fingerprints,
// homework prompts with a template per course, bursts before deadlines; one research lab
// runs evaluation scripts from a lab server on a grant card.
func (g *gen) university(n int) {
	var students []*account
	for range n {
		a := g.newAccount(g.personal(g.pick(firstNames), g.pick(lastNames), g.uniDomain), "")
		if g.r.IntN(10) < 5 {
			a.pay = g.card()
		}
		students = append(students, a)
		own := g.fp()
		home := g.resIP()
		c1, c2 := g.r.IntN(len(g.uniCourses)), g.r.IntN(len(g.uniCourses))
		nreq := g.logn(2.2, 0.8, 1, 150)
		for i := range nreq {
			var t int64
			course := c1
			if i%2 == 1 {
				course = c2
			}
			hw := g.r.IntN(10) < 6
			if hw && g.r.IntN(10) < 6 { // deadline crunch
				dl := g.uniDeadline[course][g.r.IntN(2)]
				t = dl - int64(g.r.ExpFloat64()*8*3600)
				if t < t0 || t >= t0+days*86400 {
					t = g.humanTime(0, days, -5, 0.6)
				}
			} else {
				t = g.humanTime(0, days, -5, 0.6)
			}
			lh := ((t-t0)/3600 - 5 + 48) % 24
			ip, dev := home, own
			if lh >= 8 && lh < 22 && g.r.IntN(10) < 7 { // on campus (dorms included)
				ip = g.pick(g.uniNAT)
				if g.r.IntN(10) < 4 {
					dev = g.pick(g.uniLabFP)
				}
			}
			p := g.legitPrompt()
			if hw {
				p = g.homework(g.uniCourses[course])
			}
			g.add(t, a, ip, dev, p, g.tokens(450, 0.9))
		}
	}
	g.group(false, "university", "campus-nat-edu", students)

	// research lab: 25 grad students, grant card, eval scripts on one lab server
	lab := make([]*account, 0, 25)
	grant := g.card()
	server := g.uniNAT[0][:strings.LastIndex(g.uniNAT[0], ".")] + ".17"
	serverFP := g.fp()
	for range 25 {
		a := g.newAccount(g.personal(g.pick(firstNames), g.pick(lastNames), "cs."+strings.TrimPrefix(g.uniDomain, "stu.")), grant)
		lab = append(lab, a)
		own := g.fp()
		per := 10 + g.r.IntN(60)
		for d := range days {
			if d%7 >= 5 && g.r.IntN(3) > 0 {
				continue
			}
			// a script run: a burst of evals
			t := g.humanTime(d, d+1, -5, 1)
			for range per {
				g.add(t, a, server, serverFP, g.evalPrompt(), g.tokens(900, 0.5))
				t += int64(2 + g.r.IntN(8))
			}
			if g.r.IntN(2) == 0 {
				g.add(g.humanTime(d, d+1, -5, 1), a, g.pick(g.uniNAT), own, g.legitPrompt(), g.tokens(400, 0.9))
			}
		}
	}
	g.group(false, "uni-nlp-lab", "research-lab-grant-card", lab)
}

// bpo: a call centre at two sites, agents on one corporate card, a VDI golden image,
// a support macro for every reply.
func (g *gen) bpo(n int) {
	dom := g.pick([]string{"telvora-bpo.com", "kinetiq-cx.com", "omnireach.ph"})
	card := g.card()
	vdi := []string{g.fp(), g.fp(), g.fp()}
	siteA, siteB := g.resPrefixes[g.r.IntN(len(g.resPrefixes))], fmt.Sprintf("103.%d.%d", g.r.IntN(256), g.r.IntN(256))
	brand := g.pick([]string{"ShopNest", "Velocity Mobile", "Aurora Air", "BrightHome"})
	var agents []*account
	for i := range n {
		a := g.newAccount(g.personal(g.pick(firstNames), g.pick(lastNames), dom), card)
		agents = append(agents, a)
		site, startH := siteA, 13
		if i%3 == 2 {
			site, startH = siteB, 4
		}
		dev := vdi[i%3]
		for d := range days {
			if d%7 == 6 || g.r.IntN(8) == 0 {
				continue
			}
			k := 8 + g.r.IntN(16)
			for range k {
				t := t0 + int64(d)*86400 + int64(startH)*3600 + int64(g.r.IntN(9*3600))
				ip := fmt.Sprintf("%s.%d", site, 10+g.r.IntN(6))
				var p string
				if g.r.IntN(4) > 0 {
					p = fmt.Sprintf("Hi %s, thank you for contacting %s support about order #%d. Rewrite this reply so it sounds more empathetic and professional: %s", g.pick(firstNames), brand, 100000+g.r.IntN(900000), g.sentence(10, 25))
				} else {
					p = fmt.Sprintf("Summarize this customer chat in 3 lines for the ticket notes:\n%s", g.chat())
				}
				g.add(t, a, ip, dev, p, g.tokens(250, 0.5))
			}
		}
	}
	g.group(false, "bpo-callcentre", "bpo-one-card-macro", agents)
}

// families: household plans; one card and a home address per family, each member's device
// plus a shared tablet, personal webmail with a common surname.
func (g *gen) families(n int) {
	var all []*account
	for range n {
		last := g.pick(lastNames)
		card := g.card()
		home := g.resIP()
		tablet := g.pickPop(g.resBrowser)
		tz := pk(g, tzs)
		m := 2 + g.r.IntN(4)
		for range m {
			a := g.newAccount(g.personal(g.pick(firstNames), last, ""), card)
			all = append(all, a)
			dev := g.fp()
			nreq := g.logn(1.3, 0.9, 1, 60)
			g.sessions(nreq, 3, func() int64 { return g.humanTime(0, days, tz, 1) }, func() (string, string) {
				if g.r.IntN(3) == 0 {
					return home, tablet
				}
				if g.r.IntN(4) == 0 {
					return g.mobileIP(), dev
				}
				return home, dev
			}, func(t int64, ip, dv string) {
				p := g.legitPrompt()
				if g.r.IntN(4) == 0 {
					p = g.homework(g.pick(g.uniCourses))
				}
				g.add(t, a, ip, dv, p, g.tokens(300, 1))
			})
		}
	}
	g.group(false, "family-plans", "household-shared-card", all)
}

// mobile: phone users behind carrier CGNAT (v4 pool and v6 /48s), popular phone fingerprints.
func (g *gen) mobile(n int) {
	var all []*account
	for range n {
		a := g.newAccount(g.email(), "")
		if g.r.IntN(10) < 7 {
			a.pay = g.card()
		}
		all = append(all, a)
		dev := g.pickPop(g.mobFP)
		tz := pk(g, []float64{-8, -7, -6, -5, -5, -5})
		nreq := g.logn(1.6, 1.0, 1, 200)
		g.sessions(nreq, 4, func() int64 { return g.humanTime(0, days, tz, 1) }, func() (string, string) { return g.mobileIP(), dev },
			func(t int64, ip, dv string) { g.add(t, a, ip, dv, g.legitPrompt(), g.tokens(200, 0.9)) })
	}
	g.group(false, "mobile-cgnat", "carrier-cgnat", all)
}

// ciBots: a developer-tools company's CI service accounts: own domain, NAT-gateway IPs,
// one HTTP client fingerprint, one card, identical review/test prompts, nightly lockstep runs.
func (g *gen) ciBots(n int) {
	dom := g.pick([]string{"forgelane.io", "buildkit.dev", "shipyard.sh"})
	card := g.card()
	client := "fp_" + g.hex(16)
	nat := []string{}
	for range 2 {
		p := fmt.Sprintf("3.%d.%d", 80+g.r.IntN(100), g.r.IntN(256))
		for range 3 {
			nat = append(nat, fmt.Sprintf("%s.%d", p, 1+g.r.IntN(254)))
		}
	}
	var bots []*account
	for i := range n {
		a := g.newAccount(fmt.Sprintf("svc-ci-%02d@%s", i+1, dom), card)
		bots = append(bots, a)
		for d := range days {
			// nightly run at 02:00 UTC
			t := t0 + int64(d)*86400 + 2*3600 + int64(g.r.IntN(120))
			for range 10 + g.r.IntN(10) {
				g.add(t, a, g.pick(nat), client, g.ciPrompt(), g.tokens(2200, 0.4))
				t += int64(4 + g.r.IntN(20))
			}
			if d%7 >= 5 {
				continue
			}
			for range 10 + g.r.IntN(25) { // commits during the working day
				t := g.humanTime(d, d+1, -8, 1)
				g.add(t, a, g.pick(nat), client, g.ciPrompt(), g.tokens(2200, 0.4))
			}
		}
	}
	g.group(false, "devtools-ci", "legit-automation", bots)
}

// reseller: an e-learning platform provisions one API account per learner (the learner's
// own email), calls through its servers, with one client fingerprint and its own card.
func (g *gen) reseller(n int) {
	card := g.card()
	client := g.fp()
	srv := []string{}
	for range 2 {
		p := fmt.Sprintf("34.%d.%d", 100+g.r.IntN(100), g.r.IntN(256))
		for range 2 {
			srv = append(srv, fmt.Sprintf("%s.%d", p, 1+g.r.IntN(254)))
		}
	}
	var all []*account
	for range n {
		a := g.newAccount(g.email(), card)
		all = append(all, a)
		tz := pk(g, []float64{-5, -6, 0, 1, 5.5})
		d0 := 0
		if g.r.IntN(10) < 4 {
			d0 = g.r.IntN(days - 1)
			g.signup(g.humanTime(d0, d0+1, tz, 1), a, g.pick(srv), client)
		}
		nreq := g.logn(1.5, 0.8, 1, 80)
		subj := g.pick(subjects)
		g.sessions(nreq, 4, func() int64 { return g.humanTime(d0, days, tz, 1) }, func() (string, string) { return g.pick(srv), client },
			func(t int64, ip, dv string) {
				p := fmt.Sprintf("You are a patient tutor for %s. The student asks: %s Answer at a %s level and end with one practice question.", subj, g.question(), g.pick(levels))
				g.add(t, a, ip, dv, p, g.tokens(500, 0.6))
			})
	}
	g.group(false, "elearning-reseller", "integrator-one-card", all)
}

// privacy: Tor Browser users (one fingerprint for all, random exit per session) and
// commercial VPN users (own devices, a provider's servers).
func (g *gen) privacy(nTor, nVPN int) {
	exits := []string{}
	for range 350 {
		exits = append(exits, fmt.Sprintf("%d.%d.%d.%d", pk(g, []int{185, 176, 192, 45, 109, 51, 193, 199, 23, 104}), g.r.IntN(256), g.r.IntN(256), 1+g.r.IntN(254)))
	}
	torFP := []string{g.fp(), g.fp()}
	var all []*account
	for range nTor {
		a := g.newAccount(g.personal(g.pick(firstNames), g.pick(lastNames), g.pick([]string{"proton.me", "tutanota.com", "riseup.net", "protonmail.com"})), "")
		if g.r.IntN(10) < 5 {
			a.pay = g.card()
		}
		all = append(all, a)
		tz := pk(g, tzs)
		dev := torFP[g.r.IntN(2)]
		g.sessions(g.logn(1.4, 0.9, 1, 80), 3, func() int64 { return g.humanTime(0, days, tz, 1) }, func() (string, string) { return g.pick(exits), dev },
			func(t int64, ip, dv string) { g.add(t, a, ip, dv, g.legitPrompt(), g.tokens(300, 1)) })
	}
	vpn := []string{}
	for range 40 {
		p := fmt.Sprintf("%d.%d.%d", pk(g, []int{146, 193, 185, 89, 45}), g.r.IntN(256), g.r.IntN(256))
		for range 3 {
			vpn = append(vpn, fmt.Sprintf("%s.%d", p, 1+g.r.IntN(254)))
		}
	}
	for range nVPN {
		a := g.newAccount(g.email(), "")
		if g.r.IntN(10) < 7 {
			a.pay = g.card()
		}
		all = append(all, a)
		tz := pk(g, tzs)
		dev := g.fp()
		g.sessions(g.logn(1.5, 1, 1, 120), 4, func() int64 { return g.humanTime(0, days, tz, 0.8) }, func() (string, string) { return g.pick(vpn), dev },
			func(t int64, ip, dv string) { g.add(t, a, ip, dv, g.legitPrompt(), g.tokens(300, 1)) })
	}
	g.group(false, "tor-vpn", "privacy-exits", all)
}

// viral: a prompt shared on social media on day 6; most of these users sign up that day.
func (g *gen) viral(n int) {
	var all []*account
	vday := int64(6)
	post := t0 + vday*86400 + 15*3600
	for range n {
		a := g.newAccount(g.email(), "")
		if g.r.IntN(10) < 4 {
			a.pay = g.card()
		}
		all = append(all, a)
		dev := g.fp()
		ip := g.resIP()
		if g.r.IntN(3) == 0 {
			dev = g.pickPop(g.mobFP)
			ip = g.mobileIP()
		}
		t := post + int64(g.r.ExpFloat64()*10*3600)
		if t >= t0+days*86400 {
			t = post + int64(g.r.IntN(3600))
		}
		if g.r.IntN(10) < 7 {
			g.signup(t, a, ip, dev)
			t += int64(30 + g.r.IntN(300))
		}
		for range 1 + g.r.IntN(4) {
			p := fmt.Sprintf("Roast my %s like a stand-up comedian, but end with one genuinely kind compliment. Here it is: %s", g.pick([]string{"LinkedIn headline", "dating profile", "startup idea", "Spotify top 5", "resume summary"}), g.sentence(6, 18))
			g.add(t, a, ip, dev, p, g.tokens(350, 0.4))
			t += int64(20 + g.r.IntN(600))
		}
		tz := pk(g, tzs)
		for range g.r.IntN(5) {
			g.add(g.humanTime(int(vday), days, tz, 1), a, ip, dev, g.legitPrompt(), g.tokens(300, 1))
		}
	}
	g.group(false, "viral-prompt", "viral-template-signup-burst", all)
}

// ---------- rings ----------

// ringScheduler: each account has its own sticky residential proxy, card, device and webmail for
// its whole life; one scheduler fires at :07, :23 and :41 every hour, around the clock, and the
// prompts are a question bank paraphrased by an LLM into several wrappers.
func (g *gen) ringScheduler(n int) {
	bank := make([]string, 300)
	for i := range bank {
		bank[i] = g.question()
	}
	wrappers := []string{
		"Please answer the following question in detail: %s",
		"I'd like a thorough, step-by-step explanation for this: %s Make sure to justify each step.",
		"Could you walk me through the reasoning needed to solve this problem? %s",
		"Question: %s\nGive a complete answer with your full reasoning before the final result.",
		"Help me understand this properly, explaining every step along the way: %s",
		"%s Explain your reasoning carefully and state the final answer at the end.",
		"Work through this one slowly and show all the intermediate steps: %s",
		"Here's something I'm stuck on. %s Please be detailed and rigorous.",
	}
	var accts []*account
	var ips, devs []string
	var born []int64
	for i := range n {
		a := g.newAccount(g.email(), g.card())
		accts = append(accts, a)
		ip, dev := g.resIP(), g.fp()
		if i%4 == 0 {
			dev = g.pickPop(g.resBrowser)
		}
		st := t0 + int64(g.r.IntN(3*86400))
		g.signup(st, a, ip, dev)
		ips, devs, born = append(ips, ip), append(devs, dev), append(born, st)
	}
	per := 20.0 / 72
	for h := range days * 24 {
		for _, m := range []int{7, 23, 41} {
			ft := t0 + int64(h)*3600 + int64(m)*60
			for i, a := range accts {
				if ft < born[i]+300 || g.r.Float64() >= per {
					continue
				}
				t := ft + int64(g.r.IntN(25))
				q := g.paraphrase(g.pick(bank))
				g.add(t, a, ips[i], devs[i], fmt.Sprintf(g.pick(wrappers), q), g.tokens(2600, 0.35))
			}
		}
	}
	g.group(true, "ring-scheduler", "sticky-proxy-per-account-scheduler-timing", accts)
}

// ringCampus: accounts at a look-alike edu domain on the campus NAT with lab fingerprints,
// a few prepaid cards each shared by five, homework camouflage, working around the clock.
func (g *gen) ringCampus(n int) {
	base := strings.TrimSuffix(strings.TrimPrefix(g.uniDomain, "stu."), ".edu")
	dom := base + "-edu.net"
	cards := make([]string, (n+4)/5)
	for i := range cards {
		cards[i] = fmt.Sprintf("visa-438857-%04d-%02d%02d", g.r.IntN(10000), 1+g.r.IntN(12), 26+g.r.IntN(3))
	}
	var accts []*account
	for i := range n {
		a := g.newAccount(g.personal(g.pick(firstNames), g.pick(lastNames), dom), cards[i/5])
		accts = append(accts, a)
		own := g.fp()
		g.signup(t0+int64(g.r.IntN(2*86400)), a, g.pick(g.uniNAT), own)
		for d := range days {
			for range 15 + g.r.IntN(20) {
				t := t0 + int64(d)*86400 + int64(g.r.IntN(86400))
				dev := own
				if g.r.IntN(2) == 0 {
					dev = g.pick(g.uniLabFP)
				}
				c := g.pick(g.uniCourses)
				p := g.homework(c)
				tok := g.tokens(450, 0.9)
				if g.r.IntN(10) < 7 {
					p = fmt.Sprintf("For %s: write %d exam-style questions on %s with fully worked solutions. Show every step.", c, 5+g.r.IntN(16), g.pick(topics))
					tok = g.tokens(3500, 0.3)
				}
				g.add(t, a, g.pick(g.uniNAT), dev, p, tok)
			}
		}
	}
	g.group(true, "ring-campus", "hidden-in-university-nat", accts)
}

// ringBIN: prepaid virtual cards from one BIN with sequential numbers (the values differ), a
// signup burst, a few VPS addresses each reused by several accounts, anti-detect fingerprints,
// translation and story-continuation prompts that ordinary users send too.
func (g *gen) ringBIN(n int) {
	vps := []string{}
	for range 6 {
		p := fmt.Sprintf("45.%d.%d", 60+g.r.IntN(100), g.r.IntN(256))
		for range 7 {
			vps = append(vps, fmt.Sprintf("%s.%d", p, 1+g.r.IntN(254)))
		}
	}
	seq := 1000 + g.r.IntN(8000)
	burst := t0 + int64(1+g.r.IntN(2))*86400 + int64(g.r.IntN(20))*3600
	var accts []*account
	for i := range n {
		a := g.newAccount(g.email(), fmt.Sprintf("mc-537410-%04d-0928", seq+i))
		accts = append(accts, a)
		ips := []string{g.pick(vps), g.pick(vps)}
		dev := g.fp()
		st := burst + int64(g.r.IntN(3*3600))
		g.signup(st, a, ips[0], dev)
		for range g.logn(math.Log(120), 0.3, 40, 300) {
			t := st + 600 + int64(g.r.IntN(int(t0+days*86400-st-600)))
			var p string
			if g.r.IntN(2) == 0 {
				p = fmt.Sprintf("Translate this into %s: %s", g.pick(languages), g.paragraph(3, 7))
			} else {
				p = fmt.Sprintf("Continue the following story in the same style for at least %d words:\n%s", 500+100*g.r.IntN(10), g.paragraph(2, 5))
			}
			g.add(t, a, ips[g.r.IntN(2)], dev, p, g.tokens(4000, 0.3))
		}
	}
	g.group(true, "ring-bin-cards", "sequential-prepaid-cards", accts)
}

// ringCGNAT: every request from a random address of the carrier's pool (as the legit mobile users),
// popular phone fingerprints, cards shared by five, one expert-solution template, long outputs.
func (g *gen) ringCGNAT(n int) {
	cards := make([]string, (n+4)/5)
	for i := range cards {
		cards[i] = g.card()
	}
	var accts []*account
	for i := range n {
		a := g.newAccount(g.email(), cards[i/5])
		accts = append(accts, a)
		dev := g.pickPop(g.mobFP)
		for range g.logn(math.Log(180), 0.3, 60, 400) {
			t := g.humanTime(0, days, 3, 1)
			p := fmt.Sprintf("You are an expert %s engineer. Provide a complete, production-ready solution with code and explanation for: %s", g.pick([]string{"backend", "data", "ML", "embedded", "security", "frontend", "DevOps"}), g.task())
			g.add(t, a, g.mobileIP(), dev, p, g.tokens(4500, 0.3))
		}
	}
	g.group(true, "ring-cgnat", "cgnat-rotation", accts)
}

// ringSlow: 2-3 requests a day per account over the whole window, very long outputs, one
// textbook-chapter template, a rented residential rotating pool shared by the ring.
func (g *gen) ringSlow(n int) {
	pool := make([]string, 600)
	for i := range pool {
		pool[i] = g.resIP()
	}
	var accts []*account
	for range n {
		a := g.newAccount(g.email(), g.card())
		accts = append(accts, a)
		dev := g.fp()
		tz := pk(g, tzs)
		for d := range days {
			for range 2 + g.r.IntN(2) {
				t := g.humanTime(d, d+1, tz, 1)
				var p string
				if g.r.IntN(3) > 0 {
					p = fmt.Sprintf("Write a comprehensive textbook chapter on %s for an advanced %s course, including worked examples, exercises and full solutions.", g.pick(topics), g.pick(subjects))
				} else {
					p = fmt.Sprintf("Expand section %d of the chapter on %s with three more worked examples and a summary table.", 1+g.r.IntN(9), g.pick(topics))
				}
				g.add(t, a, g.pick(pool), dev, p, g.tokens(11000, 0.25))
			}
		}
	}
	g.group(true, "ring-slow-drip", "slow-long-outputs", accts)
}

// ringFamilies: families of five sharing a card, a device and a home-like proxy address with a
// common surname at webmail, looking like family plans; only the templates link the families.
func (g *gen) ringFamilies(nfam int) {
	tpls := []string{
		"Produce a detailed, step-by-step solution to the following competition math problem, then verify it: %s",
		"Solve this olympiad problem rigorously, listing every lemma you use: %s",
		"Give two independent solutions to this contest problem and compare them: %s",
	}
	var accts []*account
	for range nfam {
		last := g.pick(lastNames)
		card := g.card()
		home := g.resIP()
		dev := g.fp()
		tz := pk(g, []float64{2, 3})
		for range 5 {
			a := g.newAccount(g.personal(g.pick(firstNames), last, ""), card)
			accts = append(accts, a)
			own := g.fp()
			for d := range days {
				for range 8 + g.r.IntN(10) {
					t := g.humanTime(d, d+1, tz, 1)
					dv := dev
					if g.r.IntN(3) == 0 {
						dv = own
					}
					p := fmt.Sprintf(g.pick(tpls), g.mathProblem())
					if g.r.IntN(6) == 0 {
						p = g.legitPrompt()
					}
					g.add(t, a, home, dv, p, g.tokens(3800, 0.3))
				}
			}
		}
	}
	g.group(true, "ring-families", "card-sharing-families-linked-by-templates", accts)
}

// ringAged: bought aged accounts (no signups in the window, their owners' webmail and cards);
// light owner-like use until the handover, then rotating residential proxies, a fresh
// anti-detect profile each and the same distillation prompt, from the same hour.
func (g *gen) ringAged(n int) {
	switchT := t0 + int64(3)*86400 + int64(g.r.IntN(12))*3600
	var accts []*account
	for range n {
		a := g.newAccount(g.email(), g.card())
		accts = append(accts, a)
		home, old := g.resIP(), g.fp()
		tz := pk(g, tzs)
		for range g.r.IntN(4) {
			t := g.humanTime(0, 3, tz, 1)
			if t < switchT {
				g.add(t, a, home, old, g.legitPrompt(), g.tokens(300, 1))
			}
		}
		dev := g.fp()
		start := switchT + int64(g.r.IntN(6*3600))
		for range g.logn(math.Log(130), 0.3, 50, 300) {
			t := start + int64(g.r.IntN(int(t0+days*86400-start)))
			p := fmt.Sprintf("Answer the following question. First think step by step inside <reasoning> tags, then give the final answer inside <answer> tags.\nQuestion: %s", g.question())
			// a large commercial residential pool: nearly every request a fresh exit
			g.add(t, a, g.resIP(), dev, p, g.tokens(3000, 0.35))
		}
	}
	g.group(true, "ring-aged", "bought-aged-accounts", accts)
}

// ---------- text ----------

var firstNames = []string{"james", "maria", "wei", "aisha", "lucas", "sofia", "mohammed", "emma", "hiroshi", "olga", "david", "fatima", "carlos", "anna", "raj", "chloe", "ivan", "priya", "noah", "mia", "yuki", "omar", "elena", "liam", "zoe", "ahmed", "grace", "mateo", "nina", "samuel", "leila", "tom", "julia", "kenji", "sara", "daniel", "amara", "felix", "hana", "victor", "isabel", "arjun", "lena", "ben", "rosa", "kwame", "ella", "diego", "mei", "oscar", "alice", "jonas", "lucia", "adam", "nora", "pablo", "ines", "max", "lily", "hugo"}
var lastNames = []string{"smith", "garcia", "chen", "khan", "muller", "rossi", "kim", "nguyen", "silva", "kowalski", "ivanov", "tanaka", "okafor", "brown", "patel", "lopez", "martin", "schmidt", "wang", "jones", "ali", "costa", "novak", "dubois", "larsen", "haddad", "moreau", "sato", "johnson", "fischer", "romero", "park", "wilson", "singh", "meyer", "reyes", "taylor", "yilmaz", "andersen", "cohen", "murphy", "santos", "weber", "ito", "clark", "nowak", "perez", "hall", "berg", "volkov"}
var subjects = []string{"algebra", "chemistry", "biology", "physics", "world history", "economics", "statistics", "computer science", "literature", "geography", "calculus", "psychology"}
var levels = []string{"middle-school", "high-school", "first-year university", "beginner", "intermediate"}
var topics = []string{"thermodynamics", "linear regression", "the French Revolution", "protein folding", "graph algorithms", "monetary policy", "organic reaction mechanisms", "Bayesian inference", "electromagnetic induction", "cell signalling", "game theory", "compiler design", "plate tectonics", "quantum tunnelling", "supply chains", "cryptographic hash functions", "the Cold War", "neural network training", "fluid dynamics", "number theory", "operating system schedulers", "enzyme kinetics", "Keynesian economics", "Fourier analysis", "distributed consensus", "photosynthesis", "contract law", "option pricing", "sorting networks", "climate feedback loops"}
var languages = []string{"French", "Spanish", "German", "Japanese", "Portuguese", "Italian", "Korean", "Turkish", "Polish", "Dutch", "Chinese", "Arabic"}
var words = strings.Fields("the a my our this that some every new old small big quick slow bright dark strange simple important local global early late data model system city river market school house garden project team report meeting budget plan idea story letter engine network problem answer result method process season weekend morning evening customer friend teacher student manager doctor neighbour company product service software battery window kitchen coffee train ticket flight hotel phone laptop screen order delivery invoice account password update change move build write read explain help send check fix open close start stop learn teach buy sell rent pay cook clean walk drive wait think know feel seem become keep find give tell ask show try call need want like use work play run grow turn follow bring hold stand lose meet include continue set lead understand watch because although while after before during without within between against through across quickly really almost always never often sometimes probably finally suddenly carefully together again already still")
var tasks = []string{"read a CSV file", "sort a dictionary by value", "center a div", "reverse a linked list", "connect to PostgreSQL", "parse JSON", "make an HTTP request", "write a unit test", "handle errors", "deploy to a server", "resize an image", "schedule a cron job", "debounce a function", "hash a password", "use async await"}
var proglangs = []string{"Python", "JavaScript", "Go", "Rust", "Java", "C#", "TypeScript", "PHP", "Ruby", "Kotlin", "SQL", "Bash", "Excel"}
var concepts = []string{"inflation", "machine learning", "blockchain", "compound interest", "black holes", "the immune system", "recursion", "a mortgage", "photosynthesis", "democracy", "quantum computing", "climate change", "supply and demand", "DNA replication", "the stock market", "vaccines", "TCP", "entropy", "a 401k", "the electoral college"}

func (g *gen) sentence(lo, hi int) string {
	n := lo + g.r.IntN(hi-lo+1)
	w := make([]string, n)
	for i := range w {
		w[i] = g.pick(words)
	}
	s := strings.Join(w, " ")
	return strings.ToUpper(s[:1]) + s[1:] + "."
}

func (g *gen) paragraph(lo, hi int) string {
	n := lo + g.r.IntN(hi-lo+1)
	s := make([]string, n)
	for i := range s {
		s[i] = g.sentence(6, 18)
	}
	return strings.Join(s, " ")
}

func (g *gen) chat() string {
	var b strings.Builder
	for i := range 3 + g.r.IntN(5) {
		if i%2 == 0 {
			b.WriteString("Customer: ")
		} else {
			b.WriteString("Agent: ")
		}
		b.WriteString(g.sentence(5, 16))
		b.WriteString("\n")
	}
	return b.String()
}

func (g *gen) legitPrompt() string {
	r := g.r
	switch r.IntN(22) {
	case 0:
		return fmt.Sprintf("How do I %s in %s?", g.pick(tasks), g.pick(proglangs))
	case 1:
		return fmt.Sprintf("Can you explain %s in simple terms?", g.pick(concepts))
	case 2:
		return fmt.Sprintf("Write a %s email to my %s about %s.", g.pick([]string{"polite", "short", "formal", "friendly", "firm", "apologetic"}), g.pick([]string{"landlord", "boss", "professor", "team", "neighbour", "client", "sister"}), strings.ToLower(strings.TrimSuffix(g.sentence(3, 8), ".")))
	case 3:
		return fmt.Sprintf("Summarize the following article in %d bullet points:\n\n%s", 3+r.IntN(5), g.paragraph(4, 12))
	case 4:
		return fmt.Sprintf("Translate this into %s: %s", g.pick(languages), g.sentence(5, 20))
	case 5:
		return fmt.Sprintf("Why does my %s code throw %s when I %s?", g.pick(proglangs), g.pick([]string{"a NullPointerException", "KeyError", "undefined is not a function", "a segfault", "index out of range", "a timeout"}), g.pick(tasks))
	case 6:
		return fmt.Sprintf("Give me a recipe for %s using %s and %s.", g.pick([]string{"dinner", "a quick lunch", "a vegan curry", "pancakes", "soup", "a birthday cake"}), g.pick([]string{"chickpeas", "spinach", "leftover rice", "eggs", "tofu", "salmon"}), g.pick([]string{"lemon", "garlic", "coconut milk", "feta", "mushrooms"}))
	case 7:
		return fmt.Sprintf("What's the difference between %s and %s?", g.pick(concepts), g.pick(concepts))
	case 8:
		return fmt.Sprintf("Plan a %d-day trip to %s on a budget of $%d.", 2+r.IntN(10), g.pick([]string{"Lisbon", "Tokyo", "Mexico City", "Prague", "Bali", "Montreal", "Istanbul", "Seoul"}), 300+100*r.IntN(30))
	case 9:
		return fmt.Sprintf("Help me write a cover letter for a %s position at %s. My experience: %s", g.pick([]string{"junior developer", "nurse", "marketing", "data analyst", "barista", "teacher"}), g.pick([]string{"a startup", "a hospital", "Google", "a bank", "a school"}), g.sentence(8, 25))
	case 10:
		return fmt.Sprintf("Rewrite this paragraph to be more %s:\n%s", g.pick([]string{"concise", "formal", "persuasive", "friendly"}), g.paragraph(2, 6))
	case 11, 12, 13:
		// free-form: no fixed skeleton
		return strings.ToLower(g.sentence(4, 20)) + g.pick([]string{"?", "", " please", " any ideas?", " thanks"})
	case 14:
		return fmt.Sprintf("Write a short poem about %s in the style of %s.", g.pick(concepts), g.pick([]string{"Emily Dickinson", "Dr. Seuss", "a pirate", "Shakespeare", "a haiku master"}))
	case 15:
		return fmt.Sprintf("List %d ideas for %s.", 3+r.IntN(15), g.pick([]string{"a birthday party", "a blog", "a science fair project", "date night", "a team offsite", "a side hustle"}))
	case 16:
		return fmt.Sprintf("Fix the grammar: %s", strings.ToLower(g.sentence(6, 20)))
	case 17:
		return fmt.Sprintf("Please answer the following question in detail: %s", g.question())
	case 18:
		return fmt.Sprintf("Create a %d-week workout plan for %s.", 2+r.IntN(10), g.pick([]string{"a beginner", "marathon training", "building muscle", "losing weight", "bad knees"}))
	case 19:
		return g.question()
	default:
		return fmt.Sprintf("%s %s", g.sentence(5, 15), g.sentence(3, 12))
	}
}

func (g *gen) question() string {
	r := g.r
	switch r.IntN(8) {
	case 0:
		return fmt.Sprintf("A %s of mass %d kg slides down a frictionless incline of %d degrees. Find its acceleration and the time to travel %d m.", g.pick([]string{"block", "crate", "sled", "box"}), 1+r.IntN(50), 10+r.IntN(60), 1+r.IntN(30))
	case 1:
		return fmt.Sprintf("Prove that the sum of the first %d odd numbers equals %d squared.", 3+r.IntN(200), 3+r.IntN(200))
	case 2:
		return fmt.Sprintf("What were the main causes and consequences of %s?", g.pick([]string{"the French Revolution", "the fall of Rome", "World War I", "the 2008 financial crisis", "the Meiji Restoration", "the Cold War", "the Industrial Revolution"}))
	case 3:
		return fmt.Sprintf("Explain how %s works and analyse its time complexity on an input of size %d.", g.pick([]string{"Dijkstra's algorithm", "quicksort", "a B-tree", "Bloom filters", "the KMP algorithm", "union-find", "A* search"}), 10+r.IntN(100000))
	case 4:
		return fmt.Sprintf("Find all real solutions of x^2 - %dx + %d = 0 and explain the method.", 1+r.IntN(30), r.IntN(100))
	case 5:
		return fmt.Sprintf("Why does %s, and what evidence supports this?", g.pick([]string{"ice float on water", "the sky look blue", "bread rise", "the moon have phases", "inflation erode savings", "sleep help memory"}))
	case 6:
		return fmt.Sprintf("How many moles of %s are in %d grams, and how would you compute it?", g.pick([]string{"NaCl", "glucose", "water", "CO2", "H2SO4"}), 1+r.IntN(500))
	default:
		return fmt.Sprintf("Compare %s and %s in terms of %s.", g.pick(concepts), g.pick(concepts), g.pick([]string{"risk", "history", "cost", "efficiency", "impact on society"}))
	}
}

var synonyms = [][2]string{{"Find", "Determine"}, {"Explain", "Describe"}, {"main", "principal"}, {"Prove", "Show"}, {"analyse", "analyze"}, {"Compare", "Contrast"}, {"compute", "calculate"}, {"solutions", "roots"}}

func (g *gen) paraphrase(q string) string {
	for _, s := range synonyms {
		if g.r.IntN(2) == 0 {
			q = strings.ReplaceAll(q, s[0], s[1])
		}
	}
	return q
}

func (g *gen) homework(course string) string {
	r := g.r
	switch r.IntN(3) {
	case 0:
		return fmt.Sprintf("Explain step by step how to solve problem %d from problem set %d for %s: %s", 1+r.IntN(12), 1+r.IntN(9), course, g.question())
	case 1:
		return fmt.Sprintf("Check my answer for %s homework %d question %d: %s", course, 1+r.IntN(9), 1+r.IntN(12), g.sentence(8, 30))
	default:
		return fmt.Sprintf("I don't understand %s from today's %s lecture, can you help? %s", g.pick(topics), course, strings.ToLower(g.sentence(4, 12)))
	}
}

func (g *gen) evalPrompt() string {
	return fmt.Sprintf("Rate the following model output for factual accuracy on a 1-5 scale and justify briefly. Reference: %s\nOutput: %s", g.sentence(8, 20), g.paragraph(1, 3))
}

func (g *gen) ciPrompt() string {
	ids := []string{"cfg", "ctx", "buf", "req", "resp", "n", "err", "items", "conn", "opts"}
	var b strings.Builder
	fmt.Fprintf(&b, "diff --git a/pkg/%s/%s.go b/pkg/%s/%s.go\n", g.pick(ids), g.pick(ids), g.pick(ids), g.pick(ids))
	for range 3 + g.r.IntN(12) {
		fmt.Fprintf(&b, "+\t%s := %s(%s, %d)\n", g.pick(ids), g.pick([]string{"parse", "load", "newClient", "retry", "merge"}), g.pick(ids), g.r.IntN(100))
	}
	if g.r.IntN(3) == 0 {
		return "Write table-driven unit tests for the code added in this diff. Respond with a single Go file.\n" + b.String()
	}
	return "Review the following diff and list potential bugs, security issues and style violations. Respond in JSON.\n" + b.String()
}

func (g *gen) task() string {
	return fmt.Sprintf("%s a %s that %s %s with %s", g.pick([]string{"Build", "Implement", "Design", "Write"}), g.pick([]string{"REST API", "rate limiter", "job queue", "CLI tool", "cache", "ETL pipeline", "websocket server", "parser"}), g.pick([]string{"handles", "processes", "streams", "validates", "deduplicates"}), g.pick([]string{"user events", "payments", "log lines", "sensor readings", "images", "orders"}), g.pick([]string{"retries and backoff", "tests", "metrics", "graceful shutdown", "pagination", "structured logging"}))
}

func (g *gen) mathProblem() string {
	r := g.r
	switch r.IntN(4) {
	case 0:
		return fmt.Sprintf("Find all positive integers n < %d such that n^2 + %d is divisible by n + %d.", 100+r.IntN(2000), 1+r.IntN(99), 1+r.IntN(20))
	case 1:
		return fmt.Sprintf("In triangle ABC, AB = %d, BC = %d and CA = %d. Find the length of the altitude from A.", 5+r.IntN(20), 5+r.IntN(20), 5+r.IntN(20))
	case 2:
		return fmt.Sprintf("How many ways can %d identical balls be placed into %d distinct boxes so that no box is empty?", 5+r.IntN(30), 2+r.IntN(8))
	default:
		return fmt.Sprintf("Let f be a function with f(x+y) = f(x) + f(y) + %dxy and f(1) = %d. Find f(%d).", 1+r.IntN(9), r.IntN(20), 2+r.IntN(50))
	}
}

// ---------- output ----------

type outRec struct {
	TS      string `json:"ts"`
	Account string `json:"account"`
	Type    string `json:"type,omitempty"`
	IP      string `json:"ip,omitempty"`
	Payment string `json:"payment,omitempty"`
	Device  string `json:"device,omitempty"`
	Email   string `json:"email,omitempty"`
	Prompt  string `json:"prompt,omitempty"`
	Tokens  int    `json:"tokens,omitempty"`
}

func (g *gen) write(out, truthPath string) error {
	sort.SliceStable(g.recs, func(i, j int) bool {
		if g.recs[i].t != g.recs[j].t {
			return g.recs[i].t < g.recs[j].t
		}
		return g.recs[i].seq < g.recs[j].seq
	})
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	enc := json.NewEncoder(w)
	for _, r := range g.recs {
		o := outRec{TS: time.Unix(r.t, 0).UTC().Format(time.RFC3339), Account: r.acct.id, Type: r.typ, IP: r.ip, Payment: r.acct.pay, Device: r.dev, Email: r.acct.email}
		if r.typ == "" {
			o.Prompt, o.Tokens = r.prompt, r.tok
		}
		if err := enc.Encode(&o); err != nil {
			return err
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	b, err := json.MarshalIndent(g.truth, "", " ")
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "probe2: %d records, %d accounts, %d rings, %d decoys\n", len(g.recs), len(g.ids), len(g.truth.Rings), len(g.truth.Decoys))
	return os.WriteFile(truthPath, append(b, '\n'), 0o644)
}

func pk[T any](g *gen, xs []T) T { return xs[g.r.IntN(len(xs))] }
