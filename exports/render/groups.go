package render

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/routes/groups"
)

// groupsResult renders groups.Result: one row per group, or the full
// report of the one group asked for.
type groupsResult struct{ *groups.Result }

// csv writes one row per group; with a what-if removal (--remove,
// --disrupt: one group), one row per member of the group instead
// (disruptionCSV).
func (r groupsResult) csv(p *Printer) error {
	if len(r.Groups) == 1 && r.Groups[0].Disruption != nil {
		return disruptionCSV(p, &r.Groups[0])
	}
	rows := make([][]string, len(r.Groups))
	for i, g := range r.Groups {
		var cells, bridges []string
		for _, c := range g.Cells {
			cells = append(cells, fmt.Sprintf("%s:%d", orUnknown(c.Country), len(c.Members)))
		}
		for _, b := range g.CellBridges {
			bridges = append(bridges, b.From+"-"+b.To)
		}
		rows[i] = []string{g.ID, g.Name, p.Int(g.Members), p.Int(g.Ties), string(g.Structure), Ftoa(g.FemaleShare, 6),
			strings.Join(g.Countries, ";"), strings.Join(brokerList(g.Brokers), ";"), strings.Join(g.CutPoints, ";"),
			strings.Join(cells, ";"), strings.Join(bridges, ";"), strings.Join(g.Flows, ";"), p.Count(g.Victims), Ftoa(g.SameNationalityShare, 6)}
	}
	return p.rows([]string{"id", "name", "members", "ties", "structure", "female_share", "countries",
		"brokers", "cut_points", "cells", "cell_bridges", "flows", "victims", "same_nationality_share"}, rows)
}

// disruptionCSV writes one row per member of g after its what-if removal:
// the removed members first, in the order of removal, with their gain in
// fragmentation and the fragmentation once they (and those before them)
// are removed; then the others by id, with the fragment they are left in
// (1: the largest) and its size. Every row has the member's betweenness
// before and after.
func disruptionCSV(p *Printer, g *groups.Report) error {
	d := g.Disruption
	rows := make([][]string, len(d.Members))
	for i, m := range d.Members {
		order, gain, frag, fragment, size := "", "", "", "", ""
		if m.Removed > 0 {
			order, gain, frag = strconv.Itoa(m.Removed), Ftoa(m.Gain, 12), Ftoa(d.Gains[m.Removed-1].Fragmentation, 12)
		} else {
			fragment, size = strconv.Itoa(m.Fragment), p.Int(m.FragmentSize)
		}
		rows[i] = []string{g.ID, m.Person, order, gain, frag, Ftoa(m.Before, 12), Ftoa(m.After, 12), fragment, size}
	}
	return p.rows([]string{"group", "person", "removed", "gain", "fragmentation", "betweenness_before", "betweenness_after",
		"fragment", "fragment_size"}, rows)
}

// brokerList writes each broker as "person:betweenness".
func brokerList(bs []groups.Broker) []string {
	var out []string
	for _, b := range bs {
		out = append(out, fmt.Sprintf("%s:%s", b.Person, Ftoa(b.Betweenness, 12)))
	}
	return out
}

func (r groupsResult) table(p *Printer) error {
	w := p.w
	where := ""
	if r.Country != "" {
		where = " operating in " + r.Country
		if r.CountryName != "" {
			where = fmt.Sprintf(" operating in %s (%s)", r.CountryName, r.Country)
		}
	}
	if len(r.Groups) == 0 {
		_, err := fmt.Fprintf(w, "No trafficker groups%s; dataset %s\n", where, r.Dataset)
		return err
	}
	if r.Group != "" {
		return r.detail(p, &r.Groups[0])
	}
	fmt.Fprintf(w, "Trafficker groups%s: %d%s; dataset %s\n\n", where, len(r.Groups), r.flowsText(), r.Dataset)
	rows := make([][]string, len(r.Groups))
	for i, g := range r.Groups {
		top := "-"
		if len(g.Brokers) > 0 {
			top = fmt.Sprintf("%s (%s)", g.Brokers[0].Person, Ftoa(g.Brokers[0].Betweenness, 3))
		}
		female := "-"
		if g.GenderKnown > 0 {
			female = fmt.Sprintf("%d/%d", g.Female, g.GenderKnown)
		}
		rows[i] = []string{g.ID, strconv.Itoa(g.Members), strconv.Itoa(g.Ties), string(g.Structure), female, strings.Join(g.Countries, " "), top, strconv.Itoa(len(g.CutPoints)), p.Count(g.Victims)}
	}
	if err := p.rows([]string{"ID", "MEMBERS", "TIES", "STRUCTURE", "FEMALE", "COUNTRIES", "TOP BROKER", "CUT POINTS", "VICTIMS"}, rows); err != nil {
		return err
	}
	sharedNotes(w, r.Shared)
	_, err := fmt.Fprintln(w, "\n(tipgraph groups --group ID for roles, brokers, cut points, cells and flows of one group)")
	return err
}

// flowsText is "; flows of FILTER", or "" without a filter.
func (r groupsResult) flowsText() string {
	if r.Filter == nil {
		return ""
	}
	return "; flows of " + r.FilterText
}

// detail writes one group's full report.
func (r groupsResult) detail(p *Printer, g *groups.Report) error {
	w := p.w
	name := g.Name
	if name == "" {
		name = g.ID
	}
	fmt.Fprintf(w, "Group %s: %s%s; dataset %s\n\n", g.ID, name, r.flowsText(), r.Dataset)
	female := "unknown"
	if g.GenderKnown > 0 {
		female = fmt.Sprintf("%d of %d with a known gender (%.0f%%)", g.Female, g.GenderKnown, 100*g.FemaleShare)
	}
	var roles []string
	for _, role := range graph.Roles {
		if n := g.Roles[role]; n > 0 {
			roles = append(roles, fmt.Sprintf("%s %d", role, n))
		}
	}
	nationalities := make([]string, len(g.Nationalities))
	for i, c := range g.Nationalities {
		nationalities[i] = c.Country + " " + p.Int(c.Count)
	}
	origins := make([]string, len(g.VictimOrigins))
	for i, c := range g.VictimOrigins {
		origins[i] = c.Country + " " + p.Count(c.Count)
	}
	lines := [][]string{
		{"members", fmt.Sprintf("%d (%d ties, %d component(s))", g.Members, g.Ties, g.Components)},
		{"structure", string(g.Structure)},
		{"roles", strings.Join(roles, ", ")},
		{"women", female},
		{"former victims", strconv.Itoa(g.FormerVictims)},
		{"countries", strings.Join(g.Countries, " ")},
		{"nationalities", listOr(nationalities, "-")},
		{"victims from", listOr(origins, "-")},
		{"same nationality", fmt.Sprintf("%.0f%% of members of known nationality share one with victims; %.0f%% are nationals of a destination", 100*g.SameNationalityShare, 100*g.DestinationNationalShare)},
		{"flows", fmt.Sprintf("%d records, %s victims", len(g.Flows), p.Count(g.Victims))},
	}
	for _, l := range lines {
		fmt.Fprintf(w, "%-17s %s\n", l[0]+":", l[1])
	}
	kind := "betweenness"
	if g.Weighted {
		kind = "weighted betweenness, a tie's length 1/weight"
	}
	fmt.Fprintf(w, "\nBrokers (%s, %s):\n", kind, g.BetweennessMethod)
	if len(g.Brokers) == 0 {
		fmt.Fprintln(w, "  none (nobody lies on a shortest path between two others)")
	} else {
		rows := make([][]string, len(g.Brokers))
		for i, b := range g.Brokers {
			rows[i] = []string{"  " + b.Person, Ftoa(b.Betweenness, 6), strconv.Itoa(b.Degree), strconv.FormatFloat(b.Strength, 'g', -1, 64)}
		}
		WriteTable(w, []string{"  PERSON", "BETWEENNESS", "DEGREE", "STRENGTH"}, rows)
	}
	if g.Disruption != nil {
		disruption(w, g.Disruption)
	}
	fmt.Fprintf(w, "\nCut points (removal splits the group): %s\n", listOr(g.CutPoints, "none"))
	fmt.Fprintln(w, "\nCells (members by country of operation):")
	for _, c := range g.Cells {
		fmt.Fprintf(w, "  %s  %d: %s\n", orUnknown(c.Country), len(c.Members), strings.Join(c.Members, " "))
	}
	var bridges []string
	for _, b := range g.CellBridges {
		bridges = append(bridges, fmt.Sprintf("%s (%s) - %s (%s)", b.From, orUnknown(b.FromCell), b.To, orUnknown(b.ToCell)))
	}
	fmt.Fprintf(w, "\nBridges between cells: %s\n", listOr(bridges, "none"))
	if len(g.Shared) > 0 {
		fmt.Fprintf(w, "\nnote: also members of other groups: %s\n", strings.Join(g.Shared, ", "))
	}
	if len(g.Flows) > 0 {
		_, err := fmt.Fprintf(w, "\nFlow records operated: %s\n", strings.Join(g.Flows, ", "))
		return err
	}
	return nil
}

// disruption writes what is left of a group after a what-if removal.
func disruption(w io.Writer, d *groups.Disruption) {
	fmt.Fprintf(w, "\nWhat if %s removed (%s):\n", strings.Join(d.Removed, ", "), d.Method)
	fmt.Fprintf(w, "  fragmentation F           %s -> %s (share of pairs of remaining members who can no longer reach each other)\n",
		Ftoa(d.FragmentationBefore, 4), Ftoa(d.Fragmentation, 4))
	fmt.Fprintf(w, "  distance fragmentation    %s -> %s\n", Ftoa(d.DistanceFragmentationBefore, 4), Ftoa(d.DistanceFragmentation, 4))
	fmt.Fprintf(w, "  components                %d -> %d\n", d.ComponentsBefore, d.Components)
	fmt.Fprintf(w, "  largest component         %d -> %d\n", d.LargestComponentBefore, d.LargestComponent)
	if d.Bound != nil {
		fmt.Fprintf(w, "  upper bound on F          %s\n", Ftoa(*d.Bound, 4))
	}
	if len(d.Gains) > 1 || d.Method != "given" {
		for _, g := range d.Gains {
			fmt.Fprintf(w, "  %-25s +%s (F %s)\n", g.Person, Ftoa(g.Gain, 4), Ftoa(g.Fragmentation, 4))
		}
	}
	if len(d.Brokers) > 0 {
		fmt.Fprintln(w, "  brokers after:")
		rows := make([][]string, len(d.Brokers))
		for i, b := range d.Brokers {
			rows[i] = []string{"    " + b.Person, Ftoa(b.Before, 6), Ftoa(b.After, 6)}
		}
		WriteTable(w, []string{"    PERSON", "BEFORE", "AFTER"}, rows)
	}
	var small []string
	for _, f := range d.Fragments[min(1, len(d.Fragments)):] {
		if len(small) == 10 {
			small = append(small, fmt.Sprintf("... (%d fragments in all)", len(d.Fragments)))
			break
		}
		small = append(small, "{"+strings.Join(f, " ")+"}")
	}
	fmt.Fprintf(w, "  cut off from the largest component: %s\n", listOr(small, "nobody"))
	var cells []string
	for _, c := range d.CutOff {
		cells = append(cells, fmt.Sprintf("%s (%d)", orUnknown(c.Country), len(c.Members)))
	}
	fmt.Fprintf(w, "  cells cut off: %s\n", listOr(cells, "none"))
}

// orUnknown writes an unknown country as "?".
func orUnknown(code string) string {
	if code == "" {
		return "?"
	}
	return code
}

// listOr joins list with ", ", or is none when list is empty.
func listOr(list []string, none string) string {
	if len(list) == 0 {
		return none
	}
	return strings.Join(list, ", ")
}

// timelineResult renders groups.Timeline.
type timelineResult struct{ *groups.Timeline }

// csv writes one row per followed broker and period.
func (r timelineResult) csv(p *Printer) error {
	var rows [][]string
	for _, b := range r.Brokers {
		for i, pb := range r.Periods {
			rows = append(rows, []string{r.Group, pb.Period.String(), b.Person, Ftoa(b.Betweenness[i], 12), strconv.Itoa(b.Rank[i]),
				p.Int(pb.Ties), p.Int(pb.Active)})
		}
	}
	return p.rows([]string{"group", "period", "person", "betweenness", "rank", "period_ties", "period_active_members"}, rows)
}

func (r timelineResult) table(p *Printer) error {
	w := p.w
	name := r.Name
	if name == "" {
		name = r.Group
	}
	within := ""
	if r.Within != nil {
		within = "; periods within " + r.Within.String()
	}
	fmt.Fprintf(w, "Brokers over time: group %s: %s%s; dataset %s\n", r.Group, name, within, r.Dataset)
	fmt.Fprintf(w, "%s %s with a date or period, %s without (counted in every period)\n\n",
		Thousands(r.Dated), Plural(r.Dated, "tie"), Thousands(r.Undated))
	switch {
	case len(r.Periods) == 0 && r.Dated > 0:
		_, err := fmt.Fprintf(w, "No period: none of the group's dated ties lies within %s.\n", r.Within)
		return err
	case len(r.Periods) == 0:
		_, err := fmt.Fprintln(w, "No period: no tie of the group carries a date or period (edge lists: a date or period column).")
		return err
	}
	move := func(m *groups.Move) string {
		if m == nil {
			return "-"
		}
		return fmt.Sprintf("%s %s -> %s", m.Person, Ftoa(m.Before, 3), Ftoa(m.After, 3))
	}
	rows := make([][]string, len(r.Periods))
	for i, pb := range r.Periods {
		rows[i] = []string{pb.Period.String(), p.Int(pb.Ties), p.Int(pb.Active), pb.Method, move(pb.Rise), move(pb.Fall)}
	}
	if err := WriteTable(w, []string{"PERIOD", "TIES", "ACTIVE", "BETWEENNESS", "ROSE MOST", "FELL MOST"}, rows); err != nil {
		return err
	}
	kind := "betweenness"
	if r.Weighted {
		kind = "weighted betweenness, a tie's length 1/weight"
	}
	top := "Every broker of each period"
	if r.Top > 0 {
		top = fmt.Sprintf("The top %d brokers of each period", r.Top)
	}
	fmt.Fprintf(w, "\n%s (%s): betweenness (rank; - not a broker)\n", top, kind)
	if len(r.Brokers) == 0 {
		_, err := fmt.Fprintln(w, "  none (nobody lies on a shortest path between two others in any period)")
		return err
	}
	header := []string{"  PERSON"}
	for _, pb := range r.Periods {
		header = append(header, pb.Period.String())
	}
	header = append(header, "CHANGE")
	rows = make([][]string, len(r.Brokers))
	for i, b := range r.Brokers {
		row := []string{"  " + b.Person}
		for j := range r.Periods {
			cell := "-"
			if b.Rank[j] > 0 {
				cell = fmt.Sprintf("%s (%d)", Ftoa(b.Betweenness[j], 3), b.Rank[j])
			}
			row = append(row, cell)
		}
		rows[i] = append(row, fmt.Sprintf("%+.3f", b.Change))
	}
	return WriteTable(w, header, rows)
}
