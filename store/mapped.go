package store

import "time"

// Badger reads and writes its tables and value logs through shared memory
// maps. Every page of them the process touches counts in its resident set
// until the kernel needs the memory back, so a command that reads the
// whole database once (link loading the graph, ingest's compactions)
// shows a resident set as large as the files it read, though none of it
// is memory the process needs: the pages stay in the page cache either
// way. The trimmer keeps that share bounded by asking the kernel to
// reclaim those pages (madvise MADV_PAGEOUT; the next access reads them
// again) whenever they pass mappedLimit.
//
// Background passes alone do not bound them. During an append into the
// seed database, while fold scanned the adjacency, one pass took 7.4 s
// and the resident file pages grew from 0.5 to 2.4 GB (3.85 GB in all):
// a scan on one core can fault pages in faster than a pass on the other
// pages them out. So long scans pace themselves: every paceEvery keys
// they check the file-backed resident set and, past paceLimit, trim it
// before reading on, or wait for the pass that is running. A scan then
// reads at most paceEvery keys' pages beyond the limit.
const (
	mappedLimit = 128 << 20
	trimEvery   = 250 * time.Millisecond
	paceLimit   = 2 * mappedLimit
	paceEvery   = 4096
)

// pacer is a scan's side of the trimmer; its zero value does nothing.
type pacer struct {
	t *trimmer
	n int
}

// step counts one key read and, every paceEvery of them, trims the mapped
// pages if they are past paceLimit. While the trimmer works the scan
// waits: that is the point.
func (p *pacer) step() {
	p.n++
	if p.n%paceEvery == 0 && p.t != nil {
		p.t.pace()
	}
}

// pacer returns a pacer for one scan.
func (s *Store) pacer() pacer { return pacer{t: s.trim} }

// startTrimmer runs t's background passes until stop is closed; done is
// closed when it has returned. A nil t (the platform offers no way to
// trim) only waits for stop.
func startTrimmer(t *trimmer, stop <-chan struct{}, done chan<- struct{}) {
	go func() {
		defer close(done)
		if t == nil {
			<-stop
			return
		}
		tick := time.NewTicker(trimEvery)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				t.trimOver(mappedLimit)
			}
		}
	}()
}
