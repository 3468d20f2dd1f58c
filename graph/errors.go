package graph

import "errors"

// Sentinel errors of the graph package.
var (
	ErrBadVector  = errors.New("unknown vector")
	ErrBadForm    = errors.New("unknown form")
	ErrBadMeasure = errors.New("unknown measure")
	ErrBadPeriod  = errors.New("bad period")
	// ErrBadRole and ErrBadTieKind: a member's role or a tie's kind is
	// not one of SPEC section 2.
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
)
