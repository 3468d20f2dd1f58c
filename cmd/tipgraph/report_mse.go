package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/tipgraph/tipgraph/ingest"
	"github.com/tipgraph/tipgraph/routes"
)

// reportMSE is the multiple systems estimate of report --mse, formatted.
type reportMSE struct {
	File, Lists, Known, Dark, Total, Interval, Model, AIC, MainTotal, Rate string
	Notes                                                                  []string
}

// reportMSE runs estimate --mse's default estimate (stepwise, --pthresh
// 0.02, 1,000 bootstrap replicates, seed 1) on file for the briefing.
func (a *app) reportMSE(ctx context.Context, file string) (*reportMSE, error) {
	caps, err := ingest.ReadCapturesFile(file)
	if err != nil {
		return nil, err
	}
	res, err := routes.MSE(ctx, caps, routes.MSEOptions{Method: routes.MSEStepwise, PThresh: routes.DefaultPThresh, Bootstrap: 1000, Seed: 1})
	if err != nil {
		return nil, &usageError{fmt.Errorf("%s: %w", file, err)} // bad input data: exit 2
	}
	if a.sup.hides(res.Known) {
		return nil, fmt.Errorf("the known victims of %s are below --min-count %d: an estimate would reveal them", file, a.sup.k)
	}
	r := &reportMSE{
		File: file, Lists: strings.Join(res.Lists, ", "), Known: thousands(res.Known),
		Dark: round0(res.Dark), Total: round0(res.Total), Interval: "not computed",
		Model: "main effects only", AIC: ftoa(res.AIC, 1), MainTotal: round0(res.MainEffectsTotal),
		Rate:  fmt.Sprintf("%s (1 in %s)", sharePct(res.DetectionRate), ftoa(1/res.DetectionRate, 1)),
		Notes: res.Notes,
	}
	if res.Interval != nil {
		r.Interval = round0(res.Interval[0]) + " – " + round0(res.Interval[1])
	}
	if len(res.Model) > 0 {
		r.Model = "main effects + " + strings.Join(res.Model, ", ")
	}
	return r, nil
}
