package ingest_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/ingest"
)

// loadFile writes text as dir/name and loads it.
func loadFile(t *testing.T, name, text string, opts ingest.Options) (*graph.Dataset, error) {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return ingest.Countries().LoadWith(context.Background(), opts, p)
}

// TestPersonNetworks reads adjacency matrices and edge lists: the group,
// its persons (role unknown), its ties with their weights, direction and
// periods, and the rows set aside.
func TestPersonNetworks(t *testing.T) {
	tests := []struct {
		name, file, text string
		ties             []graph.Tie // Group is the file's name
		members          int
		aside            int
	}{
		{"symmetric matrix", "cell.csv", "\ufeff,a,b,c\r\na,0,2,\r\nb,2,0,1.5\r\nc,,1.5,0\r\n",
			[]graph.Tie{{From: "a", To: "b", Weight: 2}, {From: "b", To: "c", Weight: 1.5}}, 3, 0},
		{"directed matrix, rows in any order, diagonal set aside", "calls.csv", ",a,b,c\nb,3,0,0\na,1,7,0\nc,0,4,0\n",
			[]graph.Tie{{From: "a", To: "b", Weight: 7, Directed: true}, {From: "b", To: "a", Weight: 3, Directed: true},
				{From: "c", To: "b", Weight: 4, Directed: true}}, 3, 1},
		{"edge list", "wire.csv", "from,to,weight,date,period,x_note\na,b,3,2006-03-14,,x\nb,c,,,2005-2007,\nc,c,2,,,\nc,d,0,,,\n",
			[]graph.Tie{{From: "a", To: "b", Weight: 3, Period: graph.Year(2006)}, {From: "b", To: "c", Weight: 1, Period: graph.Period{From: 2005, To: 2007}}}, 4, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds, err := loadFile(t, tt.file, tt.text, ingest.Options{})
			if err != nil {
				t.Fatal(err)
			}
			group := strings.TrimSuffix(tt.file, ".csv")
			if len(ds.Groups) != 1 || ds.Groups[0].ID != group || len(ds.Members) != tt.members {
				t.Fatalf("groups %v, %d members; want group %s of %d", ds.Groups, len(ds.Members), group, tt.members)
			}
			for _, p := range ds.Members {
				if p.Role != graph.UnknownRole || p.Group != group {
					t.Errorf("member %+v: want role unknown in %s", p, group)
				}
			}
			if len(ds.Ties) != len(tt.ties) {
				t.Fatalf("ties %+v, want %+v", ds.Ties, tt.ties)
			}
			for i, want := range tt.ties {
				want.Group, want.Kind = group, graph.Associate
				if ds.Ties[i] != want {
					t.Errorf("tie %d: got %+v, want %+v", i, ds.Ties[i], want)
				}
			}
			if ds.SetAside.Rows != tt.aside {
				t.Errorf("set aside %+v, want %d rows", ds.SetAside, tt.aside)
			}
		})
	}
}

// TestPersonNetworkErrors: bad matrices and edge lists give
// file:line:column problems, all at once, and --strict turns set-aside
// cells into problems.
func TestPersonNetworkErrors(t *testing.T) {
	tests := []struct {
		name, file, text string
		strict           bool
		want             []string
	}{
		{"matrix", "m.csv", ",a,b,a,\na,0,x,0,0\nb,-1,0,0,0\nz,0,0,0,0\n", false, []string{
			"m.csv:1:6: a: duplicate id: \"a\" twice in the header",
			"m.csv:1:8: id: an adjacency matrix needs an id in every header cell but the first",
		}},
		{"matrix cells", "m.csv", ",a,b\na,0,x\nb,-1,0\nz,0,0\nb,0,0\n", false, []string{
			"m.csv:2:5: b: a tie weight is a number >= 0 (0 or empty: no tie), got \"x\"",
			"m.csv:3:3: a: a tie weight is a number >= 0",
			"m.csv:4:1: id: row id is not an id of the header: \"z\"",
			"m.csv:5:1: id: duplicate id: row \"b\" (first on line 3)",
		}},
		{"matrix short", "m.csv", ",a,b\na,0,1\nb,1\n", false, []string{"m.csv:3:4: b: wrong number of fields: 2 fields, header has 3", "m.csv:1:4: b: an adjacency matrix has one row per id of its header: no row for \"b\""}},
		{"matrix strict diagonal", "m.csv", ",a,b\na,2,1\nb,1,0\n", true, []string{"m.csv:2:3: a: diagonal cell"}},
		{"edge list", "e.csv", "from,to,weight,date,period,kind,directed\na,,1,,,,\na,b,-2,2006-13-01,20x,boss,maybe\na,b,1,2006,2007,,\n", false, []string{
			"e.csv:2:3: to: required value missing",
			"e.csv:3:5: weight: a tie weight is a number >= 0",
			"e.csv:3:8: date: bad date \"2006-13-01\"",
			"e.csv:3:19: period:",
			"e.csv:3:23: kind: unknown tie kind \"boss\"",
			"e.csv:3:28: directed: bad boolean \"maybe\"",
			"e.csv:4:12: period: the date's year 2006 is not within the period 2007",
		}},
		{"edge list strict", "e.csv", "from,to,weight\na,a,1\n", true, []string{"e.csv:2:3: to: a tie of a person with themself \"a-a\" (set aside without --strict)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := loadFile(t, tt.file, tt.text, ingest.Options{Strict: tt.strict})
			var perrs *ingest.Errors
			if !errors.As(err, &perrs) || !ingest.IsInputError(err) {
				t.Fatalf("got %v, want *ingest.Errors", err)
			}
			got := perrs.Error()
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("problems lack %q:\n%s", w, got)
				}
			}
		})
	}
}

// TestTieWeights: ties.csv, the JSON document and GraphML carry weight
// and period; empty weight is 1 (graph.Tie.W); a weight <= 0 is an error.
func TestTieWeights(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	for name, text := range map[string]string{
		"flows.csv":   "origin,destination,victims\nNG,IT,1\n",
		"groups.csv":  "id\ng1\n",
		"members.csv": "group,person\ng1,a\ng1,b\ng1,c\n",
		"ties.csv":    "group,from,to,weight,period\ng1,a,b,12.5,2006\ng1,b,c,,\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ds, err := ingest.Load(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(ds.Ties) != 2 || ds.Ties[0].Weight != 12.5 || ds.Ties[0].Period != graph.Year(2006) || ds.Ties[1].W() != 1 {
		t.Fatalf("ties %+v", ds.Ties)
	}
	js := `{"flows": [{"origin": "NG", "destination": "IT", "victims": 1}], "groups": [{"id": "g1"}],
"members": [{"group": "g1", "person": "a"}, {"group": "g1", "person": "b"}],
"ties": [{"group": "g1", "from": "a", "to": "b", "weight": 3, "period": "2005-2007"}]}`
	jds, err := ingest.ReadJSON(strings.NewReader(js), "d.json")
	if err != nil {
		t.Fatal(err)
	}
	if jds.Ties[0].Weight != 3 || jds.Ties[0].Period != (graph.Period{From: 2005, To: 2007}) {
		t.Errorf("JSON tie %+v", jds.Ties[0])
	}
	if err := os.WriteFile(filepath.Join(dir, "ties.csv"), []byte("group,from,to,weight\ng1,a,b,0\ng1,b,c,-1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = ingest.Load(ctx, dir)
	if err == nil || !strings.Contains(err.Error(), "ties.csv:2:8: weight: a tie weight is a number > 0") {
		t.Errorf("got %v, want a weight problem at ties.csv:2:8", err)
	}
}
