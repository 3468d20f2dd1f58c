package graph

import "errors"

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
	// ErrStoreLimit: the store refused a query that needs more memory
	// than it allows one (the store stays up; the query did not run).
	ErrStoreLimit = errors.New("the query needs more memory than the store allows")
)
