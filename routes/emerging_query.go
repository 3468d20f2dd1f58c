package routes

import (
	"context"
	"errors"
	"math"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/graph/privacy"
)

// EmergingQuery is the emerging command's question.
type EmergingQuery struct {
	Filter graph.Filter
	EmergingOptions
	// All lists the stable origins in tables too.
	All bool
	// Top keeps at most Top origins and Top substitutions per
	// destination, those whose share changed most first (0: all); the
	// others are counted in each destination's OriginsLeftOut and
	// SubstitutionsLeftOut.
	Top int
}

// ParsePeriodOption reads a period option ("2006" or "2003-2007"); empty
// is the zero period.
func ParsePeriodOption(option, s string) (graph.Period, error) {
	if s == "" {
		return graph.Period{}, nil
	}
	p, err := graph.ParsePeriod(s)
	if err != nil {
		return p, &OptionError{Option: option, Err: err}
	}
	return p, nil
}

// ParseGrouping reads the by option of emerging: destination, region or
// overall; empty is destination, or region when regions are given.
func ParseGrouping(s string, regions bool) (Grouping, error) {
	switch s {
	case "":
		if regions {
			return ByRegion, nil
		}
		return ByDestination, nil
	case "destination", "region", "overall":
		return Grouping(s), nil
	}
	return "", optionErr("by", "%q: want destination, region or overall", s)
}

// Check validates the query.
func (q *EmergingQuery) Check() error {
	o := &q.EmergingOptions
	if o.OwnPeriods && (!o.Baseline.IsZero() || !o.Recent.IsZero()) {
		return optionErr("own-periods", "own periods compare each destination's own earlier and later records: give them or baseline/recent, not both")
	}
	if o.ByYear && (o.OwnPeriods || !o.Baseline.IsZero() || !o.Recent.IsZero()) {
		return optionErr("by-year", "a trend over every reporting year: give it or own-periods/baseline/recent, not both")
	}
	switch o.FDR {
	case "", BH, NoCorrection:
	default:
		return optionErr("fdr", "%q: want bh (Benjamini-Hochberg) or off", o.FDR)
	}
	switch o.Exact {
	case "", TestFisher, TestMidP:
	default:
		return optionErr("exact", "%q: want fisher or mid-p", o.Exact)
	}
	if len(o.Destinations) > 0 && len(o.Regions) > 0 {
		return optionErr("destination", "give destination or region, not both")
	}
	if math.IsNaN(o.Alpha) || o.Alpha <= 0 || o.Alpha >= 1 {
		return optionErr("alpha", "%v: want a level between 0 and 1 such as 0.05", o.Alpha)
	}
	if err := checkTop(q.Top); err != nil {
		return err
	}
	if !o.Baseline.IsZero() && !o.Recent.IsZero() && o.Baseline.From > o.Recent.From {
		return optionErr("baseline", "%s comes after the recent period %s", o.Baseline, o.Recent)
	}
	return nil
}

// EmergingReport is Emerging's result with what its table shows.
type EmergingReport struct {
	*EmergingResult
	// FilterText is the filter in words; All lists stable origins.
	FilterText string `json:"-"`
	All        bool   `json:"-"`
}

// Run checks the query and runs Emerging on ds. A problem with the
// periods or regions the data cannot answer is an *OptionError.
func (q EmergingQuery) Run(ctx context.Context, ds *graph.Dataset) (*EmergingReport, error) {
	if err := q.Check(); err != nil {
		return nil, err
	}
	lg, err := graph.NewLegGraph(ds, q.Filter)
	if err != nil {
		return nil, err
	}
	return q.RunGraph(ctx, lg, graph.Tallies(lg.Flows))
}

// RunGraph is Run on the leg graph of the query's filter and the tallies
// of its records, as a store that aggregates them returns them.
func (q EmergingQuery) RunGraph(ctx context.Context, lg *graph.LegGraph, tallies []graph.Tally) (*EmergingReport, error) {
	if err := q.Check(); err != nil {
		return nil, err
	}
	res, err := EmergingOf(lg, tallies, q.EmergingOptions)
	if err != nil {
		return nil, &OptionError{Option: emergingOption(err), Err: err}
	}
	if q.Top > 0 {
		for i := range res.Destinations {
			d := &res.Destinations[i]
			if len(d.Origins) > q.Top {
				d.OriginsLeftOut = len(d.Origins) - q.Top
				for _, t := range d.Origins[q.Top:] {
					d.LeftOutBaseline += t.BaselineVictims
					d.LeftOutRecent += t.RecentVictims
				}
				d.Origins = d.Origins[:q.Top]
			}
			if len(d.Substitutions) > q.Top {
				d.SubstitutionsLeftOut = len(d.Substitutions) - q.Top
				d.Substitutions = d.Substitutions[:q.Top]
			}
		}
	}
	return &EmergingReport{EmergingResult: res, FilterText: lg.Filter.String(), All: q.All}, nil
}

// Suppress hides the shares, change, test statistics and trend of an
// origin whose counts are hidden (any of its yearly counts, by year).
func (t *Trend) Suppress(s *privacy.State) {
	if !privacy.AnyHidden(append([]graph.Count{t.BaselineVictims, t.RecentVictims}, t.YearVictims...)...) {
		return
	}
	for _, x := range []*graph.Share{&t.BaselineShare, &t.RecentShare, &t.Change, &t.Z, &t.PValue, &t.QValue} {
		s.HideShare(x)
	}
	t.Slope, t.SlopeInterval, t.Dispersion = nil, nil, nil
}

// Suppress hides the shares of hidden own-nationals counts.
func (d *Domestic) Suppress(s *privacy.State) {
	if privacy.AnyHidden(d.BaselineVictims, d.RecentVictims) {
		for _, x := range []*graph.Share{&d.BaselineShare, &d.RecentShare, &d.Change, &d.PartOfChange} {
			s.HideShare(x)
		}
		d.Slope = nil
	}
}

// Suppress: the origins' counts add up to the destination's totals (per
// period, and per year by year), so a lone hidden origin count gets a
// complement; the origins it hides lose their derived values, and a
// substitution's points are hidden with the shares they add.
func (d *DestinationTrends) Suppress(s *privacy.State) {
	// The origins a cap left out are one more part: their victims in
	// the first and last period (by year: year) are shown together.
	parts := func(leftOut *graph.Count, get func(t *Trend) *graph.Count) []*graph.Count {
		ps := make([]*graph.Count, len(d.Origins), len(d.Origins)+1)
		for i := range d.Origins {
			ps[i] = get(&d.Origins[i])
		}
		if leftOut != nil {
			ps = append(ps, leftOut)
		}
		return ps
	}
	if len(d.Years) == 0 {
		s.Complement(&d.Baseline, parts(&d.LeftOutBaseline, func(t *Trend) *graph.Count { return &t.BaselineVictims })...)
		s.Complement(&d.Recent, parts(&d.LeftOutRecent, func(t *Trend) *graph.Count { return &t.RecentVictims })...)
	}
	for y := range d.YearTotals {
		var leftOut *graph.Count
		switch y {
		case 0:
			leftOut = &d.LeftOutBaseline
		case len(d.YearTotals) - 1:
			leftOut = &d.LeftOutRecent
		}
		s.Complement(&d.YearTotals[y], parts(leftOut, func(t *Trend) *graph.Count {
			if y < len(t.YearVictims) {
				return &t.YearVictims[y]
			}
			return new(graph.Count)
		})...)
	}
	// By year, the first and last years' counts are shown twice.
	if n := len(d.YearTotals); n > 0 {
		if d.YearTotals[0].IsHidden() {
			s.Hide(&d.Baseline)
		}
		if d.YearTotals[n-1].IsHidden() {
			s.Hide(&d.Recent)
		}
		for i := range d.Origins {
			t := &d.Origins[i]
			if m := len(t.YearVictims); m > 0 {
				if t.YearVictims[0].IsHidden() {
					s.Hide(&t.BaselineVictims)
				}
				if t.YearVictims[m-1].IsHidden() {
					s.Hide(&t.RecentVictims)
				}
			}
		}
	}
	hidden := map[string]bool{}
	for i := range d.Origins {
		t := &d.Origins[i]
		t.Suppress(s)
		if t.BaselineShare.IsHidden() {
			hidden[t.Country] = true
		}
	}
	for i := range d.Substitutions {
		sub := &d.Substitutions[i]
		if hidden[sub.Falling] {
			s.HideShare(&sub.ShareLost)
		}
		for _, r := range sub.Rising {
			if hidden[r] {
				s.HideShare(&sub.ShareGained)
			}
		}
	}
}

// emergingOption is the option (flag, API parameter) an error of
// EmergingOf is about.
func emergingOption(err error) string {
	switch {
	case errors.Is(err, ErrUnknownRegion):
		return "region"
	case errors.Is(err, ErrOwnPeriods):
		return "own-periods"
	case errors.Is(err, ErrByYear):
		return "by-year"
	case errors.Is(err, ErrPeriodsOverlap):
		return "baseline"
	}
	return "emerging"
}
