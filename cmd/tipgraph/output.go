package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/tipgraph/tipgraph/exports"
	"github.com/tipgraph/tipgraph/exports/render"
	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/graph/privacy"
)

// printJSON writes one indented JSON document.
func printJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// printCSV writes a header and rows.
func printCSV(w io.Writer, header []string, rows [][]string) error {
	return render.WriteCSV(w, header, rows)
}

// printTable writes aligned columns for people.
func printTable(w io.Writer, header []string, rows [][]string) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join(header, "\t"))
	for _, r := range rows {
		fmt.Fprintln(tw, strings.Join(r, "\t"))
	}
	return tw.Flush()
}

func itoa(n int) string { return strconv.Itoa(n) }

// ftoa formats a metric with enough digits to compare with other tools.
func ftoa(x float64, prec int) string { return strconv.FormatFloat(x, 'f', prec, 64) }

// thousands writes 7300 as 7,300 for tables.
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

func sharePct(x float64) string { return ftoa(100*x, 1) + "%" }
