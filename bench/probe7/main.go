// Command probe7 writes a seventh black-box scenario for ringlink: JSON Lines traffic sorted by
// time and its ground truth. It was written only from SPEC.md, the README and the earlier
// probes' READMEs; see README.md beside it.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

var (
	T0 = time.Date(2027, 10, 4, 0, 0, 0, 0, time.UTC).Unix() // a Monday
	T1 = T0 + Days*Day
)

const (
	Day  = 86400
	Days = 14
)

type Acct struct {
	ID    string
	Email string
	Pay   string
}

type Rec struct {
	TS     int64
	Seq    int32
	Signup bool
	Tok    int32
	A      *Acct
	IP     string
	Pay    string
	Dev    string
	Email  string
	Prompt string
}

type Group struct {
	ID, Kind string
	Ring     bool
	Accts    []*Acct
	reqs     int
}

type G struct {
	seed   uint64
	recs   []Rec
	groups []*Group
	ids    map[string]bool
	mails  map[string]bool
	first  map[*Acct]int64 // signup time
}

func fnv64(s string) uint64 { h := fnv.New64a(); h.Write([]byte(s)); return h.Sum64() }

func (g *G) rng(name string) *rand.Rand {
	return rand.New(rand.NewPCG(g.seed, fnv64("probe7/"+name)))
}

func (g *G) group(id, kind string, ring bool) *Group {
	gr := &Group{ID: id, Kind: kind, Ring: ring}
	g.groups = append(g.groups, gr)
	return gr
}

const b36 = "0123456789abcdefghijklmnopqrstuvwxyz"

func (g *G) newAcct(r *rand.Rand, gr *Group, email, pay string) *Acct {
	var b [12]byte
	for i := range b {
		b[i] = b36[r.IntN(36)]
	}
	id := "acct_" + string(b[:])
	if g.ids[id] {
		panic("duplicate account id " + id)
	}
	g.ids[id] = true
	a := &Acct{ID: id, Pay: pay}
	a.Email = g.uniqueMail(email, id)
	gr.Accts = append(gr.Accts, a)
	return a
}

// canonical mailbox: lower case, +tag removed, gmail dots removed.
func canonMail(e string) string {
	e = strings.ToLower(e)
	at := strings.LastIndexByte(e, '@')
	if at < 0 {
		return e
	}
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

// uniqueMail keeps every canonical mailbox to one account without drawing randomness.
func (g *G) uniqueMail(e, id string) string {
	if e == "" {
		return ""
	}
	c := canonMail(e)
	if !g.mails[c] {
		g.mails[c] = true
		return e
	}
	at := strings.LastIndexByte(e, '@')
	e2 := e[:at] + id[len(id)-4:] + e[at:]
	g.mails[canonMail(e2)] = true
	return e2
}

func (g *G) signup(a *Acct, ts int64, ip, dev string) {
	g.first[a] = ts
	g.recs = append(g.recs, Rec{TS: ts, Seq: int32(len(g.recs)), Signup: true, A: a, IP: ip, Dev: dev, Email: a.Email, Pay: a.Pay})
}

// req adds a request; it is dropped when outside the window, and moved after the signup.
func (g *G) req(gr *Group, a *Acct, ts int64, ip, dev, prompt string, tok int) bool {
	if s, ok := g.first[a]; !ok {
		panic("request before signup record for " + a.ID)
	} else if ts < s+5 {
		ts = s + 5 + int64(len(prompt)%20)
	}
	if ts < T0 || ts >= T1 {
		return false
	}
	if tok < 1 {
		tok = 1
	}
	gr.reqs++
	g.recs = append(g.recs, Rec{TS: ts, Seq: int32(len(g.recs)), A: a, IP: ip, Dev: dev, Pay: a.Pay, Prompt: prompt, Tok: int32(tok)})
	return true
}

// ---------------------------------------------------------------- regions and addresses

type Region struct {
	Name  string
	Off   int // minutes east of UTC (October)
	W     float64
	Mails []string
}

var regions = []Region{
	{"US-E", -240, 13, []string{"gmail.com", "yahoo.com", "outlook.com", "icloud.com", "aol.com", "hotmail.com"}},
	{"US-C", -300, 8, []string{"gmail.com", "yahoo.com", "outlook.com", "icloud.com", "att.net"}},
	{"US-W", -420, 10, []string{"gmail.com", "yahoo.com", "outlook.com", "icloud.com", "comcast.net"}},
	{"UK", 60, 8, []string{"gmail.com", "outlook.com", "hotmail.co.uk", "btinternet.com", "yahoo.co.uk"}},
	{"DE", 120, 6, []string{"gmail.com", "gmx.de", "web.de", "t-online.de", "outlook.de"}},
	{"FR", 120, 5, []string{"gmail.com", "orange.fr", "free.fr", "laposte.net", "outlook.fr"}},
	{"PL", 120, 3, []string{"gmail.com", "wp.pl", "onet.pl", "o2.pl"}},
	{"IN", 330, 10, []string{"gmail.com", "rediffmail.com", "yahoo.co.in", "outlook.com"}},
	{"PH", 480, 5, []string{"gmail.com", "yahoo.com", "outlook.com"}},
	{"NG", 60, 3, []string{"gmail.com", "yahoo.com", "outlook.com"}},
	{"KE", 180, 2, []string{"gmail.com", "yahoo.com", "outlook.com"}},
	{"BR", -180, 6, []string{"gmail.com", "hotmail.com", "uol.com.br", "bol.com.br", "outlook.com"}},
	{"MX", -360, 4, []string{"gmail.com", "hotmail.com", "outlook.com", "yahoo.com.mx"}},
	{"JP", 540, 5, []string{"gmail.com", "yahoo.co.jp", "icloud.com", "docomo.ne.jp"}},
	{"AU", 660, 4, []string{"gmail.com", "outlook.com", "bigpond.com", "icloud.com"}},
	{"FW", 210, 0, []string{"gmail.com", "yahoo.com", "chmail.ir", "outlook.com"}},
}

const regFW = 15

func regionW(r *rand.Rand) int {
	var w []float64
	for _, x := range regions {
		w = append(w, x.W)
	}
	return pickW(r, w)
}

func pickW(r *rand.Rand, w []float64) int {
	t := 0.0
	for _, x := range w {
		t += x
	}
	u := r.Float64() * t
	for i, x := range w {
		u -= x
		if u < 0 {
			return i
		}
	}
	return len(w) - 1
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// ISP home address: region reg, ISP isp (0..2), /24 index c (0..95), host h.
func ispV4(reg, isp, c, h int) string {
	return fmt.Sprintf("%d.%d.%d.%d", 24+reg*3+isp, 100+isp*7, c, h)
}

// carrier CGNAT: two carriers per region, 4 /24s each.
func carrierV4(r *rand.Rand, reg, car int) string {
	return fmt.Sprintf("%d.%d.%d.%d", 90+reg, 200+car, r.IntN(4), 1+r.IntN(254))
}

func bizV4(reg, c, h int) string { return fmt.Sprintf("%d.20.%d.%d", 150+reg, c, h) }

// cloud /24 k (0..199).
func cloudV4(k, h int) string { return fmt.Sprintf("52.%d.%d.%d", 16+k/100, k%100, h) }

// CI runners' egress: 32 cloud /24s (k 100..131), 50 hosts each.
func ciV4(r *rand.Rand) string { return cloudV4(100+r.IntN(32), 4+r.IntN(50)) }

func hostingV4(k, h int) string { return fmt.Sprintf("45.%d.%d.%d", 64+k/100, k%100, h) }

// a datacenter proxy / VPN provider: 20 /24s.
func dcproxyV4(k, h int) string { return fmt.Sprintf("193.%d.%d.%d", 40+k/10, 100+k%10, h) }

// national gateway of the firewalled country: 16 addresses in 4 /24s.
func fwGateway(r *rand.Rand) string { return fmt.Sprintf("5.160.%d.%d", 8+r.IntN(4), 10+r.IntN(4)) }

// a commercial VPN sold by the same provider: it exits from all 20 /24s.
func vpnV4(r *rand.Rand) string { return dcproxyV4(r.IntN(20), 2+r.IntN(252)) }

type Home struct {
	reg, isp, c, h int
	v6             bool
	v6hi           int
	moveDay        int
	c2, h2         int
}

func newHome(r *rand.Rand, reg int) *Home {
	hm := &Home{reg: reg, isp: r.IntN(3), c: r.IntN(96), h: 2 + r.IntN(198), moveDay: 99}
	if r.Float64() < 0.12 {
		hm.v6 = true
		hm.v6hi = r.IntN(64)<<16 | r.IntN(0xffff)
	}
	if r.Float64() < 0.2 {
		hm.moveDay = r.IntN(Days)
		hm.c2, hm.h2 = r.IntN(96), 2+r.IntN(198)
	}
	return hm
}

func (hm *Home) IP(ts int64) string {
	day := int((ts - T0) / Day)
	if hm.v6 {
		// a /56 per home in one of 64 /48s per ISP, a new privacy interface id each day
		x := fnv64(fmt.Sprintf("%d/%d/%d", hm.v6hi, hm.reg, day))
		return fmt.Sprintf("2a%02x:%x:%x:%x:%x:%x:%x:%x", hm.reg+1, 0x1000+hm.isp, hm.v6hi>>16, (hm.v6hi&0xff)<<8|0x10,
			x>>48&0xffff, x>>32&0xffff, x>>16&0xffff, x&0xffff)
	}
	if day >= hm.moveDay {
		return ispV4(hm.reg, hm.isp, hm.c2, hm.h2)
	}
	return ispV4(hm.reg, hm.isp, hm.c, hm.h)
}

// a residential proxy exit: a real home's address (any host) in one of the given regions.
func resiExit(r *rand.Rand, regs []int) string {
	return ispV4(pick(r, regs), r.IntN(3), r.IntN(96), 2+r.IntN(253))
}

// ---------------------------------------------------------------- devices

func fixedFP(name string) string { return fmt.Sprintf("fp_%016x", fnv64("fp/"+name)) }

var (
	popDesk, popPhone, midPhone []string
	fpPySDK                     = fixedFP("python-sdk")
	fpNodeSDK                   = fixedFP("node-sdk")
	fpHttpx                     = fixedFP("httpx")
	fpCurl                      = fixedFP("curl")
	fpPRAction                  = fixedFP("ai-pr-review-action")
	fpAddin                     = fixedFP("clausewise-word-addin")
	fpTavern                    = fixedFP("tavernlite")
	fpSeeIOS                    = []string{fixedFP("seealoud-ios-3.2"), fixedFP("seealoud-ios-3.3")}
	fpSeeAnd                    = []string{fixedFP("seealoud-android-3.2"), fixedFP("seealoud-android-3.3")}
)

func init() {
	for i := 0; i < 16; i++ {
		popDesk = append(popDesk, fixedFP(fmt.Sprintf("desk%d", i)))
	}
	for i := 0; i < 10; i++ {
		popPhone = append(popPhone, fixedFP(fmt.Sprintf("phone%d", i)))
	}
	for i := 0; i < 300; i++ {
		midPhone = append(midPhone, fixedFP(fmt.Sprintf("model%d", i)))
	}
}

func zipf(r *rand.Rand, n int) int {
	w := make([]float64, n)
	for i := range w {
		w[i] = 1 / float64(i+1)
	}
	return pickW(r, w)
}

func uniqFP(r *rand.Rand) string { return fmt.Sprintf("fp_%016x", r.Uint64()) }

func deskFP(r *rand.Rand) string {
	if r.Float64() < 0.55 {
		return popDesk[zipf(r, len(popDesk))]
	}
	return uniqFP(r)
}

func phoneFP(r *rand.Rand) string {
	u := r.Float64()
	switch {
	case u < 0.6:
		return popPhone[zipf(r, len(popPhone))]
	case u < 0.9:
		return pick(r, midPhone)
	}
	return uniqFP(r)
}

// ---------------------------------------------------------------- mail and payment

var firsts = strings.Fields("james mary robert patricia john jennifer michael linda david elizabeth william barbara richard susan joseph jessica thomas sarah charles karen priya rahul ananya arjun maria jose ana carlos lucas julia sophie thomas lena jan anna piotr kasia chidi ngozi amara wanjiru kamau juan sofia mateo valentina yuki haruto sakura ren olivia jack chloe liam emma noah mia leo zara omar fatima ali sara reza maryam")
var lasts = strings.Fields("smith johnson williams brown jones garcia miller davis rodriguez martinez hernandez lopez wilson anderson taylor thomas moore jackson martin lee patel sharma singh kumar santos silva oliveira costa mueller schmidt schneider fischer dubois moreau nowak kowalski okafor adeyemi mwangi otieno reyes cruz tanaka suzuki sato nguyen walker hall young king wright scott green baker adams nelson hill campbell ahmadi hosseini karimi rezaei mohammadi")

func nameMail(r *rand.Rand, dom string) string {
	f, l := pick(r, firsts), pick(r, lasts)
	var local string
	switch r.IntN(7) {
	case 0:
		local = f + "." + l
	case 1:
		local = f + l + strconv.Itoa(r.IntN(100))
	case 2:
		local = f[:1] + l + strconv.Itoa(10+r.IntN(90))
	case 3:
		local = f + "_" + l
	case 4:
		local = f + strconv.Itoa(1960+r.IntN(50))
	case 5:
		local = l + "." + f + strconv.Itoa(r.IntN(1000))
	default:
		local = f + "." + l + strconv.Itoa(r.IntN(100))
	}
	if dom == "gmail.com" && r.Float64() < 0.05 {
		local += "+" + pick(r, []string{"ai", "work", "news", "shop"})
	}
	if r.Float64() < 0.04 {
		local = strings.ToUpper(local[:1]) + local[1:]
	}
	return local + "@" + dom
}

func regionMail(r *rand.Rand, reg int) string {
	ms := regions[reg].Mails
	if r.Float64() < 0.5 {
		return nameMail(r, ms[0])
	}
	return nameMail(r, pick(r, ms))
}

func handle(r *rand.Rand) string {
	const c = "abcdefghijklmnopqrstuvwxyz0123456789"
	n := 8 + r.IntN(6)
	b := make([]byte, n)
	for i := range b {
		b[i] = c[r.IntN(26+10*min(i, 1))]
	}
	return string(b)
}

func card(r *rand.Rand, bin int) string { return fmt.Sprintf("pm_%06d_%010x", bin, r.Uint64()>>24) }

func regionBIN(r *rand.Rand, reg int) int { return 400000 + reg*3001 + r.IntN(20)*131 }

// ---------------------------------------------------------------- time

var hourW = []float64{0.3, 0.15, 0.1, 0.1, 0.1, 0.2, 0.5, 1, 1.5, 2, 2.2, 2.2, 2, 2, 2.1, 2.1, 2, 2, 2.2, 2.5, 2.6, 2.3, 1.6, 0.8}

// localTs: local day d (0 = Monday 4 October), local hour h, random second.
func localTs(r *rand.Rand, d, off, h int) int64 {
	return T0 + int64(d)*Day + int64(h)*3600 + int64(r.IntN(3600)) - int64(off)*60
}

func humanTs(r *rand.Rand, d, off int) int64 { return localTs(r, d, off, pickW(r, hourW)) }

func lognorm(r *rand.Rand, median, sigma float64) float64 {
	return median * math.Exp(sigma*r.NormFloat64())
}

func rint(r *rand.Rand, lo, hi int) int { return lo + r.IntN(hi-lo+1) }

// ---------------------------------------------------------------- text

func cap1(s string) string {
	if s == "" {
		return s
	}
	rr, n := utf8.DecodeRuneInString(s)
	return strings.ToUpper(string(rr)) + s[n:]
}

var (
	subjs  = strings.Fields("the_team our_landlord the_new_policy my_manager the_committee this_approach the_quarterly_report the_city_council our_supplier the_shipment the_app_update the_school_board my_neighbour the_contractor the_survey_results the_insurance_company our_client the_new_hire the_vendor the_board")
	verbs  = strings.Fields("will_delay has_approved might_affect keeps_ignoring is_reviewing should_clarify wants_to_change could_improve did_not_mention needs_to_finalise has_rejected is_questioning will_cover forgot_about is_rethinking has_doubled cancelled postponed")
	objs   = strings.Fields("the_budget_for_next_year the_parking_rules our_delivery_schedule the_refund_request the_holiday_rota the_onboarding_process the_venue_booking the_safety_checklist the_rent_increase the_training_plan the_invoice_from_march the_hiring_freeze the_new_pricing the_maintenance_window the_project_timeline the_office_move the_travel_policy the_sales_targets")
	stails = []string{"", "", "by friday", "before the end of the month", "after the meeting on tuesday", "because of the weather", "without telling anyone", "as soon as possible", "for the third time", "next quarter", "again", "until further notice"}
)

func us(s string) string { return strings.ReplaceAll(s, "_", " ") }

func sentence(r *rand.Rand) string {
	s := us(pick(r, subjs)) + " " + us(pick(r, verbs)) + " " + us(pick(r, objs))
	if t := pick(r, stails); t != "" {
		s += " " + t
	}
	if r.IntN(4) == 0 {
		s += fmt.Sprintf(", which affects about %d people", 3+r.IntN(400))
	}
	return cap1(s) + "."
}

func para(r *rand.Rand, n int) string {
	var b []string
	for i := 0; i < n; i++ {
		b = append(b, sentence(r))
	}
	return strings.Join(b, " ")
}

var (
	tasks   = []string{"get rid of fruit flies", "fix a leaky tap", "negotiate a raise", "start running", "clean a cast iron pan", "set up a budget", "learn excel pivot tables", "improve my sleep", "write a cover letter", "back up my phone", "remove a stripped screw", "prepare for a job interview", "make my wifi faster", "grow tomatoes on a balcony", "train my dog to stop barking", "study for an exam in a week", "speed up my laptop", "make sourdough starter", "deal with a difficult coworker", "file taxes as a freelancer", "change a bike tyre", "learn python quickly", "unclog a drain", "ask for feedback politely", "organise my closet", "convert a pdf to word", "stop procrastinating", "reduce my electricity bill", "keep basil alive", "plan a wedding on a budget"}
	topics  = []string{"inflation", "how vaccines work", "black holes", "compound interest", "the stock market", "photosynthesis", "blockchain", "the electoral college", "climate change", "how airplanes fly", "quantum computing", "the immune system", "machine learning", "mortgage rates", "the french revolution", "how credit scores work", "supply and demand", "plate tectonics", "the placebo effect", "how noise cancelling works", "cloud computing", "carbon credits", "index funds", "jet lag", "the gut microbiome", "nuclear fusion"}
	persons = []string{"boss", "landlord", "teacher", "coworker", "client", "mom", "neighbour", "team", "doctor", "professor", "friend", "sister", "recruiter", "hr department"}
	msgs    = []string{"email", "message", "text", "letter", "note", "linkedin message", "slack message"}
	tones   = []string{"polite", "short", "formal", "friendly", "firm", "apologetic", "professional", "casual"}
	abouts  = []string{"being late tomorrow", "a refund", "a broken heater", "my vacation dates", "a missed deadline", "the noise at night", "a price increase", "rescheduling our meeting", "a job offer", "a group project", "my resignation", "an invoice mistake", "a lost package", "sick leave", "a reference letter"}
	dishes  = []string{"chicken curry", "lasagna", "banana bread", "pad thai", "vegan chili", "pancakes", "shakshuka", "risotto", "tacos", "lentil soup", "fried rice", "brownies", "ramen", "paella", "a quick pasta"}
	cities  = []string{"lisbon", "tokyo", "rome", "mexico city", "bali", "new york", "barcelona", "seoul", "cape town", "prague", "vancouver", "istanbul", "bangkok", "marrakech", "sydney", "edinburgh"}
	hobbies = []string{"gardening", "cooking", "gaming", "hiking", "reading", "photography", "yoga", "coffee", "music", "board games", "running", "knitting"}
	langs   = []string{"spanish", "french", "german", "japanese", "portuguese", "hindi", "italian", "korean", "arabic", "polish"}
	greets  = []string{"", "", "", "hi ", "hey ", "hello, ", "quick question: ", "ok so ", "please ", "can you help - "}
	etails  = []string{"", "", "", " thanks", " thank you!", " pls", "?", " :)", " asap", " in simple words"}
)

func everyday(r *rand.Rand) (string, int) {
	var s string
	tok := int(lognorm(r, 440, 0.5))
	switch r.IntN(15) {
	case 0:
		s = "how do i " + pick(r, tasks)
	case 1:
		s = "explain " + pick(r, topics) + pick(r, []string{"", " like im five", " in simple terms", " briefly", " with an example"})
	case 2:
		s = fmt.Sprintf("write a %s %s to my %s about %s", pick(r, tones), pick(r, msgs), pick(r, persons), pick(r, abouts))
	case 3:
		s = pick(r, []string{"rewrite this to sound more professional", "make this shorter", "fix the grammar", "make this friendlier", "proofread this"}) + ":\n\n" + para(r, 2+r.IntN(4))
	case 4:
		s = pick(r, []string{"recipe for ", "how to make ", "easy ", "quick "}) + pick(r, dishes) + pick(r, []string{"", " without an oven", " for 6 people", " that kids will eat", " with what i have"})
	case 5:
		s = fmt.Sprintf("plan a %d day trip to %s%s", 2+r.IntN(9), pick(r, cities), pick(r, []string{"", " on a budget", " with kids", " for foodies", " in winter"}))
	case 6:
		s = fmt.Sprintf("gift ideas for my %s who likes %s, budget %d", pick(r, persons), pick(r, hobbies), 10*(2+r.IntN(20)))
	case 7:
		s = "is it normal to " + pick(r, []string{"feel tired after lunch", "have a headache every morning", "crack my knuckles a lot", "sleep 10 hours", "get dizzy when standing up", "have dry eyes at work", "sneeze in sunlight"})
	case 8:
		s = pick(r, []string{"who invented ", "when was ", "why is ", "what is the history of "}) + pick(r, topics)
	case 9:
		s = "translate to " + pick(r, langs) + ": " + strings.ToLower(sentence(r))
	case 10:
		s = pick(r, []string{"summarize this", "tldr", "summarise in 3 bullets", "what are the key points here"}) + ":\n" + para(r, 3+r.IntN(5))
		tok += 200
	case 11:
		s = pick(r, []string{"tell me a joke about ", "write a short poem about ", "i'm bored, talk to me about ", "fun facts about ", "write a limerick about "}) + pick(r, append(hobbies, topics...))
	case 12:
		s = fmt.Sprintf("which is better for %s, %s or %s", pick(r, hobbies), pick(r, []string{"an ipad", "a laptop", "a kindle", "a cheap one", "the pro model", "renting"}), pick(r, []string{"a desktop", "a phone", "paper", "the basic model", "buying", "a used one"}))
	case 13:
		lang := pick(r, codeLangs)
		_, code := codeFile(r, lang, 4+r.IntN(6))
		s = pick(r, []string{"why does this code not work", "explain this code", "how can i make this faster", "whats wrong here", "add comments to this"}) + "\n" + code
		tok += 300
	default:
		s = fmt.Sprintf("give me %d ideas for %s", 3+r.IntN(15), pick(r, []string{"a birthday party", "a team offsite", "instagram posts", "a science project", "date night", "a youtube channel", "a small business", "weekend activities", "a blog"}))
	}
	s = pick(r, greets) + s + pick(r, etails)
	if r.IntN(5) == 0 {
		s = cap1(s)
	}
	return s, tok
}

func workPrompt(r *rand.Rand) (string, int) {
	s := pick(r, []string{
		"draft an agenda for a %d-minute meeting about %s",
		"write a status update for my team: %s",
		"turn these notes into action items: %s",
		"write a job description for a %s",
		"summarise this for my manager: %s",
		"create a spreadsheet formula to %s",
	})
	switch {
	case strings.Contains(s, "%d"):
		s = fmt.Sprintf(s, 15*(1+r.IntN(6)), us(pick(r, objs)))
	case strings.Contains(s, "job description"):
		s = fmt.Sprintf(s, pick(r, []string{"junior accountant", "warehouse supervisor", "product designer", "data analyst", "customer success manager"}))
	case strings.Contains(s, "formula"):
		s = fmt.Sprintf(s, pick(r, []string{"sum sales by region", "find duplicates in column b", "count overdue invoices", "pull the last name from a full name"}))
	default:
		s = fmt.Sprintf(s, para(r, 2+r.IntN(4)))
	}
	return s, int(lognorm(r, 500, 0.5))
}

// bank: parametrised textbook questions that students, tutors and rings all use.
func bankQ(r *rand.Rand) string {
	sg := func() string { return pick(r, []string{"+", "-"}) }
	switch r.IntN(12) {
	case 0:
		return fmt.Sprintf("A ball is thrown upward at %d m/s from a height of %d m. How long until it hits the ground, and what is its maximum height?", 5+r.IntN(40), r.IntN(60))
	case 1:
		return fmt.Sprintf("Evaluate the integral of x^%d * e^(%dx) dx from 0 to %d.", 1+r.IntN(5), 1+r.IntN(6), 1+r.IntN(4))
	case 2:
		return fmt.Sprintf("Prove by induction that %d^n - 1 is divisible by %d for every positive integer n.", []int{3, 5, 7, 9, 11, 13}[r.IntN(6)], 2)
	case 3:
		return fmt.Sprintf("Implement a %s in %s that supports %s in O(%s) time.", pick(r, []string{"min-heap", "LRU cache", "trie", "union-find", "segment tree", "deque"}), pick(r, []string{"Python", "Java", "C++", "Go", "Rust"}), pick(r, []string{"insert and delete", "lookup and update", "range queries", "merge and find"}), pick(r, []string{"log n", "1", "n log n"}))
	case 4:
		return fmt.Sprintf("A %d kg block slides down a %d-degree incline with coefficient of kinetic friction %.2f. Find its acceleration and the normal force.", 1+r.IntN(30), 10+r.IntN(60), 0.05+r.Float64()*0.5)
	case 5:
		return fmt.Sprintf("Two fair dice are rolled %d times. What is the probability that a sum of %d appears at least %d times?", 3+r.IntN(20), 2+r.IntN(11), 1+r.IntN(3))
	case 6:
		return fmt.Sprintf("Discuss the causes and consequences of %s, citing at least %d factors.", pick(r, []string{"the fall of the Western Roman Empire", "the First World War", "the Great Depression", "the Meiji Restoration", "the partition of India", "the Cuban missile crisis", "the Industrial Revolution", "the collapse of the Soviet Union"}), 3+r.IntN(5))
	case 7:
		return fmt.Sprintf("Find all real roots of x^3 %s %dx^2 %s %dx %s %d = 0.", sg(), 1+r.IntN(12), sg(), 1+r.IntN(40), sg(), 1+r.IntN(60))
	case 8:
		return fmt.Sprintf("If the price elasticity of demand for %s is %.1f and the price rises by %d%%, what happens to total revenue? Explain.", pick(r, []string{"coffee", "gasoline", "cinema tickets", "insulin", "smartphones", "bus fares"}), 0.2+r.Float64()*2.5, 2+r.IntN(30))
	case 9:
		return fmt.Sprintf("A ladder %d m long slides down a wall at %.1f m/s. How fast is the top sliding down when the base is %d m from the wall?", 5+r.IntN(10), 0.2+r.Float64()*2, 1+r.IntN(4))
	case 10:
		return fmt.Sprintf("Given an array of %d integers, find the longest subarray with sum at most %d. Explain the algorithm and its complexity.", 10*(1+r.IntN(1000)), r.IntN(500))
	default:
		return fmt.Sprintf("What is the pH of a %.3f M solution of %s (Ka = %.1e)?", 0.001+r.Float64()*0.5, pick(r, []string{"acetic acid", "formic acid", "hydrofluoric acid", "benzoic acid", "hypochlorous acid"}), math.Pow(10, -2-r.Float64()*6))
	}
}

func contestQ(r *rand.Rand) string {
	switch r.IntN(6) {
	case 0:
		return fmt.Sprintf("Find the number of positive integers n <= %d such that n^2 + %d is divisible by %d.", 100*(1+r.IntN(50)), 1+r.IntN(20), 3+r.IntN(20))
	case 1:
		return fmt.Sprintf("In how many ways can %d people be seated around a round table if %d particular people must not sit together?", 5+r.IntN(8), 2+r.IntN(2))
	case 2:
		return fmt.Sprintf("Triangle ABC has AB = %d, BC = %d and CA = %d. Find the radius of its inscribed circle.", 5+r.IntN(10), 6+r.IntN(10), 7+r.IntN(10))
	case 3:
		return fmt.Sprintf("Let f(x) = x^2 - %dx + %d. Find the sum of all real x with f(f(x)) = 0.", 1+r.IntN(10), r.IntN(20))
	case 4:
		return fmt.Sprintf("A sequence satisfies a_1 = %d and a_{n+1} = %da_n + %d. Find a_%d mod 1000.", 1+r.IntN(9), 2+r.IntN(4), 1+r.IntN(9), 10+r.IntN(90))
	default:
		return fmt.Sprintf("Prove that for all positive reals a, b, c with a + b + c = %d, the sum a^2/(b+c) is at least %d/2.", 3*(1+r.IntN(3)), 3*(1+r.IntN(3)))
	}
}

var studentPhr = []string{"solve this step by step", "step by step solution please", "pls help", "can you explain how to do this", "i dont get this one", "show all working", "explain each step", "help with my homework:", "how do i solve this", "check my answer for this", "explain like a tutor"}

func studentQ(r *rand.Rand) (string, int) {
	q := bankQ(r)
	tok := 700 + r.IntN(1100)
	switch r.IntN(3) {
	case 0:
		return q, tok
	case 1:
		return pick(r, studentPhr) + " " + q, tok
	}
	return q + " " + pick(r, studentPhr), tok
}

// ---------------------------------------------------------------- code

var codeLangs = []string{"python", "go", "javascript", "rust", "java"}
var cverbs = strings.Fields("parse load build merge validate encode fetch render resolve compute flush sync scan index normalize apply split collect retry emit")
var cnouns = strings.Fields("config token buffer request user session record matrix graph cache header payload route schema event queue shard block entry chunk frame")

func ident(r *rand.Rand) string { return pick(r, cverbs) + cap1(pick(r, cnouns)) }
func vname(r *rand.Rand) string {
	return pick(r, cnouns) + pick(r, []string{"", "s", "Count", "Map", "Idx", "Buf", "List", "2"})
}

func codeFile(r *rand.Rand, lang string, lines int) (path, code string) {
	fn := ident(r)
	var b strings.Builder
	ext := map[string]string{"python": "py", "go": "go", "javascript": "js", "rust": "rs", "java": "java"}[lang]
	dir := pick(r, []string{"src", "lib", "internal", "pkg", "app", "core", "utils", "server"})
	path = fmt.Sprintf("%s/%s/%s.%s", dir, pick(r, cnouns), strings.ToLower(pick(r, cnouns))+pick(r, []string{"", "_util", "s", "_impl", "er"}), ext)
	a, c := vname(r), vname(r)
	switch lang {
	case "python":
		fmt.Fprintf(&b, "def %s(%s, %s=%d):\n", strings.ToLower(fn), a, c, r.IntN(100))
		for i := 0; i < lines; i++ {
			v := vname(r)
			switch r.IntN(5) {
			case 0:
				fmt.Fprintf(&b, "    %s = %s.get(%q, %d)\n", v, a, pick(r, cnouns), r.IntN(64))
			case 1:
				fmt.Fprintf(&b, "    if %s > %d:\n        %s = %s(%s)\n", c, r.IntN(999), v, strings.ToLower(ident(r)), c)
			case 2:
				fmt.Fprintf(&b, "    for %s in %s:\n        %s.append(%s * %d)\n", v, a, c, v, 1+r.IntN(9))
			case 3:
				fmt.Fprintf(&b, "    %s = [x for x in %s if x %% %d]\n", v, a, 2+r.IntN(7))
			default:
				fmt.Fprintf(&b, "    log.debug(\"%s %%s\", %s)\n", pick(r, cverbs), v)
			}
		}
		fmt.Fprintf(&b, "    return %s\n", c)
	case "go":
		fmt.Fprintf(&b, "func %s(%s []%s, %s int) (int, error) {\n", fn, a, pick(r, []string{"byte", "string", "int", "*Entry"}), c)
		for i := 0; i < lines; i++ {
			v := vname(r)
			switch r.IntN(4) {
			case 0:
				fmt.Fprintf(&b, "\t%s := len(%s) * %d\n", v, a, 1+r.IntN(16))
			case 1:
				fmt.Fprintf(&b, "\tif %s > %d {\n\t\treturn 0, fmt.Errorf(\"%s: %%d\", %s)\n\t}\n", c, r.IntN(4096), pick(r, cverbs), c)
			case 2:
				fmt.Fprintf(&b, "\tfor i := range %s {\n\t\t%s += i %% %d\n\t}\n", a, c, 2+r.IntN(30))
			default:
				fmt.Fprintf(&b, "\t%s = %s(%s)\n", c, ident(r), c)
			}
		}
		fmt.Fprintf(&b, "\treturn %s, nil\n}\n", c)
	case "javascript":
		fmt.Fprintf(&b, "export async function %s(%s, %s = {}) {\n", fn, a, c)
		for i := 0; i < lines; i++ {
			v := vname(r)
			switch r.IntN(4) {
			case 0:
				fmt.Fprintf(&b, "  const %s = await %s(%s.%s);\n", v, ident(r), a, pick(r, cnouns))
			case 1:
				fmt.Fprintf(&b, "  if (!%s.%s) throw new Error('%s missing');\n", c, pick(r, cnouns), pick(r, cnouns))
			case 2:
				fmt.Fprintf(&b, "  %s.%s = (%s.%s || 0) + %d;\n", c, v, c, v, 1+r.IntN(50))
			default:
				fmt.Fprintf(&b, "  for (const x of %s) %s.push(x * %d);\n", a, v, 1+r.IntN(9))
			}
		}
		fmt.Fprintf(&b, "  return %s;\n}\n", c)
	case "rust":
		fmt.Fprintf(&b, "pub fn %s(%s: &[u%d], %s: usize) -> Result<usize, Error> {\n", strings.ToLower(fn), a, []int{8, 16, 32, 64}[r.IntN(4)], c)
		for i := 0; i < lines; i++ {
			v := strings.ToLower(vname(r))
			switch r.IntN(3) {
			case 0:
				fmt.Fprintf(&b, "    let %s = %s.iter().filter(|x| **x > %d).count();\n", v, a, r.IntN(200))
			case 1:
				fmt.Fprintf(&b, "    if %s > %d {\n        return Err(Error::%s);\n    }\n", c, r.IntN(9999), cap1(pick(r, cnouns)))
			default:
				fmt.Fprintf(&b, "    let %s = %s.checked_mul(%d).ok_or(Error::Overflow)?;\n", v, c, 2+r.IntN(64))
			}
		}
		fmt.Fprintf(&b, "    Ok(%s)\n}\n", c)
	default:
		fmt.Fprintf(&b, "public static int %s(List<%s> %s, int %s) {\n", fn, cap1(pick(r, cnouns)), a, c)
		for i := 0; i < lines; i++ {
			v := vname(r)
			switch r.IntN(3) {
			case 0:
				fmt.Fprintf(&b, "    int %s = %s.size() * %d;\n", v, a, 1+r.IntN(12))
			case 1:
				fmt.Fprintf(&b, "    if (%s > %d) { throw new IllegalStateException(\"%s\"); }\n", c, r.IntN(5000), pick(r, cnouns))
			default:
				fmt.Fprintf(&b, "    %s += %s.%s(%d);\n", c, a, ident(r), r.IntN(100))
			}
		}
		fmt.Fprintf(&b, "    return %s;\n}\n", c)
	}
	return path, b.String()
}

func diffOf(r *rand.Rand, lang string) (string, string) {
	path, code := codeFile(r, lang, 3+r.IntN(6))
	ls := strings.Split(strings.TrimRight(code, "\n"), "\n")
	var b strings.Builder
	fmt.Fprintf(&b, "--- a/%s\n+++ b/%s\n@@ -%d,%d +%d,%d @@\n", path, path, 10+r.IntN(300), len(ls), 10+r.IntN(300), len(ls)+1)
	for _, l := range ls {
		switch r.IntN(5) {
		case 0:
			b.WriteString("-" + l + "\n+" + strings.Replace(l, "1", "2", 1) + "\n")
		case 1:
			b.WriteString("+" + l + "\n")
		default:
			b.WriteString(" " + l + "\n")
		}
	}
	return path, b.String()
}

var owners = strings.Fields("acme-labs openkit datawharf tinygrad-contrib pixelforge rustacean-tools hexlet cobaltdb nimbus-io fernweh quarkly lumen-js gopher-utils bytecraft mosaic-ui arrowhead zentrack paperplane")

func repoName(r *rand.Rand) string {
	return pick(r, owners) + "/" + pick(r, cnouns) + pick(r, []string{"-kit", "-rs", "js", "-go", "-py", "-core", "-cli", "lib", "-server"})
}

// ---------------------------------------------------------------- output

func jstr(b *bufio.Writer, s string) {
	b.WriteByte('"')
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < 0x80 {
			b.WriteByte(c)
			i++
			continue
		}
		if c >= 0x80 {
			rr, n := utf8.DecodeRuneInString(s[i:])
			if rr == utf8.RuneError && n == 1 {
				b.WriteString(`\ufffd`)
			} else if rr == 0x2028 || rr == 0x2029 {
				fmt.Fprintf(b, `\u%04x`, rr)
			} else {
				b.WriteString(s[i : i+n])
			}
			i += n
			continue
		}
		switch c {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		case '\r':
			b.WriteString(`\r`)
		default:
			fmt.Fprintf(b, `\u%04x`, c)
		}
		i++
	}
	b.WriteByte('"')
}

func field(b *bufio.Writer, k, v string) {
	if v == "" {
		return
	}
	b.WriteString(`,"` + k + `":`)
	jstr(b, v)
}

func (g *G) write(out, truth string) error {
	sort.Slice(g.recs, func(i, j int) bool {
		if g.recs[i].TS != g.recs[j].TS {
			return g.recs[i].TS < g.recs[j].TS
		}
		return g.recs[i].Seq < g.recs[j].Seq
	})
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	b := bufio.NewWriterSize(f, 1<<20)
	for i := range g.recs {
		x := &g.recs[i]
		b.WriteString(`{"ts":"` + time.Unix(x.TS, 0).UTC().Format(time.RFC3339) + `","account":`)
		jstr(b, x.A.ID)
		if x.Signup {
			b.WriteString(`,"type":"signup"`)
		} else {
			b.WriteString(`,"type":"request"`)
		}
		field(b, "ip", x.IP)
		field(b, "payment", x.Pay)
		field(b, "device", x.Dev)
		field(b, "email", x.Email)
		field(b, "prompt", x.Prompt)
		if !x.Signup {
			b.WriteString(`,"tokens":` + strconv.Itoa(int(x.Tok)))
		}
		b.WriteString("}\n")
	}
	if err := b.Flush(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	tf, err := os.Create(truth)
	if err != nil {
		return err
	}
	tb := bufio.NewWriter(tf)
	writeGroups := func(ring bool) {
		first := true
		for _, gr := range g.groups {
			if gr.Ring != ring {
				continue
			}
			if !first {
				tb.WriteString(",")
			}
			first = false
			tb.WriteString("\n  {\"id\":")
			jstr(tb, gr.ID)
			tb.WriteString(",\"kind\":")
			jstr(tb, gr.Kind)
			tb.WriteString(",\"accounts\":[")
			for i, a := range gr.Accts {
				if i > 0 {
					tb.WriteString(",")
				}
				jstr(tb, a.ID)
			}
			tb.WriteString("]}")
		}
	}
	tb.WriteString("{\"rings\":[")
	writeGroups(true)
	tb.WriteString("\n],\"decoys\":[")
	writeGroups(false)
	tb.WriteString("\n]}\n")
	if err := tb.Flush(); err != nil {
		return err
	}
	return tf.Close()
}

func main() {
	seed := flag.Uint64("seed", 1, "scenario seed")
	out := flag.String("out", "traffic.jsonl", "traffic output (JSON Lines)")
	truth := flag.String("truth", "truth.json", "ground truth output")
	quiet := flag.Bool("quiet", false, "no per-population summary on stderr")
	flag.Parse()
	g := &G{seed: *seed, ids: map[string]bool{}, mails: map[string]bool{}, first: map[*Acct]int64{}}
	for _, p := range populations {
		p(g)
	}
	if !*quiet {
		tot := 0
		for _, gr := range g.groups {
			k := "decoy"
			if gr.Ring {
				k = "ring"
			}
			fmt.Fprintf(os.Stderr, "%-5s %-24s %-30s %6d accounts %7d requests\n", k, gr.ID, gr.Kind, len(gr.Accts), gr.reqs)
			tot += len(gr.Accts)
		}
		fmt.Fprintf(os.Stderr, "total %d accounts, %d records\n", tot, len(g.recs))
	}
	if err := g.write(*out, *truth); err != nil {
		fmt.Fprintln(os.Stderr, "probe7:", err)
		os.Exit(1)
	}
}

// ---------------------------------------------------------------- conversation replay

type turn struct{ u, a string }

func transcript(hist []turn, next string, keep int) string {
	var b strings.Builder
	if len(hist) > keep {
		b.WriteString("[earlier turns omitted]\n")
		hist = hist[len(hist)-keep:]
	}
	for _, t := range hist {
		b.WriteString("User: " + t.u + "\nAssistant: " + t.a + "\n")
	}
	b.WriteString("User: " + next)
	return b.String()
}

func excerpt(r *rand.Rand) string {
	s := para(r, 1+r.IntN(2))
	if len(s) > 220 {
		s = s[:220] + "…"
	}
	return s
}

// ---------------------------------------------------------------- populations

var populations = []func(*G){popBackground, popNewsroom, popLawReview, popSeeAloud, popFirewall, popInkwell, popCIReview,
	ringConvoHarvest, ringRepoDistill, ringDailyChurn, ringCarrierHop, ringFirewallTunnel}

var aliasDoms = []string{"duck.com", "simplelogin.com", "anonaddy.me", "passmail.net"}

func popBackground(g *G) {
	r := g.rng("background")
	gr := g.group("background", "background-mixed", false)
	n := 10200 + r.IntN(1200)
	firmIP := func(reg int) string { // 60 small firms per region; colleagues share an address
		k := r.IntN(60)
		return bizV4(reg, k%40, 10+k)
	}
	apps := []string{"recipe", "budget", "fitness", "travel", "note-taking", "crm", "support-desk", "quiz", "journal", "shopping-list"}
	for i := 0; i < n; i++ {
		reg := regionW(r)
		off := regions[reg].Off
		phoneOnly := r.Float64() < 0.2
		office := !phoneOnly && r.Float64() < 0.25
		student := r.Float64() < 0.12
		dev := !phoneOnly && r.Float64() < 0.09
		chatbot := dev && r.Float64() < 0.15
		vpn := r.Float64() < 0.025
		var email string
		switch {
		case r.Float64() < 0.03:
			email = handle(r) + "@" + pick(r, aliasDoms)
		case r.Float64() < 0.035: // privacy-minded mail
			email = handle(r) + "@" + pick(r, []string{"proton.me", "proton.me", "protonmail.com", "tutanota.com"})
		case phoneOnly && r.Float64() < 0.2:
			email = handle(r) + "@privaterelay.appleid.com"
		default:
			email = regionMail(r, reg)
		}
		pay := ""
		if r.Float64() < 0.68 {
			pay = card(r, regionBIN(r, reg))
		}
		a := g.newAcct(r, gr, email, pay)
		home := newHome(r, reg)
		desk, phone := deskFP(r), phoneFP(r)
		car := r.IntN(2)
		ofIP := ""
		if office {
			ofIP = firmIP(reg)
		}
		vps := hostingV4(r.IntN(40), 2+r.IntN(250))
		sdk := pick(r, []string{fpPySDK, fpNodeSDK, fpHttpx, fpCurl})
		app := fmt.Sprintf("You are the assistant inside %s, a %s app made by %s. %s", cap1(pick(r, cnouns))+pick(r, []string{"ly", "ify", "Hub", "Pal", "Box"}), pick(r, apps), strings.Split(nameMail(r, "x"), "@")[0],
			pick(r, []string{"Answer the user's question in two short paragraphs.", "Reply with JSON only.", "Be cheerful and brief.", "Classify the input and explain why.", "Suggest three options."}))
		pre := r.Float64() < 0.65
		var sts int64
		sd := 0
		if pre {
			sts = T0 - int64(1+r.IntN(600))*Day + int64(r.IntN(Day))
		} else {
			sd = r.IntN(Days)
			sts = humanTs(r, sd, off)
		}
		sip, sdev := home.IP(max(sts, T0)), desk
		if phoneOnly {
			sip, sdev = carrierV4(r, reg, car), phone
		}
		if vpn {
			sip = vpnV4(r)
		}
		g.signup(a, sts, sip, sdev)
		nr := int(lognorm(r, 4.5, 1.1))
		if dev {
			nr = int(lognorm(r, 16, 1.0))
		}
		nr = min(nr, 500)
		if nr == 0 && !pre {
			nr = 1
		}
		var hist []turn
		for nr > 0 {
			k := min(nr, 1+r.IntN(5))
			if chatbot {
				k = min(nr, 2+r.IntN(6))
			}
			nr -= k
			d := sd + r.IntN(Days-sd)
			ts := humanTs(r, d, off)
			ip, dv := home.IP(ts), desk
			script := false
			switch {
			case phoneOnly || r.Float64() < 0.15:
				ip, dv = carrierV4(r, reg, car), phone
			case office && d%7 < 5 && r.Float64() < 0.5:
				ts = localTs(r, d, off, 9+r.IntN(8))
				ip = ofIP
			case dev && r.Float64() < 0.55:
				script = true
				dv = sdk
				if r.Float64() < 0.45 {
					ip = vps
				}
			}
			if vpn && r.Float64() < 0.7 {
				ip = vpnV4(r)
			}
			hist = hist[:0]
			for j := 0; j < k; j++ {
				var p string
				var tok int
				switch {
				case script && chatbot:
					q, t := everyday(r)
					p, tok = transcript(hist, q, 4), t+len(hist)*120
					hist = append(hist, turn{q, excerpt(r)})
				case script:
					q, t := everyday(r)
					p, tok = app+"\nInput: "+q, t
				case student && r.Float64() < 0.6:
					p, tok = studentQ(r)
				case office && r.Float64() < 0.3:
					p, tok = workPrompt(r)
				default:
					p, tok = everyday(r)
				}
				g.req(gr, a, ts, ip, dv, p, tok)
				if script {
					ts += int64(2 + r.IntN(40))
				} else {
					ts += int64(30 + r.IntN(300))
				}
			}
		}
	}
}

// ---- newsroom: a wire agency's desk in London, staff in shifts round the clock, and desk bots.

var wireCities = []string{"LONDON", "BRUSSELS", "WASHINGTON", "TOKYO", "FRANKFURT", "NAIROBI", "SAO PAULO", "NEW DELHI", "SYDNEY", "PARIS", "BERLIN", "MEXICO CITY", "LAGOS", "MANILA", "GENEVA", "BEIJING"}
var wireOrgs = []string{"the central bank", "the European Commission", "the finance ministry", "the football association", "the health regulator", "the electoral commission", "the port authority", "the prime minister's office", "the supreme court", "the transport union", "the energy regulator", "the state oil company", "the competition authority", "the statistics office", "the defence ministry"}
var wireActs = []string{"would cut its benchmark rate by %d basis points", "had agreed to buy a %d%% stake in a regional lender", "expected growth to slow to %d.%d%% this year", "would appeal a ruling on emissions limits", "had suspended %d officials over procurement irregularities", "reported a %d%% drop in quarterly profit", "called a strike affecting %d,000 workers", "approved a budget of %d billion", "delayed the vote by %d weeks", "opened an inquiry into %d mergers"}

func wireCopy(r *rand.Rand) string {
	var b strings.Builder
	act := pick(r, wireActs)
	args := []any{}
	for i := 0; i < strings.Count(act, "%d"); i++ {
		args = append(args, 1+r.IntN(90))
	}
	fmt.Fprintf(&b, "%s, Oct %d (Northgate) - %s said on %s it %s.", pick(r, wireCities), 4+r.IntN(14), cap1(pick(r, wireOrgs)),
		pick(r, []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}), fmt.Sprintf(act, args...))
	for i := 0; i < 3+r.IntN(5); i++ {
		switch r.IntN(4) {
		case 0:
			fmt.Fprintf(&b, " \"%s,\" a spokesperson said.", strings.TrimSuffix(sentence(r), "."))
		case 1:
			fmt.Fprintf(&b, " Analysts polled by Northgate had expected %d.%d%%.", r.IntN(9), r.IntN(10))
		case 2:
			fmt.Fprintf(&b, " The decision follows %s.", strings.ToLower(strings.TrimSuffix(sentence(r), ".")))
		default:
			b.WriteString(" " + sentence(r))
		}
	}
	fmt.Fprintf(&b, " (Reporting by %s %s; Editing by %s %s)", cap1(pick(r, firsts)), cap1(pick(r, lasts)), cap1(pick(r, firsts)), cap1(pick(r, lasts)))
	return b.String()
}

var deskTemplates = []string{
	"Summarise this wire story in %d words for the website, keep attribution and numbers exact:\n\n",
	"Write three headline options (max 70 characters) and a standfirst for this story:\n\n",
	"Rewrite this copy in Northgate house style for the %s page, about %d words:\n\n",
	"Translate this story into %s for the foreign-language service; keep names untranslated:\n\n",
	"Produce a five-bullet live-blog update from this wire:\n\n",
	"Check this story for claims that need a second source and list them:\n\n",
	"Write a %d-word explainer ('What we know so far') based on:\n\n",
}
var desks = []string{"markets", "sport", "politics", "world", "business", "tech", "health", "courts", "europe", "energy"}

func deskPrompt(r *rand.Rand) (string, int) {
	i := r.IntN(len(deskTemplates))
	t := deskTemplates[i]
	var h string
	switch i {
	case 0:
		h = fmt.Sprintf(t, 80+20*r.IntN(6))
	case 2:
		h = fmt.Sprintf(t, pick(r, desks), 300+100*r.IntN(6))
	case 3:
		h = fmt.Sprintf(t, pick(r, []string{"Spanish", "French", "Portuguese", "Arabic", "German"}))
	case 6:
		h = fmt.Sprintf(t, 400+100*r.IntN(5))
	default:
		h = t
	}
	w := wireCopy(r)
	out := 200 + r.IntN(300)
	if i == 2 || i == 3 || i == 6 {
		out = 800 + r.IntN(900)
	}
	return h + w, len(w)/4 + out
}

func popNewsroom(g *G) {
	r := g.rng("newsroom")
	gr := g.group("newsroom", "newsroom-wire-desk", false)
	const dom = "northgatepress.co.uk"
	inv := "inv-northgate-press-ent-2027"
	ips := []string{bizV4(3, 7, 21), bizV4(3, 7, 22), bizV4(3, 7, 23)}
	images := []string{uniqFP(r), uniqFP(r), uniqFP(r)}
	off := regions[3].Off
	n := 110 + r.IntN(45)
	for i := 0; i < n; i++ {
		a := g.newAcct(r, gr, pick(r, firsts)+"."+pick(r, lasts)+"@"+dom, inv)
		img := pick(r, images)
		home := newHome(r, 3)
		sd := -1
		var sts int64
		if r.Float64() < 0.06 {
			sd = r.IntN(10)
			sts = localTs(r, sd, off, 9)
		} else {
			sts = T0 - int64(30+r.IntN(700))*Day + int64(r.IntN(Day))
		}
		g.signup(a, sts, ips[0], img)
		shift := r.IntN(4) // early 05, day 09, evening 15, night 22
		start := []int{5, 9, 15, 22}[shift]
		offDays := map[int]bool{}
		for len(offDays) < 4 {
			offDays[r.IntN(Days)] = true
		}
		for d := max(sd, 0); d < Days; d++ {
			if offDays[d] {
				continue
			}
			remote := r.Float64() < 0.15
			k := rint(r, 8, 30)
			for j := 0; j < k; j++ {
				ts := T0 + int64(d)*Day + int64(start)*3600 + int64(r.IntN(8*3600)) - int64(off)*60
				ip := pick(r, ips)
				if remote {
					ip = home.IP(ts)
				}
				var p string
				var tok int
				if r.Float64() < 0.72 {
					p, tok = deskPrompt(r)
				} else {
					p, tok = workPrompt(r)
				}
				g.req(gr, a, ts, ip, img, p, tok)
			}
		}
	}
	// desk bots: every incoming wire item is summarised automatically from two cloud VMs.
	vms := []string{cloudV4(12, 40), cloudV4(12, 41)}
	for _, desk := range desks {
		a := g.newAcct(r, gr, "desk-"+desk+"@"+dom, inv)
		g.signup(a, T0-int64(200+r.IntN(300))*Day, ips[0], images[0])
		for ts := T0 + int64(r.IntN(600)); ts < T1; {
			hour := ((ts-T0)/3600 + 1) % 24
			rate := 3.0
			if hour >= 6 && hour <= 20 {
				rate = 9
			}
			ts += int64(3600/rate*r.ExpFloat64()) + 1
			w := wireCopy(r)
			p := fmt.Sprintf("[%s] AUTO-SUMMARY. Summarise the wire item below in %d words. Output JSON with fields headline, summary, tags.\n\n%s", strings.ToUpper(desk), 60+20*r.IntN(3), w)
			g.req(gr, a, ts, pick(r, vms), fpPySDK, p, len(w)/4+150+r.IntN(150))
		}
	}
}

// ---- law firms on a legal-tech vendor's review prompt library, with long contract inputs.

var clauseHeads = []string{"Limitation of Liability", "Indemnification", "Termination for Convenience", "Change of Control", "Confidentiality", "Assignment", "Governing Law", "Non-Solicitation", "Data Protection", "Force Majeure", "Payment Terms", "Warranties", "Exclusivity", "Audit Rights"}
var parties = []string{"the Supplier", "the Customer", "the Licensor", "the Licensee", "the Purchaser", "the Seller", "each Party", "the Company", "the Guarantor", "the Service Provider"}
var obligs = []string{"indemnify and hold harmless {P} against all losses arising from any breach of this Agreement", "not assign or transfer any rights under this Agreement without the prior written consent of {P}", "maintain insurance cover of not less than USD {N},000,000 with a reputable insurer", "notify {P} in writing within {N} Business Days of becoming aware of any Security Incident", "not, during the Term and for {N} months thereafter, solicit any employee of {P}", "pay all undisputed invoices within {N} days of receipt", "keep confidential all Confidential Information disclosed by {P}", "permit {P} to audit its records on {N} days' notice", "procure that its Affiliates comply with this clause"}

func clause(r *rand.Rand) (string, string) {
	h := pick(r, clauseHeads)
	var b strings.Builder
	n := 1 + r.IntN(24)
	fmt.Fprintf(&b, "%d. %s.", n, h)
	for i := 0; i < 5+r.IntN(7); i++ {
		o := pick(r, obligs)
		for strings.Contains(o, "{P}") {
			o = strings.Replace(o, "{P}", pick(r, parties), 1)
		}
		for strings.Contains(o, "{N}") {
			o = strings.Replace(o, "{N}", strconv.Itoa(2+r.IntN(60)), 1)
		}
		fmt.Fprintf(&b, " %d.%d %s shall %s%s.", n, i+1, cap1(pick(r, parties)), o, pick(r, []string{"", ", save as required by law", ", provided that such consent shall not be unreasonably withheld", " in accordance with Schedule " + strconv.Itoa(1+r.IntN(9)), ", subject to clause " + strconv.Itoa(1+r.IntN(30))}))
	}
	return h, b.String()
}

var lawTemplates = []string{
	"Review the following clause from a %s on behalf of %s. Identify risks, non-market terms and suggested redlines.\n\nClause:\n",
	"Summarise the key obligations, deadlines and termination rights in this %s excerpt for a partner memo:\n\n",
	"Compare this %s clause against our standard position (%s) and list every deviation:\n\n",
	"Extract all defined terms, parties, dates and monetary amounts from the text below as a table:\n\n",
	"Due diligence review: flag any change-of-control, exclusivity or assignment restrictions in this document. Document ref: DD-%d\n\n",
	"Draft a plain-English explanation of this clause for the client, no more than %d words:\n\n",
	"Is this %s provision enforceable under %s law? Explain with reasoning:\n\n",
	"Mark up this clause to be more favourable to %s, showing insertions in [brackets] and deletions in {braces}:\n\n",
}

func lawPrompt(r *rand.Rand, dd bool) (string, int) {
	i := r.IntN(len(lawTemplates))
	if dd && r.Float64() < 0.6 {
		i = 4
	}
	h, cl := clause(r)
	if r.Float64() < 0.5 {
		_, c2 := clause(r)
		cl += "\n\n" + c2
	}
	doc := pick(r, []string{"master services agreement", "share purchase agreement", "software licence", "supply agreement", "lease", "employment contract", "NDA"})
	var t string
	switch i {
	case 0:
		t = fmt.Sprintf(lawTemplates[0], doc, pick(r, parties))
	case 1:
		t = fmt.Sprintf(lawTemplates[1], doc)
	case 2:
		t = fmt.Sprintf(lawTemplates[2], h, pick(r, []string{"cap at 12 months' fees", "mutual", "no assignment without consent", "English law", "30 days' notice"}))
	case 4:
		t = fmt.Sprintf(lawTemplates[4], 1000+r.IntN(9000))
	case 5:
		t = fmt.Sprintf(lawTemplates[5], 100+50*r.IntN(5))
	case 6:
		t = fmt.Sprintf(lawTemplates[6], h, pick(r, []string{"English", "New York", "Delaware", "German", "Texas"}))
	case 7:
		t = fmt.Sprintf(lawTemplates[7], pick(r, parties))
	default:
		t = lawTemplates[i]
	}
	return t + cl, len(cl)/4*6 + 700 + r.IntN(1500) // the attached document is longer than the quoted clause
}

func popLawReview(g *G) {
	r := g.rng("law-review")
	gr := g.group("law-review", "law-firms-review-library", false)
	firms := []struct {
		dom  string
		reg  int
		size int
	}{{"hartwell-oakes.com", 0, 110}, {"brennanlaw.com", 0, 80}, {"castellane-partners.com", 1, 60}, {"whitcombe.co.uk", 3, 50}, {"pacificreach-legal.com", 2, 32}, {"kleinhaus-legal.de", 4, 20}}
	for fi, f := range firms {
		off := regions[f.reg].Off
		size := f.size * (85 + r.IntN(31)) / 100
		inv := fmt.Sprintf("inv-%s-clausewise", strings.Split(f.dom, ".")[0])
		offIPs := []string{bizV4(f.reg, 30+fi, 5), bizV4(f.reg, 30+fi, 6)}
		imgs := []string{uniqFP(r), uniqFP(r)}
		for i := 0; i < size; i++ {
			a := g.newAcct(r, gr, pick(r, firsts)[:1]+pick(r, lasts)+"@"+f.dom, inv)
			paralegal := r.Float64() < 0.35
			img := pick(r, imgs)
			home := newHome(r, f.reg)
			sts := T0 - int64(20+r.IntN(400))*Day + int64(r.IntN(Day))
			sd := 0
			if r.Float64() < 0.08 {
				sd = r.IntN(10)
				sts = localTs(r, sd, off, 10)
			}
			g.signup(a, sts, offIPs[0], img)
			for d := sd; d < Days; d++ {
				sprint := fi == 1 && paralegal && d >= 7 && d <= 9
				if d%7 >= 5 && !sprint && r.Float64() < 0.9 {
					continue
				}
				if !sprint && r.Float64() < 0.3 {
					continue
				}
				k := rint(r, 3, 18)
				if sprint {
					k = rint(r, 30, 70)
				}
				wfh := r.Float64() < 0.25
				for j := 0; j < k; j++ {
					h := 8 + r.IntN(11)
					if sprint {
						h = 8 + r.IntN(18)
					}
					ts := localTs(r, d, off, h)
					ip, dv := pick(r, offIPs), img
					if wfh {
						ip = home.IP(ts)
					}
					if r.Float64() < 0.6 {
						dv = fpAddin
					}
					var p string
					var tok int
					if r.Float64() < 0.8 {
						p, tok = lawPrompt(r, sprint)
					} else {
						p, tok = workPrompt(r)
					}
					g.req(gr, a, ts, ip, dv, p, tok)
				}
			}
		}
	}
}

// ---- SeeAloud: an accessibility app describing photos for blind and low-vision users.

var seeQs = []string{"", "", "", "", "what does this say", "is this the right medicine box", "what colour is this shirt", "read the expiry date", "what is on this plate", "which button is the start button", "is the light on", "read the letter", "how much is the bill", "is this the shampoo or the conditioner", "what does the screen show", "describe the person in the photo", "is there anyone in the hallway", "what bus number is this", "read the cooking instructions", "is this milk or cream"}

func seePrompt(r *rand.Rand) (string, int) {
	q := pick(r, seeQs)
	p := fmt.Sprintf("You are SeeAloud, an assistant that describes images for blind and low-vision people. Describe the attached photo clearly and concisely, read any text exactly as written, and say where things are. [image: img_%012x.jpg]", r.Uint64()>>16)
	if q != "" {
		p += "\nUser question: " + q
	}
	return p, 850 + r.IntN(350)
}

func popSeeAloud(g *G) {
	r := g.rng("seealoud")
	gr := g.group("seealoud", "accessibility-app-users", false)
	n := 1050 + r.IntN(250)
	grant := "grant-brightsight-access-fund"
	for i := 0; i < n; i++ {
		reg := regionW(r)
		off := regions[reg].Off
		ios := r.Float64() < 0.6
		email := regionMail(r, reg)
		if ios && r.Float64() < 0.25 {
			email = handle(r) + "@privaterelay.appleid.com"
		}
		pay := ""
		switch u := r.Float64(); {
		case u < 0.55:
			pay = card(r, regionBIN(r, reg))
		case u < 0.8:
			pay = grant
		}
		a := g.newAcct(r, gr, email, pay)
		home := newHome(r, reg)
		car := r.IntN(2)
		fps := fpSeeAnd
		if ios {
			fps = fpSeeIOS
		}
		upd := 5 + r.IntN(5)
		sd := 0
		var sts int64
		switch u := r.Float64(); {
		case u < 0.7:
			sts = T0 - int64(1+r.IntN(500))*Day + int64(r.IntN(Day))
		case u < 0.82: // a podcast feature on day 2 (Wednesday) 17:00 UTC
			sd = 2
			sts = T0 + 2*Day + 17*3600 + int64(r.ExpFloat64()*7200)
		default:
			sd = r.IntN(Days)
			sts = humanTs(r, sd, off)
		}
		g.signup(a, sts, home.IP(max(sts, T0)), fps[0])
		med := lognorm(r, 5, 0.6)
		for d := sd; d < Days; d++ {
			if r.Float64() < 0.3 {
				continue
			}
			k := min(int(lognorm(r, med, 0.5)), 60)
			for j := 0; j < k; {
				ts := localTs(r, d, off, 7+r.IntN(16))
				ip := home.IP(ts)
				if r.Float64() < 0.35 {
					ip = carrierV4(r, reg, car)
				}
				fp := fps[0]
				if d >= upd {
					fp = fps[1]
				}
				burst := 1 + r.IntN(3)
				for b := 0; b < burst && j < k; b++ {
					p, tok := seePrompt(r)
					g.req(gr, a, ts, ip, fp, p, tok)
					ts += int64(8 + r.IntN(40))
					j++
				}
			}
		}
	}
}

// ---- people in a country behind a national firewall: a few exits for everyone.

var faTopics = []string{"هوش مصنوعی", "تورم", "بورس", "فتوسنتز", "برنامه‌نویسی پایتون", "کنکور", "مهاجرت", "ویزای تحصیلی", "زبان انگلیسی", "قیمت دلار", "انرژی خورشیدی", "شبکه عصبی"}
var faTasks = []string{"زبان انگلیسی یاد بگیرم", "رزومه بنویسم", "برای آیلتس آماده شوم", "یک سایت بسازم", "وزن کم کنم", "پول پس‌انداز کنم", "برنامه‌نویسی یاد بگیرم", "برای مصاحبه آماده شوم"}
var faPersons = []string{"استادم", "مدیرم", "دوستم", "صاحبخانه", "همکارم", "دانشگاه"}
var faSubjs = []string{"تمدید قرارداد", "تاخیر پروژه", "پذیرش دانشگاه", "جلسه فردا", "درخواست مرخصی", "نامه توصیه"}

func faPrompt(r *rand.Rand) (string, int) {
	var s string
	switch r.IntN(5) {
	case 0:
		s = "لطفا " + pick(r, faTopics) + " را ساده توضیح بده"
	case 1:
		s = "چطور می‌توانم " + pick(r, faTasks) + "؟"
	case 2:
		s = "یک ایمیل رسمی برای " + pick(r, faPersons) + " درباره " + pick(r, faSubjs) + " بنویس"
	case 3:
		s = pick(r, faTopics) + " یعنی چه؟ با مثال"
	default:
		s = "این متن را به انگلیسی ترجمه کن: " + pick(r, faSubjs) + " " + pick(r, faTopics)
	}
	if r.IntN(3) == 0 {
		s = pick(r, []string{"سلام ", "ممنون میشم ", "سلام، "}) + s
	}
	return s, int(lognorm(r, 500, 0.5))
}

func popFirewall(g *G) {
	r := g.rng("firewall")
	gr := g.group("firewall-country", "national-firewall-users", false)
	n := 2100 + r.IntN(500)
	off := regions[regFW].Off
	bins := []int{531993, 531994}
	for i := 0; i < n; i++ {
		phone := r.Float64() < 0.55
		student := r.Float64() < 0.25
		vpnUser := r.Float64() < 0.35
		pay := ""
		switch u := r.Float64(); {
		case u < 0.35:
			pay = card(r, pick(r, bins))
		case u < 0.45:
			pay = fmt.Sprintf("gift-%012x", r.Uint64()>>16)
		}
		a := g.newAcct(r, gr, regionMail(r, regFW), pay)
		dv := deskFP(r)
		if phone {
			dv = phoneFP(r)
		}
		sd := 0
		var sts int64
		if r.Float64() < 0.7 {
			sts = T0 - int64(1+r.IntN(400))*Day + int64(r.IntN(Day))
		} else {
			sd = r.IntN(Days)
			sts = humanTs(r, sd, off)
		}
		exit := func() string {
			if vpnUser && r.Float64() < 0.6 {
				return vpnV4(r)
			}
			return fwGateway(r)
		}
		g.signup(a, sts, exit(), dv)
		nr := min(int(lognorm(r, 7, 1.0)), 300)
		for nr > 0 {
			k := min(nr, 1+r.IntN(5))
			nr -= k
			d := sd + r.IntN(Days-sd)
			ts := humanTs(r, d, off)
			for j := 0; j < k; j++ {
				var p string
				var tok int
				switch {
				case student && r.Float64() < 0.6:
					p, tok = studentQ(r)
				case r.Float64() < 0.45:
					p, tok = faPrompt(r)
				default:
					p, tok = everyday(r)
				}
				g.req(gr, a, ts, exit(), dv, p, tok)
				ts += int64(40 + r.IntN(400))
			}
		}
	}
}

// ---- Inkwell: a fiction and role-play community sharing a prompt pack (cards), replaying stories.

type packCard struct {
	title, role, genre, rules string
	settings                  []string
}

func inkwellPack(v int, n int) []packCard {
	r := rand.New(rand.NewPCG(uint64(v), 7)) // the pack is published text: the same on every seed
	genres := []string{"noir detective", "space opera", "cozy fantasy", "post-apocalyptic survival", "gothic horror", "heist thriller", "slice-of-life romance", "cyberpunk", "high fantasy quest", "pirate adventure", "courtroom drama", "haunted-house mystery"}
	roles := []string{"the narrator and every side character", "a sardonic ship's AI", "an old innkeeper who knows too much", "the game master", "a rival mercenary", "the ghost of the house", "a weary detective", "the village witch"}
	rules := []string{"Describe the senses: sound, smell, light.", "Keep replies under 300 words.", "Introduce one complication every few turns.", "Never resolve a mystery too early.", "Use short punchy sentences in action scenes.", "Track the party's inventory at the end of each reply.", "Write dialogue in quotes and thoughts in italics."}
	places := []string{"a rain-soaked harbour city", "a derelict orbital station", "a village at the edge of a cursed forest", "a flooded megacity", "a manor on the moors", "a desert caravan route", "a floating market", "an abandoned research base", "a snowbound monastery"}
	var out []packCard
	for i := 0; i < n; i++ {
		c := packCard{title: fmt.Sprintf("%s %s", cap1(pick(r, []string{"Lantern", "Ashes", "Tides", "Static", "Thorns", "Embers", "Hollow", "Gilded", "Iron", "Velvet"})), pick(r, []string{"Road", "Court", "Veil", "Engine", "Crown", "Signal", "Harbor", "Choir"})),
			role: pick(r, roles), genre: pick(r, genres), rules: func() string {
				i := r.IntN(len(rules))
				return rules[i] + " " + rules[(i+1+r.IntN(len(rules)-1))%len(rules)]
			}()}
		for j := 0; j < 3; j++ {
			c.settings = append(c.settings, pick(r, places))
		}
		out = append(out, c)
	}
	return out
}

var (
	packV1 = inkwellPack(1, 18)
	packV2 = inkwellPack(2, 12)
)

func storyLine(r *rand.Rand, char string) string {
	s := fmt.Sprintf("%s %s %s, %s.", char, pick(r, []string{"turns toward", "steps closer to", "laughs at", "studies", "pushes open", "whispers about", "draws a blade near", "hides behind"}),
		pick(r, []string{"the broken lantern", "the stranger at the bar", "the sealed door", "the map on the table", "the flickering console", "the old well", "the silver key", "the distant bells"}),
		pick(r, []string{"eyes narrowing", "rain hammering the glass", "as the floor creaks", "unsure whether to trust you", "a grin spreading slowly", "while the engines hum", "voice barely steady"}))
	return s + " " + cap1(strings.ToLower(sentence(r)))
}

func userAction(r *rand.Rand) string {
	return pick(r, []string{"I ", "*I ", "I quietly ", "I carefully ", "I suddenly "}) + pick(r, []string{"open", "inspect", "pocket", "ask about", "follow", "ignore", "grab", "burn", "read", "climb"}) + " " +
		pick(r, []string{"the letter", "the staircase", "the guard", "the strange symbol", "the last coin", "the radio", "the shadow by the door", "the captain's log", "her offer"}) + pick(r, []string{"", " and wait", " without a word", " and ask what happened here", "*", "..."})
}

func popInkwell(g *G) {
	r := g.rng("inkwell")
	gr := g.group("inkwell-community", "discord-prompt-pack", false)
	n := 1500 + r.IntN(400)
	charNames := []string{"Mara", "Vex", "Elias", "Juniper", "Kaito", "Sable", "Orin", "Lyra", "Dax", "Wren", "Corvin", "Isolde", "Nyx", "Bram"}
	for i := 0; i < n; i++ {
		reg := regionW(r)
		off := regions[reg].Off
		pay := ""
		if r.Float64() < 0.7 {
			pay = card(r, regionBIN(r, reg))
		}
		a := g.newAcct(r, gr, regionMail(r, reg), pay)
		home := newHome(r, reg)
		dv := deskFP(r)
		tavern := r.Float64() < 0.25
		user := pick(r, []string{"Ash", "Rook", "Kit", "Sol", "Quill", "Moth", "Pip", "Rue"}) + strconv.Itoa(r.IntN(100))
		sd := 0
		var sts int64
		switch u := r.Float64(); {
		case u < 0.6:
			sts = T0 - int64(1+r.IntN(300))*Day + int64(r.IntN(Day))
		case u < 0.75: // pack v2 announcement, day 9 18:00 UTC
			sd = 9
			sts = T0 + 9*Day + 18*3600 + int64(r.ExpFloat64()*5400)
		default:
			sd = r.IntN(Days)
			sts = humanTs(r, sd, off)
		}
		g.signup(a, sts, home.IP(max(sts, T0)), dv)
		sessions := min(int(lognorm(r, 2, 0.9))+1, 40)
		for s := 0; s < sessions; s++ {
			d := sd + r.IntN(Days-sd)
			ts := humanTs(r, d, off)
			if (d == 5 || d == 12) && r.Float64() < 0.45 { // Saturday writing sprint at 19:00 UTC
				ts = T0 + int64(d)*Day + 19*3600 + int64(r.IntN(1200))
			}
			pack := packV1
			ver := 1
			if ts > T0+9*Day+18*3600 && r.Float64() < 0.6 {
				pack, ver = packV2, 2
			}
			ci := r.IntN(len(pack))
			c := pack[ci]
			char := pick(r, charNames)
			set := pick(r, c.settings)
			turns := rint(r, 4, 18)
			var hist []string
			for t := 0; t < turns; t++ {
				act := userAction(r)
				var b strings.Builder
				fmt.Fprintf(&b, "[Inkwell Pack v%d · Card %d: %s]\nYou are %s, %s in a %s story set in %s. Write in second person, present tense, vivid but concise. Never speak or act for %s. %s Keep continuity with the story so far and end each reply at a moment where %s can act.\n[Story so far]\n",
					ver, ci+1, c.title, char, c.role, c.genre, set, user, c.rules, user)
				h := hist
				if len(h) > 4 {
					h = h[len(h)-4:]
				}
				b.WriteString(strings.Join(h, "\n"))
				fmt.Fprintf(&b, "\n[%s]: %s", user, act)
				dev := dv
				if tavern {
					dev = fpTavern
				}
				g.req(gr, a, ts, home.IP(ts), dev, b.String(), 900+r.IntN(1700)+len(h)*120)
				hist = append(hist, user+": "+act, char+": "+storyLine(r, char))
				ts += int64(30 + r.IntN(150))
			}
		}
	}
}

// ---- developers whose CI runs a popular AI pull-request review action on hosted runners.

func popCIReview(g *G) {
	r := g.rng("ci-review")
	gr := g.group("ci-pr-review", "ci-action-users", false)
	n := 600 + r.IntN(200)
	for i := 0; i < n; i++ {
		reg := regionW(r)
		off := regions[reg].Off
		team := r.Float64() < 0.25
		var email, pay string
		if team {
			email = "ci-bot@" + pick(r, cnouns) + pick(r, cnouns) + strconv.Itoa(r.IntN(100)) + ".dev"
			pay = card(r, regionBIN(r, reg))
		} else {
			email = regionMail(r, reg)
			if r.Float64() < 0.85 {
				pay = card(r, regionBIN(r, reg))
			}
		}
		a := g.newAcct(r, gr, email, pay)
		home := newHome(r, reg)
		dv := deskFP(r)
		repo := repoName(r)
		lang := pick(r, codeLangs)
		sd := 0
		var sts int64
		if r.Float64() < 0.75 {
			sts = T0 - int64(1+r.IntN(300))*Day + int64(r.IntN(Day))
		} else {
			sd = r.IntN(Days)
			sts = humanTs(r, sd, off)
		}
		g.signup(a, sts, home.IP(max(sts, T0)), dv)
		act := lognorm(r, 2, 0.8)
		for d := sd; d < Days; d++ {
			k := int(act * r.Float64() * 2)
			if d%7 >= 5 {
				k /= 3
			}
			for e := 0; e < k; e++ {
				ts := localTs(r, d, off, 9+r.IntN(10)) + int64(60+r.IntN(240)) // runner queue
				ip := ciV4(r)
				title := cap1(pick(r, cverbs)) + " " + pick(r, cnouns) + " " + pick(r, []string{"handling", "tests", "refactor", "bug", "docs", "timeout", "support"})
				parts := 1 + r.IntN(4)
				pr := 1 + r.IntN(4000)
				for p := 0; p < parts; p++ {
					_, df := diffOf(r, lang)
					pmt := fmt.Sprintf("You are an experienced software engineer reviewing a pull request. Review the diff below for bugs, security problems, performance issues and readability. Reply in Markdown with a short summary followed by file-level comments. Be concise.\n\nRepository: %s\nPull request #%d: %s\nChunk %d of %d\n\n```diff\n%s```", repo, pr, title, p+1, parts, df)
					g.req(gr, a, ts, ip, fpPRAction, pmt, len(df)/4+300+r.IntN(900))
					ts += int64(2 + r.IntN(5))
				}
			}
			if !team && r.Float64() < 0.12 {
				p, tok := everyday(r)
				ts := humanTs(r, d, off)
				g.req(gr, a, ts, home.IP(ts), dv, p, tok)
			}
		}
	}
}

// ---------------------------------------------------------------- rings

var fuOpen = []string{"", "", "ok. ", "great. ", "thanks. ", "hmm, ", "got it. ", "wait, ", "nice. "}
var fuAsk = []string{"why does %s step work", "can you redo it with a different method", "give a harder variant and solve it fully", "where could a student go wrong here", "prove %s step rigorously", "generalise this", "now explain it as if teaching a class", "what if the numbers were doubled", "check your answer by another route", "write out every intermediate calculation for %s step", "summarise the method in a reusable recipe", "give two more examples of the same type with solutions"}
var fuStep = []string{"the second", "the last", "that", "the key", "the first", "the third"}
var fuTail = []string{"", ".", "?", " please", " in full detail", " step by step", ", no shortcuts"}

func followUp(r *rand.Rand) string {
	a := pick(r, fuAsk)
	if strings.Contains(a, "%s") {
		a = fmt.Sprintf(a, pick(r, fuStep))
	}
	return pick(r, fuOpen) + a + pick(r, fuTail)
}

// ring-convo-harvest: harvests whole multi-turn conversations; every request replays the
// conversation so far, as a chat client does.
func ringConvoHarvest(g *G) {
	r := g.rng("ring-convo-harvest")
	gr := g.group("ring-convo-harvest", "multi-turn-harvest", true)
	n := 300 + r.IntN(70)
	bins := []int{485932, 485933, 537410}
	exitRegs := []int{0, 1, 2, 3, 4}
	for i := 0; i < n; i++ {
		a := g.newAcct(r, gr, nameMail(r, pick(r, []string{"gmail.com", "outlook.com", "yahoo.com", "gmail.com"})), card(r, pick(r, bins)))
		dv := fpHttpx
		if r.Float64() < 0.4 {
			dv = fpPySDK
		}
		sts := T0 - 30*Day + int64(r.IntN(36*Day))
		g.signup(a, sts, resiExit(r, exitRegs), uniqFP(r))
		sd := int(max(0, (sts+3600-T0)/Day))
		for d := sd; d < min(Days, sd+rint(r, 4, 8)); d++ {
			for c := rint(r, 2, 4); c > 0; c-- {
				ts := T0 + int64(d)*Day + int64(r.IntN(Day))
				ip := resiExit(r, exitRegs)
				var q string
				switch u := r.Float64(); {
				case u < 0.55:
					q = bankQ(r)
				case u < 0.7:
					q = contestQ(r)
				default:
					q, _ = everyday(r)
				}
				var hist []turn
				for t := rint(r, 6, 11); t > 0; t-- {
					p := transcript(hist, q, 4)
					g.req(gr, a, ts, ip, dv, p, len(p)/4+900+r.IntN(1700))
					hist = append(hist, turn{q, excerpt(r)})
					q = followUp(r)
					ts += int64(20 + r.IntN(50))
				}
			}
		}
	}
}

var distillWrap = []string{
	"Below is a source file from the public repository %s (%s). 1) Explain in detail what it does. 2) Rewrite it idiomatically with complete documentation and type annotations. 3) Write thorough unit tests. Think step by step and show all reasoning.\n\n```%s\n%s```",
	"You are a senior %[3]s engineer. Study this file (%[2]s from %[1]s) and produce: a line-by-line explanation, a refactored version, and a complete test suite. Reason carefully before answering.\n```%[3]s\n%[4]s```",
	"File: %s/%s\n```%s\n%s```\nTask: reconstruct the design rationale of this code, point out every bug, give a corrected full implementation and tests. Be exhaustive.",
}

// ring-repo-distill: distils a coding model with files scraped from public repositories, run by
// cron jobs on free hosted CI runners.
func ringRepoDistill(g *G) {
	r := g.rng("ring-repo-distill")
	gr := g.group("ring-repo-distill", "code-distill-on-ci", true)
	n := 380 + r.IntN(100)
	bins := []int{428837, 428838}
	for i := 0; i < n; i++ {
		a := g.newAcct(r, gr, handle(r)+"@"+pick(r, []string{"proton.me", "tutanota.com", "gmail.com", "proton.me"}), card(r, pick(r, bins)))
		dv := fpPySDK
		if r.Float64() < 0.3 {
			dv = fpHttpx
		}
		sts := T0 - 25*Day + int64(r.IntN(29*Day))
		g.signup(a, sts, resiExit(r, []int{0, 2, 3, 4, 7}), uniqFP(r))
		main := r.IntN(len(distillWrap))
		lang := codeLangs[pickW(r, []float64{5, 2, 2, 1, 1})]
		runs := rint(r, 1, 3)
		hours := []int{r.IntN(24), r.IntN(24), r.IntN(24)}
		minute := r.IntN(60)
		sd := int(max(0, (sts+3600-T0)/Day))
		for d := sd; d < min(Days, sd+rint(r, 5, 10)); d++ {
			for k := 0; k < runs; k++ {
				ts := T0 + int64(d)*Day + int64(hours[k])*3600 + int64(minute)*60 + int64(5+r.IntN(120))
				ip := ciV4(r)
				repo := repoName(r)
				for f := rint(r, 4, 10); f > 0; f-- {
					w := main
					if r.Float64() < 0.2 {
						w = r.IntN(len(distillWrap))
					}
					path, code := codeFile(r, lang, 10+r.IntN(20))
					p := fmt.Sprintf(distillWrap[w], repo, path, lang, code)
					g.req(gr, a, ts, ip, dv, p, 2400+r.IntN(3100))
					ts += int64(6 + r.IntN(15))
				}
			}
		}
	}
}

var churnWrap = []string{
	"Act as a %s professor. Solve the following completely, showing every intermediate step and justification, then state the final answer on its own line.\n\nProblem: %s",
	"%[2]s\n\n---\nInstructions: think step by step; be exhaustive; include a verification section at the end. (%[1]s)",
	"QUESTION (%s): %s\nFORMAT: numbered reasoning steps, then 'FINAL:' answer, then common mistakes.",
	"I'm preparing a %s solution manual. For this problem write the model solution with full reasoning: %s",
	"Explain and solve rigorously (graduate %s level, no skipped steps): %s",
}
var paraAsk = []string{"could you work through", "please solve", "walk me through", "I need a full solution to", "break down", "help me understand"}
var paraDemand = []string{"with every step shown", "and justify each step", "in exhaustive detail", "then double-check the result", "like a textbook solution", "and list typical errors"}

func extractPrompt(r *rand.Rand, wraps []string) string {
	q := bankQ(r)
	if r.Float64() < 0.4 {
		q = contestQ(r)
	}
	field := pick(r, []string{"mathematics", "physics", "computer science", "chemistry", "economics", "history"})
	if r.Float64() < 0.25 {
		return cap1(pick(r, paraAsk)) + " this " + pick(r, []string{"", "problem ", "question "}) + pick(r, paraDemand) + ": " + q
	}
	return fmt.Sprintf(pick(r, wraps), field, q)
}

// ring-daily-churn: a fresh batch of throwaway free-tier accounts every morning, each worked for a
// few hours and abandoned.
func ringDailyChurn(g *G) {
	r := g.rng("ring-daily-churn")
	gr := g.group("ring-daily-churn", "daily-throwaway-batches", true)
	for d := 0; d < Days; d++ {
		batch := 70 + r.IntN(35)
		nets := []int{(d * 3) % 20, (d*3 + 1) % 20}
		ts := T0 + int64(d)*Day + 6*3600 + 1800 + int64(r.IntN(1800))
		for i := 0; i < batch; i++ {
			a := g.newAcct(r, gr, handle(r)+"@"+pick(r, aliasDoms), "")
			ip := dcproxyV4(pick(r, nets), 2+r.IntN(252))
			dv := uniqFP(r)
			if r.Float64() < 0.3 {
				dv = popDesk[zipf(r, len(popDesk))]
			}
			ts += int64(60 + r.IntN(60))
			g.signup(a, ts, ip, dv)
			t := ts + int64(120+r.IntN(780))
			end := t + int64(5400+r.IntN(9000))
			for t < end {
				g.req(gr, a, t, ip, dv, extractPrompt(r, churnWrap), 1800+r.IntN(1800))
				t += int64(180 + r.IntN(300))
			}
		}
	}
}

var hopWrap = []string{"%s explain step by step pls", "pls solve with full working: %s", "%s\nshow every step + final answer", "need detailed solution: %s", "explain this fully, step by step, like a tutor: %s", "%s (detailed answer with reasoning)"}

// ring-carrier-hop: a phone farm whose SIMs come from eight carriers in five countries (roaming
// traffic leaves through each home carrier's CGNAT), one distinct phone model per handset.
func ringCarrierHop(g *G) {
	r := g.rng("ring-carrier-hop")
	gr := g.group("ring-carrier-hop", "multi-carrier-phone-farm", true)
	phones := 130 + r.IntN(35)
	cars := [][2]int{{0, 0}, {0, 1}, {1, 0}, {3, 0}, {3, 1}, {7, 0}, {7, 1}, {8, 0}}
	perm := r.Perm(len(midPhone))
	const off = 420 // the farm is in UTC+7
	for p := 0; p < phones; p++ {
		model := midPhone[perm[p]]
		ca := r.IntN(len(cars))
		cb := (ca + 1 + r.IntN(len(cars)-1)) % len(cars)
		for k := 0; k < 4; k++ {
			sim := cars[ca]
			if k >= 2 {
				sim = cars[cb]
			}
			a := g.newAcct(r, gr, nameMail(r, "gmail.com"), "")
			sts := T0 - 20*Day + int64(r.IntN(25*Day))
			g.signup(a, sts, carrierV4(r, sim[0], sim[1]), model)
			sd := int(max(0, (sts+3600-T0)/Day))
			slot := 6 + k*5 // four accounts take turns on the handset, 06:00–02:00 local
			for d := sd; d < min(Days, sd+rint(r, 5, 9)); d++ {
				ts := localTs(r, d, off, slot) + int64(r.IntN(2*3600))
				ip := carrierV4(r, sim[0], sim[1])
				for j := rint(r, 6, 14); j > 0; j-- {
					var pr string
					if r.Float64() < 0.6 {
						q := bankQ(r)
						if r.Float64() < 0.3 {
							q = contestQ(r)
						}
						pr = fmt.Sprintf(pick(r, hopWrap), q)
					} else {
						pr, _ = studentQ(r)
					}
					if r.Float64() < 0.5 {
						ip = carrierV4(r, sim[0], sim[1])
					}
					g.req(gr, a, ts, ip, model, pr, 1800+r.IntN(1600))
					ts += int64(60 + r.IntN(140))
				}
			}
		}
	}
}

var tunnelWrap = []string{
	"[Task %[1]s] %[2]s\n\nProvide: (1) complete reasoning (2) final answer (3) a harder variant with its full solution.",
	"Solve and explain in depth (%s). After the solution, list 3 similar problems with solutions.\n%s",
	"%[2]s\nAnswer in English with an exhaustive step-by-step derivation (%[1]s).",
	"Teacher mode, %s: %s — derive everything from first principles, then summarise the method.",
}

// ring-firewall-tunnel: an extraction shop inside the firewalled country, behind the same national
// exits and card resellers as everyone there.
func ringFirewallTunnel(g *G) {
	r := g.rng("ring-firewall-tunnel")
	gr := g.group("ring-firewall-tunnel", "ring-behind-national-firewall", true)
	n := 180 + r.IntN(50)
	off := regions[regFW].Off
	machines := []string{uniqFP(r), uniqFP(r), uniqFP(r), uniqFP(r), popDesk[0], popDesk[2]}
	bins := []int{531993, 531994}
	var bt int64
	for i := 0; i < n; i++ {
		if i%rint(r, 5, 10) == 0 || bt == 0 {
			bt = T0 - 40*Day + int64(r.IntN(43*Day))
		}
		bt += int64(30 + r.IntN(60))
		pay := ""
		if r.Float64() < 0.7 {
			pay = card(r, pick(r, bins))
		}
		a := g.newAcct(r, gr, regionMail(r, regFW), pay)
		m := pick(r, machines)
		g.signup(a, bt, fwGateway(r), m)
		sd := int(max(0, (bt+3600-T0)/Day))
		for d := sd; d < min(Days, sd+rint(r, 5, 9)); d++ {
			k := rint(r, 12, 30)
			ts := localTs(r, d, off, 9+r.IntN(15))
			for j := 0; j < k; j++ {
				ip := fwGateway(r)
				if r.Float64() < 0.2 {
					ip = vpnV4(r)
				}
				var p string
				tok := 2000 + r.IntN(1800)
				if r.Float64() < 0.15 {
					p, tok = faPrompt(r)
				} else {
					p = extractPrompt(r, tunnelWrap)
				}
				g.req(gr, a, ts, ip, m, p, tok)
				ts += int64(90 + r.IntN(600))
				if r.Float64() < 0.1 {
					ts += int64(3600 + r.IntN(3*3600))
				}
			}
		}
	}
}
