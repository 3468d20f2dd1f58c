package routes

import (
	"cmp"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"

	"github.com/tipgraph/tipgraph/graph"
)

// Status is how an origin's share of victims at a destination changed
// between the baseline and the recent period.
type Status string

// Statuses of an origin in Emerging (docs/methods.md), in the order tables list them.
const (
	New     Status = "new"
	Rising  Status = "rising"
	Falling Status = "falling"
	Gone    Status = "gone"
	Stable  Status = "stable"
)

var statusRank = map[Status]int{New: 0, Rising: 1, Falling: 2, Gone: 3, Stable: 4}

// Grouping says what the destinations of Emerging are.
type Grouping string

// Groupings: each destination country, each UN sub-region of the
// destinations (graph.Country.Region), or all destinations together.
const (
	ByDestination Grouping = "destination"
	ByRegion      Grouping = "region"
	Overall       Grouping = "overall"
)

// DefaultAlpha is the significance level of Emerging when none is given.
const DefaultAlpha = 0.05

// EmergingOptions configure Emerging. The zero value compares the
// earliest and latest thirds of the data's years at every destination,
// at alpha 0.05 with no minimum count.
type EmergingOptions struct {
	// Baseline and Recent are the two periods; a zero one is the earliest
	// (latest) third of the years of the filtered records (DefaultPeriods).
	// They must not overlap.
	Baseline, Recent graph.Period
	// Alpha is the significance level of the two-proportion test (0: 0.05).
	Alpha float64
	// MinCount is the least count that can make a trend: rising and
	// falling need the larger of the two counts to be at least MinCount,
	// new needs the recent count, gone the baseline count (0 or 1: any).
	MinCount int
	// By groups the destinations (default ByDestination).
	By Grouping
	// OwnPeriods compares each destination (or group) between its own
	// earlier and later records (SplitPeriods) instead of two periods
	// common to all; Baseline and Recent must then be zero.
	OwnPeriods bool
	// Destinations and Regions, when set, keep only the records whose
	// destination is one of these codes or lies in one of these
	// sub-regions.
	Destinations []string
	Regions      []string
}

// Trend is one origin at one destination.
type Trend struct {
	Country         string  `json:"country"`
	Name            string  `json:"name"`
	BaselineVictims int     `json:"baseline_victims"`
	RecentVictims   int     `json:"recent_victims"`
	BaselineShare   float64 `json:"baseline_share"`
	RecentShare     float64 `json:"recent_share"`
	Status          Status  `json:"status"`
	// Z and PValue are the two-proportion test of the two shares.
	Z      float64 `json:"z"`
	PValue float64 `json:"p_value"`
}

// Shift is RecentShare - BaselineShare.
func (t *Trend) Shift() float64 { return t.RecentShare - t.BaselineShare }

// Substitution is a falling (or gone) origin at a destination and the
// rising (or new) origins there, which may be taking its place.
type Substitution struct {
	Falling string   `json:"falling"`
	Rising  []string `json:"rising"`
	// ShareLost is the falling origin's loss of share (> 0); ShareGained
	// the rising origins' gain together.
	ShareLost   float64 `json:"share_lost"`
	ShareGained float64 `json:"share_gained"`
}

// DestinationTrends is every origin of one destination (a country, a
// sub-region or "all").
type DestinationTrends struct {
	Destination string `json:"destination"`
	Name        string `json:"name"`
	// BaselinePeriod and RecentPeriod are the destination's own periods
	// (OwnPeriods only).
	BaselinePeriod *graph.Period  `json:"baseline_period,omitempty"`
	RecentPeriod   *graph.Period  `json:"recent_period,omitempty"`
	Baseline       int            `json:"baseline_total"`
	Recent         int            `json:"recent_total"`
	Origins        []Trend        `json:"origins"`
	Substitutions  []Substitution `json:"substitutions"`
}

// Uncovered is a destination with victims in only one of the periods;
// its origins cannot be compared.
type Uncovered struct {
	Destination string `json:"destination"`
	Name        string `json:"name"`
	Baseline    int    `json:"baseline_total"`
	Recent      int    `json:"recent_total"`
	// Reason is set with OwnPeriods: why the destination's records do not
	// split in two.
	Reason string `json:"reason,omitempty"`
}

// EmergingResult is the answer of Emerging.
type EmergingResult struct {
	Dataset  string           `json:"dataset"`
	Filter   graph.FilterJSON `json:"filter"`
	Baseline graph.Period     `json:"baseline"`
	Recent   graph.Period     `json:"recent"`
	// DefaultPeriods is set when a period was cut from the data's years.
	DefaultPeriods bool `json:"default_periods"`
	// OwnPeriods: each destination has its own periods (Baseline and
	// Recent are then zero).
	OwnPeriods   bool                `json:"own_periods"`
	By           Grouping            `json:"by"`
	Alpha        float64             `json:"alpha"`
	MinCount     int                 `json:"min_count"`
	Destinations []DestinationTrends `json:"destinations"`
	Uncovered    []Uncovered         `json:"uncovered"`
}

// DefaultPeriods cuts the earliest and latest thirds of the years first..last
// of the filtered records: with n = last-first+1 years and k = ceil(n/3),
// the baseline is first..first+k-1 and recent last-k+1..last (1996-2008:
// 1996-2000 and 2004-2008). With one year both are that year. Records with
// no period are ignored; with none at all it returns ErrNoYears.
func DefaultPeriods(flows []*graph.Flow) (baseline, recent graph.Period, err error) {
	first, last := 0, 0
	for _, f := range flows {
		if f.Period.IsZero() {
			continue
		}
		if first == 0 || f.Period.From < first {
			first = f.Period.From
		}
		last = max(last, f.Period.To)
	}
	if first == 0 {
		return baseline, recent, ErrNoYears
	}
	k := (last - first + 1 + 2) / 3
	return graph.Period{From: first, To: first + k - 1}, graph.Period{From: last - k + 1, To: last}, nil
}

// CheckRegions returns ErrUnknownRegion, listing the regions of lg's
// countries, for the first of regions (UN sub-regions, any case) that no
// country of lg lies in: a misspelt region would otherwise select nothing.
func CheckRegions(lg *graph.LegGraph, regions []string) error {
	known := map[string]string{}
	for _, c := range lg.Countries {
		if c.Region != "" {
			known[strings.ToLower(c.Region)] = c.Region
		}
	}
	for _, r := range regions {
		if _, ok := known[strings.ToLower(strings.TrimSpace(r))]; !ok {
			names := slices.Sorted(maps.Values(known))
			return fmt.Errorf("%w %q (the dataset's: %s)", ErrUnknownRegion, r, strings.Join(names, ", "))
		}
	}
	return nil
}

// SplitPeriods cuts the records of one destination in two by their own
// periods: with the n distinct periods of the records sorted by start
// (then end), the baseline spans the first floor(n/2) and the recent
// period the rest (toc2010's Italy: 1996, 2000-2003 | 2004-2005, 2006,
// 2008 gives 1996-2003 against 2004-2008). ok is false with fewer than two
// distinct periods, or when the two spans overlap (a record's period
// straddles them); reason then says why.
func SplitPeriods(flows []*graph.Flow) (baseline, recent graph.Period, ok bool, reason string) {
	var ps []graph.Period
	for _, f := range flows {
		if !f.Period.IsZero() && !slices.Contains(ps, f.Period) {
			ps = append(ps, f.Period)
		}
	}
	slices.SortFunc(ps, func(a, b graph.Period) int {
		if c := cmp.Compare(a.From, b.From); c != 0 {
			return c
		}
		return cmp.Compare(a.To, b.To)
	})
	if len(ps) < 2 {
		if len(ps) == 1 {
			return baseline, recent, false, "records of one period only: " + ps[0].String()
		}
		return baseline, recent, false, "no record with a year"
	}
	span := func(ps []graph.Period) graph.Period {
		p := ps[0]
		for _, q := range ps[1:] {
			p.From, p.To = min(p.From, q.From), max(p.To, q.To)
		}
		return p
	}
	h := len(ps) / 2
	baseline, recent = span(ps[:h]), span(ps[h:])
	if baseline.To >= recent.From {
		return baseline, recent, false, fmt.Sprintf("its periods overlap: %s and %s", baseline, recent)
	}
	return baseline, recent, true, ""
}

// Emerging compares, at each destination of lg's records (or each
// sub-region, or all together, by opt.By), every origin's victims and
// share of the destination's victims in the baseline and the recent
// period. A record counts for a period when its own period lies inside it
// (graph.Period.Contains), so a record spanning both counts for neither.
//
// Status, with b and r the origin's baseline and recent victims and K =
// max(opt.MinCount, 1): new when b = 0 and r >= K; gone when r = 0 and
// b >= K; rising (falling) when the recent share is larger (smaller), the
// two-proportion test (TwoProportionTest) gives p < opt.Alpha and
// max(b, r) >= K; stable otherwise. Destinations with victims in only one
// period are not compared and are listed in Uncovered. Each falling or gone
// origin with at least one rising or new origin at the same destination
// makes a Substitution.
//
// Order: destinations by code (regions by name); origins by status (new,
// rising, falling, gone, stable), then by the size of the share change,
// then by code; substitutions by share lost, then code, and their rising
// origins by share gained, then code.
//
// The time complexity is O(R + D·O log O) for R records, D destinations
// and O origins per destination.
func Emerging(lg *graph.LegGraph, opt EmergingOptions) (*EmergingResult, error) {
	if opt.Alpha == 0 {
		opt.Alpha = DefaultAlpha
	}
	if math.IsNaN(opt.Alpha) || opt.Alpha <= 0 || opt.Alpha >= 1 {
		return nil, fmt.Errorf("%w, got %v", ErrBadAlpha, opt.Alpha)
	}
	if opt.MinCount < 0 {
		return nil, fmt.Errorf("%w, got %d", ErrBadMinCount, opt.MinCount)
	}
	if err := CheckRegions(lg, opt.Regions); err != nil {
		return nil, err
	}
	switch opt.By {
	case "":
		opt.By = ByDestination
	case ByDestination, ByRegion, Overall:
	default:
		return nil, fmt.Errorf("%w %q (want destination, region or overall)", ErrBadGrouping, opt.By)
	}
	res := &EmergingResult{
		Dataset: lg.Dataset, Filter: lg.Filter.JSON(), Baseline: opt.Baseline, Recent: opt.Recent,
		By: opt.By, Alpha: opt.Alpha, MinCount: opt.MinCount,
		Destinations: []DestinationTrends{}, Uncovered: []Uncovered{},
	}
	switch {
	case opt.OwnPeriods:
		if !opt.Baseline.IsZero() || !opt.Recent.IsZero() {
			return nil, ErrOwnPeriods
		}
		res.OwnPeriods = true
	case opt.Baseline.IsZero() || opt.Recent.IsZero():
		b, r, err := DefaultPeriods(lg.Flows)
		if err != nil {
			return nil, err
		}
		if opt.Baseline.IsZero() {
			res.Baseline = b
		}
		if opt.Recent.IsZero() {
			res.Recent = r
		}
		res.DefaultPeriods = true
	}
	if !opt.OwnPeriods && res.Baseline != res.Recent && res.Baseline.From <= res.Recent.To && res.Recent.From <= res.Baseline.To {
		return nil, fmt.Errorf("%w: baseline %s, recent %s", ErrPeriodsOverlap, res.Baseline, res.Recent)
	}

	// The records of each destination (or group), then their counts.
	members := map[string][]*graph.Flow{}
	for _, f := range lg.Flows {
		if f.Period.IsZero() {
			continue
		}
		dest := lg.Country(f.Destination)
		if len(opt.Destinations) > 0 && !slices.Contains(opt.Destinations, dest.Code) {
			continue
		}
		region := dest.Region
		if region == "" {
			region = "unknown region"
		}
		if len(opt.Regions) > 0 && !slices.ContainsFunc(opt.Regions, func(r string) bool { return strings.EqualFold(r, region) }) {
			continue
		}
		key := "all"
		switch opt.By {
		case ByDestination:
			key = dest.Code
		case ByRegion:
			key = region
		}
		members[key] = append(members[key], f)
	}
	k := max(opt.MinCount, 1)
	for _, key := range slices.Sorted(maps.Keys(members)) {
		name := key
		switch opt.By {
		case ByDestination:
			name = lg.Country(key).Name
		case Overall:
			name = "all destinations"
		}
		bp, rp := res.Baseline, res.Recent
		if opt.OwnPeriods {
			var ok bool
			var why string
			if bp, rp, ok, why = SplitPeriods(members[key]); !ok {
				res.Uncovered = append(res.Uncovered, Uncovered{Destination: key, Name: name, Reason: why})
				continue
			}
		}
		c := struct{ base, recent map[string]int }{map[string]int{}, map[string]int{}}
		for _, f := range members[key] {
			// With one year for both periods, a record is in both.
			if bp.Contains(f.Period) {
				c.base[f.Origin] += f.Victims
			}
			if rp.Contains(f.Period) {
				c.recent[f.Origin] += f.Victims
			}
		}
		nb, nr := sum(c.base), sum(c.recent)
		if nb == 0 && nr == 0 {
			continue
		}
		if nb == 0 || nr == 0 {
			res.Uncovered = append(res.Uncovered, Uncovered{Destination: key, Name: name, Baseline: nb, Recent: nr})
			continue
		}
		d := DestinationTrends{Destination: key, Name: name, Baseline: nb, Recent: nr, Substitutions: []Substitution{}}
		if opt.OwnPeriods {
			d.BaselinePeriod, d.RecentPeriod = &bp, &rp
		}
		origins := map[string]bool{}
		for o := range c.base {
			origins[o] = true
		}
		for o := range c.recent {
			origins[o] = true
		}
		for o := range origins {
			b, r := c.base[o], c.recent[o]
			if b == 0 && r == 0 {
				continue
			}
			tp := TwoProportionTest(b, nb, r, nr)
			t := Trend{Country: o, Name: lg.Country(o).Name, BaselineVictims: b, RecentVictims: r,
				BaselineShare: tp.P1, RecentShare: tp.P2, Z: tp.Z, PValue: tp.PValue, Status: Stable}
			switch {
			case b == 0 && r >= k:
				t.Status = New
			case r == 0 && b >= k:
				t.Status = Gone
			case b == 0 || r == 0:
			case tp.PValue < opt.Alpha && max(b, r) >= k && tp.P2 > tp.P1:
				t.Status = Rising
			case tp.PValue < opt.Alpha && max(b, r) >= k && tp.P2 < tp.P1:
				t.Status = Falling
			}
			d.Origins = append(d.Origins, t)
		}
		slices.SortFunc(d.Origins, func(a, b Trend) int {
			if c := cmp.Compare(statusRank[a.Status], statusRank[b.Status]); c != 0 {
				return c
			}
			if c := cmp.Compare(math.Abs(b.Shift()), math.Abs(a.Shift())); c != 0 {
				return c
			}
			return cmp.Compare(a.Country, b.Country)
		})
		d.Substitutions = substitutions(d.Origins)
		res.Destinations = append(res.Destinations, d)
	}
	return res, nil
}

// substitutions pairs each falling or gone origin with the rising or new
// ones, ranked by share lost; origins are in Emerging's order.
func substitutions(origins []Trend) []Substitution {
	var up []Trend
	for _, t := range origins {
		if t.Status == Rising || t.Status == New {
			up = append(up, t)
		}
	}
	out := []Substitution{}
	if len(up) == 0 {
		return out
	}
	slices.SortFunc(up, func(a, b Trend) int {
		if c := cmp.Compare(b.Shift(), a.Shift()); c != 0 {
			return c
		}
		return cmp.Compare(a.Country, b.Country)
	})
	rising := make([]string, len(up))
	gained := 0.0
	for i, t := range up {
		rising[i] = t.Country
		gained += t.Shift()
	}
	for _, t := range origins {
		if t.Status == Falling || t.Status == Gone {
			out = append(out, Substitution{Falling: t.Country, Rising: rising, ShareLost: -t.Shift(), ShareGained: gained})
		}
	}
	slices.SortStableFunc(out, func(a, b Substitution) int {
		if c := cmp.Compare(b.ShareLost, a.ShareLost); c != 0 {
			return c
		}
		return cmp.Compare(a.Falling, b.Falling)
	})
	return out
}

// sum is the victims of a count by origin.
func sum(m map[string]int) int {
	n := 0
	for _, k := range m {
		n += k
	}
	return n
}
