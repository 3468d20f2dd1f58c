package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/ingest"
)

func newValidateCmd(a *app) *cobra.Command {
	var names bool
	cmd := &cobra.Command{
		Use:   "validate",
		Short: "Check the data and print every problem (exit 2 if any)",
		RunE: func(cmd *cobra.Command, _ []string) error {
			if a.usesNeo4j() {
				return a.validateStored(cmd.Context(), names)
			}
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

// flowStreamer is a store that passes its records on one at a time
// instead of holding them (Neo4j).
type flowStreamer interface {
	EachFlow(ctx context.Context, start func() func(*graph.Flow)) (*graph.Dataset, error)
}

// validateStored validates the datasets of the store, streaming their
// records: what was stored passed validate's checks when it was loaded,
// so what is left is to count (a million records in 39 MB instead of
// 376 MB held).
func (a *app) validateStored(ctx context.Context, names bool) error {
	st, err := a.store(ctx)
	if err != nil {
		return err
	}
	defer st.Close(ctx)
	fs, ok := st.(flowStreamer)
	if !ok {
		return fmt.Errorf("%T does not stream its records", st)
	}
	var sums *ingest.ValidationSums
	ds, err := fs.EachFlow(ctx, func() func(*graph.Flow) {
		sums = &ingest.ValidationSums{}
		return sums.Add
	})
	if err != nil {
		return fmt.Errorf("read dataset: %w", err)
	}
	return a.print(ds, sums.Validation(ds, names))
}
