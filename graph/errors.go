package graph

import (
	"errors"
	"fmt"
)

// Sentinel errors of the graph package.
var (
	ErrBadVector  = errors.New("unknown vector")
	ErrBadForm    = errors.New("unknown form")
	ErrBadMeasure = errors.New("unknown measure")
	ErrBadPeriod  = errors.New("bad period")
	// ErrBadRole and ErrBadTieKind: a member's role or a tie's kind is
	// not one of Roles or TieKinds.
	ErrBadRole    = errors.New("unknown role")
	ErrBadTieKind = errors.New("unknown tie kind")
	// ErrNotFound: a backend has no such dataset, country or record.
	ErrNotFound = errors.New("not found")
	// ErrUnavailable: the store cannot be reached.
	ErrUnavailable = errors.New("store unavailable")
	// ErrUnauthorized: the store refused the credentials.
	ErrUnauthorized = errors.New("store refused the credentials")
	// ErrReadOnly: the dominikbraun graph of a leg graph (LegGraph.Graph)
	// cannot be changed.
	ErrReadOnly = errors.New("leg graph is read-only")
	// ErrStoreLimit: the store refused a query that needs more memory
	// than it allows one (the store stays up; the query did not run).
	ErrStoreLimit = errors.New("the query needs more memory than the store allows")
)

// OptionError is a bad value of an analysis option. Option is the option's
// name as the command-line flag and the API parameter spell it ("k",
// "remove"), so that each front end can say which one is wrong. The
// analyses (routes and its subpackages) return it from their queries'
// Check.
type OptionError struct {
	Option string
	Err    error
}

func (e *OptionError) Error() string { return fmt.Sprintf("%s: %v", e.Option, e.Err) }
func (e *OptionError) Unwrap() error { return e.Err }

// OptionErrorf returns an *OptionError for option with a formatted error.
func OptionErrorf(option, format string, a ...any) error {
	return &OptionError{Option: option, Err: fmt.Errorf(format, a...)}
}
