// Command probe9 writes a black-box probe scenario for ringlink: legitimate populations whose
// sharing looks ring-like (CAT-tool freelancers, self-hosted news digests on a default cron, an MLM
// downline's daily script pack, ministries behind one government gateway, survey enumerators'
// offline-sync tablets) and rings with new tactics (rented accounts whose owners keep using them,
// extraction hidden in the digest app's cron herd, a strictly serialised scheduler). Standard
// library only; output depends only on --seed.
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
	seed      uint64
	start     = time.Date(2028, 5, 1, 0, 0, 0, 0, time.UTC) // a Monday
	days      = 14
	windowEnd = start.Add(14 * 24 * time.Hour)
)

type rec struct {
	ts      time.Time
	n       int
	Account string
	Type    string
	IP      string
	Payment string
	Device  string
	Email   string
	Prompt  string
	Tokens  int
}

type acct struct {
	id     string
	group  string
	kind   string
	ring   bool
	signup time.Time
}

var (
	recs     []rec
	accts    []*acct
	byID     = map[string]*acct{}
	usedIDs  = map[string]bool{}
	usedMail = map[string]bool{}
	usedCard = map[string]bool{}
	usedHome = map[string]bool{}
	seq      int
)

func stream(name string) *rand.Rand {
	h := fnv.New64a()
	h.Write([]byte("probe9/" + name))
	return rand.New(rand.NewPCG(seed, h.Sum64()))
}

const idChars = "abcdefghijkmnpqrstuvwxyz23456789"

func newAcct(r *rand.Rand, group, kind string, ring bool) *acct {
	for {
		b := make([]byte, 12)
		for i := range b {
			b[i] = idChars[r.IntN(len(idChars))]
		}
		id := "acct_" + string(b)
		if usedIDs[id] {
			continue
		}
		usedIDs[id] = true
		a := &acct{id: id, group: group, kind: kind, ring: ring}
		accts = append(accts, a)
		byID[id] = a
		return a
	}
}

func emit(t time.Time, a *acct, typ, ip, pay, dev, email, prompt string, tokens int) {
	seq++
	recs = append(recs, rec{ts: t, n: seq, Account: a.id, Type: typ, IP: ip, Payment: pay, Device: dev, Email: email, Prompt: prompt, Tokens: tokens})
}

func signup(a *acct, t time.Time, ip, pay, dev, email string) {
	a.signup = t
	emit(t, a, "signup", ip, pay, dev, email, "", 0)
}

func req(a *acct, t time.Time, ip, pay, dev, prompt string, tokens int) {
	if !t.After(a.signup) {
		t = a.signup.Add(time.Duration(30+len(prompt)%50) * time.Second)
	}
	if !t.Before(windowEnd) || t.Before(start) {
		return
	}
	emit(t, a, "", ip, pay, dev, "", prompt, tokens)
}

// ---------- shared infrastructure ----------

type region struct {
	name    string
	off     float64 // hours from UTC in May
	octets  []int   // first octets of its ISPs
	mail    []string
	country string
}

var regions = []region{
	{"US-E", -4, []int{24, 67, 71}, []string{"gmail.com", "yahoo.com", "outlook.com", "aol.com", "comcast.net"}, "US"},
	{"US-C", -5, []int{68, 72, 75}, []string{"gmail.com", "yahoo.com", "outlook.com", "att.net"}, "US"},
	{"US-W", -7, []int{73, 76, 98}, []string{"gmail.com", "yahoo.com", "icloud.com", "outlook.com"}, "US"},
	{"UK", 1, []int{81, 86, 90}, []string{"gmail.com", "btinternet.com", "outlook.com", "yahoo.co.uk"}, "GB"},
	{"DE", 2, []int{79, 84, 91}, []string{"gmx.de", "web.de", "gmail.com", "t-online.de"}, "DE"},
	{"FR", 2, []int{82, 88, 92}, []string{"orange.fr", "gmail.com", "free.fr", "laposte.net"}, "FR"},
	{"PL", 2, []int{83, 89, 93}, []string{"wp.pl", "onet.pl", "gmail.com", "o2.pl"}, "PL"},
	{"ES", 2, []int{85, 87, 95}, []string{"gmail.com", "hotmail.es", "telefonica.net"}, "ES"},
	{"IN", 5.5, []int{49, 106, 117}, []string{"gmail.com", "rediffmail.com", "yahoo.co.in"}, "IN"},
	{"PH", 8, []int{112, 119, 120}, []string{"gmail.com", "yahoo.com.ph"}, "PH"},
	{"NG", 1, []int{102, 105, 129}, []string{"gmail.com", "yahoo.com"}, "NG"},
	{"KE", 3, []int{41, 62, 196}, []string{"gmail.com", "yahoo.com"}, "KE"},
	{"BR", -3, []int{177, 179, 187}, []string{"gmail.com", "hotmail.com", "uol.com.br"}, "BR"},
	{"MX", -6, []int{187, 189, 201}, []string{"gmail.com", "hotmail.com", "prodigy.net.mx"}, "MX"},
	{"JP", 9, []int{114, 118, 126}, []string{"gmail.com", "yahoo.co.jp", "docomo.ne.jp"}, "JP"},
	{"AU", 10, []int{101, 110, 121}, []string{"gmail.com", "bigpond.com", "outlook.com"}, "AU"},
}

func regionByName(n string) int {
	for i, r := range regions {
		if r.name == n {
			return i
		}
	}
	panic(n)
}

// ispBlock gives the second and third octet of /24 number k (0..127) of ISP j in region ri.
func ispAddr(ri, j, k, host int) string {
	b := (ri*37 + j*53 + k/64*7) % 256
	c := (k*3 + ri*11 + j*5) % 256
	return fmt.Sprintf("%d.%d.%d.%d", regions[ri].octets[j], b, c, host)
}

func homeIP(r *rand.Rand, ri int) string {
	for {
		ip := ispAddr(ri, r.IntN(3), r.IntN(128), 2+r.IntN(198))
		if !usedHome[ip] {
			usedHome[ip] = true
			return ip
		}
	}
}

// residential exit: any host of an ISP's /24s (real homes' addresses)
func exitIP(r *rand.Rand, ri int) string {
	return ispAddr(ri, r.IntN(3), r.IntN(128), 2+r.IntN(253))
}

func mobileIP(r *rand.Rand, ri int) string {
	return fmt.Sprintf("39.%d.%d.%d", ri*4+r.IntN(2), 200+r.IntN(3), 1+r.IntN(254))
}

func cloudIP(r *rand.Rand) string {
	return fmt.Sprintf("34.%d.%d.%d", 80+r.IntN(40), r.IntN(4)*16, 2+r.IntN(250))
}
func hostingIP(r *rand.Rand) string {
	return fmt.Sprintf("45.%d.%d.%d", 60+r.IntN(10), 100+r.IntN(4), 2+r.IntN(250))
}

var popDesk = []string{"fp_chrome124_win10_a1", "fp_chrome124_win11_b2", "fp_edge124_win11_c3", "fp_chrome124_mac14_d4", "fp_safari17_mac14_e5", "fp_firefox125_win10_f6", "fp_chrome123_win10_g7", "fp_chrome124_linux_h8", "fp_edge123_win10_i9", "fp_firefox125_mac_j0", "fp_opera109_win10_k1", "fp_chrome122_win11_l2", "fp_brave124_win11_m3", "fp_safari17_mac13_n4", "fp_chrome124_chromeos_o5", "fp_firefox124_linux_p6"}
var popPhone = []string{"fp_ios17_iphone15_q1", "fp_ios17_iphone13_r2", "fp_and14_galaxys23_s3", "fp_and14_galaxya54_t4", "fp_and13_redmi12_u5", "fp_ios16_iphone11_v6", "fp_and14_pixel8_w7", "fp_and13_galaxya14_x8", "fp_and13_tecnospark_y9", "fp_and14_oppoa78_z0"}

const fpSDK = "fp_python_sdk_1_30"
const fpNode = "fp_node_sdk_4_47"

func zipf(r *rand.Rand, n int) int {
	x := r.Float64() * harmonic(n)
	for i := 1; i <= n; i++ {
		x -= 1 / float64(i)
		if x <= 0 {
			return i - 1
		}
	}
	return n - 1
}

func harmonic(n int) float64 {
	s := 0.0
	for i := 1; i <= n; i++ {
		s += 1 / float64(i)
	}
	return s
}

func hexs(r *rand.Rand, n int) string {
	const h = "0123456789abcdef"
	b := make([]byte, n)
	for i := range b {
		b[i] = h[r.IntN(16)]
	}
	return string(b)
}

func deskFP(r *rand.Rand) string {
	if r.Float64() < 0.55 {
		return popDesk[zipf(r, len(popDesk))]
	}
	return "fp_" + hexs(r, 16)
}

func phoneFP(r *rand.Rand) string {
	if r.Float64() < 0.8 {
		return popPhone[zipf(r, len(popPhone))]
	}
	return "fp_" + hexs(r, 16)
}

var firsts = []string{"james", "maria", "wei", "fatima", "john", "ana", "li", "olu", "priya", "ahmed", "sofia", "lukas", "emma", "noah", "chen", "grace", "david", "aisha", "mateo", "yuki", "kofi", "amara", "ivan", "elena", "omar", "nina", "raj", "sara", "tomasz", "julia", "pedro", "hana", "kwame", "lucia", "max", "zara", "diego", "mei", "samuel", "anika", "felix", "joy", "carlos", "ines", "arjun", "leah", "musa", "clara", "ben", "rosa"}
var lasts = []string{"smith", "garcia", "wang", "khan", "okafor", "silva", "muller", "nguyen", "patel", "kim", "lopez", "brown", "santos", "ali", "kowalski", "tanaka", "mensah", "rossi", "dubois", "ivanova", "reyes", "cohen", "hughes", "mwangi", "adeyemi", "fischer", "martin", "costa", "sharma", "bauer", "novak", "perez", "jones", "sato", "owusu", "ortiz", "schmidt", "moreau", "gupta", "wilson"}

func person(r *rand.Rand) (string, string) {
	return firsts[r.IntN(len(firsts))], lasts[r.IntN(len(lasts))]
}

func canon(e string) string {
	e = strings.ToLower(e)
	at := strings.LastIndex(e, "@")
	u, d := e[:at], e[at+1:]
	if i := strings.Index(u, "+"); i >= 0 {
		u = u[:i]
	}
	if d == "gmail.com" || d == "googlemail.com" {
		u = strings.ReplaceAll(u, ".", "")
		d = "gmail.com"
	}
	return u + "@" + d
}

func mailbox(r *rand.Rand, a *acct, domain string) string {
	f, l := person(r)
	styles := []string{f + "." + l, f + l, f + "_" + l, string(f[0]) + l, f + "." + l + fmt.Sprint(r.IntN(99)), l + "." + f, f + fmt.Sprint(1970+r.IntN(40))}
	u := styles[r.IntN(len(styles))]
	e := u + "@" + domain
	if domain == "gmail.com" && r.Float64() < 0.1 {
		e = strings.ToUpper(u[:1]) + u[1:] + "@gmail.com"
	}
	if usedMail[canon(e)] {
		e = u + "." + a.id[len(a.id)-5:] + "@" + domain
	}
	usedMail[canon(e)] = true
	return e
}

func mailAt(r *rand.Rand, a *acct, ri int) string {
	m := regions[ri].mail
	return mailbox(r, a, m[zipf(r, len(m))])
}

var bins []string

func card(r *rand.Rand, binset []string) string {
	for {
		var b string
		if binset != nil {
			b = binset[r.IntN(len(binset))]
		} else {
			b = bins[r.IntN(len(bins))]
		}
		c := fmt.Sprintf("%s-%04d-%02d%02d", b, r.IntN(10000), 1+r.IntN(12), 28+r.IntN(5))
		if !usedCard[c] {
			usedCard[c] = true
			return c
		}
	}
}

func initBins() {
	r := stream("infra/bins")
	brands := []string{"visa", "mc", "amex", "disc"}
	for i := 0; i < 300; i++ {
		bins = append(bins, fmt.Sprintf("%s-%d", brands[zipf(r, 4)], 400000+r.IntN(199999)))
	}
}

// ---------- time helpers ----------

func day(d int) time.Time { return start.Add(time.Duration(d) * 24 * time.Hour) }

// localAt: UTC time of local hour h (fractional) on window day d in region ri.
func localAt(ri, d int, h float64) time.Time {
	return day(d).Add(time.Duration((h - regions[ri].off) * float64(time.Hour)))
}

func jit(r *rand.Rand, s float64) time.Duration {
	return time.Duration(r.Float64() * s * float64(time.Second))
}

// a waking hour weighted to evenings
func wakingHour(r *rand.Rand) float64 {
	w := []float64{0.3, 0.2, 0.1, 0.05, 0.05, 0.1, 0.4, 0.8, 1.0, 1.1, 1.1, 1.2, 1.2, 1.1, 1.1, 1.1, 1.1, 1.2, 1.3, 1.5, 1.6, 1.5, 1.1, 0.6}
	t := 0.0
	for _, x := range w {
		t += x
	}
	u := r.Float64() * t
	for h, x := range w {
		u -= x
		if u <= 0 {
			return float64(h) + r.Float64()
		}
	}
	return 20.5
}

func lognorm(r *rand.Rand, median, sigma float64) float64 {
	return median * math.Exp(sigma*r.NormFloat64())
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// ---------- prompts ----------

var topics = []string{"sourdough bread", "a used car", "my garden tomatoes", "a job interview", "my landlord", "a birthday party", "learning guitar", "a trip to Lisbon", "my cat's diet", "running a 10k", "a wedding toast", "my resume", "a budget spreadsheet", "a leaking tap", "a houseplant", "my kid's science project", "a chess opening", "a road trip", "a podcast idea", "saving for retirement", "a team meeting", "my sleep schedule", "a noisy neighbour", "a laptop upgrade", "meal prep", "a cover letter", "a book club", "a home gym", "my phone battery", "a small bakery"}
var everydayForms = []string{
	"how do I deal with %s?", "can you explain the basics of %s", "give me some ideas for %s", "what should I know about %s before I start",
	"write a short message to a friend about %s", "help me plan %s this weekend", "what are common mistakes with %s", "is it worth spending money on %s",
	"summarize the pros and cons of %s", "make a checklist for %s", "tell me a funny story about %s", "I'm stressed about %s, any advice?",
	"compare two approaches to %s", "write a polite email about %s", "what questions should I ask about %s",
}
var greets = []string{"", "", "", "hi! ", "hey, ", "quick question: ", "please ", "ok so ", "Hello, "}
var tails = []string{"", "", "", " thanks", " keep it short", " in simple words", " with examples", "?", " :)", " (I'm a beginner)"}
var codeForms = []string{"why does this python function return None: def f(x):\n    if x > %d: print(x)", "write a SQL query that counts orders per customer for the last %d days", "fix this error: TypeError: cannot read properties of undefined (reading 'map') at line %d", "how do I parse a CSV with %d columns in Go", "explain what this regex does: ^[a-z]{%d}\\d+$", "write a bash script to delete log files older than %d days", "refactor this loop to be faster: for i in range(%d): total += arr[i] * 2"}
var pasteSents = []string{"The meeting has been moved to Thursday afternoon.", "Our quarterly numbers were slightly below expectations.", "Please find attached the revised schedule.", "The shipment was delayed because of customs checks.", "We appreciate your patience while we resolve the issue.", "The new policy takes effect next month.", "Several customers reported problems with the login page.", "The venue can host up to two hundred guests.", "I wanted to follow up on our conversation from last week.", "The report needs another round of edits before it goes out."}

func everyday(r *rand.Rand) string {
	u := r.Float64()
	switch {
	case u < 0.6:
		return pick(r, greets) + fmt.Sprintf(pick(r, everydayForms), pick(r, topics)) + pick(r, tails)
	case u < 0.8:
		n := 2 + r.IntN(4)
		var b strings.Builder
		for i := 0; i < n; i++ {
			b.WriteString(pick(r, pasteSents) + " ")
		}
		return pick(r, []string{"rewrite this more professionally:\n", "make this friendlier: ", "fix the grammar: ", "shorten this:\n"}) + b.String()
	default:
		return fmt.Sprintf(pick(r, codeForms), 2+r.IntN(90))
	}
}

func everydayTokens(r *rand.Rand) int { return int(lognorm(r, 470, 0.5)) + 20 }

// ---------- background ----------

func background(n int) {
	r := stream("background")
	offices := map[string][]string{}
	for i := 0; i < n; i++ {
		ri := zipf(r, len(regions))
		if r.Float64() < 0.4 {
			ri = r.IntN(len(regions))
		}
		a := newAcct(r, "background", "background", false)
		phoneOnly := r.Float64() < 0.2
		dev := r.Float64() < 0.08
		home := homeIP(r, ri)
		dfp := deskFP(r)
		pfp := phoneFP(r)
		pay := ""
		if r.Float64() < 0.7 {
			pay = card(r, nil)
		}
		office := ""
		if !phoneOnly && r.Float64() < 0.22 {
			key := fmt.Sprintf("%d-%d", ri, r.IntN(60))
			if _, ok := offices[key]; !ok {
				offices[key] = []string{fmt.Sprintf("%d.%d.%d.%d", 150+ri, 10+r.IntN(200), r.IntN(250), 2+r.IntN(250))}
			}
			office = offices[key][0]
		}
		var su time.Time
		if r.Float64() < 0.65 {
			su = day(-1 - r.IntN(400)).Add(jit(r, 86400))
		} else {
			su = localAt(ri, r.IntN(days), wakingHour(r))
		}
		sdev := dfp
		if phoneOnly {
			sdev = pfp
		}
		signup(a, su, home, pay, sdev, mailAt(r, a, ri))
		nreq := int(lognorm(r, 5, 1.1))
		if dev {
			nreq = int(lognorm(r, 25, 1.0))
		}
		if nreq > 700 {
			nreq = 700
		}
		for k := 0; k < nreq; k++ {
			d := r.IntN(days)
			t := localAt(ri, d, wakingHour(r))
			ip, fp := home, dfp
			switch {
			case phoneOnly || r.Float64() < 0.25:
				fp = pfp
				if r.Float64() < 0.5 {
					ip = mobileIP(r, ri)
				}
			case office != "" && d%7 < 5 && r.Float64() < 0.5:
				ip = office
				t = localAt(ri, d, 9+8*r.Float64())
			}
			p, tok := everyday(r), everydayTokens(r)
			if dev && r.Float64() < 0.6 {
				fp = pick(r, []string{fpSDK, fpSDK, fpNode, "fp_curl_8_5"})
				if r.Float64() < 0.3 {
					ip = hostingIP(r)
				}
				p = "Classify the sentiment of this review as positive, negative or neutral: " + pick(r, pasteSents) + " " + pick(r, topics)
				tok = 60 + r.IntN(90)
			}
			req(a, t, ip, pay, fp, p, tok)
		}
	}
}

// ---------- CAT-tool freelancers ----------

var catDomains = [][]string{
	{"Click Save to apply your changes.", "The device must be disconnected from the mains before cleaning.", "Your order has been shipped and will arrive in %d working days.", "Do not exceed the recommended dose of %d tablets per day.", "This agreement is governed by the laws of the jurisdiction in which the supplier is established.", "Press and hold the power button for %d seconds.", "We use cookies to improve your experience on our website.", "The warranty does not cover damage caused by improper use.", "Enter your password again to confirm.", "Store below %d degrees Celsius and keep away from direct sunlight."},
	{"The parties agree to resolve any dispute through arbitration.", "Remove the filter cartridge and rinse it under running water.", "Free returns within %d days of delivery.", "Consult your physician if symptoms persist for more than %d days.", "An error occurred while processing your request.", "Tighten the screws to a torque of %d Nm.", "The licensee shall not sublicense the software without prior written consent.", "Add to basket", "Battery level is below %d percent.", "Read all safety instructions before first use."},
}
var catPairs = [][2]string{{"English", "German"}, {"English", "French"}, {"English", "Spanish"}, {"English", "Polish"}, {"English", "Japanese"}, {"German", "English"}, {"English", "Portuguese (Brazil)"}}
var catGloss = []string{"device = Gerät", "warranty = Garantie", "basket = panier", "dose = dosis", "licensee = licenciatario", "none", "none", "cartridge = wkład"}

func catPrompt(r *rand.Rand, pair [2]string, seg string) string {
	return fmt.Sprintf("You are a professional translator. Translate the following segment from %s to %s. Preserve inline tags such as <x1/> and placeholders such as {0} exactly. Apply the glossary where relevant and return only the translation.\nGlossary: %s\nSegment: %s", pair[0], pair[1], pick(r, catGloss), seg)
}

func catSegment(r *rand.Rand) string {
	s := pick(r, catDomains[r.IntN(2)])
	if strings.Contains(s, "%d") {
		s = fmt.Sprintf(s, 2+r.IntN(40))
	}
	if r.Float64() < 0.5 {
		s = strings.TrimSuffix(s, ".") + pick(r, []string{" <x1/>", " {0}", " (see section " + fmt.Sprint(1+r.IntN(12)) + ").", ", as shown in figure " + fmt.Sprint(1+r.IntN(30)) + ".", "."})
	}
	return s
}

func catFreelancers(n int) {
	r := stream("cat-freelancers")
	regs := []string{"DE", "FR", "PL", "ES", "UK", "US-E", "BR", "JP"}
	type fl struct {
		a    *acct
		ri   int
		home string
		pay  string
		pair [2]string
		ver  int
	}
	var fls []*fl
	for i := 0; i < n; i++ {
		ri := regionByName(pick(r, regs))
		a := newAcct(r, "cat-freelancers", "cat-tool-freelancers", false)
		f := &fl{a: a, ri: ri, home: homeIP(r, ri), pair: pick(r, catPairs), ver: r.IntN(2)}
		if r.Float64() < 0.9 {
			f.pay = card(r, nil)
		}
		var email string
		if r.Float64() < 0.3 {
			fn, ln := person(r)
			d := fmt.Sprintf("%s-%s-translations.%s", fn, ln, pick(r, []string{"com", "de", "eu", "net"}))
			email = mailbox(r, a, d)
		} else {
			email = mailAt(r, a, ri)
		}
		signup(a, day(-1-r.IntN(500)).Add(jit(r, 86400)), f.home, f.pay, deskFP(r), email)
		fls = append(fls, f)
	}
	// jobs: shared files pre-translated whole by several freelancers
	for d := 0; d < days; d++ {
		njobs := n / 6
		if d%7 >= 5 {
			njobs /= 4
		}
		for j := 0; j < njobs; j++ {
			nseg := 20 + r.IntN(60)
			segs := make([]string, nseg)
			for k := range segs {
				segs[k] = catSegment(r)
			}
			k := 1
			if r.Float64() < 0.4 {
				k = 2 + r.IntN(5)
			}
			pair := pick(r, catPairs)
			for x := 0; x < k; x++ {
				f := fls[r.IntN(len(fls))]
				fp := "fp_lexora_cat_4_2"
				if d >= 7 && f.ver == 1 {
					fp = "fp_lexora_cat_4_3"
				}
				t := localAt(f.ri, d, 8+11*r.Float64())
				// pre-translate: whole file, a request per segment 0.3–1.2 s apart
				for _, s := range segs {
					t = t.Add(300*time.Millisecond + jit(r, 0.9))
					req(f.a, t, f.home, f.pay, fp, catPrompt(r, pair, s), 40+len(s)/2+r.IntN(60))
				}
				// interactive re-translation of some segments, 10–60 s apart
				for q := 0; q < 5+r.IntN(25); q++ {
					t = t.Add(10*time.Second + jit(r, 50))
					req(f.a, t, f.home, f.pay, fp, catPrompt(r, pair, segs[r.IntN(nseg)]), 40+r.IntN(90))
				}
			}
		}
	}
	// ordinary use of their personal account
	for _, f := range fls {
		for k := 0; k < int(lognorm(r, 4, 0.9)); k++ {
			req(f.a, localAt(f.ri, r.IntN(days), wakingHour(r)), f.home, f.pay, deskFP(r), everyday(r), everydayTokens(r))
		}
	}
}

// ---------- self-hosted digest ----------

var newsSubjects = []string{"a central bank", "a chip maker", "an open-source database", "a city council", "a football club", "a climate study", "a browser vendor", "a space agency", "a cloud outage", "an airline", "a battery startup", "a privacy regulator", "a game studio", "a vaccine trial", "a rail strike"}
var newsVerbs = []string{"announced", "delayed", "released", "cut", "criticised", "acquired", "paused", "expanded", "reported", "settled"}
var newsObjs = []string{"a new version", "interest rates", "plans for a new plant", "its quarterly results", "a security patch", "a lawsuit", "a pilot programme", "its pricing", "a data breach", "record demand"}

func article(r *rand.Rand) (string, string) {
	s := pick(r, newsSubjects)
	title := fmt.Sprintf("%s %s %s", strings.ToUpper(s[:1])+s[1:], pick(r, newsVerbs), pick(r, newsObjs))
	var b strings.Builder
	for i := 0; i < 6+r.IntN(8); i++ {
		fmt.Fprintf(&b, "%s %s %s on %s, according to %d people familiar with the matter. ", strings.ToUpper(pick(r, newsSubjects)[:1])+pick(r, newsSubjects)[1:], pick(r, newsVerbs), pick(r, newsObjs), pick(r, []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday"}), 2+r.IntN(9))
	}
	return title, b.String()
}

const digestWrap = "Summarize the following article in 3 concise bullet points for a morning briefing. Be neutral and do not add information that is not in the text.\n\nTitle: %s\n\n%s"

var digestDay [][][2]string // per day, default feeds' top items

func digestFP(d, v int) string {
	if d >= 6 && v == 1 {
		return "fp_morningbrief_1_9_httpx"
	}
	return "fp_morningbrief_1_8_httpx"
}

func selfhostDigest(n int) {
	r := stream("selfhost-digest")
	dr := stream("selfhost-digest/feeds")
	digestDay = make([][][2]string, days)
	for d := 0; d < days; d++ {
		for k := 0; k < 40; k++ {
			t, b := article(dr)
			digestDay[d] = append(digestDay[d], [2]string{t, b})
		}
	}
	regs := []string{"US-E", "US-C", "US-W", "UK", "DE", "FR", "PL", "IN", "JP", "AU", "BR"}
	for i := 0; i < n; i++ {
		ri := regionByName(pick(r, regs))
		a := newAcct(r, "selfhost-digest", "self-hosted-digest", false)
		home := homeIP(r, ri)
		server := home
		if r.Float64() < 0.15 {
			server = hostingIP(r)
		}
		pay := ""
		if r.Float64() < 0.95 {
			pay = card(r, nil)
		}
		dfp := deskFP(r)
		signup(a, day(-1-r.IntN(300)).Add(jit(r, 86400)), home, pay, dfp, mailAt(r, a, ri))
		defCron := r.Float64() < 0.65
		defFeeds := r.Float64() < 0.5
		items := 10
		if !defFeeds || r.Float64() < 0.3 {
			items = 4 + r.IntN(17)
		}
		ver := r.IntN(2)
		cronH := 6.0
		if !defCron {
			cronH = 5 + 3*r.Float64() - regions[ri].off
			cronH = math.Mod(cronH+48, 24)
		}
		var own [][2]string
		for d := 0; d < days; d++ {
			if r.Float64() < 0.08 {
				continue // server down
			}
			t := day(d).Add(time.Duration(cronH*3600)*time.Second + jit(r, 20))
			if !defFeeds {
				own = own[:0]
				for k := 0; k < items; k++ {
					tt, b := article(r)
					own = append(own, [2]string{tt, b})
				}
			}
			for k := 0; k < items; k++ {
				var it [2]string
				if defFeeds {
					it = digestDay[d][k%40]
				} else {
					it = own[k]
				}
				t = t.Add(2*time.Second + jit(r, 4))
				req(a, t, server, pay, digestFP(d, ver), fmt.Sprintf(digestWrap, it[0], it[1]), 600+len(it[1])/4+r.IntN(120))
			}
		}
		if r.Float64() < 0.6 {
			for k := 0; k < int(lognorm(r, 5, 1)); k++ {
				req(a, localAt(ri, r.IntN(days), wakingHour(r)), home, pay, dfp, everyday(r), everydayTokens(r))
			}
		}
	}
}

// ---------- MLM downline ----------

var mlmProducts = []string{"Glow Collagen Shake", "Radiance Night Serum", "Vital Greens", "Lumina Detox Tea", "Pure Omega Drops", "Sleep Well Gummies", "Energy Spark Sticks", "Hydra Boost"}
var mlmScripts = []string{
	"Write a warm, casual Facebook DM to my friend {name} to reconnect, mention I've been loving {product} but don't sound salesy",
	"{name} replied 'I don't have the money right now'. Give me an empathetic response that keeps the door open for {product}",
	"Write an Instagram caption for my morning routine with {product}, 3 emojis, end with a question, hashtags #luminalife #bossbabe",
	"Rewrite my testimonial to sound more authentic: I started {product} 3 weeks ago and I feel amazing and {name} noticed too",
	"Give me 5 story ideas for today about being a mom running a business with {product}, my upline {name} says consistency is key",
	"{name} asked if this is a pyramid scheme. Write a friendly honest reply explaining the Lumina opportunity and {product}",
	"Write a follow-up text to {name} who tried a sample of {product} last week, ask how she liked it",
	"Create a 3-day launch party plan for my Lumina online party featuring {product} with a giveaway for {name}",
}

func mlmDownline(n int) {
	r := stream("mlm-downline")
	regs := []string{"US-E", "US-C", "US-W", "PH", "NG", "MX", "BR", "UK"}
	webinars := []time.Time{day(-30).Add(time.Hour), day(-10).Add(time.Hour), day(2).Add(time.Hour), day(9).Add(time.Hour)}
	const promo = "promo-LUMINA-TEAMSTART-2028"
	for i := 0; i < n; i++ {
		ri := regionByName(pick(r, regs))
		a := newAcct(r, "mlm-downline", "mlm-downline", false)
		home := homeIP(r, ri)
		pfp := phoneFP(r)
		pay := ""
		if r.Float64() < 0.55 {
			pay = promo
		} else if r.Float64() < 0.5 {
			pay = card(r, nil)
		}
		var su time.Time
		if r.Float64() < 0.6 {
			su = pick(r, webinars).Add(50*time.Minute + jit(r, 90*60))
		} else {
			su = day(-40 + r.IntN(50)).Add(jit(r, 86400))
		}
		ip := home
		if r.Float64() < 0.4 {
			ip = mobileIP(r, ri)
		}
		signup(a, su, ip, pay, pfp, mailAt(r, a, ri))
		quota := 5 + r.IntN(5)
		diligence := 0.5 + 0.45*r.Float64()
		for d := 0; d < days; d++ {
			if r.Float64() > diligence {
				continue
			}
			t := localAt(ri, d, 19+1.5*r.Float64())
			for k := 0; k < quota; k++ {
				t = t.Add(40*time.Second + jit(r, 300))
				nm := pick(r, firsts)
				p := strings.ReplaceAll(pick(r, mlmScripts), "{name}", strings.ToUpper(nm[:1])+nm[1:])
				p = strings.ReplaceAll(p, "{product}", pick(r, mlmProducts))
				ipx := home
				if r.Float64() < 0.3 {
					ipx = mobileIP(r, ri)
				}
				req(a, t, ipx, pay, pfp, p, 200+r.IntN(250))
			}
		}
		for k := 0; k < int(lognorm(r, 3, 0.8)); k++ {
			req(a, localAt(ri, r.IntN(days), wakingHour(r)), home, pay, pfp, everyday(r), everydayTokens(r))
		}
	}
}

// ---------- government gateway ----------

var govDepts = []struct {
	dom  string
	size int
	lib  []string
}{
	{"revenue.gcn.gov.uk", 300, []string{"Draft a reply to a taxpayer who says: %s. Use plain English, cite the relevant guidance in general terms and do not promise outcomes.", "Summarise this correspondence for the case file: %s", "Rewrite this penalty notice explanation at a reading age of 12: %s"}},
	{"health.gcn.gov.uk", 180, []string{"Summarise this consultation response for the policy team: %s", "Draft a ministerial briefing paragraph on: %s", "Turn these meeting notes into actions with owners: %s"}},
	{"transport.gcn.gov.uk", 140, []string{"Draft a reply to a member of the public about: %s", "Summarise this consultation response for the policy team: %s", "Write a press line on: %s"}},
	{"justice.gcn.gov.uk", 140, []string{"Summarise this correspondence for the case file: %s", "Draft a neutral letter acknowledging: %s", "List the key dates in: %s"}},
	{"environment.gcn.gov.uk", 110, []string{"Draft a ministerial briefing paragraph on: %s", "Turn these meeting notes into actions with owners: %s", "Write a press line on: %s"}},
}
var govSubjects = []string{"my self assessment payment was taken twice", "late filing penalty after a bereavement", "the bus service 42 was cut", "flood defences in the lower valley", "waiting times at the passport office", "a noise complaint about the rail depot", "my tax code changed without notice", "the new recycling rules", "court hearing was moved without notice", "air quality readings near the school"}

func govGateway() {
	r := stream("gov-gateway")
	ri := regionByName("UK")
	gw := make([]string, 6)
	for k := range gw {
		gw[k] = fmt.Sprintf("51.149.8.%d", 10+k)
	}
	for di, dep := range govDepts {
		purchase := fmt.Sprintf("gpc-%s-%04d", strings.Split(dep.dom, ".")[0], r.IntN(10000))
		size := dep.size
		if di == 0 {
			size += 180 // seasonal temps
		}
		for i := 0; i < size; i++ {
			temp := di == 0 && i >= dep.size
			a := newAcct(r, "gov-gateway", "government-gateway", false)
			pay := ""
			if r.Float64() < 0.7 {
				pay = purchase
			}
			var su time.Time
			if temp {
				cohort := day(2)
				if i >= dep.size+90 {
					cohort = day(7)
				}
				su = cohort.Add(9*time.Hour + jit(r, 45*60)) // 10:00 BST training room
			} else {
				su = day(-40 + di*3).Add(8*time.Hour + jit(r, 9*3600))
				if r.Float64() < 0.3 {
					su = day(-200 + r.IntN(190)).Add(8*time.Hour + jit(r, 9*3600))
				}
			}
			f, l := person(r)
			email := fmt.Sprintf("%s.%s@%s", f, l, dep.dom)
			if usedMail[canon(email)] {
				email = fmt.Sprintf("%s.%s%d@%s", f, l, 2+r.IntN(98), dep.dom)
			}
			usedMail[canon(email)] = true
			fp := func(d int) string {
				if d >= 9 {
					return "fp_govthin_win11_23h2_smartcard"
				}
				return "fp_govthin_win11_22h2_smartcard"
			}
			signup(a, su, gw[r.IntN(6)], pay, fp(int(su.Sub(start).Hours()/24)), email)
			rate := 3.0 * math.Exp(0.5*r.NormFloat64())
			if temp {
				rate = 12 * math.Exp(0.3*r.NormFloat64())
			}
			for d := 0; d < days; d++ {
				if d%7 >= 5 || r.Float64() < 0.25 {
					continue
				}
				nr := int(rate * (0.5 + r.Float64()))
				for k := 0; k < nr; k++ {
					h := 8 + 9.5*r.Float64()
					if h > 12.5 && h < 13.3 {
						h += 1
					}
					p := fmt.Sprintf(pick(r, dep.lib), pick(r, govSubjects)+". "+pick(r, pasteSents)+" "+pick(r, pasteSents))
					if r.Float64() < 0.25 {
						p = everyday(r)
					}
					req(a, localAt(ri, d, h), gw[r.IntN(6)], pay, fp(d), p, 250+r.IntN(500))
				}
			}
		}
	}
}

// ---------- survey enumerators ----------

var surveyQs = []string{"What is the main challenge your household faced in getting water this season?", "Why did the children miss school last month?", "What would you do with an extra 5,000 shillings a month?", "How has the price of maize affected your family?", "Describe how you get to the nearest clinic."}
var surveyAns = map[string][]string{
	"Swahili": {"Maji yako mbali sana na tunatembea saa mbili", "Watoto walikuwa wagonjwa na hatukuwa na pesa ya ada", "Ningenunua chakula na kulipa karo ya shule", "Bei ya mahindi imepanda sana tunakula mara moja kwa siku", "Tunatumia bodaboda kwa shilingi mia tatu"},
	"Hausa":   {"Ruwa yana da nisa sosai muna tafiya awa biyu", "Yara sun yi rashin lafiya ba mu da kudin makaranta", "Zan sayi abinci in biya kudin makaranta", "Farashin masara ya tashi sosai", "Muna hawa achaba zuwa asibiti"},
	"Yoruba":  {"Omi jinna pupo a n rin wakati meji", "Awon omo naa saisan ko si owo ile-iwe", "Mo ma ra ounje ati san owo ile-iwe", "Owo agbado ti lo soke pupo", "A n gun okada lo si ile iwosan"},
}

const codebook = "01 cost/price, 02 distance/access, 03 illness, 04 school fees, 05 food security, 06 transport, 07 other"

func surveyEnumerators(n int) {
	r := stream("survey-enumerators")
	ke, ng := regionByName("KE"), regionByName("NG")
	offices := []struct {
		ri   int
		ip   string
		lang string
	}{{ke, "41.90.64.18", "Swahili"}, {ke, "41.90.71.5", "Swahili"}, {ke, "197.232.10.44", "Swahili"}, {ng, "102.89.32.7", "Hausa"}, {ng, "102.89.40.19", "Hausa"}, {ng, "105.112.3.77", "Yoruba"}}
	const tablet = "fp_and13_galaxytaba8_mdm_fieldlens"
	const ngoCard = "visa-455612-7781-0930"
	workshop := []time.Time{day(0).Add(6 * time.Hour), day(0).Add(8 * time.Hour)} // KE 09:00, NG 09:00 local
	for i := 0; i < n; i++ {
		oi := r.IntN(len(offices))
		o := offices[oi]
		a := newAcct(r, "survey-enumerators", "survey-enumerators", false)
		country := "ke"
		wi := 0
		if o.ri == ng {
			country, wi = "ng", 1
		}
		email := fmt.Sprintf("enum.%s.%03d@fieldlens-survey.org", country, i)
		pay := ""
		if r.Float64() < 0.8 {
			pay = ngoCard
		}
		hotel := "41.89.200.9"
		if wi == 1 {
			hotel = "102.88.15.201"
		}
		signup(a, workshop[wi].Add(jit(r, 100*60)), hotel, pay, "fp_win11_coordinator_laptop_7f3a", email)
		perDay := 6 + r.IntN(4)
		for d := 1; d < days; d++ {
			if d%7 == 6 || r.Float64() < 0.1 {
				continue
			}
			nq := perDay * (2 + r.IntN(2))
			ip := o.ip
			t := localAt(o.ri, d, 17.5+1.5*r.Float64())
			if r.Float64() < 0.25 {
				ip = mobileIP(r, o.ri)
				t = localAt(o.ri, d, 12+8*r.Float64())
			}
			for k := 0; k < nq; k++ {
				t = t.Add(time.Second + jit(r, 2.5))
				q := pick(r, surveyQs)
				ans := pick(r, surveyAns[o.lang])
				if r.Float64() < 0.5 {
					ans += " " + pick(r, surveyAns[o.lang])
				}
				p := fmt.Sprintf("Translate this open-ended survey response to English and assign exactly one code from the codebook. Codebook: %s\nQuestion: %s\nResponse (%s): %s\nHousehold ID: HH-%s-%05d", codebook, q, o.lang, ans, strings.ToUpper(country), r.IntN(99999))
				req(a, t, ip, pay, tablet, p, 180+r.IntN(80))
			}
		}
	}
}

// ---------- rings ----------

var exSubjects = []string{"thermodynamics", "organic reaction mechanisms", "linear algebra", "contract law", "macroeconomics", "cell biology", "operating systems", "probability theory", "European history", "compiler design", "pharmacology", "electromagnetism", "data structures", "microeconomics", "statistics", "genetics"}
var exConcepts = []string{"the second law", "nucleophilic substitution", "eigenvalues", "consideration", "inflation targeting", "mitosis", "virtual memory", "conditional expectation", "the Congress of Vienna", "register allocation", "drug clearance", "Maxwell's equations", "hash tables", "price elasticity", "hypothesis testing", "Mendelian inheritance", "entropy", "Bayes' theorem", "B-trees", "opportunity cost"}
var exTemplates = []string{
	"Explain %s in %s as a university lecturer would. Cover the intuition, the formal definition, a worked example and two common misconceptions. Be exhaustive.",
	"Write a complete study guide on %s (%s): key ideas, derivations step by step, three practice problems with full solutions.",
	"I'm preparing for an exam in %[2]s. Teach me %[1]s from first principles, then quiz me with 5 questions and give detailed answers.",
	"Give a long, rigorous answer: how does %s work in %s, and why? Include edge cases and a summary table.",
	"Act as an expert tutor in %[2]s. Produce a detailed chapter-style explanation of %[1]s with examples and exercises.",
}

func exPrompt(r *rand.Rand, tmpls []string) string {
	return fmt.Sprintf(pick(r, tmpls), pick(r, exConcepts), pick(r, exSubjects))
}

func exTokens(r *rand.Rand) int { return 1800 + r.IntN(2200) }

// ring-account-rental: accounts rented from real people, who keep using them by day.
func ringRental(n int) {
	r := stream("ring-account-rental")
	regs := []string{"US-E", "US-C", "US-W", "UK", "DE", "PL", "BR", "IN", "PH"}
	// the broker's exit pool: residential addresses in each region, reused across accounts
	pool := map[int][]string{}
	for i := 0; i < n; i++ {
		ri := regionByName(pick(r, regs))
		a := newAcct(r, "ring-account-rental", "ring-account-rental", true)
		home := homeIP(r, ri)
		dfp := deskFP(r)
		pfp := phoneFP(r)
		pay := card(r, nil)
		signup(a, day(-60-r.IntN(700)).Add(jit(r, 86400)), home, pay, dfp, mailAt(r, a, ri))
		// the owner's own use continues all window
		for k := 0; k < int(lognorm(r, 8, 0.9)); k++ {
			fp, ip := dfp, home
			if r.Float64() < 0.3 {
				fp = pfp
			}
			req(a, localAt(ri, r.IntN(days), 8+15*r.Float64()), ip, pay, fp, everyday(r), everydayTokens(r))
		}
		if len(pool[ri]) == 0 {
			for k := 0; k < 60; k++ {
				pool[ri] = append(pool[ri], exitIP(r, ri))
			}
		}
		rentFrom := r.IntN(4)
		rentDays := 8 + r.IntN(days-8-rentFrom+1)
		for d := rentFrom; d < rentFrom+rentDays && d < days; d++ {
			if r.Float64() < 0.1 {
				continue
			}
			exit := pick(r, pool[ri])
			fp := popDesk[r.IntN(6)]
			t := localAt(ri, d, 0.5+r.Float64()*1.5) // the rented night slot, owner-local
			end := localAt(ri, d, 6.5)
			for t.Before(end) {
				req(a, t, exit, pay, fp, exPrompt(r, exTemplates), exTokens(r))
				t = t.Add(4*time.Minute + jit(r, 8*60))
			}
		}
	}
}

// ring-digest-herd: extraction inside the Morning Brief app's default 06:00 UTC cron herd.
func ringDigestHerd(n int) {
	r := stream("ring-digest-herd")
	regs := []string{"US-E", "US-C", "US-W", "UK", "DE"}
	prepaid := []string{"visa-431947", "mc-534201"}
	pool := make([]string, 0, 260)
	for k := 0; k < 260; k++ {
		pool = append(pool, exitIP(r, regionByName(pick(r, regs))))
	}
	for i := 0; i < n; i++ {
		a := newAcct(r, "ring-digest-herd", "ring-digest-herd", true)
		pay := card(r, prepaid)
		dom := pick(r, []string{"gmail.com", "outlook.com", "yahoo.com"})
		signup(a, day(-45+r.IntN(44)).Add(jit(r, 86400)), pick(r, pool), pay, popDesk[r.IntN(6)], mailbox(r, a, dom))
		ver := r.IntN(2)
		items := 24 + r.IntN(16)
		for d := 0; d < days; d++ {
			if r.Float64() < 0.05 {
				continue
			}
			exit := pick(r, pool)
			for _, h := range []float64{6, 18} {
				t := day(d).Add(time.Duration(h*3600)*time.Second + jit(r, 20))
				for k := 0; k < items/2; k++ {
					t = t.Add(2*time.Second + jit(r, 4))
					subj := pick(r, exSubjects)
					title := fmt.Sprintf("%s: %s", strings.ToUpper(subj[:1])+subj[1:], pick(r, exConcepts))
					var b strings.Builder
					for s := 0; s < 8+r.IntN(8); s++ {
						fmt.Fprintf(&b, "In %s, %s is related to %s through %d central results that every student must master. ", pick(r, exSubjects), pick(r, exConcepts), pick(r, exConcepts), 2+r.IntN(7))
					}
					body := b.String() + "\n\nAfter the bullet points, also give a full explanation of every concept mentioned, with derivations and worked examples."
					req(a, t, exit, pay, digestFP(d, ver), fmt.Sprintf(digestWrap, title, body), 2200+r.IntN(1800))
				}
			}
		}
	}
}

// ring-serial-bursts: a scheduler that runs exactly one account at a time, round the clock.
func ringSerial(n int) {
	r := stream("ring-serial-bursts")
	regs := []string{"US-E", "US-C", "US-W", "UK", "DE", "FR"}
	type sa struct {
		a   *acct
		ri  int
		pay string
		fp  string
	}
	var as []*sa
	tmpls := []string{
		"Task: %s (%s). Provide an exhaustive explanation with derivations, worked examples and practice problems with solutions.",
		"Subject %[2]s / topic %[1]s. Write the full lecture notes a professor would hand out, at least 2000 words.",
		"Question bank item — %s in %s. Answer in depth, step by step, then list 5 follow-up questions and answer them too.",
		"%s (%s): explain thoroughly for an advanced student, including common errors and a worked exam solution.",
	}
	for i := 0; i < n; i++ {
		ri := regionByName(pick(r, regs))
		a := newAcct(r, "ring-serial-bursts", "ring-serial-bursts", true)
		s := &sa{a: a, ri: ri, pay: card(r, nil), fp: popPhone[r.IntN(6)]}
		signup(a, day(-60+r.IntN(60)).Add(jit(r, 86400)), exitIP(r, ri), s.pay, s.fp, mailAt(r, a, ri))
		as = append(as, s)
	}
	t := start.Add(jit(r, 600))
	last := -1
	for t.Before(windowEnd) {
		k := r.IntN(len(as))
		if k == last {
			k = (k + 1) % len(as)
		}
		last = k
		s := as[k]
		exit := exitIP(r, s.ri)
		nb := 20 + r.IntN(20)
		for q := 0; q < nb; q++ {
			req(s.a, t, exit, s.pay, s.fp, exPrompt(r, tmpls), exTokens(r))
			t = t.Add(3*time.Second + jit(r, 4))
		}
		t = t.Add(4*time.Minute + jit(r, 10*60))
	}
}

// ---------- output ----------

type truthGroup struct {
	ID       string   `json:"id"`
	Kind     string   `json:"kind"`
	Accounts []string `json:"accounts"`
}

func main() {
	s := flag.Uint64("seed", 1, "seed")
	out := flag.String("out", "traffic.jsonl", "traffic output")
	truthPath := flag.String("truth", "truth.json", "truth output")
	quiet := flag.Bool("quiet", false, "no summary")
	flag.Parse()
	seed = *s
	initBins()
	sz := stream("sizes")
	background(12800 + sz.IntN(1200))
	catFreelancers(260 + sz.IntN(60))
	selfhostDigest(650 + sz.IntN(150))
	mlmDownline(750 + sz.IntN(150))
	govGateway()
	surveyEnumerators(260 + sz.IntN(80))
	ringRental(130 + sz.IntN(40))
	ringDigestHerd(140 + sz.IntN(40))
	ringSerial(180 + sz.IntN(50))

	// checks
	signups := map[string]int{}
	for _, x := range recs {
		if x.Type == "signup" {
			signups[x.Account]++
		} else if !x.ts.After(byID[x.Account].signup) {
			fail("request before signup: %s", x.Account)
		}
		if _, err := netip.ParseAddr(x.IP); err != nil {
			fail("bad ip %q", x.IP)
		}
	}
	for _, a := range accts {
		if signups[a.id] != 1 {
			fail("account %s has %d signups", a.id, signups[a.id])
		}
	}
	sort.SliceStable(recs, func(i, j int) bool {
		if !recs[i].ts.Equal(recs[j].ts) {
			return recs[i].ts.Before(recs[j].ts)
		}
		return recs[i].n < recs[j].n
	})
	f, err := os.Create(*out)
	if err != nil {
		fail("%v", err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	for _, x := range recs {
		m := map[string]any{"ts": x.ts.UTC().Format("2006-01-02T15:04:05.000Z"), "account": x.Account, "ip": x.IP, "device": x.Device}
		if x.Type == "signup" {
			m["type"] = "signup"
			m["email"] = x.Email
		} else {
			m["prompt"] = x.Prompt
			m["tokens"] = x.Tokens
		}
		if x.Payment != "" {
			m["payment"] = x.Payment
		}
		b, _ := json.Marshal(m)
		w.Write(b)
		w.WriteByte('\n')
	}
	if err := w.Flush(); err != nil {
		fail("%v", err)
	}
	f.Close()

	groups := map[string]*truthGroup{}
	var order []string
	counts := map[string]int{}
	for _, x := range recs {
		counts[byID[x.Account].group]++
	}
	var truth struct {
		Rings  []*truthGroup `json:"rings"`
		Decoys []*truthGroup `json:"decoys"`
	}
	for _, a := range accts {
		g, ok := groups[a.group]
		if !ok {
			g = &truthGroup{ID: a.group, Kind: a.kind}
			groups[a.group] = g
			order = append(order, a.group)
			if a.ring {
				truth.Rings = append(truth.Rings, g)
			} else {
				truth.Decoys = append(truth.Decoys, g)
			}
		}
		g.Accounts = append(g.Accounts, a.id)
	}
	b, _ := json.MarshalIndent(truth, "", " ")
	if err := os.WriteFile(*truthPath, append(b, '\n'), 0o644); err != nil {
		fail("%v", err)
	}
	if !*quiet {
		for _, k := range order {
			fmt.Fprintf(os.Stderr, "%-22s %6d accounts %8d records\n", k, len(groups[k].Accounts), counts[k])
		}
		fmt.Fprintf(os.Stderr, "%-22s %6d accounts %8d records\n", "total", len(accts), len(recs))
	}
}

func fail(f string, a ...any) {
	fmt.Fprintf(os.Stderr, "probe9: "+f+"\n", a...)
	os.Exit(1)
}
