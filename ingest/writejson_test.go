package ingest

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/tipgraph/tipgraph/graph"
)

// jsonDoc is the JSON document whole, as WriteJSON wrote it before it
// wrote as it goes: the reference of TestWriteJSONAsEncoder.
type jsonDoc struct {
	Name      string          `json:"name"`
	Countries []graph.Country `json:"countries"`
	Flows     []jsonFlow      `json:"flows"`
	Groups    []jsonGroup     `json:"groups,omitempty"`
	Members   []jsonMember    `json:"members,omitempty"`
	Ties      []jsonTie       `json:"ties,omitempty"`
}

// encodeWhole is the document encoded at once by json.Encoder.
func encodeWhole(ds *graph.Dataset) ([]byte, error) {
	doc := jsonDoc{Name: ds.Name, Countries: append([]graph.Country{}, sortedCountries(ds)...), Flows: make([]jsonFlow, len(ds.Flows))}
	doc.Groups, doc.Members, doc.Ties = groupTables(ds)
	for i := range ds.Flows {
		doc.Flows[i] = flowJSON(&ds.Flows[i])
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	err := enc.Encode(doc)
	return b.Bytes(), err
}

// TestWriteJSONAsEncoder: WriteJSON, element by element, writes the bytes
// json.Encoder writes for the whole document: the built-in datasets, a
// generated one with groups, members and ties, the CTDC, GLOTIP and
// set-aside samples, HTML and quotes in names, and an empty dataset.
func TestWriteJSONAsEncoder(t *testing.T) {
	dir := t.TempDir()
	cfg := GenerateConfig{Countries: 30, Flows: 2_000, Groups: 12, Seed: 3}
	files := map[string]*bytes.Buffer{"flows.csv": {}, "groups.csv": {}, "members.csv": {}, "ties.csv": {}}
	if err := Generate(files["flows.csv"], cfg); err != nil {
		t.Fatal(err)
	}
	if err := GenerateGroups(files["groups.csv"], files["members.csv"], files["ties.csv"], cfg); err != nil {
		t.Fatal(err)
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	var cases []*graph.Dataset
	for _, paths := range [][]string{{dir}, {"builtin:toc2010"}, {"testdata/ctdc_sample.csv"}, {"testdata/glotip_sample.csv"}, {"testdata/flows_setaside.csv"}} {
		ds, err := Countries().LoadWith(context.Background(), Options{SetAside: true}, paths...)
		if err != nil {
			t.Fatal(err)
		}
		cases = append(cases, ds)
	}
	odd := *cases[1]
	odd.Name = `<b>"Nigeria" & Italia</b>` + "\u2028"
	odd.Flows = append([]graph.Flow{{ID: "<x>", Origin: "NG", Destination: "IT", Source: "a\"b\\c\td", Groups: []string{"g&1"}}}, odd.Flows[:3]...)
	cases = append(cases, &odd, &graph.Dataset{Name: "empty"})
	for _, ds := range cases {
		want, err := encodeWhole(ds)
		if err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		if err := WriteJSON(&got, ds); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want) {
			i := 0
			for i < min(got.Len(), len(want)) && got.Bytes()[i] == want[i] {
				i++
			}
			t.Errorf("%s: differs at byte %d of %d:\n got %q\nwant %q", ds.Name, i, len(want),
				got.Bytes()[max(i-40, 0):min(i+40, got.Len())], want[max(i-40, 0):min(i+40, len(want))])
		}
	}
	if len(cases[0].Groups) == 0 || len(cases[0].Ties) == 0 {
		t.Error("the generated dataset has no groups or ties")
	}
}
