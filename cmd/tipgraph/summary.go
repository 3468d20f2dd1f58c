package main

import (
	"github.com/spf13/cobra"

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
			lg, ds, err := a.aggregated(cmd.Context(), flt)
			if err != nil {
				return err
			}
			res, err := routes.SummaryQuery{Filter: flt}.RunGraph(cmd.Context(), lg, ds)
			if err != nil {
				return err
			}
			return a.print(ds, res)
		},
	}
	ff.register(cmd.Flags())
	return cmd
}
