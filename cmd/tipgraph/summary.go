package main

import (
	"github.com/spf13/cobra"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/routes"
)

func newSummaryCmd(a *app) *cobra.Command {
	var ff filterFlags
	cmd := &cobra.Command{
		Use:   "summary",
		Short: "Countries, records, legs, victims, periods and sources of the data",
		RunE: func(cmd *cobra.Command, _ []string) error {
			flt, err := ff.filter()
			if err != nil {
				return err
			}
			ds, err := a.dataset(cmd.Context())
			if err != nil {
				return err
			}
			lg, err := graph.NewLegGraph(ds, flt)
			if err != nil {
				return err
			}
			s := routes.Summarize(lg)
			return a.print(ds, &s)
		},
	}
	ff.register(cmd.Flags())
	return cmd
}
