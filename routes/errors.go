package routes

import (
	"errors"
	"fmt"
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
	// Errors of emerging and estimate.
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
	ErrBadEstimate   = errors.New("bad estimate input")
	// ErrUnknownGroup: --group names no group of the dataset.
	ErrUnknownGroup = errors.New("unknown group")
	// ErrUnknownRegion: a region no country of the dataset lies in.
	ErrUnknownRegion = errors.New("unknown region")
	// Errors of multiple systems estimation. ErrMSEModel: a model names
	// an unknown list or a bad pair. ErrMSENoEstimate: the model's estimate
	// does not exist (is infinite) or is not identifiable for the table.
	ErrMSEModel      = errors.New("bad model")
	ErrMSENoEstimate = errors.New("no finite, identifiable estimate")
	// ErrBadMSELevel is an interval level outside 0.5-0.999.
	ErrBadMSELevel = errors.New("interval level must be between 0.5 and 0.999")
)

// NoPathError says that no path leads From -> To in the filtered leg graph.
type NoPathError struct {
	From, To string
}

func (e *NoPathError) Error() string {
	return fmt.Sprintf("no path from %s to %s in the filtered leg graph", e.From, e.To)
}
