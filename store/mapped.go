package store

import (
	"log/slog"
	"time"
)

// Badger reads and writes its tables and value logs through shared memory
// maps. Every page of them the process touches counts in its resident set
// until the kernel needs the memory back, so a command that reads the
// whole database once (link loading the graph, ingest's compactions)
// shows a resident set as large as the files it read, though none of it
// is memory the process needs: the pages stay in the page cache either
// way. The trimmer keeps that share bounded by asking the kernel to
// reclaim those pages (madvise MADV_PAGEOUT; the next access reads them
// again) whenever they pass mappedLimit.
const (
	mappedLimit = 128 << 20
	trimEvery   = 250 * time.Millisecond
)

// startTrimmer runs the trimmer until stop is closed; done is closed when
// it has returned. Where the platform offers no way to do it, it only
// waits for stop.
func startTrimmer(dir string, log *slog.Logger, stop <-chan struct{}, done chan<- struct{}) {
	t := newTrimmer(dir, log)
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
				t.trim()
			}
		}
	}()
}
