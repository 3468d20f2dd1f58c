package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/graph/memory"
	"github.com/tipgraph/tipgraph/ingest"
)

// app is the state shared by every command: global flags and streams.
type app struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	data           []string
	neo4jURI       string
	format         string
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
	pf.StringVar(&a.neo4jURI, "neo4j", os.Getenv("NEO4J_URI"), "read the dataset from Neo4j at this URI (or NEO4J_URI)")
	pf.StringVar(&a.format, "format", "table", "output format: table, json or csv")
	root.AddCommand(
		newDatasetsCmd(a),
		newValidateCmd(a),
		newSummaryCmd(a),
		newRoutesCmd(a),
		newHubsCmd(a),
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
	switch a.format {
	case "table", "json", "csv":
	default:
		return usagef("--format %q: want table, json or csv", a.format)
	}
	if a.neo4jURI != "" && len(a.data) > 0 {
		return usagef("give --data or --neo4j, not both")
	}
	return nil
}

// errNoNeo4j: this build has no Neo4j backend yet.
var errNoNeo4j = errors.New("the Neo4j backend is not part of this build yet; use --data")

// store opens the store the global flags name; only cmd/ picks a backend.
func (a *app) store(ctx context.Context) (graph.Store, error) {
	if a.neo4jURI != "" {
		return nil, errNoNeo4j
	}
	ds, err := ingest.Load(ctx, a.data...)
	if err != nil {
		return nil, err
	}
	return memory.New(ds), nil
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

// legGraph reads the dataset and builds the leg graph under flt.
func (a *app) legGraph(ctx context.Context, flt graph.Filter) (*graph.LegGraph, error) {
	ds, err := a.dataset(ctx)
	if err != nil {
		return nil, err
	}
	return graph.NewLegGraph(ds, flt)
}
