package templates

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// labelled is one prompt of a test corpus with its true template; free-form
// prompts have truth "free:<text>" and templated ones the template id.
type labelled struct {
	prompt string
	truth  string
	free   bool
}

var fillWords = strings.Fields(`the a of and to in is it that for on with as was at by this from
but not are or have be which one you all were we when there can an your their each she do how if
will up other about out many then them these so some her would make like him into time has look
two more write go see number no way could people my than first water been call who its now find
long down day did get come made may part report meeting customer order invoice schedule project
budget team deadline server database error release feature design review market price product
launch quarter growth policy contract school homework essay chapter exam teacher lecture paper
recipe dinner garden weekend travel hotel flight museum river mountain city village weather winter
summer morning quickly carefully really simply usually almost always never important simple
difficult new old small large different interesting useful strange clear recent local public
private analysis result problem solution question answer example idea system process model data
network history science language café résumé naïve façade jalapeño Zürich`)

var fills = map[string][]string{
	"domain": {"physics", "organic chemistry", "quantum field theory", "economics", "number theory",
		"molecular biology", "classical mechanics", "linear algebra", "statistics", "machine learning"},
	"topic": {"photosynthesis", "the French revolution", "quantum entanglement", "compound interest",
		"black holes", "the immune system", "supply and demand", "plate tectonics", "inflation",
		"neural networks", "the Roman empire", "renewable energy", "gene editing", "cryptography",
		"the Cold War", "sourdough baking", "urban gardening", "game theory", "dark matter",
		"TCP congestion control", "garbage collection", "the Treaty of Westphalia", "café culture in Vienna"},
	"style": {"a Victorian novelist", "a sports commentator", "a pirate", "a legal contract",
		"a children's book", "Shakespeare", "a news anchor", "a haiku master"},
	"task": {"reverses a string", "checks whether a number is prime", "parses a CSV file",
		"merges two sorted lists", "computes a moving average", "deduplicates a list",
		"retries an HTTP request with exponential backoff and jitter", "flattens a nested dict"},
	"name": {"james", "mary", "wei", "priya", "hiroshi", "fatima", "lucas", "sofia", "amir", "olga"},
	"code": {"def add(a, b):\n    return a + b", "for i in range(10):\n    print(\"value\", i)",
		"SELECT name, COUNT(*) FROM users GROUP BY name HAVING COUNT(*) > 1;",
		"const x = arr.map(v => v * 2).filter(Boolean);",
		"if err != nil {\n\treturn fmt.Errorf(\"open: %w\", err)\n}",
		"while (n > 0) { sum += n % 10; n /= 10; }"},
}

// sentence returns lo..hi random words as a sentence.
func sentence(r *rand.Rand, lo, hi int) string {
	n := lo + r.IntN(hi-lo+1)
	ws := make([]string, n)
	for i := range ws {
		ws[i] = fillWords[r.IntN(len(fillWords))]
	}
	ws[0] = strings.ToUpper(ws[0][:1]) + ws[0][1:]
	end := "."
	if r.IntN(4) == 0 {
		end = "!"
	}
	return strings.Join(ws, " ") + end
}

func fill(r *rand.Rand, slot string) string {
	switch slot {
	case "sentence":
		return sentence(r, 3, 20)
	case "problem":
		if r.IntN(3) == 0 {
			return fmt.Sprintf("x+%d=%d", r.IntN(50), r.IntN(99))
		}
		return sentence(r, 5, 40) + " What is the " + fillWords[r.IntN(len(fillWords))] + "?"
	case "paragraph":
		var b strings.Builder
		for i, n := 0, 1+r.IntN(5); i < n; i++ {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(sentence(r, 4, 18))
		}
		return b.String()
	case "question":
		q := sentence(r, 4, 16)
		return q[:len(q)-1] + "?"
	case "number":
		return fmt.Sprint(2 + r.IntN(20))
	case "url":
		return fmt.Sprintf("https://git.example.com/org/repo/pull/%d", r.IntN(9999))
	case "email":
		return fmt.Sprintf("%s.%d@example.org", fills["name"][r.IntN(10)], r.IntN(99))
	}
	vs, ok := fills[slot]
	if !ok {
		panic("unknown slot " + slot)
	}
	return vs[r.IntN(len(vs))]
}

func readLines(t testing.TB, path string) []string {
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if l := sc.Text(); l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	require.NoError(t, sc.Err())
	return out
}

type spec struct{ id, text string }

func loadSpecs(t testing.TB) []spec {
	var out []spec
	for _, l := range readLines(t, "testdata/templates.txt") {
		id, text, ok := strings.Cut(l, "\t")
		require.True(t, ok, l)
		out = append(out, spec{id, strings.ReplaceAll(text, `\n`, "\n")})
	}
	return out
}

func render(r *rand.Rand, text string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(text, '{')
		if i < 0 {
			b.WriteString(text)
			return b.String()
		}
		j := strings.IndexByte(text[i:], '}') + i
		b.WriteString(text[:i])
		b.WriteString(fill(r, text[i+1:j]))
		text = text[j+1:]
	}
}

// handCorpus interleaves n templated prompts (templates drawn with skewed
// popularity) with the hand-written free-form prompts, the way real traffic
// mixes an operation's templates with ordinary chat usage.
func handCorpus(t testing.TB, seed uint64, n int) []labelled {
	r := rand.New(rand.NewPCG(seed, 7))
	specs := loadSpecs(t)
	free := readLines(t, "testdata/freeform.txt")
	out := make([]labelled, 0, n+len(free))
	fi := 0
	for i := 0; i < n; i++ {
		if fi < len(free) && r.IntN(n/len(free)+1) == 0 {
			out = append(out, labelled{prompt: free[fi], truth: "free:" + free[fi], free: true})
			fi++
		}
		// Zipf-ish popularity: low-index templates are more common.
		k := int(float64(len(specs)) * r.Float64() * r.Float64())
		out = append(out, labelled{prompt: render(r, specs[k].text), truth: specs[k].id})
	}
	for ; fi < len(free); fi++ {
		out = append(out, labelled{prompt: free[fi], truth: "free:" + free[fi], free: true})
	}
	return out
}

// accuracy is the log-parsing grouping accuracy over the templated prompts:
// a prompt counts as correct only if the set of prompts sharing its mined
// id is exactly the set sharing its true template. It also returns the
// largest number of distinct free-form truths under one mined id.
func accuracy(corpus []labelled, ids []uint32) (acc float64, maxFreeMerge int, report string) {
	type pair struct {
		truth string
		id    uint32
	}
	byTruth, byID, byPair := map[string]int{}, map[uint32]int{}, map[pair]int{}
	freeTruths := map[uint32]map[string]bool{}
	for i, c := range corpus {
		byTruth[c.truth]++
		byID[ids[i]]++
		byPair[pair{c.truth, ids[i]}]++
		if c.free {
			if freeTruths[ids[i]] == nil {
				freeTruths[ids[i]] = map[string]bool{}
			}
			freeTruths[ids[i]][c.truth] = true
		}
	}
	ok, total := 0, 0
	bad := map[string]bool{}
	for i, c := range corpus {
		if c.free {
			continue
		}
		total++
		p := pair{c.truth, ids[i]}
		if byPair[p] == byTruth[c.truth] && byPair[p] == byID[ids[i]] {
			ok++
		} else {
			bad[c.truth] = true
		}
	}
	for _, s := range freeTruths {
		maxFreeMerge = max(maxFreeMerge, len(s))
	}
	var b strings.Builder
	for truth := range bad {
		fmt.Fprintf(&b, "%s(%d prompts) -> ", truth, byTruth[truth])
		for p, n := range byPair {
			if p.truth == truth {
				fmt.Fprintf(&b, "id %d: %d of %d; ", p.id, n, byID[p.id])
			}
		}
		b.WriteByte('\n')
	}
	if total == 0 {
		return 1, maxFreeMerge, ""
	}
	return float64(ok) / float64(total), maxFreeMerge, b.String()
}
