package main

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"

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
	f.IntVar(&m.bootstrap, "bootstrap", defaultMSEBootstrap, "with --mse: bootstrap replicates of the BCa interval (0: none)")
	f.Uint64Var(&m.seed, "seed", defaultMSESeed, "with --mse: seed of the bootstrap")
	f.Float64Var(&m.level, "level", estimate.DefaultMSELevel, "with --mse: confidence level of the interval (0.5 to 0.999)")
}

// mseOnlyFlags are the estimate flags that go with --mse and with nothing
// else; every other estimate flag is refused with --mse.
var mseOnlyFlags = []string{"model", "pthresh", "bootstrap", "seed", "level"}

// check validates the --mse flags; changed says which flags were given
// and fromData whether --detected-from-data was.
func (m *mseArgs) check(changed func(string) bool, fromData bool) error {
	if m.file == "" {
		for _, f := range mseOnlyFlags {
			if changed(f) {
				return usagef("--%s goes with --mse FILE", f)
			}
		}
		return nil
	}
	if fromData {
		return usagef("--mse and --detected-from-data are two different estimates: give one")
	}
	if math.IsNaN(m.pthresh) || m.pthresh < 0 || m.pthresh > 1 {
		return usagef("--pthresh %v: want a p-value between 0 and 1", m.pthresh)
	}
	if math.IsNaN(m.level) || m.level < 0.5 || m.level > 0.999 {
		return usagef("--level %v: want a confidence level between 0.5 and 0.999 (0.95: 95%%)", m.level)
	}
	if m.bootstrap < 0 || m.bootstrap > 100000 {
		return usagef("--bootstrap %d: want 0 to 100000 replicates", m.bootstrap)
	}
	if strings.TrimSpace(m.model) == "" {
		return usagef(`--model: want "stepwise", "main" or pairs such as "LA*NG,PF*GO"`)
	}
	return nil
}

// mseOutput is the JSON document of estimate --mse.
type mseOutput struct {
	*estimate.MSEResult
	SeedDetectionRate float64 `json:"seed_detection_rate"`
}

// Defaults of the bootstrap, for estimate --mse and report --mse.
const (
	defaultMSEBootstrap = 1000
	defaultMSESeed      = 1
)

// mse runs the multiple systems estimate of file with model ("stepwise",
// "main" or pairs) and the rest of opt: a table without an estimate is bad
// input (exit 2), and an estimate from fewer known victims than
// --min-count is refused.
func (a *app) mse(ctx context.Context, file, model string, opt estimate.MSEOptions) (*estimate.MSEResult, error) {
	caps, err := ingest.ReadCapturesFile(file)
	if err != nil {
		return nil, err
	}
	if opt.Method, opt.Pairs, err = estimate.ParseMSEModel(model, caps.Lists); err != nil {
		return nil, usagef("--model: %v", err)
	}
	res, err := estimate.MSE(ctx, caps, opt)
	if errors.Is(err, estimate.ErrNoFiniteEstimate) {
		return nil, &usageError{fmt.Errorf("%s: %w", file, err)}
	}
	if err != nil {
		return nil, err
	}
	if a.sup.hides(res.Known) {
		return nil, fmt.Errorf("the known victims of %s are below --min-count %d: an estimate would reveal them", file, a.sup.k)
	}
	return res, nil
}

func (a *app) runMSE(ctx context.Context, m *mseArgs) error {
	res, err := a.mse(ctx, m.file, m.model, estimate.MSEOptions{PThresh: m.pthresh, Bootstrap: m.bootstrap, Seed: m.seed, Level: m.level})
	if err != nil {
		return err
	}
	out := mseOutput{MSEResult: res, SeedDetectionRate: estimate.SeedDetectionRate}
	if a.format == "json" {
		return a.printJSON(out)
	}
	iv := "not computed (--bootstrap 0)"
	if res.Interval != nil {
		iv = round0(res.Interval[0]) + " - " + round0(res.Interval[1])
	}
	model := "main effects only"
	if len(res.Model) > 0 {
		model = "main effects + " + strings.Join(res.Model, ", ")
	}
	how := map[estimate.MSEMethod]string{
		estimate.MSEStepwise: fmt.Sprintf("stepwise, --pthresh %g", res.PThresh),
		estimate.MSEMain:     "--model main",
		estimate.MSEFixed:    "--model",
	}[res.Method]
	rows := [][]string{
		{"  lists", strings.Join(res.Lists, ", "), m.file},
		{"  known", thousands(res.Known), "victims on at least one list"},
		{"  dark", round0(res.Dark), "fitted count of the cell of no list"},
		{"  total", round0(res.Total), "known + dark"},
		{"  interval", iv, fmt.Sprintf("%.4g%% BCa bootstrap, %d replicates, --seed %d", 100*res.Level, res.Bootstrap, res.Seed)},
		{"  model", model, how},
		{"  aic", ftoa(res.AIC, 1), "Akaike information criterion of the model"},
		{"  main effects total", round0(res.MainEffectsTotal), "total under main effects only"},
		{"  detection rate", fmt.Sprintf("%s (1 in %s)", sharePct(res.DetectionRate), ftoa(1/res.DetectionRate, 1)), "known / total; the seed assumes 1 in 20 (5%)"},
	}
	if a.format == "csv" {
		csvRows := make([][]string, len(rows))
		for i, r := range rows {
			csvRows[i] = []string{strings.ReplaceAll(strings.TrimSpace(r[0]), " ", "_"), strings.ReplaceAll(r[1], ",", "")}
		}
		return printCSV(a.stdout, []string{"key", "value"}, csvRows)
	}
	w := a.stdout
	fmt.Fprintln(w, "Multiple systems estimation: the victims no list recorded")
	fmt.Fprintln(w)
	printTable(w, []string{"  QUANTITY", "VALUE", "HOW"}, rows)
	if res.Failed > 0 {
		fmt.Fprintf(w, "\n%d bootstrap replicates gave no finite estimate and were left out.\n", res.Failed)
	}
	fmt.Fprintf(w, "\nAbout %s victims in all, of whom %s known: about 1 in %s was detected (the seed assumes 1 in 20).\n",
		round0(res.Total), thousands(res.Known), ftoa(1/res.DetectionRate, 1))
	for _, n := range res.Notes {
		fmt.Fprintln(w, n)
	}
	return nil
}
