package main

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tipgraph/tipgraph/ingest"
)

func newValidateCmd(a *app) *cobra.Command {
	var names bool
	cmd := &cobra.Command{
		Use:   "validate",
		Short: "Check the data and print every problem (exit 2 if any)",
		RunE: func(cmd *cobra.Command, _ []string) error {
			ds, err := a.dataset(cmd.Context())
			var perrs *ingest.Errors
			if errors.As(err, &perrs) {
				return a.printProblems(perrs)
			}
			if err != nil {
				return err
			}
			// Countries counts those of the records (as summary does);
			// countries that only countries.csv, groups or members name
			// are listed apart.
			victims := 0
			inFlows := map[string]bool{}
			for _, f := range ds.Flows {
				victims += f.Victims
				inFlows[f.Origin], inFlows[f.Destination] = true, true
				for _, v := range f.Via {
					inFlows[v] = true
				}
			}
			var noRecord []string
			for code := range ds.Countries {
				if !inFlows[code] {
					noRecord = append(noRecord, code)
				}
			}
			slices.Sort(noRecord)
			shared := ingest.SharedPersons(ds)
			if names && a.format == "csv" {
				return a.printNameMatches(ds.NameMatches)
			}
			if a.format == "json" {
				if shared == nil {
					shared = []ingest.Shared{}
				}
				if noRecord == nil {
					noRecord = []string{}
				}
				r := newReadingJSON(ds)
				doc := map[string]any{
					"valid": true, "dataset": ds.Name, "records": len(ds.Flows),
					"countries": len(inFlows), "countries_without_records": noRecord, "victims": victims, "problems": []any{},
					"groups": len(ds.Groups), "members": len(ds.Members), "ties": len(ds.Ties),
					"shared_persons": shared, "set_aside": r.SetAside, "censored": r.Censored, "indicators": r.Indicators,
				}
				if names {
					doc["name_matches"] = nonNil(ds.NameMatches)
				}
				return a.printJSON(doc)
			}
			_, err = fmt.Fprintf(a.stdout, "%s: ok, %d records, %d countries, %s victims\n",
				ds.Name, len(ds.Flows), len(inFlows), a.sup.cell(victims, thousands))
			for _, r := range a.readingRows(ds) {
				fmt.Fprintf(a.stdout, "%s: %s\n", r[0], r[1])
			}
			if len(ds.Groups) > 0 {
				fmt.Fprintf(a.stdout, "%d groups, %d members, %d ties\n", len(ds.Groups), len(ds.Members), len(ds.Ties))
			}
			if len(noRecord) > 0 {
				fmt.Fprintf(a.stdout, "countries in no record (named by countries.csv, groups or members): %s\n", strings.Join(noRecord, ", "))
			}
			// A person in two groups is allowed (docs/data-formats.md) and noted.
			for _, s := range shared {
				fmt.Fprintf(a.stdout, "note: person %s is a member of %d groups: %s\n", s.Person, len(s.Groups), strings.Join(s.Groups, ", "))
			}
			if err == nil {
				err = a.printNameReview(ds.NameMatches, names)
			}
			a.sup.footnote(a.stdout)
			return err
		},
	}
	cmd.Flags().BoolVar(&names, "names", false, "list every country text matched by a rule other than a code or a name (translation, demonym, misspelling...), for review")
	return cmd
}

// problem is one validation problem in JSON and CSV output.
type problem struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Field   string `json:"field"`
	Problem string `json:"problem"`
	// Rows counts the rows with this problem (it is listed at the first).
	Rows int `json:"rows"`
}

func (a *app) printProblems(perrs *ingest.Errors) error {
	list := make([]problem, len(perrs.List))
	rows := make([][]string, len(perrs.List))
	for i, pe := range perrs.List {
		list[i] = problem{pe.File, pe.Line, pe.Column, pe.Field, pe.Err.Error(), 1 + pe.More}
		rows[i] = []string{pe.File, itoa(pe.Line), itoa(pe.Column), pe.Field, pe.Err.Error(), itoa(1 + pe.More)}
	}
	var err error
	switch a.format {
	case "json":
		err = printJSON(a.stdout, map[string]any{"valid": false, "problems": list, "truncated": perrs.Truncated})
	case "csv":
		err = printCSV(a.stdout, []string{"file", "line", "column", "field", "problem", "rows"}, rows)
	default:
		_, err = fmt.Fprintln(a.stdout, perrs.Error())
		if err == nil {
			_, err = fmt.Fprintf(a.stdout, "%d problems\n", len(list))
		}
	}
	if err != nil {
		return err
	}
	return &errReported{exitBadInput}
}
