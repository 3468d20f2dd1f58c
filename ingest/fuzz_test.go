package ingest_test

import (
	"bytes"
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/ingest"
)

var fuzzSeeds = []string{
	"id,origin,destination,via,vectors,victims,year,form,measure,source,groups\n" +
		"a,Nigeria,IT,,air,120,2006,sexual,derived,\"seed, p.1\",g1;g2\n" +
		"b,NGA,Italy,LY>TN,land>sea>sea,80,2005-2007,labour,estimated,seed,\n",
	"origin,destination,victims\nBR,NL,5\nRO,RO,0\n",
	"\ufefforigin,destination,victims,x_note\r\nSerbia and Montenegro,AT,3,\"a\r\nb\"\r\n",
	"origin,destination,via,victims\nCN,IT,RU>UA>HU,9\n",
	"origin,destination,victims\n\"NG,IT,1\n",
	"origin,destination,victims\n", // no records: JSON must still round-trip
}

// sameDataset compares what a reader produced, ignoring the name.
func sameDataset(t *testing.T, a, b *graph.Dataset) {
	t.Helper()
	if !reflect.DeepEqual(a.Flows, b.Flows) {
		t.Fatalf("flows differ after write and read:\n%+v\n%+v", a.Flows, b.Flows)
	}
	if !reflect.DeepEqual(a.Countries, b.Countries) {
		t.Fatalf("countries differ after write and read:\n%+v\n%+v", a.Countries, b.Countries)
	}
	sameGroups(t, a, b)
}

// FuzzReadFlows: no input panics the CSV reader, and a dataset it accepts
// reads back the same after ingest.WriteFlows.
func FuzzReadFlows(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		ds, err := ingest.ReadFlows(strings.NewReader(in), "flows.csv")
		if err != nil {
			return
		}
		sameDataset(t, ds, roundTrip(t, ds, ingest.WriteFlows, ingest.ReadFlows, "flows.csv"))
	})
}

// FuzzReadJSON: no input panics the JSON reader, and a dataset read from
// CSV or JSON reads back the same after ingest.WriteJSON.
func FuzzReadJSON(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Add(`{"flows": [{"origin": "NG", "destination": "IT", "via": ["LY"], "victims": 3, "year": 2006}]}`)
	f.Add(`{"name": "x", "countries": [{"code": "ZZ", "name": "Zone"}], "flows": [{"origin": "ZZ", "destination": "IT", "victims": 1}]}`)
	f.Add(`{"flows": [{"origin": "NG", "destination": "IT", "victims": 3, "groups": ["g"]}], "groups": [{"id": "g", "countries": ["NG", "Italy"]}],
"members": [{"group": "g", "person": "a", "role": "recruiter", "gender": "f", "former_victim": true}, {"group": "g", "person": "b", "role": "exploiter", "country": "IT"}],
"ties": [{"group": "g", "from": "a", "to": "b", "kind": "recruits"}]}`)
	f.Fuzz(func(t *testing.T, in string) {
		ds, err := ingest.ReadJSON(strings.NewReader(in), "data.json")
		if err != nil {
			if ds, err = ingest.ReadFlows(strings.NewReader(in), "flows.csv"); err != nil {
				return
			}
		}
		sameDataset(t, ds, roundTrip(t, ds, ingest.WriteJSON, ingest.ReadJSON, "data.json"))
	})
}

// roundTrip writes ds with write and reads it back with read, failing t
// when what was written does not read back.
func roundTrip(t *testing.T, ds *graph.Dataset, write func(io.Writer, *graph.Dataset) error, read func(io.Reader, string) (*graph.Dataset, error), file string) *graph.Dataset {
	t.Helper()
	var buf bytes.Buffer
	if err := write(&buf, ds); err != nil {
		t.Fatal(err)
	}
	text := buf.String()
	again, err := read(&buf, file)
	if err != nil {
		t.Fatalf("written dataset does not read back: %v\n%s", err, text)
	}
	return again
}
