package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/tipgraph/tipgraph/routes/estimate"
)

// reportMSE is the multiple systems estimate of report --mse, formatted.
type reportMSE struct {
	File, Lists, Known, Dark, Total, Interval, Model, AIC, MainTotal, Rate string
	Notes                                                                  []string
}

// reportMSE runs estimate --mse's default estimate (stepwise, --pthresh
// 0.02, 1,000 bootstrap replicates, seed 1) on file for the briefing.
func (a *app) reportMSE(ctx context.Context, file string) (*reportMSE, error) {
	res, err := a.mse(ctx, file, "stepwise", estimate.MSEOptions{PThresh: estimate.DefaultPThresh, Bootstrap: defaultMSEBootstrap, Seed: defaultMSESeed})
	if err != nil {
		return nil, err
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
