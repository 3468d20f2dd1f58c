package main

import (
	"slices"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/routes/estimate"
)

// estimateArgs are the flags of the estimate command.
type estimateArgs struct {
	estimate.Text
	usdRate float64
	// usdRateSet is set when --usd-rate was given.
	usdRateSet bool
}

// query checks the flags and builds the analysis' query; ff are the
// dataset filters of --detected-from-data.
func (e *estimateArgs) query(ff *filterFlags) (estimate.Query, error) {
	t := e.Text
	if t.FromData {
		var err error
		if t.Filter, err = ff.filter(); err != nil {
			return estimate.Query{}, err
		}
	}
	if e.usdRateSet {
		t.USDRate = &e.usdRate
	}
	return t.Query()
}

func newEstimateCmd(a *app) *cobra.Command {
	var ff filterFlags
	var ea estimateArgs
	var ma mseArgs
	cmd := &cobra.Command{
		Use:   "estimate",
		Short: "Detection-rate correction: stock, annual flow, services and market value",
		Long: `estimate corrects detected victims for the share that is detected
(docs/methods.md): stock = detected / detection rate; annual flow = stock / turnover
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
			mq, err := ma.query(cmd.Flags().Changed, ea.FromData)
			if err != nil {
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
				return a.runMSE(cmd.Context(), mq)
			}
			q, err := ea.query(&ff)
			if err != nil {
				return err
			}
			ctx := cmd.Context()
			if !q.FromData {
				res, err := q.Run(ctx, nil)
				if err != nil {
					return err
				}
				return a.print(nil, res)
			}
			// The detected victims from the data: over a store that
			// aggregates, from its leg graph and tallies (no record read).
			res, ds, err := overStore(ctx, a, q.DetectedFilter(), func(ds *graph.Dataset) (*estimate.Result, error) { return q.Run(ctx, ds) },
				func(st graph.Store, lg *graph.LegGraph, _ *graph.Dataset) (*estimate.Result, error) {
					tallies, err := storeTallies(ctx, st, lg.Filter)
					if err != nil {
						return nil, err
					}
					return q.RunGraph(ctx, lg, tallies)
				})
			if err != nil {
				return err
			}
			return a.print(ds, res)
		},
	}
	ff.register(cmd.Flags())
	ma.register(cmd.Flags())
	ea.register(cmd.Flags())
	return cmd
}

// register defines the flags of the detection-rate estimate on f (not
// those of --mse: mseArgs.register).
func (ea *estimateArgs) register(f *pflag.FlagSet) {
	d := estimate.Defaults
	f.StringVar(&ea.Detected, "detected", "", "detected victims (default 7300, the seed's)")
	f.StringVar(&ea.DetectionRate, "detection-rate", d.DetectionRate, "share of victims detected")
	f.StringVar(&ea.TurnoverYears, "turnover-years", d.TurnoverYears, "years a victim is exploited on average")
	f.StringVar(&ea.Services, "services", d.Services, "services per victim per year (N/M: N services for M victims)")
	f.StringVar(&ea.Price, "price", d.Price, "price per service in --currency")
	f.StringVar(&ea.Currency, "currency", d.Currency, "currency of --price")
	f.Float64Var(&ea.usdRate, "usd-rate", estimate.SeedUSDPerEUR, "US$ per unit of --currency (default 1.2 for EUR, the seed's EUR 2.5 billion = US$3 billion; 0: no US$ value)")
	f.BoolVar(&ea.FromData, "detected-from-data", false, "take the detected victims from the dataset (measure detected unless --measure)")
	f.StringArrayVar(&ea.Regions, "region", nil, `with --detected-from-data: destinations in this UN sub-region only, e.g. "Western Europe" (repeatable)`)
	f.BoolVar(&ea.Demand, "demand", false, "add the seed's demand-side check")
	f.StringVar(&ea.AdultMen, "adult-men", d.AdultMen, "adult (15-49) male population (default: the 1 billion the seed's 600 million services imply)")
	f.StringVar(&ea.BuyerShare, "buyer-share", d.BuyerShare, "share of adult men who buy")
	f.StringVar(&ea.PurchasesPerYear, "purchases-per-year", d.PurchasesPerYear, "purchases per buyer per year (12: monthly)")
}
