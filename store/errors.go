package store

import "errors"

// Errors returned by the store. Callers test them with errors.Is; every
// returned error wraps one of these with the context it happened in.
var (
	// ErrLocked means another process holds the database. The wrapping
	// message names that process's pid when it is known.
	ErrLocked = errors.New("database is in use by another process")
	// ErrNewerFormat means the database was written by a newer ringlink
	// whose on-disk format this build cannot read.
	ErrNewerFormat = errors.New("database was written by a newer ringlink")
	// ErrNotDatabase means the directory exists and holds files, but not a
	// ringlink database.
	ErrNotDatabase = errors.New("not a ringlink database")
	// ErrNoDatabase means a read-only command found no database at all.
	ErrNoDatabase = errors.New("no database")
	// ErrDamaged means a file of the database is missing or cut short, so
	// the database cannot be opened.
	ErrDamaged = errors.New("damaged database")
	// ErrCorrupt means a stored value could not be decoded.
	ErrCorrupt = errors.New("corrupt value")
	// ErrNotFound means the asked-for node, source or record does not exist.
	ErrNotFound = errors.New("not found")
	// ErrUnknownKind means a node kind name is not one of the known kinds.
	ErrUnknownKind = errors.New("unknown node kind")
)
