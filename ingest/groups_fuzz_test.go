package ingest_test

import (
	"bytes"
	"context"
	"io"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/ingest"
)

// sameGroups compares the group tables of two datasets, nil and empty
// alike.
func sameGroups(t *testing.T, a, b *graph.Dataset) {
	t.Helper()
	norm := func(ds *graph.Dataset) ([]graph.Group, []graph.Person, []graph.Tie) {
		gs := make([]graph.Group, len(ds.Groups))
		for i, g := range ds.Groups {
			if len(g.Countries) == 0 {
				g.Countries = nil
			}
			gs[i] = g
		}
		return gs, append([]graph.Person{}, ds.Members...), append([]graph.Tie{}, ds.Ties...)
	}
	ga, ma, ta := norm(a)
	gb, mb, tb := norm(b)
	if !reflect.DeepEqual(ga, gb) || !reflect.DeepEqual(ma, mb) || !reflect.DeepEqual(ta, tb) {
		t.Fatalf("groups differ after write and read:\n%+v\n%+v\n%+v\n---\n%+v\n%+v\n%+v", ga, ma, ta, gb, mb, tb)
	}
}

const fuzzFlows = "id,origin,destination,victims,groups\na,NG,IT,3,g1\nb,RO,DE,2,\n"

var groupSeeds = [][3]string{
	{"id,name,countries,structure,source\ng1,Edo,NG;IT,loose,\"seed, p.2\"\n",
		"group,person,role,gender,nationality,country,former_victim\ng1,p1,recruiter,f,NG,NG,yes\ng1,p2,exploiter,female,Nigeria,Italy,\n",
		"group,from,to,kind,directed\ng1,p1,p2,recruits,\ng1,p2,p1,family,false\n"},
	{"id\ng1\ng2\n", "group,person,role\ng1,a,other\ng2,a,organiser\n", "group,from,to\n"},
	{"id,countries\ng1,XX\n", "group,person,role\ng1,a,boss\n", "group,from,to,kind\ng1,a,b,friend\n"},
	{"\ufeffid,x_note\r\ng1,\"a\r\nb\"\r\n", "group,person,role,former_victim\ng1,a,recruiter,maybe\n", "group,from,to,directed\ng1,a,a,1\n"},
}

// FuzzReadGroups: no groups.csv, members.csv or ties.csv panics the
// directory reader, and an accepted dataset reads back the same after
// WriteGroups, WriteMembers and WriteTies.
func FuzzReadGroups(f *testing.F) {
	for _, s := range groupSeeds {
		f.Add(s[0], s[1], s[2])
	}
	f.Fuzz(func(t *testing.T, groups, members, ties string) {
		ctx := context.Background()
		ds, err := ingest.LoadFS(ctx, fstest.MapFS{
			"flows.csv":   {Data: []byte(fuzzFlows)},
			"groups.csv":  {Data: []byte(groups)},
			"members.csv": {Data: []byte(members)},
			"ties.csv":    {Data: []byte(ties)},
		}, "fuzz")
		if err != nil {
			return
		}
		var fl, gr, me, ti bytes.Buffer
		for _, w := range []struct {
			write func(io.Writer, *graph.Dataset) error
			buf   *bytes.Buffer
		}{
			{ingest.WriteFlows, &fl}, {ingest.WriteGroups, &gr}, {ingest.WriteMembers, &me}, {ingest.WriteTies, &ti},
		} {
			if err := w.write(w.buf, ds); err != nil {
				t.Fatal(err)
			}
		}
		again, err := ingest.LoadFS(ctx, fstest.MapFS{
			"flows.csv":   {Data: fl.Bytes()},
			"groups.csv":  {Data: gr.Bytes()},
			"members.csv": {Data: me.Bytes()},
			"ties.csv":    {Data: ti.Bytes()},
		}, "fuzz")
		if err != nil {
			t.Fatalf("written dataset does not read back: %v\n%s\n%s\n%s", err, gr.String(), me.String(), ti.String())
		}
		sameDataset(t, ds, again)
	})
}

var graphmlSeed = `<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="r" for="node" attr.name="role" attr.type="string"/>
  <key id="g" for="node" attr.name="gender" attr.type="string"><default>female</default></key>
  <key id="n" for="node" attr.name="nationality" attr.type="string"/>
  <key id="k" for="edge" attr.name="kind" attr.type="string"/>
  <key id="nm" for="graph" attr.name="name" attr.type="string"/>
  <graph id="G" edgedefault="undirected">
    <data key="nm">Edo cell</data>
    <node id="a"><data key="r">recruiter</data><data key="n">NG</data></node>
    <node id="b"><data key="r">exploiter</data><data key="g">male</data></node>
    <edge source="a" target="b"><data key="k">recruits</data></edge>
  </graph>
</graphml>
`

// FuzzReadGraphML: no input panics the GraphML reader, and an accepted
// network reads back the same after ingest.WriteJSON.
func FuzzReadGraphML(f *testing.F) {
	f.Add(graphmlSeed)
	f.Add(strings.Replace(graphmlSeed, "exploiter", "boss", 1))
	f.Add(`<graphml><graph edgedefault="directed"><node id="x"><data key="role">other</data></node></graph></graphml>`)
	f.Add(`<graphml><graph><node id="x"/><edge source="x" target="y"/>`)
	f.Fuzz(func(t *testing.T, in string) {
		ds, err := ingest.ReadGraphML(strings.NewReader(in), "cell.graphml")
		if err != nil {
			return
		}
		// A JSON document needs a flow; one is added for the round trip.
		ds.Flows = append(ds.Flows, graph.Flow{ID: "f", Origin: "NG", Destination: "IT", Vectors: make([]graph.Vector, 1), Victims: 1})
		for _, code := range []string{"NG", "IT"} {
			ds.Countries[code] = graph.Country{Code: code, Name: code}
		}
		sameGroups(t, ds, roundTrip(t, ds, ingest.WriteJSON, ingest.ReadJSON, "data.json"))
	})
}
