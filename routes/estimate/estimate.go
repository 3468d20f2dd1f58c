package estimate

import (
	"encoding/json"
	"fmt"
	"math"

	"github.com/tipgraph/tipgraph/graph"
)

// The seed's inputs (UNODC 2010, "How big is the flow?" and "How big is
// the commercial sex market in Europe?"), the defaults of estimate.
const (
	// SeedDetected: victims detected in West and Central Europe in 2006.
	SeedDetected = 7300
	// SeedDetectionRate: "about one victim in 20 were detected".
	SeedDetectionRate = 0.05
	// SeedTurnoverYears: "a turnover period of two years on average".
	SeedTurnoverYears = 2
	// SeedServices for SeedServicesStock victims: "140,000 trafficking
	// victims ... could produce perhaps 50 million sexual services
	// annually", so about 357 services per victim per year.
	SeedServices      = 50_000_000
	SeedServicesStock = 140_000
	// SeedPrice and SeedCurrency: "At €50 per client".
	SeedPrice    = 50
	SeedCurrency = "EUR"
	// SeedUSDPerEUR is implied by "€2.5 billion (equivalent to some US$ 3
	// billion)": 3 / 2.5.
	SeedUSDPerEUR = 1.2
	// SeedBuyerShare and SeedPurchasesPerYear: "5% of the adult (15-49)
	// male population of Europe sees a sex worker on a monthly basis".
	SeedBuyerShare       = 0.05
	SeedPurchasesPerYear = 12
	// SeedDemand: "there would be demand for 600 million sex services
	// annually".
	SeedDemand = 600_000_000
	// SeedAdultMen is the adult male population the seed's demand figure
	// implies: 600 million / (5% x 12) = 1 billion. The seed does not
	// state it, and its own box implies far fewer (SeedBoxAdultMen).
	SeedAdultMen = SeedDemand / (SeedBuyerShare * SeedPurchasesPerYear)
	// SeedBoxAdultMen is the adult (15-49) population of one sex in
	// Europe that the seed's box implies: 700,000 sex workers are 0.63% of
	// the adult women of 25 countries holding 74% of Europe's population,
	// so 700,000 / 0.0063 / 0.74 = 150 million women, and about as many
	// men.
	SeedBoxAdultMen = 700_000 / 0.0063 / 0.74
)

// Range is an input or result known between Low and High; a point value
// has Low == High. In JSON a point is a number and a range is
// {"low": ..., "high": ...}. Its ends are graph.Share: a result computed
// from a hidden victim count is hidden with it (JSON null).
type Range struct {
	Low, High graph.Share
}

// Point is the range [x, x].
func Point(x float64) Range { return Range{graph.Share(x), graph.Share(x)} }

// IsPoint reports whether Low == High (or both are hidden).
func (r Range) IsPoint() bool { return r.Low == r.High || r.Low.IsHidden() && r.High.IsHidden() }

// MarshalJSON writes a number for a point and {"low","high"} for a range.
func (r Range) MarshalJSON() ([]byte, error) {
	if r.IsPoint() {
		return json.Marshal(r.Low)
	}
	return json.Marshal(struct {
		Low  graph.Share `json:"low"`
		High graph.Share `json:"high"`
	}{r.Low, r.High})
}

// bad reports whether r is not 0 <= Low <= High < infinity.
func (r Range) bad() bool {
	lo, hi := float64(r.Low), float64(r.High)
	return math.IsNaN(lo) || math.IsNaN(hi) || math.IsInf(hi, 0) || lo < 0 || lo > hi
}

// mul and div combine ranges of non-negative numbers.
func mul(a, b Range) Range { return Range{a.Low * b.Low, a.High * b.High} }
func div(a, b Range) Range { return Range{a.Low / b.High, a.High / b.Low} }

// CountRange is a number of victims known between Low and High (a point
// has Low == High), written in JSON as Range is.
type CountRange struct {
	Low, High graph.Count
}

// CountPoint is the range [n, n].
func CountPoint(n graph.Count) CountRange { return CountRange{n, n} }

// Range is r as a Range of numbers.
func (r CountRange) Range() Range { return Range{graph.Share(r.Low), graph.Share(r.High)} }

// MarshalJSON writes a number (or null when hidden) for a point and
// {"low","high"} for a range.
func (r CountRange) MarshalJSON() ([]byte, error) {
	if r.Low == r.High {
		return json.Marshal(r.Low)
	}
	return json.Marshal(struct {
		Low  graph.Count `json:"low"`
		High graph.Count `json:"high"`
	}{r.Low, r.High})
}

// Inputs are the inputs of the detection-rate correction.
type Inputs struct {
	// Detected victims, and the share of all victims that is detected.
	Detected      CountRange
	DetectionRate Range
	// TurnoverYears is how long a victim stays exploited on average.
	TurnoverYears Range
	// ServicesPerVictim is services per victim per year.
	ServicesPerVictim Range
	// Price per service, in Currency.
	Price    Range
	Currency string
	// USDRate is US dollars per unit of Currency; 0 gives no USD value.
	USDRate float64
}

// SeedInputs returns the seed's inputs: 7,300 detected, 1 in 20,
// two years, 50 million services a year for 140,000 victims, EUR 50, and
// 1.2 US$ per EUR.
func SeedInputs() Inputs {
	return Inputs{
		Detected: CountPoint(SeedDetected), DetectionRate: Point(SeedDetectionRate),
		TurnoverYears: Point(SeedTurnoverYears), ServicesPerVictim: Point(float64(SeedServices) / SeedServicesStock),
		Price: Point(SeedPrice), Currency: SeedCurrency, USDRate: SeedUSDPerEUR,
	}
}

// Check reports the first input that is out of range: every range must
// have 0 <= Low <= High, the detection rate lie in (0, 1] and the turnover
// be > 0.
func (in Inputs) Check() error {
	if in.Detected.Low < 0 || in.Detected.Low > in.Detected.High {
		return fmt.Errorf("%w: detected %d-%d: want 0 <= low <= high", ErrBadInput, in.Detected.Low, in.Detected.High)
	}
	for _, c := range []struct {
		name     string
		r        Range
		positive bool
	}{
		{"detection rate", in.DetectionRate, true},
		{"turnover years", in.TurnoverYears, true},
		{"services", in.ServicesPerVictim, false},
		{"price", in.Price, false},
	} {
		if err := checkRange(c.name, c.r, c.positive); err != nil {
			return err
		}
	}
	if in.DetectionRate.High > 1 {
		return fmt.Errorf("%w: detection rate %v above 1", ErrBadInput, in.DetectionRate.High)
	}
	if math.IsNaN(in.USDRate) || in.USDRate < 0 {
		return fmt.Errorf("%w: US$ rate %v", ErrBadInput, in.USDRate)
	}
	return nil
}

// checkRange reports a range that is not 0 <= low <= high (or, with
// positive, whose low is 0).
func checkRange(name string, r Range, positive bool) error {
	if r.bad() {
		return fmt.Errorf("%w: %s %v-%v: want 0 <= low <= high", ErrBadInput, name, r.Low, r.High)
	}
	if positive && r.Low == 0 {
		return fmt.Errorf("%w: %s must be > 0", ErrBadInput, name)
	}
	return nil
}

// Correction is the detection-rate correction of Correct. Each
// result is a Range whose Low comes from the inputs' ends that make it
// smallest (a high detection rate, a long turnover, low services and
// price) and High from the other ends.
type Correction struct {
	Detected          CountRange `json:"detected"`
	DetectionRate     Range      `json:"detection_rate"`
	Stock             Range      `json:"stock"`
	TurnoverYears     Range      `json:"turnover_years"`
	AnnualFlow        Range      `json:"annual_flow"`
	ServicesPerVictim Range      `json:"services_per_victim"`
	Services          Range      `json:"services"`
	Price             Range      `json:"price"`
	Currency          string     `json:"currency"`
	Value             Range      `json:"value"`
	// ValueUSD is Value x USDRate, absent when no rate is known.
	ValueUSD *Range  `json:"value_usd,omitempty"`
	USDRate  float64 `json:"usd_rate,omitempty"`
}

// Correct corrects a detected count for the detection rate
// (docs/methods.md): stock = detected / detection rate; annual flow = stock / turnover
// years; services = stock x services per victim per year; value =
// services x price. It is the arithmetic of UNODC, The Globalization of
// Crime (2010), ch. 2.1, made explicit; the seed's inputs give 146,000
// victims (the seed rounds to "around 140,000"), 73,000 a year and
// EUR 2.6 billion (the seed, computing from 140,000, says EUR 2.5
// billion). Preconditions: in.Check() is nil. The cost is O(1).
func Correct(in Inputs) Correction {
	r := Correction{
		Detected: in.Detected, DetectionRate: in.DetectionRate, TurnoverYears: in.TurnoverYears,
		ServicesPerVictim: in.ServicesPerVictim, Price: in.Price, Currency: in.Currency,
	}
	r.Stock = div(in.Detected.Range(), in.DetectionRate)
	r.AnnualFlow = div(r.Stock, in.TurnoverYears)
	r.Services = mul(r.Stock, in.ServicesPerVictim)
	r.Value = mul(r.Services, in.Price)
	if in.USDRate > 0 {
		v := mul(r.Value, Point(in.USDRate))
		r.ValueUSD, r.USDRate = &v, in.USDRate
	}
	return r
}

// Check reports a result of the correction that is not a finite number
// >= 0, or a stock over graph.MaxVictims: inputs at the ends of float64
// (a rate of 1e-308) give them, and no output may show one. flag is the
// input that last entered the bad result.
func (r Correction) Check() (flag string, err error) {
	if hi := float64(r.Stock.High); hi > float64(graph.MaxVictims) {
		return "detection-rate", fmt.Errorf("%w: a stock of %.3g victims is over %d: check --detected and --detection-rate", ErrBadInput, hi, graph.MaxVictims)
	}
	type result struct {
		name, flag string
		r          Range
	}
	results := []result{{"stock", "detection-rate", r.Stock}, {"annual flow", "turnover-years", r.AnnualFlow},
		{"services", "services", r.Services}, {"value", "price", r.Value}}
	if r.ValueUSD != nil {
		results = append(results, result{"US$ value", "usd-rate", *r.ValueUSD})
	}
	for _, c := range results {
		if c.r.bad() {
			return c.flag, fmt.Errorf("%w: the %s comes out as %v-%v, not a finite number: the inputs are out of scale", ErrBadInput, c.name, c.r.Low, c.r.High)
		}
	}
	return "", nil
}

// DemandInputs are the inputs of the seed's demand-side check.
type DemandInputs struct {
	// AdultMen is the adult (15-49) male population; BuyerShare the share
	// of them who buy; PurchasesPerYear how often each buyer buys.
	AdultMen         Range
	BuyerShare       Range
	PurchasesPerYear Range
	// Services is what the trafficking victims supply a year
	// (Correction.Services).
	Services Range
}

// SeedDemandInputs returns the seed's demand inputs (5% of 1 billion
// adult men, monthly) with the services of est.
func SeedDemandInputs(est Correction) DemandInputs {
	return DemandInputs{AdultMen: Point(SeedAdultMen), BuyerShare: Point(SeedBuyerShare),
		PurchasesPerYear: Point(SeedPurchasesPerYear), Services: est.Services}
}

// Check reports an input out of range: every range 0 <= Low <= High, the
// buyer share at most 1 and demand above 0.
func (in DemandInputs) Check() error {
	for _, c := range []struct {
		name string
		r    Range
	}{{"adult men", in.AdultMen}, {"buyer share", in.BuyerShare}, {"purchases per year", in.PurchasesPerYear}, {"services", in.Services}} {
		if err := checkRange(c.name, c.r, false); err != nil {
			return err
		}
	}
	if in.BuyerShare.High > 1 {
		return fmt.Errorf("%w: buyer share %v above 1", ErrBadInput, in.BuyerShare.High)
	}
	if in.AdultMen.Low == 0 || in.BuyerShare.Low == 0 || in.PurchasesPerYear.Low == 0 {
		return fmt.Errorf("%w: demand must be > 0 (adult men, buyer share and purchases per year > 0)", ErrBadInput)
	}
	return nil
}

// DemandResult is the seed's demand-side check.
type DemandResult struct {
	AdultMen         Range `json:"adult_men"`
	BuyerShare       Range `json:"buyer_share"`
	PurchasesPerYear Range `json:"purchases_per_year"`
	// Demand = adult men x buyer share x purchases per year.
	Demand   Range `json:"demand"`
	Services Range `json:"services"`
	// ShareMet = services / demand, the share of demand trafficking
	// victims would meet.
	ShareMet Range `json:"share_met"`
}

// Check reports a demand or share met that is not a finite number >= 0.
func (d DemandResult) Check() error {
	if d.Demand.bad() || d.ShareMet.bad() {
		return fmt.Errorf("%w: the demand comes out as %v-%v, not a finite number: the inputs are out of scale", ErrBadInput, d.Demand.Low, d.Demand.High)
	}
	return nil
}

// Demand is the seed's demand-side check: demand = adult men x buyer share
// x purchases per year services a year, of which the trafficking victims'
// services meet the share services / demand. With the seed's inputs:
// 600 million services, and 52 million (the seed: 50 million) meet about
// 8.7% (the seed: "about 8%"). Preconditions: in.Check() is nil. The cost
// is O(1).
func Demand(in DemandInputs) DemandResult {
	d := DemandResult{AdultMen: in.AdultMen, BuyerShare: in.BuyerShare, PurchasesPerYear: in.PurchasesPerYear, Services: in.Services}
	d.Demand = mul(mul(in.AdultMen, in.BuyerShare), in.PurchasesPerYear)
	d.ShareMet = div(in.Services, d.Demand)
	return d
}
