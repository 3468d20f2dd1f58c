package groups_test

import (
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/tipgraph/tipgraph/ingest"
	"github.com/tipgraph/tipgraph/routes/groups"
)

// groupsReference is testdata/networkx.json, written by
// testdata/networkx_groups.py.
type groupsReference struct {
	Version  string `json:"networkx_version"`
	Networks map[string]struct {
		GraphML     string             `json:"graphml"`
		Nodes       []string           `json:"nodes"`
		NumEdges    int                `json:"num_edges"`
		Betweenness map[string]float64 `json:"betweenness"`
		Cut         []string           `json:"articulation_points"`
		Bridges     [][2]string        `json:"bridges"`
	} `json:"networks"`
}

// TestGroupsNetworkX compares brokers (betweenness), cut points and
// bridges with NetworkX on the GraphML networks of testdata, read
// through the GraphML reader.
func TestGroupsNetworkX(t *testing.T) {
	dir := "testdata"
	data, err := os.ReadFile(filepath.Join(dir, "networkx.json"))
	if err != nil {
		t.Fatal(err)
	}
	var ref groupsReference
	if err := json.Unmarshal(data, &ref); err != nil {
		t.Fatal(err)
	}
	if len(ref.Networks) < 5 {
		t.Fatalf("%d reference networks, want at least 5", len(ref.Networks))
	}
	ctx := context.Background()
	for name, want := range ref.Networks {
		t.Run(name, func(t *testing.T) {
			f, err := os.Open(filepath.Join(dir, want.GraphML))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			ds, err := ingest.ReadGraphML(f, want.GraphML)
			if err != nil {
				t.Fatal(err)
			}
			mg := groups.MemberGraphs(ds)[0]
			if got := len(mg.Members); got != len(want.Nodes) {
				t.Fatalf("%d members, want %d", got, len(want.Nodes))
			}
			if got := mg.Edges(); got != want.NumEdges {
				t.Fatalf("%d ties, want %d", got, want.NumEdges)
			}
			bc, err := groups.Betweenness(ctx, mg.Adj)
			if err != nil {
				t.Fatal(err)
			}
			for i, p := range mg.Members {
				if w := want.Betweenness[p.ID]; math.Abs(bc[i]-w) > 1e-9 {
					t.Errorf("betweenness of %s: got %.12f, want %.12f", p.ID, bc[i], w)
				}
			}
			points, bridges := groups.CutPoints(mg.Adj)
			var gotCut []string
			for _, v := range points {
				gotCut = append(gotCut, mg.Members[v].ID)
			}
			if !slices.Equal(gotCut, want.Cut) {
				t.Errorf("cut points: got %v, want %v", gotCut, want.Cut)
			}
			var gotBridges [][2]string
			for _, b := range bridges {
				gotBridges = append(gotBridges, [2]string{mg.Members[b[0]].ID, mg.Members[b[1]].ID})
			}
			if !slices.Equal(gotBridges, want.Bridges) {
				t.Errorf("bridges: got %v, want %v", gotBridges, want.Bridges)
			}
			// The report agrees with the algorithms it is made of.
			reps, err := groups.Reports(ctx, ds, groups.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(reps[0].CutPoints, want.Cut) && !(len(reps[0].CutPoints) == 0 && len(want.Cut) == 0) {
				t.Errorf("report cut points: got %v, want %v", reps[0].CutPoints, want.Cut)
			}
			for _, b := range reps[0].Brokers {
				if w := want.Betweenness[b.Person]; math.Abs(b.Betweenness-w) > 1e-9 {
					t.Errorf("report broker %s: got %.12f, want %.12f", b.Person, b.Betweenness, w)
				}
			}
		})
	}
}
