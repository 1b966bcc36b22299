package store

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// mapFile writes size zero bytes to path and maps them shared and
// read-only, untouched.
func mapFile(t *testing.T, path string, size int) []byte {
	t.Helper()
	require.NoError(t, os.WriteFile(path, make([]byte, size), 0o644))
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	m, err := syscall.Mmap(int(f.Fd()), 0, size, syscall.PROT_READ, syscall.MAP_SHARED)
	require.NoError(t, err)
	t.Cleanup(func() { syscall.Munmap(m) })
	return m
}

// mapTouched maps path as mapFile does, touches every page and returns
// the mapping.
func mapTouched(t *testing.T, path string, size int) []byte {
	t.Helper()
	m := mapFile(t, path, size)
	var sum byte
	for i := 0; i < size; i += 4096 {
		sum += m[i]
	}
	require.Zero(t, sum)
	return m
}

// skipWithoutPageout skips the test on a kernel that refuses
// MADV_PAGEOUT (before 5.4), trying it on a page mapped from a file in dir.
func skipWithoutPageout(t *testing.T, dir string) {
	t.Helper()
	probe := mapTouched(t, filepath.Join(dir, "probe"), 4096)
	if _, _, errno := syscall.Syscall(syscall.SYS_MADVISE, uintptr(unsafe.Pointer(&probe[0])), 4096, madvPageout); errno != 0 {
		t.Skipf("kernel without MADV_PAGEOUT: %v", errno)
	}
}

// residentKB is the Rss of the mapping of path in /proc/self/smaps.
func residentKB(t *testing.T, path string) int {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	require.NoError(t, err)
	defer f.Close()
	sc := bufio.NewScanner(f)
	in := false
	for sc.Scan() {
		line := sc.Text()
		if fields := strings.Fields(line); len(fields) >= 6 && strings.Contains(fields[0], "-") {
			in = fields[5] == path
			continue
		}
		if in && strings.HasPrefix(line, "Rss:") {
			kb, err := strconv.Atoi(strings.Fields(line)[1])
			require.NoError(t, err)
			return kb
		}
	}
	t.Fatalf("no mapping of %s", path)
	return 0
}

// TestTrimmerReclaimsOnlyDatabaseFiles checks that a trim reclaims the
// resident pages of a mapped table in the database directory and leaves
// other mappings alone.
func TestTrimmerReclaimsOnlyDatabaseFiles(t *testing.T) {
	dbDir, other := t.TempDir(), t.TempDir()
	const size = 8 << 20
	sst, outside := filepath.Join(dbDir, "000001.sst"), filepath.Join(other, "000001.sst")
	mapTouched(t, sst, size)
	mapTouched(t, outside, size)
	require.Greater(t, residentKB(t, sst), size/1024/2, "pages resident before the trim")

	skipWithoutPageout(t, other)

	tr := newTrimmer(dbDir, nil)
	require.NotNil(t, tr)
	tr.trimOver(0)
	assert.Less(t, residentKB(t, sst), size/1024/8, fmt.Sprintf("%s reclaimed", sst))
	assert.Greater(t, residentKB(t, outside), size/1024/2, "a file outside the database is left alone")
}

// TestPacerBoundsAScan checks that a scan that steps a pacer keeps the
// mapped pages it has read near the pace limit, where without one every
// page it read stays resident (no background trimmer runs here).
func TestPacerBoundsAScan(t *testing.T) {
	const size, page = 64 << 20, 4096
	dir := t.TempDir()
	skipWithoutPageout(t, dir)
	for _, tc := range []struct {
		name    string
		paced   bool
		peakMax int // KB resident at most, just before each pace check
		endMin  int // KB resident at least once the scan is over
	}{
		// paceEvery pages (16 MB) are read between two checks.
		{name: "paced", paced: true, peakMax: (paceEvery*page + 8<<20) / 1024},
		{name: "unpaced", endMin: size / 1024 * 7 / 8},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "000001.sst")
			m := mapFile(t, path, size)

			var p pacer
			if tc.paced {
				p.t = newTrimmer(filepath.Dir(path), nil)
				require.NotNil(t, p.t)
				var buf []byte
				p.t.paceAt = fileRSS(&buf) + 8<<20
			}
			peak := 0
			var sum byte
			for i := 0; i < size; i += page {
				sum += m[i]
				if (p.n+1)%paceEvery == 0 {
					peak = max(peak, residentKB(t, path))
				}
				p.step()
			}
			require.Zero(t, sum)
			end := residentKB(t, path)
			if tc.paced {
				assert.Greater(t, peak, paceEvery*page/1024/2, "the scan read pages between checks")
				assert.LessOrEqual(t, peak, tc.peakMax, "resident before a check")
				assert.LessOrEqual(t, end, tc.peakMax, "resident after the scan")
			} else {
				assert.GreaterOrEqual(t, end, tc.endMin, "resident after an unpaced scan")
			}
		})
	}
}
