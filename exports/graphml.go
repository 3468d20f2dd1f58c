package exports

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/tipgraph/tipgraph/graph"
)

// graphmlKey is one declared GraphML attribute.
type graphmlKey struct {
	id, on, name, typ string
}

var graphmlKeys = []graphmlKey{
	{"label", "node", "label", "string"},
	{"code", "node", "code", "string"},
	{"region", "node", "region", "string"},
	{"lat", "node", "lat", "double"},
	{"lon", "node", "lon", "double"},
	{"n_victims", "node", "victims", "int"},
	{"n_origin", "node", "origin_victims", "int"},
	{"n_transit", "node", "transit_victims", "int"},
	{"n_destination", "node", "destination_victims", "int"},
	{"n_domestic", "node", "domestic_victims", "int"},
	{"weight", "edge", "weight", "double"},
	{"e_victims", "edge", "victims", "int"},
	{"e_records", "edge", "records", "int"},
	{"e_vectors", "edge", "vectors", "string"},
	{"e_main_vector", "edge", "main_vector", "string"},
	{"e_land", "edge", "victims_land", "int"},
	{"e_sea", "edge", "victims_sea", "int"},
	{"e_air", "edge", "victims_air", "int"},
	{"e_unknown", "edge", "victims_unknown", "int"},
	{"e_years", "edge", "years", "string"},
}

// GraphML writes v as a GraphML document: countries as nodes (id = code;
// label, region, lat, lon and the victims by role over the kept
// records), legs as directed edges (weight = victims for Gephi, records,
// vectors, main vector, victims by vector, years). Every attribute is
// declared by a <key> with its attr.type, so Gephi and yEd show them all.
// Nodes are in code order, edges in (from, to) order.
func GraphML(w io.Writer, v *View) error {
	bw := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }
	p("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
	p("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"")
	p(" xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n")
	p("  <!-- tipgraph: dataset %s; %s; %s -->\n", xmlComment(v.Graph.Dataset), xmlComment(v.Graph.Filter.String()), xmlComment(v.Describe()))
	for _, k := range graphmlKeys {
		p("  <key id=%q for=%q attr.name=%q attr.type=%q/>\n", k.id, k.on, k.name, k.typ)
	}
	p("  <graph id=%s edgedefault=\"directed\">\n", xmlAttr(v.Graph.Dataset))
	mixes := v.Kept.countries
	data := func(key, val string) { p("      <data key=%q>%s</data>\n", key, xmlText(val)) }
	// Victim counts under MinCount: a hidden one (with its complement, so
	// that no part is the total minus the others) has no data element.
	shown := func(key, text string) {
		if !strings.HasPrefix(text, "<") {
			data(key, text)
		}
	}
	counts := func(keys []string, total int, parts ...int) {
		t, ps := v.countsWith(strconv.Itoa, total, parts...)
		for i, text := range append([]string{t}, ps...) {
			shown(keys[i], text)
		}
	}
	for _, code := range v.Codes {
		c := v.Graph.Country(code)
		m := roleMix{}
		if mm := mixes[code]; mm != nil {
			m = *mm
		}
		p("    <node id=%s>\n", xmlAttr(code))
		data("label", c.Name)
		data("code", code)
		data("region", c.Region)
		data("lat", ftoa(c.Lat))
		data("lon", ftoa(c.Lon))
		counts([]string{"n_victims", "n_origin", "n_transit", "n_destination", "n_domestic"}, m.total(), m.origin, m.transit, m.destination, m.domestic)
		p("    </node>\n")
	}
	for i, l := range v.Legs {
		var vecs []string
		for _, vv := range l.Vectors() {
			vecs = append(vecs, vv.Vector.String())
		}
		p("    <edge id=\"e%d\" source=%s target=%s>\n", i, xmlAttr(l.From), xmlAttr(l.To))
		total, by := v.countsWith(strconv.Itoa, l.Victims, l.ByVector[graph.Land], l.ByVector[graph.Sea], l.ByVector[graph.Air], l.ByVector[graph.VectorUnknown])
		data("weight", strconv.Itoa(l.Victims))
		shown("e_victims", total)
		data("e_records", strconv.Itoa(l.Records))
		data("e_vectors", strings.Join(vecs, ";"))
		data("e_main_vector", mainVector(l).String())
		for i, key := range []string{"e_land", "e_sea", "e_air", "e_unknown"} {
			shown(key, by[i])
		}
		data("e_years", yearRuns(l.Years))
		p("    </edge>\n")
	}
	p("  </graph>\n</graphml>\n")
	return bw.Flush()
}

func xmlText(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// xmlAttr quotes s as an attribute value.
func xmlAttr(s string) string { return `"` + xmlText(s) + `"` }

// xmlComment keeps s from closing or breaking a comment.
func xmlComment(s string) string {
	s = strings.ReplaceAll(s, "--", "- -")
	return strings.TrimSuffix(s, "-")
}

func ftoa(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
