package ingest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"time"

	"github.com/ringlink/ringlink/store"
	"github.com/ringlink/ringlink/templates"
)

// committer writes batches in the background so that parsing the next
// batch overlaps with Badger's writes of the previous one. At most one
// batch is in flight; batches commit in order.
type committer struct {
	done chan error
	busy bool
	err  error // sticky: the first failed commit fails the ingest
	// committed is the source's checkpoint as of the last batch known to
	// be durable; inflight is the one being written.
	committed, inflight store.Source
}

func (c *committer) start(b *store.Batch, src store.Source, n uint32) {
	c.busy = true
	// The batch loop goes on counting into its own days while this
	// checkpoint is written.
	src.Days = slices.Clone(src.Days)
	c.inflight = src
	go func() { c.done <- b.Commit(&src, n) }()
}

func (c *committer) wait() error {
	if c.busy {
		c.busy = false
		err := <-c.done
		if c.err == nil {
			c.err = err
		}
		if err == nil && c.err == nil {
			c.committed = c.inflight
		}
	}
	return c.err
}

// parsed is one input record after validation and template mining.
type parsed struct {
	rec    Record // byte fields point into the chunk's arena
	tmpl   uint32 // mined template id; 0 when none was mined
	line   int64
	units  int64 // checkpoint position after this record
	offset int64
	reject error  // non-nil: the record is rejected for this reason
	text   []byte // the rejected text
}

// chunk carries parsed records from the parser goroutine to the batch
// loop. A chunk never spans two batches.
type chunk struct {
	recs     []parsed
	arena    []byte
	batchEnd bool              // the last chunk of a batch
	tmpls    templates.Encoded // with batchEnd or stop: the changed templates
	state    []byte            // with tmpls: the miner's state, see templates.Checkpoint
	// stop: the last record is the reject that exceeds MaxRejects; the
	// parser stopped after it, so the miner's checkpoint is as of it.
	stop bool
	// interrupted: the context ended and the parser stopped after this
	// chunk, whose checkpoint of the miner is as of its last record, so
	// that what it parsed can be committed.
	interrupted bool
	units       int64 // position at the end of the chunk
	offset      int64
	err         error // a fatal read error after recs
	eof         bool
}

const chunkRecords = 4096

// keep copies b into the chunk's arena. Slices taken before the arena
// grows stay valid: they keep the old backing array alive.
func (c *chunk) keep(b []byte) []byte {
	if len(b) == 0 {
		return nil
	}
	start := len(c.arena)
	c.arena = append(c.arena, b...)
	return c.arena[start:len(c.arena):len(c.arena)]
}

// parse reads, validates and mines records and sends them in chunks. It
// runs in its own goroutine so that parsing and mining (one core) overlap
// with interning and aggregation (the other); it owns the miner. rejected
// is the rejects counted before: the parser stops at the reject that
// exceeds MaxRejects, so that the miner has mined nothing past the point
// where the ingest stops and its checkpoint can be committed there.
func (in *ingester) parse(ctx context.Context, out chan<- *chunk, free chan *chunk,
	next func() ([]byte, int64, *rawFields, error, error), position func() (int64, int64), rejected int64) {
	defer close(out)
	var rec Record
	var emailBuf []byte
	lines := 0
	get := func() *chunk {
		select {
		case c := <-free:
			*c = chunk{recs: c.recs[:0], arena: c.arena[:0]}
			return c
		default:
			return &chunk{}
		}
	}
	c := get()
	// handOver ends the parse when ctx is done: the chunk goes out with the
	// miner's checkpoint as of its last record (unless it already has one),
	// for the batch loop to commit or, if it is the one stopping, to drain.
	handOver := func() {
		c.units, c.offset = position()
		if !c.batchEnd && !c.stop && !c.eof && c.err == nil {
			in.changedTemplates(c)
		}
		c.interrupted = true
		out <- c
	}
	send := func() bool {
		c.units, c.offset = position()
		// A select picks at random among ready cases: an interrupt
		// that has come stops the read here, every time.
		if ctx.Err() != nil {
			handOver()
			return false
		}
		select {
		case out <- c:
			c = get()
			return true
		case <-ctx.Done():
			handOver()
			return false
		}
	}
	for n := 1; ; n++ {
		if n%1024 == 0 && ctx.Err() != nil {
			handOver()
			return
		}
		text, lineNo, raw, perr, err := next()
		if err != nil {
			if err != io.EOF && ctx.Err() != nil {
				// The read was cut short by the interrupt, not bad input.
				handOver()
				return
			}
			if err == io.EOF {
				c.eof = true
			} else {
				c.err = err
			}
			send()
			return
		}
		lines++
		if perr == nil {
			perr = raw.validate(&rec, emailBuf[:0])
		}
		p := parsed{line: lineNo, reject: perr}
		if perr != nil {
			p.text = c.keep(text)
		} else {
			p.rec = Record{TS: rec.TS, Signup: rec.Signup, IP: rec.IP, Tokens: rec.Tokens,
				Account: c.keep(rec.Account), Payment: c.keep(rec.Payment), Device: c.keep(rec.Device),
				Email: c.keep(rec.Email), Template: c.keep(rec.Template)}
			if len(rec.Template) == 0 && len(rec.Prompt) > 0 {
				p.tmpl = in.miner.MineBytes(rec.Prompt)
			}
		}
		p.units, p.offset = position()
		c.recs = append(c.recs, p)
		if perr != nil {
			rejected++
			if in.opt.MaxRejects >= 0 && rejected > in.opt.MaxRejects {
				c.stop = true
				in.changedTemplates(c)
				send()
				return
			}
		}
		if lines >= in.opt.BatchLines || in.miner.EvictedBytes() >= in.opt.BatchEvicted {
			lines = 0
			c.batchEnd = true
			in.changedTemplates(c)
			if !send() {
				return
			}
		} else if len(c.recs) >= chunkRecords && !send() {
			return
		}
	}
}

// changedTemplates takes a checkpoint of the miner into c: the templates
// changed since the last one and the miner's state, as of the end of the
// batch c closes, written with that batch (see commit).
func (in *ingester) changedTemplates(c *chunk) {
	c.tmpls, c.state = in.miner.CheckpointEncoded()
}

// run is the batch loop shared by every input format: it interns and
// aggregates what parse sends and commits a batch at each batch end.
func (in *ingester) run(ctx context.Context, src *store.Source, sr SourceResult,
	next func() ([]byte, int64, *rawFields, error, error), position func() (int64, int64)) (SourceResult, error) {
	cm := &committer{done: make(chan error, 1), committed: *src}
	// The loop counts into src's days in place: the checkpoint to fall
	// back on must not see them.
	cm.committed.Days = slices.Clone(src.Days)
	base := *src // the checkpoint this run started from
	batches := [2]*store.Batch{}
	for i := range batches {
		b, err := in.st.NewBatch()
		if err != nil {
			return sr, err
		}
		batches[i] = b
	}
	b := batches[0]
	cur := 0
	name := in.inputName(src)
	pctx, stop := context.WithCancel(ctx)
	chunks := make(chan *chunk, 4)
	free := make(chan *chunk, 8)
	done := make(chan struct{})
	rejected := in.rejected
	go func() {
		in.parse(pctx, chunks, free, next, position, rejected)
		close(done)
	}()
	// On every return the parser is stopped and drained before anything
	// else touches the miner.
	halt := func() {
		stop()
		for range chunks {
		}
		<-done
	}
	defer halt()

	pending := false // records added since the last commit
	commit := func(units, offset int64, tmpls *chunk) error {
		src.Lines, src.Offset = units, offset
		src.Batches++
		if err := cm.wait(); err != nil {
			return err
		}
		b.TrimCache() // safe: nothing is in flight now
		// The miner's checkpoint as of the end of the batch: the changed
		// templates are written with the batch's data, the miner's state
		// in the transaction of the batch's checkpoint. If the process dies
		// between the two, the next LoadMiner sees records ahead of the
		// state and rolls them back (see templates.Restore), so the
		// replayed batch is mined by the miner that mined it the first
		// time and gets the same template ids.
		if tmpls != nil {
			// The batch takes the encoded templates over: a batch of new
			// prompts changes hundreds of megabytes of them, and a copy,
			// or a chunk on the free list keeping their buffer, doubled
			// ingest's heap (see BENCHMARKS.md).
			for i := range tmpls.tmpls.Len() {
				b.PutTemplate(tmpls.tmpls.At(i))
			}
			b.PutMinerState(tmpls.state)
			tmpls.tmpls, tmpls.state = templates.Encoded{}, nil
		}
		cm.start(b, *src, src.Batches-1)
		cur ^= 1
		b = batches[cur]
		b.Reset()
		pending = false
		if in.opt.Progress != nil {
			in.opt.Progress(Progress{Source: name, Lines: src.Lines, Records: src.Records, Rejected: src.Rejected, Bytes: src.Offset})
		}
		return nil
	}
	// fail waits for the batch in flight and leaves src and sr at what is
	// durable: the records of a batch that was never committed are not
	// in the database and are not reported. A failed commit wins over
	// err, so that an input error is never mistaken for a clean stop.
	fail := func(err error) (SourceResult, error) {
		if werr := cm.wait(); werr != nil {
			if err == nil || errors.Is(err, werr) {
				err = werr
			} else {
				err = fmt.Errorf("%w (while stopping for: %v)", werr, err)
			}
		}
		*src = cm.committed
		sr.Records, sr.Rejected = src.Records-base.Records, src.Rejected-base.Rejected
		sr.Lines = src.Lines
		return sr, err
	}
	var nodeBuf []byte
	for c := range chunks {
		for i := range c.recs {
			p := &c.recs[i]
			pending = true
			if p.reject == nil {
				var err error
				if nodeBuf, err = in.add(b, &p.rec, p.tmpl, nodeBuf); err != nil {
					return fail(fmt.Errorf("%s line %d: %w", name, p.line, err))
				}
				src.Records++
				sr.Records++
				if !p.rec.Signup {
					src.CountRequest(p.rec.TS)
				}
				continue
			}
			src.Rejected++
			sr.Rejected++
			in.rejected++
			if err := in.writeReject(src.Hash, name, p.line, p.reject, p.text); err != nil {
				return fail(err)
			}
			if in.opt.MaxRejects >= 0 && in.rejected > in.opt.MaxRejects {
				halt()
				// The parser stopped at this very reject with the miner's
				// checkpoint: nothing after it is mined or committed.
				if !c.stop || i != len(c.recs)-1 {
					return fail(errors.New("ingest: reject count out of step with the parser"))
				}
				if c.err != nil {
					return fail(c.err)
				}
				if err := commit(p.units, p.offset, c); err != nil {
					return fail(err)
				}
				if err := cm.wait(); err != nil {
					return fail(err)
				}
				sr.Lines = src.Lines
				return sr, fmt.Errorf("%w: %s line %d: %d records rejected, more than --max-rejects %d; the %d records accepted before it are kept (last reason: %v)",
					ErrTooManyRejects, name, p.line, in.rejected, in.opt.MaxRejects, src.Records, p.reject)
			}
		}
		switch {
		case c.err != nil:
			return fail(c.err)
		case c.eof:
			if pending {
				halt()
				tm := &chunk{}
				in.changedTemplates(tm)
				if err := commit(c.units, c.offset, tm); err != nil {
					return fail(err)
				}
			}
			if err := cm.wait(); err != nil {
				return fail(err)
			}
			src.Lines, src.Offset = c.units, c.offset
			src.Finished = time.Now().UnixMilli()
			sr.Lines = src.Lines
			return sr, in.st.FinishSource(src)
		case c.interrupted:
			// A signal: commit what was parsed, so that a stop costs at
			// most the records not yet read, then report the interrupt.
			if pending {
				if err := commit(c.units, c.offset, c); err != nil {
					return fail(err)
				}
			}
			if err := ctx.Err(); err != nil {
				return fail(err)
			}
			return fail(errors.New("ingest: parser stopped unexpectedly"))
		case c.batchEnd:
			if err := commit(c.units, c.offset, c); err != nil {
				return fail(err)
			}
		}
		select {
		case free <- c:
		default:
		}
	}
	if err := ctx.Err(); err != nil {
		return fail(err)
	}
	return fail(errors.New("ingest: parser stopped unexpectedly"))
}

// add folds one valid record into the batch: the account node, one node
// per attribute, and an edge from the account to each.
func (in *ingester) add(b *store.Batch, rec *Record, tmpl uint32, buf []byte) ([]byte, error) {
	acct, err := b.Node(store.KindAccount, rec.Account)
	if err != nil {
		return buf, err
	}
	b.Account(acct, rec.TS, rec.Tokens, rec.Signup)
	edge := func(k store.Kind, v []byte) error {
		id, err := b.Node(k, v)
		if err != nil {
			return err
		}
		b.Edge(acct, id, rec.TS, rec.Tokens)
		return nil
	}
	if rec.IP.IsValid() {
		buf = rec.IP.AppendTo(buf[:0])
		if err := edge(store.KindIP, buf); err != nil {
			return buf, err
		}
		buf = store.Network(rec.IP).AppendTo(buf[:0])
		if err := edge(store.KindIPPrefix, buf); err != nil {
			return buf, err
		}
	}
	for _, a := range []struct {
		k store.Kind
		v []byte
	}{{store.KindPayment, rec.Payment}, {store.KindDevice, rec.Device}, {store.KindEmail, rec.Email}} {
		if len(a.v) > 0 {
			if err := edge(a.k, a.v); err != nil {
				return buf, err
			}
		}
	}
	switch {
	case len(rec.Template) > 0:
		buf = append(append(buf[:0], "u:"...), rec.Template...)
		err = edge(store.KindTemplate, buf)
	case tmpl != 0:
		buf = strconv.AppendUint(append(buf[:0], "m:"...), uint64(tmpl), 10)
		err = edge(store.KindTemplate, buf)
	}
	return buf, err
}

// writeReject lists a rejected line: in the rejects file (unless an
// earlier read of the same input listed it already, see listedRejects),
// else in the log, up to loggedRejects.
func (in *ingester) writeReject(input uint64, name string, line int64, reason error, text []byte) error {
	if in.opt.Rejects == nil {
		if in.opt.MaxRejects >= 0 && in.rejected > in.opt.MaxRejects {
			return nil // the error that stops the ingest names this one
		}
		if in.logged < loggedRejects {
			in.opt.Logger.Warn("rejected", "source", name, "line", line, "reason", reason.Error())
		} else if in.logged == loggedRejects {
			in.opt.Logger.Warn("further rejects are not logged; --rejects FILE records every one")
		}
		in.logged++
		return nil
	}
	if in.listed[line] {
		return nil
	}
	if len(text) > maxRejectText {
		text = append(text[:maxRejectText:maxRejectText], "…"...)
	}
	r := reject{Source: name, Input: inputID(input), Line: line, Reason: reason.Error(), Text: string(text)}
	b, err := json.Marshal(r)
	// listedRejects reads back lines up to maxRejectLine only: a longer
	// one (a text whose every byte is escaped, under a long path) would be
	// listed again by every read that goes on from this one.
	for err == nil && len(b) >= maxRejectLine {
		if len(r.Reason) > maxRejectText/64 {
			r.Reason = r.Reason[:maxRejectText/64] + "…"
		}
		r.Text = r.Text[:len(r.Text)/2] + "…"
		b, err = json.Marshal(r)
	}
	if err != nil {
		return err
	}
	if _, err := in.opt.Rejects.Write(append(b, '\n')); err != nil {
		return fmt.Errorf("write rejects: %w", err)
	}
	return nil
}

// readError is a failed read of an input, described for people, that
// keeps the cause for errors.Is (a truncated input: io.ErrUnexpectedEOF).
type readError struct{ err error }

func (e readError) Error() string { return describeReadErr(e.err) }
func (e readError) Unwrap() error { return e.err }

func describeReadErr(err error) string {
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return "input ends unexpectedly (truncated gzip or file?)"
	}
	var ce interface{ Error() string }
	if errors.As(err, &ce) {
		return ce.Error()
	}
	return err.Error()
}
