package ingest

import (
	"bufio"
	"bytes"
	"cmp"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/cespare/xxhash/v2"
	"github.com/ringlink/ringlink/store"
	"github.com/ringlink/ringlink/templates"
)

// Options configure one ingest.
type Options struct {
	Paths  []string  // files or pipes; "-" is Stdin
	Stdin  io.Reader // read for "-"
	Format string    // format of stdin and of files without a known extension: jsonl or csv
	// Rejects receives one JSON line per rejected record; nil discards.
	// When it is also an io.ReaderAt with a size (an *os.File opened
	// for reading and appending, see RejectsLog), a read that goes on from
	// an earlier one's checkpoint does not list again what that read
	// listed past it.
	Rejects    io.Writer
	MaxRejects int64 // stop after more rejects than this; negative means no limit
	BatchLines int   // input lines per batch; 0 means DefaultBatchLines
	// BatchEvicted ends a batch early once the templates the miner evicted
	// in it take this many bytes encoded; 0 means DefaultBatchEvicted.
	BatchEvicted int
	Templates    templates.Config // the prompt-template miner's settings
	Logger       *slog.Logger
	Progress     func(Progress) // called after each committed batch
}

// DefaultBatchLines balances memory (the batch is aggregated in memory,
// and two are alive while one commits) against write amplification (each
// batch writes one delta per account and attribute it touches, and Fold
// later merges them). Measured (BENCHMARKS.md): without prompts, 5.34M
// records took 132 s in 256k-line batches and 89-96 s in 512k or 1M; with
// prompts (seed/8, 7.3M records) 512k matched 256k (233 s against 228 s,
// 1.04 GB peak anonymous RSS against 1.02) while 1M lines pushed the heap
// past ingest's soft limit (268 s, 1.33 GB; 1.71 GB on seed/4).
const DefaultBatchLines = 1 << 19

// DefaultBatchEvicted bounds a batch by what its prompts add, not only by
// its lines. Where prompts do not repeat, each line creates a template the
// miner soon evicts, and the batch holds each one encoded (its skeleton and
// a sample, up to a few KiB) besides its node and edge, so a batch of lines
// grows with the prompts' length: 400k unique prompts of 1.5-3.5 KB took
// the heap to 1.8 GB (BENCHMARKS.md). 512k short unique prompts evict about
// 103 MB, so this bound leaves their batches at 512k lines: measured, 32 MiB
// batches of them were faster but left more mapped pages resident (peak
// RSS 1.76 GB against 1.43 at 6M prompts), likely from compacting the
// deltas each batch writes per account. Long prompts end a batch after
// about 37k lines (peak RSS 1.15-1.19 GB).
const DefaultBatchEvicted = 128 << 20

// maxLine bounds one input line so that a file without newlines cannot
// take the process's memory.
const maxLine = 16 << 20

// Progress reports ingest progress.
type Progress struct {
	Source   string
	Lines    int64
	Records  int64
	Rejected int64
	Bytes    int64
}

// SourceResult is the outcome of one input.
type SourceResult struct {
	Path    string `json:"path"`
	Skipped bool   `json:"skipped"` // content already ingested
	Resumed bool   `json:"resumed"` // continued from a checkpoint
	// Appended: the content extends an input read before (a file that
	// grew since, under its path or, rotated or linked, another); only
	// what was appended was read.
	Appended bool `json:"appended,omitempty"`
	// Extends names the earlier inputs the content starts with, in order:
	// the file it grew from, then any read before whole that follow it (a
	// day's file joined from hourly files already read). With Appended the
	// rest was read; with Skipped there was no rest.
	Extends  []string `json:"extends,omitempty"`
	Records  int64    `json:"records"` // accepted by this run and committed
	Rejected int64    `json:"rejected"`
	Lines    int64    `json:"lines"`
	// Failed: ingest of this input stopped with Error. Records and
	// Rejected count only what was committed before.
	Failed bool   `json:"failed,omitempty"`
	Error  string `json:"error,omitempty"`
	// Resumable, with Failed: a re-run continues from the checkpoint (the
	// process was interrupted, or a write failed). Without it the input
	// cannot be ingested as it is (corrupt, truncated, a bad header) or
	// was standard input or a pipe, which cannot be re-read.
	Resumable bool `json:"resumable,omitempty"`
	// Held, with Failed: this read or an earlier one of the input rejected
	// more records than --max-rejects allows, so it is not read on under
	// that limit (see held).
	Held bool `json:"held,omitempty"`
}

// Result is the outcome of Run.
type Result struct {
	Sources  []SourceResult `json:"sources"`
	Records  int64          `json:"records"`
	Rejected int64          `json:"rejected"`
	Elapsed  time.Duration  `json:"-"`
}

// Run ingests every path into st. Records are validated one by one: a bad
// record is reported and kept out, never stopping the others, unless the
// rejects exceed MaxRejects. Inputs whose content was ingested before are
// skipped; an input interrupted before resumes from its checkpoint. An
// input that cannot be read (ErrInput) does not stop the others: Run goes
// on and returns InputErrors at the end.
func Run(ctx context.Context, st *store.Store, opt Options) (Result, error) {
	start := time.Now()
	if opt.BatchLines <= 0 {
		opt.BatchLines = DefaultBatchLines
	}
	if opt.BatchEvicted <= 0 {
		opt.BatchEvicted = DefaultBatchEvicted
	}
	if opt.Logger == nil {
		opt.Logger = slog.New(slog.DiscardHandler)
	}
	miner, repair, err := loadMiner(st, opt.Templates)
	if err != nil {
		return Result{}, err
	}
	if err := repairTemplates(st, repair); err != nil {
		return Result{}, err
	}
	in := &ingester{st: st, opt: opt, miner: miner}
	if err := in.endRejectsLine(); err != nil {
		return Result{}, err
	}
	var res Result
	var unreadable []error
	for _, p := range opt.Paths {
		var sr SourceResult
		sr, err = in.source(ctx, p)
		if err != nil {
			sr.Failed = !sr.Skipped
			sr.Error = strings.TrimPrefix(err.Error(), ErrInput.Error()+": ")
			if sr.Resumable && errors.Is(err, context.Canceled) {
				sr.Error = "interrupted; a re-run resumes from the checkpoint"
			}
			if errors.Is(err, ErrTooManyRejects) {
				// A re-run under the same limit holds it (see held).
				sr.Held, sr.Resumable = true, false
			}
		}
		res.Sources = append(res.Sources, sr)
		res.Records += sr.Records
		res.Rejected += sr.Rejected
		if err != nil && errors.Is(err, ErrInput) && ctx.Err() == nil {
			unreadable = append(unreadable, err)
			// The input may have stopped mid-batch: its interned nodes and
			// mined templates were never committed. Go on from exactly what
			// is committed, as a new process would.
			if err = in.reload(); err != nil {
				break
			}
			// --max-rejects counts what this run committed, and the failed
			// input's uncommitted rejects are gone with its batch.
			in.rejected = res.Rejected
			continue
		}
		if err != nil {
			break
		}
	}
	// Folding is an optimisation (readers merge records anyway), so a
	// stop request skips or cuts it short rather than making a scheduler
	// wait minutes for it on a large database.
	switch ferr := st.Fold(ctx); {
	case ferr != nil && ctx.Err() != nil:
		opt.Logger.Info("fold stopped by the interruption; the records it would have merged stay readable", "reason", ferr)
	case ferr != nil && err == nil:
		err = fmt.Errorf("fold deltas: %w", ferr)
	}
	if len(unreadable) > 0 {
		ie := InputErrors{Errs: unreadable, Inputs: len(opt.Paths)}
		if err == nil {
			err = ie
		} else {
			err = errors.Join(ie, err)
		}
	}
	res.Elapsed = time.Since(start)
	return res, err
}

// reload resets the node ids and the template miner to the last committed
// batch.
func (in *ingester) reload() error {
	if err := in.st.ForgetUncommitted(); err != nil {
		return err
	}
	miner, repair, err := loadMiner(in.st, in.opt.Templates)
	if err != nil {
		return err
	}
	if err := repairTemplates(in.st, repair); err != nil {
		return err
	}
	in.miner = miner
	return nil
}

type ingester struct {
	st       *store.Store
	miner    *templates.Miner
	opt      Options
	rejected int64 // across all sources, for MaxRejects
	logged   int   // rejects logged for want of a Rejects writer
	// listed holds the lines of the input being read that the rejects
	// file lists already (see listedRejects).
	listed map[int64]bool
	// once names the input being read when it can be read only once, from
	// the start: "stdin", or a pipe's absolute path (see readOnce). Its
	// source's Path is "-", which is how the store knows such an input.
	once string
}

// inputName names src in messages and the rejects file: a file by its
// absolute path, standard input as stdin, a pipe by its path.
func (in *ingester) inputName(src *store.Source) string {
	if src.Stdin() {
		return in.once
	}
	return src.Path
}

// loggedRejects is how many rejects are logged (at warn level) when no
// Rejects writer is set: a re-run skips content already ingested, so the
// run that rejected a record is the only one that can say why.
const loggedRejects = 5

// LoadMiner rebuilds the template miner as of the last committed batch
// from the miner state and the template records stored in st, so that it
// assigns the ids the ingest that committed that batch would have
// assigned next: template ids survive restarts, interruptions and later
// ingests. It writes nothing.
func LoadMiner(st *store.Store, cfg templates.Config) (*templates.Miner, error) {
	m, _, err := loadMiner(st, cfg)
	return m, err
}

// loadMiner is LoadMiner, also returning the records written for a batch
// that never committed, which Run rolls back before ingesting.
func loadMiner(st *store.Store, cfg templates.Config) (*templates.Miner, templates.Repair, error) {
	state, err := st.MinerState()
	if err != nil {
		return nil, templates.Repair{}, err
	}
	m, repair, err := templates.Restore(cfg, state, func(yield func(templates.Template) error) error {
		return st.ScanTemplates(func(id uint32, data []byte) error {
			var t templates.Template
			if err := t.UnmarshalBinary(data); err != nil {
				return err
			}
			return yield(t)
		})
	})
	if errors.Is(err, templates.ErrCorruptState) {
		return nil, repair, fmt.Errorf("load templates from %s: %w: %w", st.Dir(), err, store.ErrCorrupt)
	}
	if err != nil {
		return nil, repair, fmt.Errorf("load templates from %s: %w", st.Dir(), err)
	}
	return m, repair, nil
}

// repairTemplates writes what loadMiner found to roll back. It must be
// done before the next batch commits: that batch's checkpoint takes the
// number of the abandoned one, whose records would otherwise pass for its.
func repairTemplates(st *store.Store, r templates.Repair) error {
	if r.Empty() {
		return nil
	}
	ids := make([]uint32, len(r.Put))
	data := make([][]byte, len(r.Put))
	for i, t := range r.Put {
		b, err := t.MarshalBinary()
		if err != nil {
			return fmt.Errorf("encode template %d: %w", t.ID, err)
		}
		ids[i], data[i] = t.ID, b
	}
	return st.RepairTemplates(ids, data, r.Drop)
}

func (in *ingester) source(ctx context.Context, path string) (SourceResult, error) {
	sr := SourceResult{Path: path}
	in.listed, in.once = nil, ""
	if path == "-" {
		return in.stdin(ctx, sr)
	}
	f, err := openInput(ctx, path)
	if err != nil && ctx.Err() != nil {
		return sr, fmt.Errorf("%s: interrupted while waiting for a writer to open the pipe: %w", path, ctx.Err())
	}
	if err != nil {
		return sr, fmt.Errorf("%w: %s: %s", ErrInput, path, describeOpenErr(err))
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return sr, fmt.Errorf("%w: %s: %v", ErrInput, path, err)
	}
	if fi.IsDir() {
		return sr, fmt.Errorf("%w: %s is a directory; name the files in it", ErrInput, path)
	}
	abs, _ := filepath.Abs(path)
	if !fi.Mode().IsRegular() {
		if _, err := f.Seek(0, io.SeekCurrent); err != nil {
			// A pipe (mkfifo, or a process substitution such as
			// <(zcat x.gz)) can be neither hashed before it is read nor
			// read again: it is read once, as standard input is.
			format, gzNamed := formatOf(path, in.opt.Format)
			return in.readOnce(ctx, sr, abs, f, format, gzNamed)
		}
	}
	format, gz, err := detectFormat(path, in.opt.Format, f)
	if err != nil {
		return sr, err
	}
	// One file, one name: a symlink or a dir/.. spelling of a path read
	// before is that path.
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	all, err := in.st.Sources()
	if err != nil {
		return sr, err
	}
	before := store.SourcesAt(all, abs)
	// The content hash identifies the input: the same bytes under another
	// name are the same traffic and must not be counted twice. What is
	// read below is exactly what is hashed here, whatever a writer
	// appends meanwhile: the next ingest reads that. The same pass hashes
	// the prefixes as long as earlier inputs, to find one this content
	// extends (see grownFrom); a gzipped input is also decoded once, so
	// that its content is known whatever its compression.
	raw := newPrefixHasher(prefixLengths(all, format, true, !gz))
	size, err := io.Copy(raw, f)
	if err != nil {
		return sr, fmt.Errorf("%w: %s: %v", ErrInput, path, err)
	}
	sum := raw.h.Sum64()
	var dec *prefixHasher
	decodedWhole := false
	if gz {
		dec = newPrefixHasher(prefixLengths(all, format, false, true))
		decodedWhole = decodeInto(dec, f, size)
	}
	ext := grownFrom(all, format, raw, dec)
	prior := ext.prior
	src, found, err := in.st.Source(sum)
	if err != nil {
		return sr, err
	}
	seen := found // this content was read before, in some format
	if found && (src.Done || src.Failed != "") && src.Format != "" && src.Records == 0 {
		// Read before with no record accepted (a CSV file read as JSON
		// Lines, every record rejected; JSON Lines read as CSV, refused
		// for its header): nothing of it counts, so in the other format
		// it is read again, under a key of its own for that format.
		if src.Format != format {
			sum = formatKey(sum, format)
			if src, found, err = in.st.Source(sum); err != nil {
				return sr, err
			}
		} else if alt, ok, err := in.st.Source(formatKey(sum, otherFormat(format))); err != nil {
			return sr, err
		} else if ok && alt.Done && alt.Records > 0 {
			src = alt // read in the other format since, with records: that read stands
		}
	}
	if found && src.Done {
		sr.Skipped = true
		in.logSkip(path, format, src, "")
		return sr, nil
	}
	if found && src.Failed != "" {
		// The same bytes fail the same way: say so without re-reading.
		return sr, fmt.Errorf("%w: %s: this content failed before and re-running cannot help; complete, fix or replace the file (%d records before the error are kept, and count twice if a file with other content replaces it; the error was: %s)",
			ErrInput, path, src.Records, src.Failed)
	}
	if found {
		if err := in.held(&sr, path, src); err != nil {
			return sr, err
		}
		sr.Resumed = true
		// An earlier read's rejects count against --max-rejects too.
		in.rejected += src.Rejected
		in.opt.Logger.Info("resuming interrupted ingest", "path", path, "line", src.Lines, "records", src.Records)
		if in.listed, err = in.listedRejects(src); err != nil {
			return sr, err
		}
		if err := in.st.ResumeSource(&src); err != nil {
			return sr, err
		}
	} else {
		next := store.Source{Hash: sum, Path: abs, Size: size, Format: format, Started: time.Now().UnixMilli()}
		if decodedWhole {
			next.Decoded, next.DecodedSize = dec.h.Sum64(), dec.n
		}
		if dup := sameContent(all, format, next); dup != nil {
			// The same traffic, compressed otherwise (a log read plain,
			// then its gzipped copy from rotation): read once, in the
			// format it was read in, as for the same bytes above.
			sr.Skipped = true
			in.logSkip(path, format, *dup, " (compressed differently)")
			return sr, nil
		}
		if prior != nil && !prior.Done {
			// The file grew after a read that stopped: going on from it
			// is resuming it, under the same limit.
			if err := in.held(&sr, path, *prior); err != nil {
				return sr, err
			}
			in.rejected += prior.Rejected
		}
		switch {
		case prior != nil && !gz && format == "jsonl" && size <= prior.Offset:
			// Nothing past what the earlier read took (it went on while
			// a writer appended, before reads stopped at what they hash).
			sr.Skipped = true
			in.opt.Logger.Info("already ingested, skipped", "path", path, "as", prior.Path, "records", prior.Records)
			return sr, nil
		case prior != nil:
			// Go on where the earlier read ended, line numbers too.
			next.Offset, next.Lines = prior.Offset, prior.Lines
			next.Follows = prior.Hash
			var start int64
			var cut bool
			switch {
			case format == "jsonl" && gz:
				start, cut = cutLineIn(decodedPrefix(f, size, true), prior.Offset)
			case format == "jsonl":
				start, cut = cutLine(f, prior.Offset)
			}
			if cut {
				// The earlier read ended inside a line that was not yet a
				// record (a gzip member that ended mid-line, too), so it
				// was rejected: read it again whole.
				next.Offset, next.Lines = start, prior.Lines-1
				in.opt.Logger.Warn("the earlier read ended inside a line (the file was still being written) and rejected it; the line is read again whole (the earlier reject stays counted)",
					"path", path, "line", prior.Lines)
			}
			if format == "csv" && prior.Lines > 0 {
				// A record the writer had not finished when the earlier
				// read reached the end was cut there (and rejected, or
				// read short): go on from the first unit the grown file
				// splits otherwise.
				old := decodedPrefix(f, prior.Size, gz)
				if !ext.raw {
					_, cs := contentOf(*prior)
					old = io.LimitReader(decodedPrefix(f, size, gz), cs)
				}
				if k := stableCSVUnits(old, decodedPrefix(f, size, gz), prior.Lines); k < prior.Lines {
					next.Lines = k
					in.opt.Logger.Warn("the earlier read ended inside a CSV record (the file was still being written); the units from there are read again (a record it read short counts twice)",
						"path", path, "units", prior.Lines-k)
				}
			}
			if !cut && format == "jsonl" {
				// Joined from files read before: past the first, the
				// others follow whole, and they are not new traffic.
				for _, b := range followingInputs(all, decodedFrom(f, size, gz, next.Offset), format) {
					next.Offset += b.content
					next.Lines += b.src.Lines
					sr.Extends = append(sr.Extends, b.src.Path)
				}
				if len(sr.Extends) > 0 {
					in.opt.Logger.Info("the file joins files read before: reading on past them", "path", path, "joined", sr.Extends, "from_line", next.Lines+1)
				}
				if end := size; (!gz || decodedWhole) && len(sr.Extends) > 0 {
					if gz {
						end = dec.n
					}
					if next.Offset >= end {
						sr.Skipped = true
						sr.Extends = append([]string{prior.Path}, sr.Extends...)
						in.opt.Logger.Info("already ingested, skipped: the file joins files read before", "path", path, "as", sr.Extends)
						return sr, nil
					}
				}
			}
			sr.Extends = append([]string{prior.Path}, sr.Extends...)
			sr.Appended = true
			if prior.Path == abs {
				in.opt.Logger.Info("the file grew since it was read: reading on from where that read ended", "path", path, "from_line", next.Lines+1, "from_byte", next.Offset)
			} else {
				in.opt.Logger.Info("the file extends one read before under another name (renamed, linked or copied): reading on from where that read ended", "path", path, "as", prior.Path, "from_line", next.Lines+1, "from_byte", next.Offset)
			}
		case !seen && readBefore(before):
			in.opt.Logger.Warn("read before under this path with other content, which this content does not extend: it is read whole as new traffic",
				"path", path, "records_before", before[len(before)-1].Records)
		}
		if prior != nil && !prior.Done {
			// A read that finished committed every reject it listed; one
			// that stopped may have listed some past its checkpoint. Only
			// then is the rejects file read (an hourly job's grows).
			if in.listed, err = in.listedRejects(*prior); err != nil {
				return sr, err
			}
		}
		src, err = in.st.NewSource(next)
		if err != nil {
			return sr, err
		}
		if prior != nil && !prior.Done {
			// An interrupted or failed read of the shorter content: this
			// one goes on from its checkpoint, so it is finished as it
			// stands.
			if err := in.st.FinishSource(prior); err != nil {
				return sr, err
			}
		}
	}
	// Plain JSON Lines resume by seeking to the checkpoint; gzip and CSV
	// re-read from the start and skip.
	start := int64(0)
	if !gz && format == "jsonl" {
		start = src.Offset
	}
	if _, err := f.Seek(start, io.SeekStart); err != nil {
		return sr, fmt.Errorf("%w: %s: %v", ErrInput, path, err)
	}
	var r io.Reader = io.LimitReader(f, size-start)
	if gz {
		zr, err := gzip.NewReader(bufio.NewReaderSize(f, 1<<20))
		if err != nil {
			err = fmt.Errorf("%w: %s: not a gzip stream: %s", ErrInput, path, describeReadErr(err))
			return sr, in.stopped(&src, &sr, format, err)
		}
		r = zr
	}
	sr, err = in.stream(ctx, &src, sr, r, format, gz)
	return sr, in.stopped(&src, &sr, format, err)
}

// cutLine reports whether the first size bytes of f end inside a line that
// is not a whole JSON object (what a writer caught mid-line leaves), and
// where that line starts. A line cut right after its closing brace was a
// whole record when it was read, and is not read again.
func cutLine(f *os.File, size int64) (start int64, cut bool) {
	if size <= 0 {
		return 0, false // nothing was read: no line to cut
	}
	from := max(0, size-maxLine-1)
	buf := make([]byte, size-from)
	if _, err := f.ReadAt(buf, from); err != nil || buf[len(buf)-1] == '\n' {
		return 0, false
	}
	i := bytes.LastIndexByte(buf, '\n')
	if i < 0 && from > 0 {
		return 0, false // a line longer than any record: rejected either way
	}
	if !partialRecord(buf[i+1:]) {
		return 0, false
	}
	return from + int64(i) + 1, true
}

// cutLineIn is cutLine for a stream that cannot be read at an offset (a
// gzip file's decoded content): it reads r up to offset.
func cutLineIn(r io.Reader, offset int64) (start int64, cut bool) {
	if offset <= 0 {
		return 0, false
	}
	br := bufio.NewReaderSize(io.LimitReader(r, offset), 1<<20)
	var pos int64
	var tail []byte // the bytes after the last newline, up to maxLine+1
	for {
		b, err := br.ReadSlice('\n')
		pos += int64(len(b))
		switch {
		case len(b) > 0 && b[len(b)-1] == '\n':
			start, tail = pos, tail[:0]
		case len(tail) <= maxLine:
			tail = append(tail, b[:min(len(b), maxLine+1-len(tail))]...)
		}
		if err == io.EOF {
			break
		}
		if err != nil && !errors.Is(err, bufio.ErrBufferFull) {
			return 0, false
		}
	}
	if pos < offset || len(tail) == 0 || len(tail) > maxLine || !partialRecord(tail) {
		return 0, false
	}
	return start, true
}

// partialRecord reports whether the last line a read took is not a whole
// JSON object: a writer caught mid-line left it.
func partialRecord(line []byte) bool {
	var jp jsonParser
	return jp.parse(bytes.TrimRight(line, "\r"), &rawFields{}) != nil
}

// formatKey is the source key of content sum read in format, after a
// read in the other format accepted nothing.
func formatKey(sum uint64, format string) uint64 {
	return xxhash.Sum64String(fmt.Sprintf("%016x %s", sum, format))
}

func otherFormat(format string) string {
	if format == "csv" {
		return "jsonl"
	}
	return "csv"
}

// readBefore reports whether any of the inputs read before under a path
// held anything.
func readBefore(before []store.Source) bool {
	for _, b := range before {
		if b.Size > 0 {
			return true
		}
	}
	return false
}

// prefixHasher hashes a stream and, on the way, each prefix of the
// lengths asked for, so that one pass finds every earlier input the
// stream starts with.
type prefixHasher struct {
	h    *xxhash.Digest
	n    int64
	at   []int64  // the prefix lengths, ascending
	sums []uint64 // sums[i]: the hash of the first at[i] bytes, once read
}

func newPrefixHasher(lengths []int64) *prefixHasher {
	p := &prefixHasher{h: xxhash.New(), at: lengths}
	slices.Sort(p.at)
	p.at = slices.Compact(p.at)
	return p
}

func (p *prefixHasher) Write(b []byte) (int, error) {
	n := len(b)
	for len(p.sums) < len(p.at) && p.n+int64(len(b)) >= p.at[len(p.sums)] {
		k := p.at[len(p.sums)] - p.n
		p.h.Write(b[:k])
		p.n += k
		b = b[k:]
		p.sums = append(p.sums, p.h.Sum64())
	}
	p.h.Write(b)
	p.n += int64(len(b))
	return n, nil
}

// sumAt returns the hash of the first n bytes, if the stream reached them
// and n was asked for.
func (p *prefixHasher) sumAt(n int64) (uint64, bool) {
	k, ok := slices.BinarySearch(p.at, n)
	if !ok || k >= len(p.sums) {
		return 0, false
	}
	return p.sums[k], true
}

// continuable reports whether a content may go on from the earlier
// input b, read in format: b held something and was read from a file in
// that format (inputs from before formats were recorded were JSON Lines).
func continuable(b store.Source, format string) bool {
	return !b.Stdin() && b.Size > 0 && (b.Format == format || (b.Format == "" && format == "jsonl"))
}

// contentOf is the hash and length of the decoded content of the earlier
// input b: its bytes, unless it was gzipped and decoded whole. (A gzipped
// input read by an older build has no decoded hash; its compressed bytes
// stand in and match no decoded content.)
func contentOf(b store.Source) (uint64, int64) {
	if b.Decoded != 0 {
		return b.Decoded, b.DecodedSize
	}
	return b.Hash, b.Size
}

// held refuses to read on from an earlier read of an input (stopped,
// interrupted, or extended since) that rejected more records than
// --max-rejects allows: an hourly job would otherwise take a bad file a
// limit's worth of rejects at a time. It is an input error, so the other
// inputs are read; the input is held until the limit is raised or the
// file is fixed.
func (in *ingester) held(sr *SourceResult, path string, earlier store.Source) error {
	if in.opt.MaxRejects < 0 || earlier.Rejected <= in.opt.MaxRejects {
		return nil
	}
	sr.Held = true
	return fmt.Errorf("%w: %s: held: its read stopped before with %d records rejected, more than --max-rejects %d; fix the file, or raise --max-rejects to read on from where it stopped (the %d records accepted are kept)",
		ErrInput, path, earlier.Rejected, in.opt.MaxRejects, earlier.Records)
}

// following is an earlier input whose whole content follows in a newer one.
type following struct {
	src     store.Source
	content int64 // its decoded content's length
}

// followingInputs returns the earlier inputs, read whole in format, whose
// contents follow one another from the start of r, each ending with a
// line: the hourly files a day's file was joined from. It stops at the
// first stretch that is no such content. Of inputs that match at the same
// point, the shortest is taken, then the first read. One pass over r as
// far as the chain goes and one longest earlier content beyond.
func followingInputs(earlier []store.Source, r io.Reader, format string) []following {
	type cand struct {
		src  store.Source
		hash uint64
		n    int64
	}
	var cands []cand
	for _, b := range earlier {
		if h, n := contentOf(b); b.Done && continuable(b, format) && n > 0 {
			cands = append(cands, cand{b, h, n})
		}
	}
	slices.SortStableFunc(cands, func(a, b cand) int { return cmp.Compare(a.n, b.n) })
	if len(cands) == 0 {
		return nil
	}
	var out []following
	h := xxhash.New()
	n, next := int64(0), 0 // bytes hashed since the last boundary; the next candidate
	var last byte
	buf := make([]byte, 1<<20)
	for {
		k, err := r.Read(buf)
		b := buf[:k]
		for len(b) > 0 {
			want := cands[next].n
			if n+int64(len(b)) < want {
				h.Write(b)
				n += int64(len(b))
				last = b[len(b)-1]
				break
			}
			step := want - n
			h.Write(b[:step])
			if step > 0 {
				last = b[step-1]
			}
			n, b = want, b[step:]
			sum := h.Sum64()
			matched := false
			for ; next < len(cands) && cands[next].n == want; next++ {
				if !matched && cands[next].hash == sum && last == '\n' {
					out = append(out, following{cands[next].src, want})
					matched = true
				}
			}
			if matched {
				h.Reset()
				n, next = 0, 0
			}
			if next == len(cands) {
				return out
			}
		}
		if err != nil {
			return out
		}
	}
}

// decodedFrom is the decoded content of the first size bytes of f from
// offset on.
func decodedFrom(f *os.File, size int64, gz bool, offset int64) io.Reader {
	if !gz {
		return bufio.NewReaderSize(io.NewSectionReader(f, offset, size-offset), 1<<20)
	}
	r := decodedPrefix(f, size, true)
	if _, err := io.CopyN(io.Discard, r, offset); err != nil {
		return strings.NewReader("")
	}
	return r
}

// extension is an earlier input a content extends, found by grownFrom.
type extension struct {
	prior *store.Source
	// raw: the content's bytes start with the prior's bytes (same
	// compression); else its decoded content starts with the prior's.
	raw bool
}

// grownFrom returns the earlier input the content hashed by raw (and, when
// gzipped, decoded by dec) extends: a file that grew since it was read (a
// log still being written, an upload cut short and then completed), under
// its path or another (a log renamed by rotation, a hard link, a copy),
// compressed as before or not (a log read plain, then its gzipped copy).
// Only the rest of it is new traffic. That read may have finished, been
// interrupted, or failed (a gzip upload cut short keeps the batches before
// the cut): its checkpoint is where the continuation goes on, in the
// decoded stream for gzip and in records for CSV, which both re-read from
// the start and skip. Of several such inputs (a chain of reads of one
// growing file), the one with the furthest checkpoint wins, then the
// latest. A log rotated by copy and truncate starts again small, and
// extends nothing read before. An earlier read that stopped may also
// have the very same decoded content: the continuation finishes it.
func grownFrom(earlier []store.Source, format string, raw, dec *prefixHasher) extension {
	content := raw // the decoded stream
	if dec != nil {
		content = dec
	}
	var best extension
	for i, b := range earlier {
		if !continuable(b, format) {
			continue
		}
		e := extension{prior: &earlier[i]}
		if h, ok := raw.sumAt(b.Size); ok && h == b.Hash && b.Size < raw.n {
			e.raw = true
		} else if ch, cs := contentOf(b); cs > content.n || (cs == content.n && b.Done) {
			continue
		} else if h, ok := content.sumAt(cs); !ok || h != ch {
			continue
		}
		if p := best.prior; p == nil || b.Lines > p.Lines || (b.Lines == p.Lines && (b.Offset > p.Offset || (b.Offset == p.Offset && b.ID > p.ID))) {
			best = e
		}
	}
	return best
}

// prefixLengths lists the lengths a content's prefixes are hashed at to
// find the earlier inputs of format it may extend: their sizes in bytes
// (for the same compression) and in decoded content.
func prefixLengths(earlier []store.Source, format string, raw, decoded bool) []int64 {
	var out []int64
	for _, b := range earlier {
		if !continuable(b, format) {
			continue
		}
		if raw {
			out = append(out, b.Size)
		}
		if decoded {
			_, cs := contentOf(b)
			out = append(out, cs)
		}
	}
	return out
}

// logSkip says that path, asked for in format, is skipped as the content
// earlier read before; a warning when that read was in another format,
// which is then not used.
func (in *ingester) logSkip(path, format string, earlier store.Source, how string) {
	if earlier.Format != "" && earlier.Format != format {
		in.opt.Logger.Warn("already ingested, as "+earlier.Format+how+"; content is read once, so the format asked for now is not used",
			"path", path, "as", earlier.Path, "records", earlier.Records, "rejected", earlier.Rejected)
		return
	}
	in.opt.Logger.Info("already ingested, skipped"+how, "path", path, "as", earlier.Path, "records", earlier.Records)
}

// decodeInto decodes the first size bytes of gzipped f into w and reports
// whether they decoded whole.
func decodeInto(w io.Writer, f *os.File, size int64) bool {
	zr, err := gzip.NewReader(bufio.NewReaderSize(io.NewSectionReader(f, 0, size), 1<<20))
	if err != nil {
		return false
	}
	_, err = io.Copy(w, zr)
	return err == nil
}

// sameContent returns a finished earlier input whose decoded content is
// next's, read with another compression, or nil. As for the same bytes,
// content with records accepted in one format is not read again in
// another; one whose every record was rejected (CSV read as JSON Lines)
// counts only in its own format.
func sameContent(earlier []store.Source, format string, next store.Source) *store.Source {
	h, n := contentOf(next)
	for i, b := range earlier {
		bh, bn := contentOf(b)
		if !b.Done || b.Stdin() || b.Hash == next.Hash || bh != h || bn != n {
			continue
		}
		if b.Records > 0 || continuable(b, format) {
			return &earlier[i]
		}
	}
	return nil
}

// decodedPrefix is the decoded content of the first size bytes of f; a gzip
// stream cut there ends with an error, where the split stops.
func decodedPrefix(f *os.File, size int64, gz bool) io.Reader {
	r := io.Reader(bufio.NewReaderSize(io.NewSectionReader(f, 0, size), 1<<20))
	if gz {
		zr, err := gzip.NewReader(r)
		if err != nil {
			return strings.NewReader("")
		}
		return zr
	}
	return r
}

// stopped classifies the error that stopped src, whose fields hold its
// last committed checkpoint. An input error (the content cannot be read
// past that point: corrupt, truncated, a bad header) and any stop of
// standard input or a pipe are permanent: the checkpoint records why, so
// that neither a re-run nor stats offers to resume it. Anything else (an
// interrupt, a failed write, too many rejects) leaves it resumable.
// format is the one src was read in.
func (in *ingester) stopped(src *store.Source, sr *SourceResult, format string, err error) error {
	if err == nil {
		return nil
	}
	if !src.Stdin() && !errors.Is(err, ErrInput) {
		sr.Resumable = true
		return err
	}
	if src.Stdin() && errors.Is(err, context.Canceled) {
		// Not context.Canceled any more: that tells the user a re-run
		// resumes, which standard input (or a pipe) cannot.
		unit := "line"
		if format == "csv" {
			unit = "CSV record"
		}
		what := "standard input"
		if in.once != "stdin" {
			what = "a pipe"
		}
		err = fmt.Errorf("%s: interrupted after %s %d (%d records committed); they are kept, but %s cannot be resumed: ingest the rest, from %s %d on, from its source",
			in.once, unit, src.Lines, src.Records, what, unit, src.Lines+1)
	}
	reason := strings.TrimPrefix(err.Error(), ErrInput.Error()+": ")
	if ferr := in.st.FailSource(src, reason); ferr != nil {
		// Not an unreadable input any more: the store failed.
		return fmt.Errorf("recording that %s failed: %w (the failure: %v)", in.inputName(src), ferr, err)
	}
	switch {
	case src.Stdin():
	case src.Records > 0 && errors.Is(err, io.ErrUnexpectedEOF):
		// A file that starts with these bytes goes on from the checkpoint;
		// any other is new traffic, and what was kept stays.
		err = fmt.Errorf("%w; re-running cannot help: complete the file (a longer file at the same path that starts with the same bytes is read on from here); a file with other content is read whole, and the %d records kept from this one then count twice", err, src.Records)
	case src.Records > 0:
		err = fmt.Errorf("%w; re-running cannot help, and the %d records kept from this content stay counted: a repaired or replaced file is read whole and counts them twice (to avoid that, ingest the traffic again into a new database)", err, src.Records)
	default:
		err = fmt.Errorf("%w; re-running cannot help: fix or replace the file", err)
	}
	return err
}

func (in *ingester) stdin(ctx context.Context, sr SourceResult) (SourceResult, error) {
	if in.opt.Stdin == nil {
		return sr, fmt.Errorf("%w: no standard input", ErrInput)
	}
	format := in.opt.Format
	if format == "" {
		format = "jsonl"
	}
	if format != "jsonl" && format != "csv" {
		return sr, fmt.Errorf("%w: stdin: unknown format %q (want jsonl or csv)", ErrInput, format)
	}
	sr.Path = "stdin"
	return in.readOnce(ctx, sr, "stdin", in.opt.Stdin, format, false)
}

// readOnce reads an input that can be read only once, from the start:
// standard input, or a pipe (named name) that cannot seek. gzip is found
// by its bytes; gzNamed says the name ends in .gz, so the bytes must be.
func (in *ingester) readOnce(ctx context.Context, sr SourceResult, name string, input io.Reader, format string, gzNamed bool) (SourceResult, error) {
	in.once = name
	// The reader's goroutine ends with rctx, whatever ends the ingest.
	rctx, cancel := context.WithCancel(ctx)
	defer cancel()
	br := bufio.NewReaderSize(interruptible(rctx, input), 1<<20)
	var r io.Reader = br
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return sr, fmt.Errorf("%w: %s: %v", ErrInput, name, err)
		}
		r = zr
	} else if gzNamed {
		return sr, fmt.Errorf("%w: %s: named .gz but not gzip-compressed", ErrInput, name)
	}
	// Such an input can be neither recognised as already ingested before
	// it is read nor resumed: each read is a new source, keyed by time
	// and pid, whose Path "-" tells the store so.
	now := time.Now()
	id := xxhash.Sum64String(fmt.Sprintf("stdin %d %d", now.UnixNano(), os.Getpid()))
	src, err := in.st.NewSource(store.Source{Hash: id, Path: "-", Started: now.UnixMilli()})
	if err != nil {
		return sr, err
	}
	sr, err = in.stream(ctx, &src, sr, r, format, true)
	return sr, in.stopped(&src, &sr, format, err)
}

// openInput opens path to read it. Opening a named pipe waits for a
// writer: a signal meanwhile ends the wait with ctx's error, leaving the
// open to finish (and its file to be closed) when one comes, or with the
// process.
func openInput(ctx context.Context, path string) (*os.File, error) {
	if fi, err := os.Stat(path); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		return os.Open(path)
	}
	type opened struct {
		f   *os.File
		err error
	}
	done := make(chan opened, 1)
	go func() {
		f, err := os.Open(path)
		done <- opened{f, err}
	}()
	select {
	case o := <-done:
		return o.f, o.err
	case <-ctx.Done():
		go func() {
			if o := <-done; o.f != nil {
				o.f.Close()
			}
		}()
		return nil, ctx.Err()
	}
}

func describeOpenErr(err error) string {
	switch {
	case errors.Is(err, os.ErrNotExist):
		return "no such file"
	case errors.Is(err, os.ErrPermission):
		return "permission denied"
	}
	return err.Error()
}

// detectFormat reads the format from the name (see formatOf) and checks
// gzip by magic bytes.
func detectFormat(path, def string, f *os.File) (format string, gz bool, err error) {
	format, gz = formatOf(path, def)
	var magic [2]byte
	n, _ := io.ReadFull(f, magic[:])
	if n == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		gz = true
	} else if gz {
		return "", false, fmt.Errorf("%w: %s: named .gz but not gzip-compressed", ErrInput, path)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return "", false, fmt.Errorf("%w: %s: %v", ErrInput, path, err)
	}
	return format, gz, nil
}

// formatOf reads the format from the name (.jsonl, .ndjson, .csv, each
// optionally .gz), falling back to def, and whether the name ends in .gz.
func formatOf(path, def string) (format string, gzNamed bool) {
	name := strings.ToLower(filepath.Base(path))
	if strings.HasSuffix(name, ".gz") {
		gzNamed = true
		name = strings.TrimSuffix(name, ".gz")
	}
	switch filepath.Ext(name) {
	case ".jsonl", ".ndjson", ".json":
		format = "jsonl"
	case ".csv":
		format = "csv"
	default:
		format = def
		if format == "" {
			format = "jsonl"
		}
	}
	return format, gzNamed
}

// reject is one line of the --rejects file.
type reject struct {
	Source string `json:"source"`
	// Input names the read by its content hash (stats shows it): a path
	// read again with other content is another input.
	Input  string `json:"input"`
	Line   int64  `json:"line"`
	Reason string `json:"reason"`
	Text   string `json:"text"`
}

// stream reads records from r, starting at src's checkpoint, and commits
// them batch by batch. skip is true when r starts at the beginning of the
// stream although the checkpoint is further on (gzip cannot seek).
func (in *ingester) stream(ctx context.Context, src *store.Source, sr SourceResult, r io.Reader, format string, skip bool) (SourceResult, error) {
	name := in.inputName(src)
	var next func() (line []byte, lineNo int64, raw *rawFields, perr error, err error)
	// position reports the checkpoint after the last record returned: units
	// consumed (JSONL lines, or CSV records) and the byte offset to seek to.
	var position func() (units, offset int64)
	lineNo := src.Lines
	base := src.Offset
	if skip && format == "jsonl" && src.Offset > 0 {
		if _, err := io.CopyN(io.Discard, r, src.Offset); err != nil {
			return sr, fmt.Errorf("%w: %s: cannot reach checkpoint at byte %d: %v", ErrInput, name, src.Offset, err)
		}
	}
	raw := &rawFields{}
	switch format {
	case "jsonl":
		br := bufio.NewReaderSize(r, 4<<20)
		var jp jsonParser
		var consumed int64
		var long, head []byte
		position = func() (int64, int64) { return lineNo, base + consumed }
		next = func() ([]byte, int64, *rawFields, error, error) {
			for {
				line, err := br.ReadSlice('\n')
				if errors.Is(err, bufio.ErrBufferFull) {
					long = append(long[:0], line...)
					for errors.Is(err, bufio.ErrBufferFull) && len(long) <= maxLine {
						line, err = br.ReadSlice('\n')
						long = append(long, line...)
					}
					line = long
				}
				if len(line) == 0 && err != nil {
					if err == io.EOF {
						return nil, 0, nil, nil, io.EOF
					}
					return nil, 0, nil, nil, fmt.Errorf("%w: %s: after line %d: %w", ErrInput, name, lineNo, readError{err})
				}
				if err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull) {
					return nil, 0, nil, nil, fmt.Errorf("%w: %s: after line %d: %w", ErrInput, name, lineNo, readError{err})
				}
				consumed += int64(len(line))
				lineNo++
				if len(line) > maxLine {
					// Its start is kept for the reject, as a shorter
					// line's is, before the rest is read past.
					head = append(head[:0], longLineHead(line, lineNo)...)
					for errors.Is(err, bufio.ErrBufferFull) {
						line, err = br.ReadSlice('\n')
						consumed += int64(len(line))
					}
					return head, lineNo, nil, errLongLine, nil
				}
				text := bytes.TrimRight(line, "\r\n")
				if lineNo == 1 {
					// Editors on Windows start UTF-8 files with a byte
					// order mark; it is not part of the first record.
					text = bytes.TrimPrefix(text, []byte("\ufeff"))
				}
				if len(bytes.TrimSpace(text)) == 0 {
					continue
				}
				return text, lineNo, raw, jp.parse(text, raw), nil
			}
		}
	case "csv":
		cr := newCSVRecords(r)
		header, _, _, reason, err := cr.next()
		if err != nil {
			if err == io.EOF { // empty: done, not unfinished
				src.Finished = time.Now().UnixMilli()
				return sr, in.st.FinishSource(src)
			}
			return sr, fmt.Errorf("%w: %s: header row: %s", ErrInput, name, describeReadErr(err))
		}
		if reason != nil {
			// A header is not skipped as a record line is: the file fails.
			msg, _, _ := strings.Cut(reason.Error(), "; the line is rejected alone")
			return sr, fmt.Errorf("%w: %s: header row: %s", ErrInput, name, msg)
		}
		cols := make([]field, len(header))
		seen := map[field]bool{}
		for i, h := range header {
			cols[i] = lookupField([]byte(strings.TrimSpace(h)))
			if cols[i] != fUnknown && seen[cols[i]] {
				return sr, fmt.Errorf("%w: %s: header names %q twice", ErrInput, name, h)
			}
			seen[cols[i]] = true
		}
		if !seen[fTS] || !seen[fAccount] {
			return sr, fmt.Errorf("%w: %s: header row lacks the required columns ts and account", ErrInput, name)
		}
		cr.fields = len(header)
		// A CSV record may span lines, so its checkpoint counts units
		// (records and rejected lines, Lines) and resuming skips that many
		// after the header.
		for i := int64(0); i < src.Lines; i++ {
			if _, _, _, _, err := cr.next(); err != nil {
				break
			}
		}
		units := src.Lines
		position = func() (int64, int64) { return units, 0 }
		next = func() ([]byte, int64, *rawFields, error, error) {
			rec, text, line, reason, err := cr.next()
			if err == io.EOF {
				return nil, 0, nil, nil, io.EOF
			}
			if err != nil {
				// A failed read (an interrupt, a truncated stream) is no
				// record: the checkpoint must not count it.
				return nil, 0, nil, nil, fmt.Errorf("%w: %s: after line %d: %w", ErrInput, name, cr.lineNo, readError{err})
			}
			units++
			lineNo = line
			if reason != nil {
				return text, line, nil, reason, nil
			}
			raw.reset()
			for i, v := range rec {
				if f := cols[i]; f != fUnknown {
					raw.v[f], raw.set[f] = []byte(v), true
				}
			}
			return text, line, raw, nil, nil
		}
	default:
		return sr, fmt.Errorf("%w: %s: unknown format %q (want jsonl or csv)", ErrInput, name, format)
	}
	return in.run(ctx, src, sr, next, position)
}

// errLongLine is the reason a line over maxLine is rejected.
var errLongLine = fmt.Errorf("line longer than %d MiB", maxLine>>20)

// longLineHead is what the reject of line number no, over maxLine, shows
// of it: its start, one byte more than a reject keeps, so that writeReject
// marks the cut.
func longLineHead(line []byte, no int64) []byte {
	if no == 1 {
		line = bytes.TrimPrefix(line, []byte("\ufeff"))
	}
	return line[:min(len(line), maxRejectText+1)]
}

// rejectHead matches the head of a rejects line: source, input, line.
var rejectHead = regexp.MustCompile(`^\{"source":("(?:[^"\\]|\\.)*"),"input":"([0-9a-f]{16})","line":(\d+),`)

// RejectsLog is a rejects writer that can be read back: an *os.File
// opened with os.O_RDWR|os.O_APPEND.
type RejectsLog interface {
	io.Writer
	io.ReaderAt
	Stat() (os.FileInfo, error)
}

// listedRejects returns the lines of the read src, and of the reads it
// went on from (Source.Follows), that the rejects file already lists: a
// read killed after writing the rejects of a batch it never committed, or
// a gzip upload whose read failed at its cut, listed them, and the read
// that goes on from the checkpoint meets them again. Skipping them,
// rather than cutting the file back, keeps every line another ingest
// wrote and cannot lose anything to a kill. Reads are told apart by their
// content hash, so a new database writing to an old rejects file does not
// take the old reads' lines for its own. Only whole lines count: one a
// kill cut short is listed again.
//
// Cost: one pass over the rejects file.
func (in *ingester) listedRejects(src store.Source) (map[int64]bool, error) {
	log, ok := in.opt.Rejects.(RejectsLog)
	if !ok {
		return nil, nil
	}
	inputs := map[string]string{} // input id -> its path: a chain may span names
	for range 64 {                // a chain longer than this is not followed
		inputs[inputID(src.Hash)] = src.Path
		if src.Follows == 0 {
			break
		}
		next, found, err := in.st.Source(src.Follows)
		if err != nil {
			return nil, err
		}
		if !found {
			break
		}
		src = next
	}
	fi, err := log.Stat()
	if err != nil {
		return nil, fmt.Errorf("rejects file: %w", err)
	}
	listed := map[int64]bool{}
	br := bufio.NewReaderSize(io.NewSectionReader(log, 0, fi.Size()), maxRejectLine+1)
	for {
		line, err := br.ReadSlice('\n')
		whole := err == nil
		for errors.Is(err, bufio.ErrBufferFull) {
			whole = false // longer than any line writeReject writes
			_, err = br.ReadSlice('\n')
		}
		if m := rejectHead.FindSubmatch(line); whole && m != nil && json.Valid(line) {
			var path string
			n, _ := strconv.ParseInt(string(m[3]), 10, 64)
			if p, ok := inputs[string(m[2])]; ok && json.Unmarshal(m[1], &path) == nil && path == p {
				listed[n] = true
			}
		}
		if err == io.EOF {
			return listed, nil
		}
		if err != nil {
			return nil, nil // not readable (opened write-only): list as before
		}
	}
}

// inputID names a read in the rejects file: its content hash, as stats
// shows it.
func inputID(hash uint64) string { return fmt.Sprintf("%016x", hash) }

// maxRejectText bounds the text a reject line keeps of its input line;
// maxRejectLine bounds the line (every byte of the text may take six
// as a JSON escape).
const (
	maxRejectText = 64 << 10
	maxRejectLine = 6*maxRejectText + 4<<10
)

// endRejectsLine starts the rejects file on a line of its own: a kill in
// the middle of a write, or a hand edit, may have left its last line
// without a newline, and the next reject would be glued to it.
func (in *ingester) endRejectsLine() error {
	log, ok := in.opt.Rejects.(RejectsLog)
	if !ok {
		return nil
	}
	fi, err := log.Stat()
	if err != nil || fi.Size() == 0 {
		return nil
	}
	b := make([]byte, 1)
	if _, err := log.ReadAt(b, fi.Size()-1); err != nil || b[0] == '\n' {
		return nil
	}
	if _, err := log.Write([]byte("\n")); err != nil {
		return fmt.Errorf("write rejects: %w", err)
	}
	return nil
}
