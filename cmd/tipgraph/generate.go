package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/tipgraph/tipgraph/ingest"
)

// generateArgs are the flags of the generate command.
type generateArgs struct {
	countries, flows, groups int
	seed                     uint64
	out                      string
	force                    bool
}

func (g *generateArgs) check() error {
	switch {
	case g.out == "":
		return usagef("generate needs -o DIR")
	case g.countries < 4 || g.countries > ingest.MaxGenerateCountries():
		return usagef("--countries %d: want 4 to %d (the countries with map positions)", g.countries, ingest.MaxGenerateCountries())
	case g.flows < 0 || g.groups < 0:
		return usagef("--flows and --groups must not be negative")
	}
	return nil
}

func newGenerateCmd(a *app) *cobra.Command {
	var ga generateArgs
	cmd := &cobra.Command{
		Use:   "generate -o DIR",
		Short: "Write a synthetic dataset for scale tests (same seed, same bytes)",
		Long: `generate writes a deterministic synthetic dataset in the format --data reads:
flows.csv with real country codes, a few dominant origins and destinations,
zero to three transit countries per record and years 2000-2010, and with
--groups, groups.csv, members.csv and ties.csv whose groups run one record in
three (cells by country around leaders who are hubs and cut points).`,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := ga.check(); err != nil {
				return err
			}
			cfg := ingest.GenerateConfig{Countries: ga.countries, Flows: ga.flows, Groups: ga.groups, Seed: ga.seed}
			if err := os.MkdirAll(ga.out, 0o755); err != nil {
				return err
			}
			err := writeAtomically(filepath.Join(ga.out, "flows.csv"), ga.force, func(w io.Writer) error {
				return ingest.Generate(w, cfg)
			})
			if err != nil {
				return err
			}
			if ga.groups > 0 {
				// The three group files come from one generator run.
				err := writeAtomically(filepath.Join(ga.out, "groups.csv"), ga.force, func(gw io.Writer) error {
					return writeAtomically(filepath.Join(ga.out, "members.csv"), ga.force, func(mw io.Writer) error {
						return writeAtomically(filepath.Join(ga.out, "ties.csv"), ga.force, func(tw io.Writer) error {
							return ingest.GenerateGroups(gw, mw, tw, cfg)
						})
					})
				})
				if err != nil {
					return err
				}
			}
			_, err = fmt.Fprintf(a.stdout, "wrote %s: %s flow records over %d countries, %d groups (seed %d)\n",
				ga.out, thousands(ga.flows), ga.countries, ga.groups, ga.seed)
			return err
		},
	}
	f := cmd.Flags()
	f.IntVar(&ga.countries, "countries", 100, "countries to draw from")
	f.IntVar(&ga.flows, "flows", 10_000, "flow records")
	f.IntVar(&ga.groups, "groups", 0, "trafficker groups")
	f.Uint64Var(&ga.seed, "seed", 1, "random seed")
	f.StringVarP(&ga.out, "out", "o", "", "output directory")
	f.BoolVar(&ga.force, "force", false, "overwrite existing files")
	return cmd
}

// writeAtomically writes path through a temporary file renamed into place
// when write succeeds; without force an existing file is an error.
func writeAtomically(path string, force bool, write func(io.Writer) error) error {
	if _, err := os.Stat(path); err == nil && !force {
		return usagef("%s exists (use --force to overwrite)", path)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o644); err != nil { // CreateTemp's 0600, for an ordinary file
		tmp.Close()
		return err
	}
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
