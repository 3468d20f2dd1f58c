package ingest

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
)

// GenerateGroups writes groups.csv, members.csv and ties.csv for the
// cfg.Groups groups that Generate's flows name (G1, G2, ...): sizes from a
// heavy tail (most groups of two to five, a few networks of dozens or
// hundreds); members in cells by country of operation, each cell a star
// around its leader with a few ties among members, and cells joined in a
// chain through their leaders, so that leaders are hubs and cut points.
// Deterministic for a configuration.
func GenerateGroups(groups, members, ties io.Writer, cfg GenerateConfig) error {
	codes := generatorCountries(cfg)
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x67726f757073))
	gw, mw, tw := bufio.NewWriter(groups), bufio.NewWriter(members), bufio.NewWriter(ties)
	fmt.Fprintln(gw, strings.Join(GroupColumns, ","))
	fmt.Fprintln(mw, strings.Join(MemberColumns, ","))
	fmt.Fprintln(tw, strings.Join(TieColumns[:5], ",")) // no weight or period
	cellRoles := []string{"recruiter", "recruiter", "transporter", "exploiter", "exploiter", "guardian", "document-forger", "financier"}
	for g := range cfg.Groups {
		id := fmt.Sprintf("G%d", g+1)
		// Size: 2 + a Pareto tail, capped.
		size := min(2+int(math.Floor(math.Pow(rng.Float64(), -1.2)))-1, 400)
		cells := max(1, min(size/6, 5))
		countries := make([]string, 0, cells)
		for len(countries) < cells {
			c := codes[rng.IntN(len(codes))]
			if !slices.Contains(countries, c) {
				countries = append(countries, c)
			}
		}
		nat := countries[0]
		fmt.Fprintf(gw, "%s,Synthetic group %d,%s,%d cells,synthetic\n", id, g+1, strings.Join(countries, ";"), cells)
		leaders := make([]string, cells)
		for i := range size {
			cell := i % cells
			person := fmt.Sprintf("%s-p%d", id, i+1)
			role := cellRoles[rng.IntN(len(cellRoles))]
			if i < cells {
				role = "organiser"
				leaders[cell] = person
			}
			gender := "male"
			female := role == "recruiter" || role == "guardian"
			if rng.Float64() < map[bool]float64{true: 0.6, false: 0.2}[female] {
				gender = "female"
			}
			former := gender == "female" && role == "recruiter" && rng.IntN(4) == 0
			fmt.Fprintf(mw, "%s,%s,%s,%s,%s,%s,%v\n", id, person, role, gender, nat, countries[cell], former)
			if i >= cells {
				kind := map[string]string{"recruiter": "reports-to", "transporter": "transports-for", "exploiter": "reports-to"}[role]
				if kind == "" {
					kind = "associate"
				}
				fmt.Fprintf(tw, "%s,%s,%s,%s,%v\n", id, person, leaders[cell], kind, kind != "associate")
				// A few ties among the members of a cell.
				if i >= 2*cells && rng.IntN(3) == 0 {
					other := fmt.Sprintf("%s-p%d", id, i+1-cells)
					fmt.Fprintf(tw, "%s,%s,%s,associate,false\n", id, person, other)
				}
			}
		}
		// Cells join through their leaders, in a chain: every leader of
		// a multi-cell group is a hub and a cut point.
		for c := 1; c < cells; c++ {
			fmt.Fprintf(tw, "%s,%s,%s,reports-to,true\n", id, leaders[c], leaders[c-1])
		}
	}
	for _, w := range []*bufio.Writer{gw, mw, tw} {
		if err := w.Flush(); err != nil {
			return fmt.Errorf("generate groups: %w", err)
		}
	}
	return nil
}
