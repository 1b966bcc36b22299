package ingest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/netip"
	"strconv"
	"time"

	"github.com/ringlink/ringlink/store"
)

// committer writes batches in the background so that parsing the next
// batch overlaps with Badger's writes of the previous one. At most one
// batch is in flight; batches commit in order.
type committer struct {
	done chan error
	busy bool
	err  error // sticky: the first failed commit fails the ingest
}

func (c *committer) start(b *store.Batch, src store.Source, n uint32) {
	c.busy = true
	go func() { c.done <- b.Commit(&src, n) }()
}

func (c *committer) wait() error {
	if c.busy {
		c.busy = false
		if err := <-c.done; c.err == nil {
			c.err = err
		}
	}
	return c.err
}

// run is the batch loop shared by every input format.
func (in *ingester) run(ctx context.Context, src *store.Source, sr SourceResult,
	next func() ([]byte, int64, *rawFields, error, error), position func() (int64, int64)) (SourceResult, error) {
	cm := &committer{done: make(chan error, 1)}
	batches := [2]*store.Batch{}
	for i := range batches {
		b, err := in.st.NewBatch()
		if err != nil {
			return sr, err
		}

		batches[i] = b
	}
	cur := 0
	b := batches[cur]
	var rec Record
	var emailBuf, nodeBuf []byte
	linesInBatch := 0
	name := src.Path
	if name == "-" {
		name = "stdin"
	}
	commit := func() error {
		units, off := position()
		src.Lines, src.Offset = units, off
		src.Batches++
		if err := cm.wait(); err != nil {
			return err
		}
		b.TrimCache() // safe: nothing is in flight now
		// Template state as of the end of this batch is written with the
		// batch, before its checkpoint. If the process dies between the two,
		// the replayed batch is mined by a miner that has already learnt it:
		// its prompts map to the templates they created the first time, so
		// ids match except where a skeleton widened within the batch.
		for _, t := range in.miner.Changed() {
			data, err := t.MarshalBinary()
			if err != nil {
				return fmt.Errorf("encode template %d: %w", t.ID, err)
			}
			b.PutTemplate(t.ID, data)
		}
		cm.start(b, *src, src.Batches-1)
		cur ^= 1
		b = batches[cur]
		b.Reset()
		linesInBatch = 0
		if in.opt.Progress != nil {
			in.opt.Progress(Progress{Source: name, Lines: src.Lines, Records: src.Records, Rejected: src.Rejected, Bytes: src.Offset})
		}
		return nil
	}
	fail := func(err error) (SourceResult, error) {
		if werr := cm.wait(); werr != nil && err == nil {
			err = werr
		}
		return sr, err
	}
	for {
		text, lineNo, raw, perr, err := next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fail(err)
		}
		linesInBatch++
		if perr == nil {
			emailBuf = emailBuf[:0]
			perr = raw.validate(&rec, emailBuf)
		}
		if perr == nil {
			nodeBuf, perr = in.add(b, &rec, nodeBuf)
		}
		if perr != nil {
			var se storeError
			if errors.As(perr, &se) {
				return fail(fmt.Errorf("%s line %d: %w", name, lineNo, se.err))
			}
			src.Rejected++
			sr.Rejected++
			in.rejected++
			if err := in.writeReject(name, lineNo, perr, text); err != nil {
				return fail(err)
			}
			if in.opt.MaxRejects >= 0 && in.rejected > in.opt.MaxRejects {
				if err := commit(); err != nil {
					return fail(err)
				}
				if err := cm.wait(); err != nil {
					return sr, err
				}
				return sr, fmt.Errorf("%w: %s line %d: %d records rejected, more than --max-rejects %d; the %d records accepted before it are kept (last reason: %v)",
					ErrTooManyRejects, name, lineNo, in.rejected, in.opt.MaxRejects, src.Records, perr)
			}
		} else {
			src.Records++
			sr.Records++
		}
		if linesInBatch >= in.opt.BatchLines {
			if err := ctx.Err(); err != nil {
				return fail(err)
			}
			if err := commit(); err != nil {
				return fail(err)
			}
		}
	}
	if linesInBatch > 0 {
		if err := commit(); err != nil {
			return fail(err)
		}
	}
	if err := cm.wait(); err != nil {
		return sr, err
	}
	units, off := position()
	src.Lines, src.Offset = units, off
	src.Finished = time.Now().UnixMilli()
	sr.Lines = src.Lines
	return sr, in.st.FinishSource(src)
}

// storeError marks an error of the store, as opposed to a bad record: it
// stops the ingest instead of rejecting the record.
type storeError struct{ err error }

func (e storeError) Error() string { return e.err.Error() }

// add folds one valid record into the batch: the account node, one node
// per attribute, and an edge from the account to each.
func (in *ingester) add(b *store.Batch, rec *Record, buf []byte) ([]byte, error) {
	acct, err := b.Node(store.KindAccount, rec.Account)
	if err != nil {
		return buf, storeError{err}
	}
	b.Account(acct, rec.TS, rec.Tokens, rec.Signup)
	edge := func(k store.Kind, v []byte) error {
		id, err := b.Node(k, v)
		if err != nil {
			return storeError{err}
		}
		b.Edge(acct, id, rec.TS, rec.Tokens)
		return nil
	}
	if rec.IP.IsValid() {
		buf = rec.IP.AppendTo(buf[:0])
		if err := edge(store.KindIP, buf); err != nil {
			return buf, err
		}
		buf = appendPrefix(buf[:0], rec.IP)
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
	case len(rec.Prompt) > 0:
		id := in.miner.Mine(string(rec.Prompt))
		buf = strconv.AppendUint(append(buf[:0], "m:"...), uint64(id), 10)
		err = edge(store.KindTemplate, buf)
	}
	return buf, err
}

// appendPrefix appends the /24 (IPv4) or /48 (IPv6) network holding ip:
// the unit a residential proxy pool or an office is usually allocated in.
func appendPrefix(dst []byte, ip netip.Addr) []byte {
	bits := 48
	if ip.Is4() {
		bits = 24
	}
	p, _ := ip.Prefix(bits)
	return p.AppendTo(dst)
}

func (in *ingester) writeReject(name string, line int64, reason error, text []byte) error {
	if in.opt.Rejects == nil {
		return nil
	}
	b, err := json.Marshal(reject{Source: name, Line: line, Reason: reason.Error(), Text: string(text)})
	if err != nil {
		return err
	}
	if _, err := in.opt.Rejects.Write(append(b, '\n')); err != nil {
		return fmt.Errorf("write rejects: %w", err)
	}
	return nil
}

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
