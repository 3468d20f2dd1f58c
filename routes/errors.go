package routes

import (
	"errors"
	"fmt"

	"github.com/tipgraph/tipgraph/graph"
)

// Sentinel errors of routes.
var (
	// ErrUnknownCountry: a country named in a query has no leg under the
	// filter in use.
	ErrUnknownCountry = errors.New("country not in the leg graph")
	ErrBadK           = errors.New("k must be at least 1")
	ErrNoConvergence  = errors.New("pagerank did not converge")
	// Errors of the what-if analyses (diversion, sweep, interdiction).
	ErrBadDisplacement = errors.New("displacement must be between 0 and 1")
	ErrBadCapacity     = errors.New("capacity factor must be a finite number > 0 (0: no capacity limit)")
	// Errors of emerging.
	ErrNoYears        = errors.New("no record has a year: cannot cut default periods")
	ErrPeriodsOverlap = errors.New("baseline and recent periods overlap")
	// ErrOwnPeriods: each destination's own periods exclude a common
	// baseline and recent period.
	ErrOwnPeriods  = errors.New("own periods and a common --baseline or --recent exclude each other")
	ErrBadAlpha    = errors.New("alpha must be between 0 and 1")
	ErrBadMinCount = errors.New("min count must be 0 or more")
	ErrBadGrouping = errors.New("unknown grouping")
	// ErrByYear: trends over the years exclude two periods.
	ErrByYear        = errors.New("trends by year exclude own periods and a --baseline or --recent period")
	ErrBadCorrection = errors.New("unknown false-discovery correction")
	ErrBadExactTest  = errors.New("unknown exact test")
	// ErrUnknownRegion: a region no country of the dataset lies in.
	ErrUnknownRegion = errors.New("unknown region")
)

// NoPathError says that no path leads From -> To in the filtered leg graph.
type NoPathError struct {
	From, To string
}

func (e *NoPathError) Error() string {
	return fmt.Sprintf("no path from %s to %s in the filtered leg graph", e.From, e.To)
}

// OptionError is a bad value of an analysis option (graph.OptionError,
// shared with the analyses in routes' subpackages).
type OptionError = graph.OptionError

// optionErr returns an *OptionError for option.
func optionErr(option, format string, a ...any) error {
	return graph.OptionErrorf(option, format, a...)
}
