package main

import (
	"context"

	"github.com/spf13/pflag"

	"github.com/tipgraph/tipgraph/ingest"
	"github.com/tipgraph/tipgraph/routes/estimate"
)

// mseArgs are the flags of estimate --mse (multiple systems estimation).
type mseArgs struct {
	file      string
	model     string
	pthresh   float64
	bootstrap int
	seed      uint64
	level     float64
}

func (m *mseArgs) register(f *pflag.FlagSet) {
	f.StringVar(&m.file, "mse", "", "multiple systems estimation from this table: one 0/1 column per list and a last column count, or one row per victim")
	f.StringVar(&m.model, "model", "stepwise", `with --mse: "stepwise" (Chan, Silverman and Vincent 2019), "main" (main effects only) or two-list effects "LA*NG,PF*GO"`)
	f.Float64Var(&m.pthresh, "pthresh", estimate.DefaultPThresh, "with --mse: p-value threshold of the stepwise model choice")
	f.IntVar(&m.bootstrap, "bootstrap", estimate.DefaultMSEBootstrap, "with --mse: bootstrap replicates of the BCa interval (0: none)")
	f.Uint64Var(&m.seed, "seed", estimate.DefaultMSESeed, "with --mse: seed of the bootstrap")
	f.Float64Var(&m.level, "level", estimate.DefaultMSELevel, "with --mse: confidence level of the interval (0.5 to 0.999)")
}

// mseOnlyFlags are the estimate flags that go with --mse and with nothing
// else; every other estimate flag is refused with --mse.
var mseOnlyFlags = []string{"model", "pthresh", "bootstrap", "seed", "level"}

// query checks the --mse flags and builds the analysis' query (without
// the table, which runMSE reads); changed says which flags were given and
// fromData whether --detected-from-data was.
func (m *mseArgs) query(changed func(string) bool, fromData bool) (estimate.MSEQuery, error) {
	q := estimate.MSEQuery{File: m.file, Model: m.model, PThresh: m.pthresh, Bootstrap: m.bootstrap, Seed: m.seed, Level: m.level}
	if m.file == "" {
		for _, f := range mseOnlyFlags {
			if changed(f) {
				return q, usagef("--%s goes with --mse FILE", f)
			}
		}
		return q, nil
	}
	if fromData {
		return q, usagef("--mse and --detected-from-data are two different estimates: give one")
	}
	return q, q.Check()
}

// runMSE reads the table of q.File and prints its estimate.
func (a *app) runMSE(ctx context.Context, q estimate.MSEQuery) error {
	res, err := estimateMSE(ctx, q)
	if err != nil {
		return err
	}
	return a.print(nil, res)
}

// estimateMSE reads the table of q.File and estimates (estimate --mse and
// report --mse).
func estimateMSE(ctx context.Context, q estimate.MSEQuery) (*estimate.MSEResult, error) {
	var err error
	if q.Captures, err = ingest.ReadCapturesFile(q.File); err != nil {
		return nil, err
	}
	return q.Run(ctx)
}
