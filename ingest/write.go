package ingest

import (
	"cmp"
	"encoding/csv"
	"encoding/json"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/tipgraph/tipgraph/graph"
)

// WriteFlows writes ds's flow records as flows.csv, in dataset order,
// which ReadFlows reads back to the same records. Vectors are written once
// when every leg shares one, per leg otherwise.
func WriteFlows(w io.Writer, ds *graph.Dataset) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(FlowColumns[:]); err != nil {
		return err
	}
	for i := range ds.Flows {
		f := &ds.Flows[i]
		year := ""
		if !f.Period.IsZero() {
			year = f.Period.String()
		}
		err := cw.Write([]string{
			f.ID, f.Origin, f.Destination, strings.Join(f.Via, ">"), vectorsText(f.Vectors),
			strconv.Itoa(f.Victims), year, f.Form.String(), f.Measure.String(), f.Source, strings.Join(f.Groups, ";"),
		})
		if err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func vectorsText(vs []graph.Vector) string {
	if len(vs) == 0 {
		return ""
	}
	same := !slices.ContainsFunc(vs, func(v graph.Vector) bool { return v != vs[0] })
	if same {
		if vs[0] == graph.VectorUnknown {
			return ""
		}
		return vs[0].String()
	}
	parts := make([]string, len(vs))
	for i, v := range vs {
		parts[i] = v.String()
	}
	return strings.Join(parts, ">")
}

func ftoa(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

func sortedCountries(ds *graph.Dataset) []graph.Country {
	return slices.SortedFunc(maps.Values(ds.Countries), func(a, b graph.Country) int { return cmp.Compare(a.Code, b.Code) })
}

// jsonFlow is one flow of the JSON document, keyed like flows.csv (the
// keys are FlowColumns; TestJSONKeys checks them).
type jsonFlow struct {
	ID          string   `json:"id"`
	Origin      string   `json:"origin"`
	Destination string   `json:"destination"`
	Via         []string `json:"via"`
	Vectors     []string `json:"vectors"`
	Victims     int      `json:"victims"`
	Year        string   `json:"year,omitempty"`
	Form        string   `json:"form"`
	Measure     string   `json:"measure"`
	Source      string   `json:"source,omitempty"`
	Groups      []string `json:"groups,omitempty"`
}

type jsonDoc struct {
	Name      string          `json:"name"`
	Countries []graph.Country `json:"countries"`
	Flows     []jsonFlow      `json:"flows"`
	Groups    []jsonGroup     `json:"groups,omitempty"`
	Members   []jsonMember    `json:"members,omitempty"`
	Ties      []jsonTie       `json:"ties,omitempty"`
}

// WriteJSON writes ds as one JSON document that ReadJSON reads back to
// the same dataset: {"name", "countries": [...], "flows": [...]}, with "groups",
// "members" and "ties" when ds has groups.
func WriteJSON(w io.Writer, ds *graph.Dataset) error {
	doc := jsonDoc{Name: ds.Name, Countries: append([]graph.Country{}, sortedCountries(ds)...), Flows: make([]jsonFlow, len(ds.Flows))}
	doc.Groups, doc.Members, doc.Ties = groupTables(ds)
	for i := range ds.Flows {
		f := &ds.Flows[i]
		jf := jsonFlow{
			ID: f.ID, Origin: f.Origin, Destination: f.Destination, Via: f.Via, Victims: f.Victims,
			Form: f.Form.String(), Measure: f.Measure.String(), Source: f.Source, Groups: f.Groups,
		}
		if jf.Via == nil {
			jf.Via = []string{}
		}
		for _, v := range f.Vectors {
			jf.Vectors = append(jf.Vectors, v.String())
		}
		if !f.Period.IsZero() {
			jf.Year = f.Period.String()
		}
		doc.Flows[i] = jf
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}
