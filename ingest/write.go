package ingest

import (
	"bufio"
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

// WriteJSON writes ds as one JSON document that ReadJSON reads back to
// the same dataset: {"name", "countries": [...], "flows": [...]}, with "groups",
// "members" and "ties" when ds has groups. It writes as it goes, one
// element encoded at a time (a million records are about 400 MB of JSON,
// which encoding the document whole held in memory twice over), the bytes
// json.Encoder with a two-space indent writes for the document
// (TestWriteJSONAsEncoder).
func WriteJSON(w io.Writer, ds *graph.Dataset) error {
	var jf jsonFlow
	return WriteJSONOf(w, ds, len(ds.Flows), func(i int) (any, error) {
		jf = flowJSON(&ds.Flows[i])
		return &jf, nil
	})
}

// FlowJSON is the compact JSON of f as WriteJSON writes it (indented
// there): what WriteJSONOf may take back as a json.RawMessage.
func FlowJSON(f *graph.Flow) ([]byte, error) {
	jf := flowJSON(f)
	return json.Marshal(&jf)
}

// WriteJSONOf is WriteJSON of ds with n records that flow gives one at a
// time, in order (a json.RawMessage from FlowJSON, for records kept
// elsewhere than in memory); ds's own Flows are not written.
func WriteJSONOf(w io.Writer, ds *graph.Dataset, n int, flow func(i int) (any, error)) error {
	countries := sortedCountries(ds)
	groups, members, ties := groupTables(ds)
	jw := &jsonWriter{w: bufio.NewWriterSize(w, 64<<10)}
	jw.w.WriteString("{\n  \"name\": ")
	jw.value(ds.Name, "")
	jw.array("countries", len(countries), func(i int) any { return countries[i] })
	jw.array("flows", n, func(i int) any {
		v, err := flow(i)
		if err != nil && jw.err == nil {
			jw.err = err
		}
		return v
	})
	if len(groups) > 0 {
		jw.array("groups", len(groups), func(i int) any { return groups[i] })
	}
	if len(members) > 0 {
		jw.array("members", len(members), func(i int) any { return members[i] })
	}
	if len(ties) > 0 {
		jw.array("ties", len(ties), func(i int) any { return ties[i] })
	}
	jw.w.WriteString("\n}\n")
	if jw.err != nil {
		return jw.err
	}
	return jw.w.Flush()
}

// flowJSON is f as the JSON document has it.
func flowJSON(f *graph.Flow) jsonFlow {
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
	return jf
}

// jsonWriter writes the members of a JSON object one at a time, indented
// as json.MarshalIndent indents the object whole; the first error stays.
type jsonWriter struct {
	w   *bufio.Writer
	err error
}

// value writes v, its lines after the first starting with prefix.
func (jw *jsonWriter) value(v any, prefix string) {
	if jw.err != nil {
		return
	}
	b, err := json.MarshalIndent(v, prefix, "  ")
	if err != nil {
		jw.err = err
		return
	}
	_, jw.err = jw.w.Write(b)
}

// array writes the member key of the top-level object (after another
// member) as an array of n elements, element(i) the i-th.
func (jw *jsonWriter) array(key string, n int, element func(i int) any) {
	jw.w.WriteString(",\n  \"" + key + "\": [")
	for i := range n {
		if i > 0 {
			jw.w.WriteString(",")
		}
		jw.w.WriteString("\n    ")
		jw.value(element(i), "    ")
	}
	if n > 0 {
		jw.w.WriteString("\n  ")
	}
	jw.w.WriteString("]")
}
