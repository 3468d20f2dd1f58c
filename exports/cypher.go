package exports

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/tipgraph/tipgraph/graph"
)

// CypherBatch is how many rows one UNWIND statement of the script holds.
const CypherBatch = 500

// Cypher writes a Cypher script that recreates ds in an empty Neo4j
// database with the model of graph/neo4j (tipgraph load): (:Country
// {code, name, region, lat, lon}); each record a (:Flow {id, dataset,
// load, seq, victims, year_from, year_to, vectors, form, measure, source,
// groups}) with FROM, TO and ordered VIA {seq} relationships; the legs as
// (:Country)-[:LEG {dataset, load, victims, records, vectors,
// victims_land, victims_sea, victims_air, victims_unknown, years}]->
// (:Country), without the legs of 1 to minCount-1 victims; and the
// (:Load) and (:Dataset) nodes, so that tipgraph --neo4j reads it back.
// A dataset of the same name is deleted first. Every value is a literal,
// escaped for Cypher (strings in single quotes with \' \\ \n and \uXXXX
// escapes, coordinates as floats); statements end with ";" at the end of
// a line and no literal holds a line break, so cypher-shell -f runs it.
// The output is deterministic: countries by code, records in dataset
// order, legs by (from, to).
//
// The time complexity is O(R·L + E log E) for R records of at most L legs
// and E legs.
func Cypher(w io.Writer, ds *graph.Dataset, minCount int) error {
	lg, err := graph.NewLegGraph(ds, graph.Filter{})
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }
	name := cypherString(ds.Name)
	load := cypherString("cypher-" + ds.Name)
	victims := 0
	for i := range ds.Flows {
		victims += ds.Flows[i].Victims
	}
	p("// tipgraph: dataset %s as a Cypher script (%s, %s, %s).\n", oneLine(ds.Name), plural(len(ds.Flows), "record"), Thousands(len(ds.Countries))+" countries", plural(len(lg.Index.Legs), "leg"))
	p("// Run it in an empty database: cypher-shell -u neo4j -f FILE (or paste it into Neo4j Browser).\n")
	p("// Model as tipgraph load writes it; then: tipgraph --neo4j URI --dataset %s summary\n", oneLine(ds.Name))
	for _, q := range []string{
		`CREATE CONSTRAINT tipgraph_country_code IF NOT EXISTS FOR (c:Country) REQUIRE c.code IS UNIQUE`,
		`CREATE CONSTRAINT tipgraph_dataset_name IF NOT EXISTS FOR (d:Dataset) REQUIRE d.name IS UNIQUE`,
		`CREATE CONSTRAINT tipgraph_load_id IF NOT EXISTS FOR (l:Load) REQUIRE l.id IS UNIQUE`,
		`CREATE INDEX tipgraph_flow_load IF NOT EXISTS FOR (f:Flow) ON (f.load)`,
		`CREATE INDEX tipgraph_load_dataset IF NOT EXISTS FOR (l:Load) ON (l.dataset)`,
	} {
		p("%s;\n", q)
	}
	p("// Replace a dataset of the same name.\n")
	p("MATCH (:Country)-[l:LEG {dataset: %s}]->(:Country) DELETE l;\n", name)
	p("MATCH (f:Flow {dataset: %s}) DETACH DELETE f;\n", name)
	p("MATCH (d:Dataset {name: %s}) DELETE d;\n", name)
	p("MATCH (l:Load {dataset: %s}) DELETE l;\n", name)

	p("// Countries.\n")
	countries := sortedCountries(ds)
	for lo := 0; lo < len(countries); lo += CypherBatch {
		p("UNWIND [\n")
		for i, c := range countries[lo:min(lo+CypherBatch, len(countries))] {
			sep := ","
			if i == 0 {
				sep = " "
			}
			p("  %s{code: %s, name: %s, region: %s, lat: %s, lon: %s}\n", sep, cypherString(c.Code), cypherString(c.Name), cypherString(c.Region), cypherFloat(c.Lat), cypherFloat(c.Lon))
		}
		p("] AS r\nMERGE (c:Country {code: r.code})\nSET c.name = r.name, c.region = r.region, c.lat = r.lat, c.lon = r.lon;\n")
	}

	p("// Flow records, with FROM, TO and VIA relationships.\n")
	p("CREATE (:Load {id: %s, dataset: %s, started_at: datetime(), records: %d});\n", load, name, len(ds.Flows))
	for lo := 0; lo < len(ds.Flows); lo += CypherBatch {
		p("UNWIND [\n")
		for i := lo; i < min(lo+CypherBatch, len(ds.Flows)); i++ {
			f := &ds.Flows[i]
			sep := ","
			if i == lo {
				sep = " "
			}
			vec := make([]string, len(f.Vectors))
			for j, v := range f.Vectors {
				vec[j] = v.String()
			}
			p("  %s{id: %s, seq: %d, origin: %s, destination: %s, via: %s, vectors: %s, victims: %d, year_from: %d, year_to: %d, form: %s, measure: %s, source: %s, groups: %s}\n",
				sep, cypherString(f.ID), i, cypherString(f.Origin), cypherString(f.Destination), cypherList(f.Via), cypherList(vec),
				f.Victims, f.Period.From, f.Period.To, cypherString(f.Form.String()), cypherString(f.Measure.String()),
				cypherString(f.Source), cypherList(f.Groups))
		}
		p(`] AS r
MATCH (o:Country {code: r.origin})
MATCH (d:Country {code: r.destination})
CREATE (f:Flow {id: r.id, dataset: %s, load: %s, seq: r.seq,
  victims: r.victims, year_from: r.year_from, year_to: r.year_to, vectors: r.vectors,
  form: r.form, measure: r.measure, source: r.source, groups: r.groups})
CREATE (f)-[:FROM]->(o)
CREATE (f)-[:TO]->(d)
FOREACH (i IN range(0, size(r.via) - 1) |
  MERGE (c:Country {code: r.via[i]})
  CREATE (f)-[:VIA {seq: i}]->(c));
`, name, load)
	}

	var legs []*graph.Leg
	for _, l := range lg.Index.Legs {
		if l.Victims == 0 || l.Victims >= minCount {
			legs = append(legs, l)
		}
	}
	p("// Legs (the records' hops, aggregated).\n")
	for lo := 0; lo < len(legs); lo += CypherBatch {
		p("UNWIND [\n")
		for i, l := range legs[lo:min(lo+CypherBatch, len(legs))] {
			sep := ","
			if i == 0 {
				sep = " "
			}
			var vecs []string
			for _, vv := range l.Vectors() {
				vecs = append(vecs, vv.Vector.String())
			}
			years := make([]string, len(l.Years))
			for j, y := range l.Years {
				years[j] = strconv.Itoa(y)
			}
			p("  %s{from: %s, to: %s, victims: %d, records: %d, vectors: %s, land: %d, sea: %d, air: %d, unknown: %d, years: [%s]}\n",
				sep, cypherString(l.From), cypherString(l.To), l.Victims, l.Records, cypherList(vecs),
				l.ByVector[graph.Land], l.ByVector[graph.Sea], l.ByVector[graph.Air], l.ByVector[graph.VectorUnknown], strings.Join(years, ", "))
		}
		p(`] AS l
MATCH (a:Country {code: l.from})
MATCH (b:Country {code: l.to})
CREATE (a)-[:LEG {dataset: %s, load: %s, victims: l.victims, records: l.records,
  vectors: l.vectors, victims_land: l.land, victims_sea: l.sea, victims_air: l.air,
  victims_unknown: l.unknown, years: l.years}]->(b);
`, name, load)
	}
	p("// The dataset, visible to tipgraph once this runs.\n")
	p("MERGE (d:Dataset {name: %s})\nSET d.load = %s, d.records = %d, d.victims = %d, d.loaded_at = datetime();\n", name, load, len(ds.Flows), victims)
	return bw.Flush()
}

// cypherString quotes s as a Cypher string literal.
func cypherString(s string) string {
	var b strings.Builder
	b.WriteByte('\'')
	for _, r := range s {
		switch r {
		case '\\':
			b.WriteString(`\\`)
		case '\'':
			b.WriteString(`\'`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		default:
			if r < 0x20 || r == 0x7f || r == 0x2028 || r == 0x2029 || r == 0x85 {
				fmt.Fprintf(&b, `\u%04X`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('\'')
	return b.String()
}

// cypherList writes a list of string literals.
func cypherList(list []string) string {
	parts := make([]string, len(list))
	for i, s := range list {
		parts[i] = cypherString(s)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// cypherFloat writes x as a float literal (always with a decimal point, so
// that Neo4j stores a float, not an integer).
func cypherFloat(x float64) string {
	s := strconv.FormatFloat(x, 'f', -1, 64)
	if !strings.ContainsAny(s, ".") {
		s += ".0"
	}
	return s
}

// oneLine keeps a name on one comment line.
func oneLine(s string) string {
	return strings.NewReplacer("\n", " ", "\r", " ", "\u2028", " ", "\u2029", " ", "\u0085", " ").Replace(s)
}
