package main

import (
	"encoding/json"
	"io"

	"github.com/tipgraph/tipgraph/exports"
	"github.com/tipgraph/tipgraph/exports/render"
	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/graph/privacy"
)

// printJSON writes one indented JSON document (load's statistics, which
// hold no victim count).
func printJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// thousands writes 7300 as 7,300 for messages.
func thousands(n int) string { return exports.Thousands(n) }

// print renders a typed result in the --format, under --min-count, with
// what the readers of ds set aside.
func (a *app) print(ds *graph.Dataset, res any) error {
	return printResult(a.stdout, a.format, a.sup.k, ds, res)
}

// printResult renders res to w: the one path from a typed result to what
// the reader sees, for the CLI and the API alike.
func printResult(w io.Writer, format string, minCount int, ds *graph.Dataset, res any) error {
	return render.New(w, format, privacy.Policy{K: minCount}, render.ReadingOf(ds)).Print(res)
}
