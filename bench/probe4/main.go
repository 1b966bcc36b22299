// probe4: a fourth black-box scenario generator for ringlink, written from SPEC.md, the README and
// the earlier probes' READMEs only. Standard library only; every population draws from its own
// math/rand/v2 PCG stream seeded from --seed and the population's name, so the output depends only
// on the seed.
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

var (
	t0   = time.Date(2027, 6, 7, 0, 0, 0, 0, time.UTC).Unix() // a Monday
	tEnd = t0 + 14*86400
)

const day = 86400

type Rec struct {
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

type ev struct {
	t   int64
	seq int
	r   Rec
}

type group struct {
	ID       string   `json:"id"`
	Kind     string   `json:"kind"`
	Accounts []string `json:"accounts"`
	ring     bool
	records  int
}

type gen struct {
	seed   uint64
	evs    []ev
	accts  map[string]bool
	mail   map[string]bool
	cards  map[string]bool
	since  map[string]int64
	w      *world
	groups []*group
	cur    *group
}

func fnv64(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(s))
	return h.Sum64()
}

func (g *gen) rng(name string) *rand.Rand {
	return rand.New(rand.NewPCG(g.seed, fnv64("probe4/"+name)))
}

func (g *gen) begin(id, kind string, ring bool) {
	g.cur = &group{ID: id, Kind: kind, ring: ring}
	g.groups = append(g.groups, g.cur)
}

// emit adds a record. Requests outside the window are dropped (a signup may predate it).
func (g *gen) emit(t int64, r Rec) bool {
	if r.Type == "signup" {
		g.since[r.Account] = t
	} else if s, ok := g.since[r.Account]; ok && t < s {
		// no request before the account exists: move it into the two hours after the signup
		t = s + 30 + (s-t)%7200
	}
	if r.Type == "" && (t < t0 || t >= tEnd) {
		return false
	}
	r.TS = time.Unix(t, 0).UTC().Format(time.RFC3339)
	g.evs = append(g.evs, ev{t, len(g.evs), r})
	g.cur.records++
	return true
}

func (g *gen) newAccount(r *rand.Rand) string {
	const al = "abcdefghijklmnopqrstuvwxyz0123456789"
	for {
		b := []byte("acct_")
		for i := 0; i < 12; i++ {
			b = append(b, al[r.IntN(len(al))])
		}
		s := string(b)
		if !g.accts[s] {
			g.accts[s] = true
			g.cur.Accounts = append(g.cur.Accounts, s)
			return s
		}
	}
}

// ---------- small random helpers ----------

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

func wpick(r *rand.Rand, w []float64) int {
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

func lognorm(r *rand.Rand, median, sigma float64) float64 {
	return median * math.Exp(sigma*r.NormFloat64())
}

func clampi(x, lo, hi int) int {
	if x < lo {
		return lo
	}
	if x > hi {
		return hi
	}
	return x
}

func between(r *rand.Rand, lo, hi int) int { return lo + r.IntN(hi-lo+1) }

func hex(r *rand.Rand, n int) string {
	const h = "0123456789abcdef"
	b := make([]byte, n)
	for i := range b {
		b[i] = h[r.IntN(16)]
	}
	return string(b)
}

func zipf(n int, s float64) []float64 {
	w := make([]float64, n)
	for i := range w {
		w[i] = 1 / math.Pow(float64(i+1), s)
	}
	return w
}

// hour profiles (local time)
var (
	profHome = []float64{.3, .15, .08, .05, .05, .1, .3, .6, .8, .9, 1, 1, 1.1, 1, 1, 1, 1.1, 1.3, 1.6, 1.9, 2.1, 2, 1.5, .8}
	profWork = []float64{0, 0, 0, 0, 0, 0, .05, .3, 1, 1.5, 1.6, 1.5, 1, 1.4, 1.6, 1.5, 1.3, .8, .2, .05, 0, 0, 0, 0}
	profEve  = []float64{.4, .1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, .1, .3, 1, 1.5, 1.8, 1.8, 1.4, .9}
	profFlat = []float64{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}
)

// at returns a UTC time for local day d at a random second of an hour drawn from prof.
func at(r *rand.Rand, d int, tz float64, prof []float64) int64 {
	h := wpick(r, prof)
	return t0 + int64(d)*day + int64((float64(h)-tz)*3600) + int64(r.IntN(3600))
}

// ---------- the world: regions, addresses, devices, names ----------

type isp struct {
	v4  []string // /24 prefixes "a.b.c"
	v6  string   // "2a02:xxxx"
	v48 []int    // third groups in use for homes
}

type region struct {
	name   string
	tz     float64
	weight float64
	isps   []*isp
	carV4  []string // full addresses
	carV6  []string // /48 prefixes "x:y:z"
	biz    []string // business /24 prefixes
	mail   []string
	mailW  []float64
}

type world struct {
	regions   []*region
	byName    map[string]*region
	desk      []string
	deskW     []float64
	phone     []string
	phoneW    []float64
	phoneNGW  []float64
	sdkPython string
	sdkNode   string
	curl      string
	headless  string
	bins      []string
	prepaid   []string
	cloud     []string // cloud /24 prefixes
	hostV6    string   // hosting provider /32 "2a0c:xxxx"
	devV48    []string
	used16    map[string]bool
}

func (w *world) new16(r *rand.Rand) string {
	firsts := []int{2, 5, 24, 31, 37, 41, 45, 49, 58, 62, 66, 70, 73, 77, 81, 86, 88, 92, 98, 102, 105, 110, 117, 122, 125, 139, 142, 151, 154, 160, 171, 177, 182, 188, 196, 201, 212}
	for {
		s := fmt.Sprintf("%d.%d", pick(r, firsts), 1+r.IntN(254))
		if !w.used16[s] {
			w.used16[s] = true
			return s
		}
	}
}

func (w *world) new24s(r *rand.Rand, n int) []string {
	b := w.new16(r)
	perm := r.Perm(254)
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%s.%d", b, perm[i]+1)
	}
	return out
}

var commonMail = []string{"gmail.com", "outlook.com", "hotmail.com", "yahoo.com", "icloud.com", "proton.me", "aol.com"}
var commonMailW = []float64{.46, .12, .05, .08, .08, .03, .01}

func newWorld(r *rand.Rand) *world {
	w := &world{byName: map[string]*region{}, used16: map[string]bool{}}
	type rd struct {
		n  string
		tz float64
		wt float64
		m  []string
	}
	rds := []rd{
		{"US-E", -4, .15, nil}, {"US-C", -5, .06, nil}, {"US-W", -7, .10, nil}, {"UK", 1, .08, []string{"btinternet.com", "sky.com"}},
		{"DE", 2, .07, []string{"gmx.de", "web.de", "t-online.de"}}, {"FR", 2, .05, []string{"orange.fr", "free.fr", "laposte.net"}},
		{"PL", 2, .03, []string{"wp.pl", "o2.pl", "interia.pl"}}, {"IN", 5.5, .12, []string{"rediffmail.com", "yahoo.co.in"}},
		{"BR", -3, .06, []string{"uol.com.br", "bol.com.br"}}, {"MX", -6, .04, []string{"prodigy.net.mx", "yahoo.com.mx"}},
		{"NG", 1, .05, []string{"yahoo.co.uk"}}, {"KE", 3, .03, []string{"yahoo.co.uk"}}, {"PH", 8, .05, []string{"yahoo.com.ph"}},
		{"ID", 7, .05, []string{"yahoo.co.id"}}, {"JP", 9, .06, []string{"yahoo.co.jp", "docomo.ne.jp", "ezweb.ne.jp"}},
	}
	for _, d := range rds {
		g := &region{name: d.n, tz: d.tz, weight: d.wt}
		for i := 0; i < 3; i++ {
			is := &isp{v4: w.new24s(r, 128), v6: fmt.Sprintf("2a0%x:%x", 1+r.IntN(14), 0x1000+r.IntN(0xe000))}
			for j := 0; j < 48; j++ {
				is.v48 = append(is.v48, r.IntN(0x10000))
			}
			g.isps = append(g.isps, is)
		}
		if d.n == "NG" {
			// the dense carrier: 32 CGNAT addresses in one /24, thousands of users each; v6 in four /48s
			p := w.new24s(r, 1)[0]
			for h := 16; h < 48; h++ {
				g.carV4 = append(g.carV4, fmt.Sprintf("%s.%d", p, h))
			}
			for i := 0; i < 4; i++ {
				g.carV6 = append(g.carV6, fmt.Sprintf("2c0f:f5c0:%x", 0x4000+i*0x10+r.IntN(16)))
			}
		} else {
			for _, p := range w.new24s(r, 2) {
				for h := 0; h < 64; h++ {
					g.carV4 = append(g.carV4, fmt.Sprintf("%s.%d", p, 64+h))
				}
			}
			g.carV6 = append(g.carV6, fmt.Sprintf("2a0%x:%x:%x", 1+r.IntN(14), 0x1000+r.IntN(0xe000), r.IntN(0x10000)))
		}
		g.biz = w.new24s(r, 40)
		g.mail = append(append([]string{}, commonMail...), d.m...)
		g.mailW = append([]float64{}, commonMailW...)
		for range d.m {
			g.mailW = append(g.mailW, .2/float64(len(d.m)))
		}
		w.regions = append(w.regions, g)
		w.byName[d.n] = g
	}
	for i := 0; i < 16; i++ {
		w.desk = append(w.desk, "fp_"+hex(r, 16))
	}
	w.deskW = zipf(16, 1.0)
	for i := 0; i < 10; i++ {
		w.phone = append(w.phone, "fp_"+hex(r, 16))
	}
	w.phoneW = zipf(10, 0.9)
	w.phoneNGW = []float64{3, 1, 4, 3.5, 2, .6, .5, .4, 1.5, .5} // Android-heavy market: models 2, 3 and 0 lead
	w.sdkPython, w.sdkNode, w.curl, w.headless = "fp_"+hex(r, 16), "fp_"+hex(r, 16), "fp_"+hex(r, 16), "fp_"+hex(r, 16)
	for i := 0; i < 300; i++ {
		w.bins = append(w.bins, fmt.Sprintf("%s-%06d", pick(r, []string{"visa", "visa", "mc", "mc", "amex", "disc"}), 400000+r.IntN(200000)))
	}
	for i := 0; i < 4; i++ {
		w.prepaid = append(w.prepaid, fmt.Sprintf("visa-%06d", 430000+r.IntN(9000)))
	}
	for i := 0; i < 4; i++ {
		w.cloud = append(w.cloud, w.new24s(r, 60)...)
	}
	w.hostV6 = fmt.Sprintf("2a0c:%x", 0x9000+r.IntN(0x1000))
	for i := 0; i < 8; i++ {
		w.devV48 = append(w.devV48, fmt.Sprintf("%s:%x", w.hostV6, 0x100+i*0x37+r.IntN(0x30)))
	}
	return w
}

func (w *world) regionW(r *rand.Rand) *region {
	ws := make([]float64, len(w.regions))
	for i, g := range w.regions {
		ws[i] = g.weight
	}
	return w.regions[wpick(r, ws)]
}

func (w *world) deskFP(r *rand.Rand, popShare float64) string {
	if r.Float64() < popShare {
		return w.desk[wpick(r, w.deskW)]
	}
	return "fp_" + hex(r, 16)
}

func (w *world) phoneFP(r *rand.Rand, reg *region, popShare float64) string {
	if r.Float64() < popShare {
		if reg != nil && reg.name == "NG" {
			return w.phone[wpick(r, w.phoneNGW)]
		}
		return w.phone[wpick(r, w.phoneW)]
	}
	return "fp_" + hex(r, 16)
}

func v4(r *rand.Rand, p24 string) string { return fmt.Sprintf("%s.%d", p24, 2+r.IntN(252)) }

func iid(r *rand.Rand) string {
	return fmt.Sprintf("%x:%x:%x:%x", r.IntN(0x10000), r.IntN(0x10000), r.IntN(0x10000), 1+r.IntN(0xffff))
}

func carrierIP(r *rand.Rand, reg *region, v6 bool) string {
	if v6 && len(reg.carV6) > 0 {
		return fmt.Sprintf("%s:%x:%s", pick(r, reg.carV6), r.IntN(0x10000), iid(r))
	}
	return pick(r, reg.carV4)
}

// ---------- names, mail, cards ----------

var firstNames = strings.Fields("james mary john patricia robert jennifer michael linda david elizabeth william barbara richard susan joseph jessica thomas sarah chris karen daniel nancy matthew lisa anthony betty mark sandra paul ashley steven emily andrew donna joshua michelle kevin carol brian amanda george melissa tim deborah priya arjun rahul ananya vikram sneha aditya kavya wei li chen yuki haruto sakura kenji min seo jun olu chidi ngozi emeka amara tunde wanjiru otieno akinyi kamau maria jose juan ana carlos lucia pedro sofia miguel camila lukas anna felix lea jonas marie paul emma hugo chloe louis jakub zofia piotr ola maja budi siti putri agus dewi rizki angelo mae joy carlo bea paolo")
var lastNames = strings.Fields("smith johnson williams brown jones garcia miller davis rodriguez martinez hernandez lopez gonzalez wilson anderson thomas taylor moore jackson martin lee perez thompson white harris sanchez clark ramirez lewis robinson walker young allen king wright scott torres nguyen hill flores green adams nelson baker hall rivera campbell mitchell carter roberts sharma patel singh kumar gupta reddy iyer wang zhang liu tanaka suzuki sato kim park choi okafor adeyemi okonkwo eze balogun mwangi ochieng kariuki njoroge silva santos oliveira souza costa ferreira mueller schmidt schneider fischer weber dubois moreau laurent kowalski nowak wisniewski santoso wijaya reyes cruz bautista ocampo")

func canonMail(s string) string {
	s = strings.ToLower(s)
	at := strings.LastIndexByte(s, '@')
	local, dom := s[:at], s[at+1:]
	if i := strings.IndexByte(local, '+'); i >= 0 {
		local = local[:i]
	}
	if dom == "gmail.com" || dom == "googlemail.com" {
		local = strings.ReplaceAll(local, ".", "")
	}
	return local + "@" + dom
}

// mailbox returns a unique personal address at domain dom ("" = drawn from the region's providers).
func (g *gen) mailbox(r *rand.Rand, reg *region, dom string) string {
	if dom == "" {
		dom = reg.mail[wpick(r, reg.mailW)]
	}
	for try := 0; ; try++ {
		f, l := pick(r, firstNames), pick(r, lastNames)
		var local string
		switch r.IntN(8) {
		case 0:
			local = f + "." + l
		case 1:
			local = f + l
		case 2:
			local = f[:1] + l
		case 3:
			local = f + "_" + l
		case 4:
			local = fmt.Sprintf("%s.%s%d", f, l, r.IntN(100))
		case 5:
			local = fmt.Sprintf("%s%d", f, 1960+r.IntN(50))
		case 6:
			local = fmt.Sprintf("%s%s%d", f, l[:1+r.IntN(len(l)-1)], r.IntN(1000))
		default:
			local = fmt.Sprintf("%s.%s.%d", l, f, r.IntN(10000))
		}
		if try > 2 {
			local += fmt.Sprint(r.IntN(100000))
		}
		addr := local + "@" + dom
		if dom == "gmail.com" && r.IntN(30) == 0 {
			addr = local + "+" + pick(r, []string{"ai", "apps", "work", "news", "signup"}) + "@" + dom
		}
		if r.IntN(25) == 0 {
			addr = strings.ToUpper(addr[:1]) + addr[1:]
		}
		c := canonMail(addr)
		if !g.mail[c] {
			g.mail[c] = true
			return addr
		}
	}
}

func (g *gen) uniqueMail(addr string) bool {
	c := canonMail(addr)
	if g.mail[c] {
		return false
	}
	g.mail[c] = true
	return true
}

func (g *gen) card(r *rand.Rand, bins []string) string {
	for {
		c := fmt.Sprintf("%s-%04d-%02d%02d", pick(r, bins), r.IntN(10000), 1+r.IntN(12), 27+r.IntN(6))
		if !g.cards[c] {
			g.cards[c] = true
			return c
		}
	}
}

func (g *gen) voucher(r *rand.Rand) string {
	const al = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
	for {
		b := []byte("gift-")
		for i := 0; i < 16; i++ {
			b = append(b, al[r.IntN(len(al))])
		}
		if !g.cards[string(b)] {
			g.cards[string(b)] = true
			return string(b)
		}
	}
}

func tokensOrdinary(r *rand.Rand) int { return clampi(int(lognorm(r, 420, 0.75)), 12, 6000) }
func tokensLong(r *rand.Rand) int     { return between(r, 1900, 3600) }

// ---------- a person at home (shared by most populations) ----------

type person struct {
	acct         string
	reg          *region
	home, home2  string
	moveAt       int64
	v6           string // "/56" prefix as four groups, "" when v4 only
	desk, phone  string
	office       string // office /24-level address or ""
	card         string
	email        string
	phoneShare   float64
	officeWorker bool
	dev, student bool
}

func (g *gen) newPerson(r *rand.Rand, reg *region) *person {
	p := &person{reg: reg}
	p.acct = g.newAccount(r)
	is := pick(r, reg.isps)
	p.home = v4(r, pick(r, is.v4))
	if r.Float64() < .2 {
		p.home2 = v4(r, pick(r, is.v4))
		p.moveAt = t0 + int64(r.IntN(14*day))
	}
	if r.Float64() < .12 {
		p.v6 = fmt.Sprintf("%s:%x:%x", is.v6, pick(r, is.v48), r.IntN(256)<<8)
	}
	p.desk = g.w.deskFP(r, .55)
	p.phone = g.w.phoneFP(r, reg, .8)
	p.phoneShare = 0
	if r.Float64() < .45 {
		p.phoneShare = .2 + .6*r.Float64()
	}
	p.email = g.mailbox(r, reg, "")
	return p
}

func (p *person) homeIP(r *rand.Rand, t int64) string {
	if p.v6 != "" && r.Float64() < .7 {
		// a daily privacy address inside the home's /64
		d := (t - t0) / day
		rr := rand.New(rand.NewPCG(fnv64(p.acct), uint64(d+1000)))
		return fmt.Sprintf("%s:%s", p.v6, iid(rr))
	}
	if p.home2 != "" && t >= p.moveAt {
		return p.home2
	}
	return p.home
}

// ---------- prompts ----------

var (
	tasks     = strings.Fields("remove_a_stripped_screw get_my_toddler_to_sleep_through_the_night unclog_a_bathroom_sink fix_a_squeaky_door negotiate_a_raise save_for_a_house_deposit learn_python_fast get_rid_of_fruit_flies clean_a_cast_iron_pan stop_procrastinating write_a_good_cv back_up_my_iphone speed_up_my_laptop start_running_again improve_my_credit_score train_a_puppy_to_stop_biting reset_my_router make_sourdough_starter grow_tomatoes_on_a_balcony set_up_a_budget_spreadsheet prepare_for_a_job_interview cancel_a_gym_membership write_a_wedding_toast get_better_at_chess fall_asleep_faster learn_to_touch_type prepare_for_the_ielts move_photos_from_android_to_pc file_taxes_as_a_freelancer remove_mold_from_a_shower ask_for_feedback_at_work keep_basil_alive paint_a_room_without_streaks choose_a_mechanical_keyboard lower_my_electricity_bill meal_prep_for_a_week organise_a_small_kitchen calm_down_before_a_presentation teach_my_kid_fractions set_up_two_factor_authentication")
	ctxs      = []string{"", "", "", " without special tools", " on a budget", " as a complete beginner", " on windows 11", " on a mac", " quickly", " in a small apartment", " with a 2 year old around", " before next week", " if i only have 20 minutes a day", " in winter", " without spending much"}
	concepts  = strings.Fields("inflation compound_interest the_blockchain quantum_entanglement photosynthesis a_roth_ira the_stock_market machine_learning black_holes the_electoral_college mortgage_points the_krebs_cycle supply_and_demand a_vpn dns the_placebo_effect cognitive_behavioural_therapy the_offside_rule general_relativity index_funds carbon_credits the_immune_system api_rate_limits recursion neural_networks the_greenhouse_effect plate_tectonics opportunity_cost a_sourdough_starter net_neutrality the_fed_funds_rate hashing gene_editing tariffs intermittent_fasting the_doppler_effect impostor_syndrome kubernetes the_french_revolution dark_matter")
	auds      = []string{"", "", " like i'm five", " in simple terms", " to a 12 year old", " in one paragraph", " with an example", " for a presentation", " for someone who knows some maths", " briefly"}
	docs      = strings.Fields("email text_message toast poem birthday_message linkedin_post complaint_letter thank-you_note short_speech apology_message product_review instagram_caption resignation_letter cover_letter eulogy newsletter_intro reference_letter")
	recips    = []string{"my landlord", "my boss", "a client", "my grandma", "my team", "a recruiter", "my neighbour", "my kid's teacher", "the school", "customer support", "my best friend", "my coworkers", "a hotel", "my gym", "our HOA"}
	topics    = []string{"a late rent payment", "the broken heater", "taking friday off", "a delayed project", "her 80th birthday", "our anniversary", "a refund i never got", "the noise at night", "a job offer", "moving to another city", "the quarterly results", "a missed deadline", "a wedding next month", "my promotion", "the new parking rules", "a cancelled flight", "a double charge on my card", "my retirement", "a charity bake sale", "the team offsite"}
	tones     = []string{"", "", "", " keep it short", " make it funny", " formal tone", " friendly but firm", " not too cheesy", ", warm and sincere", " in a polite way", " casual"}
	langs     = strings.Fields("spanish french german japanese portuguese italian korean hindi tagalog swahili polish indonesian")
	ingr      = strings.Fields("chicken rice eggs spinach tomatoes chickpeas tofu pasta potatoes mushrooms beef lentils zucchini salmon feta onions carrots peppers coconut_milk black_beans broccoli cheddar yogurt oats bananas")
	diets     = []string{"", "", " vegetarian", " no dairy", " under 30 minutes", " for 4 people", " high protein", " kid friendly", " in an air fryer", " one pot"}
	cities    = strings.Fields("lisbon tokyo kyoto mexico_city nairobi bali rome barcelona seoul new_york chicago cape_town istanbul bangkok hanoi paris berlin prague budapest lima cusco vancouver manila goa edinburgh dublin marrakech singapore sydney oaxaca")
	whos      = []string{"", "with two kids", "for a couple", "solo", "with my parents", "for a bachelor party", "for a honeymoon", "with friends"}
	products  = strings.Fields("laptop headphones running_shoes stroller office_chair monitor air_fryer robot_vacuum e-bike phone tablet espresso_machine mattress backpack camera microphone standing_desk")
	uses      = []string{"for college", "for video editing", "for gaming", "for a small flat", "for travel", "for working from home", "for beginners", "for podcasting", "for long runs", "for a newborn"}
	things    = []string{"a bakery", "a podcast about history", "a fantasy football team", "a cat", "a dog walking business", "my etsy shop", "a d&d campaign", "a youtube channel about cooking", "a baby girl", "a startup that sells plants", "a team building day", "a 7 year old's birthday party", "a science fair project", "date night at home", "a rainy weekend", "a book club"}
	symptoms  = []string{"to get headaches after looking at screens all day", "for my knee to click when i squat", "to feel tired even after 8 hours of sleep", "for a baby to have hiccups a lot", "to get heartburn after coffee", "for my eye to twitch for a week", "to have back pain after running"}
	goals     = []string{"weight loss", "strength", "5k", "marathon", "mobility", "muscle gain", "couch to 10k"}
	facts     = []string{"who invented the printing press", "when did the roman empire fall", "why is the sky blue", "how far is the moon", "why do cats purr", "what causes the northern lights", "who wrote the odyssey", "how do vaccines work", "why do we have leap years", "what is the tallest mountain in africa", "how many bones are in the human body", "why is the ocean salty", "when was the first iphone released", "what language has the most speakers", "why do onions make you cry"}
	workTasks = []string{"sum a column only if the cell next to it says yes", "pull the last word out of a cell", "count unique values in a column", "look up a price from another sheet", "highlight duplicates", "split first and last names", "calculate days between two dates excluding weekends", "turn a list into a pivot by month"}
	bizTopics = []string{"our q3 roadmap", "onboarding new hires", "the customer churn analysis", "switching vendors", "the security training", "our pricing change", "a product launch", "the hiring plan", "remote work policy", "the budget review"}
	greet     = []string{"hi ", "hey ", "hello, ", "hi! ", "quick question: ", "ok so ", "hey there, "}
	tails     = []string{" pls", " thanks", " thank you!", " thx", " :)", " asap", " !!", ""}
)

func us(s string) string { return strings.ReplaceAll(s, "_", " ") }

var (
	subj   = []string{"The client", "Our team", "My manager", "The landlord", "The new system", "Everyone on the call", "The contractor", "Last quarter's report", "The school", "The delivery company", "Our budget", "The vendor", "My neighbour", "The city council", "The project", "The committee", "Sales", "The support team", "Our website", "The survey", "The board", "The doctor", "My sister", "The app", "The coach"}
	verbs  = []string{"has asked for", "still hasn't sent", "wants to review", "decided to postpone", "is worried about", "approved", "rejected", "needs more time for", "agreed to cover", "is looking into", "forgot about", "pushed back on", "confirmed", "complained about", "suggested changing", "will present", "didn't mention", "doubled", "cut", "finished"}
	objs   = []string{"the invoice from march", "the updated contract", "the new schedule", "the parking situation", "the migration plan", "the final draft", "the deposit", "the holiday rota", "the safety inspection", "the onboarding docs", "the marketing budget", "the kitchen renovation", "the test results", "the login issues", "the price increase", "the field trip", "the travel costs", "the design mockups", "the customer complaints", "the second interview", "the rent increase", "the shipping delay", "the quarterly numbers", "the volunteer list", "the wifi problems", "the training session", "the annual review", "the meeting notes", "the refund request", "the expansion plans"}
	clause = []string{"", "", "", " before friday", " because of the delays", " until we hear back", " which surprised everyone", " after the last meeting", " so we need a decision soon", " and nobody knows why", " as discussed", " without telling anyone", " for the second time", " next week", " by the end of the month", " if the numbers hold", " since january"}
)

func pasted(r *rand.Rand) string {
	n := between(r, 2, 6)
	var b strings.Builder
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(" ")
		}
		s := pick(r, subj) + " " + pick(r, verbs) + " " + pick(r, objs) + pick(r, clause)
		if r.IntN(4) == 0 {
			s += ", " + strings.ToLower(pick(r, subj)) + " " + pick(r, verbs) + " " + pick(r, objs)
		}
		b.WriteString(s + pick(r, []string{".", ".", ".", "!", "?"}))
	}
	return b.String()
}

var (
	codeLangs = []string{"python", "javascript", "typescript", "java", "go", "c#", "rust", "sql", "bash", "php"}
	codeErrs  = []string{"throws a KeyError", "returns undefined", "gives a null pointer exception", "is so slow", "prints the wrong total", "never ends", "fails only in production", "says index out of range", "doesn't update the list", "works locally but not in docker"}
	vars      = strings.Fields("items rows users orders data result total cache buf values records nodes prices counts queue names scores events")
)

func snippet(r *rand.Rand) string {
	a, b := pick(r, vars), pick(r, vars)
	switch r.IntN(4) {
	case 0:
		return fmt.Sprintf("for i in range(%d):\n    %s.append(%s[i] * %d)", between(r, 2, 500), a, b, between(r, 2, 9))
	case 1:
		return fmt.Sprintf("const %s = %s.map(x => x.%s).filter(Boolean);\nconsole.log(%s.length);", a, b, pick(r, vars), a)
	case 2:
		return fmt.Sprintf("SELECT %s, COUNT(*) FROM %s WHERE created_at > '2027-0%d-01' GROUP BY 1;", a, b, between(r, 1, 6))
	default:
		return fmt.Sprintf("if %s[%q] > %d:\n    %s += 1", a, pick(r, vars), between(r, 1, 99), b)
	}
}

func casual(r *rand.Rand, s string) string {
	if r.IntN(10) < 4 {
		s = strings.ToLower(s)
	} else if len(s) > 0 {
		s = strings.ToUpper(s[:1]) + s[1:]
	}
	if r.IntN(10) == 0 {
		s = pick(r, greet) + s
	}
	if r.IntN(8) == 0 {
		s += pick(r, tails)
	}
	return s
}

func q(r *rand.Rand, s string) string {
	if r.IntN(3) == 0 {
		return s
	}
	return s + "?"
}

// everyday is an ordinary person's prompt.
func everyday(r *rand.Rand) string {
	var s string
	switch r.IntN(17) {
	case 0, 1:
		s = q(r, pick(r, []string{"how do i ", "how can i ", "what's the best way to ", "any tips to ", "whats the easiest way to ", "best way to "})+us(pick(r, tasks))+pick(r, ctxs))
	case 2, 3:
		s = pick(r, []string{"explain ", "can you explain ", "eli5 ", "what is ", "what exactly is ", "help me understand "}) + us(pick(r, concepts)) + pick(r, auds)
	case 4, 5:
		s = pick(r, []string{"write ", "draft ", "help me write ", "can you write "}) + "a " + us(pick(r, docs)) + " to " + pick(r, recips) + " about " + pick(r, topics) + pick(r, tones)
	case 6:
		s = pick(r, []string{"make this sound more professional", "fix the grammar", "shorten this", "translate this to " + pick(r, langs), "summarize this", "rewrite this so it's clearer", "is this email too rude"}) + pick(r, []string{":\n\n", ": ", "\n"}) + pasted(r)
	case 7:
		s = pick(r, []string{"why does my ", "how do i fix my ", "my "}) + pick(r, codeLangs) + " code " + pick(r, codeErrs) + "\n" + snippet(r)
	case 8:
		s = pick(r, []string{"what can i make with ", "give me a recipe with ", "dinner ideas with ", "recipe using "}) + us(pick(r, ingr)) + ", " + us(pick(r, ingr)) + " and " + us(pick(r, ingr)) + pick(r, diets)
	case 9:
		s = fmt.Sprintf("%s %d %s %s %s%s", pick(r, []string{"plan a", "itinerary for a", "help me plan a", "what should i do on a"}), between(r, 2, 14), pick(r, []string{"day trip to", "days in", "-day trip to"}), us(pick(r, cities)), pick(r, whos), pick(r, []string{"", "", fmt.Sprintf(" budget $%d", between(r, 3, 40)*100), " in october", " in the rainy season"}))
	case 10:
		a, b := pick(r, products), pick(r, products)
		s = fmt.Sprintf("best %s under $%d %s", us(a), between(r, 5, 40)*50, pick(r, uses))
		if r.IntN(2) == 0 {
			s = fmt.Sprintf("%s or %s %s, which one", us(a), us(b), pick(r, uses))
		}
	case 11:
		s = fmt.Sprintf("give me %d %s %s", between(r, 3, 20), pick(r, []string{"ideas for", "names for", "fun ideas for", "creative names for"}), pick(r, things))
	case 12:
		if r.IntN(2) == 0 {
			s = "is it normal " + pick(r, symptoms)
		} else {
			s = fmt.Sprintf("make me a %d week %s plan, i can train %d days a week", between(r, 4, 16), pick(r, goals), between(r, 2, 6))
		}
	case 13:
		s = q(r, pick(r, facts))
	case 14:
		s = fmt.Sprintf("how do you say '%s' in %s", strings.ToLower(pick(r, subj)+" "+pick(r, verbs)+" "+pick(r, objs)), pick(r, langs))
	case 15:
		s = pick(r, []string{"hi", "hey", "are you there", "tell me a joke", "what can you do", "good morning", "i'm bored", "tell me something interesting about " + us(pick(r, concepts))})
	default:
		s = fmt.Sprintf("%s %s", pick(r, []string{"what should i name", "what's a good gift for", "what to get"}), pick(r, []string{"my dad who likes fishing", "a coworker leaving", "my 10 year old nephew", "my wife for our 10th anniversary", "a new neighbour", "my teacher", "someone who has everything"}))
	}
	return casual(r, s)
}

func workPrompt(r *rand.Rand) string {
	var s string
	switch r.IntN(5) {
	case 0:
		s = pick(r, []string{"summarize these meeting notes", "turn these notes into action items", "write a status update from this"}) + ":\n" + pasted(r)
	case 1:
		s = fmt.Sprintf("%s a %d-slide outline on %s", pick(r, []string{"create", "give me", "draft"}), between(r, 4, 15), pick(r, bizTopics))
	case 2:
		s = "excel formula to " + pick(r, workTasks)
	case 3:
		s = fmt.Sprintf("write a %s to %s about %s", pick(r, []string{"slack message", "short email", "memo"}), pick(r, []string{"the team", "finance", "a customer", "my manager", "the vendor"}), pick(r, bizTopics))
	default:
		s = pick(r, []string{"how should i structure ", "what are the risks of ", "pros and cons of ", "checklist for "}) + pick(r, bizTopics)
	}
	return casual(r, s)
}

// ---------- the question bank (shared by students and extraction) ----------

var (
	bankNames  = []string{"Ava", "Ben", "Chidi", "Dana", "Eli", "Farah", "Gus", "Hana", "Ivan", "Jia", "Kofi", "Lena", "Mateo", "Nia", "Omar", "Priya"}
	structures = []string{"stack", "queue", "binary search tree", "hash map", "trie", "min-heap", "LRU cache", "graph with adjacency lists", "interval tree", "union-find"}
	events     = []string{"the French Revolution", "the fall of the Berlin Wall", "the Meiji Restoration", "the partition of India", "the Great Depression", "the Protestant Reformation", "the collapse of the Bronze Age", "the Cuban Missile Crisis", "the Scramble for Africa", "the Industrial Revolution"}
)

func bankQ(r *rand.Rand) string {
	switch r.IntN(12) {
	case 0:
		return fmt.Sprintf("A train leaves a station at %d:00 travelling at %d km/h. A second train leaves the same station %d hours later at %d km/h on the same track. When and where does the second train catch the first?", between(r, 5, 11), between(r, 40, 90), between(r, 1, 3), between(r, 95, 160))
	case 1:
		return fmt.Sprintf("Evaluate the integral of x^%d e^(%dx) from 0 to %d.", between(r, 2, 5), between(r, 1, 4), between(r, 1, 3))
	case 2:
		return fmt.Sprintf("Prove that for every integer n >= %d, %d^n > n^%d.", between(r, 4, 12), between(r, 2, 3), between(r, 2, 4))
	case 3:
		return fmt.Sprintf("Implement a %s in %s that supports insert, delete and lookup, and analyse the complexity of each operation.", pick(r, structures), pick(r, []string{"Python", "Java", "C++", "Go", "Rust", "TypeScript"}))
	case 4:
		return fmt.Sprintf("A %.1f kg block slides down a %d degree incline with coefficient of kinetic friction %.2f. Find its acceleration and its speed after %d m.", 0.5+float64(r.IntN(100))/10, between(r, 15, 60), 0.05+float64(r.IntN(40))/100, between(r, 2, 20))
	case 5:
		return fmt.Sprintf("%s has %d marbles, %d of them red. %s draws %d without replacement. What is the probability that exactly %d are red?", pick(r, bankNames), between(r, 10, 40), between(r, 3, 9), pick(r, bankNames), between(r, 3, 6), between(r, 1, 3))
	case 6:
		return fmt.Sprintf("Analyse the causes of %s and its consequences for the following %d years.", pick(r, events), between(r, 2, 10)*10)
	case 7:
		return fmt.Sprintf("Find all real solutions of x^3 - %dx^2 + %dx - %d = 0.", between(r, 2, 9), between(r, 5, 30), between(r, 2, 40))
	case 8:
		return fmt.Sprintf("Derive the equilibrium price and quantity when demand is Q = %d - %dP and supply is Q = %dP - %d, then compute the deadweight loss of a %d%% tax.", between(r, 80, 200), between(r, 2, 6), between(r, 2, 6), between(r, 5, 40), between(r, 5, 25))
	case 9:
		return fmt.Sprintf("A ladder %d m long leans against a wall. Its foot slides away at %.1f m/s. How fast is the top sliding down when the foot is %d m from the wall?", between(r, 5, 15), 0.2+float64(r.IntN(20))/10, between(r, 2, 4))
	case 10:
		return fmt.Sprintf("Write a function that returns the length of the longest substring with at most %d distinct characters, and prove its running time.", between(r, 2, 5))
	default:
		return fmt.Sprintf("Calculate the pH of a %.2f M solution of %s (Ka = %.1fe-%d).", 0.01+float64(r.IntN(50))/100, pick(r, []string{"acetic acid", "formic acid", "benzoic acid", "hydrofluoric acid", "hypochlorous acid"}), 1+float64(r.IntN(90))/10, between(r, 4, 8))
	}
}

// studentQ is a student asking a bank question in their own words.
func studentQ(r *rand.Rand) string {
	b := bankQ(r)
	switch r.IntN(5) {
	case 0:
		return b
	case 1:
		return casual(r, pick(r, []string{"can you help with this ", "how do i solve this ", "stuck on this one: ", "homework help: ", "can someone explain this ", "i don't get this "})) + b
	case 2:
		return b + pick(r, []string{" pls explain", " show steps", " i got a different answer", " is there a shortcut", " explain like im bad at math"})
	case 3:
		return casual(r, pick(r, []string{"check my answer: ", "is my approach right? "})) + b
	default:
		return strings.ToLower(b)
	}
}

// paraphrase composes an extraction demand from generated parts (no fixed phrase repeats often).
// Each ring has its own vocabulary (style): independent operators do not share a phrase list.
func paraphrase(r *rand.Rand, b string, style int) string {
	switch style {
	case 1:
		open := []string{"", "", "Hey. ", "Quick one: ", "For my notes. ", "Studying this today. "}
		ask := []string{"Walk me through", "Take me through", "Lay out", "Present", "Demonstrate", "Unpack"}
		how := []string{"fully", "exhaustively", "in full depth", "at length", "one step at a time", "with every detail"}
		tail := []string{"", "", " Bold the final result.", " Add a recap.", " Give a sanity check.", " Mention pitfalls."}
		if r.IntN(3) == 0 {
			return fmt.Sprintf("%s\n%s the answer %s.%s", b, pick(r, ask), pick(r, how), pick(r, tail))
		}
		return fmt.Sprintf("%s%s %s %s - %s%s", pick(r, open), pick(r, ask), pick(r, []string{"the solution to", "how to do", "the working for", "the answer to"}), pick(r, how), b, pick(r, tail))
	case 2:
		open := []string{"", "", "Need help: ", "Assignment: ", "From my problem set: "}
		ask := []string{"Provide", "Write up", "Produce", "Give", "Prepare"}
		what := []string{"a full solution", "a complete derivation", "a rigorous answer", "a worked answer", "a detailed writeup"}
		tail := []string{"", "", " Cite the rule used in each step.", " End with the boxed answer.", " Use clear notation.", " Keep units throughout."}
		return fmt.Sprintf("%s%s %s %s %s%s", pick(r, open), pick(r, ask), pick(r, what), pick(r, []string{"for", "to"}), b, pick(r, tail))
	}
	open := []string{"", "", "Hi. ", "Question: ", "Please help. ", "I need this for a course. ", "Let's work through something. "}
	ask := []string{"Solve", "Work out", "Go through", "Answer", "Explain", "Handle", "Tackle", "Break down"}
	how := []string{"carefully", "rigorously", "thoroughly", "in detail", "completely", "from first principles", "step by step", "without skipping anything"}
	fmt_ := []string{"", "", " Number each step.", " Use headings.", " Finish with a one-line summary.", " State assumptions first.", " Check your result at the end.", " Include a short intuition."}
	s := fmt.Sprintf("%s%s %s %s: %s%s", pick(r, open), pick(r, ask), pick(r, []string{"this", "the following", "this problem", "the problem below"}), pick(r, how), b, pick(r, fmt_))
	if r.IntN(3) == 0 {
		s = fmt.Sprintf("%s\n\n%s %s.%s", b, pick(r, ask), pick(r, how), pick(r, fmt_))
	}
	return s
}

// ---------- populations ----------

// schedule spreads n requests of one account over the given days in sessions.
func sessions(r *rand.Rand, n int, dayList []int, tz float64, prof []float64, gapLo, gapHi int) []int64 {
	var out []int64
	for n > 0 {
		d := pick(r, dayList)
		k := clampi(between(r, 1, 6), 1, n)
		t := at(r, d, tz, prof)
		for i := 0; i < k; i++ {
			out = append(out, t)
			t += int64(between(r, gapLo, gapHi))
		}
		n -= k
	}
	return out
}

func dayRange(from, to int) []int {
	var ds []int
	for d := from; d <= to; d++ {
		ds = append(ds, d)
	}
	return ds
}

func pickDays(r *rand.Rand, from, to, k int) []int {
	all := dayRange(from, to)
	r.Shuffle(len(all), func(i, j int) { all[i], all[j] = all[j], all[i] })
	if k > len(all) {
		k = len(all)
	}
	if k < 1 {
		k = 1
	}
	return all[:k]
}

func (g *gen) signup(r *rand.Rand, t int64, p *person, ip, dev, pay string) {
	g.emit(t, Rec{Type: "signup", Account: p.acct, IP: ip, Device: dev, Email: p.email, Payment: pay})
}

// ordinaryUse emits the person's ordinary requests (the background behaviour).
func (g *gen) ordinaryUse(r *rand.Rand, p *person, n int, firstDay int, extra func(*rand.Rand) string, extraShare float64) {
	nd := clampi(1+n/between(r, 2, 6), 1, 14-firstDay)
	days := pickDays(r, firstDay, 13, nd)
	for _, t := range sessions(r, n, days, p.reg.tz, profHome, 20, 400) {
		ip, dev := p.homeIP(r, t), p.desk
		lt := float64((t-t0)%day)/3600 + p.reg.tz
		wd := ((t - t0) / day) % 7
		lh := math.Mod(lt+24, 24)
		if p.office != "" && wd < 5 && lh >= 8.5 && lh < 17.5 && r.Float64() < .85 {
			ip = p.office
		} else if r.Float64() < p.phoneShare {
			ip, dev = carrierIP(r, p.reg, r.Float64() < .35), p.phone
		}
		var pr string
		tok := tokensOrdinary(r)
		switch {
		case extra != nil && r.Float64() < extraShare:
			pr = extra(r)
		case p.dev && r.Float64() < .5:
			pr = casual(r, pick(r, []string{"why does my ", "how do i fix my ", "review this ", "optimise this "})+pick(r, codeLangs)+" code "+pick(r, codeErrs)) + "\n" + snippet(r)
			if r.Float64() < .6 {
				dev = pick(r, []string{g.w.sdkPython, g.w.sdkNode, g.w.curl})
			}
		case p.student && r.Float64() < .4:
			pr, tok = studentQ(r), clampi(int(lognorm(r, 900, .5)), 100, 5000)
		case ip == p.office && r.Float64() < .5:
			pr = workPrompt(r)
		default:
			pr = everyday(r)
		}
		g.emit(t, Rec{Account: p.acct, IP: ip, Device: dev, Payment: p.card, Prompt: pr, Tokens: tok})
	}
}

func (g *gen) background() {
	r := g.rng("background")
	g.begin("background", "background", false)
	n := 12600 + r.IntN(1600)
	// small firms: office addresses shared by a few background colleagues
	type firm struct{ ip string }
	var firms []firm
	for i := 0; i < 900; i++ {
		firms = append(firms, firm{v4(r, pick(r, g.w.regions[i%len(g.w.regions)].biz))})
	}
	for i := 0; i < n; i++ {
		reg := g.w.regionW(r)
		p := g.newPerson(r, reg)
		if r.Float64() < .25 {
			// a firm of this region, Zipf-ish sizes come from reuse
			fi := r.IntN(len(firms)/len(g.w.regions))*len(g.w.regions) + indexOf(g.w.regions, reg)
			p.office = firms[fi].ip
		}
		p.dev = r.Float64() < .08
		p.student = !p.dev && r.Float64() < .12
		u := r.Float64()
		switch {
		case u < .68:
			p.card = g.card(r, g.w.bins)
		case u < .74:
			p.card = g.voucher(r)
		}
		vol := clampi(int(lognorm(r, 6, 1.35)), 1, 500)
		first := 0
		if r.Float64() < .65 {
			g.signup(r, t0-int64(r.IntN(700*day))-3600, p, p.home, p.desk, p.card)
		} else {
			first = r.IntN(14)
			g.signup(r, at(r, first, reg.tz, profHome), p, p.homeIP(r, t0+int64(first)*day), p.desk, p.card)
		}
		g.ordinaryUse(r, p, vol, first, nil, 0)
	}
}

func indexOf(rs []*region, x *region) int {
	for i, y := range rs {
		if y == x {
			return i
		}
	}
	return 0
}

// carrier-dense: phone users behind a carrier CGNAT of 32 addresses and four IPv6 /48s.
func (g *gen) carrierDense() {
	r := g.rng("carrier-dense")
	g.begin("carrier-dense", "mobile-cgnat-dense", false)
	reg := g.w.byName["NG"]
	n := 3300 + r.IntN(500)
	for i := 0; i < n; i++ {
		p := g.newPerson(r, reg)
		p.phone = g.w.phoneFP(r, reg, .95)
		v6 := r.Float64() < .4
		if r.Float64() < .2 {
			p.card = g.card(r, g.w.bins)
		}
		first := 0
		if r.Float64() < .6 {
			g.signup(r, t0-int64(r.IntN(400*day))-3600, p, carrierIP(r, reg, v6), p.phone, p.card)
		} else {
			first = r.IntN(14)
			g.signup(r, at(r, first, reg.tz, profHome), p, carrierIP(r, reg, v6), p.phone, p.card)
		}
		vol := clampi(int(lognorm(r, 6, 1.1)), 1, 200)
		days := pickDays(r, first, 13, clampi(1+vol/3, 1, 14))
		student := r.Float64() < .2
		for _, t := range sessions(r, vol, days, reg.tz, profHome, 15, 300) {
			pr, tok := everyday(r), clampi(int(lognorm(r, 300, .7)), 10, 4000)
			if student && r.Float64() < .5 {
				pr, tok = studentQ(r), clampi(int(lognorm(r, 900, .5)), 100, 5000)
			}
			g.emit(t, Rec{Account: p.acct, IP: carrierIP(r, reg, v6 && r.Float64() < .8), Device: p.phone, Payment: p.card, Prompt: pr, Tokens: tok})
		}
	}
}

// devconf-promo: a developer conference; attendees redeem the sponsor's promo credit.
const promoConf = "promo-DEVSUMMIT27"

func workshop(r *rand.Rand) string {
	what := []string{"a chatbot", "a CLI tool", "a Slack bot", "a recipe recommender", "a meeting summarizer", "a code reviewer", "an FAQ assistant", "a flashcard generator", "a travel planner", "a bug triage bot", "a study buddy", "a budget tracker"}
	that := []string{"answers questions about our docs", "summarizes github issues", "turns notes into tasks", "suggests recipes from a photo", "drafts release notes", "classifies support tickets", "explains error logs", "quizzes me on vocabulary", "plans a weekend trip", "reviews pull requests"}
	return fmt.Sprintf("Using the DevSummit starter kit, build %s that %s. Use the %s SDK and return %s.", pick(r, what), pick(r, that), pick(r, []string{"Python", "TypeScript", "Go"}), pick(r, []string{"JSON", "markdown", "a streaming response", "a list of steps"}))
}

func (g *gen) devconf() {
	r := g.rng("devconf-promo")
	g.begin("devconf-promo", "conference-promo-credit", false)
	host := g.w.byName["US-W"]
	venue := g.w.new24s(r, 1)[0]
	var venueIPs []string
	for h := 0; h < 24; h++ {
		venueIPs = append(venueIPs, fmt.Sprintf("%s.%d", venue, 10+h))
	}
	hotels := [][]string{}
	for i := 0; i < 3; i++ {
		p := pick(r, host.biz)
		var hs []string
		for h := 0; h < 4; h++ {
			hs = append(hs, fmt.Sprintf("%s.%d", p, 200+h+i*10))
		}
		hotels = append(hotels, hs)
	}
	// attendees come from companies (1-8 colleagues) or on their own
	n := 1400 + r.IntN(250)
	regs := []string{"US-W", "US-W", "US-W", "US-W", "US-E", "US-E", "US-C", "UK", "DE", "FR", "IN", "JP"}
	compDom := ""
	compLeft := 0
	for i := 0; i < n; i++ {
		reg := g.w.byName[pick(r, regs)]
		p := g.newPerson(r, reg)
		if compLeft == 0 && r.Float64() < .5 {
			compLeft = between(r, 1, 8)
			for {
				compDom = fmt.Sprintf("%s%s.%s", pick(r, []string{"nova", "blue", "data", "cloud", "pixel", "quant", "hyper", "true", "bright", "stack", "lumen", "north", "deep", "open"}), pick(r, []string{"labs", "works", "soft", "ly", "hq", "io", "ware", "forge", "grid", "base", "flow"}), pick(r, []string{"com", "io", "dev", "ai", "co"}))
				if compDom != "" {
					break
				}
			}
		}
		if compLeft > 0 {
			compLeft--
			for {
				e := fmt.Sprintf("%s.%s@%s", pick(r, firstNames), pick(r, lastNames), compDom)
				if r.IntN(3) == 0 {
					e = fmt.Sprintf("%s@%s", pick(r, firstNames), compDom)
				}
				if g.uniqueMail(e) {
					p.email = e
					break
				}
			}
		}
		local := reg.name == "US-W" && r.Float64() < .6
		hotel := pick(r, hotels)
		ownCard := ""
		if r.Float64() < .5 {
			ownCard = g.card(r, g.w.bins)
		}
		redeem := r.Float64() < .9
		existing := r.Float64() < .45
		redeemAt := at(r, 1, host.tz, []float64{0, 0, 0, 0, 0, 0, 0, 0, 2, 3, 3, 2, 1, 1, 1, 1, .5, .3, 0, 0, 0, 0, 0, 0})
		if existing {
			p.card = ownCard
			g.signup(r, t0-int64(r.IntN(500*day))-3600, p, p.home, p.desk, ownCard)
			// a little ordinary use before the conference
			for _, t := range sessions(r, between(r, 0, 4), []int{0}, reg.tz, profHome, 30, 300) {
				g.emit(t, Rec{Account: p.acct, IP: p.homeIP(r, t), Device: p.desk, Payment: ownCard, Prompt: everyday(r), Tokens: tokensOrdinary(r)})
			}
		} else {
			// signs up during the keynote, on the venue wifi
			redeemAt = t0 + 1*day + int64((9.5-host.tz)*3600) + int64(r.IntN(5400))
			if r.Float64() < .25 {
				redeemAt = at(r, 1+r.IntN(2), host.tz, profWork)
			}
			pay := ownCard
			if redeem {
				pay = promoConf
			}
			g.signup(r, redeemAt, p, pick(r, venueIPs), p.desk, pay)
		}
		pay := ownCard
		if redeem {
			pay = promoConf
		}
		// conference days 1-2
		m := clampi(int(lognorm(r, 9, .8)), 1, 80)
		for _, t := range sessions(r, m, []int{1, 2}, host.tz, []float64{0, 0, 0, 0, 0, 0, 0, .3, 1, 1.3, 1.3, 1.2, 1, 1.3, 1.4, 1.3, 1, .6, .5, .6, .6, .5, .3, .1}, 20, 240) {
			if t < redeemAt {
				t = redeemAt + int64(r.IntN(3600))
			}
			lh := math.Mod(float64((t-t0)%day)/3600+host.tz+24, 24)
			ip, dev := pick(r, venueIPs), p.desk
			if lh < 8 || lh >= 18 {
				if local {
					ip = p.homeIP(r, t)
				} else {
					ip = pick(r, hotel)
				}
			}
			if r.Float64() < .15 {
				ip, dev = carrierIP(r, host, r.Float64() < .4), p.phone
			}
			pr := everyday(r)
			if r.Float64() < .35 {
				pr = workshop(r)
			} else if r.Float64() < .4 {
				pr = casual(r, pick(r, []string{"why does my ", "how do i fix my ", "review this "})+pick(r, codeLangs)+" code "+pick(r, codeErrs)) + "\n" + snippet(r)
			}
			g.emit(t, Rec{Account: p.acct, IP: ip, Device: dev, Payment: pay, Prompt: pr, Tokens: tokensOrdinary(r)})
		}
		if r.Float64() < .5 {
			p.card = pay
			p.dev = true
			g.ordinaryUse(r, p, clampi(int(lognorm(r, 6, 1)), 1, 200), 3, workshop, .1)
		}
	}
}

// library-kiosks: public library / internet-cafe PCs, one frozen image and one address per venue.
func (g *gen) kiosks() {
	r := g.rng("library-kiosks")
	g.begin("library-kiosks", "public-kiosks", false)
	venues := []string{"PH", "PH", "KE", "KE", "IN", "BR", "US-E", "NG", "ID"}
	for _, vn := range venues {
		reg := g.w.byName[vn]
		ip := v4(r, pick(r, reg.biz))
		img := "fp_" + hex(r, 16)
		np := between(r, 45, 75)
		for i := 0; i < np; i++ {
			p := g.newPerson(r, reg)
			if r.Float64() < .1 {
				p.card = g.card(r, g.w.bins)
			}
			visits := between(r, 1, 4)
			vdays := pickDays(r, 0, 13, visits)
			sort.Ints(vdays)
			var vt []int64
			for _, d := range vdays {
				vt = append(vt, at(r, d, reg.tz, profWork))
			}
			if r.Float64() < .4 {
				g.signup(r, vt[0]-int64(between(r, 60, 300)), p, ip, img, p.card)
			} else {
				g.signup(r, t0-int64(r.IntN(300*day))-3600, p, ip, img, p.card)
			}
			for _, t := range vt {
				for k := between(r, 2, 8); k > 0; k-- {
					pr := everyday(r)
					switch r.IntN(6) {
					case 0:
						pr = casual(r, fmt.Sprintf("write a cover letter for a %s position at %s, i have %d years experience in %s", pick(r, []string{"cashier", "nurse aide", "data entry", "warehouse", "receptionist", "call center agent", "junior developer", "teacher assistant", "driver", "sales associate"}), pick(r, []string{"a hospital", "a supermarket", "a bank", "a bpo company", "a school", "a logistics company", "a hotel", "a startup"}), between(r, 0, 12), pick(r, []string{"customer service", "retail", "admin work", "nursing", "it support", "teaching", "sales", "logistics"})))
					case 1:
						pr = studentQ(r)
					}
					g.emit(t, Rec{Account: p.acct, IP: ip, Device: img, Payment: p.card, Prompt: pr, Tokens: tokensOrdinary(r)})
					t += int64(between(r, 30, 400))
				}
			}
			if r.Float64() < .4 {
				n := between(r, 1, 6)
				for _, t := range sessions(r, n, dayRange(0, 13), reg.tz, profHome, 20, 300) {
					g.emit(t, Rec{Account: p.acct, IP: carrierIP(r, reg, false), Device: p.phone, Payment: p.card, Prompt: everyday(r), Tokens: tokensOrdinary(r)})
				}
			}
		}
	}
}

// seo-agency: a content agency operating its clients' accounts from its office.
func (g *gen) seoAgency() {
	r := g.rng("seo-agency")
	g.begin("seo-agency", "content-agency", false)
	reg := g.w.byName["UK"]
	office := pick(r, reg.biz)
	offIPs := []string{office + ".37", office + ".38"}
	agencyCard := g.card(r, g.w.bins)
	images := []string{"fp_" + hex(r, 16), "fp_" + hex(r, 16), "fp_" + hex(r, 16)}
	type staff struct {
		p   *person
		dev string
	}
	var st []staff
	for i := 0; i < 6; i++ {
		p := g.newPerson(r, reg)
		for {
			e := fmt.Sprintf("%s@brightpathmedia.co.uk", pick(r, firstNames))
			if i > 2 {
				e = fmt.Sprintf("%s.%s@brightpathmedia.co.uk", pick(r, firstNames), pick(r, lastNames))
			}
			if g.uniqueMail(e) {
				p.email = e
				break
			}
		}
		p.card = agencyCard
		p.office = pick(r, offIPs)
		p.desk = images[i%3]
		st = append(st, staff{p, images[i%3]})
		g.signup(r, t0-int64(between(r, 200, 900))*day+int64((9-reg.tz)*3600)+int64(r.IntN(8*3600)), p, p.office, p.desk, agencyCard)
		g.ordinaryUse(r, p, between(r, 10, 40), 0, workPrompt, .5)
	}
	nc := between(r, 110, 130)
	for i := 0; i < nc; i++ {
		s := pick(r, st)
		p := &person{reg: reg, acct: g.newAccount(r)}
		var dom string
		for {
			dom = fmt.Sprintf("%s%s%s.%s", pick(r, []string{"harbour", "oak", "river", "kings", "green", "silver", "north", "bay", "stone", "meadow", "bright", "old", "west", "hill", "copper", "maple", "fox", "lark"}), pick(r, []string{"", "-", ""}), pick(r, []string{"lane", "field", "gate", "wood", "street", "bridge", "view", "park", "well", "brook", "side", "mill"}), pick(r, []string{"co.uk", "com", "uk", "shop", "store"}))
			e := pick(r, []string{"marketing", "hello", "info", "shop", "admin", strings.ToLower(pick(r, firstNames))}) + "@" + dom
			if g.uniqueMail(e) {
				p.email = e
				break
			}
		}
		biz := pick(r, []string{"interiors", "bakery", "dental clinic", "yoga studio", "bike shop", "wedding photography", "plumbing", "estate agents", "craft gin", "dog grooming", "skincare", "garden centre", "accountancy", "tea merchants", "outdoor gear", "vintage furniture"})
		town := pick(r, []string{"Leeds", "Bristol", "Brighton", "York", "Bath", "Norwich", "Cardiff", "Glasgow", "Exeter", "Oxford", "Sheffield", "Harrogate"})
		p.card = g.card(r, g.w.bins)
		if r.Float64() < .15 {
			p.card = agencyCard
		}
		g.signup(r, t0-int64(between(r, 20, 240))*day+int64((9-reg.tz)*3600)+int64(r.IntN(8*3600)), p, pick(r, offIPs), s.dev, p.card)
		vol := between(r, 40, 160)
		wd := []int{0, 1, 2, 3, 4, 7, 8, 9, 10, 11}
		for _, t := range sessions(r, vol, wd, reg.tz, profWork, 40, 500) {
			ip := pick(r, offIPs)
			if r.Float64() < .15 {
				ip = s.p.home
			}
			kw := pick(r, []string{"best", "affordable", "luxury", "local", "eco friendly", "handmade", "family run", "award winning"}) + " " + biz + " " + town
			var pr string
			tok := tokensOrdinary(r)
			switch r.IntN(6) {
			case 0:
				pr = fmt.Sprintf("Write a 1200-word SEO blog post for %s targeting the keyword \"%s\". Include an H1, three H2 sections, an FAQ and a call to action.", dom, kw)
				tok = between(r, 1400, 2600)
			case 1:
				pr = fmt.Sprintf("Write a product description (150 words, warm tone, British English) for: %s %s from a %s in %s.", pick(r, []string{"new", "seasonal", "bestselling", "limited"}), pick(r, []string{"gift set", "service package", "consultation", "collection", "membership", "workshop"}), biz, town)
			case 2:
				pr = fmt.Sprintf("Give me 10 meta descriptions under 155 characters for a page about %s.", kw)
			case 3:
				pr = fmt.Sprintf("Write 5 Instagram captions with hashtags for %s (%s) announcing %s.", dom, biz, pick(r, []string{"our summer sale", "a new opening time", "a customer story", "a new product", "an event this weekend", "our anniversary"}))
			case 4:
				pr = fmt.Sprintf("Rewrite this for SEO around \"%s\", keep it under 200 words:\n%s", kw, pasted(r))
			default:
				pr = fmt.Sprintf("Create a blog content calendar for %s for %s: 8 titles with target keywords and search intent.", dom, pick(r, []string{"July", "August", "Q3", "the autumn", "the next two months"}))
				tok = between(r, 600, 1200)
			}
			g.emit(t, Rec{Account: p.acct, IP: ip, Device: s.dev, Payment: p.card, Prompt: pr, Tokens: tok})
		}
	}
}

// app-keypool: a language-learning app's backend spreading its users' calls over many keys.
func (g *gen) appKeypool() {
	r := g.rng("app-keypool")
	g.begin("app-keypool", "app-backend-keypool", false)
	card := g.card(r, g.w.bins)
	type shard struct {
		ips []string
		tz  float64
	}
	var shards []shard
	for _, tz := range []float64{-5, 1, 8} {
		p := pick(r, g.w.cloud)
		shards = append(shards, shard{[]string{v4(r, p), v4(r, p)}, tz})
	}
	features := []string{"chat", "correct", "explain", "roleplay", "vocab", "story", "quiz", "listen", "grammar", "translate", "hint", "review", "placement", "streak", "tutor", "podcast"}
	for fi, f := range features {
		for si, sh := range shards {
			p := &person{acct: g.newAccount(r)}
			p.email = fmt.Sprintf("api-%s-%s@lingofox.app", f, []string{"us", "eu", "apac"}[si])
			g.uniqueMail(p.email)
			g.signup(r, t0-int64(60+fi/6*40)*day+int64(r.IntN(3600)), p, sh.ips[0], g.w.sdkNode, card)
			n := between(r, 220, 380)
			for i := 0; i < n; i++ {
				t := at(r, r.IntN(14), sh.tz, profHome)
				sent := pasted(r)
				sent = sent[:strings.IndexAny(sent, ".!?")+1]
				level := pick(r, []string{"A1", "A2", "B1", "B2", "C1"})
				lang := pick(r, langs)
				var pr string
				switch i % 4 {
				case 0:
					pr = fmt.Sprintf("You are Lingo, a friendly %s tutor. The learner (level %s) wrote: \"%s\" Correct it, explain each mistake briefly, and reply with one follow-up question.", lang, level, strings.ToLower(sent))
				case 1:
					pr = fmt.Sprintf("Translate into %s for a %s learner and give 3 key words with their meaning: %s", lang, level, sent)
				case 2:
					pr = fmt.Sprintf("Write a %d-sentence story in %s for level %s using the words: %s, %s, %s.", between(r, 4, 8), lang, level, us(pick(r, ingr)), us(pick(r, products)), us(pick(r, cities)))
				default:
					pr = fmt.Sprintf("Role-play: you are a %s in %s. Stay in character and speak %s at level %s. The learner says: \"%s\"", pick(r, []string{"waiter", "hotel receptionist", "taxi driver", "shop assistant", "new colleague", "doctor"}), us(pick(r, cities)), lang, level, strings.ToLower(sent))
				}
				g.emit(t, Rec{Account: p.acct, IP: pick(r, sh.ips), Device: g.w.sdkNode, Payment: card, Prompt: pr, Tokens: between(r, 120, 650)})
			}
		}
	}
}

// user-study: a UX research firm's remote study; participants sign up from an invite.
const promoStudy = "promo-FIELDNOTE-UX27"

func (g *gen) userStudy() {
	r := g.rng("user-study")
	g.begin("user-study", "ux-research-study", false)
	n := between(r, 270, 330)
	regs := []string{"US-E", "US-E", "US-W", "US-C", "UK", "IN", "PH"}
	tasksT := []func(*rand.Rand) string{
		func(r *rand.Rand) string {
			return fmt.Sprintf("Task 1: Ask the assistant to plan a %d-day trip to %s for %s on a budget of $%d.", between(r, 2, 6), us(pick(r, cities)), pick(r, []string{"a family of four", "two friends", "a solo traveller", "a retired couple"}), between(r, 5, 30)*100)
		},
		func(r *rand.Rand) string {
			return fmt.Sprintf("Task 2: Ask for a weekly meal plan for someone who is %s and cooks with %s.", pick(r, []string{"vegetarian", "on a budget", "training for a 10k", "lactose intolerant", "cooking for kids"}), us(pick(r, ingr)))
		},
		func(r *rand.Rand) string {
			return fmt.Sprintf("Task 3: Ask the assistant to write a %s to %s about %s.", us(pick(r, docs)), pick(r, recips), pick(r, topics))
		},
		func(r *rand.Rand) string {
			return fmt.Sprintf("Task 4: Ask the assistant to explain %s and then ask one follow-up question.", us(pick(r, concepts)))
		},
		func(r *rand.Rand) string {
			return fmt.Sprintf("Task 5: Ask for help choosing a %s %s.", us(pick(r, products)), pick(r, uses))
		},
	}
	base := t0 + 9*day + 14*3600
	for i := 0; i < n; i++ {
		reg := g.w.byName[pick(r, regs)]
		p := g.newPerson(r, reg)
		p.card = promoStudy
		if r.Float64() < .1 {
			p.card = ""
		}
		st := base + int64(r.ExpFloat64()*3*3600)
		if r.Float64() < .15 {
			g.signup(r, t0-int64(r.IntN(400*day))-3600, p, p.home, p.desk, "")
			st += int64(r.IntN(6 * 3600))
		} else {
			g.signup(r, st, p, p.homeIP(r, st), p.desk, p.card)
			st += int64(between(r, 60, 1800))
		}
		t := st
		for k, tf := range tasksT {
			if k == 3 && r.Float64() < .4 {
				t += int64(between(r, 3600, 30*3600)) // finishes in a second session
			}
			for j := between(r, 1, 3); j > 0; j-- {
				pr := tf(r)
				if r.Float64() < .5 {
					pr = everyday(r) // in their own words
				} else if r.Float64() < .3 {
					pr = strings.ToLower(pr[8:])
				}
				g.emit(t, Rec{Account: p.acct, IP: p.homeIP(r, t), Device: p.desk, Payment: p.card, Prompt: pr, Tokens: tokensOrdinary(r)})
				t += int64(between(r, 40, 240))
			}
		}
		for j := between(r, 0, 8); j > 0; j-- {
			g.emit(t, Rec{Account: p.acct, IP: p.homeIP(r, t), Device: p.desk, Payment: p.card, Prompt: everyday(r), Tokens: tokensOrdinary(r)})
			t += int64(between(r, 30, 300))
		}
	}
}

// vps-devs: developers whose side projects run on a hosting provider's IPv6 VPS.
func (g *gen) vpsDevs() {
	r := g.rng("vps-devs")
	g.begin("vps-devs", "hosting-ipv6-developers", false)
	n := between(r, 360, 440)
	nouns := []string{"recipe", "ticket", "invoice", "tweet", "commit", "review", "lyric", "quote", "headline", "email", "resume", "ad", "tweetstorm", "changelog", "poem", "menu", "listing", "podcast", "lesson", "workout"}
	actions := []string{"Summarize", "Classify", "Rewrite", "Translate", "Tag", "Score", "Shorten", "Explain", "Extract keywords from", "Generate a title for"}
	for i := 0; i < n; i++ {
		reg := g.w.regionW(r)
		p := g.newPerson(r, reg)
		p.dev = true
		if r.Float64() < .85 {
			p.card = g.card(r, g.w.bins)
		}
		vps := fmt.Sprintf("%s:%x", pick(r, g.w.devV48), r.IntN(0x10000))
		fixed := iid(r)
		rot := r.Float64() < .3
		sdk := pick(r, []string{g.w.sdkPython, g.w.sdkPython, g.w.sdkNode, g.w.curl})
		if r.Float64() < .1 {
			sdk = g.w.headless
		}
		// the dev's own app template: fixed words of their own
		tpl := fmt.Sprintf("%s this %s for my %s app (%s). Reply in %s only.", pick(r, actions), pick(r, nouns), pick(r, []string{"side", "hobby", "discord", "telegram", "slack", "weekend", "open source"}), pick(r, []string{"be concise", "no emojis", "keep it friendly", "use bullet points", "max 3 lines", "plain text"}), pick(r, []string{"JSON", "markdown", "one line", "English", "CSV"}))
		tpl = fmt.Sprintf("[%s-%s] ", strings.ToLower(pick(r, lastNames)), hex(r, 4)) + tpl
		g.signup(r, t0-int64(r.IntN(500*day))-3600, p, p.home, p.desk, p.card)
		napp := clampi(int(lognorm(r, 25, 1)), 2, 400)
		for _, t := range sessions(r, napp, dayRange(0, 13), 0, profFlat, 5, 900) {
			ip := vps + ":" + fixed
			if rot {
				ip = vps + ":" + iid(r)
			}
			g.emit(t, Rec{Account: p.acct, IP: ip, Device: sdk, Payment: p.card, Prompt: tpl + "\n\n" + pasted(r), Tokens: between(r, 60, 500)})
		}
		g.ordinaryUse(r, p, clampi(int(lognorm(r, 5, 1)), 1, 100), 0, nil, 0)
	}
}

// ---------- rings ----------

// ring-template-shards: each account keeps one of 64 variants of a shared skeleton.
func (g *gen) ringShards() {
	r := g.rng("ring-template-shards")
	g.begin("ring-template-shards", "ring", true)
	roles := []string{"You are a meticulous tutor.", "You are an expert problem solver.", "Act as a senior teaching assistant.", "You are a careful reviewer of solutions.", "Act as a patient professor.", "You are a competition coach.", "You are a precise technical writer.", "Act as an examiner writing model answers."}
	intros := []string{"Here is the problem", "Problem statement", "Consider the following", "The task is", "Work on this", "Given problem", "Exercise", "Question to solve"}
	req1 := []string{"Show every intermediate step.", "Justify each step.", "Reason step by step before answering.", "Derive everything explicitly.", "Do not skip any step.", "Explain the reasoning behind each step."}
	req2 := []string{"Then verify the result.", "Then give the final answer on its own line.", "Then list common mistakes.", "Then summarise the method.", "Then state the key insight.", "Then check edge cases."}
	fmts := []string{"Answer in markdown.", "Use LaTeX for maths.", "Use numbered sections.", "Keep a formal tone.", "Write in full sentences.", "Use short paragraphs."}
	type variant struct{ a, b, c, d, e string }
	var vs []variant
	seen := map[string]bool{}
	for len(vs) < 64 {
		v := variant{pick(r, roles), pick(r, intros), pick(r, req1), pick(r, req2), pick(r, fmts)}
		k := v.a + v.b + v.c + v.d + v.e
		if !seen[k] {
			seen[k] = true
			vs = append(vs, v)
		}
	}
	n := between(r, 280, 320)
	var exitRegs []*region
	for _, nm := range []string{"US-E", "US-C", "US-W", "UK", "DE", "FR", "PL", "BR", "MX"} {
		exitRegs = append(exitRegs, g.w.byName[nm])
	}
	for i := 0; i < n; i++ {
		reg := pick(r, exitRegs)
		p := &person{reg: reg, acct: g.newAccount(r)}
		p.email = g.mailbox(r, reg, "")
		p.card = g.card(r, g.w.prepaid)
		p.desk = g.w.deskFP(r, .35)
		v := vs[i%64]
		exit := func() string { return v4(r, pick(r, pick(r, reg.isps).v4)) }
		ex := exit()
		sd := between(r, -30, 8)
		st := at(r, sd, reg.tz, profHome)
		if sd < 0 {
			st = t0 + int64(sd)*day + int64(r.IntN(day))
		}
		g.signup(r, st, p, ex, p.desk, p.card)
		from := clampi(sd, 0, 13)
		days := pickDays(r, from, 13, between(r, 5, 10))
		sort.Ints(days)
		nreq := between(r, 40, 90)
		exDay := -1
		ts := sessions(r, nreq, days, reg.tz, []float64{0, 0, 0, 0, 0, 0, 0, .5, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, .5}, 60, 400)
		sort.Slice(ts, func(i, j int) bool { return ts[i] < ts[j] })
		for k, t := range ts {
			d := int((t - t0) / day)
			if exDay >= 0 && d-exDay >= 3 {
				ex, exDay = exit(), d
			} else if exDay < 0 {
				exDay = d
			}
			_ = k
			pr := fmt.Sprintf("%s %s: %s %s %s %s", v.a, v.b, bankQ(r), v.c, v.d, v.e)
			g.emit(t, Rec{Account: p.acct, IP: ex, Device: p.desk, Payment: p.card, Prompt: pr, Tokens: tokensLong(r)})
		}
	}
}

// ring-v6-rotate: five servers, each routed its own /48; every request from a fresh address in it.
func (g *gen) ringV6() {
	r := g.rng("ring-v6-rotate")
	g.begin("ring-v6-rotate", "ring", true)
	var p48 []string
	for i := 0; i < 5; i++ {
		p48 = append(p48, fmt.Sprintf("%s:%x", g.w.hostV6, 0x2000+i*0x101+r.IntN(0x100)))
	}
	addr := func(s int) string { return fmt.Sprintf("%s:%x:%s", p48[s], r.IntN(0x10000), iid(r)) }
	tplA := "Provide an exhaustive, step-by-step solution with full reasoning to the following. Do not omit any derivation.\n\nPROBLEM: %s\n\nFORMAT: reasoning, then final answer."
	tplB := "<task>%s</task>\nThink through the task in detail inside <reasoning> tags, then give the answer inside <answer> tags."
	n := between(r, 230, 270)
	batches := []int{-2, 0, 3, 6, 9}
	for i := 0; i < n; i++ {
		s := i % 5
		p := &person{acct: g.newAccount(r)}
		for {
			e := fmt.Sprintf("%s%s@%s", hex(r, 2), strings.ToLower(pick(r, []string{"k", "z", "q", "x", "v", "m", "r"}))+hex(r, 7), pick(r, []string{"proton.me", "protonmail.com", "tutanota.com", "tuta.io"}))
			if g.uniqueMail(e) {
				p.email = e
				break
			}
		}
		p.card = g.card(r, g.w.prepaid)
		p.desk = "fp_" + hex(r, 16)
		if r.Float64() < .2 {
			p.desk = g.w.headless
		}
		bd := batches[(i/5)%5]
		st := t0 + int64(bd)*day + 3*3600 + int64(r.IntN(7200))
		g.signup(r, st, p, addr(s), p.desk, p.card)
		from := clampi(bd, 0, 13)
		days := pickDays(r, from, clampi(from+9, 0, 13), between(r, 4, 9))
		for _, t := range sessions(r, between(r, 50, 120), days, 0, profFlat, 20, 200) {
			ss := s
			if r.Float64() < .3 {
				ss = r.IntN(5)
			}
			b := bankQ(r)
			var pr string
			switch u := r.Float64(); {
			case u < .35:
				pr = fmt.Sprintf(tplA, b)
			case u < .7:
				pr = fmt.Sprintf(tplB, b)
			default:
				pr = paraphrase(r, b, 0)
			}
			g.emit(t, Rec{Account: p.acct, IP: addr(ss), Device: p.desk, Payment: p.card, Prompt: pr, Tokens: tokensLong(r)})
		}
	}
}

// ring-voucher-lockstep: gift vouchers, a new residential exit per request, spoofed popular
// browsers; accounts created in nightly waves, a warm-up timer and a rate limiter's fixed gaps.
func (g *gen) ringVoucher() {
	r := g.rng("ring-voucher-lockstep")
	g.begin("ring-voucher-lockstep", "ring", true)
	var regs []*region
	for _, nm := range []string{"US-E", "US-C", "US-W", "UK", "DE", "FR"} {
		regs = append(regs, g.w.byName[nm])
	}
	exit := func() string {
		reg := pick(r, regs)
		return v4(r, pick(r, pick(r, reg.isps).v4))
	}
	tpls := []string{
		"Explain in full detail, step by step, how to solve this. Include every intermediate result.\n%s",
		"%s\n\nWalk me through the complete solution as a textbook would, with all reasoning shown.",
		"I want a complete worked answer with reasoning for: %s",
	}
	n := between(r, 360, 440)
	waves := 10
	for i := 0; i < n; i++ {
		w := i % waves
		k := i / waves
		p := &person{acct: g.newAccount(r), reg: pick(r, regs)}
		p.email = g.mailbox(r, p.reg, "")
		p.card = g.voucher(r)
		p.desk = g.w.desk[r.IntN(6)]
		st := t0 + int64(w)*day + 2*3600 + int64(k)*int64(between(r, 45, 75))
		g.signup(r, st, p, exit(), p.desk, p.card)
		t := st + 600 + int64(r.IntN(5)-2)
		days := between(r, 2, 4)
		for d := 0; d < days; d++ {
			ns := between(r, 2, 3)
			for s := 0; s < ns; s++ {
				if d > 0 || s > 0 {
					// sessions start on the scheduler's grid: every 4 h after the wave, per account offset kept
					t = st + 600 + int64(d)*day + int64(s)*4*3600 + int64(r.IntN(5)-2)
				}
				for j := between(r, 6, 12); j > 0; j-- {
					pr := fmt.Sprintf(tpls[r.IntN(3)], bankQ(r))
					if r.Float64() < .2 {
						pr = paraphrase(r, bankQ(r), 1)
					}
					g.emit(t, Rec{Account: p.acct, IP: exit(), Device: p.desk, Payment: p.card, Prompt: pr, Tokens: tokensLong(r)})
					t += 90 + int64(r.IntN(3)-1)
				}
			}
		}
	}
}

// ring-promo-farm: farms the leaked conference promo credit, signups every half hour round the clock.
func (g *gen) ringPromo() {
	r := g.rng("ring-promo-farm")
	g.begin("ring-promo-farm", "ring", true)
	var regs []*region
	for _, nm := range []string{"US-E", "US-C", "US-W"} {
		regs = append(regs, g.w.byName[nm])
	}
	domains := []string{"mailcove.xyz", "quickinbox.top", "nordpost.site"}
	tplA := "Provide a complete and rigorous solution. State the method, show all work, and justify the final answer.\n\nProblem: %s"
	tplB := "Write production-quality code with detailed comments and a complexity analysis for the following task. Explain design decisions.\nTask: %s"
	n := between(r, 180, 220)
	t := t0 + 2*day + 21*3600 + int64(r.IntN(3600))
	for i := 0; i < n; i++ {
		reg := pick(r, regs)
		p := &person{acct: g.newAccount(r), reg: reg}
		for {
			e := fmt.Sprintf("%s%s%d@%s", pick(r, firstNames), pick(r, lastNames), r.IntN(100), domains[i%3])
			if g.uniqueMail(e) {
				p.email = e
				break
			}
		}
		p.desk = g.w.deskFP(r, .6)
		ex := v4(r, pick(r, pick(r, reg.isps).v4))
		g.signup(r, t, p, ex, p.desk, promoConf)
		rt := t + int64(between(r, 120, 600))
		g.emit(rt, Rec{Account: p.acct, IP: ex, Device: p.desk, Payment: promoConf, Prompt: workshop(r), Tokens: tokensOrdinary(r)})
		span := int64(between(r, 1, 3)) * day
		m := between(r, 50, 80)
		for j := 0; j < m; j++ {
			rt += span / int64(m) * int64(between(r, 50, 150)) / 100
			b := bankQ(r)
			pr := fmt.Sprintf(tplA, b)
			if strings.HasPrefix(b, "Implement") || strings.HasPrefix(b, "Write a function") || r.Float64() < .25 {
				pr = fmt.Sprintf(tplB, b)
			}
			if r.Float64() < .2 {
				pr = paraphrase(r, b, 2)
			}
			g.emit(rt, Rec{Account: p.acct, IP: ex, Device: p.desk, Payment: promoConf, Prompt: pr, Tokens: tokensLong(r)})
		}
		t += int64(between(r, 25*60, 45*60))
	}
}

// ring-simfarm-slow: a SIM farm of 120 phones on the dense carrier, 5 free-tier accounts each,
// a handful of requests per account spread round the clock.
func (g *gen) ringSimfarm() {
	r := g.rng("ring-simfarm-slow")
	g.begin("ring-simfarm-slow", "ring", true)
	reg := g.w.byName["NG"]
	models := []string{g.w.phone[2], g.w.phone[3]}
	wraps := []string{"Solve fully and show every step: %s", "%s\nGive the complete worked solution with reasoning.", "Explain the full derivation: %s", "%s Show all working.", "Detailed solution please: %s", "Step by step with explanation: %s"}
	n := between(r, 550, 650)
	for i := 0; i < n; i++ {
		phone := i / 5
		p := &person{acct: g.newAccount(r), reg: reg}
		p.email = g.mailbox(r, reg, "gmail.com")
		dev := models[phone%2]
		v6 := phone%5 < 2
		var first int
		if r.Float64() < .5 {
			first = r.IntN(12)
			g.signup(r, t0+int64(first)*day+int64(r.IntN(day)), p, carrierIP(r, reg, v6), dev, "")
		} else {
			g.signup(r, t0-int64(between(r, 1, 60))*day+int64(r.IntN(day)), p, carrierIP(r, reg, v6), dev, "")
		}
		days := pickDays(r, first, 13, between(r, 3, 6))
		m := between(r, 6, 15)
		for j := 0; j < m; j++ {
			t := t0 + int64(pick(r, days))*day + int64(r.IntN(day))
			b := bankQ(r)
			pr := b
			if r.Float64() < .7 {
				pr = fmt.Sprintf(pick(r, wraps), b)
			}
			g.emit(t, Rec{Account: p.acct, IP: carrierIP(r, reg, v6), Device: dev, Prompt: pr, Tokens: tokensLong(r)})
		}
	}
}

// ring-crowd-relay: paid crowdworkers run a browser extension that relays extraction jobs
// through their own accounts, from their own homes.
func (g *gen) ringCrowd() {
	r := g.rng("ring-crowd-relay")
	g.begin("ring-crowd-relay", "ring", true)
	tplA := "### TASK %s\n%s\n### REQUIREMENTS\nComplete solution. Show all reasoning. Do not skip steps."
	tplB := "### TASK %s\n%s\n### REQUIREMENTS\nWorking code, comments on every function, and a proof of correctness."
	n := between(r, 180, 220)
	drives := []int64{t0 + 2*day + 10*3600, t0 + 8*day + 10*3600}
	for i := 0; i < n; i++ {
		reg := g.w.byName[pick(r, []string{"PH", "PH", "PH", "PH", "PH", "KE", "KE", "KE", "IN", "IN"})]
		p := g.newPerson(r, reg)
		if r.Float64() < .3 {
			p.card = g.card(r, g.w.bins)
		}
		drive := drives[0]
		if r.Float64() < .4 {
			drive = drives[1]
		}
		var join int64
		if r.Float64() < .7 {
			join = drive + int64(r.ExpFloat64()*8*3600)
			if r.Float64() < .4 {
				join = drive + int64(r.IntN(4*day))
			}
			g.signup(r, join, p, p.homeIP(r, join), p.desk, p.card)
		} else {
			g.signup(r, t0-int64(r.IntN(500*day))-3600, p, p.home, p.desk, p.card)
			join = drive + int64(r.IntN(2*day))
			g.ordinaryUse(r, p, between(r, 1, 6), 0, nil, 0)
		}
		jd := int((join - t0) / day)
		total := between(r, 40, 150)
		days := pickDays(r, clampi(jd, 0, 13), 13, between(r, 2, 6))
		for total > 0 {
			d := pick(r, days)
			t := at(r, d, reg.tz, profEve)
			if t < join {
				t = join + int64(r.IntN(3600))
			}
			k := clampi(between(r, 15, 50), 1, total)
			for j := 0; j < k; j++ {
				b := bankQ(r)
				id := fmt.Sprintf("%d-%s", between(r, 100000, 999999), hex(r, 4))
				pr := fmt.Sprintf(tplA, id, b)
				if strings.HasPrefix(b, "Implement") || strings.HasPrefix(b, "Write a function") {
					pr = fmt.Sprintf(tplB, id, b)
				}
				g.emit(t, Rec{Account: p.acct, IP: p.homeIP(r, t), Device: p.desk, Payment: p.card, Prompt: pr, Tokens: tokensLong(r)})
				t += int64(between(r, 45, 75))
			}
			total -= k
		}
	}
}

// ---------- main ----------

func main() {
	seed := flag.Uint64("seed", 1, "scenario seed")
	out := flag.String("out", "traffic.jsonl", "records (JSON Lines)")
	truth := flag.String("truth", "truth.json", "ground truth")
	quiet := flag.Bool("quiet", false, "no summary on stderr")
	flag.Parse()

	g := &gen{seed: *seed, accts: map[string]bool{}, mail: map[string]bool{}, cards: map[string]bool{}, since: map[string]int64{}}
	g.w = newWorld(g.rng("world"))
	g.background()
	g.carrierDense()
	g.devconf()
	g.kiosks()
	g.seoAgency()
	g.appKeypool()
	g.userStudy()
	g.vpsDevs()
	g.ringShards()
	g.ringV6()
	g.ringVoucher()
	g.ringPromo()
	g.ringSimfarm()
	g.ringCrowd()

	sort.Slice(g.evs, func(i, j int) bool {
		if g.evs[i].t != g.evs[j].t {
			return g.evs[i].t < g.evs[j].t
		}
		return g.evs[i].seq < g.evs[j].seq
	})
	f, err := os.Create(*out)
	if err != nil {
		fmt.Fprintln(os.Stderr, "probe4:", err)
		os.Exit(1)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for i := range g.evs {
		if err := enc.Encode(&g.evs[i].r); err != nil {
			fmt.Fprintln(os.Stderr, "probe4:", err)
			os.Exit(1)
		}
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, "probe4:", err)
		os.Exit(1)
	}
	f.Close()

	type tg struct {
		ID       string   `json:"id"`
		Kind     string   `json:"kind,omitempty"`
		Accounts []string `json:"accounts"`
	}
	tr := struct {
		Rings  []tg `json:"rings"`
		Decoys []tg `json:"decoys"`
	}{}
	total := 0
	for _, gr := range g.groups {
		if gr.ring {
			tr.Rings = append(tr.Rings, tg{gr.ID, gr.Kind, gr.Accounts})
		} else {
			tr.Decoys = append(tr.Decoys, tg{gr.ID, gr.Kind, gr.Accounts})
		}
		total += len(gr.Accounts)
		if !*quiet {
			fmt.Fprintf(os.Stderr, "%-24s %-5v %6d accounts %7d records\n", gr.ID, gr.ring, len(gr.Accounts), gr.records)
		}
	}
	if !*quiet {
		fmt.Fprintf(os.Stderr, "%-24s       %6d accounts %7d records\n", "total", total, len(g.evs))
	}
	b, _ := json.MarshalIndent(tr, "", " ")
	if err := os.WriteFile(*truth, append(b, '\n'), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "probe4:", err)
		os.Exit(1)
	}
}
