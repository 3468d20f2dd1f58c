package main

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/routes"
	"github.com/tipgraph/tipgraph/routes/estimate"
)

// estimateArgs are the flags of the estimate command. Each input is a
// number, a ratio "a/b", or a range "low-high" of either.
type estimateArgs struct {
	detected, rate, turnover, services, price string
	currency                                  string
	usdRate                                   float64
	fromData                                  bool
	regions                                   []string
	demand                                    bool
	adultMen, buyerShare, purchases           string
	// usdRateSet is set when --usd-rate was given.
	usdRateSet bool
	// detectedSet is set when --detected was given.
	detectedSet bool
}

// parseRange reads "7300", "1/20", "0.04-0.06" or "1/25-1/15".
func parseRange(flag, s string) (estimate.Range, error) {
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
			return estimate.Range{}, usagef("--%s %q: want a number >= 0, a ratio a/b, or a range low-high", flag, s)
		}
		v[i] = x
	}
	if len(parts) == 1 {
		return estimate.Point(v[0]), nil
	}
	if v[0] > v[1] {
		return estimate.Range{}, usagef("--%s %q: the range runs backwards", flag, s)
	}
	return estimate.Range{Low: v[0], High: v[1]}, nil
}

// check validates the flags and returns the estimate inputs (Detected is
// left for the data when --detected-from-data) and the demand inputs.
func (e *estimateArgs) check() (estimate.Inputs, estimate.DemandInputs, error) {
	var in estimate.Inputs
	var dem estimate.DemandInputs
	if e.fromData && e.detectedSet {
		return in, dem, usagef("give --detected or --detected-from-data, not both")
	}
	if len(e.regions) > 0 && !e.fromData {
		return in, dem, usagef("--region selects the detected victims of the data: give --detected-from-data too")
	}
	cur := strings.ToUpper(strings.TrimSpace(e.currency))
	if cur == "" {
		return in, dem, usagef("--currency: want a currency code such as EUR")
	}
	in.Currency = cur
	for _, f := range []struct {
		flag, val string
		dst       *estimate.Range
	}{
		{"detected", e.detected, &in.Detected},
		{"detection-rate", e.rate, &in.DetectionRate},
		{"turnover-years", e.turnover, &in.TurnoverYears},
		{"services", e.services, &in.ServicesPerVictim},
		{"price", e.price, &in.Price},
		{"adult-men", e.adultMen, &dem.AdultMen},
		{"buyer-share", e.buyerShare, &dem.BuyerShare},
		{"purchases-per-year", e.purchases, &dem.PurchasesPerYear},
	} {
		r, err := parseRange(f.flag, f.val)
		if err != nil {
			return in, dem, err
		}
		*f.dst = r
	}
	switch {
	case e.usdRateSet:
		if math.IsNaN(e.usdRate) || e.usdRate < 0 {
			return in, dem, usagef("--usd-rate %v: want US$ per unit of --currency, or 0 for none", e.usdRate)
		}
		in.USDRate = e.usdRate
	case cur == "EUR":
		in.USDRate = estimate.SeedUSDPerEUR
	case cur == "USD":
		in.USDRate = 1
	}
	if err := in.Check(); err != nil {
		return in, dem, usagef("%v", err)
	}
	dem.Services = estimate.Point(1) // checked again with the real services
	if e.demand {
		if err := dem.Check(); err != nil {
			return in, dem, usagef("%v", err)
		}
	}
	return in, dem, nil
}

// estimateResult is the JSON document of estimate (docs/commands.md).
type estimateResult struct {
	estimate.Result
	// DetectedFrom says where the detected count came from.
	DetectedFrom *detectedFrom          `json:"detected_from,omitempty"`
	Demand       *estimate.DemandResult `json:"demand,omitempty"`
}

type detectedFrom struct {
	Dataset string           `json:"dataset"`
	Filter  graph.FilterJSON `json:"filter"`
	Regions []string         `json:"regions"`
	Records int              `json:"records"`
	filter  string           // Filter in words, for the table
}

func newEstimateCmd(a *app) *cobra.Command {
	var ff filterFlags
	var ea estimateArgs
	var ma mseArgs
	cmd := &cobra.Command{
		Use:   "estimate",
		Short: "Detection-rate correction: stock, annual flow, services and market value",
		Long: `estimate corrects detected victims for the share that is detected (SPEC
section 5): stock = detected / detection rate; annual flow = stock / turnover
years; services = stock x services per victim per year; value = services x
price. The defaults are the seed's (UNODC 2010): 7,300 detected in West and
Central Europe in 2006, 1 in 20 detected, two years, 50 million services a year
for 140,000 victims, EUR 50, 1.2 US$ per EUR.

Every input takes a number, a ratio (1/20) or a range (0.04-0.06); ranges give
low and high results. --detected-from-data takes the detected victims from the
dataset instead: the victims of the records with measure detected (or --measure)
that pass --year/--years/--form, whose destination lies in a --region (UN
sub-region, repeatable; default every destination). --demand adds the seed's
demand-side check: adult men x buyer share x purchases a year, and the share of
that demand the victims' services meet.

--mse FILE estimates instead the victims no list recorded, by multiple systems
estimation from the overlaps of several agencies' lists (Chan, Silverman and
Vincent 2019): FILE has one 0/1 column per list and a last column count (one
row per combination), or one row per victim. --model stepwise (default), main,
or fixed two-list effects "LA*NG,PF*GO"; --pthresh, the stepwise threshold;
--bootstrap N replicates of the 95% BCa interval, seeded by --seed. It shows
the detection rate the estimate implies next to the seed's 1 in 20.`,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ea.usdRateSet = cmd.Flags().Changed("usd-rate")
			ea.detectedSet = cmd.Flags().Changed("detected")
			if err := ma.check(cmd.Flags().Changed, ea.fromData); err != nil {
				return err
			}
			if ma.file != "" {
				// The detection-rate model's inputs and the dataset filters
				// have no meaning for list overlaps: refuse them rather
				// than ignore them.
				var stray string
				cmd.LocalFlags().VisitAll(func(f *pflag.Flag) {
					if f.Changed && stray == "" && f.Name != "mse" && !slices.Contains(mseOnlyFlags, f.Name) {
						stray = f.Name
					}
				})
				if stray != "" {
					return usagef("--%s does not apply to --mse: the lists' overlaps give the estimate (--mse takes --model, --pthresh, --bootstrap and --seed)", stray)
				}
				return a.runMSE(cmd.Context(), &ma)
			}
			in, dem, err := ea.check()
			if err != nil {
				return err
			}
			res := estimateResult{}
			if ea.fromData {
				if ff.Measure == "" {
					ff.Measure = "detected"
				}
				flt, err := ff.filter()
				if err != nil {
					return err
				}
				lg, err := a.legGraph(cmd.Context(), flt)
				if err != nil {
					return err
				}
				if err := routes.CheckRegions(lg, ea.regions); err != nil {
					return usagef("--region: %v", err)
				}
				n, recs := detectedIn(lg, ea.regions)
				if recs == 0 {
					return usagef("no record is %s in %s: nothing detected to correct (try --measure or another --year)", lg.Filter, regionText(ea.regions))
				}
				if a.sup.hides(n) {
					return fmt.Errorf("the detected victims are below --min-count %d: an estimate would reveal them", a.sup.k)
				}
				in.Detected = estimate.Point(float64(n))
				res.DetectedFrom = &detectedFrom{Dataset: lg.Dataset, Filter: flt.JSON(), Regions: ea.regions, Records: recs, filter: flt.String()}
				if res.DetectedFrom.Regions == nil {
					res.DetectedFrom.Regions = []string{}
				}
			}
			res.Result = estimate.Correct(in)
			if ea.demand {
				dem.Services = res.Services
				d := estimate.Demand(dem)
				res.Demand = &d
			}
			return a.printEstimate(&res)
		},
	}
	ff.register(cmd.Flags())
	f := cmd.Flags()
	ma.register(f)
	f.StringVar(&ea.detected, "detected", strconv.Itoa(estimate.SeedDetected), "detected victims")
	f.StringVar(&ea.rate, "detection-rate", "1/20", "share of victims detected")
	f.StringVar(&ea.turnover, "turnover-years", strconv.Itoa(estimate.SeedTurnoverYears), "years a victim is exploited on average")
	f.StringVar(&ea.services, "services", fmt.Sprintf("%d/%d", estimate.SeedServices, estimate.SeedServicesStock), "services per victim per year (N/M: N services for M victims)")
	f.StringVar(&ea.price, "price", strconv.Itoa(estimate.SeedPrice), "price per service in --currency")
	f.StringVar(&ea.currency, "currency", estimate.SeedCurrency, "currency of --price")
	f.Float64Var(&ea.usdRate, "usd-rate", estimate.SeedUSDPerEUR, "US$ per unit of --currency (default 1.2 for EUR, the seed's EUR 2.5 billion = US$3 billion; 0: no US$ value)")
	f.BoolVar(&ea.fromData, "detected-from-data", false, "take the detected victims from the dataset (measure detected unless --measure)")
	f.StringArrayVar(&ea.regions, "region", nil, `with --detected-from-data: destinations in this UN sub-region only, e.g. "Western Europe" (repeatable)`)
	f.BoolVar(&ea.demand, "demand", false, "add the seed's demand-side check")
	f.StringVar(&ea.adultMen, "adult-men", fmt.Sprintf("%.0f", estimate.SeedAdultMen), "adult (15-49) male population (default: the 1 billion the seed's 600 million services imply)")
	f.StringVar(&ea.buyerShare, "buyer-share", "0.05", "share of adult men who buy")
	f.StringVar(&ea.purchases, "purchases-per-year", "12", "purchases per buyer per year (12: monthly)")
	return cmd
}

// detectedIn sums the victims of lg's records whose destination is in one
// of regions (all when none), and counts those records.
func detectedIn(lg *graph.LegGraph, regions []string) (victims, records int) {
	for _, f := range lg.Flows {
		if len(regions) > 0 {
			r := lg.Country(f.Destination).Region
			found := false
			for _, want := range regions {
				found = found || strings.EqualFold(want, r)
			}
			if !found {
				continue
			}
		}
		victims += f.Victims
		records++
	}
	return victims, records
}

func regionText(regions []string) string {
	if len(regions) == 0 {
		return "any region"
	}
	return strings.Join(regions, ", ")
}

// rangeText writes a range with format num: "146,000" or "121,667 - 182,500".
func rangeText(r estimate.Range, num func(float64) string) string {
	if r.IsPoint() {
		return num(r.Low)
	}
	return num(r.Low) + " - " + num(r.High)
}

func round0(x float64) string { return thousands(int(math.Round(x))) }

func billions(x float64) string {
	if x >= 1e9 {
		return ftoa(x/1e9, 2) + " billion"
	}
	if x >= 1e6 {
		return ftoa(x/1e6, 2) + " million"
	}
	return round0(x)
}

func (a *app) printEstimate(res *estimateResult) error {
	if a.format == "json" {
		return a.printJSON(res)
	}
	type line struct{ key, val, how string }
	num := func(x float64) string { return ftoa(x, -1) }
	lines := []line{
		{"detected", rangeText(res.Detected, round0), "--detected"},
		{"detection_rate", rangeText(res.DetectionRate, num), "--detection-rate"},
		{"stock", rangeText(res.Stock, round0), "detected / detection rate"},
		{"turnover_years", rangeText(res.TurnoverYears, num), "--turnover-years"},
		{"annual_flow", rangeText(res.AnnualFlow, round0), "stock / turnover years"},
		{"services_per_victim", rangeText(res.ServicesPerVictim, func(x float64) string { return ftoa(x, 1) }), "--services, a year"},
		{"services", rangeText(res.Services, round0), "stock x services per victim"},
		{"price", rangeText(res.Price, num), "--price"},
		{"currency", res.Currency, "--currency"},
		{"value", rangeText(res.Value, round0), "services x price, " + res.Currency},
	}
	if res.DetectedFrom != nil {
		lines[0].how = fmt.Sprintf("from dataset %s: %d records, %s, %s", res.DetectedFrom.Dataset, res.DetectedFrom.Records, res.DetectedFrom.filter, regionText(res.DetectedFrom.Regions))
	}
	if res.ValueUSD != nil {
		lines = append(lines, line{"value_usd", rangeText(*res.ValueUSD, round0), fmt.Sprintf("value x %g US$ per %s (--usd-rate)", res.USDRate, res.Currency)})
	}
	if d := res.Demand; d != nil {
		lines = append(lines,
			line{"adult_men", rangeText(d.AdultMen, round0), "--adult-men"},
			line{"buyer_share", rangeText(d.BuyerShare, num), "--buyer-share"},
			line{"purchases_per_year", rangeText(d.PurchasesPerYear, num), "--purchases-per-year"},
			line{"demand", rangeText(d.Demand, round0), "adult men x buyer share x purchases, services a year"},
			line{"share_met", rangeText(d.ShareMet, sharePct), "services / demand"},
		)
	}
	if a.format == "csv" {
		rows := make([][]string, len(lines))
		for i, l := range lines {
			rows[i] = []string{l.key, strings.ReplaceAll(strings.ReplaceAll(l.val, ",", ""), " - ", "-")}
		}
		return printCSV(a.stdout, []string{"key", "value"}, rows)
	}
	w := a.stdout
	fmt.Fprintln(w, "Dark-figure estimate (SPEC section 5)")
	fmt.Fprintln(w)
	rows := make([][]string, len(lines))
	for i, l := range lines {
		rows[i] = []string{"  " + strings.ReplaceAll(l.key, "_", " "), l.val, l.how}
	}
	printTable(w, []string{"  QUANTITY", "VALUE", "HOW"}, rows)
	fmt.Fprintf(w, "\nAbout %s victims, %s a year, %s %s a year", rangeText(res.Stock, round0), rangeText(res.AnnualFlow, round0), res.Currency, rangeText(res.Value, billions))
	if res.ValueUSD != nil {
		fmt.Fprintf(w, " (US$%s)", rangeText(*res.ValueUSD, billions))
	}
	fmt.Fprintln(w, ".")
	if seed := estimate.Correct(estimate.SeedInputs()); res.Stock == seed.Stock && res.Value == seed.Value && res.DetectedFrom == nil {
		fmt.Fprintln(w, "The seed, from the same inputs: around 140,000 victims, some 70,000 a year, EUR 2.5 billion (US$3 billion);")
		fmt.Fprintln(w, "it rounds 7,300 x 20 = 146,000 down to 140,000 before computing the services.")
	}
	if res.Demand != nil {
		fmt.Fprintf(w, "Demand: %s services a year, of which the victims would meet %s.\n", rangeText(res.Demand.Demand, billions), rangeText(res.Demand.ShareMet, sharePct))
		fmt.Fprintf(w, "The default --adult-men (1 billion) is what the seed's 600 million implies; its own box implies about %s (700,000 sex workers = 0.63%% of adult women in countries with 74%% of the population).\n", billions(estimate.SeedBoxAdultMen))
	}
	return nil
}
