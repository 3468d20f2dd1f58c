package routes

import (
	"errors"
	"fmt"
	"slices"
	"strings"

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

// NoPathError says that no path leads From -> To in the filtered leg graph,
// and why: where the legs from From do lead.
type NoPathError struct {
	From, To string
	// Via are the countries the paths had to pass through, if any.
	Via []string
	// Reach lists, sorted, the countries the legs lead to from From
	// (Reachable); nil when From has no leg under the filter.
	Reach []string
	// Missing is From, To or a Via country when it has no leg under the
	// filter.
	Missing string
	// Paths is, with Via, the number of paths From -> To that were
	// examined (all of them when fewer than 10,000).
	Paths int
}

// maxReachShown bounds the countries an error message lists.
const maxReachShown = 10

func (e *NoPathError) Error() string {
	msg := fmt.Sprintf("no path from %s to %s in the filtered leg graph", e.From, e.To)
	switch {
	case e.Missing != "":
		return fmt.Sprintf("%s: %s has no leg under this filter", msg, e.Missing)
	case slices.Contains(e.Reach, e.To):
		via := strings.Join(e.Via, " and ")
		switch {
		case e.Paths == 1:
			return fmt.Sprintf("%s: the only path from %s to %s does not pass through %s", msg, e.From, e.To, via)
		case e.Paths >= maxCandidates:
			return fmt.Sprintf("%s: none of the %d shortest paths from %s to %s passes through %s", msg, e.Paths, e.From, e.To, via)
		}
		return fmt.Sprintf("%s: none of the %d paths from %s to %s passes through %s", msg, e.Paths, e.From, e.To, via)
	case len(e.Reach) == 0:
		return fmt.Sprintf("%s: no leg leads from %s to another country", msg, e.From)
	}
	shown := strings.Join(e.Reach[:min(len(e.Reach), maxReachShown)], " ")
	if len(e.Reach) > maxReachShown {
		shown += fmt.Sprintf(" and %d more", len(e.Reach)-maxReachShown)
	}
	country := "countries"
	if len(e.Reach) == 1 {
		country = "country"
	}
	return fmt.Sprintf("%s: the legs from %s lead to %d %s (%s), not %s", msg, e.From, len(e.Reach), country, shown, e.To)
}

// OptionError is a bad value of an analysis option (graph.OptionError,
// shared with the analyses in routes' subpackages).
type OptionError = graph.OptionError

// optionErr returns an *OptionError for option.
func optionErr(option, format string, a ...any) error {
	return graph.OptionErrorf(option, format, a...)
}
