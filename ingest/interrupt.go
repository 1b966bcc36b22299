package ingest

import (
	"context"
	"io"
)

// interruptible returns a reader of r whose Read gives up with ctx's error
// as soon as ctx is done, even while r blocks. Standard input from an idle
// pipe would otherwise hold a signalled ingest until its writer sent more
// or closed it. A goroutine reads r ahead; when ctx ends it is left in its
// last Read of r, which ends with the process or when r's owner closes it.
func interruptible(ctx context.Context, r io.Reader) io.Reader {
	cr := &ctxReader{ctx: ctx, data: make(chan []byte), free: make(chan []byte, 2)}
	for range 2 {
		cr.free <- make([]byte, 64<<10)
	}
	go cr.fill(r)
	return cr
}

type ctxReader struct {
	ctx  context.Context
	data chan []byte // filled buffers; closed after the last, err set
	free chan []byte
	err  error  // r's error, readable once data is closed
	cur  []byte // the buffer being consumed
	rest []byte // its unread part
}

func (cr *ctxReader) fill(r io.Reader) {
	defer close(cr.data)
	for {
		// A select picks at random among ready cases: check first, so
		// that an interrupt stops the read at once.
		if err := cr.ctx.Err(); err != nil {
			cr.err = err
			return
		}
		var b []byte
		select {
		case b = <-cr.free:
		case <-cr.ctx.Done():
			cr.err = cr.ctx.Err()
			return
		}
		n, err := r.Read(b[:cap(b)])
		if n > 0 {
			select {
			case cr.data <- b[:n]:
			case <-cr.ctx.Done():
				cr.err = cr.ctx.Err()
				return
			}
		} else {
			cr.free <- b
		}
		if err != nil {
			cr.err = err
			return
		}
	}
}

func (cr *ctxReader) Read(p []byte) (int, error) {
	if len(cr.rest) == 0 {
		if cr.cur != nil {
			cr.free <- cr.cur
			cr.cur = nil
		}
		if err := cr.ctx.Err(); err != nil {
			return 0, err
		}
		select {
		case b, ok := <-cr.data:
			if !ok {
				return 0, cr.err
			}
			cr.cur, cr.rest = b, b
		case <-cr.ctx.Done():
			return 0, cr.ctx.Err()
		}
	}
	n := copy(p, cr.rest)
	cr.rest = cr.rest[n:]
	return n, nil
}
