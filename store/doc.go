// Package store keeps ringlink's account–attribute graph in Badger.
//
// It owns every byte on disk: the key layouts (keys.go), the value
// encodings, the node dictionary and the crash-safe batch protocol used by
// ingest. Packages above it (graph, linkage) see the narrow Reader
// interface, never Badger.
//
// # Nodes
//
// Every distinct (kind, value) pair is interned to a dense NodeID (uint32,
// starting at 1, 0 meaning "none"). Kinds are account, ip, ip-prefix (the
// /24 or /48 that holds an ip), payment, device, email (canonical form) and
// template. Dense ids let the linkage passes use flat arrays indexed by id.
//
// # Crash safety
//
// Ingest writes in batches of a fixed number of input lines. A batch's
// statistics are written as deltas under keys that end in (source id,
// batch number, part). Replaying a batch therefore rewrites the very same
// keys with the very same values: a batch that was half written when the
// process died is completed, never double counted. The order of a batch
// is:
//
//  1. new dictionary entries with the node blocks that hold them, in
//     transactions (each atomic, so the last block always ends at a
//     complete node and the next id can be derived from it at open);
//  2. the packed adjacency of every account and attribute the batch
//     touched, in transactions of many records (not atomic as a whole);
//  3. the source checkpoint (lines and bytes consumed, batches done), in one
//     transaction, with the template miner's state when the batch carries
//     one, and the id after the batch's last node ("shown"): readers do
//     not show nodes past it, which only a batch that never committed
//     wrote.
//
// Template records (0x08) are written with step 2. Each names the miner
// checkpoint it belongs to and how to go back to the one before, so the
// miner's state (0x0A), written with step 3, tells which records are
// ahead of the committed batches; package templates rolls those back.
//
// A process killed anywhere re-reads the source from its checkpoint and
// redoes at most one batch. Readers merge a node's deltas when they scan;
// Fold, at the end of each ingest run, rewrites the records of the nodes
// the run touched into one (a node written in one batch of each run is
// folded once it has a few records), each node in a single transaction, so
// folding is crash safe too and its cost follows the run, not the database.
// A process whose batch failed to commit does not fold at all: that
// batch's records may be in the database without its checkpoint, and a
// later run replays it. Readers and Fold never see such records (a batch
// beyond its source's checkpoint), and a resumed run abandons that batch
// number and replays under the next (ResumeSource), so they stay unread
// whatever the replay's boundaries. A process
// killed before its fold leaves a mark, and the next run's fold covers
// the whole database, so an interrupted load does not stay slow to read.
//
// # Key layout
//
// All integers are big-endian so that byte order is numeric order.
//
//	prefix  key                                      value
//	0x00    0x00 "format"                            uint32 format version
//	0x00    0x00 "unfolded"                          empty; present while an unfinished run may have left records unfolded
//	0x00    0x00 "shown"                             uint32: the id after the last node of the last committed batch
//	0x01    0x01 kind(1) value                       node id (4)
//	0x02    0x02 block(4)                            nodes block<<6 ...: uvarint first id, then per id kind(1) uvarint len value
//	0x03    0x03 acct(4) src(4) batch(4) part(2)     account stats and the attributes it used (adjacency.go)
//	0x04    0x04 attr(4) src(4) batch(4) part(2)     the accounts that used the attribute (adjacency.go)
//	0x06    0x06 hash(8)                             source checkpoint (JSON)
//	0x07    0x07 src(4)                              hash(8): source id to checkpoint
//	0x08    0x08 template(4)                         template state (owned by the templates package)
//	0x09    0x09 name                                run and cluster records (owned by linkage, opaque here)
//	0x0A    0x0A                                     template miner state of the last committed batch (owned by templates)
//
// A folded record takes the key (src, batch) of the newest record it
// merges (databases folded before 2026-11-27 hold theirs under src =
// batch = 0; readers treat both alike); parts hold at most maxPart entries
// each so that no value outgrows a transaction.
package store
