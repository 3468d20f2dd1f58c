package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tipgraph/tipgraph/ingest"
)

func newValidateCmd(a *app) *cobra.Command {
	return &cobra.Command{
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
			victims := 0
			for _, f := range ds.Flows {
				victims += f.Victims
			}
			shared := ingest.SharedPersons(ds)
			if a.format == "json" {
				if shared == nil {
					shared = []ingest.Shared{}
				}
				return printJSON(a.stdout, map[string]any{
					"valid": true, "dataset": ds.Name, "records": len(ds.Flows),
					"countries": len(ds.Countries), "victims": victims, "problems": []any{},
					"groups": len(ds.Groups), "members": len(ds.Members), "ties": len(ds.Ties),
					"shared_persons": shared,
				})
			}
			_, err = fmt.Fprintf(a.stdout, "%s: ok, %d records, %d countries, %s victims\n",
				ds.Name, len(ds.Flows), len(ds.Countries), thousands(victims))
			if len(ds.Groups) > 0 {
				fmt.Fprintf(a.stdout, "%d groups, %d members, %d ties\n", len(ds.Groups), len(ds.Members), len(ds.Ties))
			}
			// A person in two groups is allowed (SPEC section 3) and noted.
			for _, s := range shared {
				fmt.Fprintf(a.stdout, "note: person %s is a member of %d groups: %s\n", s.Person, len(s.Groups), strings.Join(s.Groups, ", "))
			}
			return err
		},
	}
}

// problem is one validation problem in JSON and CSV output.
type problem struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Field   string `json:"field"`
	Problem string `json:"problem"`
}

func (a *app) printProblems(perrs *ingest.Errors) error {
	list := make([]problem, len(perrs.List))
	rows := make([][]string, len(perrs.List))
	for i, pe := range perrs.List {
		list[i] = problem{pe.File, pe.Line, pe.Column, pe.Field, pe.Err.Error()}
		rows[i] = []string{pe.File, itoa(pe.Line), itoa(pe.Column), pe.Field, pe.Err.Error()}
	}
	var err error
	switch a.format {
	case "json":
		err = printJSON(a.stdout, map[string]any{"valid": false, "problems": list, "truncated": perrs.Truncated})
	case "csv":
		err = printCSV(a.stdout, []string{"file", "line", "column", "field", "problem"}, rows)
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
