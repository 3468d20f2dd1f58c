package estimate

import "errors"

// Sentinel errors of estimate.
var (
	// ErrBadInput: an input of Correct or Demand is out of range.
	ErrBadInput = errors.New("bad estimate input")
	// ErrBadModel: an MSE model names an unknown list or a bad pair.
	ErrBadModel = errors.New("bad model")
	// ErrNoFiniteEstimate: the MSE model's estimate does not exist (is
	// infinite) or is not identifiable for the table.
	ErrNoFiniteEstimate = errors.New("no finite, identifiable estimate")
	// ErrBadLevel is an interval level outside 0.5-0.999.
	ErrBadLevel = errors.New("interval level must be between 0.5 and 0.999")
)
