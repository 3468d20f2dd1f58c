package briefing

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/tipgraph/tipgraph/exports"
	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/graph/privacy"
	"github.com/tipgraph/tipgraph/routes"
)

// Emerging is the emerging-sources section: every origin whose share
// changed (not stable), each destination compared between its own
// earlier and later records (datasets compiled from reports cover each
// destination in different years).
type Emerging struct {
	// Note says why there is no trend analysis ("" when there is one).
	Note  string
	Alpha float64
	// Rows are the changes, at most MaxRows: the largest shifts of share,
	// in destination order; More counts the others.
	Rows []EmergingRow
	More int
	// Substitutions are at most MaxSubs, the largest losses of share;
	// SubsMore counts the others.
	Substitutions []Substitution
	SubsMore      int
	// Uncovered are the destinations not compared, with the reason.
	Uncovered []string
}

// EmergingRow is one origin whose share changed at one destination.
type EmergingRow struct {
	Destination, Origin string
	Status              routes.Status
	Baseline, Recent    graph.Count
	ShareThen, ShareNow graph.Share
}

// Suppress hides a share with the count it is the share of.
func (r *EmergingRow) Suppress(s *privacy.State) {
	if r.Baseline.IsHidden() {
		s.HideShare(&r.ShareThen)
	}
	if r.Recent.IsHidden() {
		s.HideShare(&r.ShareNow)
	}
}

// Substitution is a falling origin and rising ones at one destination.
type Substitution struct {
	At, Falling string
	Rising      []string
	// Lost and Gained are points of share; Counts are the baseline and
	// recent victims of the origins they come from.
	Lost, Gained graph.Share
	Counts       []graph.Count
}

// Suppress hides the points of share when a count they come from is
// hidden.
func (x *Substitution) Suppress(s *privacy.State) {
	if privacy.AnyHidden(x.Counts...) {
		s.HideShare(&x.Lost)
		s.HideShare(&x.Gained)
	}
}

// emerging is the emerging sources section of lg's records, which
// tallies sum.
func emerging(lg *graph.LegGraph, tallies []graph.Tally) Emerging {
	var e Emerging
	res, err := routes.EmergingOf(lg, tallies, routes.EmergingOptions{OwnPeriods: true})
	if err != nil {
		e.Note = "No trend analysis: " + err.Error()
		if errors.Is(err, context.Canceled) {
			e.Note = "No trend analysis (interrupted)."
		}
		return e
	}
	e.Alpha = res.Alpha
	for _, u := range res.Uncovered {
		e.Uncovered = append(e.Uncovered, fmt.Sprintf("%s (%s)", lg.Country(u.Destination).Name, u.Reason))
	}
	type change struct {
		row   EmergingRow
		shift float64
	}
	var changes []change
	var subs []Substitution
	for _, dt := range res.Destinations {
		counts := map[string][]graph.Count{}
		for _, o := range dt.Origins {
			counts[o.Country] = []graph.Count{graph.Count(o.BaselineVictims), graph.Count(o.RecentVictims)}
			if o.Status == routes.Stable {
				continue
			}
			changes = append(changes, change{EmergingRow{
				Destination: fmt.Sprintf("%s, %s → %s", dt.Name, dt.BaselinePeriod, dt.RecentPeriod), Origin: fmt.Sprintf("%s (%s)", o.Name, o.Country), Status: o.Status,
				Baseline: graph.Count(o.BaselineVictims), Recent: graph.Count(o.RecentVictims),
				ShareThen: graph.Share(o.BaselineShare), ShareNow: graph.Share(o.RecentShare),
			}, math.Abs(o.Shift())})
		}
		for _, s := range dt.Substitutions {
			x := Substitution{At: dt.Name, Falling: lg.Country(s.Falling).Name, Lost: graph.Share(s.ShareLost), Gained: graph.Share(s.ShareGained)}
			x.Counts = append(x.Counts, counts[s.Falling]...)
			for _, c := range s.Rising {
				x.Rising = append(x.Rising, lg.Country(c).Name)
				x.Counts = append(x.Counts, counts[c]...)
			}
			subs = append(subs, x)
		}
	}
	keep := largest(len(changes), MaxRows, func(i int) float64 { return changes[i].shift })
	for i, c := range changes {
		if keep[i] {
			e.Rows = append(e.Rows, c.row)
		}
	}
	e.More = len(changes) - len(e.Rows)
	keep = largest(len(subs), MaxSubs, func(i int) float64 { return float64(subs[i].Lost) })
	for i, s := range subs {
		if keep[i] {
			e.Substitutions = append(e.Substitutions, s)
		}
	}
	e.SubsMore = len(subs) - len(e.Substitutions)
	return e
}

// RisingText is the rising origins of a substitution, joined.
func (x Substitution) RisingText() string { return strings.Join(x.Rising, ", ") }

// largest marks the indices of the k items of n with the largest size
// (ties: the earlier), all of them when n <= k.
func largest(n, k int, size func(i int) float64) map[int]bool {
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(size(b), size(a)) })
	keep := map[int]bool{}
	for _, i := range idx[:min(k, n)] {
		keep[i] = true
	}
	return keep
}

// Trend is one destination's small multiples: its origins' victims and
// shares over its reporting years (section 5).
type Trend struct {
	Destination string
	Years       []int
	// Totals are the destination's victims in each year; Origins every
	// origin's victims in each year (all of them, so that hiding can
	// check the sums), of which Shown are drawn.
	Totals  []graph.Count
	Origins []exports.TrendSeries
	Shown   int
}

// Suppress hides, year by year, one more count where a hidden one would
// be the year's total minus the others.
func (t *Trend) Suppress(s *privacy.State) {
	for i := range t.Years {
		parts := make([]*graph.Count, len(t.Origins))
		for j := range t.Origins {
			parts[j] = &t.Origins[j].Victims[i]
		}
		s.Complement(&t.Totals[i], parts...)
	}
}

// SVG draws the trend's small multiples (exports.TrendChart) of its
// Shown largest origins, as the counts are after hiding.
func (t Trend) SVG() []byte {
	return exports.TrendChart(t.Years, t.Totals, t.Origins[:t.Shown])
}

// MapPeriods is how many periods the briefing's map is drawn in.
const MapPeriods = 3

// Trend caps: destinations and origins drawn, and the least reporting
// years a destination needs to be drawn.
const (
	MaxTrends       = 2
	MaxTrendOrigins = 6
	minTrendYears   = 3
)

// trends are the small multiples of the MaxTrends destinations with most
// victims over at least minTrendYears reporting years: their
// MaxTrendOrigins origins with most victims.
func trends(lg *graph.LegGraph, tallies []graph.Tally) []Trend {
	// The trend tests run for the chosen destinations only: by year over
	// every destination costs a second on 200,000 records.
	victims, years := map[string]int{}, map[string]map[int]bool{}
	for _, t := range tallies {
		d := t.Destination
		victims[d] += t.Victims
		if years[d] == nil {
			years[d] = map[int]bool{}
		}
		if !t.Period.IsZero() {
			years[d][t.Period.From] = true
		}
	}
	var dests []string
	for d, ys := range years {
		if len(ys) >= minTrendYears && victims[d] > 0 {
			dests = append(dests, d)
		}
	}
	slices.SortFunc(dests, func(a, b string) int { return cmp.Or(cmp.Compare(victims[b], victims[a]), cmp.Compare(a, b)) })
	if len(dests) == 0 {
		return nil
	}
	res, err := routes.EmergingOf(lg, tallies, routes.EmergingOptions{ByYear: true, Destinations: dests[:min(MaxTrends, len(dests))]})
	if err != nil {
		return nil
	}
	type dest struct {
		t     Trend
		total int
	}
	var ds []dest
	for _, d := range res.Destinations {
		if len(d.Years) < minTrendYears || len(d.Origins) == 0 {
			continue
		}
		t := Trend{Destination: fmt.Sprintf("%s (%s), %d-%d", d.Name, d.Destination, d.Years[0], d.Years[len(d.Years)-1]),
			Years: slices.Clone(d.Years), Totals: slices.Clone(d.YearTotals)}
		total := 0
		for _, c := range d.YearTotals {
			total += int(c)
		}
		sum := func(o routes.Trend) (n int) {
			for _, c := range o.YearVictims {
				n += int(c)
			}
			return n
		}
		origins := slices.Clone(d.Origins)
		slices.SortStableFunc(origins, func(a, b routes.Trend) int {
			return cmp.Or(cmp.Compare(sum(b), sum(a)), cmp.Compare(a.Country, b.Country))
		})
		for _, o := range origins {
			t.Origins = append(t.Origins, exports.TrendSeries{Name: fmt.Sprintf("%s (%s)", o.Name, o.Country), Victims: slices.Clone(o.YearVictims)})
		}
		t.Shown = min(MaxTrendOrigins, len(t.Origins))
		ds = append(ds, dest{t, total})
	}
	slices.SortStableFunc(ds, func(a, b dest) int { return cmp.Compare(b.total, a.total) })
	var out []Trend
	for _, d := range ds[:min(MaxTrends, len(ds))] {
		out = append(out, d.t)
	}
	return out
}
