package exports_test

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/tipgraph/tipgraph/exports"
	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/ingest"
	"github.com/tipgraph/tipgraph/routes/groups"
)

// -update rewrites the golden files; it is registered here unless another
// test file of the package already did.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite testdata/*.golden from the current code")
	}
}

func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// groupFixture is a chain of three and a guardian, with one tie kind each.
func groupFixture(t *testing.T) (*graph.Dataset, *groups.MemberGraph, *groups.Report) {
	t.Helper()
	ds := &graph.Dataset{
		Countries: map[string]graph.Country{"RO": {Code: "RO", Name: "Romania"}, "DE": {Code: "DE", Name: "Germany"}},
		Groups:    []graph.Group{{ID: "ro1", Name: "Romanian \"chain\"", Countries: []string{"RO", "DE"}, Structure: "chain & guardian", Source: "seed <p. 2>"}},
		Members: []graph.Person{
			{Group: "ro1", ID: "ro1-ana", Role: graph.Recruiter, Gender: "female", Nationality: "RO", Country: "RO", FormerVictim: true},
			{Group: "ro1", ID: "ro1-dan", Role: graph.Transporter, Gender: "male", Nationality: "RO", Country: "RO"},
			{Group: "ro1", ID: "ro1-max", Role: graph.Exploiter, Nationality: "DE", Country: "DE"},
			{Group: "ro1", ID: "ro1-eva", Role: graph.Guardian, Gender: "female", Country: "DE"},
		},
		Ties: []graph.Tie{
			{Group: "ro1", From: "ro1-ana", To: "ro1-dan", Kind: graph.Recruits, Directed: true},
			{Group: "ro1", From: "ro1-dan", To: "ro1-max", Kind: graph.TransportsFor, Directed: true},
			{Group: "ro1", From: "ro1-max", To: "ro1-eva", Kind: graph.Family},
		},
	}
	reps, err := groups.Reports(context.Background(), ds, groups.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return ds, groups.MemberGraphs(ds)[0], &reps[0]
}

func TestGroupDOTGolden(t *testing.T) {
	ds, mg, rep := groupFixture(t)
	got := exports.GroupDOT(ds, mg, rep)
	path := filepath.Join("testdata", "group_chain.dot.golden")
	if updating() {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("GroupDOT differs from %s (go test ./exports -run GroupDOT -update):\n%s", path, got)
	}
	// The marks the diagram promises: the cut points and the bridge
	// between the RO and DE cells in red, one cluster per cell.
	for _, s := range []string{`"ro1-dan" [label="dan"`, `peripheries=2`, `"ro1-dan" -> "ro1-max" [style=dashed, color="#d7191c"`, `label="Romania (RO)"`, `label="Germany (DE)"`} {
		if !strings.Contains(string(got), s) {
			t.Errorf("DOT lacks %s", s)
		}
	}
}

// TestGroupGraphMLRoundTrip: the GraphML of a group reads back as the
// same group, members and ties.
func TestGroupGraphMLRoundTrip(t *testing.T) {
	ds, mg, rep := groupFixture(t)
	var b bytes.Buffer
	if err := exports.GroupGraphML(&b, mg, rep); err != nil {
		t.Fatal(err)
	}
	again, err := ingest.ReadGraphML(&b, "ro1.graphml")
	if err != nil {
		t.Fatalf("%v\n%s", err, b.String())
	}
	if !reflect.DeepEqual(again.Groups, ds.Groups) {
		t.Errorf("groups:\n got %+v\nwant %+v", again.Groups, ds.Groups)
	}
	// Members come back in id order (the member graph's), ties in order.
	byID := map[string]graph.Person{}
	for _, p := range ds.Members {
		byID[p.ID] = p
	}
	for _, p := range again.Members {
		if byID[p.ID] != p {
			t.Errorf("member %s: got %+v, want %+v", p.ID, p, byID[p.ID])
		}
	}
	if !reflect.DeepEqual(again.Ties, ds.Ties) || len(again.Members) != len(ds.Members) {
		t.Errorf("ties:\n got %+v\nwant %+v", again.Ties, ds.Ties)
	}
}

// TestGroupDiagramRemove: with members removed, the diagram crosses them
// out, greys their ties, colours each fragment's border and says the
// fragmentation in its title; the diagram renders as SVG.
func TestGroupDiagramRemove(t *testing.T) {
	ds, _, _ := groupFixture(t)
	dot, err := exports.GroupDiagram(context.Background(), ds, "ro1", "dot", "ro1-dan")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`"ro1-dan" [label=<<S>dan</S>>, xlabel="removed"`,
		`"ro1-ana" -> "ro1-dan" [style=solid, color="#cccccc"`,
		`without ro1-dan: 2 fragments, fragmentation 0.667 (was 0.000)`,
		`"ro1-max" [label="max", shape=octagon, fillcolor="#bebada", width=1.725, height=1.035, color="#1b9e77", penwidth=3`,
		`"ro1-ana" [label="ana", shape=ellipse, fillcolor="#fb8072", width=0.500, height=0.300, color="#d95f02", penwidth=3`,
	} {
		if !strings.Contains(string(dot), want) {
			t.Errorf("diagram lacks %s:\n%s", want, dot)
		}
	}
	svg, err := exports.GroupDiagram(context.Background(), ds, "ro1", "svg", "ro1-dan")
	if err != nil || !bytes.Contains(svg, []byte("<svg")) {
		t.Fatalf("svg: %v", err)
	}
}
