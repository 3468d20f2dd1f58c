package exports

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/routes/groups"
)

// roleStyle is how a role is drawn: a shape and a fill colour
// (ColorBrewer Set1/Set2, readable in print and by most colour-blind
// readers thanks to the distinct shapes).
type roleStyle struct{ shape, color string }

var roleStyles = map[graph.Role]roleStyle{
	graph.Recruiter:      {"ellipse", "#fb8072"},
	graph.Transporter:    {"box", "#80b1d3"},
	graph.Exploiter:      {"octagon", "#bebada"},
	graph.Guardian:       {"house", "#fdb462"},
	graph.DocumentForger: {"note", "#b3de69"},
	graph.Financier:      {"diamond", "#ffffb3"},
	graph.Organiser:      {"doubleoctagon", "#fccde5"},
	graph.OtherRole:      {"circle", "#d9d9d9"},
	graph.UnknownRole:    {"circle", "#f7f7f7"},
}

// tieStyles draws each tie kind.
var tieStyles = map[graph.TieKind]string{
	graph.Recruits:      `style=solid`,
	graph.TransportsFor: `style=dashed`,
	graph.Controls:      `style=bold`,
	graph.ReportsTo:     `style=bold, arrowhead=empty`,
	graph.Associate:     `style=dotted`,
	graph.Family:        `style=solid, color="#8c6d31"`,
}

// GroupDOT writes the diagram of one group as Graphviz DOT (fdp layout,
// which keeps clusters): members drawn by role (shape and colour, see the
// legend), size growing with betweenness, cut points with a thick red
// double border, cells (members by country of operation) as clusters
// labelled with the country, directed ties as arrows styled by kind, and
// the bridges between cells in red. rep is the group's report from
// groups.Reports and mg its member graph; ds names the countries. The
// output is deterministic: members in id order, ties in dataset order.
func GroupDOT(ds *graph.Dataset, mg *groups.MemberGraph, rep *groups.Report) []byte {
	var b bytes.Buffer
	prefix := mg.Group.ID + "-"
	short := func(id string) string {
		if s, ok := strings.CutPrefix(id, prefix); ok && s != "" {
			return s
		}
		return id
	}
	bc := map[string]float64{}
	for _, br := range rep.Brokers {
		bc[br.Person] = br.Betweenness
	}
	cut := map[string]bool{}
	for _, p := range rep.CutPoints {
		cut[p] = true
	}
	bridge := map[[2]string]bool{}
	for _, cb := range rep.CellBridges {
		bridge[[2]string{cb.From, cb.To}] = true
		bridge[[2]string{cb.To, cb.From}] = true
	}
	// With a what-if removal: who is removed, and each remaining member's
	// fragment (0 the largest).
	removed, fragment := map[string]bool{}, map[string]int{}
	d := rep.Disruption
	if d != nil {
		for _, p := range d.Removed {
			removed[p] = true
		}
		for i, f := range d.Fragments {
			for _, p := range f {
				fragment[p] = i
			}
		}
		cut = map[string]bool{}
		bridge = map[[2]string]bool{}
	}
	title := mg.Group.Name
	if title == "" {
		title = mg.Group.ID
	}
	caption := fmt.Sprintf("%s: %d members, %s; cut points in red", title, rep.Members, rep.Structure)
	if d != nil {
		caption = fmt.Sprintf("%s without %s: %d fragments, fragmentation %s (was %s); fragments by border colour",
			title, strings.Join(d.Removed, ", "), d.Components, groupFtoa(d.Fragmentation), groupFtoa(d.FragmentationBefore))
	}
	fmt.Fprintf(&b, "digraph %s {\n", quote("group "+mg.Group.ID))
	fmt.Fprintf(&b, "  graph [layout=fdp, overlap=false, sep=\"+8\", splines=true, fontname=\"Helvetica\", fontsize=16, labelloc=t, label=%s];\n",
		quote(caption))
	b.WriteString("  node [style=filled, fontname=\"Helvetica\", fontsize=10, penwidth=1];\n")
	b.WriteString("  edge [color=\"#555555\", arrowsize=0.7];\n")
	for ci, cell := range rep.Cells {
		label := "country unknown"
		if cell.Country != "" {
			label = cell.Country
			if c, ok := ds.Countries[cell.Country]; ok && c.Name != "" {
				label = fmt.Sprintf("%s (%s)", c.Name, cell.Country)
			}
		}
		fmt.Fprintf(&b, "  subgraph cluster_%d {\n    label=%s; style=rounded; color=\"#999999\";\n", ci, quote(label))
		for _, id := range cell.Members {
			i, _ := mg.ID(id)
			p := mg.Members[i]
			st, ok := roleStyles[p.Role]
			if !ok {
				st = roleStyles[graph.OtherRole]
			}
			size := 0.5 + 1.5*math.Sqrt(bc[id])
			attrs := fmt.Sprintf("label=%s, shape=%s, fillcolor=%q, width=%s, height=%s",
				quote(short(id)), st.shape, st.color, groupFtoa(size), groupFtoa(size*0.6))
			switch {
			case cut[id]:
				attrs += `, color="#d7191c", penwidth=3, peripheries=2`
			case removed[id]:
				attrs = fmt.Sprintf("label=<<S>%s</S>>, xlabel=\"removed\", shape=%s, style=\"filled,dashed\", fillcolor=\"#ffffff\", color=\"#999999\", fontcolor=\"#999999\", width=%s, height=%s",
					xmlText(short(id)), st.shape, groupFtoa(size), groupFtoa(size*0.6))
			case d != nil:
				attrs += fmt.Sprintf(", color=%q, penwidth=3", fragmentColor(fragment[id]))
			}
			fmt.Fprintf(&b, "    %s [%s, tooltip=%s];\n", quote(id), attrs, quote(personTooltip(p, bc[id])))
		}
		b.WriteString("  }\n")
	}
	for _, t := range mg.Ties {
		if t.From == t.To {
			continue
		}
		style := tieStyles[t.Kind]
		if !t.Directed {
			style += ", dir=none"
		}
		if bridge[[2]string{t.From, t.To}] {
			style += `, color="#d7191c", penwidth=2.5`
		}
		if removed[t.From] || removed[t.To] {
			style += `, color="#cccccc"`
		}
		fmt.Fprintf(&b, "  %s -> %s [%s, tooltip=%s];\n", quote(t.From), quote(t.To), style, quote(string(t.Kind)))
	}
	// Legend: the roles present, then the marks.
	b.WriteString("  subgraph cluster_legend {\n    label=\"roles\"; style=rounded; color=\"#cccccc\"; fontsize=11;\n")
	for _, r := range graph.Roles {
		if rep.Roles[r] == 0 {
			continue
		}
		st := roleStyles[r]
		fmt.Fprintf(&b, "    %s [label=%s, shape=%s, fillcolor=%q, fontsize=9];\n", quote("legend "+string(r)), quote(fmt.Sprintf("%s (%d)", r, rep.Roles[r])), st.shape, st.color)
	}
	if len(rep.CutPoints) > 0 {
		b.WriteString("    \"legend cut point\" [label=\"cut point\", shape=circle, fillcolor=white, color=\"#d7191c\", penwidth=3, peripheries=2, fontsize=9];\n")
	}
	b.WriteString("  }\n}\n")
	return b.Bytes()
}

// fragmentColors mark the fragments left by a removal, the largest
// first (ColorBrewer Dark2); further fragments reuse the last.
var fragmentColors = []string{"#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#666666"}

func fragmentColor(i int) string { return fragmentColors[min(i, len(fragmentColors)-1)] }

func personTooltip(p *graph.Person, bc float64) string {
	parts := []string{p.ID, string(p.Role)}
	for _, s := range []string{p.Gender, p.Nationality, p.Country} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	if p.FormerVictim {
		parts = append(parts, "former victim")
	}
	if bc > 0 {
		parts = append(parts, "betweenness "+strconv.FormatFloat(bc, 'f', 3, 64))
	}
	return strings.Join(parts, ", ")
}

func groupFtoa(x float64) string { return strconv.FormatFloat(x, 'f', 3, 64) }

// GroupGraphML writes one group's network as GraphML that the GraphML
// reader (ingest) reads back as the same group: graph data name,
// countries, structure and source; node data role, gender, nationality,
// country, former_victim, and betweenness and cut_point from rep for
// other tools (ignored when read back); edge data kind, directed, and
// weight and period when the tie has them.
func GroupGraphML(w io.Writer, mg *groups.MemberGraph, rep *groups.Report) error {
	bc := map[string]float64{}
	for _, br := range rep.Brokers {
		bc[br.Person] = br.Betweenness
	}
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<graphml xmlns="http://graphml.graphdrawing.org/xmlns">` + "\n")
	keys := []struct{ id, domain, name, typ string }{
		{"g0", "graph", "name", "string"}, {"g1", "graph", "countries", "string"},
		{"g2", "graph", "structure", "string"}, {"g3", "graph", "source", "string"},
		{"n0", "node", "role", "string"}, {"n1", "node", "gender", "string"},
		{"n2", "node", "nationality", "string"}, {"n3", "node", "country", "string"},
		{"n4", "node", "former_victim", "boolean"}, {"n5", "node", "betweenness", "double"},
		{"n6", "node", "cut_point", "boolean"},
		{"e0", "edge", "kind", "string"}, {"e1", "edge", "directed", "boolean"},
		{"e2", "edge", "weight", "double"}, {"e3", "edge", "period", "string"},
	}
	for _, k := range keys {
		fmt.Fprintf(&b, `  <key id="%s" for="%s" attr.name="%s" attr.type="%s"/>`+"\n", k.id, k.domain, k.name, k.typ)
	}
	b.WriteString(`  <graph edgedefault="undirected">` + "\n")
	data := func(indent, key, val string) {
		if val == "" {
			return
		}
		fmt.Fprintf(&b, "%s<data key=\"%s\">%s</data>\n", indent, key, xmlText(val))
	}
	g := mg.Group
	data("    ", "g0", g.Name)
	data("    ", "g1", strings.Join(g.Countries, ";"))
	data("    ", "g2", g.Structure)
	data("    ", "g3", g.Source)
	for _, p := range mg.Members {
		fmt.Fprintf(&b, "    <node id=\"%s\">\n", xmlText(p.ID))
		data("      ", "n0", string(p.Role))
		data("      ", "n1", p.Gender)
		data("      ", "n2", p.Nationality)
		data("      ", "n3", p.Country)
		data("      ", "n4", strconv.FormatBool(p.FormerVictim))
		data("      ", "n5", strconv.FormatFloat(bc[p.ID], 'g', -1, 64))
		data("      ", "n6", strconv.FormatBool(slices.Contains(rep.CutPoints, p.ID)))
		b.WriteString("    </node>\n")
	}
	for _, t := range mg.Ties {
		fmt.Fprintf(&b, "    <edge source=\"%s\" target=\"%s\" directed=\"%t\">\n", xmlText(t.From), xmlText(t.To), t.Directed)
		data("      ", "e0", string(t.Kind))
		data("      ", "e1", strconv.FormatBool(t.Directed))
		if t.Weight > 0 {
			data("      ", "e2", strconv.FormatFloat(t.Weight, 'g', -1, 64))
		}
		if !t.Period.IsZero() {
			data("      ", "e3", t.Period.String())
		}
		b.WriteString("    </edge>\n")
	}
	b.WriteString("  </graph>\n</graphml>\n")
	_, err := w.Write(b.Bytes())
	return err
}
