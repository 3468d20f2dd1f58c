package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/graph/neo4j"
	"github.com/tipgraph/tipgraph/ingest"
)

// loadArgs are the flags of the load command.
type loadArgs struct {
	name string
	drop bool
}

// check validates the flags against the global ones and returns the
// dataset name to load under.
func (l *loadArgs) check(a *app) (string, error) {
	if a.neo4j.uri == "" {
		return "", usagef("load needs --neo4j URI (or NEO4J_URI)")
	}
	if l.drop {
		if l.name == "" {
			return "", usagef("--drop needs --name")
		}
		return l.name, nil
	}
	name := l.name
	if name == "" {
		name = defaultLoadName(a.data)
	}
	if strings.TrimSpace(name) == "" {
		return "", usagef("--name: empty dataset name")
	}
	return name, nil
}

// defaultLoadName is the built-in name or the folder (or file) name of the
// data; several sources are joined with "+".
func defaultLoadName(data []string) string {
	if len(data) == 0 {
		return ingest.DefaultBuiltin
	}
	var names []string
	for _, d := range data {
		if b, ok := strings.CutPrefix(d, "builtin:"); ok {
			names = append(names, b)
			continue
		}
		base := filepath.Base(filepath.Clean(d))
		names = append(names, strings.TrimSuffix(base, filepath.Ext(base)))
	}
	return strings.Join(names, "+")
}

// loadSource says what a load read, for `datasets` to list: the --data
// sources (files as absolute paths) separated by ", ".
func loadSource(data []string) string {
	if len(data) == 0 {
		return "builtin:" + ingest.DefaultBuiltin
	}
	out := make([]string, len(data))
	for i, d := range data {
		out[i] = d
		if !strings.HasPrefix(d, "builtin:") {
			if abs, err := filepath.Abs(d); err == nil {
				out[i] = abs
			}
		}
	}
	return strings.Join(out, ", ")
}

func newLoadCmd(a *app) *cobra.Command {
	var la loadArgs
	cmd := &cobra.Command{
		Use:   "load --neo4j URI",
		Short: "Write the dataset into Neo4j (replacing a dataset of the same name atomically)",
		Long: `load reads the --data sources (default the built-in toc2010), validates them and
writes them into Neo4j as one named dataset: countries as (:Country), records as
(:Flow) with their countries in route order (route: origin>vias>destination),
and the aggregated legs as
(:Country)-[:LEG {dataset, victims, records, vectors, years}]->(:Country).
Loading a name again replaces it atomically; other datasets are untouched.
--drop --name NAME removes a dataset.`,
		RunE: func(cmd *cobra.Command, _ []string) error {
			name, err := la.check(a)
			if err != nil {
				return err
			}
			ctx := cmd.Context()
			st, err := a.openNeo4j(ctx)
			if err != nil {
				return err
			}
			defer st.Close(ctx)
			if la.drop {
				if err := st.Drop(ctx, name); err != nil {
					return err
				}
				_, err := fmt.Fprintf(a.stdout, "dropped dataset %s\n", name)
				return err
			}
			res, err := a.resolver()
			if err != nil {
				return err
			}
			// The records go to Neo4j as they are read, none kept. What
			// stays (the file's bytes, ids and group references while it
			// is read, the sums of legs and cells) is about 250 MB for a
			// million generated records with groups: the collector runs
			// at 25% growth and keeps the heap near 200 MiB (returning
			// the rest to the system), working harder when a larger read
			// needs more; the load waits on Neo4j, not on it (at 256 MiB
			// the peak was 327 MB). GOGC and GOMEMLIMIT still override.
			if os.Getenv("GOGC") == "" && os.Getenv("GOMEMLIMIT") == "" {
				debug.SetGCPercent(25)
				debug.SetMemoryLimit(200 << 20)
			}
			read := func(ctx context.Context, newWorker func() func(int64, []graph.Flow)) (*graph.Dataset, bool, error) {
				return res.Stream(ctx, a.readOpts, newWorker, a.data...)
			}
			progress := a.progress(-1, "loading "+name)
			stats, err := st.LoadStream(ctx, read, name, loadSource(a.data), progress)
			if err != nil {
				return fmt.Errorf("load %s: %w (the earlier content of %s is unchanged)", name, err, name)
			}
			if a.format == "json" {
				return printJSON(a.stdout, struct {
					neo4j.LoadStats
					Seconds float64 `json:"seconds"`
				}{stats, stats.Elapsed.Seconds()})
			}
			_, err = fmt.Fprintf(a.stdout, "loaded %s: %s records, %d countries, %d legs in %.1f s (%.0f records/s); replaced %s earlier records; "+
				"deleted %s staged records of interrupted loads\n",
				stats.Dataset, thousands(stats.Records), stats.Countries, stats.Legs, stats.Elapsed.Seconds(),
				float64(stats.Records)/stats.Elapsed.Seconds(), thousands(stats.Replaced), thousands(stats.Cleaned))
			return err
		},
	}
	f := cmd.Flags()
	f.StringVar(&la.name, "name", "", "dataset name in Neo4j (default: the built-in name or the folder name)")
	f.BoolVar(&la.drop, "drop", false, "remove the dataset --name from Neo4j instead of loading")
	return cmd
}

// progress returns a progress callback drawing a bar on stderr when stderr
// is a terminal, and nil (quiet) otherwise; a total of -1 is unknown (the
// bar counts).
func (a *app) progress(total int, what string) func(done, total int) {
	f, ok := a.stderr.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) || total == 0 {
		return nil
	}
	bar := progressbar.NewOptions(total,
		progressbar.OptionSetWriter(f),
		progressbar.OptionSetDescription(what),
		progressbar.OptionShowCount(),
		progressbar.OptionThrottle(100_000_000),
		progressbar.OptionClearOnFinish(),
	)
	return func(done, _ int) { bar.Set(done) }
}
