package main

import (
	"github.com/spf13/cobra"

	"github.com/tipgraph/tipgraph/ingest"
)

func newDatasetsCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "datasets",
		Short: "List the built-in datasets",
		RunE: func(cmd *cobra.Command, _ []string) error {
			list := ingest.Builtins()
			switch a.format {
			case "json":
				return printJSON(a.stdout, map[string]any{"datasets": list})
			}
			rows := make([][]string, len(list))
			for i, b := range list {
				rows[i] = []string{"builtin:" + b.Name, b.Description}
			}
			if a.format == "csv" {
				return printCSV(a.stdout, []string{"name", "description"}, rows)
			}
			return printTable(a.stdout, []string{"NAME", "DESCRIPTION"}, rows)
		},
	}
}
