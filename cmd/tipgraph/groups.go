package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tipgraph/tipgraph/exports"
	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/ingest"
	"github.com/tipgraph/tipgraph/routes/groups"
)

// groupsArgs are the flags of the groups command.
type groupsArgs struct {
	group   string
	country string
	brokers int
}

// check validates the flags and turns them into groups.Options.
func (g *groupsArgs) check() (groups.Options, error) {
	opt := groups.Options{Group: strings.TrimSpace(g.group)}
	if g.brokers < 0 {
		return opt, usagef("--brokers %d: want 0 (all) or more", g.brokers)
	}
	if g.group != "" && opt.Group == "" {
		return opt, usagef("--group: empty group id")
	}
	if g.country != "" {
		code, err := resolveCountry("country", g.country)
		if err != nil {
			return opt, err
		}
		opt.Country = code
	}
	return opt, nil
}

// groupsResult is the JSON document of groups (docs/commands.md).
type groupsResult struct {
	Dataset string `json:"dataset"`
	Group   string `json:"group,omitempty"`
	Country string `json:"country,omitempty"`
	// Filter is the analysis filter of the flows, when one is given;
	// flows describes it for the text output.
	Filter *graph.FilterJSON `json:"filter,omitempty"`
	flows  string
	Groups []groups.Report `json:"groups"`
	// Shared are the persons listed in more than one group of the dataset.
	Shared []ingest.Shared `json:"shared_persons"`
}

func newGroupsCmd(a *app) *cobra.Command {
	var ff filterFlags
	var ga groupsArgs
	cmd := &cobra.Command{
		Use:   "groups",
		Short: "Structure of trafficker groups: roles, brokers, cut points, cells",
		Long: `groups reports, for every trafficker group of the dataset (or the one given
by --group, or those operating in --country): size, role counts, female share,
members' nationalities against the nationalities (origins) of the victims on
the flows it operates, countries spanned, a structure class (individual, small
cell, chain, hierarchy, network), brokers (betweenness on the undirected member
graph, normalised as NetworkX betweenness_centrality(G, normalized=True)), cut
points (members whose removal splits the group), cells (members by country of
operation) and the bridges between them, and the flows and victims it operates.
A group operates in a country named in its countries, its members' countries,
or on the route of a flow it operates. The analysis filters (--year, --form,
--vector...) restrict the flows: a group's operated records, victims, victims'
nationalities and route countries then come from the records that pass them;
its members and structure do not change.`,
		RunE: func(cmd *cobra.Command, _ []string) error {
			flt, err := ff.filter()
			if err != nil {
				return err
			}
			opt, err := ga.check()
			if err != nil {
				return err
			}
			ds, err := a.dataset(cmd.Context())
			if err != nil {
				return err
			}
			filtered := !flt.IsZero()
			if filtered {
				lg, err := graph.NewLegGraph(ds, flt)
				if err != nil {
					return err
				}
				opt.Flows = lg.Flows
				if opt.Flows == nil {
					opt.Flows = []*graph.Flow{}
				}
			}
			reps, err := groups.Reports(cmd.Context(), ds, opt)
			if errors.Is(err, groups.ErrUnknown) {
				return usagef("--group: %v (the dataset has %d groups; run groups without --group to list them)", err, len(ds.Groups))
			}
			if err != nil {
				return err
			}
			res := &groupsResult{Dataset: ds.Name, Group: opt.Group, Country: opt.Country, Groups: reps, Shared: ingest.SharedPersons(ds)}
			if filtered {
				j := flt.JSON()
				res.Filter, res.flows = &j, "; flows of "+flt.String()
			}
			if res.Shared == nil {
				res.Shared = []ingest.Shared{}
			}
			if ga.brokers > 0 {
				for i := range res.Groups {
					if b := res.Groups[i].Brokers; len(b) > ga.brokers {
						res.Groups[i].Brokers = b[:ga.brokers]
					}
				}
			}
			return a.printGroups(ds, res)
		},
	}
	ff.register(cmd.Flags())
	f := cmd.Flags()
	f.StringVar(&ga.group, "group", "", "only this group (its id); shows the full report")
	f.StringVar(&ga.country, "country", "", "only groups operating in this country (code or name)")
	f.IntVar(&ga.brokers, "brokers", 5, "show the N members of highest betweenness per group (0: every member above 0)")
	return cmd
}

func (a *app) printGroups(ds *graph.Dataset, res *groupsResult) error {
	switch a.format {
	case "json":
		return a.printJSON(res)
	case "csv":
		return printCSV(a.stdout, []string{"id", "name", "members", "ties", "structure", "female_share", "countries",
			"brokers", "cut_points", "cells", "cell_bridges", "flows", "victims", "same_nationality_share"}, groupRows(res, true, &a.sup))
	}
	w := a.stdout
	defer a.sup.footnote(w)
	where := ""
	if res.Country != "" {
		where = " operating in " + countryLabel(ds, res.Country)
	}
	if len(res.Groups) == 0 {
		_, err := fmt.Fprintf(w, "No trafficker groups%s; dataset %s\n", where, res.Dataset)
		return err
	}
	if res.Group != "" {
		return printGroupDetail(w, ds, &res.Groups[0], res.flows, &a.sup)
	}
	fmt.Fprintf(w, "Trafficker groups%s: %d%s; dataset %s\n\n", where, len(res.Groups), res.flows, res.Dataset)
	if err := printTable(w, []string{"ID", "MEMBERS", "TIES", "STRUCTURE", "FEMALE", "COUNTRIES", "TOP BROKER", "CUT POINTS", "VICTIMS"}, groupRows(res, false, &a.sup)); err != nil {
		return err
	}
	for _, s := range res.Shared {
		fmt.Fprintf(w, "note: person %s is a member of %d groups: %s\n", s.Person, len(s.Groups), strings.Join(s.Groups, ", "))
	}
	_, err := fmt.Fprintln(w, "\n(tipgraph groups --group ID for roles, brokers, cut points, cells and flows of one group)")
	return err
}

// groupRows are the table (or CSV) rows of the groups; sup hides small
// victim counts.
func groupRows(res *groupsResult, csv bool, sup *suppressor) [][]string {
	rows := make([][]string, len(res.Groups))
	for i, g := range res.Groups {
		var brokers []string
		for _, b := range g.Brokers {
			brokers = append(brokers, fmt.Sprintf("%s:%s", b.Person, ftoa(b.Betweenness, 12)))
		}
		if csv {
			var cells, bridges []string
			for _, c := range g.Cells {
				cells = append(cells, fmt.Sprintf("%s:%d", orUnknown(c.Country), len(c.Members)))
			}
			for _, b := range g.CellBridges {
				bridges = append(bridges, b.From+"-"+b.To)
			}
			rows[i] = []string{g.ID, g.Name, itoa(g.Members), itoa(g.Ties), string(g.Structure), ftoa(g.FemaleShare, 6),
				strings.Join(g.Countries, ";"), strings.Join(brokers, ";"), strings.Join(g.CutPoints, ";"),
				strings.Join(cells, ";"), strings.Join(bridges, ";"), strings.Join(g.Flows, ";"), sup.cell(g.Victims, itoa), ftoa(g.SameNationalityShare, 6)}
			continue
		}
		top := "-"
		if len(g.Brokers) > 0 {
			top = fmt.Sprintf("%s (%s)", g.Brokers[0].Person, ftoa(g.Brokers[0].Betweenness, 3))
		}
		cut := itoa(len(g.CutPoints))
		female := "-"
		if g.GenderKnown > 0 {
			female = fmt.Sprintf("%d/%d", g.Female, g.GenderKnown)
		}
		rows[i] = []string{g.ID, itoa(g.Members), itoa(g.Ties), string(g.Structure), female, strings.Join(g.Countries, " "), top, cut, sup.cell(g.Victims, thousands)}
	}
	return rows
}

func orUnknown(code string) string {
	if code == "" {
		return "?"
	}
	return code
}

func countryLabel(ds *graph.Dataset, code string) string {
	if c, ok := ds.Countries[code]; ok && c.Name != "" {
		return fmt.Sprintf("%s (%s)", c.Name, code)
	}
	return code
}

// printGroupDetail prints one group's report; flows describes the filter
// of its flows ("" for all); sup hides small victim counts.
func printGroupDetail(w io.Writer, ds *graph.Dataset, g *groups.Report, flows string, sup *suppressor) error {
	victims := func(n int) string { return sup.cell(n, thousands) }
	name := g.Name
	if name == "" {
		name = g.ID
	}
	fmt.Fprintf(w, "Group %s: %s%s; dataset %s\n\n", g.ID, name, flows, ds.Name)
	female := "unknown"
	if g.GenderKnown > 0 {
		female = fmt.Sprintf("%d of %d with a known gender (%.0f%%)", g.Female, g.GenderKnown, 100*g.FemaleShare)
	}
	var roles []string
	for _, r := range graph.Roles {
		if n := g.Roles[r]; n > 0 {
			roles = append(roles, fmt.Sprintf("%s %d", r, n))
		}
	}
	lines := [][]string{
		{"members", fmt.Sprintf("%d (%d ties, %d component(s))", g.Members, g.Ties, g.Components)},
		{"structure", string(g.Structure)},
		{"roles", strings.Join(roles, ", ")},
		{"women", female},
		{"former victims", itoa(g.FormerVictims)},
		{"countries", strings.Join(g.Countries, " ")},
		{"nationalities", codeCounts(g.Nationalities, thousands)},
		{"victims from", codeCounts(g.VictimOrigins, victims)},
		{"same nationality", fmt.Sprintf("%.0f%% of members of known nationality share one with victims; %.0f%% are nationals of a destination", 100*g.SameNationalityShare, 100*g.DestinationNationalShare)},
		{"flows", fmt.Sprintf("%d records, %s victims", len(g.Flows), victims(g.Victims))},
	}
	for _, l := range lines {
		fmt.Fprintf(w, "%-17s %s\n", l[0]+":", l[1])
	}
	fmt.Fprintf(w, "\nBrokers (betweenness, %s):\n", g.BetweennessMethod)
	if len(g.Brokers) == 0 {
		fmt.Fprintln(w, "  none (nobody lies on a shortest path between two others)")
	} else {
		rows := make([][]string, len(g.Brokers))
		for i, b := range g.Brokers {
			rows[i] = []string{"  " + b.Person, ftoa(b.Betweenness, 6)}
		}
		printTable(w, []string{"  PERSON", "BETWEENNESS"}, rows)
	}
	fmt.Fprintf(w, "\nCut points (removal splits the group): %s\n", listOrNone(g.CutPoints))
	fmt.Fprintln(w, "\nCells (members by country of operation):")
	for _, c := range g.Cells {
		fmt.Fprintf(w, "  %s  %d: %s\n", orUnknown(c.Country), len(c.Members), strings.Join(c.Members, " "))
	}
	var bridges []string
	for _, b := range g.CellBridges {
		bridges = append(bridges, fmt.Sprintf("%s (%s) - %s (%s)", b.From, orUnknown(b.FromCell), b.To, orUnknown(b.ToCell)))
	}
	fmt.Fprintf(w, "\nBridges between cells: %s\n", listOrNone(bridges))
	if len(g.Shared) > 0 {
		fmt.Fprintf(w, "\nnote: also members of other groups: %s\n", strings.Join(g.Shared, ", "))
	}
	if len(g.Flows) > 0 {
		_, err := fmt.Fprintf(w, "\nFlow records operated: %s\n", strings.Join(g.Flows, ", "))
		return err
	}
	return nil
}

// codeCounts writes "NG 12, IT 3" with num formatting the counts.
func codeCounts(list []groups.CodeCount, num func(int) string) string {
	if len(list) == 0 {
		return "-"
	}
	parts := make([]string, len(list))
	for i, c := range list {
		parts[i] = fmt.Sprintf("%s %s", c.Country, num(c.Count))
	}
	return strings.Join(parts, ", ")
}

func listOrNone(list []string) string {
	if len(list) == 0 {
		return "none"
	}
	return strings.Join(list, ", ")
}

// exportGroup draws the network of one group for export --group: a
// diagram (dot, svg, png) or GraphML.
func exportGroup(ctx context.Context, ds *graph.Dataset, id, format string) ([]byte, error) {
	reps, err := groups.Reports(ctx, ds, groups.Options{Group: id})
	if errors.Is(err, groups.ErrUnknown) {
		return nil, usagef("--group: %v", err)
	}
	if err != nil {
		return nil, err
	}
	// groups.Reports found the group, so it is among the member graphs.
	all := groups.MemberGraphs(ds)
	mg := all[slices.IndexFunc(all, func(m *groups.MemberGraph) bool { return m.Group.ID == id })]
	if format == "graphml" {
		var b bytes.Buffer
		err := exports.GroupGraphML(&b, mg, &reps[0])
		return b.Bytes(), err
	}
	dot := exports.GroupDOT(ds, mg, &reps[0])
	if format == "dot" {
		return dot, nil
	}
	return exports.Render(ctx, dot, format)
}
