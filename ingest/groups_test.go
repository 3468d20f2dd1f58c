package ingest_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/ingest"
)

// TestGroupErrors: bad group tables in CSV, JSON and GraphML give
// file:line:column problems, all at once.
func TestGroupErrors(t *testing.T) {
	tests := []struct {
		name  string
		files fstest.MapFS
		want  []string
	}{
		{"csv", fstest.MapFS{
			"flows.csv":   {Data: []byte("origin,destination,victims,groups\nNG,IT,1,g1;gx\n")},
			"groups.csv":  {Data: []byte("id,countries\ng1,NG\n,IT\n")},
			"members.csv": {Data: []byte("group,person,role,nationality\ng1,a,recruiter,Nigeriaxyz\ng1,b,,\n")},
			"ties.csv":    {Data: []byte("group,from,to,directed\ng1,a,c,perhaps\n")},
		}, []string{
			"d/flows.csv:2:9: groups: unknown group \"gx\"",
			"d/groups.csv:3:1: id: required value missing",
			"d/members.csv:2:16: nationality: unknown country \"Nigeriaxyz\"",
			"d/ties.csv:2:8: directed: bad boolean \"perhaps\"",
			"d/ties.csv:2:6: to: unknown person \"c\" in group \"g1\"",
		}},
		{"json", fstest.MapFS{"d.json": {Data: []byte(`{"flows": [{"origin": "NG", "destination": "IT", "victims": 1, "groups": ["g1"]}],
"groups": [{"id": "g1"}, {"id": "g1"}],
"members": [{"group": "g1", "person": "a", "role": "madam"},
  {"group": "g1", "person": "b", "role": "exploiter", "x_note": "ok", "age": 30}],
"ties": [{"group": "g1", "from": "a", "to": "a", "kind": "recruits", "directed": true}]}`)}},
			[]string{
				"d/d.json:2:27: id: duplicate id: group \"g1\" (first on line 2)",
				"d/d.json:3:44: role: unknown role \"madam\"",
				"d/d.json:4:71: age: unknown column",
				"d/d.json:5:39: to: a tie needs two different persons",
			}},
		{"graphml", fstest.MapFS{
			"flows.csv": {Data: []byte("origin,destination,victims\nNG,IT,1\n")},
			"cell.graphml": {Data: []byte(`<graphml>
  <key id="r" for="node" attr.name="role"/>
  <graph edgedefault="undirected">
    <node id="a"><data key="r">recruiter</data></node>
    <node id="b"><data key="r">boss</data></node>
    <node id="c"/>
    <edge source="a" target="z"/>
  </graph>
</graphml>`)},
		}, []string{
			"d/cell.graphml:5:18: role: unknown role \"boss\"",
			"d/cell.graphml:7:5: to: unknown person \"z\" in group \"cell\"",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ingest.LoadFS(context.Background(), tt.files, "d")
			var perrs *ingest.Errors
			if !errors.As(err, &perrs) {
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

func TestGroupsRead(t *testing.T) {
	ds, err := ingest.LoadFS(context.Background(), fstest.MapFS{
		"flows.csv":   {Data: []byte("origin,destination,victims,groups\nNG,IT,1,g1\n")},
		"groups.csv":  {Data: []byte("id,name,countries\ng1,Edo,Nigeria;ITA\ng2,,\n")},
		"members.csv": {Data: []byte("group,person,role,gender,former_victim\ng1,a,Organizer,F,Yes\ng2,a,forger,,\n")},
		"ties.csv":    {Data: []byte("group,from,to,kind\ng2,a,a2,\n")},
		"g3.graphml":  {Data: []byte(`<graphml><graph edgedefault="directed"><node id="x"><data key="role">other</data></node><node id="y"><data key="role">other</data></node><edge source="x" target="y"/></graph></graphml>`)},
	}, "d")
	if err == nil || !strings.Contains(err.Error(), `ties.csv:2:6: to: unknown person "a2"`) {
		t.Fatalf("got %v", err)
	}
	ds, err = ingest.LoadFS(context.Background(), fstest.MapFS{
		"flows.csv":   {Data: []byte("origin,destination,victims,groups\nNG,IT,1,g1\n")},
		"groups.csv":  {Data: []byte("id,name,countries\ng1,Edo,Nigeria;ITA\ng2,,\n")},
		"members.csv": {Data: []byte("group,person,role,gender,former_victim\ng1,a,Organizer,F,Yes\ng2,a,forger,,\ng2,b,other,,\n")},
		"ties.csv":    {Data: []byte("group,from,to,kind\ng2,a,b,\ng2,b,a,controls\n")},
		"g3.graphml":  {Data: []byte(`<graphml><graph edgedefault="directed"><node id="x"><data key="role">other</data></node><node id="y"><data key="role">other</data></node><edge source="x" target="y"/></graph></graphml>`)},
	}, "d")
	if err != nil {
		t.Fatal(err)
	}
	if len(ds.Groups) != 3 || ds.Groups[0].Countries[1] != "IT" || ds.Groups[2].ID != "g3" {
		t.Errorf("groups %+v", ds.Groups)
	}
	want := graph.Person{Group: "g1", ID: "a", Role: graph.Organiser, Gender: "female", FormerVictim: true}
	if ds.Members[0] != want || ds.Members[1].Role != graph.DocumentForger {
		t.Errorf("members %+v", ds.Members)
	}
	// Empty kind is associate (undirected); controls is directed; GraphML
	// edges follow edgedefault.
	if ds.Ties[0].Kind != graph.Associate || ds.Ties[0].Directed || !ds.Ties[1].Directed || !ds.Ties[2].Directed {
		t.Errorf("ties %+v", ds.Ties)
	}
	if s := ingest.SharedPersons(ds); len(s) != 1 || s[0].Person != "a" || len(s[0].Groups) != 2 {
		t.Errorf("shared %+v", s)
	}
}
