package templates

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// skeletonOf renders what the tokenizer sees, the way a singleton shows it.
func skeletonOf(p string) string {
	m := NewMiner(Config{}, nil)
	id := m.Mine(p)
	t, _ := m.Get(id)
	return t.Skeleton
}

func TestMasking(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"words and punctuation", "Hello, world!", "Hello , world !"},
		{"integer", "Give me 5 ideas", "Give me <*> ideas"},
		{"decimal and thousands", "pay 3.14 or 1,000 now", "pay <*> or <*> now"},
		{"time and date", "at 12:30 on 2024/01/02", "at <*> on <*>"},
		{"alphanumeric id", "order A12B9 shipped", "order <*> shipped"},
		{"uuid", "id 123e4567-e89b-12d3-a456-426614174000 ok", "id <*> ok"},
		{"hex without digits", "key deadbeefcafebabe end", "key <*> end"},
		{"short hex-looking word kept", "a decade ago", "a decade ago"},
		{"url", "see https://example.com/a?b=c.", "see <*> ."},
		{"www url", "visit www.example.org today", "visit <*> today"},
		{"email", "mail bob.smith@example.co.uk, thanks", "mail <*> , thanks"},
		{"double quotes", `Translate "good morning to you" now`, "Translate <*> now"},
		{"single quotes", "say 'hi there' please", "say <*> please"},
		{"apostrophe is not a quote", "don't stop, it's fine", "don't stop , it's fine"},
		{"curly quotes", "Fix “this sentence here” please", "Fix <*> please"},
		{"inline code", "what does `x := f(y)` do", "what does <*> do"},
		{"fenced code", "Explain:\n```go\nfunc f() {}\n```\nthanks", "Explain : \n <*> \n thanks"},
		{"adjacent variables collapse", "from 10 to 20 3 4", "from <*> to <*>"},
		{"line breaks collapse", "a\n\n\nb", "a \n b"},
		{"hyphenated word", "step-by-step guide", "step-by-step guide"},
		{"unclosed quote is punctuation", `a "b c`, `a " b c`},
		{"whitespace only", "   ", ""},
		{"chinese, a character a token", "请把这句话翻译成英文：我喜欢猫", "请 把 这 句 话 翻 译 成 英 文 : 我 喜 欢 猫"},
		{"full-width digits masked, ideographic full stop", "第１２题很难。", "第 <*> 题 很 难 ."},
		{"kana", "これは10円です", "こ れ は <*> 円 で す"},
		{"ideographic space", "你好\u3000世界", "你 好 世 界"},
		{"latin word then han", "Hello世界", "Hello 世 界"},
		{"hangul keeps its spaced words", "안녕하세요 세계", "안녕하세요 세계"},
		{"accented latin stays one word", "café résumé", "café résumé"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, skeletonOf(tc.in))
		})
	}
}

// mineAll mines prompts in order and returns their ids.
func mineAll(m *Miner, prompts ...string) []uint32 {
	ids := make([]uint32, len(prompts))
	for i, p := range prompts {
		ids[i] = m.Mine(p)
	}
	return ids
}

func TestSlotFillsOfDifferentLengthsMatch(t *testing.T) {
	for _, tc := range []struct {
		name    string
		prompts []string
	}{
		{"trailing fill after a colon", []string{
			"You are an expert in physics. Solve step by step: x+1=2",
			"You are an expert in organic chemistry. Solve step by step: a train leaves the station at noon and travels east while a second train leaves later; when do they meet and how far from the station?",
			"You are an expert in number theory. Solve step by step: prove that there are infinitely many primes.",
		}},
		{"leading fill before a line break", []string{
			"The meeting moved to Friday.\n\nTL;DR in one line, then the action items:",
			"Quarterly revenue grew while costs fell, but the team worries about hiring, churn and the new pricing model that launches next month.\n\nTL;DR in one line, then the action items:",
		}},
		{"interior fill between word runs", []string{
			"Rewrite the following text in the style of a pirate, keeping every fact: We shipped the release.",
			"Rewrite the following text in the style of a Victorian novelist, keeping every fact: The server crashed twice overnight and nobody noticed until the morning standup.",
			"Rewrite the following text in the style of Shakespeare, keeping every fact: Lunch is ready.",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := NewMiner(Config{}, nil)
			ids := mineAll(m, tc.prompts...)
			for _, id := range ids {
				assert.Equal(t, ids[0], id)
			}
			got, ok := m.Match(tc.prompts[0])
			assert.True(t, ok)
			assert.Equal(t, ids[0], got)
		})
	}
}

func TestSharedPrefixTemplatesStayApart(t *testing.T) {
	for _, tc := range []struct {
		name string
		a, b string // templates with %s slots
	}{
		{"same opening, different task", "You are a helpful, knowledgeable assistant. Answer the following question in full detail: %s",
			"You are a helpful, knowledgeable assistant. Critique the following argument and give a corrected version: %s"},
		{"one word differs before the colon", "Translate this into French: %s", "Translate this into Spanish: %s"},
		{"different instruction after a slot", "You are an expert in %s. Solve step by step: %s",
			"You are an expert in %s. Explain the key ideas behind this problem to a beginner: %s"},
		{"same task, different opening sentence", "Think carefully before answering. List the facts about %s, each with a justification.",
			"System: detailed mode. List the facts about %s, each with a justification."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(1, 2))
			m := NewMiner(Config{}, nil)
			ida, idb := map[uint32]bool{}, map[uint32]bool{}
			for i := 0; i < 200; i++ {
				tpl, into := tc.a, ida
				if r.IntN(2) == 0 {
					tpl, into = tc.b, idb
				}
				// Interior slots get short fills, the last one any length.
				args := make([]any, strings.Count(tpl, "%s"))
				for k := range args {
					if k == len(args)-1 && strings.HasSuffix(tpl, "%s") {
						args[k] = sentence(r, 1, 25)
					} else {
						args[k] = strings.Join(fillWords[r.IntN(50):][:1+r.IntN(3)], " ")
					}
				}
				into[m.Mine(fmt.Sprintf(tpl, args...))] = true
			}
			for id := range ida {
				assert.False(t, idb[id], "template id %d shared by both templates", id)
			}
			assert.Len(t, ida, 1, "template A split")
			assert.Len(t, idb, 1, "template B split")
		})
	}
}

// TestPreambleWithDifferentTasks: a long shared preamble followed by one
// of several short tasks, each a sentence with a slot, gives a template
// per task, even when the first prompts each bring another task (before
// any task's words are confirmed by a second prompt).
func TestPreambleWithDifferentTasks(t *testing.T) {
	const pre = "You are a meticulous senior analyst working for a large consulting firm. Always cite your sources, be concise, and format your answer in markdown. "
	tasks := []string{pre + "Draft a press release on %s.", pre + "Translate this memo into German: %s.", pre + "Write a risk assessment of %s."}
	r := rand.New(rand.NewPCG(3, 4))
	m := NewMiner(Config{}, nil)
	ids := make([]map[uint32]bool, len(tasks))
	for i := range ids {
		ids[i] = map[uint32]bool{}
	}
	for i := range 60 {
		k := i % len(tasks)
		ids[k][m.Mine(fmt.Sprintf(tasks[k], strings.Join(fillWords[r.IntN(50):][:1+r.IntN(2)], " ")))] = true
	}
	for k := range tasks {
		assert.Len(t, ids[k], 1, "task %d split", k)
		for j := range k {
			for id := range ids[k] {
				assert.False(t, ids[j][id], "tasks %d and %d share template %d", j, k, id)
			}
		}
	}
}

func TestShortTemplatesAndShortOpeners(t *testing.T) {
	t.Run("short opening, short slot, closing is learned", func(t *testing.T) {
		m := NewMiner(Config{}, nil)
		ids := mineAll(m, "Write a haiku about dark matter.", "Write a haiku about the Cold War.",
			"Write a haiku about volcanoes.", "Write a haiku about the Treaty of Westphalia.")
		assert.Equal(t, []uint32{ids[0], ids[0], ids[0], ids[0]}, ids)
		tp, _ := m.Get(ids[0])
		assert.Equal(t, "Write a haiku about <*> .", tp.Skeleton)
		// The slot is bounded: a long text after the opening is not a fill.
		long := "Write a haiku about " + strings.Repeat("the sea and the sky ", 4) + "."
		assert.NotEqual(t, ids[0], m.Mine(long))
	})
	t.Run("an opening seen before a long text is not learned", func(t *testing.T) {
		m := NewMiner(Config{}, nil)
		first := m.Mine("what do you think about the weather in winter!")
		m.Mine("what do you think about my plan to move abroad, given the budget, the team, the school and the flights next summer!")
		a := m.Mine("what do you think about my new job!")
		b := m.Mine("what do you think about rainy days!")
		assert.NotEqual(t, first, a)
		assert.NotEqual(t, a, b)
	})
	t.Run("a short template learned before a long text is retired by it", func(t *testing.T) {
		m := NewMiner(Config{}, nil)
		ids := mineAll(m, "what do you think about the weather in winter!", "what do you think about my new job!")
		require.Equal(t, ids[0], ids[1])
		m.Mine("what do you think about my plan to move abroad, given the budget, the team, the school and the flights next summer!")
		assert.NotEqual(t, ids[0], m.Mine("what do you think about rainy days!"))
	})
	t.Run("a two-word label before pasted text", func(t *testing.T) {
		m := NewMiner(Config{}, nil)
		ids := mineAll(m, "Summarize this: The team met on Monday. Nobody agreed on the budget.",
			"Summarize this: Sales fell in the spring and rose again in the autumn.",
			"Summarize this: We moved offices. The new one is smaller but closer to the station. Rent is lower.")
		assert.Equal(t, []uint32{ids[0], ids[0], ids[0]}, ids)
		free := mineAll(m, "quick question: can I freeze cooked rice?",
			"quick question: is it safe to run every day?", "quick question: why do cats purr?")
		assert.NotEqual(t, free[0], free[1])
		assert.NotEqual(t, free[1], free[2])
	})
	t.Run("a one-word header before pasted text", func(t *testing.T) {
		// Unrelated prompts that open with the same bare one-word header
		// are not one template: a grader's rubric and a judge's
		// instructions.
		m := NewMiner(Config{}, nil)
		ids := mineAll(m, "[System]\nYou grade essays for a school. Give a mark from one to ten. Explain the mark in two lines.",
			"[System]\nPlease act as an impartial judge. Compare the two answers below. Say which is better and why.",
			"[System]\nYou are a travel agent. Suggest three trips for a family. Keep each under a week.")
		assert.NotEqual(t, ids[0], ids[1])
		assert.NotEqual(t, ids[1], ids[2])
		assert.NotEqual(t, ids[0], ids[2])
		// A one-word label with its colon introduces its payload: a
		// template.
		f := mineAll(m, "User: Why do leaves turn red? Explain the chemistry\nAssistant: Chlorophyll breaks down first\nUser: go deeper",
			"User: How is steel made? List the stages\nAssistant: Iron ore is smelted in a furnace\nUser: go deeper",
			"User: What causes tides? Keep it short\nAssistant: The moon pulls the oceans\nUser: go deeper")
		assert.Equal(t, []uint32{f[0], f[0], f[0]}, f)
	})
	t.Run("a short fill before a long closing", func(t *testing.T) {
		// A script that opens with a name is one template, whoever
		// it names (the ninth probe's prompt pack made one per name).
		m := NewMiner(Config{}, nil)
		names := mineAll(m, "Carlos asked if this is a pyramid scheme. Write a friendly honest reply about the opportunity",
			"Ana asked if this is a pyramid scheme. Write a friendly honest reply about the opportunity",
			"Mary Jo asked if this is a pyramid scheme. Write a friendly honest reply about the opportunity",
			"Ana replied that it costs too much. Write an empathetic reply that keeps the door open")
		assert.Equal(t, []uint32{names[0], names[0], names[0]}, names[:3])
		assert.NotEqual(t, names[0], names[3])
		sk, _ := m.Get(names[0])
		assert.Equal(t, "<*> asked if this is a pyramid scheme . Write a friendly honest reply about the opportunity", sk.Skeleton)
		// The opening slot then takes a name, not a wrapper's
		// instruction before the script.
		after := mineAll(m, "Dr Li Wei asked if this is a pyramid scheme. Write a friendly honest reply about the opportunity",
			"Rewrite this for me: Ana asked if this is a pyramid scheme. Write a friendly honest reply about the opportunity")
		assert.Equal(t, names[0], after[0])
		assert.NotEqual(t, names[0], after[1])
		// A question of its own before a shared closing instruction is
		// another task, as a sentence after a shared preamble is.
		tasks := mineAll(m, "Why is the sky blue? Explain step by step and show all of your work in detail",
			"Where do tides come from? Explain step by step and show all of your work in detail")
		assert.NotEqual(t, tasks[0], tasks[1])
		// A label before its payload, or a word added before a bare
		// text, is a template of its own: a wrapper around public
		// questions is not the questions.
		q := "Write a function that returns the longest substring with at most 3 distinct characters"
		wrapped := mineAll(m, "Solve fully and show every step: "+q, "Detailed solution please: "+q, "Please "+q, q)
		assert.NotEqual(t, wrapped[0], wrapped[1])
		assert.NotEqual(t, wrapped[0], wrapped[3])
		assert.NotEqual(t, wrapped[1], wrapped[3])
		assert.NotEqual(t, wrapped[2], wrapped[3])
		// So is an opening longer than a short fill.
		long := mineAll(m, "my landlord kept the whole deposit after we moved out and explain step by step and show all of your work in detail",
			"the train was late again so I missed the interview and explain step by step and show all of your work in detail")
		assert.NotEqual(t, long[0], long[1])
	})
	t.Run("code payloads sharing only punctuation", func(t *testing.T) {
		m := NewMiner(Config{}, nil)
		ids := mineAll(m, "Explain this code:\npublic static int fib(int n) { return n < 2 ? n : fib(n-1) + fib(n-2); }",
			"Explain this code:\nfor i in range(10):\n    print(\"value\", i)",
			"Explain this code:\nwhile (n > 0) { sum += n % 10; n /= 10; }")
		assert.Equal(t, []uint32{ids[0], ids[0], ids[0]}, ids)
	})
}

func TestFreeFormStaysSeparate(t *testing.T) {
	free := readLines(t, "testdata/freeform.txt")
	m := NewMiner(Config{}, nil)
	ids := map[uint32][]string{}
	for _, p := range free {
		id := m.Mine(p)
		ids[id] = append(ids[id], p)
	}
	for _, ps := range ids {
		assert.Len(t, ps, 1, "free-form prompts merged")
	}
}

// TestScriptsWithoutSpaces: templates written in Chinese, Japanese or
// Thai, whose words are not separated by spaces, group their fills, stay
// apart from each other, and keep their ids through persistence.
func TestScriptsWithoutSpaces(t *testing.T) {
	zhFills := []string{"我喜欢猫", "今天下雨了", "他在学校工作", "这本书很有意思", "我们明天去北京", "她会说三种语言", "火车晚点了", "咖啡太烫了", "孩子们在公园玩", "电脑坏了"}
	jaFills := []string{"猫が好きです", "今日は雨が降っています", "彼は学校で働いています", "この本はとても面白いです", "明日東京へ行きます", "電車が遅れました"}
	tpls := []struct {
		name, format string
		fills        []string
	}{
		{"zh translate", "请把下面这句话翻译成英文，并解释语法：%s", zhFills},
		{"zh summarise", "请用一句话总结下面的内容：%s", zhFills},
		{"ja translate", "次の文章を英語に翻訳してください：%s", jaFills},
		{"th translate", "ช่วยแปลประโยคนี้เป็นภาษาอังกฤษ: %s", []string{"ฉันชอบแมว", "วันนี้ฝนตก", "เขาทำงานที่โรงเรียน", "รถไฟมาช้า"}},
	}
	m := NewMiner(Config{}, nil)
	var prompts []string
	var ids []uint32
	byTpl := make([]map[uint32]bool, len(tpls))
	for k := range tpls {
		byTpl[k] = map[uint32]bool{}
	}
	for i := range 10 {
		for k, tp := range tpls {
			p := fmt.Sprintf(tp.format, tp.fills[i%len(tp.fills)])
			id := m.Mine(p)
			prompts, ids = append(prompts, p), append(ids, id)
			byTpl[k][id] = true
		}
	}
	for k, tp := range tpls {
		assert.Len(t, byTpl[k], 1, "%s split", tp.name)
		for j := range k {
			for id := range byTpl[k] {
				assert.False(t, byTpl[j][id], "%s and %s share template %d", tpls[j].name, tp.name, id)
			}
		}
	}
	m2 := NewMiner(Config{}, m.Changed())
	for i, p := range prompts {
		assert.Equal(t, ids[i], m2.Mine(p), "%q after a restart", p)
	}

	// Free-form questions do not merge.
	free := []string{"今天天气怎么样？", "帮我写一首关于秋天的诗", "如何学习编程比较快", "我的电脑开不了机了怎么办", "推荐几本好看的科幻小说",
		"北京有哪些好吃的餐厅", "解释一下量子纠缠是什么意思", "怎样才能提高睡眠质量", "写一封请假邮件给老板", "中国的长城有多长", "给我讲个笑话吧", "为什么天空是蓝色的"}
	seen := map[uint32]string{}
	for _, p := range free {
		id := m.Mine(p)
		assert.NotContains(t, seen, id, "%q merged with %q", p, seen[id])
		seen[id] = p
	}
	// Nor do they after a common opening of two or three characters and a
	// colon ("explain:", "please write:"): that is a short label, not a
	// three-word one, and what follows is free text, not a payload.
	for _, opening := range []string{"请解释：", "帮我写：", "書いてください："} {
		ids := map[uint32]int{}
		for _, p := range free {
			ids[m.Mine(opening+p)]++
		}
		for id, k := range ids {
			assert.LessOrEqual(t, k, 2, "%q: %d free-form prompts share template %d", opening, k, id)
		}
	}
}

func TestPersistenceRoundTrip(t *testing.T) {
	corpus := handCorpus(t, 5, 3000)
	m := NewMiner(Config{}, nil)
	ids := make([]uint32, len(corpus))
	for i, c := range corpus {
		ids[i] = m.Mine(c.prompt)
	}
	// Persist through the binary encoding, as the store would.
	var saved []Template
	for _, tp := range m.Changed() {
		b, err := tp.MarshalBinary()
		require.NoError(t, err)
		require.LessOrEqual(t, len(b), tp.EncodedSizeBound())
		require.Equal(t, append([]byte("x"), b...), tp.AppendBinary([]byte("x")))
		var back Template
		require.NoError(t, back.UnmarshalBinary(b))
		require.Equal(t, tp, back)
		saved = append(saved, back)
	}
	m2 := NewMiner(Config{}, saved)
	for i, c := range corpus {
		require.Equal(t, ids[i], m2.Mine(c.prompt), "prompt %q", c.prompt)
	}
	// New prompts continue the id sequence instead of reusing ids.
	next := m2.Mine("a prompt never seen before by anyone at all")
	assert.Greater(t, next, uint32(len(saved)))
	_, ok := m.Get(next)
	assert.False(t, ok)
}

func TestUnmarshalRejectsCorruptInput(t *testing.T) {
	b, err := Template{ID: 7, Skeleton: "a <*> b", Samples: []string{"a x b"}, Count: 3}.MarshalBinary()
	require.NoError(t, err)
	for i := 0; i < len(b); i++ {
		var tp Template
		assert.Error(t, tp.UnmarshalBinary(b[:i]), "prefix %d", i)
	}
	var tp Template
	assert.Error(t, tp.UnmarshalBinary(append(b, 0)))
	b[0] = 99
	assert.Error(t, tp.UnmarshalBinary(b))
}

func TestChanged(t *testing.T) {
	m := NewMiner(Config{MaxSamples: 2}, nil)
	a := m.Mine("Translate this into French: the cat sleeps.")
	b := m.Mine("what is the capital of australia")
	ch := m.Changed()
	require.Len(t, ch, 2)
	assert.Equal(t, []uint32{a, b}, []uint32{ch[0].ID, ch[1].ID}, "sorted by id")
	assert.Empty(t, m.Changed(), "Changed resets")

	// A generalisation reports the template with its new skeleton.
	assert.Equal(t, a, m.Mine("Translate this into French: where is the station and how far is it?"))
	ch = m.Changed()
	require.Len(t, ch, 1)
	assert.Equal(t, "Translate this into French : <*>", ch[0].Skeleton)
	assert.Equal(t, uint64(2), ch[0].Count)
	assert.Len(t, ch[0].Samples, 2)

	// Samples stay bounded; the count keeps going.
	m.Mine("Translate this into French: good night.")
	ch = m.Changed()
	require.Len(t, ch, 1)
	assert.Len(t, ch[0].Samples, 2)
	assert.Equal(t, uint64(3), ch[0].Count)

	// Match never changes anything.
	_, ok := m.Match("Translate this into French: hello.")
	assert.True(t, ok)
	_, ok = m.Match("an unrelated prompt")
	assert.False(t, ok)
	assert.Empty(t, m.Changed())
}

func TestEvictedTemplatesAreReportedAndIDsNotReused(t *testing.T) {
	m := NewMiner(Config{MaxTemplates: 10}, nil)
	seen := map[uint32]bool{}
	r := rand.New(rand.NewPCG(5, 5))
	first := ""
	for i := 0; i < 100; i++ {
		p := sentence(r, 3, 12)
		if i == 0 {
			first = p
		}
		id := m.Mine(p)
		assert.False(t, seen[id], "id reused")
		seen[id] = true
	}
	assert.LessOrEqual(t, m.Len(), 10)
	assert.Len(t, m.Changed(), 100, "evicted templates are still reported")
	// An evicted prompt keeps its id through the compact exact index.
	assert.Equal(t, uint32(1), m.Mine(first))
}

func TestBoundedMemoryUnderFreeFormStream(t *testing.T) {
	n := 1_000_000
	if testing.Short() {
		n = 100_000
	}
	const limit = 1000
	r := rand.New(rand.NewPCG(3, 4))
	m := NewMiner(Config{MaxTemplates: limit}, nil)
	for i := 0; i < n; i++ {
		m.Mine(sentence(r, 3, 30))
		if i%4096 == 0 {
			m.Changed() // the caller persists as it goes
		}
	}
	assert.LessOrEqual(t, m.Len(), limit)
	assert.LessOrEqual(t, len(m.byID), limit)
	assert.LessOrEqual(t, len(m.ts), limit+1)
	total := 0
	for _, b := range m.buckets {
		total += len(b)
	}
	assert.LessOrEqual(t, total, 2*limit)
}

func TestDeterministicIDs(t *testing.T) {
	corpus := handCorpus(t, 9, 5000)
	run := func() []uint32 {
		m := NewMiner(Config{}, nil)
		ids := make([]uint32, len(corpus))
		for i, c := range corpus {
			ids[i] = m.Mine(c.prompt)
		}
		return ids
	}
	first := run()
	assert.Equal(t, first, run())
	assert.Equal(t, uint32(1), first[0], "ids start at 1")
	maxID := uint32(0)
	for _, id := range first {
		assert.LessOrEqual(t, id, maxID+1, "ids are sequential in order of first creation")
		maxID = max(maxID, id)
	}
}

func TestKnownTemplateDoesNotAllocate(t *testing.T) {
	m := NewMiner(Config{}, nil)
	m.Mine("You are an expert in physics. Solve step by step: what is the speed of light in a vacuum?")
	m.Mine("You are an expert in chemistry. Solve step by step: balance the equation for burning methane.")
	m.Changed()
	p := "You are an expert in biology. Solve step by step: how many chromosomes does a human cell have?"
	m.Mine(p)
	allocs := testing.AllocsPerRun(1000, func() { m.Mine(p) })
	assert.Zero(t, allocs)
}

// TestPromptsWithoutTextGetNoTemplate: a prompt of only whitespace,
// punctuation and masked values carries no template text; unrelated
// accounts sending such prompts must not share a template.
func TestPromptsWithoutTextGetNoTemplate(t *testing.T) {
	tests := []struct {
		prompt string
		text   bool
	}{
		{" ", false},
		{"  \n\t ", false},
		{"https://example.com/a/b?c=1", false},
		{"123456", false},
		{"x@y.example", false},
		{"deadbeefcafebabe1234", false},
		{`"a quoted span"`, false},
		{"?!", false},
		{"alpha1 beta2 gamma3", false},
		{"👍👍👍", false},
		{"★★★ ©®™ !", false},
		{"👍 thanks", true},
		{"猫", true},
		{"hello", true},
		{"what is 2+2", true},
		{"https://example.com see this", true},
	}
	m := NewMiner(Config{}, nil)
	for _, tc := range tests {
		id := m.Mine(tc.prompt)
		assert.Equal(t, tc.text, id != 0, "%q got %d", tc.prompt, id)
		mid, ok := m.Match(tc.prompt)
		assert.Equal(t, tc.text, ok, "%q", tc.prompt)
		assert.Equal(t, id, mid, "%q", tc.prompt)
	}
	assert.Equal(t, 5, m.Len(), "one template per prompt with text")
}

func FuzzMine(f *testing.F) {
	for _, s := range []string{"", " ", "hello", "Give me 5 ideas", "a \"b", "```x", "x@y.z", "\u201cq\u201d", "a\n\n\nb", "'x'", "请把这句话翻译成英文：我喜欢猫", "第１２题\u3000。", "\xe4\xb8"} {
		f.Add(s, "Translate this into French: "+s)
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		m1, m2 := NewMiner(Config{MaxTemplates: 4}, nil), NewMiner(Config{MaxTemplates: 4}, nil)
		for _, p := range []string{a, b, a, b + a, a} {
			id1, id2 := m1.Mine(p), m2.Mine(p)
			if id1 != id2 {
				t.Fatalf("non-deterministic id for %q: %d vs %d", p, id1, id2)
			}
			if hasText(p, tokenize(nil, p)) == (id1 == 0) {
				t.Fatalf("id %d for %q", id1, p)
			}
		}
		if id := m1.Mine(a); id != m2.Mine(a) {
			t.Fatalf("ids diverged")
		}
		for _, tp := range m1.Changed() {
			bin, err := tp.MarshalBinary()
			if err != nil {
				t.Fatal(err)
			}
			var back Template
			if err := back.UnmarshalBinary(bin); err != nil {
				t.Fatal(err)
			}
		}
	})
}

func TestMineBytesMatchesMineAndKeepsNoReference(t *testing.T) {
	prompts := []string{
		"You are an expert in physics. Solve step by step: what is the speed of light in a vacuum?",
		"You are an expert in chemistry. Solve step by step: balance the equation for burning methane.",
		"hey can you help me with my garden this weekend?",
		"You are an expert in biology. Solve step by step: how many chromosomes does a human cell have?",
		"",
	}
	a, b := NewMiner(Config{}, nil), NewMiner(Config{}, nil)
	buf := make([]byte, 0, 256)
	for _, p := range prompts {
		buf = append(buf[:0], p...)
		assert.Equal(t, a.Mine(p), b.MineBytes(buf))
		for i := range buf {
			buf[i] = 'x' // the caller reuses its buffer
		}
	}
	ca, cb := a.Changed(), b.Changed()
	assert.Equal(t, ca, cb, "samples and skeletons must not alias the caller's buffer")

	buf = append(buf[:0], prompts[3]...)
	allocs := testing.AllocsPerRun(1000, func() { b.MineBytes(buf) })
	assert.Zero(t, allocs)
}

func TestIsPunctHash(t *testing.T) {
	for c := 0; c < 256; c++ {
		assert.Equal(t, classOf[c] == clsPunct || c == '\n', isPunctHash(punctHash[c]), "byte %d", c)
	}
	assert.False(t, isPunctHash(wildHash))
}
