package groups

import "errors"

var (
	// ErrUnknown: a group id names no group of the dataset.
	ErrUnknown = errors.New("unknown group")
	// ErrUnknownPerson: a person to remove is not a member of the group.
	ErrUnknownPerson = errors.New("unknown person")
)
