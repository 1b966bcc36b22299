// Command probe10 generates the tenth black-box probe's scenario for ringlink: JSON Lines traffic
// (--out) and its ground truth (--truth), from --seed alone. README.md describes the populations.
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
	"strconv"
	"strings"
	"time"
)

const (
	nDays = 14
	dayMs = int64(86400000)
	hrMs  = int64(3600000)
	minMs = int64(60000)
	secMs = int64(1000)
)

var (
	// 2028-10-02 is a Monday; the window is two weeks.
	t0 = time.Date(2028, 10, 2, 0, 0, 0, 0, time.UTC).UnixMilli()
	t1 = t0 + nDays*dayMs
	// The API was down on Wednesday of the second week, 14:10 to 15:25 UTC.
	incS = t0 + 9*dayMs + 14*hrMs + 10*minMs
	incE = t0 + 9*dayMs + 15*hrMs + 25*minMs
)

// ---------------------------------------------------------------------------------------------
// records, groups, registries

type rec struct {
	t      int64
	seq    int32
	tok    int32
	signup bool
	acct   string
	ip     string
	dev    string
	pay    string
	email  string
	prompt string
}

type group struct {
	ID       string   `json:"id"`
	Kind     string   `json:"kind"`
	Accounts []string `json:"accounts"`
	ring     bool
}

type world struct {
	seed   uint64
	recs   []rec
	owner  map[string]*group
	mail   map[string]string
	cards  map[string]bool
	homes  map[string]bool
	groups []*group
	gByID  map[string]*group
	inf    *infra
	bg     []*person
	notes  []string
}

func (w *world) note(format string, a ...any) { w.notes = append(w.notes, fmt.Sprintf(format, a...)) }

func fnv64(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(s))
	return h.Sum64()
}

func (w *world) stream(name string) *rand.Rand {
	return rand.New(rand.NewPCG(w.seed, fnv64("probe10/"+name)))
}

func (w *world) group(id, kind string, ring bool) *group {
	if g, ok := w.gByID[id]; ok {
		return g
	}
	g := &group{ID: id, Kind: kind, ring: ring}
	w.groups = append(w.groups, g)
	w.gByID[id] = g
	return g
}

const idChars = "abcdefghijklmnopqrstuvwxyz0123456789"

func (w *world) newAcct(r *rand.Rand, g *group) string {
	b := make([]byte, 12)
	for i := range b {
		b[i] = idChars[r.IntN(len(idChars))]
	}
	id := "acct_" + string(b)
	for k := 2; w.owner[id] != nil; k++ {
		id = "acct_" + string(b) + strconv.Itoa(k)
	}
	w.owner[id] = g
	g.Accounts = append(g.Accounts, id)
	return id
}

// move puts an account into another group (the doppelganger ring's victims leave the background).
func (w *world) move(acct string, to *group) {
	from := w.owner[acct]
	for i, a := range from.Accounts {
		if a == acct {
			from.Accounts = append(from.Accounts[:i], from.Accounts[i+1:]...)
			break
		}
	}
	to.Accounts = append(to.Accounts, acct)
	w.owner[acct] = to
}

func canon(e string) string {
	e = strings.ToLower(e)
	at := strings.LastIndex(e, "@")
	local, dom := e[:at], e[at+1:]
	if i := strings.Index(local, "+"); i >= 0 {
		local = local[:i]
	}
	if dom == "gmail.com" || dom == "googlemail.com" {
		local = strings.ReplaceAll(local, ".", "")
		dom = "gmail.com"
	}
	return local + "@" + dom
}

// email registers an address for acct. A canonical mailbox another account holds gets the account
// id's tail appended (no draw), unless share is set (an address meant to share a mailbox).
func (w *world) email(acct, addr string, share bool) string {
	if share {
		w.mail[canon(addr)] = acct
		return addr
	}
	at := strings.LastIndex(addr, "@")
	local, dom := addr[:at], addr[at+1:]
	if i := strings.Index(local, "+"); i >= 0 {
		local = local[:i]
	}
	for k := 4; ; k++ {
		if _, taken := w.mail[canon(addr)]; !taken {
			break
		}
		tail := acct[len(acct)-min(k, 12):]
		if k > 12 {
			tail += strconv.Itoa(k)
		}
		addr = local + tail + "@" + dom
	}
	w.mail[canon(addr)] = acct
	return addr
}

func (w *world) card(r *rand.Rand, acct string, bins []string) string {
	bin := bins[r.IntN(len(bins))]
	v := fmt.Sprintf("cc_%s_%04d_%02d%02d", bin, r.IntN(10000), 1+r.IntN(12), 29+r.IntN(5))
	for k := 4; w.cards[v]; k += 2 {
		v = fmt.Sprintf("cc_%s_%s", bin, acct[len(acct)-min(k, 12):])
	}
	w.cards[v] = true
	return v
}

func (w *world) signup(acct string, t int64, ip, dev, pay, email string) {
	w.recs = append(w.recs, rec{t: t, seq: int32(len(w.recs)), signup: true, acct: acct, ip: ip, dev: dev, pay: pay, email: email})
}

// req records one exchange. Requests that fall in the outage do not happen: automated clients
// retry just after it ends (with backoff), people mostly give up or come back later.
func (w *world) req(r *rand.Rand, auto bool, acct string, t int64, ip, dev, pay, prompt string, tok int) {
	if t >= incS && t < incE {
		if auto {
			t = incE + 500 + int64(r.Float64()*r.Float64()*180000)
		} else if r.Float64() < 0.55 {
			return
		} else {
			t = incE + int64((5+r.Float64()*85)*float64(minMs))
		}
	}
	if t < t0 || t >= t1 {
		return
	}
	if tok < 1 {
		tok = 1
	}
	w.recs = append(w.recs, rec{t: t, seq: int32(len(w.recs)), acct: acct, ip: ip, dev: dev, pay: pay, prompt: prompt, tok: int32(tok)})
}

// ---------------------------------------------------------------------------------------------
// random helpers

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

func chance(r *rand.Rand, p float64) bool { return r.Float64() < p }

func between(r *rand.Rand, a, b int) int { return a + r.IntN(b-a+1) }

func uniform(r *rand.Rand, a, b float64) float64 { return a + r.Float64()*(b-a) }

func lognorm(r *rand.Rand, median, sigma float64) float64 {
	return median * math.Exp(sigma*r.NormFloat64())
}

func lognormI(r *rand.Rand, median, sigma float64, lo, hi int) int {
	v := int(math.Round(lognorm(r, median, sigma)))
	return max(lo, min(hi, v))
}

func pickW(r *rand.Rand, ws []float64) int {
	s := 0.0
	for _, x := range ws {
		s += x
	}
	u := r.Float64() * s
	for i, x := range ws {
		if u < x {
			return i
		}
		u -= x
	}
	return len(ws) - 1
}

func zipfW(n int, s float64) []float64 {
	ws := make([]float64, n)
	for i := range ws {
		ws[i] = 1 / math.Pow(float64(i+1), s)
	}
	return ws
}

func hex(r *rand.Rand, n int) string {
	const h = "0123456789abcdef"
	b := make([]byte, n)
	for i := range b {
		b[i] = h[r.IntN(16)]
	}
	return string(b)
}

func cap1(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// ---------------------------------------------------------------------------------------------
// time helpers

// local converts a local day (0 = Monday 2 October) and minute of that local day to UTC ms.
func local(d int, minute float64, off int) int64 {
	return t0 + int64(d)*dayMs + int64((minute-float64(off))*float64(minMs))
}

func localDay(t int64, off int) int {
	return int(math.Floor(float64(t+int64(off)*minMs-t0) / float64(dayMs)))
}

func localHour(t int64, off int) int {
	m := ((t+int64(off)*minMs-t0)%dayMs + dayMs) % dayMs
	return int(m / hrMs)
}

func weekend(d int) bool { return d%7 == 5 || d%7 == 6 }

// Hour-of-day weights (local time).
var (
	hwPerson  = []float64{1, .5, .3, .15, .1, .2, .6, 1.5, 2.5, 3.5, 4, 4.2, 4.2, 4, 4, 4, 4.2, 4.5, 5, 5.5, 5.8, 5.2, 3.8, 2.2}
	hwWork    = []float64{0, 0, 0, 0, 0, 0, .1, .6, 2.5, 5, 5.5, 5, 3.5, 4.5, 5, 5, 4.5, 3, 1.2, .5, .3, .2, 0, 0}
	hwEvening = []float64{3.5, 2.5, 1.2, .5, .2, .1, .1, .2, .4, .6, .8, 1, 1.2, 1.3, 1.4, 1.6, 2, 2.8, 3.8, 4.8, 5.5, 5.8, 5.5, 4.6}
	hwStudent = []float64{1.2, .6, .3, .1, .1, .1, .3, .8, 1.5, 2, 2.2, 2.2, 2, 2.2, 2.6, 3.2, 4, 4.5, 4.6, 5, 5.4, 5.3, 4.2, 2.5}
)

// sessionList draws about n request times for one account, grouped in sessions: requests
// gapLo..gapHi seconds apart, sessions on days from `from` on, at local hours drawn from hw
// (weekend days weighted wk), perSess requests per session on average.
func sessionList(r *rand.Rand, n int, from int64, off int, hw []float64, wk float64, perSess float64, gapLo, gapHi float64) [][]int64 {
	if from < t0 {
		from = t0
	}
	first := max(0, localDay(from, off))
	var dayW []float64
	var dayIdx []int
	for d := first; d <= nDays; d++ {
		x := 1.0
		if weekend(d) {
			x = wk
		}
		dayW = append(dayW, x)
		dayIdx = append(dayIdx, d)
	}
	var out [][]int64
	done := 0
	for done < n {
		k := 1
		for k < n-done && r.Float64() > 1/perSess {
			k++
		}
		var t int64
		ok := false
		for try := 0; try < 6; try++ {
			d := dayIdx[pickW(r, dayW)]
			t = local(d, float64(pickW(r, hw)*60)+r.Float64()*60, off)
			if t > from+30*secMs && t < t1 {
				ok = true
				break
			}
		}
		if !ok {
			t = from + 30*secMs + int64(r.Float64()*float64(min(6*hrMs, max(t1-from-90*secMs, 1))))
		}
		s := make([]int64, 0, k)
		for i := 0; i < k; i++ {
			s = append(s, t)
			t += int64(uniform(r, gapLo, gapHi) * 1000)
		}
		out = append(out, s)
		done += k
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	return out
}

func sessions(r *rand.Rand, n int, from int64, off int, hw []float64, wk float64, perSess float64, gapLo, gapHi float64) []int64 {
	var out []int64
	for _, s := range sessionList(r, n, from, off, hw, wk, perSess, gapLo, gapHi) {
		out = append(out, s...)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// batchTimes gives the completion times of n batch items submitted at `submit`: the provider
// queues the batch (longer at its peak, 13:00-22:00 UTC), then works through it at a rate that
// depends on its load; the outage pauses the work.
func batchTimes(r *rand.Rand, submit int64, n int) []int64 {
	if submit >= incS && submit < incE {
		submit = incE + int64(uniform(r, 20, 240)*1000)
	}
	h := int((submit - t0) % dayMs / hrMs)
	peak := h >= 13 && h < 22
	var delay, rate float64
	if peak {
		delay = lognorm(r, 70, 0.6)
		rate = uniform(r, 8, 30)
	} else {
		delay = lognorm(r, 12, 0.7)
		rate = uniform(r, 25, 90)
	}
	t := float64(submit) + delay*float64(minMs)
	out := make([]int64, 0, n)
	for i := 0; i < n; i++ {
		t += r.ExpFloat64() / rate * float64(minMs)
		if int64(t) >= incS && int64(t) < incE {
			t = float64(incE) + uniform(r, 30, 150)*1000
		}
		out = append(out, int64(t))
	}
	return out
}

// ---------------------------------------------------------------------------------------------
// infrastructure: regions, address space, devices

type net24 [3]byte

func (n net24) host(h int) string { return fmt.Sprintf("%d.%d.%d.%d", n[0], n[1], n[2], h) }

type region struct {
	code    string
	off     int
	culture string
	prov    []string
	provW   []float64
	isps    [][]net24
	ispV6   []string
	v6sub   [][]uint16
	carr    [][]net24
	biz     []net24
	bins    []string
	offices []string
}

type infra struct {
	regions   []*region
	by        map[string]*region
	cloud     []net24
	hosting   []net24
	popDesk   []string
	popPhone  []string
	deskW     []float64
	phoneW    []float64
	sdkPy     string
	sdkNode   string
	sdkHttpx  string
	sdkCurl   string
	sdkReq    string
	pcDC      map[string][]net24
	pcFP      []string
	apn       []net24
	truckStop []string
	used16    map[[2]byte]bool
}

var regionDefs = []struct {
	code, culture string
	off           int
	prov          []string
}{
	{"US-E", "en", -240, []string{"gmail.com", "yahoo.com", "outlook.com", "icloud.com", "hotmail.com", "aol.com"}},
	{"US-C", "en", -300, []string{"gmail.com", "yahoo.com", "outlook.com", "icloud.com", "hotmail.com", "comcast.net"}},
	{"US-W", "en", -420, []string{"gmail.com", "icloud.com", "yahoo.com", "outlook.com", "hotmail.com", "proton.me"}},
	{"CA", "en", -240, []string{"gmail.com", "outlook.com", "yahoo.ca", "hotmail.com", "icloud.com", "shaw.ca"}},
	{"UK", "en", 60, []string{"gmail.com", "outlook.com", "hotmail.co.uk", "yahoo.co.uk", "icloud.com", "btinternet.com"}},
	{"DE", "de", 120, []string{"gmail.com", "gmx.de", "web.de", "t-online.de", "outlook.de", "icloud.com"}},
	{"FR", "fr", 120, []string{"gmail.com", "orange.fr", "free.fr", "hotmail.fr", "laposte.net", "outlook.fr"}},
	{"ES", "es", 120, []string{"gmail.com", "hotmail.es", "yahoo.es", "outlook.es", "icloud.com", "telefonica.net"}},
	{"PL", "pl", 120, []string{"gmail.com", "wp.pl", "onet.pl", "o2.pl", "interia.pl", "outlook.com"}},
	{"UA", "ua", 180, []string{"gmail.com", "ukr.net", "i.ua", "outlook.com", "meta.ua", "proton.me"}},
	{"IN", "in", 330, []string{"gmail.com", "yahoo.co.in", "rediffmail.com", "outlook.com", "hotmail.com", "icloud.com"}},
	{"PK", "pk", 300, []string{"gmail.com", "yahoo.com", "hotmail.com", "outlook.com", "live.com", "icloud.com"}},
	{"PH", "ph", 480, []string{"gmail.com", "yahoo.com", "outlook.com", "ymail.com", "icloud.com", "hotmail.com"}},
	{"ID", "id", 420, []string{"gmail.com", "yahoo.co.id", "outlook.com", "ymail.com", "icloud.com", "hotmail.com"}},
	{"BR", "pt", -180, []string{"gmail.com", "hotmail.com", "outlook.com", "yahoo.com.br", "uol.com.br", "bol.com.br"}},
	{"MX", "mx", -360, []string{"gmail.com", "hotmail.com", "outlook.com", "yahoo.com.mx", "live.com.mx", "icloud.com"}},
	{"AU", "en", 660, []string{"gmail.com", "bigpond.com", "outlook.com", "icloud.com", "hotmail.com", "optusnet.com.au"}},
	{"NG", "ng", 60, []string{"gmail.com", "yahoo.com", "outlook.com", "hotmail.com", "ymail.com", "icloud.com"}},
	{"KE", "ke", 180, []string{"gmail.com", "yahoo.com", "outlook.com", "hotmail.com", "icloud.com", "ymail.com"}},
	{"JP", "jp", 540, []string{"gmail.com", "yahoo.co.jp", "icloud.com", "outlook.jp", "docomo.ne.jp", "ezweb.ne.jp"}},
}

var provWeights = []float64{52, 14, 11, 9, 8, 6}

func (f *infra) alloc16(r *rand.Rand) [2]byte {
	for {
		a := between(r, 2, 223)
		switch a {
		case 10, 100, 127, 169, 172, 192, 198, 203:
			continue
		}
		k := [2]byte{byte(a), byte(r.IntN(256))}
		if !f.used16[k] {
			f.used16[k] = true
			return k
		}
	}
}

// alloc24 returns n /24s drawn from fresh /16s, per of them in each /16.
func (f *infra) alloc24(r *rand.Rand, n, per int) []net24 {
	var out []net24
	for len(out) < n {
		b := f.alloc16(r)
		thirds := r.Perm(256)[:per]
		for _, c := range thirds {
			if len(out) < n {
				out = append(out, net24{b[0], b[1], byte(c)})
			}
		}
	}
	return out
}

func newInfra(w *world) *infra {
	r := w.stream("infra")
	f := &infra{by: map[string]*region{}, used16: map[[2]byte]bool{}, pcDC: map[string][]net24{}}
	for _, d := range regionDefs {
		g := &region{code: d.code, culture: d.culture, off: d.off, prov: d.prov, provW: provWeights}
		for i := 0; i < 3; i++ {
			g.isps = append(g.isps, f.alloc24(r, 96, 48))
			g.ispV6 = append(g.ispV6, fmt.Sprintf("2a%02x:%x", 0x00+r.IntN(16), 0x1000+r.IntN(0xefff)))
			var subs []uint16
			for j := 0; j < 8; j++ {
				subs = append(subs, uint16(r.IntN(0x10000)))
			}
			g.v6sub = append(g.v6sub, subs)
		}
		for i := 0; i < 2; i++ {
			g.carr = append(g.carr, f.alloc24(r, 3, 3))
		}
		g.biz = f.alloc24(r, 30, 15)
		for i := 0; i < 8; i++ {
			first := []string{"4", "5", "4", "5", "4", "37", "6", "4"}[i]
			g.bins = append(g.bins, first+strconv.Itoa(100000 + r.IntN(899999))[:6-len(first)])
		}
		// Offices: small firms' NAT addresses in business /24s.
		for i := 0; i < 260; i++ {
			g.offices = append(g.offices, g.biz[r.IntN(len(g.biz))].host(between(r, 2, 254)))
		}
		f.regions = append(f.regions, g)
		f.by[g.code] = g
	}
	f.cloud = f.alloc24(r, 200, 20)
	f.hosting = f.alloc24(r, 40, 10)
	for i := 0; i < 16; i++ {
		f.popDesk = append(f.popDesk, "fp_"+hex(r, 16))
	}
	for i := 0; i < 10; i++ {
		f.popPhone = append(f.popPhone, "fp_"+hex(r, 16))
	}
	f.deskW = zipfW(16, 1.1)
	f.phoneW = zipfW(10, 1.0)
	f.sdkPy, f.sdkNode, f.sdkHttpx, f.sdkCurl, f.sdkReq = "fp_"+hex(r, 16), "fp_"+hex(r, 16), "fp_"+hex(r, 16), "fp_"+hex(r, 16), "fp_"+hex(r, 16)
	for _, dc := range []string{"US-E", "US-C", "US-W", "UK", "DE"} {
		f.pcDC[dc] = f.alloc24(r, 4, 4)
	}
	for i := 0; i < 4; i++ { // chrome and edge on image 41, then on image 42
		f.pcFP = append(f.pcFP, "fp_"+hex(r, 16))
	}
	f.apn = f.alloc24(r, 2, 2)
	ts := f.alloc24(r, 2, 2)
	for i := 0; i < 40; i++ {
		f.truckStop = append(f.truckStop, ts[i%2].host(10+i))
	}
	return f
}

// ---------------------------------------------------------------------------------------------
// names and mail

var firstNames = map[string][]string{
	"en": {"james", "mary", "robert", "patricia", "john", "jennifer", "michael", "linda", "david", "elizabeth", "william", "barbara", "richard", "susan", "joseph", "jessica", "thomas", "sarah", "chris", "karen", "daniel", "nancy", "matthew", "lisa", "anthony", "emily", "mark", "ashley", "ryan", "megan", "kevin", "rachel", "brian", "laura", "jason", "amanda", "tyler", "hannah", "ethan", "olivia", "noah", "emma", "liam", "ava", "logan", "chloe", "grace", "jack", "sophie", "harry"},
	"de": {"lukas", "leon", "finn", "jonas", "paul", "felix", "maximilian", "elias", "anna", "lena", "lea", "hannah", "sophie", "marie", "laura", "julia", "katrin", "sabine", "thomas", "stefan", "andreas", "michael", "jan", "tim", "nina", "jana"},
	"fr": {"lucas", "hugo", "louis", "gabriel", "arthur", "jules", "emma", "jade", "louise", "alice", "chloe", "lea", "manon", "camille", "nicolas", "julien", "thomas", "pierre", "marie", "claire", "sophie", "antoine", "mathieu", "elodie", "ines", "theo"},
	"es": {"hugo", "martin", "lucas", "mateo", "leo", "daniel", "alejandro", "pablo", "lucia", "sofia", "martina", "maria", "julia", "paula", "valeria", "carmen", "javier", "sergio", "carlos", "ana", "laura", "elena", "diego", "andrea", "raul", "marta"},
	"mx": {"jose", "juan", "luis", "carlos", "miguel", "jorge", "fernanda", "ximena", "guadalupe", "sofia", "valeria", "camila", "diego", "alejandro", "daniela", "andrea", "ricardo", "eduardo", "mariana", "gabriela", "javier", "paola", "hector", "karla"},
	"pt": {"miguel", "arthur", "gael", "heitor", "theo", "davi", "gabriel", "bernardo", "helena", "alice", "laura", "maria", "valentina", "heloisa", "julia", "ana", "beatriz", "lucas", "pedro", "rafael", "mariana", "fernanda", "joao", "camila", "bruno", "larissa"},
	"pl": {"jakub", "antoni", "jan", "szymon", "franciszek", "filip", "aleksander", "mikolaj", "zuzanna", "julia", "zofia", "hanna", "maja", "lena", "alicja", "oliwia", "piotr", "tomasz", "pawel", "katarzyna", "agnieszka", "magdalena", "marcin", "michal"},
	"ua": {"oleksandr", "andriy", "dmytro", "serhiy", "volodymyr", "maksym", "ivan", "mykola", "olena", "iryna", "natalia", "tetiana", "oksana", "yulia", "kateryna", "anastasia", "viktoria", "yurii", "bohdan", "taras"},
	"in": {"aarav", "vivaan", "aditya", "arjun", "rohan", "rahul", "amit", "priya", "ananya", "diya", "isha", "kavya", "neha", "pooja", "sneha", "vikram", "sanjay", "deepak", "anjali", "riya", "karan", "nikhil", "meera", "divya", "suresh", "lakshmi"},
	"pk": {"muhammad", "ali", "ahmed", "hassan", "usman", "bilal", "hamza", "zain", "fatima", "ayesha", "sana", "hira", "maryam", "zainab", "amna", "saad", "imran", "kashif", "faisal", "sara", "umar", "mahnoor"},
	"ph": {"juan", "jose", "mark", "john", "paul", "michael", "christian", "angelo", "maria", "angel", "kristine", "mary", "joy", "jasmine", "nicole", "princess", "rhea", "jerome", "carlo", "bea", "patricia", "gabriel", "aira", "jericho"},
	"id": {"budi", "agus", "andi", "dewi", "siti", "rina", "putri", "ayu", "rizky", "fajar", "dimas", "eka", "indah", "sri", "wahyu", "yusuf", "nur", "fitri", "adi", "bayu", "galih", "intan"},
	"ng": {"chinedu", "emeka", "oluwaseun", "tunde", "ifeanyi", "chukwuemeka", "ngozi", "adaeze", "funmilayo", "yetunde", "aisha", "fatima", "ibrahim", "musa", "bola", "kemi", "tobi", "uche", "segun", "amaka", "damilola", "femi"},
	"ke": {"brian", "kevin", "dennis", "collins", "felix", "faith", "mercy", "joy", "grace", "esther", "wanjiru", "akinyi", "otieno", "kamau", "mwangi", "njeri", "wambui", "kiprono", "cheruiyot", "achieng", "moses", "caroline"},
	"jp": {"haruto", "yuto", "sota", "yuki", "hayato", "ren", "hina", "yui", "sakura", "mio", "aoi", "yuna", "kenji", "takashi", "hiroshi", "akiko", "yumi", "naoko", "daiki", "riku"},
}

var lastNames = map[string][]string{
	"en": {"smith", "johnson", "williams", "brown", "jones", "garcia", "miller", "davis", "wilson", "anderson", "taylor", "thomas", "moore", "jackson", "martin", "lee", "thompson", "white", "harris", "clark", "lewis", "robinson", "walker", "young", "allen", "king", "wright", "scott", "green", "baker", "adams", "nelson", "hill", "campbell", "mitchell", "roberts", "carter", "phillips", "evans", "turner", "parker", "collins", "edwards", "stewart", "morris", "murphy", "cook", "rogers", "morgan", "cooper", "bell", "ward", "hughes", "wood"},
	"de": {"mueller", "schmidt", "schneider", "fischer", "weber", "meyer", "wagner", "becker", "schulz", "hoffmann", "koch", "richter", "klein", "wolf", "schroeder", "neumann", "schwarz", "zimmermann", "braun", "krueger", "hofmann", "hartmann", "lange", "werner"},
	"fr": {"martin", "bernard", "dubois", "thomas", "robert", "richard", "petit", "durand", "leroy", "moreau", "simon", "laurent", "lefebvre", "michel", "garcia", "david", "bertrand", "roux", "vincent", "fournier", "morel", "girard", "andre", "mercier", "blanc"},
	"es": {"garcia", "rodriguez", "gonzalez", "fernandez", "lopez", "martinez", "sanchez", "perez", "gomez", "martin", "jimenez", "ruiz", "hernandez", "diaz", "moreno", "munoz", "alvarez", "romero", "alonso", "gutierrez", "navarro", "torres", "dominguez", "vazquez", "ramos"},
	"mx": {"hernandez", "garcia", "martinez", "lopez", "gonzalez", "perez", "rodriguez", "sanchez", "ramirez", "cruz", "flores", "gomez", "morales", "vazquez", "reyes", "jimenez", "torres", "diaz", "gutierrez", "ruiz", "mendoza", "aguilar"},
	"pt": {"silva", "santos", "oliveira", "souza", "rodrigues", "ferreira", "alves", "pereira", "lima", "gomes", "costa", "ribeiro", "martins", "carvalho", "almeida", "lopes", "soares", "fernandes", "vieira", "barbosa", "rocha", "dias", "nascimento", "andrade", "moreira"},
	"pl": {"nowak", "kowalski", "wisniewski", "wojcik", "kowalczyk", "kaminski", "lewandowski", "zielinski", "szymanski", "wozniak", "dabrowski", "kozlowski", "jankowski", "mazur", "kwiatkowski", "krawczyk", "piotrowski", "grabowski", "nowakowski", "pawlowski"},
	"ua": {"melnyk", "shevchenko", "kovalenko", "bondarenko", "boyko", "tkachenko", "kravchenko", "oliynyk", "shevchuk", "koval", "polishchuk", "bondar", "tkachuk", "moroz", "marchenko", "lysenko", "rudenko", "savchenko", "petrenko", "kuzmenko"},
	"in": {"sharma", "verma", "gupta", "singh", "kumar", "patel", "reddy", "iyer", "nair", "joshi", "mehta", "shah", "rao", "das", "mishra", "agarwal", "chopra", "malhotra", "bhat", "pillai", "menon", "kapoor", "saxena", "banerjee", "mukherjee"},
	"pk": {"khan", "ahmed", "ali", "hussain", "shah", "malik", "qureshi", "butt", "chaudhry", "sheikh", "raza", "iqbal", "siddiqui", "mirza", "abbasi", "javed", "aslam", "akhtar", "rana", "anwar"},
	"ph": {"santos", "reyes", "cruz", "bautista", "ocampo", "garcia", "mendoza", "torres", "tomas", "andrada", "castillo", "flores", "villanueva", "ramos", "castro", "rivera", "aquino", "navarro", "salazar", "mercado", "delacruz", "gonzales"},
	"id": {"santoso", "wijaya", "saputra", "pratama", "hidayat", "nugroho", "kurniawan", "setiawan", "wibowo", "susanto", "putra", "lestari", "rahman", "gunawan", "halim", "siregar", "nasution", "hakim", "utomo", "sihombing"},
	"ng": {"okafor", "adeyemi", "okonkwo", "balogun", "eze", "nwosu", "ogunleye", "adebayo", "ibrahim", "bello", "okeke", "onyeka", "abubakar", "danjuma", "olawale", "chukwu", "obi", "adeleke", "nnamdi", "afolabi"},
	"ke": {"otieno", "mwangi", "kamau", "ochieng", "wanjiku", "kariuki", "njoroge", "kiplagat", "onyango", "mutua", "kimani", "odhiambo", "wafula", "kipkemboi", "chebet", "maina", "omondi", "wekesa", "nyambura", "rotich"},
	"jp": {"sato", "suzuki", "takahashi", "tanaka", "watanabe", "ito", "yamamoto", "nakamura", "kobayashi", "kato", "yoshida", "yamada", "sasaki", "yamaguchi", "matsumoto", "inoue", "kimura", "hayashi", "shimizu", "mori"},
}

func names(r *rand.Rand, culture string) (string, string) {
	return pick(r, firstNames[culture]), pick(r, lastNames[culture])
}

// localPart builds a mailbox name the way people pick them.
func localPart(r *rand.Rand, first, last string) string {
	n := func(lo, hi int) string { return strconv.Itoa(between(r, lo, hi)) }
	var s string
	switch pickW(r, []float64{22, 14, 6, 16, 10, 10, 8, 6, 8}) {
	case 0:
		s = first + "." + last
	case 1:
		s = first + last
	case 2:
		s = first + "_" + last
	case 3:
		s = first + "." + last + n(1, 99)
	case 4:
		s = first[:1] + last + n(1, 9999)
	case 5:
		s = first + n(1960, 2009)
	case 6:
		s = last + "." + first + n(1, 99)
	case 7:
		s = first + last[:1] + n(10, 999)
	default:
		s = first + "." + last[:1] + n(1, 999)
	}
	if chance(r, 0.04) {
		s = cap1(s)
	}
	return s
}

func (w *world) personalEmail(r *rand.Rand, acct string, g *region, first, last string) string {
	dom := g.prov[pickW(r, g.provW)]
	lp := localPart(r, first, last)
	if dom == "gmail.com" && chance(r, 0.04) {
		lp += "+" + pick(r, []string{"ai", "tools", "work", "signup", "chat"})
	}
	return w.email(acct, lp+"@"+dom, false)
}

// ---------------------------------------------------------------------------------------------
// people: homes, devices, cards

type person struct {
	acct      string
	reg       *region
	isp       int
	home      []string
	moveAt    int64
	v6        string
	desk      string
	phone     string
	phoneOnly bool
	card      string
	mail      string
	first     string
	last      string
	signup    int64
	office    string
}

func (w *world) homeAddr(r *rand.Rand, g *region, isp int) string {
	nets := g.isps[isp]
	i, h := r.IntN(len(nets)), between(r, 2, 199)
	for {
		a := nets[i].host(h)
		if !w.homes[a] {
			w.homes[a] = true
			return a
		}
		h++
		if h > 199 {
			h, i = 2, (i+1)%len(nets)
		}
	}
}

func (p *person) homeIP(t int64) string {
	if p.v6 != "" {
		day := (t - t0) / dayMs
		if t < t0 {
			day = -1 - (t0-t)/dayMs
		}
		h := fnv64(p.acct + "/" + strconv.FormatInt(day, 10))
		return fmt.Sprintf("%s:%x:%x:%x:%x", p.v6, uint16(h)|1, uint16(h>>16), uint16(h>>32), uint16(h>>48))
	}
	if len(p.home) > 1 && t >= p.moveAt {
		return p.home[1]
	}
	return p.home[0]
}

func (f *infra) desktopFP(r *rand.Rand, pPopular float64) string {
	if chance(r, pPopular) {
		return f.popDesk[pickW(r, f.deskW)]
	}
	return "fp_" + hex(r, 16)
}

func (f *infra) phoneFP(r *rand.Rand, pPopular float64) string {
	if chance(r, pPopular) {
		return f.popPhone[pickW(r, f.phoneW)]
	}
	return "fp_" + hex(r, 16)
}

func (f *infra) carrierIP(r *rand.Rand, g *region) string {
	c := g.carr[r.IntN(len(g.carr))]
	return c[r.IntN(len(c))].host(between(r, 1, 254))
}

func (f *infra) exitIP(r *rand.Rand, g *region) string {
	isp := g.isps[r.IntN(len(g.isps))]
	return isp[r.IntN(len(isp))].host(between(r, 2, 254))
}

// newPerson makes an ordinary person: a home (20 % move once, 12 % on IPv6), a desktop and a phone
// or a phone only, and a mailbox. Cards and signups are set by the caller.
func (w *world) newPerson(r *rand.Rand, g *group, reg *region, phoneOnly float64) *person {
	f := w.inf
	p := &person{reg: reg}
	p.acct = w.newAcct(r, g)
	p.isp = r.IntN(len(reg.isps))
	p.home = []string{w.homeAddr(r, reg, p.isp)}
	if chance(r, 0.2) {
		p.home = append(p.home, w.homeAddr(r, reg, r.IntN(len(reg.isps))))
		p.moveAt = t0 + int64(r.Float64()*float64(nDays*dayMs))
	}
	if chance(r, 0.12) {
		sub := reg.v6sub[p.isp][r.IntN(8)]
		p.v6 = fmt.Sprintf("%s:%x:%x00", reg.ispV6[p.isp], sub, 1+r.IntN(255))
	}
	p.phoneOnly = chance(r, phoneOnly)
	p.phone = f.phoneFP(r, 0.8)
	if !p.phoneOnly {
		p.desk = f.desktopFP(r, 0.55)
		if chance(r, 0.4) {
			p.phone = ""
		}
	}
	p.first, p.last = names(r, reg.culture)
	p.mail = w.personalEmail(r, p.acct, reg, p.first, p.last)
	return p
}

// where gives the address and device of one request by an ordinary person at t.
func (w *world) where(r *rand.Rand, p *person, t int64, atWork bool) (string, string) {
	if atWork && p.office != "" {
		if p.desk != "" && chance(r, 0.85) {
			return p.office, p.desk
		}
		if p.phone != "" {
			return p.office, p.phone
		}
	}
	if p.desk != "" && (p.phone == "" || chance(r, 0.65)) {
		return p.homeIP(t), p.desk
	}
	ph := p.phone
	if ph == "" {
		ph = p.desk
	}
	if chance(r, 0.6) {
		return p.homeIP(t), ph
	}
	return w.inf.carrierIP(r, p.reg), ph
}

func signupBefore(r *rand.Rand, maxDays float64) int64 {
	return t0 - int64(uniform(r, 1, maxDays)*float64(dayMs)) - int64(r.Float64()*float64(dayMs))
}

func signupDuring(r *rand.Rand, off int, lastDay int) int64 {
	d := r.IntN(lastDay + 1)
	return local(d, float64(pickW(r, hwPerson)*60)+r.Float64()*60, off)
}

// ---------------------------------------------------------------------------------------------
// output

func appendJSONString(b []byte, s string) []byte {
	const hx = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c == '\n':
			b = append(b, '\\', 'n')
		case c == '\t':
			b = append(b, '\\', 't')
		case c < 0x20:
			b = append(b, '\\', 'u', '0', '0', hx[c>>4], hx[c&15])
		default:
			b = append(b, c)
		}
	}
	return append(b, '"')
}

func (w *world) write(out, truth string) error {
	sort.Slice(w.recs, func(i, j int) bool {
		if w.recs[i].t != w.recs[j].t {
			return w.recs[i].t < w.recs[j].t
		}
		return w.recs[i].seq < w.recs[j].seq
	})
	fo, err := os.Create(out)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(fo, 1<<20)
	var b []byte
	for i := range w.recs {
		x := &w.recs[i]
		b = b[:0]
		b = append(b, `{"ts":"`...)
		b = time.UnixMilli(x.t).UTC().AppendFormat(b, "2006-01-02T15:04:05.000Z")
		b = append(b, `","account":`...)
		b = appendJSONString(b, x.acct)
		if x.signup {
			b = append(b, `,"type":"signup"`...)
		}
		for _, kv := range [][2]string{{"ip", x.ip}, {"payment", x.pay}, {"device", x.dev}, {"email", x.email}, {"prompt", x.prompt}} {
			if kv[1] != "" {
				b = append(b, ',')
				b = appendJSONString(b, kv[0])
				b = append(b, ':')
				b = appendJSONString(b, kv[1])
			}
		}
		if !x.signup {
			b = append(b, `,"tokens":`...)
			b = strconv.AppendInt(b, int64(x.tok), 10)
		}
		b = append(b, '}', '\n')
		bw.Write(b)
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if err := fo.Close(); err != nil {
		return err
	}
	type truthFile struct {
		Rings  []*group `json:"rings"`
		Decoys []*group `json:"decoys"`
	}
	var tf truthFile
	for _, g := range w.groups {
		sort.Strings(g.Accounts)
		if g.ring {
			tf.Rings = append(tf.Rings, g)
		} else {
			tf.Decoys = append(tf.Decoys, g)
		}
	}
	js, err := json.MarshalIndent(tf, "", " ")
	if err != nil {
		return err
	}
	return os.WriteFile(truth, append(js, '\n'), 0o644)
}

// check enforces what ingest and eval rely on: one signup per account, no request before it,
// addresses that parse, one group per account.
func (w *world) check() error {
	signups := map[string]int64{}
	for _, x := range w.recs {
		if x.signup {
			if _, dup := signups[x.acct]; dup {
				return fmt.Errorf("account %s has two signups", x.acct)
			}
			signups[x.acct] = x.t
		}
		if _, err := netip.ParseAddr(x.ip); err != nil {
			return fmt.Errorf("account %s: bad ip %q", x.acct, x.ip)
		}
	}
	for _, x := range w.recs {
		s, ok := signups[x.acct]
		if !ok {
			return fmt.Errorf("account %s has no signup", x.acct)
		}
		if !x.signup && x.t < s {
			return fmt.Errorf("account %s: request at %d before its signup at %d", x.acct, x.t, s)
		}
	}
	seen := map[string]bool{}
	for _, g := range w.groups {
		for _, a := range g.Accounts {
			if seen[a] {
				return fmt.Errorf("account %s in two groups", a)
			}
			seen[a] = true
			if _, ok := signups[a]; !ok {
				return fmt.Errorf("account %s of %s has no records", a, g.ID)
			}
		}
	}
	if len(seen) != len(signups) {
		return fmt.Errorf("%d accounts with records, %d in groups", len(signups), len(seen))
	}
	return nil
}

func main() {
	seed := flag.Uint64("seed", 1, "scenario seed")
	out := flag.String("out", "traffic.jsonl", "JSON Lines traffic to write")
	truth := flag.String("truth", "truth.json", "ground truth to write")
	quiet := flag.Bool("quiet", false, "no per-population summary on stderr")
	flag.Parse()
	w := &world{seed: *seed, owner: map[string]*group{}, mail: map[string]string{}, cards: map[string]bool{}, homes: map[string]bool{}, gByID: map[string]*group{}}
	w.inf = newInfra(w)

	type step struct {
		name string
		fn   func(*world)
	}
	steps := []step{
		{"background", genBackground},
		{"cloud-pc", genCloudPC},
		{"fleet-tablets", genFleet},
		{"gig-seats", genGigSeats},
		{"prompt-market", genPromptMarket},
		{"batch-customers", genBatchCustomers},
		{"ring-step-relay", genStepRelay},
		{"ring-doppelganger", genDoppelganger},
		{"ring-batch-harvest", genBatchHarvest},
	}
	for _, s := range steps {
		n0 := len(w.recs)
		s.fn(w)
		if !*quiet {
			fmt.Fprintf(os.Stderr, "%-20s %8d records\n", s.name, len(w.recs)-n0)
		}
	}
	if err := w.check(); err != nil {
		fmt.Fprintln(os.Stderr, "probe10:", err)
		os.Exit(1)
	}
	if !*quiet {
		for _, g := range w.groups {
			kind := "decoy"
			if g.ring {
				kind = "ring"
			}
			fmt.Fprintf(os.Stderr, "%-5s %-22s %6d accounts\n", kind, g.ID, len(g.Accounts))
		}
		for _, n := range w.notes {
			fmt.Fprintln(os.Stderr, n)
		}
		fmt.Fprintf(os.Stderr, "total %d records, %d accounts\n", len(w.recs), len(w.owner))
	}
	if err := w.write(*out, *truth); err != nil {
		fmt.Fprintln(os.Stderr, "probe10:", err)
		os.Exit(1)
	}
}

// ---------------------------------------------------------------------------------------------
// everyday prompts

var (
	greetings = []string{"hey ", "hi ", "hello, ", "quick question: ", "ok so ", "hey there, "}
	tails     = []string{"?", " thanks", " pls", "!!", " thank you!", " - keep it short", " asap", " :)", " ty"}
	howTasks  = []string{"unclog a bathroom sink", "get rid of fruit flies", "remove a stripped screw", "fix a squeaky door hinge", "clean a cast iron pan", "get red wine out of carpet", "lower my electricity bill", "negotiate a higher salary", "stop procrastinating", "fall asleep faster", "start running when im out of shape", "back up my iphone to my laptop", "set up a budget spreadsheet", "reset my router", "make my wifi faster", "grow tomatoes on a balcony", "train my puppy to stop biting", "cancel a gym membership", "dispute a charge on my credit card", "write a good resume summary", "prepare for a job interview", "learn to touch type", "meal prep for a week", "descale a kettle", "repot a monstera", "jump start a car", "change a bike tire", "freeze fresh herbs", "keep cut flowers fresh longer", "remove rust from tools", "get my toddler to sleep through the night", "paint a room without streaks", "patch a hole in drywall", "make cold brew at home", "clean white sneakers", "stop my glasses from fogging", "save money on groceries", "improve my credit score", "fix a running toilet", "get better at public speaking"}
	concepts  = []string{"how inflation works", "what a roth ira is", "compound interest", "how vaccines train the immune system", "black holes", "the difference between weather and climate", "how mortgage amortization works", "what an index fund is", "blockchain", "how noise cancelling headphones work", "the offside rule in soccer", "why the sky is blue", "how credit scores are calculated", "what cholesterol numbers mean", "how solar panels work", "how tariffs affect prices", "what a recession is", "how the electoral college works", "how airplanes stay in the air", "what dark matter is", "how antibiotics work", "the stock market", "how a bill becomes a law", "what quantum computing is", "how heat pumps work"}
	levels    = []string{"", " like im 5", " in simple terms", " briefly", " in detail", " for a 10 year old", " with an example"}
	msgTypes  = []string{"email", "text", "message", "note", "letter", "slack message"}
	people    = []string{"landlord", "boss", "coworker", "neighbor", "sister", "teacher", "mom", "dad", "friend", "client", "team", "kid's coach", "roommate", "doctor's office", "professor"}
	subjects  = []string{"a leaking pipe", "being late tomorrow", "a rent increase", "the noise at night", "rescheduling our meeting", "a birthday party on saturday", "a refund for a broken item", "taking friday off", "splitting the dinner bill", "returning the borrowed drill", "a missed deadline", "my resignation", "a parking issue", "the broken dishwasher", "my son missing practice", "a late payment", "a group trip", "a thank you for the gift"}
	occasions = []string{"birthday party themes", "date night ideas", "names for a bakery", "science fair projects", "team building activities", "weekend activities with kids when it rains", "halloween costumes for couples", "things to do on a long flight", "side hustles", "ways to decorate a small apartment", "podcast names", "fun office games", "gift wrapping ideas", "thanksgiving sides", "baby shower games"}
	ingreds   = []string{"chicken thighs", "rice", "spinach", "eggs", "canned tuna", "sweet potatoes", "ground beef", "chickpeas", "feta", "zucchini", "pasta", "tofu", "black beans", "leftover salmon", "mushrooms", "bell peppers", "potatoes", "coconut milk", "lentils", "broccoli"}
	dishes    = []string{"banana bread", "chicken tikka masala", "sourdough starter", "lasagna", "pad thai", "shakshuka", "chili", "french onion soup", "birria tacos", "carbonara", "apple pie", "dal", "pho", "jollof rice", "adobo", "paella", "pierogi", "ramen eggs"}
	cities    = []string{"lisbon", "tokyo", "mexico city", "new york", "barcelona", "rome", "chicago", "bali", "seoul", "london", "paris", "prague", "cape town", "vancouver", "istanbul", "bangkok", "sydney", "marrakech", "amsterdam", "nashville", "kyoto", "buenos aires"}
	tripCons  = []string{"on a budget", "with kids", "in december", "for a couple", "without a car", "with my parents", "for food lovers", "in the rain season", ""}
	diffPairs = [][2]string{{"baking soda", "baking powder"}, {"a roth ira", "a traditional ira"}, {"affect", "effect"}, {"a virus", "bacteria"}, {"llc", "s corp"}, {"stocks", "bonds"}, {"ram", "storage"}, {"a crocodile", "an alligator"}, {"weather", "climate"}, {"latte", "flat white"}, {"ssd", "hdd"}, {"hmo", "ppo"}, {"empathy", "sympathy"}, {"wifi 6", "wifi 7"}, {"sunscreen spf 30", "spf 50"}}
	symptoms  = []string{"have a headache every morning", "feel tired after eating", "get cramps when running", "have a dry cough for two weeks", "wake up at 3am every night", "have cold hands all the time", "get dizzy when i stand up", "have ringing in my ears"}
	langs     = []string{"spanish", "french", "german", "japanese", "italian", "portuguese", "korean", "polish", "hindi", "tagalog", "english"}
	phrases   = []string{"where is the nearest train station", "i would like to book a table for two", "thank you so much for your help", "can you send me the invoice again", "my flight has been delayed", "how much does this cost", "i am allergic to peanuts", "we will arrive around seven", "sorry i cannot make it tonight", "congratulations on the new job"}
	trivia    = []string{"who invented the telephone", "when did the berlin wall fall", "who painted the mona lisa", "what is the tallest mountain in africa", "how many bones are in the human body", "who won the world cup in 2010", "what is the capital of australia", "when was the first moon landing", "how deep is the mariana trench", "who wrote pride and prejudice", "what language has the most speakers", "why do cats purr"}
	hobbies   = []string{"gardening", "gaming", "coffee", "hiking", "cooking", "photography", "yoga", "fishing", "reading", "golf", "board games", "woodworking", "knitting", "running", "music"}
	products  = [][2]string{{"iphone 17", "pixel 10"}, {"macbook air", "dell xps 13"}, {"airpods pro", "sony xm5"}, {"kindle", "kobo"}, {"ps5", "xbox series x"}, {"dyson v15", "shark stratos"}, {"instant pot", "ninja foodi"}, {"garmin forerunner", "apple watch"}, {"roomba", "roborock"}, {"nikon z6", "sony a7"}}
	uses      = []string{"a student", "travel", "my mom", "gaming", "photos", "working from home", "a small apartment", "running"}
	forms     = []string{"poem", "short story", "haiku", "wedding toast", "limerick", "birthday message", "rap verse", "bedtime story"}
	jobs      = []string{"marketing coordinator", "nurse", "software engineer", "barista", "data analyst", "teacher", "warehouse associate", "project manager", "receptionist", "graphic designer", "sales associate", "accountant"}
	terms     = []string{"rizz", "ebitda", "gaslighting", "quiet quitting", "net present value", "delulu", "synergy", "opportunity cost", "situationship", "kpi", "vibe coding", "amortization"}
)

// Pasted text is built sentence by sentence, so two pastes rarely share a form.
var (
	pSubj = []string{"The delivery", "Our landlord", "The new schedule", "My manager", "The client", "The school", "Your order", "The team", "The contractor", "Our HOA", "The airline", "The clinic", "My neighbor", "The bank", "The project", "This policy", "The city council", "The vendor", "The insurance company", "Our office", "The course", "The warehouse", "The app update", "The hotel"}
	pVerb = []string{"has pushed back", "confirmed", "will not cover", "asked about", "is reviewing", "has cancelled", "forgot to include", "needs approval for", "rejected", "is still waiting on", "updated", "complained about", "approved", "reminded us about", "overcharged us for", "moved", "did not explain", "wants feedback on"}
	pObj  = []string{"the invoice from last month", "the repair in unit %d", "the refund request", "the parking permits", "the quarterly numbers", "the field trip on friday", "the deposit", "the new login process", "the kitchen renovation", "the flight to %s", "the lab results", "the overtime hours", "the shipping label", "the contract renewal", "the broken heater", "the group project", "the late fee of $%d", "the warranty claim", "the seating chart", "the onboarding docs", "order #%d", "the meeting room booking", "the draft budget", "the spring catalog"}
	pTail = []string{"until next week", "because of the storm", "without telling anyone", "after the meeting", "as of monday", "twice already", "despite our emails", "by end of day", "for the third time", "before the %d deadline", "and nobody replied", "so we need a decision", "which is frustrating", "according to the email", "again"}
)

func fillNum(r *rand.Rand, s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	if strings.Contains(s, "%s") {
		return fmt.Sprintf(s, pick(r, cities))
	}
	return fmt.Sprintf(s, between(r, 2, 9999))
}

func pasted(r *rand.Rand, n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(pick(r, pSubj))
		b.WriteByte(' ')
		b.WriteString(pick(r, pVerb))
		b.WriteByte(' ')
		b.WriteString(fillNum(r, pick(r, pObj)))
		if chance(r, 0.7) {
			b.WriteByte(' ')
			b.WriteString(fillNum(r, pick(r, pTail)))
		}
		b.WriteByte('.')
	}
	return b.String()
}

func casual(r *rand.Rand, s string) string {
	if chance(r, 0.12) {
		s = pick(r, greetings) + s
	}
	if chance(r, 0.45) {
		s = cap1(s)
	}
	if chance(r, 0.3) {
		s += pick(r, tails)
	}
	return s
}

// everyday is a prompt an ordinary person sends, with its answer's length in tokens.
func everyday(r *rand.Rand) (string, int) {
	var s string
	tok := lognormI(r, 420, 0.55, 40, 2500)
	switch r.IntN(22) {
	case 0, 1:
		s = "how do i " + pick(r, howTasks)
	case 2:
		s = "explain " + pick(r, concepts) + pick(r, levels)
	case 3, 4:
		s = fmt.Sprintf("write a %s to my %s about %s", pick(r, msgTypes), pick(r, people), pick(r, subjects))
	case 5:
		s = pick(r, []string{"rewrite this to sound more ", "make this more ", "can you make this sound "}) + pick(r, []string{"professional", "friendly", "polite", "confident", "casual", "firm"}) + ": " + pasted(r, between(r, 1, 4))
		tok = lognormI(r, 220, 0.5, 30, 1200)
	case 6:
		s = pick(r, []string{"summarize this: ", "tldr: ", "summarize in 3 bullets: ", "what is this saying? "}) + pasted(r, between(r, 3, 8))
		tok = lognormI(r, 180, 0.5, 30, 900)
	case 7:
		s = fmt.Sprintf("give me %d %s", pick(r, []int{3, 5, 5, 10, 10, 20}), pick(r, occasions))
	case 8:
		s = fmt.Sprintf("what can i make with %s, %s and %s", pick(r, ingreds), pick(r, ingreds), pick(r, ingreds))
	case 9:
		s = pick(r, []string{"recipe for ", "easy ", "best ", "how to make "}) + pick(r, dishes)
	case 10:
		s = strings.TrimSpace(fmt.Sprintf("plan a %d day trip to %s %s", between(r, 2, 10), pick(r, cities), pick(r, tripCons)))
		tok = lognormI(r, 700, 0.4, 100, 2500)
	case 11:
		d := pick(r, diffPairs)
		s = fmt.Sprintf("what's the difference between %s and %s", d[0], d[1])
	case 12:
		s = "is it normal to " + pick(r, symptoms)
	case 13:
		s = fmt.Sprintf("translate to %s: %s", pick(r, langs), pick(r, phrases))
		tok = lognormI(r, 60, 0.5, 10, 300)
	case 14:
		s = pick(r, trivia)
		tok = lognormI(r, 150, 0.6, 20, 800)
	case 15:
		s = fmt.Sprintf("gift ideas for my %s who likes %s under $%d", pick(r, people), pick(r, hobbies), pick(r, []int{20, 25, 50, 50, 100, 200}))
	case 16:
		p := pick(r, products)
		s = fmt.Sprintf("%s vs %s for %s", p[0], p[1], pick(r, uses))
	case 17:
		s = fmt.Sprintf("write a %s about %s", pick(r, forms), pick(r, append(hobbies, subjects...)))
	case 18:
		s = fmt.Sprintf("write a cover letter for a %s job", pick(r, jobs))
		tok = lognormI(r, 520, 0.3, 200, 1200)
	case 19:
		s = fmt.Sprintf("what does %s mean", pick(r, terms))
		tok = lognormI(r, 160, 0.5, 30, 600)
	case 20:
		s = "help me reply to this: " + pasted(r, between(r, 2, 5))
	default:
		s = fmt.Sprintf("how long should i %s %s", pick(r, []string{"boil", "bake", "air fry", "grill", "roast"}), pick(r, ingreds))
		tok = lognormI(r, 140, 0.5, 20, 500)
	}
	return casual(r, s), tok
}

var (
	teams    = []string{"the design team", "finance", "the client", "my manager", "the whole department", "our vendor", "the sales team", "hr", "the engineering leads", "the board"}
	projects = []string{"the website relaunch", "the q4 budget", "the migration", "the onboarding revamp", "the spring campaign", "the warehouse move", "the audit", "the product launch", "the pricing change", "the new crm"}
	weekdays = []string{"monday", "tuesday", "wednesday", "thursday", "friday", "next week", "end of month"}
)

// work is an office worker's prompt.
func work(r *rand.Rand) (string, int) {
	var s string
	tok := lognormI(r, 450, 0.5, 60, 2000)
	switch r.IntN(9) {
	case 0:
		s = fmt.Sprintf("draft an email to %s about %s slipping to %s", pick(r, teams), pick(r, projects), pick(r, weekdays))
	case 1:
		s = "summarize these meeting notes into action items: " + pasted(r, between(r, 4, 9))
	case 2:
		s = fmt.Sprintf("write a linkedin post about %s", pick(r, []string{"finishing my certification", "our team hitting its target", "my first year at the company", "a lesson from a failed project", "hiring for my team"}))
	case 3:
		s = fmt.Sprintf("create an agenda for a %d minute meeting about %s", pick(r, []int{15, 30, 45, 60, 90}), pick(r, projects))
	case 4:
		s = "turn this into bullet points: " + pasted(r, between(r, 3, 7))
	case 5:
		s = fmt.Sprintf("write a polite follow up to a client who hasn't paid invoice #%d", between(r, 1000, 99999))
	case 6:
		s = fmt.Sprintf("excel formula to %s", pick(r, []string{"count unique values in column b", "look up a price from another sheet", "sum sales by month", "flag duplicates", "get the last non empty cell", "split first and last names"}))
		tok = lognormI(r, 200, 0.5, 40, 700)
	case 7:
		s = fmt.Sprintf("make a table comparing %s", pick(r, []string{"asana, trello and monday", "aws, azure and gcp pricing", "our three shipping options", "the four candidates' strengths", "hubspot and salesforce"}))
	default:
		s = fmt.Sprintf("write a project update for %s: %s", pick(r, projects), pasted(r, between(r, 2, 4)))
	}
	return casual(r, s), tok
}

// ---------------------------------------------------------------------------------------------
// code, question bank, essays

var (
	idA      = []string{"user", "order", "item", "cart", "invoice", "session", "token", "event", "report", "file", "price", "row", "node", "task", "message", "record"}
	idB      = []string{"Count", "List", "Map", "Id", "Total", "Cache", "Queue", "Index", "Data", "Name", "Status", "Batch"}
	codeLang = []string{"python", "javascript", "typescript", "go", "java", "c#", "rust", "sql", "bash", "php", "kotlin"}
	errs     = []string{"KeyError", "TypeError: undefined is not a function", "NullPointerException", "IndexError: list index out of range", "panic: assignment to entry in nil map", "segmentation fault", "CORS error", "ModuleNotFoundError", "deadlock", "TypeError: cannot read properties of undefined"}
	codeJobs = []string{"remove duplicates from a list while keeping order", "parse a csv and sum a column", "retry an http request with backoff", "flatten a nested dictionary", "debounce a function", "read a large file line by line", "validate an email address", "group records by date", "merge two sorted arrays", "find the longest common prefix", "convert timestamps to local time", "paginate results from an api", "rate limit calls to an api", "compute a moving average", "detect a cycle in a linked list", "serialize a tree to json"}
)

func ident(r *rand.Rand) string { return pick(r, idA) + pick(r, idB) + strconv.Itoa(r.IntN(10)) }

func snippet(r *rand.Rand) string {
	a, b, c := ident(r), ident(r), ident(r)
	switch r.IntN(4) {
	case 0:
		return fmt.Sprintf("for %s in %s:\n    %s[%s] += %d", a, b, c, a, between(r, 1, 9))
	case 1:
		return fmt.Sprintf("const %s = await fetch(`/api/%s/${%s}`).then(r => r.json()); %s.map(x => x.%s)", a, strings.ToLower(b), c, a, c)
	case 2:
		return fmt.Sprintf("SELECT %s, COUNT(*) FROM %s WHERE %s > %d GROUP BY %s", a, b, c, between(r, 1, 500), a)
	default:
		return fmt.Sprintf("func %s(%s []int) int {\n\tfor i := range %s { if %s[i] > %d { return i } }\n\treturn -1\n}", a, b, b, b, between(r, 1, 99))
	}
}

func codeQ(r *rand.Rand) (string, int) {
	var s string
	switch r.IntN(5) {
	case 0:
		s = fmt.Sprintf("why does my %s code throw %s\n%s", pick(r, codeLang), pick(r, errs), snippet(r))
	case 1:
		s = fmt.Sprintf("how do i %s in %s", pick(r, codeJobs), pick(r, codeLang))
	case 2:
		s = fmt.Sprintf("write a %s function that %s", pick(r, codeLang), pick(r, codeJobs))
	case 3:
		s = "what's wrong with this:\n" + snippet(r)
	default:
		s = fmt.Sprintf("explain this regex %s", pick(r, []string{`^\d{3}-\d{4}$`, `(?i)^[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}$`, `\b(\w+)\s+\1\b`, `^(?=.*[A-Z])(?=.*\d).{8,}$`, `[^\x00-\x7F]+`}))
	}
	return casual(r, s), lognormI(r, 600, 0.5, 80, 3000)
}

var (
	acids     = []string{"hydrochloric acid", "acetic acid", "nitric acid", "formic acid", "sulfuric acid", "benzoic acid"}
	compounds = []string{"NaCl", "CaCO3", "H2SO4", "C6H12O6", "NaOH", "KMnO4", "NH3", "CO2", "MgCl2"}
	events    = []string{"the French Revolution", "World War I", "the fall of the Roman Empire", "the Great Depression", "the Cold War", "the Industrial Revolution", "the collapse of the Soviet Union", "the American Civil War", "the partition of India", "the Meiji Restoration"}
	polys     = func(r *rand.Rand) string {
		return fmt.Sprintf("%dx^%d %s %dx %s %d", between(r, 1, 9), between(r, 2, 5), pick(r, []string{"+", "-"}), between(r, 1, 20), pick(r, []string{"+", "-"}), between(r, 1, 30))
	}
)

// bankQ is a textbook question with fresh numbers: students and rings both draw on it.
func bankQ(r *rand.Rand) string {
	switch r.IntN(16) {
	case 0:
		return fmt.Sprintf("A ball is thrown upward at %d m/s from the top of a %d m building. How long does it take to hit the ground, and how fast is it moving on impact?", between(r, 5, 40), between(r, 5, 120))
	case 1:
		return fmt.Sprintf("Find the integral of %s dx.", polys(r))
	case 2:
		return fmt.Sprintf("A %d kg block slides down a %d degree incline with a coefficient of kinetic friction of 0.%d. Find its acceleration.", between(r, 1, 50), between(r, 15, 60), between(r, 10, 60))
	case 3:
		return fmt.Sprintf("Calculate the pH of a %.3f M solution of %s.", uniform(r, 0.001, 0.5), pick(r, acids))
	case 4:
		return fmt.Sprintf("Solve the system: %dx + %dy = %d and %dx - %dy = %d.", between(r, 1, 9), between(r, 1, 9), between(r, 1, 60), between(r, 1, 9), between(r, 1, 9), between(r, 1, 60))
	case 5:
		return fmt.Sprintf("A bag has %d red and %d blue balls. If %d balls are drawn without replacement, what is the probability that exactly %d are red?", between(r, 3, 12), between(r, 3, 12), between(r, 2, 4), between(r, 1, 2))
	case 6:
		return fmt.Sprintf("Find the derivative of f(x) = %s * %s(%dx).", polys(r), pick(r, []string{"sin", "cos", "e^", "ln"}), between(r, 1, 7))
	case 7:
		return fmt.Sprintf("A car accelerates uniformly from %d m/s to %d m/s in %d s. How far does it travel in that time?", between(r, 0, 15), between(r, 16, 45), between(r, 3, 20))
	case 8:
		return fmt.Sprintf("How many moles are in %d g of %s, and how many molecules is that?", between(r, 5, 500), pick(r, compounds))
	case 9:
		return fmt.Sprintf("Prove by induction that the sum of the first n %s is %s.", pick(r, []string{"odd numbers", "squares", "cubes", "powers of two"}), pick(r, []string{"n^2", "n(n+1)(2n+1)/6", "(n(n+1)/2)^2", "2^n - 1"}))
	case 10:
		return fmt.Sprintf("A ladder %d m long leans against a wall. Its foot slides away at %.1f m/s. How fast is the top sliding down when the foot is %d m from the wall?", between(r, 5, 15), uniform(r, 0.2, 2), between(r, 2, 4))
	case 11:
		return fmt.Sprintf("A circuit has a %d ohm resistor in series with two parallel resistors of %d ohm and %d ohm across a %d V battery. Find the current through each resistor.", between(r, 2, 50), between(r, 5, 100), between(r, 5, 100), between(r, 3, 24))
	case 12:
		return fmt.Sprintf("A sample of a radioactive isotope has a half-life of %d years. How long until only %d%% of it remains?", between(r, 2, 5000), between(r, 1, 40))
	case 13:
		return fmt.Sprintf("Find the eigenvalues and eigenvectors of the matrix [[%d, %d], [%d, %d]].", between(r, -5, 9), between(r, -5, 9), between(r, -5, 9), between(r, -5, 9))
	case 14:
		return fmt.Sprintf("An investment of $%d grows at %.1f%% compounded %s. What is it worth after %d years?", between(r, 500, 50000), uniform(r, 1, 12), pick(r, []string{"monthly", "quarterly", "annually", "continuously"}), between(r, 2, 30))
	default:
		return fmt.Sprintf("Balance the equation and find the mass of product formed from %d g of reactant: %s", between(r, 5, 200), pick(r, []string{"C3H8 + O2 -> CO2 + H2O", "Fe + O2 -> Fe2O3", "Al + HCl -> AlCl3 + H2", "KClO3 -> KCl + O2", "C2H6 + O2 -> CO2 + H2O"}))
	}
}

func contestQ(r *rand.Rand) string {
	switch r.IntN(8) {
	case 0:
		return fmt.Sprintf("Find all positive integers n such that n^2 + %d n + %d is divisible by %d.", between(r, 1, 20), between(r, 1, 50), between(r, 3, 13))
	case 1:
		return fmt.Sprintf("In how many ways can %d people be seated around a round table if %d particular people must not sit next to each other?", between(r, 6, 12), between(r, 2, 3))
	case 2:
		return fmt.Sprintf("Let f be a function from the reals to the reals with f(x + y) = f(x) + f(y) + %dxy and f(1) = %d. Find f(%d).", between(r, 1, 9), between(r, 1, 9), between(r, 2, 20))
	case 3:
		return fmt.Sprintf("Triangle ABC has sides %d, %d and %d. Find the radius of its inscribed circle and of its circumscribed circle.", between(r, 5, 15), between(r, 6, 16), between(r, 7, 20))
	case 4:
		return fmt.Sprintf("What is the remainder when %d^%d is divided by %d?", between(r, 2, 99), between(r, 50, 2025), between(r, 7, 101))
	case 5:
		return fmt.Sprintf("A sequence has a_1 = %d and a_(n+1) = %d a_n + %d. Find a closed form and the value of a_%d.", between(r, 1, 5), between(r, 2, 4), between(r, 1, 9), between(r, 8, 20))
	case 6:
		return fmt.Sprintf("How many %d-digit numbers have digits that sum to %d?", between(r, 3, 5), between(r, 8, 25))
	default:
		return fmt.Sprintf("Prove that for all positive reals a, b, c with a + b + c = %d, the sum a^2/b + b^2/c + c^2/a is at least %d.", between(r, 1, 9), between(r, 1, 9))
	}
}

func codingTask(r *rand.Rand) string {
	return fmt.Sprintf("Write a %s program that %s. Input size up to %d. %s", pick(r, []string{"Python", "C++", "Java", "Go", "Rust", "TypeScript"}),
		pick(r, []string{"finds the shortest path in a weighted grid with obstacles", "counts inversions in an array", "implements an LRU cache", "computes the longest increasing subsequence", "schedules intervals to maximise total weight", "finds strongly connected components", "evaluates arithmetic expressions with precedence", "solves the knapsack problem with item groups", "merges k sorted linked lists", "finds the minimum spanning tree", "implements a trie with prefix counts", "detects bipartite graphs"}),
		between(r, 1000, 1000000), pick(r, []string{"Explain the algorithm and its complexity.", "Include tests.", "Explain your reasoning before the code.", "Handle edge cases."}))
}

func essayQ(r *rand.Rand) string {
	return fmt.Sprintf("%s %s%s", pick(r, []string{"Discuss the causes and consequences of", "Analyse the long-term impact of", "Compare the economic and social effects of", "Evaluate the historiography of", "Explain the main turning points of"}), pick(r, events), pick(r, []string{".", " in about 1500 words.", ", citing historians' arguments.", ", with a structured argument."}))
}

// payload is an extraction ring's question.
func payload(r *rand.Rand) string {
	switch pickW(r, []float64{45, 20, 20, 15}) {
	case 0:
		return bankQ(r)
	case 1:
		return contestQ(r)
	case 2:
		return codingTask(r)
	default:
		return essayQ(r)
	}
}

var studentAsks = []string{"solve this step by step", "pls help", "how do i do this", "explain this question", "i dont understand this", "can u solve", "show all working", "whats the answer and why", "help me with my homework", "check my answer", "explain like im 15", "can you walk me through this"}

// student wraps a bank question the way students send it: bare, or with a phrase.
func student(r *rand.Rand) (string, int) {
	q := bankQ(r)
	if chance(r, 0.1) {
		q = essayQ(r)
	}
	switch r.IntN(4) {
	case 0:
		q = pick(r, studentAsks) + ": " + q
	case 1:
		q = q + " " + pick(r, studentAsks)
	}
	return q, lognormI(r, 750, 0.45, 120, 3000)
}

// ---------------------------------------------------------------------------------------------
// background

var (
	bgCodes = []string{"US-E", "US-C", "US-W", "CA", "UK", "DE", "FR", "ES", "PL", "UA", "IN", "PK", "PH", "ID", "BR", "MX", "AU", "NG", "KE", "JP"}
	bgW     = []float64{12, 7, 9, 4, 8, 6, 5, 4, 3, 2, 9, 3, 4, 4, 6, 4, 3, 3, 2, 4}
	hwFlat  = []float64{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}
	officeW = zipfW(260, 0.6)
)

func genBackground(w *world) {
	r := w.stream("background")
	f := w.inf
	g := w.group("background", "background-residential", false)
	n := between(r, 11400, 12600)
	for i := 0; i < n; i++ {
		reg := f.by[bgCodes[pickW(r, bgW)]]
		p := w.newPerson(r, g, reg, 0.2)
		if chance(r, 0.65) {
			p.signup = signupBefore(r, 900)
		} else {
			p.signup = signupDuring(r, reg.off, 13)
		}
		if chance(r, 0.68) {
			p.card = w.card(r, p.acct, reg.bins)
		}
		if !p.phoneOnly && chance(r, 0.22) {
			p.office = reg.offices[pickW(r, officeW)]
		}
		stud := chance(r, 0.12)
		dev := !p.phoneOnly && !stud && chance(r, 0.09)
		ip, dv := w.where(r, p, p.signup, false)
		w.signup(p.acct, p.signup, ip, dv, p.card, p.mail)
		w.bg = append(w.bg, p)
		hw := hwPerson
		if stud {
			hw = hwStudent
		}
		for _, t := range sessions(r, lognormI(r, 5, 1.1, 1, 400), p.signup, reg.off, hw, 1.1, 2.2, 20, 400) {
			h := localHour(t, reg.off)
			atWork := p.office != "" && !weekend(localDay(t, reg.off)) && h >= 9 && h < 17
			ip, dv := w.where(r, p, t, atWork)
			var pr string
			var tok int
			switch {
			case stud && chance(r, 0.45):
				pr, tok = student(r)
			case dev && chance(r, 0.35):
				pr, tok = codeQ(r)
			case atWork && chance(r, 0.6):
				pr, tok = work(r)
			default:
				pr, tok = everyday(r)
			}
			w.req(r, false, p.acct, t, ip, dv, p.card, pr, tok)
		}
		if dev {
			w.devScripts(r, p)
		}
	}
}

var (
	appW1       = []string{"quill", "nimbus", "sprout", "pixel", "ember", "cobalt", "orbit", "maple", "harbor", "lumen", "tidal", "cinder", "fable", "juniper", "atlas", "echo", "vivid", "zephyr", "clover", "beacon", "kite", "marble", "otter", "prism", "sable", "thistle"}
	appW2       = []string{"bot", "desk", "mind", "notes", "scribe", "pal", "flow", "helper", "assist", "hub", "works", "lab", "buddy", "sense", "craft", "wise", "dash", "loop"}
	appPurposes = []string{"summarizes customer emails", "writes product descriptions", "answers questions about our docs", "tags github issues", "extracts ingredients from recipes", "turns meeting notes into tasks", "drafts replies to reviews", "explains error logs", "rewrites tweets", "classifies expenses", "generates quiz questions from lecture notes", "suggests commit messages", "answers questions about a board game's rules", "translates app strings"}
	appRules    = []string{"Be concise.", "Answer in markdown.", "Never make up facts.", "Use a friendly tone.", "Return JSON only.", "Keep it under 100 words.", "If unsure, say so.", "Use bullet points.", "Reply in the user's language.", "No preamble.", "Cite the line you used.", "Do not mention you are an AI.", "Max 3 sentences.", "Output plain text.", "Be encouraging.", "Ask a clarifying question if needed."}
)

// appTemplate is one developer's own app prompt: its opening, rules, input label and layout are
// drawn separately, so developers' prompts share words but rarely a whole form.
func appTemplate(r *rand.Rand) func(*rand.Rand) string {
	name := cap1(pick(r, appW1)) + cap1(pick(r, appW2))
	if chance(r, 0.5) {
		name += strconv.Itoa(between(r, 2, 99))
	}
	purpose := pick(r, appPurposes)
	var head string
	switch r.IntN(8) {
	case 0:
		head = fmt.Sprintf("You are %s, an assistant that %s.", name, purpose)
	case 1:
		head = fmt.Sprintf("You are a helpful assistant inside %s. Your job: the app %s.", name, purpose)
	case 2:
		head = fmt.Sprintf("System: %s bot. It %s.", strings.ToLower(name), purpose)
	case 3:
		head = fmt.Sprintf("## Role\n%s - %s", name, purpose)
	case 4:
		head = fmt.Sprintf("Context: this is %s; the model %s.", name, purpose)
	case 5:
		head = fmt.Sprintf("<system>%s %s</system>", name, purpose)
	case 6:
		head = fmt.Sprintf("I'm building %s, an app that %s. Do this for the text below.", name, purpose)
	default:
		head = fmt.Sprintf("%s: %s", strings.ToUpper(name), purpose)
	}
	var rules []string
	for _, j := range r.Perm(len(appRules))[:between(r, 0, 3)] {
		rules = append(rules, appRules[j])
	}
	rule := strings.Join(rules, " ")
	if chance(r, 0.3) {
		rule = strings.ToLower(rule)
	}
	label := pick(r, []string{"Input:", "Text:", "User:", "Content:", "Message:", "Q:", "###", ">>>", "Data:", "Email:"})
	order := r.IntN(3)
	return func(r *rand.Rand) string {
		in := pasted(r, between(r, 1, 4))
		if chance(r, 0.3) {
			in, _ = everyday(r)
		}
		switch order {
		case 0:
			return strings.TrimSpace(head+" "+rule) + "\n\n" + label + " " + in
		case 1:
			return label + " " + in + "\n\n" + strings.TrimSpace(head+" "+rule)
		default:
			return head + "\n" + label + " " + in + "\n" + rule
		}
	}
}

// devScripts adds a developer's scripted calls: their own app prompt, an SDK fingerprint, from
// home, a VPS or a cloud VM; some on a daily cron, a few through the Batch API.
func (w *world) devScripts(r *rand.Rand, p *person) {
	f := w.inf
	sdk := pick(r, []string{f.sdkPy, f.sdkPy, f.sdkPy, f.sdkNode, f.sdkNode, f.sdkHttpx, f.sdkCurl, f.sdkReq})
	host := p.homeIP
	switch pickW(r, []float64{45, 35, 20}) {
	case 1:
		vps := f.hosting[r.IntN(len(f.hosting))].host(between(r, 50, 254))
		host = func(int64) string { return vps }
	case 2:
		vm := f.cloud[r.IntN(len(f.cloud))].host(between(r, 2, 254))
		host = func(int64) string { return vm }
	}
	app := appTemplate(r)
	from := max(p.signup, t0) + hrMs
	for _, t := range sessions(r, lognormI(r, 25, 1.3, 3, 900), from, p.reg.off, hwPerson, 0.8, 8, 1, 10) {
		w.req(r, true, p.acct, t, host(t), sdk, p.card, app(r), lognormI(r, 350, 0.6, 20, 2000))
	}
	if chance(r, 0.3) { // a daily cron job
		m := float64(pick(r, []int{0, 0, 0, 5, 15, 30, 45})) + float64(between(r, 0, 23)*60)
		for d := 0; d < nDays; d++ {
			t := t0 + int64(d)*dayMs + int64(m*float64(minMs)) + int64(r.Float64()*3000)
			if t > from {
				for k := between(r, 1, 4); k > 0; k-- {
					w.req(r, true, p.acct, t, host(t), sdk, p.card, app(r), lognormI(r, 300, 0.5, 20, 1500))
					t += int64(uniform(r, 0.5, 4) * 1000)
				}
			}
		}
	}
	if chance(r, 0.06) { // a side project's batch now and then
		for b := between(r, 1, 3); b > 0; b-- {
			sub := from + int64(r.Float64()*float64(max(t1-from, hrMs)))
			ip := host(sub)
			for _, t := range batchTimes(r, sub, between(r, 40, 400)) {
				w.req(r, true, p.acct, t, ip, sdk, p.card, app(r), lognormI(r, 250, 0.5, 20, 1200))
			}
		}
	}
}

// ---------------------------------------------------------------------------------------------
// cloud-pc: subscribers of a consumer cloud-gaming desktop service

var (
	games     = []string{"elden ring", "baldur's gate 3", "cyberpunk 2077", "fortnite", "valorant", "minecraft", "starfield", "helldivers 2", "counter-strike 2", "stardew valley", "path of exile 2", "factorio", "apex legends", "league of legends", "diablo iv", "palworld", "satisfactory", "rust", "gta v", "monster hunter wilds", "the witcher 3", "civilization vii", "black myth wukong", "rainbow six siege"}
	builds    = []string{"mage", "melee", "stealth", "tank", "support", "bleed", "sniper", "early game", "endgame", "co-op", "speedrun", "pvp", "beginner"}
	gpus      = []string{"rtx 4060", "rtx 3070", "rx 7800 xt", "rtx 5080", "gtx 1660", "rtx 4090", "arc a770", "rx 6600"}
	mods      = []string{"garry's mod", "roblox", "factorio", "a wow addon", "a minecraft datapack", "skyrim", "terraria", "project zomboid"}
	modTasks  = []string{"tracks player kills", "auto sorts the inventory", "adds a day night timer", "spawns random loot crates", "shows fps on screen", "gives a daily login reward", "adds a custom chat command", "saves player stats to a file"}
	mechanics = []string{"poise", "armor penetration", "crafting tiers", "the in game economy", "hitboxes", "netcode", "stat scaling", "aggro", "crit chance", "the ranked system"}
	vidTasks  = []string{"cut the first 10 seconds of a video", "convert mkv to mp4 without re-encoding", "burn in subtitles", "make a gif from a clip", "normalize audio levels", "speed up a clip 2x", "extract audio as mp3", "add a watermark in the corner"}
)

func gameQ(r *rand.Rand) (string, int) {
	var s string
	tok := lognormI(r, 380, 0.5, 50, 1800)
	switch r.IntN(10) {
	case 0, 1:
		s = strings.TrimSpace(fmt.Sprintf("best %s build for %s %s", pick(r, builds), pick(r, games), pick(r, []string{"solo", "in the new patch", "for new players", "with friends", ""})))
	case 2:
		s = fmt.Sprintf("how do i beat the %s in %s", pick(r, []string{"last boss", "secret boss", "raid boss", "second boss", "dlc boss", "twin bosses"}), pick(r, games))
	case 3:
		s = fmt.Sprintf("%s best settings for max fps on a %s", pick(r, games), pick(r, gpus))
	case 4:
		s = fmt.Sprintf("write a lua script for %s that %s", pick(r, mods), pick(r, modTasks))
		tok = lognormI(r, 650, 0.4, 150, 2500)
	case 5:
		s = fmt.Sprintf("%d stream title ideas for %s %s", pick(r, []int{5, 10, 10, 15}), pick(r, games), pick(r, []string{"tonight", "ranked grind", "first playthrough", "no death run", "chill stream"}))
	case 6:
		s = fmt.Sprintf("explain %s in %s", pick(r, mechanics), pick(r, games))
	case 7:
		s = fmt.Sprintf("is a %s enough for %s at %s", pick(r, gpus), pick(r, games), pick(r, []string{"1080p", "1440p", "4k"}))
	case 8:
		s = fmt.Sprintf("write a discord bot command that %s", pick(r, []string{"rolls dice", "shows server uptime", "pings everyone for raid night", "tracks who is online", "posts patch notes", "makes a poll"}))
		tok = lognormI(r, 700, 0.4, 150, 2500)
	default:
		s = fmt.Sprintf("how many hours to beat %s %s", pick(r, games), pick(r, []string{"", "100%", "main story only", "with side quests"}))
	}
	return casual(r, strings.TrimSpace(s)), tok
}

func creatorQ(r *rand.Rand) (string, int) {
	var s string
	switch r.IntN(6) {
	case 0:
		s = "ffmpeg command to " + pick(r, vidTasks)
	case 1:
		s = "blender python script to " + pick(r, []string{"rename all selected objects", "bake lighting for every scene", "export each collection as fbx", "randomize material colors", "render a turntable"})
	case 2:
		s = fmt.Sprintf("write a youtube description for my video about %s", pick(r, append(games, "my pc build", "a day in tokyo", "cooking ramen", "my studio tour")))
	case 3:
		s = "davinci resolve how to " + pick(r, []string{"stabilize shaky footage", "color match two cameras", "remove background noise", "add animated captions", "export for youtube shorts"})
	case 4:
		s = fmt.Sprintf("obs settings for streaming at %s on %s", pick(r, []string{"1080p60", "720p60", "1440p"}), pick(r, []string{"twitch", "youtube", "kick"}))
	default:
		s = fmt.Sprintf("write a script outline for a %d minute video about %s", between(r, 5, 30), pick(r, append(games, "budget pc builds", "retro consoles")))
	}
	return casual(r, s), lognormI(r, 520, 0.5, 80, 2500)
}

func genCloudPC(w *world) {
	r := w.stream("cloud-pc")
	f := w.inf
	g := w.group("cloud-pc", "cloud-pc-subscribers", false)
	codes := []string{"US-E", "US-C", "US-W", "CA", "UK", "DE", "FR", "ES", "PL"}
	cw := []float64{25, 15, 15, 5, 12, 10, 8, 5, 5}
	dcOf := map[string]string{"US-E": "US-E", "CA": "US-E", "US-C": "US-C", "US-W": "US-W", "UK": "UK", "DE": "DE", "FR": "DE", "ES": "DE", "PL": "DE"}
	roll := map[string]int64{}
	for _, dc := range []string{"US-E", "US-C", "US-W", "UK", "DE"} {
		roll[dc] = t0 + int64(uniform(r, 7, 10)*float64(dayMs))
	}
	n := between(r, 900, 1100)
	for i := 0; i < n; i++ {
		reg := f.by[codes[pickW(r, cw)]]
		p := w.newPerson(r, g, reg, 1) // at home a phone and the streaming client only
		dc := f.pcDC[dcOf[reg.code]]
		rollAt := roll[dcOf[reg.code]] + int64(r.Float64()*float64(dayMs)) // a session picks the new image once the user's VM is rebuilt
		browser := 0
		if chance(r, 0.35) {
			browser = 1
		}
		pc := func(t int64) (string, string) {
			img := 0
			if t >= rollAt {
				img = 2
			}
			return dc[r.IntN(len(dc))].host(between(r, 2, 254)), f.pcFP[browser+img]
		}
		if chance(r, 0.75) {
			p.card = w.card(r, p.acct, reg.bins)
		}
		if chance(r, 0.55) {
			p.signup = signupBefore(r, 600)
		} else {
			p.signup = signupDuring(r, reg.off, 12)
		}
		ip, dv := pc(p.signup)
		if chance(r, 0.4) {
			ip, dv = w.where(r, p, p.signup, false)
		}
		w.signup(p.acct, p.signup, ip, dv, p.card, p.mail)
		kind := pickW(r, []float64{70, 20, 10})
		hw, wk := hwEvening, 1.6
		switch kind {
		case 1:
			hw, wk = hwPerson, 1.1
		case 2:
			hw, wk = hwWork, 0.3
		}
		for _, s := range sessionList(r, lognormI(r, 14, 0.9, 1, 300), p.signup, reg.off, hw, wk, 2.5, 30, 600) {
			onPC := chance(r, 0.7)
			ip, dv := pc(s[0])
			for _, t := range s {
				if !onPC {
					ip, dv = w.where(r, p, t, false)
				}
				var pr string
				var tok int
				x := r.Float64()
				switch {
				case kind == 0 && x < 0.55:
					pr, tok = gameQ(r)
				case kind == 1 && x < 0.5:
					pr, tok = creatorQ(r)
				case kind == 2 && x < 0.6:
					pr, tok = work(r)
				case x > 0.9:
					pr, tok = codeQ(r)
				default:
					pr, tok = everyday(r)
				}
				w.req(r, false, p.acct, t, ip, dv, p.card, pr, tok)
			}
		}
	}
}

// ---------------------------------------------------------------------------------------------
// fleet-tablets: truck drivers on their fleet's tablets and private APN

var (
	passes    = []string{"donner pass", "i-80 in wyoming", "snoqualmie pass", "vail pass", "the grapevine", "the eisenhower tunnel", "i-90 near the montana line", "cabbage hill on i-84", "monteagle on i-24", "sherman hill"}
	shippers  = []string{"a walmart dc in %s", "the kroger warehouse in %s", "a cold storage in %s", "the port of long beach", "an amazon fulfillment center in %s", "a steel mill in %s", "the home depot dc in %s"}
	usTowns   = []string{"laredo", "joliet", "memphis", "fontana", "dallas", "columbus", "atlanta", "reno", "salt lake city", "des moines", "el paso", "harrisburg", "kansas city", "phoenix", "indianapolis"}
	spanishIn = []string{"el muelle esta ocupado hasta las tres", "necesito el numero de la carga", "donde puedo estacionar el trailer", "me dieron una multa por exceso de peso", "cuanto tiempo tengo que esperar para descargar", "el reefer esta marcando error"}
	truckTerm = []string{"bill of lading", "lumper fee", "deadhead miles", "a reefer pretrip", "a hazmat placard", "ifta", "per diem for drivers", "the sleeper berth provision", "a csa score", "a jake brake", "tonu pay", "a 34 hour restart"}
)

func truckerQ(r *rand.Rand) (string, int) {
	var s string
	tok := lognormI(r, 330, 0.5, 40, 1500)
	switch r.IntN(14) {
	case 0:
		a := pick(r, []int{7, 8})
		s = fmt.Sprintf("can i split my 10 hour break into %d and %d", a, 10-a)
	case 1:
		s = fmt.Sprintf("how many hours can i still drive if i've been on duty %d hours and drove %d", between(r, 6, 13), between(r, 4, 10))
	case 2:
		s = fmt.Sprintf("is %s open right now", pick(r, passes))
	case 3:
		s = fmt.Sprintf("weather for %s tonight, any wind warnings for high profile vehicles", pick(r, passes))
	case 4:
		s = fmt.Sprintf("write an email to dispatch about detention at %s, i've been waiting %d hours", fillNum(r, strings.ReplaceAll(pick(r, shippers), "%s", pick(r, usTowns))), between(r, 2, 9))
	case 5:
		s = fmt.Sprintf("what does a dot level %d inspection check", between(r, 1, 3))
	case 6:
		s = fmt.Sprintf("how much weight can i put on my %s", pick(r, []string{"steer axle", "drive tandem", "spread axle", "trailer tandem"}))
	case 7:
		s = "translate to english: " + pick(r, spanishIn)
		tok = lognormI(r, 50, 0.4, 10, 200)
	case 8:
		s = fmt.Sprintf("cdl %s practice question: %s", pick(r, []string{"air brakes", "combination vehicles", "hazmat", "general knowledge"}), pick(r, []string{"what is the minimum tread depth on steer tires", "when should you test the low air warning", "how far ahead should you look while driving", "what is the safe following distance at 60 mph", "what causes a jackknife"}))
	case 9:
		s = fmt.Sprintf("easy 12v cooker recipes with %s", pick(r, ingreds))
	case 10:
		s = fmt.Sprintf("stretches for lower back pain after %d hours driving", between(r, 6, 11))
	case 11:
		s = fmt.Sprintf("write a text to my %s that i'll be home %s", pick(r, []string{"wife", "husband", "kids", "mom", "girlfriend"}), pick(r, []string{"friday", "saturday night", "sunday morning", "next week", "in 3 days"}))
	case 12:
		s = "what is " + pick(r, truckTerm)
	default:
		s = fmt.Sprintf("best truck stop near %s with showers and safe parking", pick(r, usTowns))
	}
	return casual(r, s), tok
}

func genFleet(w *world) {
	r := w.stream("fleet-tablets")
	f := w.inf
	g := w.group("fleet-tablets", "fleet-tablets", false)
	cos := []struct {
		base string
		n    int
	}{{"US-C", 220}, {"US-C", 180}, {"US-E", 150}, {"US-W", 120}}
	for ci, co := range cos {
		var apn []string
		for k := between(r, 2, 4); k > 0; k-- {
			apn = append(apn, f.apn[ci%2].host(20+ci*40+k))
		}
		tab := []string{"fp_" + hex(r, 16), "fp_" + hex(r, 16)}
		upd := t0 + int64(uniform(r, 4, 11)*float64(dayMs))
		reg := f.by[co.base]
		n := co.n + between(r, -co.n/10, co.n/10)
		for i := 0; i < n; i++ {
			p := w.newPerson(r, g, reg, 1)
			myUpd := upd + int64(r.Float64()*2*float64(dayMs))
			tablet := func(t int64) (string, string) {
				v := tab[0]
				if t >= myUpd {
					v = tab[1]
				}
				return apn[r.IntN(len(apn))], v
			}
			if chance(r, 0.45) {
				p.card = w.card(r, p.acct, reg.bins)
			}
			if chance(r, 0.7) {
				p.signup = signupBefore(r, 700)
			} else {
				p.signup = signupDuring(r, reg.off, 12)
			}
			ip, dv := tablet(p.signup)
			if chance(r, 0.4) {
				ip, dv = f.carrierIP(r, reg), p.phone
			}
			w.signup(p.acct, p.signup, ip, dv, p.card, p.mail)
			// Moments the driver has a few minutes: the ends of each off-duty period, fuel stops.
			var moments []int64
			kind := pickW(r, []float64{50, 20, 30})
			switch kind {
			case 0, 1: // solo long haul, or a team's off-duty driver
				t := t0 - int64(r.Float64()*float64(dayMs))
				for t < t1 {
					duty := uniform(r, 10, 14)
					off := 10.0
					if kind == 1 {
						duty, off = uniform(r, 4.5, 5.5), uniform(r, 4.5, 5.5)
					} else if chance(r, 0.1) {
						off = 34
					}
					t += int64(duty * float64(hrMs))
					moments = append(moments, t+int64(uniform(r, 5, 40)*float64(minMs)))
					if chance(r, 0.3) {
						moments = append(moments, t-int64(uniform(r, 3, 7)*float64(hrMs)))
					}
					t += int64(off * float64(hrMs))
					moments = append(moments, t-int64(uniform(r, 10, 45)*float64(minMs)))
				}
			default: // regional: weekday shifts from about 04:00 local, evenings at home
				for d := 0; d < nDays; d++ {
					if weekend(d) {
						continue
					}
					st := local(d, uniform(r, 210, 330), reg.off)
					moments = append(moments, st, st+int64(uniform(r, 5, 7)*float64(hrMs)), st+int64(uniform(r, 11, 13)*float64(hrMs)))
				}
			}
			target := lognormI(r, 22, 0.8, 2, 250)
			q := math.Min(1, float64(target)/(float64(len(moments))*2.2))
			for _, m := range moments {
				if m <= p.signup+minMs || !chance(r, q) {
					continue
				}
				onTab := chance(r, 0.65)
				home := kind == 2 && localHour(m, reg.off) >= 16
				stop := pick(r, f.truckStop)
				ip, dv := tablet(m)
				t := m
				for k := between(r, 1, 4); k > 0; k-- {
					if !onTab {
						switch {
						case home:
							ip, dv = p.homeIP(t), p.phone
						case chance(r, 0.3):
							ip, dv = stop, p.phone
						default:
							ip, dv = f.carrierIP(r, reg), p.phone
						}
					}
					var pr string
					var tok int
					if chance(r, 0.55) {
						pr, tok = truckerQ(r)
					} else {
						pr, tok = everyday(r)
					}
					w.req(r, false, p.acct, t, ip, dv, p.card, pr, tok)
					t += int64(uniform(r, 20, 240) * 1000)
				}
			}
		}
	}
}

// ---------------------------------------------------------------------------------------------
// gig-seats: freelancers who keep one account per client, paid by the client

type bizKind struct {
	kind     string
	products []string
	topics   []string
	aud      []string
}

var bizKinds = []bizKind{
	{"specialty coffee roaster", []string{"ethiopia yirgacheffe beans", "a cold brew kit", "a pour-over starter set", "decaf colombia", "an espresso blend", "a subscription box"}, []string{"brewing pour-over at home", "light vs dark roast", "storing coffee beans", "choosing a grinder", "the coffee belt", "cold brew ratios"}, []string{"home baristas", "busy professionals", "coffee beginners"}},
	{"clean skincare brand", []string{"a vitamin c serum", "a gentle cleanser", "a mineral sunscreen", "a night cream", "a lip balm trio", "a retinol alternative"}, []string{"building a simple routine", "sunscreen myths", "skincare for sensitive skin", "reading ingredient labels", "winter skin care", "layering serums"}, []string{"women 25-45", "skincare beginners", "people with sensitive skin"}},
	{"pet supplies shop", []string{"a no-pull harness", "grain-free kibble", "a cat tree", "a chew toy set", "an orthopedic dog bed", "a slow feeder bowl"}, []string{"crate training", "choosing dog food", "keeping indoor cats active", "travelling with pets", "puppy socialisation", "senior dog care"}, []string{"new dog owners", "cat parents", "busy pet owners"}},
	{"online tutoring company", []string{"sat prep packages", "a gcse maths course", "1:1 reading tutoring", "a coding camp for kids", "an ib chemistry crash course"}, []string{"study habits", "exam stress", "choosing a tutor", "summer learning loss", "reading with your child", "test day tips"}, []string{"parents of teens", "high school students", "homeschooling families"}},
	{"fitness coaching business", []string{"a 12-week strength program", "online coaching", "a meal plan bundle", "a kettlebell course", "a postpartum fitness plan"}, []string{"starting strength training", "protein intake", "home workouts", "fat loss plateaus", "sleep and recovery", "training after 40"}, []string{"busy parents", "beginners", "women over 40"}},
	{"project management saas", []string{"a kanban board feature", "time tracking", "the client portal", "gantt charts", "the team plan"}, []string{"running remote teams", "sprint planning", "client onboarding", "avoiding scope creep", "async communication", "weekly reviews"}, []string{"agency owners", "small teams", "freelancers"}},
	{"real estate agency", []string{"a 3 bed townhouse listing", "a downtown condo", "a lakefront cabin", "a starter home", "a renovated bungalow"}, []string{"first-time buying", "staging a home", "mortgage pre-approval", "moving checklists", "choosing a neighborhood", "selling in winter"}, []string{"first-time buyers", "downsizers", "young families"}},
	{"dental clinic", []string{"teeth whitening", "invisalign consultations", "a family checkup plan", "emergency dental care", "kids' dentistry"}, []string{"flossing habits", "dental anxiety", "whitening safety", "kids' first visit", "gum health", "braces vs aligners"}, []string{"families", "nervous patients", "young professionals"}},
	{"handmade furniture maker", []string{"a walnut dining table", "an oak bench", "floating shelves", "a live-edge desk", "a kids' bunk bed"}, []string{"caring for solid wood", "choosing wood species", "small space furniture", "sustainable furniture", "custom vs mass made"}, []string{"homeowners", "interior designers", "eco-conscious buyers"}},
	{"boutique travel agency", []string{"a 10 day japan itinerary", "a honeymoon package in bali", "a family trip to costa rica", "a wine tour in portugal", "a safari in kenya"}, []string{"packing light", "travel insurance", "off-season travel", "planning a honeymoon", "traveling with kids", "jet lag"}, []string{"couples", "families", "retirees"}},
}

var (
	brandW1   = []string{"juniper", "northbound", "lumen", "brightpath", "harbor", "copper", "wildroot", "bluebird", "oakline", "meridian", "fernway", "saltwater", "goldleaf", "pinecrest", "riverstone", "sunday", "ironwood", "little", "true", "kindred", "summit", "half moon", "cedar", "amber"}
	brandW2   = []string{"& co", "coffee", "skin", "pets", "learning", "fitness", "studio", "labs", "home", "goods", "collective", "supply", "health", "works", "house", "club"}
	voiceAdj  = []string{"warm", "playful", "confident", "expert", "down-to-earth", "witty", "calm", "bold", "friendly", "premium", "no-nonsense", "encouraging"}
	banned    = []string{"cheap", "guru", "hack", "synergy", "revolutionary", "game-changer", "delve", "unlock", "elevate", "journey"}
	flRoles   = []string{"senior copywriter", "SEO content writer", "conversion copywriter", "social media manager", "email marketing expert", "content strategist", "brand storyteller"}
	flStyles  = []string{"Make it sound human.", "No fluff.", "Use short paragraphs.", "Write at an 8th grade reading level.", "Avoid the words delve, elevate and unleash.", "Use active voice.", "Add a strong call to action.", "Use a conversational tone.", "Include an FAQ at the end.", "Don't use emojis.", "Vary sentence length.", "Use subheadings every 200 words.", "Sound like a real person, not an AI."}
	mktOpen   = []string{"Discover", "Meet", "Say hello to", "Introducing", "Experience", "Upgrade to", "Treat yourself to"}
	mktMiddle = []string{"crafted for people who care about quality", "made in small batches", "designed to last for years", "backed by our 30 day guarantee", "loved by thousands of customers", "now with free shipping", "built around your routine", "with nothing you don't need"}
)

type client struct {
	reg   *region
	biz   bizKind
	brand string
	slug  string
	dom   string
	card  string
	style int
	adj   []string
	aud   string
	ban   []string
	uk    bool
	k     int
}

func (c *client) brief() string {
	a, b, d := c.adj[0], c.adj[1], c.adj[2]
	sp := "US"
	if c.uk {
		sp = "UK"
	}
	switch c.style {
	case 0:
		return fmt.Sprintf("Brand: %s\nTone: %s, %s, %s\nAudience: %s\nAvoid: %s, %s\nSpelling: %s English", c.brand, a, b, d, c.aud, c.ban[0], c.ban[1], sp)
	case 1:
		return fmt.Sprintf("You are writing for %s, a %s. Our customers are %s. Our voice is %s and %s, never %s. Don't use the words \"%s\" or \"%s\".", c.brand, c.biz.kind, c.aud, a, b, d, c.ban[0], c.ban[1])
	case 2:
		return fmt.Sprintf("%s BRAND GUIDELINES\n- voice: %s / %s\n- reader: %s\n- banned words: %s, %s\n- always %s spelling", strings.ToUpper(c.brand), a, b, c.aud, c.ban[0], c.ban[1], sp)
	default:
		return fmt.Sprintf("Context: I write content for %s (%s). Target reader: %s. Keep the tone %s and %s.", c.brand, c.biz.kind, c.aud, a, b)
	}
}

func mktText(r *rand.Rand, c *client) string {
	var b strings.Builder
	for i := between(r, 2, 5); i > 0; i-- {
		fmt.Fprintf(&b, "%s %s, %s. ", pick(r, mktOpen), pick(r, c.biz.products), pick(r, mktMiddle))
	}
	return strings.TrimSpace(b.String())
}

func gigTask(r *rand.Rand, c *client) (string, int) {
	topic := pick(r, c.biz.topics)
	switch r.IntN(7) {
	case 0, 1:
		title := fmt.Sprintf(pick(r, []string{"%d Mistakes to Avoid When %s", "The Beginner's Guide to %[2]s", "How to Get Started With %[2]s (%[1]d Tips)", "Why %[2]s Matters More Than You Think", "%[1]d Things Nobody Tells You About %[2]s"}), between(r, 3, 12), cap1(topic))
		return fmt.Sprintf("Write a %d-word blog post titled \"%s\".", pick(r, []int{800, 1000, 1200, 1500, 2000}), title), lognormI(r, 1900, 0.3, 700, 4000)
	case 2:
		return fmt.Sprintf("Write %d product descriptions (about %d words each) for: %s, %s and %s.", between(r, 2, 5), pick(r, []int{60, 80, 100, 150}), pick(r, c.biz.products), pick(r, c.biz.products), pick(r, c.biz.products)), lognormI(r, 900, 0.35, 250, 2500)
	case 3:
		return fmt.Sprintf("Write a %d-email welcome sequence for new subscribers interested in %s.", between(r, 3, 7), topic), lognormI(r, 1600, 0.3, 500, 3500)
	case 4:
		return fmt.Sprintf("Write %d instagram captions about %s with hashtags.", pick(r, []int{5, 7, 10, 14}), topic), lognormI(r, 700, 0.35, 200, 1800)
	case 5:
		return fmt.Sprintf("Write %d Facebook ad variations for %s aimed at %s.", between(r, 3, 8), pick(r, c.biz.products), c.aud), lognormI(r, 750, 0.35, 200, 2000)
	default:
		return fmt.Sprintf("Write this week's newsletter about %s. Mention %s.", topic, pick(r, c.biz.products)), lognormI(r, 1200, 0.3, 400, 3000)
	}
}

func gigEdit(r *rand.Rand, c *client) (string, int) {
	switch r.IntN(5) {
	case 0:
		return casual(r, "make this shorter: "+mktText(r, c)), lognormI(r, 180, 0.4, 40, 600)
	case 1:
		return casual(r, fmt.Sprintf("give me %d headline variations for a post about %s", pick(r, []int{5, 10, 10, 20}), pick(r, c.biz.topics))), lognormI(r, 300, 0.4, 60, 900)
	case 2:
		return casual(r, "rewrite this in a friendlier tone: "+mktText(r, c)), lognormI(r, 220, 0.4, 40, 700)
	case 3:
		return casual(r, "fix the grammar: "+mktText(r, c)), lognormI(r, 200, 0.4, 40, 700)
	default:
		return casual(r, "turn this into a twitter thread: "+mktText(r, c)), lognormI(r, 420, 0.4, 80, 1200)
	}
}

type freelancer struct {
	p       *person
	cap     int
	clients []*client
	role    string
	styles  []string
	after   bool
}

func (fl *freelancer) snippet(task string) string {
	s := "Act as a " + fl.role + ". "
	st := strings.Join(fl.styles, " ")
	if fl.after {
		return s + task + " " + st
	}
	return s + st + "\n\n" + task
}

func genGigSeats(w *world) {
	r := w.stream("gig-seats")
	f := w.inf
	g := w.group("gig-seats", "freelancer-client-seats", false)
	flCodes := []string{"PH", "IN", "PK", "NG", "KE", "UA", "BR", "US-E", "UK"}
	flW := []float64{30, 15, 12, 10, 8, 8, 7, 5, 5}
	clCodes := []string{"US-E", "US-C", "US-W", "UK", "AU", "CA", "DE"}
	clW := []float64{25, 15, 20, 15, 10, 8, 7}

	var fls []*freelancer
	for i, n := 0, between(r, 210, 250); i < n; i++ {
		reg := f.by[flCodes[pickW(r, flW)]]
		p := w.newPerson(r, g, reg, 0.05)
		if p.desk == "" {
			p.desk = f.desktopFP(r, 0.45)
		}
		if chance(r, 0.75) && !strings.HasSuffix(p.mail, "@gmail.com") {
			delete(w.mail, canon(p.mail))
			p.mail = w.email(p.acct, localPart(r, p.first, p.last)+"@gmail.com", false)
		}
		if chance(r, 0.5) {
			p.card = w.card(r, p.acct, reg.bins)
		}
		p.signup = signupBefore(r, 700)
		if chance(r, 0.15) {
			p.signup = signupDuring(r, reg.off, 8)
		}
		w.signup(p.acct, p.signup, p.homeIP(p.signup), p.desk, p.card, p.mail)
		fl := &freelancer{p: p, cap: between(r, 1, 5), role: pick(r, flRoles), after: chance(r, 0.5)}
		for _, k := range r.Perm(len(flStyles))[:between(r, 2, 4)] {
			fl.styles = append(fl.styles, flStyles[k])
		}
		fls = append(fls, fl)
	}
	slugs := map[string]bool{}
	var cls []*client
	for i, n := 0, between(r, 140, 170); i < n; i++ {
		reg := f.by[clCodes[pickW(r, clW)]]
		c := &client{reg: reg, biz: pick(r, bizKinds), style: r.IntN(4), uk: reg.code == "UK" || reg.code == "AU"}
		c.brand = cap1(pick(r, brandW1)) + " " + cap1(pick(r, brandW2))
		c.slug = strings.NewReplacer(" ", "", "&", "and").Replace(strings.ToLower(c.brand))
		for k := 2; slugs[c.slug]; k++ {
			c.slug = c.slug + strconv.Itoa(k)
		}
		slugs[c.slug] = true
		c.dom = c.slug + pick(r, []string{".com", ".co", ".shop", ".io", ".com", ".co.uk"})
		c.card = w.card(r, "client_"+c.slug, reg.bins)
		for _, k := range r.Perm(len(voiceAdj))[:3] {
			c.adj = append(c.adj, voiceAdj[k])
		}
		for _, k := range r.Perm(len(banned))[:2] {
			c.ban = append(c.ban, banned[k])
		}
		c.aud = pick(r, c.biz.aud)
		c.k = []int{1, 2, 3, 4, 5, 6, 8}[pickW(r, []float64{45, 25, 15, 6, 4, 3, 2})]
		cls = append(cls, c)
	}
	// Clients hire freelancers who still have room.
	for _, c := range cls {
		for _, j := range r.Perm(len(fls)) {
			if c.k == 0 {
				break
			}
			fl := fls[j]
			if len(fl.clients) < fl.cap {
				fl.clients = append(fl.clients, c)
				c.k--
			}
		}
	}
	seats := 0
	for _, fl := range fls {
		seats += len(fl.clients)
	}
	w.note("gig-seats: %d freelancers, %d clients, %d client seats", len(fls), len(cls), seats)
	americas := map[string]bool{"US-E": true, "US-C": true, "US-W": true, "CA": true}
	farEast := map[string]bool{"PH": true, "IN": true, "PK": true, "NG": true, "KE": true, "UA": true}
	for _, fl := range fls {
		p := fl.p
		at := strings.LastIndex(p.mail, "@")
		mlocal, mdom := p.mail[:at], p.mail[at+1:]
		// The freelancer's own use.
		for _, t := range sessions(r, lognormI(r, 15, 0.8, 2, 200), p.signup, p.reg.off, hwPerson, 1.1, 2, 30, 300) {
			ip, dv := w.where(r, p, t, false)
			pr, tok := everyday(r)
			if chance(r, 0.25) {
				pr, tok = work(r)
			}
			w.req(r, false, p.acct, t, ip, dv, p.card, pr, tok)
		}
		for _, c := range fl.clients {
			acct := w.newAcct(r, g)
			var mail string
			switch pickW(r, []float64{55, 25, 20}) {
			case 0:
				mail = w.email(acct, mlocal+"+"+c.slug+"@"+mdom, true)
			case 1:
				mail = w.email(acct, strings.ReplaceAll(p.first+p.last, " ", "")+"."+c.slug+"@gmail.com", false)
			default:
				mail = w.email(acct, p.first+"@"+c.dom, false)
			}
			pay := c.card
			if p.card != "" && chance(r, 0.15) {
				pay = p.card
			}
			var su int64
			if chance(r, 0.7) {
				su = signupBefore(r, 200)
			} else {
				su = local(between(r, 0, 10), uniform(r, 8*60, 20*60), p.reg.off)
			}
			w.signup(acct, su, p.homeIP(su), p.desk, pay, mail)
			off, hw := p.reg.off, hwWork
			if americas[c.reg.code] && farEast[p.reg.code] && chance(r, 0.55) {
				off = c.reg.off // works the client's hours, at night at home
			}
			lambda := lognorm(r, 6, 0.6)
			for d := 0; d < nDays; d++ {
				if (weekend(d) && !chance(r, 0.2)) || (!weekend(d) && !chance(r, 0.7)) {
					continue
				}
				n := max(1, int(math.Round(lognorm(r, lambda, 0.4))))
				for done := 0; done < n; {
					t := local(d, float64(pickW(r, hw)*60)+r.Float64()*60, off)
					for k := min(n-done, between(r, 2, 8)); k > 0; k-- {
						if t > su+minMs {
							ip, dv := p.homeIP(t), p.desk
							if chance(r, 0.08) && p.phone != "" {
								dv = p.phone
								if chance(r, 0.5) {
									ip = f.carrierIP(r, p.reg)
								}
							}
							var pr string
							var tok int
							switch pickW(r, []float64{40, 30, 30}) {
							case 0:
								task, tk := gigTask(r, c)
								pr, tok = c.brief()+"\n\n"+task, tk
							case 1:
								task, tk := gigTask(r, c)
								pr, tok = fl.snippet(task), tk
							default:
								pr, tok = gigEdit(r, c)
							}
							w.req(r, false, acct, t, ip, dv, pay, pr, tok)
						}
						done++
						t += int64(uniform(r, 40, 400) * 1000)
					}
				}
			}
		}
	}
}

// ---------------------------------------------------------------------------------------------
// prompt-market: buyers of long prompts from a prompt marketplace

type productType struct {
	name    string
	roles   []string
	task    []string
	bullets []string
	cons    []string
}

var productTypes = []productType{
	{"youtube script", []string{"You are a world-class YouTube scriptwriter with 15 years of experience growing channels past 1M subscribers.", "Act as a viral YouTube strategist and scriptwriter."}, []string{"Write a complete script for a [LENGTH]-minute video about [TOPIC] for [AUDIENCE].", "Create a full YouTube script on [TOPIC] aimed at [AUDIENCE], about [LENGTH] minutes long."}, []string{"A pattern-interrupt hook in the first 5 seconds", "A promise of what the viewer will get", "3 to 5 main sections with B-roll suggestions in brackets", "An open loop that is closed before the end", "A mid-roll call to subscribe that feels natural", "On-screen text suggestions", "A story or personal anecdote in section 2", "A strong outro with a call to watch the next video", "Timestamps for the description"}, []string{"Use simple words a 12 year old understands.", "Write in a [TONE] tone.", "Do not use cliches like 'in today's video'.", "Write in [LANGUAGE]."}},
	{"seo article", []string{"You are an expert SEO content writer who ranks articles on page one of Google.", "Act as a senior SEO strategist and writer with deep knowledge of E-E-A-T."}, []string{"Write a long-form, fully SEO-optimized article about [TOPIC] targeting the keyword [KEYWORD].", "Write a 2000-word blog article on [TOPIC] that ranks for [KEYWORD] and speaks to [AUDIENCE]."}, []string{"An SEO title under 60 characters", "A meta description under 155 characters", "An engaging introduction with the keyword in the first 100 words", "At least 8 H2 and H3 headings", "A table comparing options", "An FAQ section with 5 questions", "Internal link suggestions in brackets", "A conclusion with a call to action", "LSI keywords used naturally"}, []string{"Write 100% unique content that passes AI detection.", "Use a [TONE] tone.", "Use short paragraphs and bold key phrases.", "Write in [LANGUAGE]."}},
	{"ebook chapter", []string{"You are a bestselling non-fiction author and ghostwriter.", "Act as a professional ebook writer who writes engaging, practical books."}, []string{"Write chapter [NUMBER] of my ebook about [TOPIC] for [AUDIENCE].", "Write a complete ebook chapter titled [TITLE] for a book on [TOPIC]."}, []string{"An opening story that hooks the reader", "Clear subheadings", "Practical exercises at the end", "Real-world examples", "Key takeaways in a bulleted summary", "A transition to the next chapter", "Quotes from experts where relevant"}, []string{"At least 2500 words.", "Use a [TONE] tone.", "Avoid repetition.", "Write in [LANGUAGE]."}},
	{"course outline", []string{"You are an instructional designer who builds top-selling online courses.", "Act as a course creation expert."}, []string{"Create a complete online course on [TOPIC] for [AUDIENCE].", "Design a [NUMBER]-module course that teaches [AUDIENCE] about [TOPIC]."}, []string{"A course title and subtitle", "Learning outcomes", "Modules with lesson titles", "A short description of each lesson", "Quizzes and assignments", "A bonus module idea", "A pricing suggestion", "A launch email"}, []string{"Make it beginner friendly.", "Use a [TONE] tone.", "Format everything as a table where possible.", "Write in [LANGUAGE]."}},
	{"email sequence", []string{"You are an email copywriter who has written campaigns generating millions in sales.", "Act as a direct-response email marketer."}, []string{"Write a [NUMBER]-email sales sequence for [PRODUCT] aimed at [AUDIENCE].", "Write a nurture email sequence that sells [PRODUCT] to [AUDIENCE]."}, []string{"Subject lines with open-rate tips", "Preview text", "A story-based opening", "Objection handling", "Scarcity and urgency without being pushy", "P.S. lines", "A clear CTA in every email"}, []string{"Use the PAS framework.", "Write in a [TONE] tone.", "Keep each email under 300 words.", "Write in [LANGUAGE]."}},
	{"etsy listing", []string{"You are an Etsy SEO expert and top seller.", "Act as an Etsy listing optimization specialist."}, []string{"Write a complete Etsy listing for [PRODUCT] in the [NICHE] niche.", "Optimize my Etsy listing for [PRODUCT] so it ranks for buyers looking for [KEYWORD]."}, []string{"A title using all 140 characters", "13 tags", "A description with a story", "Materials and dimensions", "Care instructions", "A FAQ", "Gift message ideas"}, []string{"Use high-intent keywords.", "Write in a [TONE] tone.", "Write in [LANGUAGE]."}},
	{"linkedin carousel", []string{"You are a LinkedIn ghostwriter for top creators.", "Act as a LinkedIn personal branding expert."}, []string{"Create a [NUMBER]-slide LinkedIn carousel about [TOPIC] for [AUDIENCE].", "Turn my idea about [TOPIC] into a LinkedIn carousel that gets saves."}, []string{"A scroll-stopping first slide", "One idea per slide", "Short punchy sentences", "A data point or example on each slide", "A summary slide", "A CTA slide", "A caption for the post"}, []string{"No jargon.", "Use a [TONE] tone.", "Write in [LANGUAGE]."}},
	{"sales page", []string{"You are a world-class conversion copywriter.", "Act as a sales page copywriter trained on the best launches."}, []string{"Write a long-form sales page for [PRODUCT], a [NICHE] offer for [AUDIENCE].", "Write a high-converting sales page for [PRODUCT] priced at [PRICE]."}, []string{"A headline and subheadline", "The problem and agitation", "The solution and unique mechanism", "Benefits in bullet points", "Testimonials placeholders", "An offer stack with bonuses", "A guarantee", "A FAQ", "A final call to action"}, []string{"Use the AIDA framework.", "Use a [TONE] tone.", "Write in [LANGUAGE]."}},
	{"content calendar", []string{"You are a social media manager for fast-growing brands.", "Act as a content strategist."}, []string{"Create a 30-day content calendar for a [NICHE] brand targeting [AUDIENCE].", "Plan a month of posts for my [NICHE] account about [TOPIC]."}, []string{"A table with day, platform, format, hook and caption", "A mix of educational, entertaining and promotional posts", "Hashtag sets", "Best posting times", "Three content pillars", "Two trending audio ideas per week"}, []string{"Make every hook under 10 words.", "Use a [TONE] tone.", "Write in [LANGUAGE]."}},
	{"kdp description", []string{"You are an Amazon KDP marketing expert.", "Act as a book blurb copywriter for bestselling authors."}, []string{"Write an Amazon book description for my [NICHE] book titled [TITLE] for [AUDIENCE].", "Write the back cover copy and Amazon description for [TITLE]."}, []string{"A bold hook line", "What the reader will learn in bullets", "Who the book is for", "Social proof placeholder", "A closing call to buy", "7 KDP keywords", "Two category suggestions"}, []string{"Use HTML formatting allowed by KDP.", "Use a [TONE] tone.", "Write in [LANGUAGE]."}},
}

var (
	niches   = []string{"keto recipes for busy moms", "personal finance for nurses", "dog training for first-time owners", "minimalist living", "budget travel in europe", "home workouts for seniors", "productivity for adhd adults", "beginner gardening", "real estate investing", "self-care for teachers", "homeschooling", "crypto for beginners", "vegan meal prep", "small business bookkeeping", "parenting toddlers", "language learning", "woodworking for beginners", "mindfulness", "freelance writing", "side hustles for students", "watercolor painting", "marathon training", "sourdough baking", "tiny house living", "digital planners", "skin care over 40", "pickleball", "dropshipping", "faceless youtube channels", "christian devotionals"}
	tones    = []string{"friendly", "professional", "witty", "inspirational", "casual", "authoritative", "conversational"}
	mlangs   = []string{"English", "English", "English", "Spanish", "Portuguese", "German", "French"}
	sellerNm = []string{"PromptForge", "CopyWizard", "AIGoldmine", "PromptKing", "ContentLab", "PromptPerfect", "ViralPrompts", "MegaPrompt", "PromptHero", "CreatorStack", "PromptVault", "NicheAI", "ScaleWithAI", "PromptMint"}
)

type mprompt struct {
	text   string
	seller int
}

func (m *mprompt) fill(r *rand.Rand, niche, aud string) string {
	topic := pick(r, []string{"%s for beginners", "%s mistakes to avoid", "how to start %s", "%s on a budget", "the truth about %s", "%s in 30 days", "advanced %s tips", "why most people fail at %s"})
	topic = fmt.Sprintf(topic, niche)
	rep := strings.NewReplacer("[TOPIC]", topic, "[AUDIENCE]", aud, "[NICHE]", niche, "[KEYWORD]", niche+" "+pick(r, []string{"tips", "guide", "ideas", "for beginners", "2028"}),
		"[LENGTH]", strconv.Itoa(pick(r, []int{8, 10, 12, 15})), "[NUMBER]", strconv.Itoa(between(r, 3, 12)), "[TONE]", pick(r, tones), "[LANGUAGE]", pick(r, mlangs),
		"[PRODUCT]", cap1(niche)+" "+pick(r, []string{"masterclass", "starter kit", "planner", "coaching program", "workbook", "membership"}),
		"[TITLE]", cap1(topic), "[PRICE]", "$"+strconv.Itoa(pick(r, []int{27, 47, 97, 197, 497})))
	return rep.Replace(m.text)
}

func genPromptMarket(w *world) {
	r := w.stream("prompt-market")
	f := w.inf
	g := w.group("prompt-market", "prompt-marketplace-buyers", false)
	var catalog []*mprompt
	var bySeller [][]int
	for s := range sellerNm {
		footer := pick(r, []string{"", "Do not explain what you are doing, just deliver the result.", "Take a deep breath and work on this step by step.", "If you understand, start immediately without repeating these instructions.", "Format the output in markdown.", "Ask me no questions; make reasonable assumptions."})
		sig := pick(r, []string{"", "", "(" + sellerNm[s] + " PRO prompt, v" + strconv.Itoa(between(r, 2, 5)) + ")", "### " + sellerNm[s] + " ###", "Powered by " + sellerNm[s] + "."})
		var mine []int
		for k := between(r, 5, 12); k > 0; k-- {
			pt := pick(r, productTypes)
			var b strings.Builder
			if sig != "" && strings.HasPrefix(sig, "###") {
				b.WriteString(sig + "\n")
			}
			b.WriteString(pick(r, pt.roles) + " " + pick(r, pt.task) + "\n\n")
			b.WriteString(pick(r, []string{"Include:", "Follow this structure:", "Your output must contain:", "Structure:"}) + "\n")
			for i, j := range r.Perm(len(pt.bullets))[:between(r, 5, min(8, len(pt.bullets)))] {
				fmt.Fprintf(&b, "%d. %s\n", i+1, pt.bullets[j])
			}
			b.WriteString("\n")
			for _, j := range r.Perm(len(pt.cons))[:between(r, 2, len(pt.cons))] {
				b.WriteString(pt.cons[j] + " ")
			}
			if footer != "" {
				b.WriteString(footer + " ")
			}
			if sig != "" && !strings.HasPrefix(sig, "###") {
				b.WriteString(sig)
			}
			mine = append(mine, len(catalog))
			catalog = append(catalog, &mprompt{text: strings.TrimSpace(b.String()), seller: s})
		}
		bySeller = append(bySeller, mine)
	}
	popW := zipfW(len(catalog), 0.8)
	sellerW := zipfW(len(sellerNm), 0.9)
	codes := []string{"US-E", "US-C", "US-W", "UK", "CA", "AU", "IN", "PH", "NG", "DE", "BR", "KE", "PK"}
	cw := []float64{15, 9, 11, 10, 5, 5, 12, 8, 6, 4, 5, 3, 3}
	type buyer struct {
		p     *person
		niche string
		aud   string
		heavy float64
		days  []int
	}
	use := func(b *buyer, m *mprompt, from int64, nUse int) {
		p := b.p
		for _, t := range sessions(r, nUse, from, p.reg.off, hwPerson, 1.4, 2.5, 60, 500) {
			if len(b.days) > 0 && chance(r, 0.6) {
				d := localDay(t, p.reg.off)
				for _, cd := range b.days {
					if cd > d && cd < nDays {
						t += int64(cd-d) * dayMs
						break
					}
				}
			}
			ip, dv := w.where(r, p, t, false)
			w.req(r, false, p.acct, t, ip, dv, p.card, m.fill(r, b.niche, b.aud), lognormI(r, 2200, 0.35, 700, 4200))
		}
	}
	newBuyer := func(signup int64) *buyer {
		reg := f.by[codes[pickW(r, cw)]]
		p := w.newPerson(r, g, reg, 0.15)
		if chance(r, 0.8) {
			p.card = w.card(r, p.acct, reg.bins)
		}
		p.signup = signup
		if signup == 0 {
			if chance(r, 0.7) {
				p.signup = signupBefore(r, 500)
			} else {
				p.signup = signupDuring(r, reg.off, 12)
			}
		}
		ip, dv := w.where(r, p, p.signup, false)
		w.signup(p.acct, p.signup, ip, dv, p.card, p.mail)
		b := &buyer{p: p, niche: pick(r, niches), aud: pick(r, []string{"beginners", "busy professionals", "moms", "students", "small business owners", "retirees", "women over 30", "gen z"}), heavy: lognorm(r, 1, 0.7)}
		if chance(r, 0.4) {
			first := between(r, 0, 6)
			b.days = []int{first, first + 7}
		}
		for _, t := range sessions(r, lognormI(r, 12, 0.9, 1, 250), p.signup, reg.off, hwPerson, 1.1, 2, 30, 400) {
			ip, dv := w.where(r, p, t, false)
			pr, tok := everyday(r)
			if chance(r, 0.2) {
				pr, tok = work(r)
			}
			w.req(r, false, p.acct, t, ip, dv, p.card, pr, tok)
		}
		return b
	}
	var buyers []*buyer
	for i, n := 0, between(r, 700, 840); i < n; i++ {
		b := newBuyer(0)
		buyers = append(buyers, b)
		fav := pickW(r, sellerW)
		owned := map[int]bool{}
		for k := []int{1, 2, 3, 4, 5, 6}[pickW(r, []float64{30, 25, 18, 12, 9, 6})]; k > 0; k-- {
			var m int
			if chance(r, 0.6) {
				m = pick(r, bySeller[fav])
			} else {
				m = pickW(r, popW)
			}
			if owned[m] {
				continue
			}
			owned[m] = true
			from := b.p.signup
			if chance(r, 0.3) {
				from = max(from, t0+int64(r.Float64()*float64(12*dayMs)))
			}
			use(b, catalog[m], from, lognormI(r, 4*b.heavy, 0.9, 1, 60))
		}
	}
	// Day 6 (Sunday 8 October), 16:00 UTC: the top seller's bundle at half price, by e-mail.
	sale := t0 + 6*dayMs + 16*hrMs
	top := 0
	for s := range sellerNm {
		if len(bySeller[s]) > len(bySeller[top]) {
			top = s
		}
	}
	bundle := bySeller[top]
	for i, n := 0, between(r, 120, 180); i < n; i++ {
		buy := sale + int64(r.ExpFloat64()*5*float64(hrMs))
		var b *buyer
		if chance(r, 0.6) {
			b = newBuyer(buy + int64(uniform(r, 1, 30)*float64(minMs)))
		} else {
			b = pick(r, buyers)
			if b.p.signup > buy {
				continue
			}
		}
		for _, j := range r.Perm(len(bundle))[:between(r, 3, min(6, len(bundle)))] {
			use(b, catalog[bundle[j]], buy+int64(uniform(r, 2, 90)*float64(minMs)), lognormI(r, 2*b.heavy, 0.8, 1, 30))
		}
	}
	// Day 3: eight popular prompts leak on a forum; a few ordinary people try them.
	leak := t0 + 3*dayMs + 15*hrMs
	var leaked []*mprompt
	for _, j := range r.Perm(min(20, len(catalog)))[:8] {
		leaked = append(leaked, catalog[j])
	}
	for _, j := range r.Perm(len(w.bg)) {
		if !chance(r, 0.02) {
			continue
		}
		p := w.bg[j]
		b := &buyer{p: p, niche: pick(r, niches), aud: "beginners"}
		use(b, pick(r, leaked), max(leak, p.signup), between(r, 1, 3))
	}
}

// ---------------------------------------------------------------------------------------------
// batch-customers: small companies whose nightly jobs go through the Batch API

var (
	coW1      = []string{"tally", "parcel", "ledger", "nimble", "stack", "signal", "vector", "harbor", "relay", "quanta", "cobalt", "fathom", "sprout", "kinetic", "lattice", "meadow", "pilot", "ridge", "orbit", "tandem", "mosaic", "beacon", "grain", "slate"}
	coW2      = []string{"ly", "hq", "labs", "works", "base", "flow", "desk", "io", "stack", "cart", "metrics", "ops", "point", "bridge"}
	ticketCat = []string{"billing", "bug", "feature_request", "account_access", "shipping", "refund", "cancellation", "onboarding", "integration", "other", "fraud", "how_to"}
	tkOpen    = []string{"Hi, ", "Hello team, ", "", "URGENT: ", "hey, ", "Good morning, "}
	tkBody    = []string{"I was charged twice for my %s subscription this month", "the export button does nothing when I click it on %s", "my package with order %d still hasn't arrived", "I can't log in after resetting my password on %s", "how do I connect your app to %s", "please cancel my plan, we are moving to %s", "the invoice shows the wrong VAT number for order %d", "your API returns 500 errors since %s", "I want a refund for the annual plan I bought on %s", "the mobile app crashes when I upload a photo on %s", "can you add dark mode to %s", "someone used my card for order %d"}
	tkFill    = []string{"chrome", "safari", "android", "the pro plan", "shopify", "slack", "quickbooks", "monday", "tuesday", "the 14th", "ios 19", "hubspot", "zapier", "stripe"}
	revThings = []string{"blender", "running shoes", "phone case", "desk lamp", "coffee maker", "backpack", "air fryer", "headphones", "yoga mat", "office chair", "kettle", "jacket"}
	revBits   = []string{"the battery dies fast", "great value for the price", "arrived damaged", "the color is different from the photos", "super comfortable", "stopped working after %d weeks", "customer service was helpful", "way too loud", "easy to set up", "the zipper broke", "exactly as described", "smells weird", "fits true to size", "would buy again"}
	streets   = []string{"main st", "oak ave", "maple dr", "high street", "church rd", "elm st", "park lane", "station road", "5th ave", "sunset blvd", "king st", "mill road"}
	newsTopic = []string{"interest rates", "a merger", "a data breach", "earnings", "layoffs", "a product recall", "a new factory", "a lawsuit", "an ipo", "a ceo change", "supply chain delays", "an acquisition"}
	coNames   = []string{"Acme Corp", "Globex", "Initech", "Umbrella Retail", "Stark Foods", "Wayne Logistics", "Hooli", "Vandelay Imports", "Soylent Inc", "Cyberdyne Health", "Tyrell Bio", "Wonka Candy"}
)

type jobKind struct {
	name   string
	instr  []string
	label  string
	schema []string
	input  func(*rand.Rand) string
	tok    [3]float64 // median, lo, hi
}

var jobKinds = []jobKind{
	{"triage", []string{"Classify the following customer support ticket.", "You are a support triage assistant. Assign the ticket below to exactly one category.", "Read the ticket and return its category and urgency.", "Categorize this support message."}, "Ticket", nil, func(r *rand.Rand) string {
		return pick(r, tkOpen) + fillNum(r, strings.Replace(pick(r, tkBody), "%s", pick(r, tkFill), 1)) + ". " + pasted(r, between(r, 0, 2))
	}, [3]float64{30, 8, 90}},
	{"reviews", []string{"Extract every product aspect mentioned in this review and its sentiment.", "Analyze the customer review below. List aspects and whether each is positive, negative or neutral.", "Return the aspects and sentiments in this review."}, "Review", []string{"aspect", "sentiment", "quote"}, func(r *rand.Rand) string {
		s := fmt.Sprintf("%d stars. %s %s", between(r, 1, 5), cap1(pick(r, revThings)), pick(r, []string{"is okay", "is great", "is disappointing", "works"}))
		for k := between(r, 1, 3); k > 0; k-- {
			s += ", " + fillNum(r, pick(r, revBits))
		}
		return s + "."
	}, [3]float64{140, 40, 400}},
	{"enrich", []string{"Generate a product title (max 80 characters), 5 bullet points and 10 SEO keywords for this listing.", "Rewrite this raw supplier listing into a clean product title, a short description and bullet points.", "Create marketplace-ready copy for the product below."}, "Listing", []string{"title", "bullets", "keywords"}, func(r *rand.Rand) string {
		return fmt.Sprintf("%s %s %s, %d pcs, %s, sku %s-%d", strings.ToUpper(pick(r, coW1)), pick(r, revThings), pick(r, []string{"stainless", "bamboo", "matte black", "XL", "waterproof", "2-pack", "USB-C"}), between(r, 1, 12), pick(r, []string{"gift box", "bulk", "retail pack"}), strings.ToUpper(hex(r, 3)), between(r, 100, 9999))
	}, [3]float64{380, 150, 800}},
	{"invoice", []string{"Extract vendor_name, invoice_date, total_amount, currency and line_items from the invoice text below.", "Parse this invoice into structured fields.", "You extract data from invoices. Return the fields listed in the schema."}, "Invoice", []string{"vendor_name", "invoice_date", "total_amount", "currency", "line_items"}, func(r *rand.Rand) string {
		s := fmt.Sprintf("INVOICE %d\n%s\nDate: 2028-%02d-%02d\n", between(r, 1000, 99999), pick(r, coNames), between(r, 1, 10), between(r, 1, 28))
		for k := between(r, 1, 5); k > 0; k-- {
			s += fmt.Sprintf("%s x%d  %d.%02d\n", pick(r, revThings), between(r, 1, 20), between(r, 3, 900), r.IntN(100))
		}
		return s + fmt.Sprintf("TOTAL %s %d.%02d", pick(r, []string{"USD", "EUR", "GBP"}), between(r, 20, 9000), r.IntN(100))
	}, [3]float64{230, 100, 500}},
	{"address", []string{"Normalize this postal address into street, city, region, postal_code and country.", "Clean up and split the address below into its parts.", "Standardize the following address."}, "Address", []string{"street", "city", "region", "postal_code", "country"}, func(r *rand.Rand) string {
		return fmt.Sprintf("%d %s %s, %s %d", between(r, 1, 9999), pick(r, streets), pick(r, []string{"apt " + strconv.Itoa(between(r, 1, 40)), "", "suite " + strconv.Itoa(between(r, 100, 900)), "unit b"}), pick(r, usTowns), between(r, 10000, 99999))
	}, [3]float64{60, 25, 140}},
	{"news", []string{"Tag this headline with up to 3 topics and a sentiment score from -1 to 1.", "Classify the news headline below by topic and market sentiment.", "Return topics and sentiment for this headline."}, "Headline", []string{"topics", "sentiment"}, func(r *rand.Rand) string {
		return fmt.Sprintf("%s %s %s amid %s", pick(r, coNames), pick(r, []string{"shares fall", "announces", "faces", "beats expectations on", "delays", "confirms"}), pick(r, newsTopic), pick(r, newsTopic))
	}, [3]float64{35, 10, 90}},
	{"jobs", []string{"Extract title, seniority, salary range, location, remote policy and required skills from this job post.", "Parse the job posting below into structured fields.", "Read this job ad and fill in the schema."}, "Job post", []string{"title", "seniority", "salary_min", "salary_max", "location", "remote", "skills"}, func(r *rand.Rand) string {
		return fmt.Sprintf("We're hiring a %s %s in %s (%s). $%dk-$%dk. Must know %s and %s. %s", pick(r, []string{"senior", "junior", "mid-level", "lead", ""}), pick(r, jobs), pick(r, usTowns), pick(r, []string{"hybrid", "remote", "on-site"}), between(r, 40, 120), between(r, 121, 260), pick(r, codeLang), pick(r, codeLang), pasted(r, 1))
	}, [3]float64{220, 90, 450}},
	{"calls", []string{"Summarize this sales call transcript in 5 bullets and list the next steps.", "Write a CRM note from the call transcript below: summary, objections, next steps.", "Summarize the call and extract action items with owners."}, "Transcript", nil, func(r *rand.Rand) string {
		s := ""
		for k := between(r, 3, 7); k > 0; k-- {
			s += pick(r, []string{"Rep: ", "Client: "}) + pasted(r, 1) + "\n"
		}
		return s
	}, [3]float64{320, 150, 700}},
	{"translate", []string{"Translate this customer review into English. Keep the star rating.", "Translate the review below to English and detect its language.", "Provide an English translation of this review."}, "Review", []string{"language", "translation", "rating"}, func(r *rand.Rand) string {
		return fmt.Sprintf("%d/5 %s", between(r, 1, 5), pick(r, []string{"Das Produkt kam beschadigt an, aber der Service war gut.", "Muy buena calidad, llego rapido.", "Produit conforme, un peu cher.", "Produto excelente, recomendo.", "Niet wat ik verwachtte, retour gestuurd.", "Ottimo rapporto qualita prezzo.", "Bardzo dobry produkt, polecam."})+" "+strconv.Itoa(between(r, 1, 99)))
	}, [3]float64{120, 40, 300}},
}

// companyTemplate is one company's wording of a job: its own instruction, labels or schema and
// output format, so no two companies send the same template.
func companyTemplate(r *rand.Rand, jk jobKind, company string) func(*rand.Rand) string {
	instr := pick(r, jk.instr)
	ctx := ""
	if chance(r, 0.5) {
		ctx = fmt.Sprintf("You work for %s. ", company)
	}
	var spec string
	if jk.name == "triage" {
		var cats []string
		for _, j := range r.Perm(len(ticketCat))[:between(r, 4, 7)] {
			cats = append(cats, ticketCat[j])
		}
		spec = "Categories: " + strings.Join(cats, ", ") + ". " + pick(r, []string{`Respond with JSON: {"category": ..., "urgency": "low|medium|high"}.`, "Answer with the category name only.", "Return one line: <category>|<urgency>."})
	} else if jk.schema != nil {
		sch := append([]string(nil), jk.schema...)
		if chance(r, 0.5) {
			sch = append(sch, pick(r, []string{"confidence", "notes", "id", "language"}))
		}
		spec = pick(r, []string{"Return JSON with keys: ", "Output a JSON object with fields ", "Schema: "}) + strings.Join(sch, ", ") + "."
	} else {
		spec = pick(r, []string{"Be concise.", "Use plain text.", "Use markdown bullets."})
	}
	label := pick(r, []string{jk.label + ":", "Input:", "###", "Text:", "<" + strings.ToLower(strings.ReplaceAll(jk.label, " ", "_")) + ">"})
	order := r.IntN(2)
	return func(r *rand.Rand) string {
		in := jk.input(r)
		if order == 0 {
			return ctx + instr + " " + spec + "\n\n" + label + " " + in
		}
		return label + " " + in + "\n\n" + ctx + instr + " " + spec
	}
}

func genBatchCustomers(w *world) {
	r := w.stream("batch-customers")
	f := w.inf
	g := w.group("batch-customers", "batch-api-companies", false)
	codes := []string{"US-E", "US-W", "US-C", "UK", "DE", "FR", "IN", "BR", "AU", "PL", "ES"}
	cw := []float64{20, 20, 8, 12, 10, 6, 10, 5, 4, 5, 4}
	doms := map[string]bool{}
	nCo := between(r, 52, 64)
	w.note("batch-customers: %d companies", nCo)
	for c := 0; c < nCo; c++ {
		reg := f.by[codes[pickW(r, cw)]]
		name := cap1(pick(r, coW1)) + pick(r, coW2)
		dom := strings.ToLower(name) + pick(r, []string{".io", ".ai", ".com", ".dev", ".co"})
		for k := 2; doms[dom]; k++ {
			dom = strings.ToLower(name) + strconv.Itoa(k) + ".io"
		}
		doms[dom] = true
		office := reg.offices[r.IntN(len(reg.offices))]
		var nat []string
		cl := f.cloud[r.IntN(len(f.cloud))]
		for k := between(r, 1, 3); k > 0; k-- {
			if chance(r, 0.3) {
				cl = f.cloud[r.IntN(len(f.cloud))]
			}
			nat = append(nat, cl.host(between(r, 2, 254)))
		}
		sdk := []string{f.sdkPy, f.sdkNode, f.sdkHttpx}[pickW(r, []float64{70, 25, 5})]
		coCard := ""
		if chance(r, 0.7) {
			coCard = w.card(r, "co_"+dom, reg.bins)
		}
		laptops := []string{f.desktopFP(r, 0.5), f.desktopFP(r, 0.5)}
		roles := r.Perm(8)
		roleNames := []string{"ml-prod", "data", "platform", "batch", "ml-staging", "ops", "etl", "api"}
		nSvc := []int{1, 2, 3, 4}[pickW(r, []float64{40, 30, 20, 10})]
		nHum := []int{0, 1, 2}[pickW(r, []float64{40, 40, 20})]
		for a := 0; a < nSvc+nHum; a++ {
			acct := w.newAcct(r, g)
			human := a >= nSvc
			pay := coCard
			if pay == "" {
				pay = w.card(r, acct, reg.bins)
			}
			var mail string
			if human {
				first, _ := names(r, reg.culture)
				mail = w.email(acct, first+"@"+dom, false)
			} else {
				mail = w.email(acct, roleNames[roles[a]]+"@"+dom, false)
			}
			su := signupBefore(r, 400)
			if chance(r, 0.1) {
				su = local(between(r, 0, 6), uniform(r, 9*60, 17*60), reg.off)
			}
			lap := laptops[a%2]
			w.signup(acct, su, office, lap, pay, mail)
			if human {
				for _, t := range sessions(r, lognormI(r, 25, 0.8, 2, 300), su, reg.off, hwWork, 0.2, 2.5, 30, 400) {
					var pr string
					var tok int
					switch pickW(r, []float64{45, 35, 20}) {
					case 0:
						pr, tok = codeQ(r)
					case 1:
						pr, tok = work(r)
					default:
						pr, tok = everyday(r)
					}
					w.req(r, false, acct, t, office, lap, pay, pr, tok)
				}
				continue
			}
			for j := between(r, 1, 2); j > 0; j-- {
				jk := pick(r, jobKinds)
				tmpl := companyTemplate(r, jk, name)
				tok := func(r *rand.Rand) int { return lognormI(r, jk.tok[0], 0.4, int(jk.tok[1]), int(jk.tok[2])) }
				// A few synchronous calls while developing the job.
				for _, t := range sessions(r, between(r, 5, 40), su, reg.off, hwWork, 0.2, 6, 5, 60) {
					ip, dv := office, sdk
					if chance(r, 0.3) {
						dv = lap
					}
					w.req(r, true, acct, t, ip, dv, pay, tmpl(r), tok(r))
				}
				size := lognorm(r, 150, 0.9)
				var subs []int64
				switch pickW(r, []float64{40, 30, 30}) {
				case 0: // nightly, some on weekdays only
					at := uniform(r, 60, 180)
					wkOnly := chance(r, 0.4)
					for d := 0; d < nDays; d++ {
						if wkOnly && weekend(d) {
							continue
						}
						subs = append(subs, local(d, at+r.Float64()*2, reg.off))
					}
				case 1: // weekly
					d0, at := r.IntN(7), uniform(r, 0, 24*60)
					subs = append(subs, local(d0, at, reg.off), local(d0+7, at, reg.off))
				default: // by hand, in working hours
					for k := between(r, 1, 4); k > 0; k-- {
						subs = append(subs, local(r.IntN(nDays), uniform(r, 9*60, 18*60), reg.off))
					}
				}
				for _, s := range subs {
					if s <= su+hrMs {
						continue
					}
					ip := pick(r, nat)
					for _, t := range batchTimes(r, s, max(5, min(3000, int(size*uniform(r, 0.7, 1.3))))) {
						w.req(r, true, acct, t, ip, sdk, pay, tmpl(r), tok(r))
					}
				}
			}
		}
	}
}

// ---------------------------------------------------------------------------------------------
// ring-step-relay: every problem solved one short step at a time, each step on another account

var (
	srOpen   = []string{"Problem:", "Task:", "Q:", "Here's a problem I'm working through:", "Exercise:", "I'm stuck partway through this one.", "Working on this:", "Question -"}
	srLabel  = []string{"Work so far:", "My steps so far:", "Progress:", "What I have so far:", "Steps done:", "So far:", "Current working:"}
	srFirst  = []string{"What's the first step? Just that step.", "Give only the first step, briefly.", "How should I start? One step only.", "Start me off with step 1 only."}
	srNext   = []string{"What is the next step? Give only that step.", "Continue with just the next step, briefly.", "Give me one more step, no more.", "Next step only please.", "What comes next? One step, short.", "Only the next line of working.", "Do the next step and stop."}
	srFinal  = []string{"Now finish it: state the final answer and check it in one line.", "Wrap up with the final answer and a quick check.", "Give the final answer with a one-line verification."}
	srPerson = []string{"", "", "", "Keep it short, I want to do the rest myself. ", "I'm checking my own work. ", "Don't solve the whole thing. "}
	srVars   = []string{"x", "y", "t", "n", "a", "v", "k"}
)

// Steps that fit each kind of problem: textbook (0), contest (1), coding (2).
var stepKinds = [][]int{{0, 1, 2, 3, 4, 6, 7, 8, 9, 10, 18, 19}, {0, 1, 2, 5, 6, 11, 12, 16, 17, 19}, {13, 14, 15, 20, 21, 22}}

func stepLine(r *rand.Rand, i, kind int) string {
	v, u := pick(r, srVars), pick(r, srVars)
	a, b, c := between(r, 2, 99), between(r, 2, 99), between(r, 2, 999)
	var s string
	switch pick(r, stepKinds[kind]) {
	case 20:
		s = fmt.Sprintf("Handle the empty input and n = 1 first; return %d.", between(r, -1, 1))
	case 21:
		s = fmt.Sprintf("Use two pointers from both ends; the window never exceeds %d.", c)
	case 22:
		s = fmt.Sprintf("Recurse on the halves and merge, counting %d cross pairs in the example.", a)
	case 0:
		s = fmt.Sprintf("Write down what is given: %s = %d and %s = %d.", v, a, u, b)
	case 1:
		s = fmt.Sprintf("Set up the equation %d%s + %d = %d.", a, v, b, c)
	case 2:
		s = fmt.Sprintf("Substitute %s = %d into the expression.", v, a)
	case 3:
		s = fmt.Sprintf("Differentiate both sides with respect to %s.", v)
	case 4:
		s = fmt.Sprintf("Apply conservation of energy: %d = %d + 0.5*%d*%s^2.", c, b, a, v)
	case 5:
		s = fmt.Sprintf("Factor: (%s - %d)(%s + %d) = 0.", v, a, v, b)
	case 6:
		s = fmt.Sprintf("Compute the discriminant: %d^2 - 4*%d*%d = %d.", a, b, c, a*a-4*b*c)
	case 7:
		s = fmt.Sprintf("Use sin^2 + cos^2 = 1, so the term becomes %d - %d cos^2(%s).", a, b, v)
	case 8:
		s = fmt.Sprintf("Free-body diagram: weight %d N, normal force %d N, friction %d N.", c, b*7, a)
	case 9:
		s = fmt.Sprintf("Take moments about A: %d * %d = F * %d.", a, b, between(r, 2, 9))
	case 10:
		s = fmt.Sprintf("Convert %d g to moles with molar mass %d g/mol: %.3f mol.", c, a, float64(c)/float64(a))
	case 11:
		s = fmt.Sprintf("Check the base case n = 1: both sides equal %d.", between(r, 1, 9))
	case 12:
		s = fmt.Sprintf("Assume it holds for n = %s and add the (%s+1)th term.", v, v)
	case 13:
		s = fmt.Sprintf("Sort the %d items first, O(n log n).", c)
	case 14:
		s = fmt.Sprintf("Keep a hash map from value to index while scanning; %d entries at most.", c)
	case 15:
		s = fmt.Sprintf("Let dp[i] be the best total for the first i items; dp[0] = %d.", between(r, 0, 1))
	case 16:
		s = fmt.Sprintf("Work modulo %d: the powers repeat with period %d.", a, between(r, 2, 12))
	case 17:
		s = fmt.Sprintf("Count the complement: %d total minus %d bad arrangements.", c*a, c)
	case 18:
		s = fmt.Sprintf("Integrate term by term to get %d%s^%d/%d + C.", a, v, between(r, 2, 6), between(r, 2, 6))
	default:
		s = fmt.Sprintf("Solve for %s: %s = %d/%d.", v, v, c, a)
	}
	return fmt.Sprintf("Step %d: %s", i, s)
}

func stepPrompt(r *rand.Rand, prob string, steps []string, j, k int) string {
	var ask string
	switch {
	case j == 0:
		ask = pick(r, srFirst)
	case j == k-1:
		ask = pick(r, srFinal)
	default:
		ask = pick(r, srNext)
	}
	head := pick(r, srPerson) + pick(r, srOpen) + " " + prob
	if j == 0 {
		return head + "\n" + ask
	}
	work := pick(r, srLabel) + "\n" + strings.Join(steps, "\n")
	if chance(r, 0.25) {
		return work + "\n\n" + head + "\n" + ask
	}
	return head + "\n\n" + work + "\n" + ask
}

func genStepRelay(w *world) {
	r := w.stream("ring-step-relay")
	f := w.inf
	g := w.group("ring-step-relay", "step-relay-distiller", true)
	codes := []string{"US-E", "US-C", "US-W", "CA", "UK", "AU"}
	cw := []float64{28, 14, 20, 8, 20, 10}
	type shift struct {
		s, e  int64
		ip    string
		quota int
		used  int
	}
	type acc struct {
		id, card, fp string
		reg          *region
		shifts       []*shift
	}
	var accs []*acc
	for i, n := 0, between(r, 230, 260); i < n; i++ {
		reg := f.by[codes[pickW(r, cw)]]
		a := &acc{reg: reg}
		a.id = w.newAcct(r, g)
		first, last := names(r, reg.culture)
		mail := w.personalEmail(r, a.id, reg, first, last)
		a.card = w.card(r, a.id, reg.bins)
		a.fp = f.desktopFP(r, 0.4)
		su := t0 + int64(uniform(r, -40, 5)*float64(dayMs))
		w.signup(a.id, su, f.exitIP(r, reg), a.fp, a.card, mail)
		sd := max(0, localDay(su, reg.off)+1)
		want := between(r, 5, 10)
		for _, d := range r.Perm(nDays) {
			if d < sd || len(a.shifts) >= want {
				continue
			}
			st := local(d, uniform(r, 8*60, 14*60), reg.off)
			sh := &shift{s: st, e: st + int64(uniform(r, 6, 11)*float64(hrMs)), ip: f.exitIP(r, reg), quota: between(r, 12, 35)}
			a.shifts = append(a.shifts, sh)
			for c := between(r, 0, 3); c > 0; c-- { // a little ordinary use, as a person would
				t := sh.s + int64(r.Float64()*float64(sh.e-sh.s))
				pr, tok := everyday(r)
				w.req(r, false, a.id, t, sh.ip, a.fp, a.card, pr, tok)
			}
		}
		accs = append(accs, a)
	}
	for lane := 0; lane < 2; lane++ {
		t := t0 + int64(r.Float64()*float64(hrMs))
		for t < t1 {
			var prob string
			kind := pickW(r, []float64{55, 25, 20})
			switch kind {
			case 0:
				prob = bankQ(r)
			case 1:
				prob = contestQ(r)
			default:
				prob = codingTask(r)
			}
			k := between(r, 5, 12)
			var steps []string
			used := map[int]bool{}
			for j := 0; j < k && t < t1; {
				var cand []int
				var cs []*shift
				for i, a := range accs {
					if used[i] {
						continue
					}
					for _, sh := range a.shifts {
						if t >= sh.s && t < sh.e && sh.used < sh.quota {
							cand = append(cand, i)
							cs = append(cs, sh)
							break
						}
					}
				}
				if len(cand) == 0 {
					t += int64(uniform(r, 2, 6) * float64(minMs))
					continue
				}
				x := r.IntN(len(cand))
				a, sh := accs[cand[x]], cs[x]
				used[cand[x]] = true
				tok := lognormI(r, 260, 0.45, 60, 900)
				if j == k-1 {
					tok = lognormI(r, 330, 0.4, 80, 900)
				}
				w.req(r, true, a.id, t, sh.ip, a.fp, a.card, stepPrompt(r, prob, steps, j, k), tok)
				sh.used++
				steps = append(steps, stepLine(r, j+1, kind))
				t += int64((float64(tok)/uniform(r, 40, 90) + uniform(r, 0.5, 2) + uniform(r, 2, 40)) * 1000)
				j++
			}
			t += int64(uniform(r, 10, 120) * 1000)
		}
	}
}

// ---------------------------------------------------------------------------------------------
// ring-doppelganger: accounts on browser fingerprints bought from real customers' infected
// browsers, each behind residential exits where its victim lives

var (
	dopTemplates = []string{
		"I'm studying for an exam and want to really understand this. Please solve it fully, explaining the reasoning behind every step, and point out common mistakes: %s",
		"Give a thorough, expert-level answer with all intermediate reasoning. Question: %s",
		"%s\n\nWalk through the complete solution. Do not skip steps. End with a summary of the key idea.",
		"Can you work through this like a patient tutor would, with full derivations? %s",
		"Explain the solution in depth, then restate the final answer clearly.\n%s",
	}
	dopOpen   = []string{"Trying to get my head around this one.", "My study group couldn't agree on this.", "Preparing for a test next week.", "Please help me understand this properly.", "This came up in my revision.", "I want to learn the method, not just the answer.", "Going over old exam papers.", "Teaching myself this topic."}
	dopDemand = []string{"Explain the reasoning behind every step.", "Work through it fully and don't skip anything.", "Show the complete derivation.", "Give a thorough explanation.", "Go through it the way a good teacher would.", "Lay out each step and why it's valid.", "Be rigorous and complete.", "Include the intermediate calculations."}
	dopClose  = []string{"Then point out common mistakes.", "Finish with a short summary of the key idea.", "Then restate the final answer clearly.", "Add a quick check of the result at the end.", "Mention any alternative method.", ""}
)

func dopPrompt(r *rand.Rand) string {
	q := payload(r)
	if chance(r, 0.6) {
		return fmt.Sprintf(pick(r, dopTemplates), q)
	}
	parts := []string{pick(r, dopOpen), q, pick(r, dopDemand) + " " + pick(r, dopClose)}
	if chance(r, 0.4) {
		parts[0], parts[1] = parts[1], parts[0]
	}
	return strings.TrimSpace(strings.Join(parts, " "))
}

func genDoppelganger(w *world) {
	r := w.stream("ring-doppelganger")
	f := w.inf
	g := w.group("ring-doppelganger", "fingerprint-doppelganger", true)
	vg := w.group("fp-victims", "stolen-fingerprint-owners", false)
	popular := map[string]bool{}
	for _, x := range f.popDesk {
		popular[x] = true
	}
	ok := map[string]bool{"US-E": true, "US-C": true, "US-W": true, "CA": true, "UK": true, "AU": true, "DE": true, "FR": true}
	var cand []*person
	for _, p := range w.bg {
		if ok[p.reg.code] && p.desk != "" && !popular[p.desk] && p.signup < t0 {
			cand = append(cand, p)
		}
	}
	pools := map[string][]string{}
	pool := func(reg *region) []string {
		if pools[reg.code] == nil {
			for i := 0; i < 300; i++ {
				pools[reg.code] = append(pools[reg.code], f.exitIP(r, reg))
			}
		}
		return pools[reg.code]
	}
	for _, j := range r.Perm(len(cand))[:min(len(cand), between(r, 150, 180))] {
		v := cand[j]
		w.move(v.acct, vg)
		reg := v.reg
		exit := func() string {
			if chance(r, 0.5) {
				isp := reg.isps[v.isp]
				return isp[r.IntN(len(isp))].host(between(r, 2, 254))
			}
			return pick(r, pool(reg))
		}
		uses := 1
		if chance(r, 0.3) {
			uses = 2
		}
		for u := 0; u < uses; u++ {
			acct := w.newAcct(r, g)
			first, last := names(r, reg.culture)
			mail := w.personalEmail(r, acct, reg, first, last)
			card := w.card(r, acct, reg.bins)
			var su int64
			if chance(r, 0.6) {
				su = t0 - int64(uniform(r, 5, 60)*float64(dayMs))
			} else {
				su = local(between(r, 0, 8), uniform(r, 18*60, 23*60), reg.off)
			}
			w.signup(acct, su, exit(), v.desk, card, mail)
			sd := max(0, localDay(su, reg.off)+1)
			want, got := between(r, 4, 9), 0
			for _, d := range r.Perm(nDays) {
				if d < sd || got >= want {
					continue
				}
				got++
				ip := exit()
				n := between(r, 8, 25)
				for done := 0; done < n; {
					t := local(d, uniform(r, 18*60, 23*60+30), reg.off)
					for k := min(n-done, between(r, 3, 12)); k > 0; k-- {
						if chance(r, 0.12) {
							pr, tok := everyday(r)
							w.req(r, false, acct, t, ip, v.desk, card, pr, tok)
						} else {
							w.req(r, false, acct, t, ip, v.desk, card, dopPrompt(r), lognormI(r, 2700, 0.25, 1500, 4200))
						}
						done++
						t += int64(uniform(r, 40, 200) * 1000)
					}
				}
			}
		}
	}
}

// ---------------------------------------------------------------------------------------------
// ring-batch-harvest: extraction through the Batch API, as a couple of dozen small "startups"

var (
	bhTemplates = []string{
		"You are an expert tutor. Provide a complete, rigorous solution with every intermediate step, then verify the result.\n\nProblem: %s",
		"Solve the following task. Think it through carefully and show all of your reasoning before giving the final answer.\n\nTask: %s",
		"### Instruction\n%s\n\n### Response requirements\nA detailed chain of reasoning, the alternatives you considered, the final answer and a short self-check.",
		"Produce a teaching-quality worked answer for the question below. Explain why each step follows from the previous one.\nQuestion: %s",
	}
	bhOpen   = []string{"Consider the following.", "Here is an item from our evaluation set.", "Input item:", "Reference question:", "Next item.", "Item for the answer key:", "Please answer:", "Dataset entry:"}
	bhDemand = []string{"Reason step by step in full detail.", "Show every intermediate result.", "Give the complete derivation and justify each step.", "Explain your reasoning exhaustively.", "Do not skip any steps.", "Think carefully and write out the whole solution.", "Provide a long, careful explanation.", "Walk through the full reasoning."}
	bhFormat = []string{"End with 'Final answer:' on its own line.", "Put the final answer in a box.", "Finish with a one-paragraph summary.", "Then verify the answer independently.", "Use markdown headings for each stage.", "Number the steps."}
)

func genBatchHarvest(w *world) {
	r := w.stream("ring-batch-harvest")
	f := w.inf
	g := w.group("ring-batch-harvest", "batch-api-distiller", true)
	bins := []string{"5" + strconv.Itoa(10000+r.IntN(89999)), "4" + strconv.Itoa(10000+r.IntN(89999))}
	var proxies []string
	for i := 0; i < 80; i++ {
		proxies = append(proxies, f.hosting[r.IntN(20)].host(between(r, 2, 40)))
	}
	home := []string{"US-E", "US-W", "UK"}
	roleNames := []string{"ml", "data", "research", "dev", "api", "eval"}
	nd := between(r, 22, 26)
	w.note("ring-batch-harvest: %d fake companies", nd)
	for d := 0; d < nd; d++ {
		reg := f.by[pick(r, home)]
		dom := pick(r, coW1) + pick(r, []string{"labs", "ai", "data", "ml", "research"}) + pick(r, []string{".io", ".ai", ".dev", ".co"})
		fp := f.desktopFP(r, 0.3)
		su0 := t0 + int64(uniform(r, -40, 6)*float64(dayMs))
		nAcc := between(r, 4, 5)
		for a, roles := 0, r.Perm(len(roleNames)); a < nAcc; a++ {
			acct := w.newAcct(r, g)
			mail := w.email(acct, roleNames[roles[a]]+"@"+dom, false)
			card := w.card(r, acct, bins)
			su := su0 + int64(uniform(r, 1, 50)*float64(minMs))
			w.signup(acct, su, f.exitIP(r, reg), fp, card, mail)
			sdk := f.sdkPy
			if chance(r, 0.2) {
				sdk = f.sdkHttpx
			}
			mine := r.Perm(len(bhTemplates))[:between(r, 1, 2)]
			prompt := func(r *rand.Rand) string {
				q := payload(r)
				if chance(r, 0.3) {
					return pick(r, bhOpen) + " " + q + " " + pick(r, bhDemand) + " " + pick(r, bhFormat)
				}
				return fmt.Sprintf(bhTemplates[pick(r, mine)], q)
			}
			sd := max(0, localDay(su, reg.off)+1)
			var days []int
			want := between(r, 3, 7)
			for _, x := range r.Perm(nDays) {
				if x >= sd && len(days) < want {
					days = append(days, x)
				}
			}
			sort.Ints(days)
			for i, x := range days {
				ip := pick(r, proxies)
				if i == 0 {
					t := local(x, uniform(r, 10*60, 20*60), reg.off)
					for k := between(r, 3, 10); k > 0; k-- {
						w.req(r, true, acct, t, ip, sdk, card, prompt(r), lognormI(r, 2600, 0.3, 1200, 4500))
						t += int64(uniform(r, 5, 90) * 1000)
					}
				}
				var sub int64
				if chance(r, 0.5) { // like the nightly jobs it imitates
					sub = local(x, uniform(r, 60, 180), reg.off)
				} else {
					sub = local(x, uniform(r, 0, 24*60), reg.off)
				}
				if sub <= su+hrMs {
					sub = su + hrMs + int64(r.Float64()*float64(hrMs))
				}
				for _, t := range batchTimes(r, sub, lognormI(r, 420, 0.5, 150, 1200)) {
					w.req(r, true, acct, t, ip, sdk, card, prompt(r), lognormI(r, 2600, 0.3, 1200, 4500))
				}
			}
		}
	}
}
