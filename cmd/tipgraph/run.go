package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/graph/memory"
	"github.com/tipgraph/tipgraph/graph/neo4j"
	"github.com/tipgraph/tipgraph/ingest"
	"github.com/tipgraph/tipgraph/routes"
)

// app is the state shared by every command: global flags and streams.
type app struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	data           []string
	aliases        string
	format         string
	neo4j          neo4jFlags
	// sup hides counts below --min-count (suppress.go).
	sup minCount
	// read holds the reading flags (--censored, --strict, --set-aside,
	// --glotip-dimension); readOpts is what they say, set by validateGlobal.
	read     readFlags
	readOpts ingest.Options
}

// neo4jFlags say where the Neo4j store is; credentials come from flags or
// the environment and are never printed.
type neo4jFlags struct {
	uri, user, password, database string
	datasets                      []string
	// explicit is set when --neo4j was given, not taken from NEO4J_URI.
	explicit bool
}

// run executes the command line args; it never calls os.Exit.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	a := &app{stdin: stdin, stdout: stdout, stderr: stderr}
	root := &cobra.Command{
		Use:   "tipgraph",
		Short: "Graph analysis of trafficking-in-persons routes and networks",
		Long: `tipgraph analyses trafficking-in-persons flows as a directed weighted graph of
origin, transit and destination countries. With no --data it uses the built-in
dataset toc2010 (UNODC 2010 threat assessment, trafficking to Europe).`,
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			a.neo4j.explicit = cmd.Flags().Changed("neo4j")
			return a.validateGlobal()
		},
	}
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &usageError{err} })
	pf := root.PersistentFlags()
	pf.StringArrayVar(&a.data, "data", nil, "dataset directory, CSV or JSON file, or builtin:NAME (repeatable; default builtin:toc2010)")
	pf.StringVar(&a.neo4j.uri, "neo4j", os.Getenv("NEO4J_URI"), "Neo4j URI: bolt://, neo4j:// (cluster) or their +s/+ssc forms (or NEO4J_URI)")
	pf.StringVar(&a.neo4j.user, "neo4j-user", envOr("NEO4J_USER", "neo4j"), "Neo4j user (or NEO4J_USER)")
	pf.StringVar(&a.neo4j.password, "neo4j-password", "", "Neo4j password (default NEO4J_PASSWORD; prefer the environment)")
	pf.StringVar(&a.neo4j.database, "neo4j-database", os.Getenv("NEO4J_DATABASE"), "Neo4j database (or NEO4J_DATABASE; default: the server's)")
	pf.StringArrayVar(&a.neo4j.datasets, "dataset", nil, "with --neo4j: read only this dataset (repeatable; default all)")
	pf.StringVar(&a.format, "format", "table", "output format: table, json or csv")
	pf.StringVar(&a.aliases, "aliases", "", "CSV of text,code rows saying which country a text of the data names (overrides every other rule and the data's own aliases.csv)")
	pf.IntVar(&a.sup.k, "min-count", 0, "hide every victim count below K in the output (0: show all)")
	a.read.register(pf)
	root.AddCommand(
		newDatasetsCmd(a),
		newValidateCmd(a),
		newSummaryCmd(a),
		newRoutesCmd(a),
		newHubsCmd(a),
		newCountryCmd(a),
		newDivertCmd(a),
		newInterdictCmd(a),
		newEmergingCmd(a),
		newEstimateCmd(a),
		newGroupsCmd(a),
		newLoadCmd(a),
		newGenerateCmd(a),
		newExportCmd(a),
		newReportCmd(a),
		newServeCmd(a),
	)
	for _, c := range root.Commands() {
		c.Args = noArgs
	}
	return root.ExecuteContext(ctx)
}

func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usagef("%s takes no arguments, got %q (flags start with --)", cmd.Name(), args)
	}
	return nil
}

// validateGlobal checks the global flags.
func (a *app) validateGlobal() error {
	if err := a.sup.check(); err != nil {
		return err
	}
	opts, err := a.read.options()
	if err != nil {
		return err
	}
	a.readOpts = opts
	switch a.format {
	case "table", "json", "csv":
	default:
		return usagef("--format %q: want table, json or csv", a.format)
	}
	if len(a.neo4j.datasets) > 0 && a.neo4j.uri == "" {
		return usagef("--dataset names a dataset in Neo4j: give --neo4j too")
	}
	return nil
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

// openNeo4j connects to the Neo4j store of the global flags.
func (a *app) openNeo4j(ctx context.Context) (*neo4j.Store, error) {
	pw := a.neo4j.password
	if pw == "" {
		pw = os.Getenv("NEO4J_PASSWORD")
	}
	return neo4j.Open(ctx, neo4j.Config{
		URI: a.neo4j.uri, User: a.neo4j.user, Password: pw,
		Database: a.neo4j.database, Datasets: a.neo4j.datasets, Library: ingest.LibraryCountry,
	})
}

// store opens the store the global flags name; only cmd/ picks a backend.
//
// An analysis over Neo4j spends its time in the server and the driver, and
// every row the driver decodes is garbage once read: the collector runs
// when the heap grows by half, instead of main's 1.2 GiB, which the rows
// of a million records reach (hubs over Neo4j on 1,000,000 generated
// records with groups: 1.16 GB peak before, 231 MB with the collector).
// load and serve set their own. GOGC and GOMEMLIMIT still override.
func (a *app) store(ctx context.Context) (graph.Store, error) {
	if a.usesNeo4j() {
		if len(a.data) > 0 {
			return nil, usagef("give --data or --neo4j, not both (load takes both)")
		}
		if os.Getenv("GOGC") == "" && os.Getenv("GOMEMLIMIT") == "" {
			debug.SetGCPercent(50)
		}
		return a.openNeo4j(ctx)
	}
	ds, err := a.readData(ctx)
	if err != nil {
		return nil, err
	}
	return memory.New(ds), nil
}

// aggregatingStore opens the store the global flags name; agg is the
// same store when it aggregates (Neo4j), else nil. The caller closes st.
func (a *app) aggregatingStore(ctx context.Context) (st graph.Store, agg aggregator, err error) {
	if st, err = a.store(ctx); err != nil {
		return nil, nil, err
	}
	agg, _ = st.(aggregator)
	return st, agg, nil
}

// usesNeo4j reports whether the global flags name Neo4j as the store.
// An explicit --data wins over NEO4J_URI from the environment.
func (a *app) usesNeo4j() bool {
	return a.neo4j.uri != "" && (len(a.data) == 0 || a.neo4j.explicit)
}

// resolver is the country resolver of --data: the library, with the
// --aliases file when given.
func (a *app) resolver() (*ingest.Resolver, error) {
	res := ingest.Countries()
	if a.aliases != "" {
		al, err := ingest.LoadAliases(a.aliases)
		if err != nil {
			return nil, err
		}
		res = res.WithAliases(al)
	}
	return res, nil
}

// readData reads the --data datasets, country texts read through the
// --aliases file when given.
func (a *app) readData(ctx context.Context) (*graph.Dataset, error) {
	res, err := a.resolver()
	if err != nil {
		return nil, err
	}
	return res.LoadWith(ctx, a.readOpts, a.data...)
}

// stream reads the --data datasets into b without keeping their records
// (ingest.Stream): on 1,000,000 records that leaves out the 168 MB of
// records. The dataset comes back without its records, as from Neo4j;
// when streamed is false the records could not be streamed and ds holds
// them (b is then to be dropped).
func (a *app) stream(ctx context.Context, b *graph.LegBuilder) (ds *graph.Dataset, streamed bool, err error) {
	res, err := a.resolver()
	if err != nil {
		return nil, false, err
	}
	ds, streamed, err = res.Stream(ctx, a.readOpts, b.Worker, a.data...)
	// What reading leaves behind (ids and their places, the duplicate
	// check, the file's bytes once nothing points into them) goes before
	// the analysis allocates: the CLI collects garbage only near 1.2 GiB,
	// and this one collection, over a small live heap, takes milliseconds.
	runtime.GC()
	return ds, streamed, err
}

// streamLegs is the leg graph of the --data datasets under flt, read by
// stream.
func (a *app) streamLegs(ctx context.Context, flt graph.Filter) (*graph.LegGraph, *graph.Dataset, error) {
	b := graph.NewLegBuilder(flt)
	ds, streamed, err := a.stream(ctx, b)
	if err != nil {
		return nil, nil, err
	}
	if !streamed {
		lg, err := graph.NewLegGraph(ds, flt)
		return lg, ds, err
	}
	return b.Graph(ds.Name, ds.Countries), ds, nil
}

// dataset opens the store and reads its dataset.
func (a *app) dataset(ctx context.Context) (*graph.Dataset, error) {
	st, err := a.store(ctx)
	if err != nil {
		return nil, err
	}
	defer st.Close(ctx)
	ds, err := st.Dataset(ctx)
	if err != nil {
		return nil, fmt.Errorf("read dataset: %w", err)
	}
	return ds, nil
}

// legStore is a store that aggregates leg graphs itself (Neo4j does it
// in Cypher), returning the dataset without its records beside it.
type legStore interface {
	LegGraph(ctx context.Context, flt graph.Filter) (*graph.LegGraph, *graph.Dataset, error)
}

// aggregated returns the leg graph under flt and the dataset it belongs
// to: from the store's own aggregation when it has one (the dataset then
// lacks its records), else from the records.
func (a *app) aggregated(ctx context.Context, flt graph.Filter) (*graph.LegGraph, *graph.Dataset, error) {
	if !a.usesNeo4j() {
		return a.streamLegs(ctx, flt)
	}
	st, err := a.store(ctx)
	if err != nil {
		return nil, nil, err
	}
	defer st.Close(ctx)
	if ls, ok := st.(legStore); ok {
		lg, ds, err := ls.LegGraph(ctx, flt)
		if err != nil {
			return nil, nil, fmt.Errorf("read dataset: %w", err)
		}
		return lg, ds, nil
	}
	ds, err := st.Dataset(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("read dataset: %w", err)
	}
	lg, err := graph.NewLegGraph(ds, flt)
	return lg, ds, err
}

// overStore runs an analysis under flt: over a store that aggregates
// (Neo4j), aggregated gets the store, the leg graph it built and its
// dataset (without records: countries, groups, accounting); else
// records gets the dataset with its records. It returns the dataset too
// (without records from an aggregating store), for what the readers set
// aside.
func overStore[R any](ctx context.Context, a *app, flt graph.Filter, records func(*graph.Dataset) (R, error), aggregated func(graph.Store, *graph.LegGraph, *graph.Dataset) (R, error)) (R, *graph.Dataset, error) {
	var zero R
	st, err := a.store(ctx)
	if err != nil {
		return zero, nil, err
	}
	defer st.Close(ctx)
	ls, ok := st.(legStore)
	if !ok {
		ds, err := st.Dataset(ctx)
		if err != nil {
			return zero, nil, fmt.Errorf("read dataset: %w", err)
		}
		res, err := records(ds)
		return res, ds, err
	}
	lg, ds, err := ls.LegGraph(ctx, flt)
	if err != nil {
		return zero, nil, fmt.Errorf("read dataset: %w", err)
	}
	res, err := aggregated(st, lg, ds)
	return res, ds, err
}

// overRoutes runs a what-if under flt: on --data over the leg graph and
// the routes of the records, streamed without holding the records
// (a.stream; records gets the dataset when they could not be streamed);
// over a store, as overStore.
func overRoutes[R any](ctx context.Context, a *app, flt graph.Filter, records func(*graph.Dataset) (R, error), streamed func(*graph.LegGraph, routes.Records) (R, error), aggregated func(graph.Store, *graph.LegGraph, *graph.Dataset) (R, error)) (R, *graph.Dataset, error) {
	if a.usesNeo4j() {
		return overStore(ctx, a, flt, records, aggregated)
	}
	b := graph.NewLegBuilder(flt).KeepRoutes()
	ds, ok, err := a.stream(ctx, b)
	if err != nil {
		var zero R
		return zero, nil, err
	}
	if !ok {
		res, err := records(ds)
		return res, ds, err
	}
	res, err := streamed(b.Graph(ds.Name, ds.Countries), b.Routes)
	return res, ds, err
}
