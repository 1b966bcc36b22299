package store

import (
	"bufio"
	"bytes"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"time"
)

// trimmer drops resident pages of the database's mapped files; see
// mapped.go.
type trimmer struct {
	prefix []byte // the database directory as /proc/self/maps spells it, with a trailing slash
	log    *slog.Logger
	paceAt uint64 // paceLimit; tests lower it
	// mu serialises the background passes and the scans' (pacer.step):
	// a scan that finds a pass running waits for it.
	mu     sync.Mutex
	buf    []byte
	ranges [][2]uint64 // the mappings a pass pages out, start and end
}

// trimWorkers is how many goroutines page out a pass's mappings. During
// Badger's compactions each madvise call slows down several times and the
// compaction brings pages in faster than one caller pages them out. On
// fresh seed/2 ingests (two cores, two runs each) two callers brought the
// peak file-backed resident set from 1.05-1.10 GB to 0.55-0.84 GB and the
// peak RSS from 2.03 GB to 1.50-1.75 GB, at the same speed; why two keep
// up better was not found (BENCHMARKS.md).
const trimWorkers = 2

func newTrimmer(dir string, log *slog.Logger) *trimmer {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	return &trimmer{prefix: []byte(abs + "/"), log: log, paceAt: paceLimit}
}

// madvPageout asks the kernel to reclaim a range now (Linux 5.4 and
// later; older kernels refuse it and nothing happens). Unlike
// MADV_DONTNEED it never loses data, whatever the range holds: a mapping
// that Badger unmaps and the runtime reuses between reading the maps and
// the call would be paged out, not zeroed.
const madvPageout = 0x15

// pace is a scan's check; see pacer.
func (t *trimmer) pace() { t.trimOver(t.paceAt) }

// trimOver reclaims the mapped pages of Badger's tables and value logs
// when the process's file-backed resident set is over limit. It only
// touches shared mappings of .sst and .vlog files in the database
// directory.
func (t *trimmer) trimOver(limit uint64) {
	t.mu.Lock()
	defer t.mu.Unlock()
	rss := fileRSS(&t.buf)
	if rss < limit {
		return
	}
	began := time.Now()
	f, err := os.Open("/proc/self/maps")
	if err != nil {
		return
	}
	defer f.Close()
	t.ranges = t.ranges[:0]
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		// start-end perms offset dev inode path
		fields := bytes.Fields(sc.Bytes())
		if len(fields) < 6 || len(fields[1]) < 4 || fields[1][3] != 's' || !bytes.HasPrefix(fields[5], t.prefix) ||
			!(bytes.HasSuffix(fields[5], []byte(".sst")) || bytes.HasSuffix(fields[5], []byte(".vlog"))) {
			continue
		}
		lo, hi, ok := bytes.Cut(fields[0], []byte{'-'})
		if !ok {
			continue
		}
		start, err1 := strconv.ParseUint(string(lo), 16, 64)
		end, err2 := strconv.ParseUint(string(hi), 16, 64)
		if err1 != nil || err2 != nil || end <= start {
			continue
		}
		t.ranges = append(t.ranges, [2]uint64{start, end})
	}
	var dropped [trimWorkers]uint64
	var wg sync.WaitGroup
	for w := range trimWorkers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(t.ranges); i += trimWorkers {
				r := t.ranges[i]
				if _, _, errno := syscall.Syscall(syscall.SYS_MADVISE, uintptr(r[0]), uintptr(r[1]-r[0]), madvPageout); errno == 0 {
					dropped[w] += r[1] - r[0]
				}
			}
		}()
	}
	wg.Wait()
	var mapped uint64
	for _, d := range dropped {
		mapped += d
	}
	t.log.Debug("reclaimed mapped database pages", "resident", rss, "mapped", mapped, "after", fileRSS(&t.buf), "took", time.Since(began))
}

// fileRSS is the process's file-backed resident set in bytes (RssFile in
// /proc/self/status), or 0 when it cannot be read.
func fileRSS(buf *[]byte) uint64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	*buf = (*buf)[:cap(*buf)]
	if len(*buf) < 4096 {
		*buf = make([]byte, 4096)
	}
	n, _ := f.Read(*buf)
	b := (*buf)[:n]
	_, rest, ok := bytes.Cut(b, []byte("RssFile:"))
	if !ok {
		return 0
	}
	line, _, _ := bytes.Cut(rest, []byte{'\n'})
	kb, err := strconv.ParseUint(string(bytes.TrimSuffix(bytes.TrimSpace(line), []byte(" kB"))), 10, 64)
	if err != nil {
		return 0
	}
	return kb << 10
}
