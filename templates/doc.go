// Package templates turns raw prompt text into prompt-template ids during
// ingest. An extraction operation sends millions of prompts built from a few
// dozen templates with slots filled ("You are an expert in {domain}. Solve
// step by step: {problem}"); the template id is what links its accounts.
// Ordinary users write free-form prompts, and those must not collapse into
// a few giant false templates shared by unrelated accounts.
//
// # Algorithm
//
// 1. Tokenise (byte level, no regexp, no allocation): words, single
// punctuation bytes and line breaks. Variables are masked into one slot
// token: anything containing a digit (numbers, dates, ids, UUIDs), long
// digit-free hex runs, URLs, e-mail addresses, quoted spans ("…", '…',
// “…”) and code spans (`…`, ```…```). Each token is hashed with xxhash.
//
// 2. Exact index. The hash of the masked token sequence is looked up in a
// fixed-size set-associative table of first-seen prompts. It is also the
// compact memory of evicted singletons (16 bytes each), so repeated
// free-form prompts keep their id after eviction.
//
// 3. Anchored buckets and glob matching. A template is filed under its
// first two and last two tokens when those are constants. A prompt looks
// up the two buckets for its own edges and glob-matches their skeletons,
// where a slot <*> spans any number of tokens. Keying on constant edges
// instead of token count is what lets a 3-token fill and a 40-token fill
// of the same slot match the same template (plain Drain keys on length and
// fails here). The most specific matching learned template wins.
//
// 4. Generalisation. A prompt that matches nothing is aligned (longest
// common subsequence over token hashes, after stripping the exact common
// prefix and suffix) with the few bucket candidates that share the most
// constant tokens and at least minEdge edge tokens. The score is M/(M+C):
// M is the constant tokens kept, C charges each slot what it swallows,
// capped at gapCap for unconfirmed text (a slot is a slot whatever its
// fill length) but uncapped, plus confirmedCost per word, for template
// words that two or more prompts already agreed on between two agreeing
// stretches. Short coincidental agreements inside fills ("of the") are
// dropped greedily while that raises the score. The merge must also pass
// structural rules (see structured): a new slot at an edge must meet the
// template text at a delimiter (a colon or line break before a trailing
// payload, a line break after a leading one); long new interior slots must
// touch a delimiter; and agreement on a single stretch of words counts
// only if it ends at such a delimiter or is a long opening followed by one
// short slot and closing punctuation. These rules are what keep templates
// that share a long opening ("You are a helpful assistant. <task A>" vs
// "... <task B>"), or a long payload sub-structure, apart: ids cannot be
// taken back, so the miner merges only on evidence a second template could
// not produce. A prompt that passes nothing becomes a singleton template
// with the next id: the conservative default for free-form text.
//
// Ids are assigned sequentially from 1 in order of first creation and never
// depend on map iteration order, so the same prompt sequence always gives
// the same ids. A template keeps its id when it generalises.
//
// # Why not MinHash/SimHash or plain Drain
//
// LSH groups by token-set similarity, which is dominated by slot fills when
// fills are long (a 40-word problem swamps a 10-word template), and near-miss
// templates with long shared text hash together; it also cannot produce a
// skeleton to match later prompts exactly. Drain's fixed-depth tree keys on
// token count and the first tokens, which splits a template whenever the
// fill length changes. Measured on the fixtures ci scenario (68,728 prompts,
// go test -run TestFixtureAccuracy -v): grouping accuracy (log-parsing
// definition: a prompt is correct only if its mined group equals its true
// group) is 0.967 on the extraction templates, 1.0 on company templates and
// 0.90 overall; at most 13 distinct free-form prompts share one mined
// template. Popular templates whose only slot is a short value between two
// word stretches ("Write a haiku about {topic}.", "Translate this into
// {lang}: ...") are deliberately not generalised across values, because the
// same shape is how near-miss templates differ ("Translate this into
// French:" vs "Spanish:"); such templates split by slot value. On the
// hand-written corpus in testdata (near-miss pairs, variable-length fills,
// free-form chat prompts) accuracy is 0.967-0.969 with no free-form merges.
//
// # Complexity and speed
//
// A known template costs one pass over the prompt bytes, one exact-index
// probe, two map lookups and a linear glob match per candidate, with zero
// allocations. Measured with thread CPU time on a shared, loaded 2-core
// machine: about 0.9-1.0 µs per 150-byte prompt (about 1M prompts/s per
// core), of which tokenising is about 0.7 µs; `go test -bench Mine` reports
// wall time, which on that machine was inflated 2-4x by other load. The
// miss path adds at most mergeCandidates alignments of O(n·m) with each
// side capped at maxAlign tokens; the edge pre-filter skips it for nearly
// all free-form prompts.
//
// # Memory
//
// At most Config.MaxTemplates templates are held; beyond that the least
// recently used singleton is evicted first, then the least recently used
// learned template. Samples are bounded in number and length, buckets hold
// at most bucketCap entries, and the exact index is allocated once
// (16 x MaxTemplates entries). An evicted template's id is never reused;
// its exact prompts keep their id through the exact index, while other
// prompts of an evicted learned template start a new template with a new id
// (the caller, which persisted the old one through Changed, can relate them
// by skeleton). Passing the persisted templates to NewMiner restores ids.
//
// # Concurrency
//
// A Miner must be used from one goroutine (or under the caller's lock):
// Mine, Match, Changed and Get share scratch buffers. Ids follow the order
// of first appearance, which only one call sequence defines.
package templates
