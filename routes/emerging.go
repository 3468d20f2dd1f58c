package routes

import (
	"cmp"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/tipgraph/tipgraph/graph"
)

// Status is how an origin's share of victims at a destination changed
// between the baseline and the recent period (or over the years).
type Status string

// Statuses of an origin in Emerging (docs/methods.md).
const (
	New     Status = "new"
	Rising  Status = "rising"
	Falling Status = "falling"
	Gone    Status = "gone"
	Stable  Status = "stable"
)

// Grouping says what the destinations of Emerging are.
type Grouping string

// Groupings: each destination country, each UN sub-region of the
// destinations (graph.Country.Region), or all destinations together.
const (
	ByDestination Grouping = "destination"
	ByRegion      Grouping = "region"
	Overall       Grouping = "overall"
)

// Correction is how Emerging corrects its p-values for the number of
// tests of one run.
type Correction string

// Corrections: Benjamini-Hochberg (the default) or none.
const (
	BH           Correction = "bh"
	NoCorrection Correction = "off"
)

// TestName names the test that gave an origin's p-value.
type TestName string

// Tests: Fisher's exact test and its mid-p version (a two-period table
// with an expected count below 5), the two-proportion z-test (every
// expected count at least 5), and the Cochran-Armitage trend test (by
// year).
const (
	TestFisher TestName = "fisher"
	TestMidP   TestName = "mid-p"
	TestZ      TestName = "z"
	TestTrend  TestName = "trend"
)

// DefaultAlpha is the significance level of Emerging when none is given.
const DefaultAlpha = 0.05

// MinExpectedZ is the least expected count of every cell of a two-period
// table for which Emerging trusts the z-test (Cochran 1954); below it the
// exact test decides.
const MinExpectedZ = 5

// MaxRising is the most rising origins a Substitution lists.
const MaxRising = 5

// EmergingOptions configure Emerging. The zero value compares the
// earliest and latest thirds of the data's years at every destination,
// by Fisher's exact test or the z-test, with Benjamini-Hochberg q-values
// at alpha 0.05 and no minimum count.
type EmergingOptions struct {
	// Baseline and Recent are the two periods; a zero one is the earliest
	// (latest) third of the years of the filtered records (DefaultPeriods).
	// They must not overlap.
	Baseline, Recent graph.Period
	// Alpha is the significance level (0: 0.05), applied to the q-values
	// (to the p-values with FDR NoCorrection).
	Alpha float64
	// FDR corrects the p-values of all origins tested in the run ("" or
	// BH: Benjamini-Hochberg; NoCorrection: none).
	FDR Correction
	// Exact is the test of a two-period table with an expected count
	// below MinExpectedZ: TestFisher ("" too) or TestMidP.
	Exact TestName
	// MinCount is the least count that can make a trend: rising and
	// falling need the larger of the two counts to be at least MinCount,
	// new needs the recent count, gone the baseline count (by year: the
	// origin's victims over all years) (0 or 1: any).
	MinCount int
	// By groups the destinations (default ByDestination).
	By Grouping
	// OwnPeriods compares each destination (or group) between its own
	// earlier and later records (SplitPeriods) instead of two periods
	// common to all; Baseline and Recent must then be zero.
	OwnPeriods bool
	// ByYear tests each origin's share over the destination's reporting
	// years for a trend (Cochran-Armitage) instead of comparing two
	// periods; Baseline, Recent and OwnPeriods must then be zero.
	ByYear bool
	// Foreign computes shares among the victims whose citizenship is not
	// the country that detected them (records with origin = destination
	// are set apart as Domestic).
	Foreign bool
	// Destinations and Regions, when set, keep only the records whose
	// destination is one of these codes or lies in one of these
	// sub-regions.
	Destinations []string
	Regions      []string
}

// ShareChange is a part of a destination's victims (an origin's, or its
// own nationals') in the two periods, by year in the destination's first
// and last reporting years: its victims, their share of the victims
// there, and the change of that share.
type ShareChange struct {
	BaselineVictims graph.Count `json:"baseline_victims"`
	RecentVictims   graph.Count `json:"recent_victims"`
	BaselineShare   graph.Share `json:"baseline_share"`
	RecentShare     graph.Share `json:"recent_share"`
	// Change is RecentShare - BaselineShare, or by year the slope of the
	// share times the years from the first to the last reporting year
	// (as a share, not in points).
	Change graph.Share `json:"change"`
}

// Trend is one origin at one destination.
type Trend struct {
	Country string `json:"country"`
	Name    string `json:"name"`
	// ShareChange is the origin's victims and share of the destination's
	// victims (of its foreign victims with Foreign); Change is what
	// Status and the order rank by.
	ShareChange
	Status Status `json:"status"`
	// Z is the two-proportion z statistic of the two shares (by year: the
	// trend's), shown whichever test gave PValue.
	Z graph.Share `json:"z"`
	// PValue is the two-sided p-value of Test; QValue the
	// Benjamini-Hochberg adjusted p-value over every origin tested in the
	// run (PValue itself with FDR NoCorrection). Status is decided on
	// QValue.
	PValue graph.Share `json:"p_value"`
	QValue graph.Share `json:"q_value"`
	Test   TestName    `json:"test"`
	// Note says why an origin is stable although its victims changed: too
	// few to tell from chance, or below the minimum count.
	Note string `json:"note,omitempty"`
	// Slope (share points per year) and its SlopeInterval at level
	// 1-alpha, by year only.
	Slope         *float64  `json:"slope,omitempty"`
	SlopeInterval []float64 `json:"slope_interval,omitempty"`
	// Dispersion is the trend's departure from a straight line over its
	// degrees of freedom (Armitage.Departure/DF), by year with three or
	// more reporting years: about 1 when the years vary as binomial counts
	// would around the line, well above 1 when they vary more (or the
	// share rises and falls again), and then PValue is too small.
	Dispersion *float64 `json:"dispersion,omitempty"`
	// YearVictims are the origin's victims in each of the destination's
	// reporting years (DestinationTrends.Years), by year only.
	YearVictims []graph.Count `json:"year_victims,omitempty"`
}

// Shift is RecentShare - BaselineShare.
func (c *ShareChange) Shift() float64 { return float64(c.RecentShare - c.BaselineShare) }

// Substitution is a falling (or gone) origin at a destination and the
// rising (or new) origins there, which may be taking its place. Neither
// side is ever the destination's own nationals.
type Substitution struct {
	Falling string `json:"falling"`
	// Rising are the MaxRising largest rises (by Change), and
	// RisingNotListed the number of other significant ones.
	Rising          []string `json:"rising"`
	RisingNotListed int      `json:"rising_not_listed"`
	// ShareLost is the falling origin's loss of share (> 0, -Change);
	// ShareGained the listed rising origins' gain together.
	ShareLost   graph.Share `json:"share_lost"`
	ShareGained graph.Share `json:"share_gained"`
}

// Domestic is the victims detected in their own country (records whose
// origin is their destination): at a destination, its own nationals.
type Domestic struct {
	// Country is the destination (empty for a sub-region or overall).
	Country string `json:"country,omitempty"`
	Name    string `json:"name"`
	// ShareChange is their victims and share of all victims at the
	// destination (with Foreign, domestic and foreign together).
	ShareChange
	// Slope is the share's slope in points per year (by year only).
	Slope *float64 `json:"slope,omitempty"`
	// PartOfChange is |Change| over the share that moved between origins
	// (half the sum of |Change| over all origins, domestic victims as
	// one): 1 when only the domestic share moved, 0 when it did not.
	PartOfChange graph.Share `json:"part_of_change"`
}

// DestinationTrends is every origin of one destination (a country, a
// sub-region or "all").
type DestinationTrends struct {
	Destination string `json:"destination"`
	Name        string `json:"name"`
	// BaselinePeriod and RecentPeriod are the destination's own periods
	// (OwnPeriods; by year: its first and last reporting year).
	BaselinePeriod *graph.Period `json:"baseline_period,omitempty"`
	RecentPeriod   *graph.Period `json:"recent_period,omitempty"`
	// Baseline and Recent are the victims the shares are of (foreign
	// victims only with Foreign).
	Baseline graph.Count `json:"baseline_total"`
	Recent   graph.Count `json:"recent_total"`
	Origins  []Trend     `json:"origins"`
	// OriginsLeftOut counts the origins a cap (EmergingQuery.Top) left
	// out of Origins: those whose share changed least.
	OriginsLeftOut int `json:"origins_left_out,omitempty"`
	// LeftOutBaseline and LeftOutRecent are those origins' victims in
	// the two periods (by year: the first and last reporting years).
	LeftOutBaseline graph.Count `json:"left_out_baseline_victims"`
	LeftOutRecent   graph.Count `json:"left_out_recent_victims"`
	// Domestic is the destination's own nationals (nil when it has none):
	// with Foreign they are not in Origins.
	Domestic      *Domestic      `json:"domestic,omitempty"`
	Substitutions []Substitution `json:"substitutions"`
	// SubstitutionsLeftOut counts the substitutions the cap left out.
	SubstitutionsLeftOut int `json:"substitutions_left_out,omitempty"`
	// By year: the reporting years (with victims), their victims, and the
	// years between the first and last with none, which are left out
	// (not counted as zero).
	Years        []int         `json:"years,omitzero"`
	YearTotals   []graph.Count `json:"year_totals,omitzero"`
	MissingYears []int         `json:"missing_years,omitzero"`
}

// Uncovered is a destination with victims in only one of the periods
// (by year: in only one year); its origins cannot be compared.
type Uncovered struct {
	Destination string      `json:"destination"`
	Name        string      `json:"name"`
	Baseline    graph.Count `json:"baseline_total"`
	Recent      graph.Count `json:"recent_total"`
	// Reason is set with OwnPeriods and ByYear: why the destination's
	// records cannot be compared.
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
	OwnPeriods bool `json:"own_periods"`
	// ByYear: trends over the reporting years (Baseline and Recent are
	// zero).
	ByYear   bool       `json:"by_year"`
	Foreign  bool       `json:"foreign"`
	By       Grouping   `json:"by"`
	Alpha    float64    `json:"alpha"`
	FDR      Correction `json:"fdr"`
	Exact    TestName   `json:"exact"`
	MinCount int        `json:"min_count"`
	// Tests is the number of origins tested in the run: the m of the
	// Benjamini-Hochberg correction.
	Tests int `json:"tests"`
	// SpanningRecords and SpanningVictims are the records (and their
	// victims) left out by year because their period spans several years.
	SpanningRecords int         `json:"spanning_records"`
	SpanningVictims graph.Count `json:"spanning_victims"`
	// Outside counts the records of the compared destinations that lie
	// in neither period (they span a period's boundary or fall between
	// the periods), NoYear those without a year: neither is compared,
	// and neither is dropped silently.
	Outside      RecordCount         `json:"outside_periods"`
	NoYear       RecordCount         `json:"no_year"`
	Destinations []DestinationTrends `json:"destinations"`
	Uncovered    []Uncovered         `json:"uncovered"`
}

// DefaultPeriods cuts the earliest and latest thirds of the years first..last
// of the filtered records: with n = last-first+1 years and k = ceil(n/3),
// the baseline is first..first+k-1 and recent last-k+1..last (1996-2008:
// 1996-2000 and 2004-2008). With one year both are that year. Records with
// no period are ignored; with none at all it returns ErrNoYears.
func DefaultPeriods(flows []*graph.Flow) (baseline, recent graph.Period, err error) {
	return defaultPeriods(graph.Tallies(flows))
}

// defaultPeriods is DefaultPeriods of tallies.
func defaultPeriods(tallies []graph.Tally) (baseline, recent graph.Period, err error) {
	first, last := graph.TallySpan(tallies)
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
	return splitPeriods(tallyPointers(graph.Tallies(flows)))
}

// tallyPointers points at each of ts.
func tallyPointers(ts []graph.Tally) []*graph.Tally {
	out := make([]*graph.Tally, len(ts))
	for i := range ts {
		out[i] = &ts[i]
	}
	return out
}

// splitPeriods is SplitPeriods of tallies.
func splitPeriods(tallies []*graph.Tally) (baseline, recent graph.Period, ok bool, reason string) {
	var ps []graph.Period
	for _, f := range tallies {
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
// sub-region, or all together, by opt.By), every origin's share of the
// destination's victims between the baseline and the recent period, or
// with opt.ByYear over the destination's reporting years. A record counts
// for a period when its own period lies inside it (graph.Period.Contains),
// so a record spanning both counts for neither; by year only records of
// one year count (the others are counted in SpanningRecords).
//
// Tests: a two-period table [[b, nb-b], [r, nr-r]] (b and r the origin's
// victims, nb and nr the destination's) is compared by the two-proportion
// z-test (TwoProportionTest) when each of its expected counts is at least
// MinExpectedZ, and by Fisher's exact test (FisherTest; its mid-p value
// with opt.Exact = TestMidP) otherwise; by year by the Cochran-Armitage
// test (CochranArmitage) with the years as scores. Every origin with a
// victim at a destination is one test; the p-values of all tests of the
// run are adjusted together by Benjamini-Hochberg (BenjaminiHochberg)
// unless opt.FDR is NoCorrection.
//
// Status, with K = max(opt.MinCount, 1): an origin whose q-value is below
// opt.Alpha and whose larger count (by year: its victims over all years)
// is at least K is rising or falling by the sign of its Change, and new
// (gone) instead when it had no victims in the baseline (recently; by
// year: in the first or last half of the reporting years). Every other
// origin is stable, with a Note when it was absent in one period or fell
// short of K. New and gone thus need the same evidence as rising and
// falling.
//
// With opt.Foreign the records whose origin is their destination (the
// destination's own nationals) are left out of the shares and summed in
// Domestic; without it they are an origin like the others, and Domestic
// says how much of the change of shares is theirs. Destinations with
// victims in only one period (by year: one year) are listed in Uncovered.
//
// Order: destinations by code (regions by name); origins with a status
// other than stable first, by the size of their Change, then the others
// by q-value; ties by code. Each falling or gone origin with at least one
// rising or new origin at the same destination makes a Substitution
// (never with the destination's own nationals), ranked by share lost.
//
// The time complexity is O(R + T log T + D·(O log O + O·Y + O·C)) for R
// records, T tests in all, D destinations, O origins per destination, Y
// reporting years and C the largest count of a table tested exactly.
func Emerging(lg *graph.LegGraph, opt EmergingOptions) (*EmergingResult, error) {
	return EmergingOf(lg, graph.Tallies(lg.Flows), opt)
}

// EmergingOf is Emerging of the tallies of lg's records (graph.Tallies;
// a store may sum them itself), in any order: lg's Flows are not read.
func EmergingOf(lg *graph.LegGraph, tallies []graph.Tally, opt EmergingOptions) (*EmergingResult, error) {
	res, err := emergingResult(lg, tallies, &opt)
	if err != nil {
		return nil, err
	}
	// The records of each destination (or group).
	members := map[string][]*graph.Tally{}
	for i := range tallies {
		f := &tallies[i]
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
		if f.Period.IsZero() {
			res.NoYear.add(f)
			continue
		}
		if opt.ByYear && f.Period.From != f.Period.To {
			res.SpanningRecords += f.Records
			res.SpanningVictims += graph.Count(f.Victims)
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
	var cands []candidate
	for _, key := range slices.Sorted(maps.Keys(members)) {
		name := key
		switch opt.By {
		case ByDestination:
			name = lg.Country(key).Name
		case Overall:
			name = "all destinations"
		}
		var d *DestinationTrends
		var cs []candidate
		var unc *Uncovered
		if opt.ByYear {
			d, cs, unc = yearTrends(lg, members[key], opt, k)
		} else {
			bp, rp := res.Baseline, res.Recent
			if opt.OwnPeriods {
				var ok bool
				var why string
				if bp, rp, ok, why = splitPeriods(members[key]); !ok {
					res.Uncovered = append(res.Uncovered, Uncovered{Destination: key, Name: name, Reason: why})
					continue
				}
			}
			var outside, all RecordCount
			for _, f := range members[key] {
				all.add(f)
				if !bp.Contains(f.Period) && !rp.Contains(f.Period) {
					outside.add(f)
				}
			}
			res.Outside.Records += outside.Records
			res.Outside.Victims += outside.Victims
			d, cs, unc = periodTrends(lg, members[key], bp, rp, opt, k)
			if d == nil && unc == nil && outside.Records == all.Records {
				unc = &Uncovered{Reason: fmt.Sprintf("all its %d records lie outside both periods (they span a boundary or fall between them)", outside.Records)}
			}
			if d != nil && opt.OwnPeriods {
				d.BaselinePeriod, d.RecentPeriod = &bp, &rp
			}
		}
		if unc != nil {
			unc.Destination, unc.Name = key, name
			res.Uncovered = append(res.Uncovered, *unc)
		}
		if d == nil {
			continue
		}
		d.Destination, d.Name = key, name
		if d.Domestic != nil {
			d.Domestic.Name = "own nationals"
			if opt.By == ByDestination {
				d.Domestic.Country, d.Domestic.Name = key, name
			}
		}
		for i := range cs {
			cs[i].dest = len(res.Destinations)
		}
		cands = append(cands, cs...)
		res.Destinations = append(res.Destinations, *d)
	}

	// Adjust every p-value of the run together, then decide.
	res.Tests = len(cands)
	ps := make([]float64, len(cands))
	for i, c := range cands {
		ps[i] = float64(res.Destinations[c.dest].Origins[c.origin].PValue)
	}
	qs := ps
	if opt.FDR == BH {
		qs = BenjaminiHochberg(ps)
	}
	for i, c := range cands {
		t := &res.Destinations[c.dest].Origins[c.origin]
		t.QValue = graph.Share(qs[i])
		c.decide(t, opt.Alpha, k)
	}
	for i := range res.Destinations {
		d := &res.Destinations[i]
		sortOrigins(d.Origins)
		own := ""
		if opt.By == ByDestination {
			own = d.Destination
		}
		d.Substitutions = substitutions(d.Origins, own)
	}
	return res, nil
}

// emergingResult checks opt, fills its defaults and returns the result
// with the run's settings and periods.
func emergingResult(lg *graph.LegGraph, tallies []graph.Tally, opt *EmergingOptions) (*EmergingResult, error) {
	if opt.Alpha == 0 {
		opt.Alpha = DefaultAlpha
	}
	if math.IsNaN(opt.Alpha) || opt.Alpha <= 0 || opt.Alpha >= 1 {
		return nil, fmt.Errorf("%w, got %v", ErrBadAlpha, opt.Alpha)
	}
	if opt.MinCount < 0 {
		return nil, fmt.Errorf("%w, got %d", ErrBadMinCount, opt.MinCount)
	}
	if err := cmp.Or(
		oneOf(&opt.FDR, ErrBadCorrection, BH, NoCorrection),
		oneOf(&opt.Exact, ErrBadExactTest, TestFisher, TestMidP),
		oneOf(&opt.By, ErrBadGrouping, ByDestination, ByRegion, Overall),
		CheckRegions(lg, opt.Regions)); err != nil {
		return nil, err
	}
	res := &EmergingResult{
		Dataset: lg.Dataset, Filter: lg.Filter.JSON(), Baseline: opt.Baseline, Recent: opt.Recent,
		By: opt.By, Alpha: opt.Alpha, FDR: opt.FDR, Exact: opt.Exact, MinCount: opt.MinCount,
		Foreign: opt.Foreign, ByYear: opt.ByYear,
		Destinations: []DestinationTrends{}, Uncovered: []Uncovered{},
	}
	switch {
	case opt.ByYear:
		if opt.OwnPeriods || !opt.Baseline.IsZero() || !opt.Recent.IsZero() {
			return nil, ErrByYear
		}
		return res, nil
	case opt.OwnPeriods:
		if !opt.Baseline.IsZero() || !opt.Recent.IsZero() {
			return nil, ErrOwnPeriods
		}
		res.OwnPeriods = true
		return res, nil
	case opt.Baseline.IsZero() || opt.Recent.IsZero():
		b, r, err := defaultPeriods(tallies)
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
	if res.Baseline != res.Recent && res.Baseline.From <= res.Recent.To && res.Recent.From <= res.Baseline.To {
		return nil, fmt.Errorf("%w: baseline %s, recent %s", ErrPeriodsOverlap, res.Baseline, res.Recent)
	}
	return res, nil
}

// RecordCount is a number of records and their victims.
type RecordCount struct {
	Records int         `json:"records"`
	Victims graph.Count `json:"victims"`
}

func (c *RecordCount) add(f *graph.Tally) {
	c.Records += f.Records
	c.Victims += graph.Count(f.Victims)
}

// oneOf sets an empty *v to choices[0] and returns bad, naming the
// choices, when *v is none of them.
func oneOf[T ~string](v *T, bad error, choices ...T) error {
	if *v == "" {
		*v = choices[0]
	}
	if slices.Contains(choices, *v) {
		return nil
	}
	names := make([]string, len(choices))
	for i, c := range choices {
		names[i] = string(c)
	}
	return fmt.Errorf("%w %q (want %s)", bad, *v, strings.Join(names, ", "))
}

// periodTrends compares the origins of one destination's records between
// the periods bp and rp. It returns nil and no Uncovered when the records
// have no victim in either period, nil and an Uncovered (without
// destination) when they have victims in one only.
func periodTrends(lg *graph.LegGraph, flows []*graph.Tally, bp, rp graph.Period, opt EmergingOptions, k int) (*DestinationTrends, []candidate, *Uncovered) {
	// The two periods are times 0 and 1; with one year for both, a
	// record is in both.
	vc := newVictimCounts()
	for _, f := range flows {
		for t, p := range []graph.Period{bp, rp} {
			if p.Contains(f.Period) {
				vc.add(f, t)
			}
		}
	}
	tl := newTimeline(vc, opt.Foreign, []int{0, 1})
	nb, nr := tl.totals[0], tl.totals[1]
	if nb == 0 && nr == 0 {
		return nil, nil, nil
	}
	if nb == 0 || nr == 0 {
		return nil, nil, &Uncovered{Baseline: graph.Count(nb), Recent: graph.Count(nr)}
	}
	d := &DestinationTrends{Baseline: graph.Count(nb), Recent: graph.Count(nr), Substitutions: []Substitution{}}
	cs := tl.trends(lg, d, func(x []int) (Trend, candidate) {
		b, r := x[0], x[1]
		tp := TwoProportionTest(b, nb, r, nr)
		t := Trend{ShareChange: ShareChange{BaselineVictims: graph.Count(b), RecentVictims: graph.Count(r),
			BaselineShare: graph.Share(tp.P1), RecentShare: graph.Share(tp.P2), Change: graph.Share(tp.P2 - tp.P1)}, Z: graph.Share(tp.Z), PValue: graph.Share(tp.PValue), Test: TestZ}
		if MinExpected(b, nb, r, nr) < MinExpectedZ {
			e := FisherTest(b, nb, r, nr)
			t.PValue, t.Test = graph.Share(e.PValue), TestFisher
			if opt.Exact == TestMidP {
				t.PValue, t.Test = graph.Share(e.MidP), TestMidP
			}
		}
		return t, candidate{enough: max(b, r) >= k, before: "in the baseline", after: "recently"}
	})
	d.Domestic = tl.domestic(func(x, all []int) (float64, *float64) {
		return float64(x[1])/float64(all[1]) - float64(x[0])/float64(all[0]), nil
	})
	return d, cs, nil
}

// victimCounts are the victims of one destination's records by origin
// and time (a period's index, or a year): of other citizenships
// (foreign) and of the destination's own nationals (domestic: origin =
// destination).
type victimCounts struct {
	foreign, domestic map[string]map[int]int
}

func newVictimCounts() victimCounts {
	return victimCounts{map[string]map[int]int{}, map[string]map[int]int{}}
}

// add counts f's victims at time t.
func (vc victimCounts) add(f *graph.Tally, t int) {
	m := vc.foreign
	if f.Origin == f.Destination {
		m = vc.domestic
	}
	addAt(m, f.Origin, t, f.Victims)
}

func addAt(m map[string]map[int]int, o string, t, v int) {
	if m[o] == nil {
		m[o] = map[int]int{}
	}
	m[o][t] += v
}

// timeline is one destination's victims at the times emerging compares:
// the two periods, or its reporting years.
type timeline struct {
	times  []int
	counts victimCounts
	// compared are the victims the shares are of, by origin: of other
	// citizenships only with Foreign, else all; totals their sum at each
	// time.
	compared map[string]map[int]int
	totals   []int
}

// newTimeline is vc at times; foreign says whether the shares are of
// foreign victims only.
func newTimeline(vc victimCounts, foreign bool, times []int) *timeline {
	tl := &timeline{counts: vc, compared: vc.foreign}
	if !foreign {
		tl.compared = map[string]map[int]int{}
		for _, m := range []map[string]map[int]int{vc.foreign, vc.domestic} {
			for o, ts := range m {
				for t, v := range ts {
					addAt(tl.compared, o, t, v)
				}
			}
		}
	}
	tl.setTimes(times)
	return tl
}

// setTimes sets the times and the totals at each.
func (tl *timeline) setTimes(times []int) {
	tl.times, tl.totals = times, make([]int, len(times))
	for _, ts := range tl.compared {
		for i, t := range times {
			tl.totals[i] += ts[t]
		}
	}
}

// series is the victims of ts at each time.
func (tl *timeline) series(ts map[int]int) []int {
	x := make([]int, len(tl.times))
	for i, t := range tl.times {
		x[i] = ts[t]
	}
	return x
}

// zero says whether x has no victims.
func zero(x []int) bool { return !slices.ContainsFunc(x, func(v int) bool { return v > 0 }) }

// trends appends to d.Origins every origin with compared victims at one
// of the times, in code order, with the Trend and candidate test makes
// of its series (test sets neither the country nor the candidate's
// indices, nor whether the origin was absent in the first or last half
// of the times).
func (tl *timeline) trends(lg *graph.LegGraph, d *DestinationTrends, test func(x []int) (Trend, candidate)) []candidate {
	h := len(tl.times) / 2
	var cs []candidate
	for _, o := range slices.Sorted(maps.Keys(tl.compared)) {
		x := tl.series(tl.compared[o])
		if zero(x) {
			continue
		}
		t, c := test(x)
		t.Country, t.Name = o, lg.Country(o).Name
		c.origin, c.absentBefore, c.absentAfter = len(d.Origins), zero(x[:h]), zero(x[len(x)-h:])
		cs = append(cs, c)
		d.Origins = append(d.Origins, t)
	}
	return cs
}

// domestic is the destination's own nationals at the times (nil when
// they have no victims there): their victims and share of all victims
// at the first and last time, the change of that share and its part of
// the change of every origin's share of all victims (the foreign origins
// and the own nationals as one). change is the change of a series' share
// of all victims, and its slope (points per year) where it has one.
func (tl *timeline) domestic(change func(x, all []int) (float64, *float64)) *Domestic {
	dx, all := make([]int, len(tl.times)), make([]int, len(tl.times))
	for i, t := range tl.times {
		for _, ts := range tl.counts.domestic {
			dx[i] += ts[t]
		}
		all[i] = dx[i]
		for _, ts := range tl.counts.foreign {
			all[i] += ts[t]
		}
	}
	if zero(dx) {
		return nil
	}
	last := len(dx) - 1
	c, slope := change(dx, all)
	dom := &Domestic{ShareChange: ShareChange{BaselineVictims: graph.Count(dx[0]), RecentVictims: graph.Count(dx[last]), Change: graph.Share(c)}, Slope: slope}
	if all[0] > 0 {
		dom.BaselineShare = graph.Share(float64(dx[0]) / float64(all[0]))
	}
	if all[last] > 0 {
		dom.RecentShare = graph.Share(float64(dx[last]) / float64(all[last]))
	}
	moved := math.Abs(c)
	for _, o := range slices.Sorted(maps.Keys(tl.counts.foreign)) {
		c, _ := change(tl.series(tl.counts.foreign[o]), all)
		moved += math.Abs(c)
	}
	dom.PartOfChange = graph.Share(partOf(c, moved))
	return dom
}

// partOf is |change| over half of moved (the sum of every |change|), 0
// when nothing moved.
func partOf(change, moved float64) float64 {
	if moved == 0 {
		return 0
	}
	return min(1, 2*math.Abs(change)/moved)
}

// candidate is one tested origin (Origins[origin] of Destinations[dest])
// and what its status needs besides its q-value.
type candidate struct {
	dest, origin int
	// enough: its count reaches the minimum count; absentBefore and
	// absentAfter: it had no victims before (after); before and after
	// name those times in notes.
	enough                    bool
	absentBefore, absentAfter bool
	before, after             string
}

// decide sets t's Status (and Note) from its QValue and Change.
func (c candidate) decide(t *Trend, alpha float64, k int) {
	t.Status = Stable
	significant := float64(t.QValue) < alpha && t.Change != 0
	switch {
	case !significant && c.absentBefore:
		t.Note = "none " + c.before + ": too few victims to tell from chance"
	case !significant && c.absentAfter:
		t.Note = "none " + c.after + ": too few victims to tell from chance"
	case !significant:
	case !c.enough:
		t.Note = fmt.Sprintf("significant, but fewer victims than the minimum count %d", k)
	case t.Change > 0 && c.absentBefore:
		t.Status = New
	case t.Change > 0:
		t.Status = Rising
	case c.absentAfter:
		t.Status = Gone
	default:
		t.Status = Falling
	}
}

// sortOrigins puts the origins whose share changed first, largest
// change first, then the stable ones by q-value; ties by code.
func sortOrigins(origins []Trend) {
	slices.SortFunc(origins, func(a, b Trend) int {
		as, bs := a.Status != Stable, b.Status != Stable
		if as != bs {
			if as {
				return -1
			}
			return 1
		}
		size := cmp.Compare(math.Abs(float64(b.Change)), math.Abs(float64(a.Change)))
		q := cmp.Compare(a.QValue, b.QValue)
		if !as {
			size, q = q, size
		}
		if c := cmp.Or(size, q); c != 0 {
			return c
		}
		return cmp.Compare(a.Country, b.Country)
	})
}

// substitutions pairs each falling or gone origin with the MaxRising
// largest rising or new ones, ranked by share lost; the destination's own
// nationals (own, a code or "") are on neither side.
func substitutions(origins []Trend, own string) []Substitution {
	var up []Trend
	for _, t := range origins {
		if (t.Status == Rising || t.Status == New) && t.Country != own {
			up = append(up, t)
		}
	}
	out := []Substitution{}
	if len(up) == 0 {
		return out
	}
	slices.SortFunc(up, func(a, b Trend) int {
		if c := cmp.Compare(b.Change, a.Change); c != 0 {
			return c
		}
		return cmp.Compare(a.Country, b.Country)
	})
	listed := up[:min(len(up), MaxRising)]
	rising := make([]string, len(listed))
	gained := graph.Share(0)
	for i, t := range listed {
		rising[i] = t.Country
		gained += t.Change
	}
	for _, t := range origins {
		if (t.Status == Falling || t.Status == Gone) && t.Country != own {
			out = append(out, Substitution{Falling: t.Country, Rising: rising, RisingNotListed: len(up) - len(listed),
				ShareLost: -t.Change, ShareGained: gained})
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

// normalQuantile is the standard normal quantile function.
var normalQuantile = distuv.UnitNormal.Quantile
