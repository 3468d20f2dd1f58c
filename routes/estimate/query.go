package estimate

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/graph/privacy"
	"github.com/tipgraph/tipgraph/routes"
)

// ParseRange reads the value of option: a number ("7300", "7,300"), a
// ratio ("1/20") or a range of either ("0.04-0.06", "1/25-1/15"). A bad
// value is an *graph.OptionError naming option.
func ParseRange(option, s string) (Range, error) {
	s = strings.TrimSpace(s)
	cut := -1
	for i := 1; i < len(s); i++ {
		if s[i] == '-' && s[i-1] != 'e' && s[i-1] != 'E' {
			cut = i
			break
		}
	}
	parts := []string{s}
	if cut > 0 {
		parts = []string{s[:cut], s[cut+1:]}
	}
	var v [2]float64
	for i, p := range parts {
		num, den, isRatio := strings.Cut(strings.ReplaceAll(strings.TrimSpace(p), ",", ""), "/")
		x, err := strconv.ParseFloat(num, 64)
		if err == nil && isRatio {
			var d float64
			if d, err = strconv.ParseFloat(den, 64); err == nil && d == 0 {
				err = fmt.Errorf("division by zero")
			}
			x /= d
		}
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) || x < 0 {
			return Range{}, graph.OptionErrorf(option, "%q: want a number >= 0, a ratio a/b, or a range low-high", s)
		}
		v[i] = x
	}
	if len(parts) == 1 {
		return Point(v[0]), nil
	}
	if v[0] > v[1] {
		return Range{}, graph.OptionErrorf(option, "%q: the range runs backwards", s)
	}
	return Range{graph.Share(v[0]), graph.Share(v[1])}, nil
}

// ParseCountRange reads a number of victims as ParseRange does; both
// ends must be whole numbers.
func ParseCountRange(option, s string) (CountRange, error) {
	r, err := ParseRange(option, s)
	if err != nil {
		return CountRange{}, err
	}
	lo, hi := float64(r.Low), float64(r.High)
	if lo != math.Trunc(lo) || hi != math.Trunc(hi) || hi > 1e15 {
		return CountRange{}, graph.OptionErrorf(option, "%q: want a whole number of victims (or a range of them)", s)
	}
	return CountRange{graph.Count(lo), graph.Count(hi)}, nil
}

// Query is the estimate command's question: the detection-rate
// correction (Correct) of the given or the data's detected victims, with
// the demand-side check (Demand) on request.
type Query struct {
	// Detected victims; nil: the seed's 7,300, or with FromData the
	// data's.
	Detected *CountRange
	// DetectionRate, TurnoverYears, ServicesPerVictim and Price as in
	// Inputs; Currency the code of Price's currency.
	DetectionRate, TurnoverYears, ServicesPerVictim, Price Range
	Currency                                               string
	// USDRate is US$ per unit of Currency (0: no US$ value); nil: 1.2
	// for EUR (the seed's), 1 for USD, none otherwise.
	USDRate *float64
	// FromData takes the detected victims from the dataset: the victims
	// of the records that pass Filter (measure detected unless the
	// filter names one) whose destination lies in one of Regions (UN
	// sub-regions; none: every destination).
	FromData bool
	Filter   graph.Filter
	Regions  []string
	// Demand adds the demand-side check with these inputs (their
	// Services come from the estimate); nil: none.
	Demand *DemandInputs
}

// Text is the estimate command's options as they are written (flags, or
// the web API's query parameters): each input a number, a ratio or a
// range of either (ParseRange); an empty one takes its default, the
// seed's (Defaults).
type Text struct {
	// Detected is empty for the seed's 7,300, or the data's with FromData.
	Detected, DetectionRate, TurnoverYears, Services, Price string
	Currency                                                string
	// USDRate is nil for the currency's default (see Query).
	USDRate  *float64
	FromData bool
	// Filter and Regions select the detected records with FromData.
	Filter  graph.Filter
	Regions []string
	// Demand adds the demand-side check with AdultMen, BuyerShare and
	// PurchasesPerYear.
	Demand                                 bool
	AdultMen, BuyerShare, PurchasesPerYear string
}

// Defaults are the options' defaults as text, the seed's inputs.
var Defaults = Text{
	DetectionRate: "1/20", TurnoverYears: strconv.Itoa(SeedTurnoverYears),
	Services: fmt.Sprintf("%d/%d", SeedServices, SeedServicesStock), Price: strconv.Itoa(SeedPrice), Currency: SeedCurrency,
	AdultMen: fmt.Sprintf("%.0f", SeedAdultMen), BuyerShare: strconv.FormatFloat(SeedBuyerShare, 'f', -1, 64),
	PurchasesPerYear: strconv.Itoa(SeedPurchasesPerYear),
}

// Query reads and checks the options; a bad value is an
// *graph.OptionError named as the command's flag.
func (t Text) Query() (Query, error) {
	or := func(s, def string) string {
		if s == "" {
			return def
		}
		return s
	}
	q := Query{Currency: strings.ToUpper(strings.TrimSpace(or(t.Currency, Defaults.Currency))), USDRate: t.USDRate,
		FromData: t.FromData, Filter: t.Filter, Regions: t.Regions}
	if t.Detected != "" {
		d, err := ParseCountRange("detected", t.Detected)
		if err != nil {
			return q, err
		}
		q.Detected = &d
	}
	ranges := []struct {
		option, val, def string
		dst              *Range
	}{
		{"detection-rate", t.DetectionRate, Defaults.DetectionRate, &q.DetectionRate},
		{"turnover-years", t.TurnoverYears, Defaults.TurnoverYears, &q.TurnoverYears},
		{"services", t.Services, Defaults.Services, &q.ServicesPerVictim},
		{"price", t.Price, Defaults.Price, &q.Price},
	}
	if t.Demand {
		q.Demand = &DemandInputs{}
		ranges = append(ranges, []struct {
			option, val, def string
			dst              *Range
		}{
			{"adult-men", t.AdultMen, Defaults.AdultMen, &q.Demand.AdultMen},
			{"buyer-share", t.BuyerShare, Defaults.BuyerShare, &q.Demand.BuyerShare},
			{"purchases-per-year", t.PurchasesPerYear, Defaults.PurchasesPerYear, &q.Demand.PurchasesPerYear},
		}...)
	}
	for _, r := range ranges {
		x, err := ParseRange(r.option, or(r.val, r.def))
		if err != nil {
			return q, err
		}
		*r.dst = x
	}
	return q, q.Check()
}

// SeedQuery is the query of the seed's inputs (SeedInputs).
func SeedQuery() Query {
	in := SeedInputs()
	return Query{DetectionRate: in.DetectionRate, TurnoverYears: in.TurnoverYears, ServicesPerVictim: in.ServicesPerVictim,
		Price: in.Price, Currency: in.Currency}
}

// Check validates the query; a bad value is an *graph.OptionError named
// as the command's flag.
func (q *Query) Check() error {
	if q.FromData && q.Detected != nil {
		return graph.OptionErrorf("detected", "give detected or detected-from-data, not both")
	}
	if len(q.Regions) > 0 && !q.FromData {
		return graph.OptionErrorf("region", "region selects the detected victims of the data: give detected-from-data too")
	}
	if strings.TrimSpace(q.Currency) == "" {
		return graph.OptionErrorf("currency", "want a currency code such as EUR")
	}
	if d := q.Detected; d != nil && (d.Low < 0 || d.Low > d.High) {
		return graph.OptionErrorf("detected", "%d-%d: want 0 <= low <= high", d.Low, d.High)
	}
	for _, c := range []struct {
		option   string
		r        Range
		positive bool
	}{
		{"detection-rate", q.DetectionRate, true},
		{"turnover-years", q.TurnoverYears, true},
		{"services", q.ServicesPerVictim, false},
		{"price", q.Price, false},
	} {
		if err := checkRange(c.option, c.r, c.positive); err != nil {
			return &graph.OptionError{Option: c.option, Err: err}
		}
	}
	if q.DetectionRate.High > 1 {
		return graph.OptionErrorf("detection-rate", "%v: a share of victims is at most 1", q.DetectionRate.High)
	}
	if r := q.USDRate; r != nil && (math.IsNaN(*r) || math.IsInf(*r, 0) || *r < 0) {
		return graph.OptionErrorf("usd-rate", "%v: want US$ per unit of currency, or 0 for none", *r)
	}
	if q.Demand != nil {
		d := *q.Demand
		d.Services = Point(0) // the estimate's, checked by Demand's arithmetic
		if err := d.Check(); err != nil {
			return &graph.OptionError{Option: "demand", Err: err}
		}
	}
	return nil
}

// Result is the estimate command's answer: the correction, where its
// detected victims came from, and the demand-side check.
type Result struct {
	Correction
	// DetectedFrom says where the detected count came from (nil: given).
	DetectedFrom *DetectedFrom `json:"detected_from,omitempty"`
	Demand       *DemandResult `json:"demand,omitempty"`
	// Seed reports whether the inputs are the seed's.
	Seed bool `json:"-"`
	// point: Detected is one number (its two ends are one count).
	point bool
}

// DetectedFrom is the dataset, filter and regions of the detected victims.
type DetectedFrom struct {
	Dataset string           `json:"dataset"`
	Filter  graph.FilterJSON `json:"filter"`
	Regions []string         `json:"regions"`
	Records int              `json:"records"`
	// FilterText is the filter in words.
	FilterText string `json:"-"`
}

// Run checks the query and computes the estimate; ds is read only with
// FromData (it may be nil otherwise).
func (q Query) Run(ctx context.Context, ds *graph.Dataset) (*Result, error) {
	if err := q.Check(); err != nil {
		return nil, err
	}
	if !q.FromData {
		return q.RunGraph(ctx, nil, nil)
	}
	lg, err := graph.NewLegGraph(ds, q.DetectedFilter())
	if err != nil {
		return nil, err
	}
	return q.RunGraph(ctx, lg, graph.Tallies(lg.Flows))
}

// DetectedFilter is the filter of the records FromData counts: Filter,
// with the measure detected unless it names one.
func (q Query) DetectedFilter() graph.Filter {
	flt := q.Filter
	if flt.Measure == nil {
		m := graph.Detected
		flt.Measure = &m
	}
	return flt
}

// RunGraph is Run with FromData on lg, the leg graph under
// DetectedFilter, and tallies, its records summed by origin, destination
// and period (graph.Tallies), which a store sums itself (Neo4j); both are
// read only with FromData.
func (q Query) RunGraph(_ context.Context, lg *graph.LegGraph, tallies []graph.Tally) (*Result, error) {
	if err := q.Check(); err != nil {
		return nil, err
	}
	cur := strings.ToUpper(strings.TrimSpace(q.Currency))
	in := Inputs{Detected: CountPoint(SeedDetected), DetectionRate: q.DetectionRate, TurnoverYears: q.TurnoverYears,
		ServicesPerVictim: q.ServicesPerVictim, Price: q.Price, Currency: cur}
	switch {
	case q.USDRate != nil:
		in.USDRate = *q.USDRate
	case cur == "EUR":
		in.USDRate = SeedUSDPerEUR
	case cur == "USD":
		in.USDRate = 1
	}
	if q.Detected != nil {
		in.Detected = *q.Detected
	}
	res := &Result{}
	if q.FromData {
		flt := q.DetectedFilter()
		if err := routes.CheckRegions(lg, q.Regions); err != nil {
			return nil, &graph.OptionError{Option: "region", Err: err}
		}
		n, recs := DetectedIn(lg, tallies, q.Regions)
		if recs == 0 {
			return nil, graph.OptionErrorf("detected-from-data", "no record is %s in %s: nothing detected to correct (try --measure or another --year)", lg.Filter, regionText(q.Regions))
		}
		in.Detected = CountPoint(n)
		res.DetectedFrom = &DetectedFrom{Dataset: lg.Dataset, Filter: flt.JSON(), Regions: q.Regions, Records: recs, FilterText: flt.String()}
		if res.DetectedFrom.Regions == nil {
			res.DetectedFrom.Regions = []string{}
		}
	}
	if err := in.Check(); err != nil {
		return nil, graph.OptionErrorf("detected", "%v", err)
	}
	res.Correction = Correct(in)
	if flag, err := res.Correction.Check(); err != nil {
		return nil, graph.OptionErrorf(flag, "%v", err)
	}
	res.point = in.Detected.Low == in.Detected.High
	seed := Correct(SeedInputs())
	res.Seed = res.DetectedFrom == nil && res.Stock == seed.Stock && res.Value == seed.Value
	if q.Demand != nil {
		d := *q.Demand
		d.Services = res.Services
		dr := Demand(d)
		if err := dr.Check(); err != nil {
			return nil, graph.OptionErrorf("demand", "%v", err)
		}
		res.Demand = &dr
	}
	return res, nil
}

// DetectedIn sums the victims of tallies (lg's records summed by origin,
// destination and period) whose destination is in one of regions (every
// tally when none; regions compare without case), and counts their
// records. The cost is O(T·G) for T tallies and G regions.
func DetectedIn(lg *graph.LegGraph, tallies []graph.Tally, regions []string) (victims graph.Count, records int) {
	for _, t := range tallies {
		if len(regions) > 0 {
			r := lg.Country(t.Destination).Region
			found := false
			for _, want := range regions {
				found = found || strings.EqualFold(strings.TrimSpace(want), r)
			}
			if !found {
				continue
			}
		}
		victims += graph.Count(t.Victims)
		records += t.Records
	}
	return victims, records
}

// regionText is the regions in words.
func regionText(regions []string) string {
	if len(regions) == 0 {
		return "any region"
	}
	return strings.Join(regions, ", ")
}

// RegionText is the regions of the detected victims in words ("any
// region" for none).
func (d *DetectedFrom) RegionText() string { return regionText(d.Regions) }

// Suppress: the detected victims are the one victim count of the
// correction; every result is computed from them, end by end (a range's
// Low from Detected.Low, its High from Detected.High), so an end of the
// stock, annual flow, services, value (and US$ value) and the demand
// check's services and share met is hidden with the end of Detected it
// comes from. Detected is one number (a sum over records whose parts are
// not shown), so no complementary suppression is needed.
//
// A point's two ends are one count: hidden, they count once.
func (r *Result) Suppress(s *privacy.State) {
	if r.point && r.Detected.Low.IsHidden() && s.Primary > 0 {
		s.Primary--
	}
	ends := []struct {
		hidden bool
		end    func(*Range) *graph.Share
	}{
		{r.Detected.Low.IsHidden(), func(x *Range) *graph.Share { return &x.Low }},
		{r.Detected.High.IsHidden(), func(x *Range) *graph.Share { return &x.High }},
	}
	derived := []*Range{&r.Stock, &r.AnnualFlow, &r.Services, &r.Value, r.ValueUSD}
	if r.Demand != nil {
		derived = append(derived, &r.Demand.Services, &r.Demand.ShareMet)
	}
	for _, e := range ends {
		if !e.hidden {
			continue
		}
		for _, x := range derived {
			if x != nil {
				s.HideShare(e.end(x))
			}
		}
	}
}
