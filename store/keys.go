package store

import (
	"encoding/binary"
	"fmt"
	"math"
	"strings"
)

// FormatVersion is the on-disk layout version written at creation and
// checked at open. Bump it whenever a key layout or value encoding changes.
// Version 2: template records carry the miner's checkpoint (see pMiner).
// Version 3: a source's checkpoint may list abandoned batches
// (Source.Abandoned), whose records must not be read; a database is
// raised to 3 when it first abandons one. Older databases are read as
// they are.
// Version 4: an account value may end with its requests' hours of the
// day (Hours); a database is raised to 4 when a process first writes
// records to it, since older builds refuse a value longer than they read.
const FormatVersion uint32 = 4

// formatAbandoned is the format that reads abandoned batches.
const formatAbandoned = 3

// Key prefixes; see the layout table in doc.go.
const (
	pMeta     byte = 0x00
	pDict     byte = 0x01
	pNode     byte = 0x02
	pAcctAdj  byte = 0x03
	pAttrAdj  byte = 0x04
	pSource   byte = 0x06
	pSourceID byte = 0x07
	pTemplate byte = 0x08
	pRun      byte = 0x09
	pMiner    byte = 0x0A
)

// NodeID is a dense interned node id; 0 means none.
type NodeID uint32

// Kind is a node kind.
type Kind uint8

// Node kinds. The numeric values are part of the on-disk format.
const (
	KindAccount  Kind = 1
	KindIP       Kind = 2
	KindIPPrefix Kind = 3
	KindPayment  Kind = 4
	KindDevice   Kind = 5
	KindEmail    Kind = 6
	KindTemplate Kind = 7
)

// Kinds lists every node kind in format order.
var Kinds = []Kind{KindAccount, KindIP, KindIPPrefix, KindPayment, KindDevice, KindEmail, KindTemplate}

var kindNames = [...]string{KindAccount: "account", KindIP: "ip", KindIPPrefix: "ip-prefix", KindPayment: "payment", KindDevice: "device", KindEmail: "email", KindTemplate: "template"}

func (k Kind) String() string {
	if int(k) < len(kindNames) && kindNames[k] != "" {
		return kindNames[k]
	}
	return fmt.Sprintf("kind(%d)", uint8(k))
}

// Template node values carry their origin: "m:N" for a mined template
// (N decimal), "u:ID" for an id a record supplied.
const (
	TemplateMined    = "m:"
	TemplateSupplied = "u:"
)

// TemplateDisplay shows a template node value as users see it: the id
// alone, except that a supplied id which reads as a number or starts with
// a prefix keeps its "u:", so that it never passes for a mined template.
// ParseTemplate is its inverse.
func TemplateDisplay(v string) string {
	if len(v) < 2 || (v[:2] != TemplateMined && v[:2] != TemplateSupplied) {
		return v
	}
	if id := v[2:]; v[:2] == TemplateSupplied && (isDecimal(id) || strings.HasPrefix(id, TemplateMined) || strings.HasPrefix(id, TemplateSupplied)) {
		return v
	}
	return v[2:]
}

// ParseTemplate maps a displayed template id back to its node value: a
// number is a mined template, an explicit "m:" or "u:" is kept, anything
// else is a supplied id.
func ParseTemplate(shown string) string {
	switch {
	case isDecimal(shown):
		return TemplateMined + shown
	case strings.HasPrefix(shown, TemplateMined) || strings.HasPrefix(shown, TemplateSupplied):
		return shown
	}
	return TemplateSupplied + shown
}

func isDecimal(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// ParseKind maps a kind name (as printed by String) back to a Kind.
func ParseKind(s string) (Kind, error) {
	for _, k := range Kinds {
		if k.String() == s {
			return k, nil
		}
	}
	return 0, fmt.Errorf("%w: %q (want one of account, ip, ip-prefix, payment, device, email, template)", ErrUnknownKind, s)
}

var formatKey = []byte{pMeta, 'f', 'o', 'r', 'm', 'a', 't'}

// unfoldedKey is present (empty value) while the database may hold nodes
// with records left unfolded by a process that did not finish its fold:
// set before a process's first batch, deleted when a fold completes that
// covers every node such a process may have left.
var unfoldedKey = []byte{pMeta, 'u', 'n', 'f', 'o', 'l', 'd', 'e', 'd'}

// shownKey holds the id after the last node of the last committed batch
// (uint32), written with each checkpoint. A process killed between writing
// a batch's nodes and its checkpoint leaves nodes no committed record
// uses; readers do not show them (a re-run of the ingest reuses them). A
// database without the key shows every node.
var shownKey = []byte{pMeta, 's', 'h', 'o', 'w', 'n'}

func dictKey(dst []byte, k Kind, value []byte) []byte {
	dst = append(dst[:0], pDict, byte(k))
	return append(dst, value...)
}

// nodeBlockBits sets how many consecutive ids share one node-block key:
// ingest creates ids in sequence, so packing them cuts the dictionary's
// reverse keys 64-fold, and a full block (64 values of at most 4 KiB, plus
// their forward entries) still fits one transaction.
const nodeBlockBits = 6

// nodeBlockKey is 0x02 block(4), block = id >> nodeBlockBits.
func nodeBlockKey(block uint32) []byte {
	return binary.BigEndian.AppendUint32([]byte{pNode}, block)
}

func decodeNodeBlockKey(k []byte) (uint32, error) {
	if len(k) != 5 {
		return 0, fmt.Errorf("node block key of %d bytes: %w", len(k), ErrCorrupt)
	}
	return binary.BigEndian.Uint32(k[1:]), nil
}

// A node block value is uvarint first id, then for each id from it on:
// kind(1), uvarint length, value bytes.
func appendNodeEntry(dst []byte, key []byte) []byte {
	dst = append(dst, key[0])
	dst = binary.AppendUvarint(dst, uint64(len(key)-1))
	return append(dst, key[1:]...)
}

// walkNodeBlock calls fn for every (id, kind, value) in a block value.
func walkNodeBlock(v []byte, fn func(id NodeID, k Kind, value []byte) error) error {
	first, n := binary.Uvarint(v)
	if n <= 0 {
		return fmt.Errorf("node block: %w", ErrCorrupt)
	}
	v = v[n:]
	for id := NodeID(first); len(v) > 0; id++ {
		k := Kind(v[0])
		l, n := binary.Uvarint(v[1:])
		if n <= 0 || uint64(len(v)-1-n) < l {
			return fmt.Errorf("node block at id %d: %w", id, ErrCorrupt)
		}
		if err := fn(id, k, v[1+n:1+n+int(l)]); err != nil {
			return err
		}
		v = v[1+n+int(l):]
	}
	return nil
}

// maxPart bounds the entries packed under one key, so that no single
// value outgrows a Badger transaction (hubs such as a popular device are
// used by millions of accounts).
const maxPart = 4096

// adjKey is the key of one part of a packed adjacency list:
// prefix node(4) src(4) batch(4) part(2). prefix is pAcctAdj for an
// account's attributes and pAttrAdj for an attribute's accounts.
func adjKey(dst []byte, prefix byte, node NodeID, src, batch uint32, part uint16) []byte {
	dst = append(dst[:0], prefix)
	dst = binary.BigEndian.AppendUint32(dst, uint32(node))
	dst = binary.BigEndian.AppendUint32(dst, src)
	dst = binary.BigEndian.AppendUint32(dst, batch)
	return binary.BigEndian.AppendUint16(dst, part)
}

const adjKeyLen = 15

// adjNodePrefix is the prefix shared by every record of one node:
// prefix node(4).
func adjNodePrefix(dst []byte, prefix byte, node NodeID) []byte {
	dst = append(dst[:0], prefix)
	return binary.BigEndian.AppendUint32(dst, uint32(node))
}

func decodeAdjKey(k []byte) (node NodeID, src, batch uint32, part uint16, err error) {
	if len(k) != adjKeyLen {
		return 0, 0, 0, 0, fmt.Errorf("adjacency key of %d bytes: %w", len(k), ErrCorrupt)
	}
	return NodeID(binary.BigEndian.Uint32(k[1:])), binary.BigEndian.Uint32(k[5:]), binary.BigEndian.Uint32(k[9:]),
		binary.BigEndian.Uint16(k[13:]), nil
}

func sourceKey(hash uint64) []byte {
	return binary.BigEndian.AppendUint64([]byte{pSource}, hash)
}

func sourceIDKey(src uint32) []byte {
	return binary.BigEndian.AppendUint32([]byte{pSourceID}, src)
}

func templateKey(id uint32) []byte {
	return binary.BigEndian.AppendUint32([]byte{pTemplate}, id)
}

func runKey(name []byte) []byte { return append([]byte{pRun}, name...) }

// minerStateKey holds the template miner's state as of the last committed
// batch, written in the transaction of that batch's checkpoint.
var minerStateKey = []byte{pMiner}

// MaxTokens is the most tokens a total holds. Token counts come from the
// traffic, so a sum of them may pass any bound: totals add up saturating
// at MaxTokens (AddTokens) rather than wrapping around, and it is the
// largest int64, so that a JSON reader taking int64 reads every total.
// Ingest refuses a record carrying more.
const MaxTokens = math.MaxInt64

// AddTokens returns the token total a+b, or MaxTokens when that is more.
// A value past MaxTokens (written by a build that did not saturate)
// counts as MaxTokens.
func AddTokens(a, b uint64) uint64 {
	return min(min(a, MaxTokens)+min(b, MaxTokens), MaxTokens)
}

// EdgeStats aggregates every use of one attribute by one account.
type EdgeStats struct {
	Count  uint64 // exchanges that carried the attribute
	Tokens uint64
	First  int64 // unix milliseconds
	Last   int64
}

// Merge folds o into s.
func (s *EdgeStats) Merge(o EdgeStats) {
	if o.Count == 0 {
		return
	}
	if s.Count == 0 {
		*s = o
		return
	}
	s.Count += o.Count
	s.Tokens = AddTokens(s.Tokens, o.Tokens)
	s.First = min(s.First, o.First)
	s.Last = max(s.Last, o.Last)
}

// AccountStats aggregates one account's traffic.
type AccountStats struct {
	Requests uint64
	Signups  uint64
	Tokens   uint64
	First    int64 // unix ms of the first record of any type
	Last     int64
	Signup   int64 // unix ms of the earliest signup record; 0 when none
}

// Merge folds o into s.
func (s *AccountStats) Merge(o AccountStats) {
	if o.Requests+o.Signups == 0 {
		return
	}
	if s.Requests+s.Signups == 0 {
		*s = o
		return
	}
	s.Requests += o.Requests
	s.Signups += o.Signups
	s.Tokens = AddTokens(s.Tokens, o.Tokens)
	s.First = min(s.First, o.First)
	s.Last = max(s.Last, o.Last)
	if o.Signups > 0 && (s.Signups == o.Signups || o.Signup < s.Signup) {
		s.Signup = o.Signup
	}
}

// Hours counts an account's requests by UTC hour of the day: index h
// holds the requests dated h:00 to h:59 UTC. Counts saturate at
// math.MaxUint32. What it is for: whether an account's traffic rests
// for part of each day, as people do, or goes on round the clock, which
// needs no timezone to tell (see linkage's rhythm).
type Hours [24]uint32

// HourOf returns the UTC hour of the day of ts (unix milliseconds).
func HourOf(ts int64) int {
	const hourMS = 3_600_000
	h := (ts / hourMS) % 24
	if ts%hourMS < 0 {
		h--
	}
	if h < 0 {
		h += 24
	}
	return int(h)
}

// Add folds o into h.
func (h *Hours) Add(o *Hours) {
	for i, n := range o {
		h[i] = uint32(min(uint64(h[i])+uint64(n), math.MaxUint32))
	}
}

// Total returns the requests h counts.
func (h *Hours) Total() uint64 {
	var t uint64
	for _, n := range h {
		t += uint64(n)
	}
	return t
}

// appendHours writes h as a uvarint mask of its non-zero hours (bit i for
// hour i) and a uvarint count per set bit, in hour order.
func appendHours(dst []byte, h *Hours) []byte {
	var mask uint64
	for i, n := range h {
		if n != 0 {
			mask |= 1 << i
		}
	}
	dst = binary.AppendUvarint(dst, mask)
	for _, n := range h {
		if n != 0 {
			dst = binary.AppendUvarint(dst, uint64(n))
		}
	}
	return dst
}

// hours reads what appendHours wrote.
func (r *varintReader) hours() Hours {
	var h Hours
	mask := r.uvarint()
	if mask == 0 || mask >= 1<<24 {
		r.bad = true // the encoder writes no empty section
		return h
	}
	for i := range h {
		if mask&(1<<i) != 0 {
			n := r.uvarint()
			if n == 0 || n > math.MaxUint32 {
				r.bad = true
			}
			h[i] = uint32(min(n, math.MaxUint32))
		}
	}
	return h
}

func (s AccountStats) append(dst []byte) []byte {
	dst = binary.AppendUvarint(dst, s.Requests)
	dst = binary.AppendUvarint(dst, s.Signups)
	dst = binary.AppendUvarint(dst, s.Tokens)
	dst = binary.AppendVarint(dst, s.First)
	dst = binary.AppendVarint(dst, s.Last)
	return binary.AppendVarint(dst, s.Signup)
}

// accountStats reads what AccountStats.append wrote.
func (r *varintReader) accountStats() AccountStats {
	var s AccountStats
	s.Requests, s.Signups, s.Tokens = r.uvarint(), r.uvarint(), min(r.uvarint(), MaxTokens)
	s.First, s.Last, s.Signup = r.varint(), r.varint(), r.varint()
	return s
}

// varintReader decodes a sequence of varints, remembering the first error
// so that decoders read as straight-line code.
type varintReader struct {
	b   []byte
	off int
	bad bool
}

func (r *varintReader) uvarint() uint64 {
	v, n := binary.Uvarint(r.b[r.off:])
	if n <= 0 {
		r.bad = true
		return 0
	}
	r.off += n
	return v
}

func (r *varintReader) varint() int64 {
	v, n := binary.Varint(r.b[r.off:])
	if n <= 0 {
		r.bad = true
		return 0
	}
	r.off += n
	return v
}

// err reports whether every byte was consumed by well-formed varints.
func (r *varintReader) err(what string) error {
	if r.bad || r.off != len(r.b) {
		return fmt.Errorf("%s of %d bytes: %w", what, len(r.b), ErrCorrupt)
	}
	return nil
}
