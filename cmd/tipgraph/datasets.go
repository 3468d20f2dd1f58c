package main

import (
	"github.com/spf13/cobra"

	"github.com/tipgraph/tipgraph/ingest"
)

func newDatasetsCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "datasets",
		Short: "List the built-in datasets, or with --neo4j the datasets stored in Neo4j",
		Long: `datasets lists the built-in datasets. With --neo4j (or NEO4J_URI) it lists the
datasets stored in Neo4j instead: name, records, victims, years, when loaded and
from what source.`,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if a.neo4j.uri != "" && (len(a.data) == 0 || a.neo4j.explicit) {
				st, err := a.openNeo4j(cmd.Context())
				if err != nil {
					return err
				}
				defer st.Close(cmd.Context())
				res, err := st.Stored(cmd.Context())
				if err != nil {
					return err
				}
				return a.print(nil, res)
			}
			return a.print(nil, ingest.ListBuiltins())
		},
	}
}
