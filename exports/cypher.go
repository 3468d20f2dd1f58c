package exports

import (
	"bufio"
	"fmt"
	"io"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/graph/neo4j/model"
	"github.com/tipgraph/tipgraph/ingest"
)

// CypherBatch is how many rows one UNWIND statement of the script holds.
const CypherBatch = 500

// Cypher writes a Cypher script that recreates ds in a Neo4j database with
// the model tipgraph load writes (graph/neo4j/model): the same statements,
// their parameters written as literals. It holds the countries, each
// record as a :Flow with its route (its countries, origin>vias>destination), the
// groups, persons, memberships, ties and OPERATES relationships, the legs
// as LEG relationships (without those of 1 to minCount-1 victims), and the
// :Load and :Dataset nodes, so that tipgraph --neo4j reads it back. A
// dataset of the same name is deleted first. Every value is a literal,
// escaped for Cypher (strings in single quotes with \' \\ \n and \uXXXX
// escapes, coordinates as floats); statements end with ";" at the end of
// a line and no literal holds a line break, so cypher-shell -f runs it.
// The output is deterministic: countries by code, records in dataset
// order, legs by (from, to), map keys sorted.
//
// The time complexity is O(R·L + E log E) for R records of at most L legs
// and E legs, plus the groups' members and ties.
func Cypher(w io.Writer, ds *graph.Dataset, minCount int) error {
	sums := model.NewRecordSums()
	sums.Add(ds.Flows, 0)
	batches := func(batch func(lo int, flows []graph.Flow) error) error {
		for lo := 0; lo < len(ds.Flows); lo += CypherBatch {
			if err := batch(lo, ds.Flows[lo:min(lo+CypherBatch, len(ds.Flows))]); err != nil {
				return err
			}
		}
		return nil
	}
	return writeCypher(w, ds, scriptRecords{len(ds.Flows), sums, batches}, minCount)
}

// CypherStream writes the Cypher script of the records records streams
// that pass flt and MinCount, as Cypher writes View.Dataset of them under
// name (empty: the dataset's): each kept record goes to a temporary file
// as it arrives (a compact binary form) while what the script says of
// the records is summed (model.RecordSums, as load sums them), and the
// flow statements read the records back from the file in dataset order.
// A million records take their places and the sums in memory, not
// themselves.
func CypherStream(w io.Writer, name string, flt graph.Filter, minCount int, records PlacedRecords) error {
	sp, err := newSpill("cypher", encodeFlow)
	if err != nil {
		return err
	}
	defer sp.close()
	var sums *model.RecordSums
	one := make([]graph.Flow, 1)
	ds, err := sp.fill(records, flt, minCount, func() { sums = model.NewRecordSums() }, func(f *graph.Flow, at int) {
		one[0] = *f
		sums.Add(one, at)
	})
	if err != nil {
		return err
	}
	next := sp.reader()
	batches := func(batch func(lo int, flows []graph.Flow) error) error {
		flows := make([]graph.Flow, 0, CypherBatch)
		for lo := 0; lo < sp.kept; lo += CypherBatch {
			flows = flows[:0]
			for range min(CypherBatch, sp.kept-lo) {
				b, err := next()
				if err != nil {
					return err
				}
				f, err := decodeFlow(b)
				if err != nil {
					return fmt.Errorf("export cypher: reading the records back: %w", err)
				}
				flows = append(flows, f)
			}
			if err := batch(lo, flows); err != nil {
				return err
			}
		}
		return nil
	}
	return writeCypher(w, keptDataset(ds, name, sp.codes), scriptRecords{sp.kept, sums, batches}, minCount)
}

// scriptRecords is what the Cypher script needs of a dataset's records:
// how many they are, their sums, and the records themselves in order, a
// batch of CypherBatch at a time.
type scriptRecords struct {
	n       int
	sums    *model.RecordSums
	batches func(batch func(lo int, flows []graph.Flow) error) error
}

// writeCypher writes the script of ds (its name, countries, groups and
// accounting) with the records r.
func writeCypher(w io.Writer, ds *graph.Dataset, r scriptRecords, minCount int) error {
	lg := r.sums.Graph(ds.Name, ds.Countries)
	bw := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }
	var legs []*graph.Leg
	for _, l := range lg.Index.Legs {
		if l.Victims == 0 || l.Victims >= minCount {
			legs = append(legs, l)
		}
	}
	params := model.SwitchParams(lg, r.sums.Sources(), minCount, len(legs) == len(lg.Index.Legs))
	first, last := r.sums.First, r.sums.Last
	maps.Copy(params, map[string]any{"dataset": ds.Name, "load": "cypher-" + ds.Name, "records": r.n, "victims": lg.Victims(),
		"groups": len(ds.Groups), "members": len(ds.Members), "ties": len(ds.Ties),
		"first_year": first, "last_year": last, "source": "tipgraph export --as cypher", "locked": false})
	acc, err := model.Accounting(ds)
	if err != nil {
		return err
	}
	maps.Copy(params, acc)
	transit := params["transit"]
	delete(params, "transit")
	// stmt writes one statement with params and, if rows is not nil,
	// $rows (or $legs) in batches of CypherBatch.
	stmt := func(cypher, rowsParam string, rows []any) {
		if rowsParam == "" {
			p("%s;\n", inlineParams(cypher, params))
			return
		}
		for lo := 0; lo < len(rows); lo += CypherBatch {
			params[rowsParam] = rows[lo:min(lo+CypherBatch, len(rows))]
			p("%s;\n", inlineParams(cypher, params))
		}
		delete(params, rowsParam)
	}
	name := cypherString(ds.Name)
	p("// tipgraph: dataset %s as a Cypher script (%s, %s, %s).\n", oneLine(ds.Name), plural(r.n, "record"), Thousands(len(ds.Countries))+" countries", plural(len(lg.Index.Legs), "leg"))
	p("// Run it in an empty database: cypher-shell -u neo4j -f FILE (or paste it into Neo4j Browser).\n")
	p("// Model as tipgraph load writes it; then: tipgraph --neo4j URI --dataset %s summary\n", oneLine(ds.Name))
	for _, q := range model.Schema {
		stmt(q, "", nil)
	}
	p("// Replace a dataset of the same name: hide it, then delete all its loads.\n")
	stmt(model.DeleteLegs, "", nil)
	stmt(model.DeleteTransit, "", nil)
	stmt(model.DeleteDataset, "", nil)
	stmt(model.DeleteCells, "", nil)
	p("MATCH (f:Flow {dataset: %s}) DETACH DELETE f;\n", name)
	p("MATCH (n) WHERE (n:Group OR n:Person) AND n.dataset = %s DETACH DELETE n;\n", name)
	p("MATCH (l:Load {dataset: %s}) DELETE l;\n", name)

	p("// Countries: the library's values; the dataset's own are its NAMES, below.\n")
	countries, names := model.CountryRows(ds, lg.Index.Codes, ingest.LibraryCountry)
	stmt(model.MergeCountries, "rows", countries)

	p("// Flow records; their countries are in route. A row is [%s].\n", strings.Join(model.RowFields, ", "))
	stmt(model.StartLoad, "", nil)
	// A batch's rows are made as it is written: a million records' rows
	// made at once were most of the 2.5 GB the export of 1,000,000
	// records peaked at (0.47 GB over Neo4j now).
	err = r.batches(func(lo int, flows []graph.Flow) error {
		params["rows"] = model.FlowRows(flows, lo)
		p("%s;\n", inlineParams(model.CreateFlows, params))
		return nil
	})
	if err != nil {
		return err
	}
	delete(params, "rows")
	var operates []any
	r.sums.EachOperates(CypherBatch, func(rows []any) error {
		operates = append(operates, rows...)
		return nil
	})
	if steps := model.GroupStepsOf(ds, operates); steps != nil {
		p("// Trafficker groups, their members and ties, and the flows they operate.\n")
		for _, s := range steps {
			stmt(s.Cypher, "rows", s.Rows)
		}
		stmt(model.CountGroups, "", nil)
	}

	if len(legs) == len(lg.Index.Legs) {
		// Under --min-count no cell is written (they would show the small
		// counts): filtered analyses then sum the records.
		p("// Cells (the records summed by what a filter asks), for filtered analyses.\n")
		// The rows are made a statement at a time (EachRow: legs first),
		// not all at once: those of a million records' cells were most of
		// what the script export held once the records were streamed.
		cells := r.sums.Cells
		var batch []any
		legRows := true
		flush := func() {
			if len(batch) > 0 {
				params["rows"] = batch
				q := model.CreateODCells
				if legRows {
					q = model.CreateLegCells
				}
				p("%s;\n", inlineParams(q, params))
				batch = batch[:0]
			}
		}
		cells.EachRow(func(leg bool, row map[string]any) {
			if leg != legRows {
				flush()
				legRows = leg
			}
			if batch = append(batch, row); len(batch) == CypherBatch {
				flush()
			}
		})
		flush()
		delete(params, "rows")
		maps.Copy(params, cells.TotalParams())
		stmt(model.SetTotalCells, "", nil)
	}
	p("// Legs (the records' hops, aggregated).\n")
	stmt(model.CreateLegs, "legs", model.LegRows(legs))
	p("// The dataset, visible to tipgraph once this runs, and its transit countries.\n")
	stmt(model.SwitchDataset, "", nil)
	params["transit"] = transit
	stmt(model.CreateTransit, "", nil)
	if len(names) > 0 {
		p("// The dataset's countries as it has them (its countries.csv applied), read back for it alone.\n")
		params["names"] = names
		stmt(model.CreateNames, "", nil)
	}
	return bw.Flush()
}

// paramRE matches a parameter of a model statement ($rows, $dataset...).
var paramRE = regexp.MustCompile(`\$[a-z_]+`)

// inlineParams writes the parameters of cypher as literals; a list of maps
// or of lists (rows) gets one element per line. The statements are tipgraph's own
// text, so every $ in them starts a parameter; the values are never
// scanned. A parameter missing from params is a bug and panics.
func inlineParams(cypher string, params map[string]any) string {
	return paramRE.ReplaceAllStringFunc(cypher, func(m string) string {
		v, ok := params[m[1:]]
		if !ok {
			panic("exports: no value for Cypher parameter " + m)
		}
		if rows, ok := v.([]any); ok && len(rows) > 0 {
			switch rows[0].(type) {
			case map[string]any, []any:
				var b strings.Builder
				b.WriteString("[\n")
				for i, r := range rows {
					sep := ","
					if i == 0 {
						sep = " "
					}
					fmt.Fprintf(&b, "  %s%s\n", sep, cypherLiteral(r))
				}
				b.WriteString("]")
				return b.String()
			}
		}
		return cypherLiteral(v)
	})
}

// cypherLiteral writes a parameter value (string, integer, float, bool,
// nil, list or map with sorted keys) as a Cypher literal.
func cypherLiteral(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case string:
		return cypherString(x)
	case bool:
		return strconv.FormatBool(x)
	case int:
		return strconv.Itoa(x)
	case float64:
		return cypherFloat(x)
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = cypherLiteral(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case map[string]any:
		keys := slices.Sorted(maps.Keys(x))
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = k + ": " + cypherLiteral(x[k])
		}
		return "{" + strings.Join(parts, ", ") + "}"
	}
	panic(fmt.Sprintf("exports: no Cypher literal for %T", v))
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
