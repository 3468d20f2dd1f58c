package groups

import "errors"

// ErrUnknown: a group id names no group of the dataset.
var ErrUnknown = errors.New("unknown group")
