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
			return a.print(nil, ingest.ListBuiltins())
		},
	}
}
