package templates

import "errors"

// ErrCorruptState means the miner's stored state, or a stored template,
// cannot be decoded or does not fit the state: the database holding them
// is damaged.
var ErrCorruptState = errors.New("templates: corrupt miner state")
