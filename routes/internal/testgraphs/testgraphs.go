// Package testgraphs loads the graphs under routes/testdata/graphs, with
// the NetworkX reference values computed for them, for every algorithm's
// tests.
package testgraphs

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/tipgraph/tipgraph/graph"
)

// Dir is the routes/testdata directory.
func Dir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "testdata")
}

// Names lists the graphs that have NetworkX reference values.
func Names(t testing.TB) []string {
	files, err := filepath.Glob(filepath.Join(Dir(), "networkx", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no reference graphs under %s: %v", Dir(), err)
	}
	var names []string
	for _, f := range files {
		names = append(names, strings.TrimSuffix(filepath.Base(f), ".json"))
	}
	return names
}

// Dataset builds a dataset with one single-leg flow per edge of graph name.
func Dataset(t testing.TB, name string) *graph.Dataset {
	f, err := os.Open(filepath.Join(Dir(), "graphs", name+".csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	ds := &graph.Dataset{Name: name, Countries: map[string]graph.Country{}}
	for i, r := range rows[1:] {
		v, err := strconv.Atoi(r[2])
		if err != nil {
			t.Fatalf("%s line %d: %v", name, i+2, err)
		}
		ds.Flows = append(ds.Flows, graph.Flow{
			ID: strconv.Itoa(i), Origin: r[0], Destination: r[1], Victims: v,
			Vectors: []graph.Vector{graph.VectorUnknown}, Period: graph.Year(2006),
		})
	}
	return ds
}

// LegGraph builds the leg graph of graph name with no filter.
func LegGraph(t testing.TB, name string) *graph.LegGraph {
	lg, err := graph.NewLegGraph(Dataset(t, name), graph.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	return lg
}

// Reference holds the values networkx_reference.py computed for a graph.
type Reference struct {
	NetworkXVersion           string             `json:"networkx_version"`
	Nodes                     []string           `json:"nodes"`
	Betweenness               map[string]float64 `json:"betweenness"`
	BetweennessInverseVictims map[string]float64 `json:"betweenness_inverse_victims"`
	PageRank                  map[string]float64 `json:"pagerank"`
	// StronglyConnectedComponents is every component of
	// nx.strongly_connected_components (singletons too), each sorted,
	// largest first, ties by first node.
	StronglyConnectedComponents [][]string `json:"strongly_connected_components"`
	Paths                       []PathCase `json:"paths"`
}

// PathCase is the first paths of nx.shortest_simple_paths between two
// nodes, by hops and by 1/victims, with the tie group of the last one.
type PathCase struct {
	From          string     `json:"from"`
	To            string     `json:"to"`
	Hops          []int      `json:"hops"`
	Paths         [][]string `json:"paths"`
	NextHops      *int       `json:"next_hops"`
	Costs         []float64  `json:"costs"`
	WeightedPaths [][]string `json:"weighted_paths"`
	NextCost      *float64   `json:"next_cost"`
	LastHopGroup  [][]string `json:"last_hop_group"`
	LastCostGroup [][]string `json:"last_cost_group"`
}

// Load reads the reference values of graph name.
func Load(t testing.TB, name string) *Reference {
	b, err := os.ReadFile(filepath.Join(Dir(), "networkx", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var r Reference
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	return &r
}
