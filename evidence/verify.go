package evidence

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// Problem is one integrity failure, located at a file of the package.
type Problem struct {
	File    string `json:"file"`
	Problem string `json:"problem"`
}

func (p Problem) String() string { return text(p.File, 200) + ": " + p.Problem }

// Report is the outcome of Verify.
type Report struct {
	// Manifest is the package's manifest when it could be read.
	Manifest *Manifest `json:"manifest,omitempty"`
	// ManifestSHA256 is the SHA-256 of the package's manifest.json: the
	// hash export printed, which pins every other file. Everything in a
	// package can be rewritten consistently, manifest.sha256 included, so
	// only a comparison with the hash kept from the export (ExpectManifest)
	// proves it is the package that was exported.
	ManifestSHA256 string `json:"manifest_sha256,omitempty"`
	// Checked counts the files whose size and hash matched.
	Checked  int       `json:"checked"`
	Problems []Problem `json:"problems"`
}

// OK reports whether the package is intact.
func (r Report) OK() bool { return len(r.Problems) == 0 }

// Limits on what Verify reads, so that a hostile archive cannot exhaust
// memory.
const (
	maxManifest     = 16 << 20
	maxManifestHash = 4 << 10
)

// VerifyFile opens the zip at path and verifies it. The error is for an
// archive that cannot be read at all; integrity failures are Problems.
func VerifyFile(path string) (Report, error) {
	f, err := os.Open(path)
	if err != nil {
		return Report{}, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return Report{}, err
	}
	if fi.IsDir() {
		return Report{}, fmt.Errorf("%s is a directory, not an evidence package", path)
	}
	rep, err := Verify(f, fi.Size())
	if err != nil {
		return rep, fmt.Errorf("%s: %w", path, err)
	}
	return rep, nil
}

// strayBytes says what lies outside the zip archive in r, if anything: a
// package is the archive alone, so bytes before its first entry or after
// its end record (a payload, another file glued on) were added after the
// export even when every entry is intact.
func strayBytes(r io.ReaderAt, size int64, comment int) string {
	const eocdLen = 22
	var head [4]byte
	if _, err := r.ReadAt(head[:], 0); err != nil || string(head[:]) != "PK\x03\x04" {
		return "does not start with its first file: bytes were added before the archive"
	}
	var eocd [eocdLen]byte
	end := size - eocdLen - int64(comment)
	if end < 0 {
		return "too short for its end record"
	}
	if _, err := r.ReadAt(eocd[:], end); err != nil || string(eocd[:4]) != "PK\x05\x06" {
		return "does not end with its end record: bytes were added after the archive"
	}
	// The directory sits right before the end record, at the offset the
	// record gives from the first byte: not so when another archive or
	// anything else was put in front.
	dirSize, dirOff := binary.LittleEndian.Uint32(eocd[12:]), binary.LittleEndian.Uint32(eocd[16:])
	if int64(dirOff)+int64(dirSize) != end {
		return "its directory is not where its end record says: bytes were added before the archive"
	}
	return ""
}

// firstEntryAtStart says whether the archive's first entry is not the
// one whose local header starts the file: bytes put in front with the
// directory's offsets shifted to match (zip -A) leave a consistent
// directory, but not the first entry at byte 0.
func firstEntryAtStart(r io.ReaderAt, zr *zip.Reader) string {
	if len(zr.File) == 0 {
		return ""
	}
	var h [30]byte
	if _, err := r.ReadAt(h[:], 0); err != nil {
		return "does not start with its first file: bytes were added before the archive"
	}
	nameLen, extraLen := int64(binary.LittleEndian.Uint16(h[26:])), int64(binary.LittleEndian.Uint16(h[28:]))
	first := zr.File[0]
	if off, err := first.DataOffset(); err != nil || off != 30+nameLen+extraLen || nameLen != int64(len(first.Name)) {
		return "its first file is not at its start: bytes were added before the archive"
	}
	return ""
}

// Verify checks the package in r: manifest.sha256 matches manifest.json;
// every file manifest.json lists is present once with its size and
// SHA-256; nothing else is in the archive. It needs no database.
func Verify(r io.ReaderAt, size int64) (Report, error) {
	rep := Report{Problems: []Problem{}}
	zr, err := zip.NewReader(r, size)
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return rep, fmt.Errorf("not a readable zip archive: %w", err)
	}
	problem := func(file, format string, a ...any) {
		rep.Problems = append(rep.Problems, Problem{File: file, Problem: fmt.Sprintf(format, a...)})
	}
	if msg := strayBytes(r, size, len(zr.Comment)); msg != "" {
		problem("(archive)", "%s", msg)
	} else if msg := firstEntryAtStart(r, zr); msg != "" {
		problem("(archive)", "%s", msg)
	}
	entries := map[string][]*zip.File{}
	for _, f := range zr.File {
		entries[f.Name] = append(entries[f.Name], f)
	}
	for _, f := range zr.File {
		if n := len(entries[f.Name]); n > 1 && entries[f.Name][0] == f {
			problem(f.Name, "appears %d times in the archive", n)
		}
	}
	// one returns the single entry called name, or nil.
	one := func(name string) *zip.File {
		if es := entries[name]; len(es) == 1 {
			return es[0]
		}
		return nil
	}

	var man *Manifest
	var manSum string
	if f := one(FileManifest); f == nil {
		if len(entries[FileManifest]) == 0 {
			problem(FileManifest, "missing: the other files cannot be checked")
		}
	} else if b, err := readAll(f, maxManifest); err != nil {
		problem(FileManifest, "unreadable: %v", err)
	} else {
		sum := sha256.Sum256(b)
		manSum = hex.EncodeToString(sum[:])
		rep.ManifestSHA256 = manSum
		var m Manifest
		dec := json.NewDecoder(bytes.NewReader(b))
		switch err := dec.Decode(&m); {
		case err != nil:
			problem(FileManifest, "not valid JSON: %v", err)
		case m.Format != Format:
			problem(FileManifest, "format %q, want %q", m.Format, Format)
		case m.FormatVersion < 1 || m.FormatVersion > FormatVersion:
			problem(FileManifest, "format version %d; this ringlink reads versions 1 to %d", m.FormatVersion, FormatVersion)
		default:
			man = &m
			rep.Manifest = man
		}
	}

	if f := one(FileManifestHash); f == nil {
		if len(entries[FileManifestHash]) == 0 {
			problem(FileManifestHash, "missing")
		}
	} else if b, err := readAll(f, maxManifestHash); err != nil {
		problem(FileManifestHash, "unreadable: %v", err)
	} else {
		fields := strings.Fields(string(b))
		switch {
		case len(fields) != 2 || strings.TrimPrefix(fields[1], "*") != FileManifest || !isHexSHA256(fields[0]):
			problem(FileManifestHash, "want one line \"<sha256>  %s\"", FileManifest)
		case manSum != "" && !strings.EqualFold(fields[0], manSum):
			problem(FileManifest, "SHA-256 %s does not match %s (%s): the manifest was changed", manSum, FileManifestHash, strings.ToLower(fields[0]))
		}
	}

	listed := map[string]bool{FileManifest: true, FileManifestHash: true}
	if man != nil {
		for _, mf := range man.Files {
			switch {
			case mf.Name == FileManifest || mf.Name == FileManifestHash:
				problem(FileManifest, "lists %s, which it cannot cover", mf.Name)
				continue
			case listed[mf.Name]:
				problem(FileManifest, "lists %s twice", mf.Name)
				continue
			}
			listed[mf.Name] = true
			f := one(mf.Name)
			if f == nil {
				if len(entries[mf.Name]) == 0 {
					problem(mf.Name, "missing (listed in %s)", FileManifest)
				}
				continue
			}
			n, sum, err := hashEntry(f, mf.Size)
			switch {
			case err != nil:
				problem(mf.Name, "unreadable: %v", err)
			case n != mf.Size:
				if n > mf.Size {
					problem(mf.Name, "size is more than the %d bytes %s lists", mf.Size, FileManifest)
				} else {
					problem(mf.Name, "size %d bytes, %s lists %d", n, FileManifest, mf.Size)
				}
			case !strings.EqualFold(sum, mf.SHA256):
				problem(mf.Name, "SHA-256 %s does not match %s (%s): the file was changed", sum, FileManifest, mf.SHA256)
			default:
				rep.Checked++
			}
		}
	}
	if man != nil {
		for _, f := range zr.File {
			if !listed[f.Name] && entries[f.Name][0] == f {
				problem(f.Name, "not listed in %s: added to the package", FileManifest)
			}
		}
		// Archive tools show the comment first; an empty one misleads
		// nobody.
		if zr.Comment != "" && zr.Comment != packageComment(man.Cluster, man.Run) {
			problem("(archive)", "its comment was changed: %s", text(zr.Comment, 120))
		}
	}
	return rep, nil
}

// ExpectManifest adds a problem unless the package's manifest hashes to
// want, the hash export printed for it (hex, either case). Until then a
// report only says the package is consistent with itself.
func (r *Report) ExpectManifest(want string) {
	switch {
	case r.ManifestSHA256 == "":
		r.Problems = append(r.Problems, Problem{File: FileManifest, Problem: "cannot be compared with the expected SHA-256 " + strings.ToLower(want)})
	case !strings.EqualFold(want, r.ManifestSHA256):
		r.Problems = append(r.Problems, Problem{File: FileManifest, Problem: fmt.Sprintf("SHA-256 %s, not the expected %s: this is not the package that was exported", r.ManifestSHA256, strings.ToLower(want))})
	}
}

// IsSHA256 reports whether s is a SHA-256 in hex.
func IsSHA256(s string) bool { return isHexSHA256(s) }

func isHexSHA256(s string) bool {
	b, err := hex.DecodeString(s)
	return err == nil && len(b) == sha256.Size
}

// readAll reads an entry of at most limit bytes.
func readAll(f *zip.File, limit int64) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("larger than %d bytes", limit)
	}
	return b, nil
}

// hashEntry hashes an entry, reading at most one byte more than want.
func hashEntry(f *zip.File, want int64) (int64, string, error) {
	rc, err := f.Open()
	if err != nil {
		return 0, "", err
	}
	defer rc.Close()
	h := sha256.New()
	n, err := io.Copy(h, io.LimitReader(rc, max(want, 0)+1))
	if err != nil {
		return n, "", err
	}
	return n, hex.EncodeToString(h.Sum(nil)), nil
}
