package groups_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"testing"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/ingest"
	"github.com/tipgraph/tipgraph/routes/groups"
)

// group builds a dataset of one group "g" with members named by ids (role
// other) and ties "a-b" (undirected associate) or "a>b:kind" (directed).
func group(ids []string, ties ...string) *graph.Dataset {
	ds := &graph.Dataset{Groups: []graph.Group{{ID: "g"}}}
	for _, id := range ids {
		ds.Members = append(ds.Members, graph.Person{Group: "g", ID: id, Role: graph.OtherRole})
	}
	for _, t := range ties {
		var a, b, kind string
		if n, _ := fmt.Sscanf(t, "%1s>%1s:%s", &a, &b, &kind); n == 3 {
			ds.Ties = append(ds.Ties, graph.Tie{Group: "g", From: a, To: b, Kind: graph.TieKind(kind), Directed: true})
			continue
		}
		fmt.Sscanf(t, "%1s-%1s", &a, &b)
		ds.Ties = append(ds.Ties, graph.Tie{Group: "g", From: a, To: b, Kind: graph.Associate})
	}
	return ds
}

func TestClassify(t *testing.T) {
	abc := []string{"a", "b", "c"}
	abcde := []string{"a", "b", "c", "d", "e"}
	tests := []struct {
		name string
		ds   *graph.Dataset
		want groups.Structure
	}{
		{"one member", group([]string{"a"}), groups.Individual},
		{"pair", group([]string{"a", "b"}, "a-b"), groups.SmallCell},
		{"pair without ties", group([]string{"a", "b"}), groups.SmallCell},
		{"three in a path", group(abc, "a-b", "b-c"), groups.Chain},
		{"triangle", group(abc, "a-b", "b-c", "c-a"), groups.SmallCell},
		{"five in a path", group(abcde, "a-b", "b-c", "c-d", "d-e"), groups.Chain},
		{"seven in a path is a network", group([]string{"a", "b", "c", "d", "e", "f", "g"}, "a-b", "b-c", "c-d", "d-e", "e-f", "f-g"), groups.Network},
		{"star without command", group(abcde, "a-b", "a-c", "a-d", "a-e"), groups.Network},
		{"three levels of command", group([]string{"a", "b", "c", "d", "e", "f"}, "a>b:controls", "a>c:controls", "d>b:reports-to", "e>c:reports-to", "f>b:reports-to"), groups.Hierarchy},
		{"a path of command is a chain", group(abcde, "a>b:controls", "a>c:controls", "d>b:reports-to", "e>c:reports-to"), groups.Chain},
		{"two levels only", group(abcde, "a>b:controls", "a>c:controls", "a>d:controls", "a>e:controls"), groups.Network},
		{"two tops", group(abcde, "a>c:controls", "b>d:controls", "d>e:controls"), groups.Network},
		{"undirected control does not count", group(abcde, "a-b", "b-c", "c-d", "a-e", "a-c"), groups.Network},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := groups.Classify(groups.MemberGraphs(tt.ds)[0])
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestCutPointsDeepPath runs the cut-point search on a path of 200,000
// members: a recursive search would need 200,000 nested calls.
func TestCutPointsDeepPath(t *testing.T) {
	const n = 200_000
	adj := make([][]int32, n)
	for i := 1; i < n; i++ {
		adj[i-1] = append(adj[i-1], int32(i))
		adj[i] = append(adj[i], int32(i-1))
	}
	points, bridges := groups.CutPoints(adj)
	if len(points) != n-2 || points[0] != 1 || points[len(points)-1] != n-2 {
		t.Errorf("%d cut points (first %d), want %d", len(points), points[0], n-2)
	}
	if len(bridges) != n-1 {
		t.Errorf("%d bridges, want %d", len(bridges), n-1)
	}
}

func TestCutPointsSmall(t *testing.T) {
	tests := []struct {
		name        string
		adj         [][]int32
		wantPoints  []int32
		wantBridges [][2]int32
	}{
		{"empty", nil, nil, nil},
		{"isolated", [][]int32{{}, {}}, nil, nil},
		{"edge", [][]int32{{1}, {0}}, nil, [][2]int32{{0, 1}}},
		{"triangle with tail", [][]int32{{1, 2}, {0, 2}, {0, 1, 3}, {2}}, []int32{2}, [][2]int32{{2, 3}}},
		{"two triangles at one node", [][]int32{{1, 2}, {0, 2}, {0, 1, 3, 4}, {2, 4}, {2, 3}}, []int32{2}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, b := groups.CutPoints(tt.adj)
			if !slices.Equal(p, tt.wantPoints) || !slices.Equal(b, tt.wantBridges) {
				t.Errorf("got %v %v, want %v %v", p, b, tt.wantPoints, tt.wantBridges)
			}
		})
	}
}

func TestSampledBetweennessAllPivotsIsExact(t *testing.T) {
	ctx := context.Background()
	adj := [][]int32{{1}, {0, 2, 3}, {1, 3}, {1, 2, 4}, {3}}
	exact, err := groups.Betweenness(ctx, adj)
	if err != nil {
		t.Fatal(err)
	}
	sampled, err := groups.SampledBetweenness(ctx, adj, 5, 1)
	if err != nil {
		t.Fatal(err)
	}
	for i := range exact {
		if math.Abs(exact[i]-sampled[i]) > 1e-12 {
			t.Errorf("node %d: sampled %v, exact %v", i, sampled[i], exact[i])
		}
	}
	// k < n: deterministic for a seed, and an estimate of the same scale.
	a, _ := groups.SampledBetweenness(ctx, adj, 3, 7)
	b, _ := groups.SampledBetweenness(ctx, adj, 3, 7)
	if !slices.Equal(a, b) {
		t.Errorf("same seed, different values: %v %v", a, b)
	}
}

func TestGroupsToc2010(t *testing.T) {
	ctx := context.Background()
	ds, err := ingest.Load(ctx, "builtin:toc2010")
	if err != nil {
		t.Fatal(err)
	}
	reps, err := groups.Reports(ctx, ds, groups.Options{})
	if err != nil {
		t.Fatal(err)
	}
	by := map[string]groups.Report{}
	class := map[groups.Structure]int{}
	for _, r := range reps {
		by[r.ID] = r
		class[r.Structure]++
	}
	// The seed's Romanian sample: 23 groups of three or more, 7 individuals.
	ro := 0
	for id, r := range by {
		if len(id) > 10 && id[:10] == "ro-unicri-" {
			ro++
			if r.Members == 2 {
				t.Errorf("%s has 2 members", id)
			}
		}
	}
	if ro != 30 || class[groups.Individual] != 7 {
		t.Errorf("%d Romanian groups, %d individuals; want 30 and 7", ro, class[groups.Individual])
	}
	az := by["az-network"]
	if az.Members <= 40 || len(az.Cells) != 5 || az.Structure != groups.Hierarchy {
		t.Errorf("az-network: %d members, %d cells, %s", az.Members, len(az.Cells), az.Structure)
	}
	if az.Brokers[0].Person != "az-network-organiser" {
		t.Errorf("az-network's first broker is %s, want the organiser", az.Brokers[0].Person)
	}
	ng := by["ng-edo"]
	if ng.FemaleShare < 0.5 || ng.Structure != groups.Network || ng.SameNationalityShare != 1 {
		t.Errorf("ng-edo: female %v, structure %s, same nationality %v", ng.FemaleShare, ng.Structure, ng.SameNationalityShare)
	}
	if _, err := groups.Reports(ctx, ds, groups.Options{Group: "nope"}); !errors.Is(err, groups.ErrUnknown) {
		t.Errorf("unknown group: %v", err)
	}
	tr, err := groups.Reports(ctx, ds, groups.Options{Country: "TR"})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, r := range tr {
		ids = append(ids, r.ID)
	}
	if !slices.Equal(ids, []string{"az-network", "ru-trio-tr"}) {
		t.Errorf("groups operating in TR: %v", ids)
	}
}

func TestPerCountry(t *testing.T) {
	ds := group([]string{"a", "b"}, "a-b")
	ds.Groups[0].Countries = []string{"NG"}
	ds.Members[0].Country = "IT"
	ds.Flows = []graph.Flow{{ID: "f", Origin: "NG", Via: []string{"LY"}, Destination: "IT", Groups: []string{"g"}}, {ID: "h", Origin: "RO", Destination: "DE"}}
	all := []*graph.Flow{&ds.Flows[0], &ds.Flows[1]}
	got := groups.PerCountry(ds, all)
	want := map[string]int{"NG": 1, "IT": 1, "LY": 1}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got %v, want %v", got, want)
	}
	// A filter that drops the flow drops its transit country.
	got = groups.PerCountry(ds, all[1:])
	want = map[string]int{"NG": 1, "IT": 1}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("filtered: got %v, want %v", got, want)
	}
}
