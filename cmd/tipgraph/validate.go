package main

import (
	"errors"

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
				if err := a.print(nil, ingest.ProblemsOf(perrs)); err != nil {
					return err
				}
				return &errReported{exitBadInput}
			}
			if err != nil {
				return err
			}
			return a.print(ds, ingest.Validate(ds, names))
		},
	}
	cmd.Flags().BoolVar(&names, "names", false, "list every country text matched by a rule other than a code or a name (translation, demonym, misspelling...), for review")
	return cmd
}
