package main

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/tipgraph/tipgraph/exports/briefing"
	"github.com/tipgraph/tipgraph/graph/privacy"
	"github.com/tipgraph/tipgraph/routes/estimate"
)

// reportArgs are the flags of the report command.
type reportArgs struct {
	out string
	top int
	// mse is a multiple systems estimation table (--mse).
	mse string
}

// check validates the flags.
func (r *reportArgs) check() error {
	if r.out == "" {
		return usagef("report needs -o DIR")
	}
	if r.top < 1 {
		return usagef("--top %d: want at least 1", r.top)
	}
	return nil
}

// briefing builds the briefing of the store's dataset: over Neo4j from
// the store's aggregates and one stream of its records (the records are
// never all held: 1,000,000 of them took 544 MB), else from the records.
func (a *app) briefing(ctx context.Context, opt briefing.Options) (*briefing.Briefing, error) {
	st, err := a.store(ctx)
	if err != nil {
		return nil, err
	}
	defer st.Close(ctx)
	data, ok := st.(briefing.Data)
	if !ok {
		ds, err := st.Dataset(ctx)
		if err != nil {
			return nil, fmt.Errorf("read dataset: %w", err)
		}
		data = briefing.Held(ds)
	}
	return briefing.Build(ctx, data, opt)
}

func newReportCmd(a *app) *cobra.Command {
	var ff filterFlags
	var ra reportArgs
	cmd := &cobra.Command{
		Use:   "report -o DIR",
		Short: "A self-contained HTML briefing: summary, map, hubs, routes, trends, what-if, estimate",
		Long: `report writes DIR/index.html, a briefing that opens offline and prints
cleanly: what was set aside, the summary, the route map (inline SVG), the top
hubs by transit (by throughput when the data records no transit), the largest
observed routes, the emerging and falling source countries, the what-if of
closing the top transit hub (divert --remove) with every transit country closed
alone, the detection-rate estimate of the data's detected victims, and, for
groups whose ties carry dates, how their brokers change over the periods
(groups --by-period). The maps
are also written as DIR/map.svg and DIR/whatif.svg. It accepts the analysis
filters and the global --min-count, which hides small counts in the tables,
the prose and the maps. --mse FILE adds the multiple systems estimate of
estimate --mse FILE (stepwise, 1,000 bootstrap replicates, seed 1).`,
		RunE: func(cmd *cobra.Command, _ []string) error {
			flt, err := ff.filter()
			if err != nil {
				return err
			}
			if err := ra.check(); err != nil {
				return err
			}
			opt := briefing.Options{Filter: flt, Top: ra.top, Policy: privacy.Policy{K: a.sup.k}}
			if ra.mse != "" {
				res, err := estimateMSE(cmd.Context(), estimate.DefaultMSEQuery(nil, ra.mse))
				if err != nil {
					return err
				}
				opt.MSE = &briefing.MSE{File: ra.mse, Result: res}
			}
			b, err := a.briefing(cmd.Context(), opt)
			if err != nil {
				return err
			}
			if err := b.Write(ra.out); err != nil {
				return fmt.Errorf("report: %w", err)
			}
			fmt.Fprintf(a.stderr, "wrote %s (open it in a browser; it needs no network)\n", filepath.Join(ra.out, "index.html"))
			return nil
		},
	}
	ff.register(cmd.Flags())
	cmd.Flags().StringVarP(&ra.out, "output", "o", "", "directory to write the report to")
	cmd.Flags().IntVar(&ra.top, "top", briefing.DefaultTop, "rows of the hubs, routes and sweep tables")
	cmd.Flags().StringVar(&ra.mse, "mse", "", "add the multiple systems estimate of this table (as estimate --mse with its defaults)")
	return cmd
}
