package briefing

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"math"
	"slices"

	"github.com/tipgraph/tipgraph/exports"
	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/graph/privacy"
	"github.com/tipgraph/tipgraph/routes/estimate"
)

// seedDataset is the built-in dataset compiled from the seed report,
// whose detection-rate estimate (7,300 victims detected in West and
// Central Europe in 2006) the seed's inputs reproduce.
const seedDataset = "toc2010"

// Estimate is the dark-figure section: the detection-rate correction of
// the data's own detected victims, or of the seed's for the dataset built
// from the seed report; left out (Result nil, Why says why) otherwise.
type Estimate struct {
	// Detected is the count the estimate corrects.
	Detected graph.Count
	// Seed is set when the inputs are all the seed report's.
	Seed bool
	// Period, Regions and Records say where Detected comes from (the
	// data's latest period with detected records, the sub-regions of
	// their destinations, how many records).
	Period  graph.Period
	Regions []string
	Records int
	Result  *estimate.Correction
	// Why says why the section is left out.
	Why string
}

// darkFigure decides the dark-figure section. The detection-rate model
// corrects the victims detected in one place and period: it takes the
// victims of the filtered records with measure detected in the latest
// period that has any (their destinations' sub-regions named), with the
// seed's other inputs. The built-in dataset compiled from the seed report
// records no detected victims of its own (its counts are derived): it
// shows the seed's estimate, unless the filter leaves out 2006. Any other
// data without detected records gets no estimate, and a sentence why.
//
// tallies are those of lg's records: under a filter of measure detected
// they are the detected ones, else the store sums these.
func darkFigure(ctx context.Context, data Data, lg *graph.LegGraph, ds *graph.Dataset, tallies []graph.Tally) (Estimate, error) {
	var e Estimate
	byPeriod := map[graph.Period][]graph.Tally{}
	if m := lg.Filter.Measure; m == nil || *m == graph.Detected {
		if m == nil {
			flt, detected := lg.Filter, graph.Detected
			flt.Measure = &detected
			var err error
			if tallies, err = data.Tallies(ctx, flt); err != nil {
				return e, err
			}
		}
		for _, t := range tallies {
			if !t.Period.IsZero() {
				byPeriod[t.Period] = append(byPeriod[t.Period], t)
			}
		}
	}
	in := estimate.SeedInputs()
	switch {
	case len(byPeriod) > 0:
		e.Period = slices.MaxFunc(slices.Collect(maps.Keys(byPeriod)), func(a, b graph.Period) int {
			return cmp.Or(cmp.Compare(a.To, b.To), cmp.Compare(a.From, b.From))
		})
		regions := map[string]bool{}
		for _, t := range byPeriod[e.Period] {
			e.Detected += graph.Count(t.Victims)
			regions[lg.Country(t.Destination).Region] = true
			e.Records += t.Records
		}
		for r := range regions {
			if r == "" {
				r = "no region given"
			}
			e.Regions = append(e.Regions, r)
		}
		slices.Sort(e.Regions)
		if e.Detected == 0 {
			e.Why = fmt.Sprintf("The detected records of %s count no victims: there is nothing to correct.", e.Period)
			return e, nil
		}
		in.Detected = estimate.CountPoint(e.Detected)
	case ds.Name == seedDataset && (lg.Filter.Period.IsZero() || lg.Filter.Period.Contains(graph.Year(2006))):
		e.Seed = true
		e.Detected = in.Detected.Low
	default:
		e.Why = "This section is left out: no record under this filter has measure detected, and the detection-rate model corrects detected victims (tipgraph estimate --detected N computes it from a count you give)."
		return e, nil
	}
	if err := in.Check(); err != nil {
		e.Why = "The estimate could not be computed: " + err.Error()
		return e, nil
	}
	r := estimate.Correct(in)
	e.Result = &r
	return e, nil
}

// Suppress leaves the estimate out when the count it corrects is hidden:
// every figure of it derives from that count.
func (e *Estimate) Suppress(s *privacy.State) {
	if e.Result != nil && e.Detected.IsHidden() {
		e.Result = nil
		e.Why = fmt.Sprintf("This section is left out: the detected victims it would correct are fewer than %d (--min-count), and every figure of it derives from them.", s.K)
	}
}

// rangeText writes a range with prec decimals ("146,000", "0.050 – 0.100").
func rangeText(r estimate.Range, prec int) string {
	if r.IsPoint() {
		return numText(float64(r.Low), prec)
	}
	return numText(float64(r.Low), prec) + " – " + numText(float64(r.High), prec)
}

// numText writes x with prec decimals, and thousands separators when prec is 0.
func numText(x float64, prec int) string {
	if prec == 0 {
		return exports.Thousands(int(math.Round(x)))
	}
	return fmt.Sprintf("%.*f", prec, x)
}
