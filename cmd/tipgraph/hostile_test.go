package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// hostileCase is one hostile or careless input: files written into a
// fresh directory (DIR in args is replaced by it), the command, the exit
// code and the texts stderr must hold. No case may print a negative
// count or take long.
type hostileCase struct {
	name  string
	files map[string]string
	args  []string
	code  int
	want  []string // in stderr, or stdout for validate's list
	// absent must not appear in stdout or stderr (raw control bytes,
	// a huge value echoed whole).
	absent []string
}

func runHostile(t *testing.T, cases []hostileCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, body := range tc.files {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			args := make([]string, len(tc.args))
			for i, a := range tc.args {
				args[i] = strings.ReplaceAll(a, "DIR", dir)
			}
			start := time.Now()
			out, errOut, code := tipgraph(t, args...)
			if d := time.Since(start); d > 20*time.Second {
				t.Errorf("took %v", d)
			}
			if code != tc.code {
				t.Errorf("exit %d, want %d\nstdout: %.500s\nstderr: %.500s", code, tc.code, out, errOut)
			}
			for _, w := range tc.want {
				if !strings.Contains(errOut, w) && !(args[len(args)-1] == "validate" && strings.Contains(out, w)) {
					t.Errorf("output lacks %q:\n%.2000s%.2000s", w, out, errOut)
				}
			}
			for _, a := range tc.absent {
				if strings.Contains(out, a) || strings.Contains(errOut, a) {
					t.Errorf("output holds %.40q", a)
				}
			}
			if len(out)+len(errOut) > 20_000 {
				t.Errorf("%d bytes of output", len(out)+len(errOut))
			}
			if tc.code == 0 && strings.Contains(out, "-9,223") {
				t.Errorf("a negative count in the output:\n%.2000s", out)
			}
		})
	}
}

const flowsHeader = "id,origin,destination,via,vectors,victims,year,form,measure,source,groups\n"

// manyVia is 100 rows of 10,000 via countries each: the 16 codes of
// codes over and over (1.2 GB and 12 s before, a repeat message per code
// each quoting the whole route).
func manyVia(codes ...string) string {
	via := make([]string, 10_000)
	for i := range via {
		via[i] = codes[i%len(codes)]
	}
	row := ",NG,IT," + strings.Join(via, ">") + ",,3,2006,,,,\n"
	var b strings.Builder
	b.WriteString(flowsHeader)
	for i := range 100 {
		b.WriteString("r" + strconv.Itoa(i) + row)
	}
	return b.String()
}

// TestHostileFlows: flows.csv and countries.csv (issue 18).
func TestHostileFlows(t *testing.T) {
	huge := strings.Repeat("A", 200_000)
	unknown := make([]string, 10_000)
	for i := range unknown {
		unknown[i] = fmt.Sprintf("Q%04d", i)
	}
	runHostile(t, []hostileCase{
		{name: "victims overflow int64 with the next row",
			files: map[string]string{"flows.csv": flowsHeader + "a,NG,IT,,,9223372036854775807,2006,,,,\nb,NG,IT,,,1,2006,,,,\n"},
			args:  []string{"--data", "DIR", "validate"}, code: 2,
			want: []string{"flows.csv:2:", "victims: victims out of range: \"9223372036854775807\" is over 1,000,000,000,000"}},
		{name: "victims summing over the bound",
			files: map[string]string{"flows.csv": flowsHeader + "a,NG,IT,,,600000000000,2006,,,,\nb,NG,IT,,,600000000000,2006,,,,\n"},
			args:  []string{"--data", "DIR", "summary"}, code: 2,
			want: []string{"flows.csv:3: victims: victims add up to too many: the records up to \"b\" hold over 1,000,000,000,000 victims"}},
		{name: "victims at the bound are kept",
			files: map[string]string{"flows.csv": flowsHeader + "a,NG,IT,,,1000000000000,2006,,,,\n"},
			args:  []string{"--data", "DIR", "summary"}, code: 0},
		{name: "NUL in a source",
			files: map[string]string{"flows.csv": flowsHeader + "a,NG,IT,,,3,2006,,,UNODC\x00report,\n"},
			args:  []string{"--data", "DIR", "validate"}, code: 2,
			want: []string{"flows.csv:2:", "source: control character U+0000 at byte 6 of \"UNODC\\x00report\""}, absent: []string{"\x00"}},
		{name: "escape sequence in an id",
			files: map[string]string{"flows.csv": flowsHeader + "\x1b[31mred,NG,IT,,,3,2006,,,,\n"},
			args:  []string{"--data", "DIR", "validate"}, code: 2,
			want: []string{"flows.csv:2:", "id: control character U+001B"}, absent: []string{"\x1b"}},
		{name: "invalid UTF-8 in a source",
			files: map[string]string{"flows.csv": flowsHeader + "a,NG,IT,,,3,2006,,,caf\xe9,\n"},
			args:  []string{"--data", "DIR", "validate"}, code: 2,
			want: []string{"flows.csv:2:", "source: invalid UTF-8 at byte 4"}, absent: []string{"\xe9"}},
		{name: "escape sequence in a header name is quoted",
			files: map[string]string{"flows.csv": "origin,destination,victims,\x1b[2Jx\n NG,IT,3,1\n"},
			args:  []string{"--data", "DIR", "validate"}, code: 2,
			want: []string{"flows.csv:1:", `"\x1b[2jx": unknown column`}, absent: []string{"\x1b"}},
		{name: "row short of fields",
			files: map[string]string{"flows.csv": flowsHeader + "x,NG,IT,,,1,2006\n"},
			args:  []string{"--data", "DIR", "validate"}, code: 2,
			want: []string{"flows.csv:2:17: form: wrong number of fields: 7 fields, header has 11"}},
		{name: "row short of fields, quoted",
			files: map[string]string{"flows.csv": flowsHeader + "\"x\",NG,IT,,,1,2006\n"},
			args:  []string{"--data", "DIR", "validate"}, code: 2,
			want: []string{"flows.csv:2:19: form: wrong number of fields: 7 fields, header has 11"}},
		{name: "row with an extra field",
			files: map[string]string{"flows.csv": flowsHeader + "x,NG,IT,,,1,2006,,,,,extra\n"},
			args:  []string{"--data", "DIR", "validate"}, code: 2,
			want: []string{"flows.csv:2:22: wrong number of fields: 12 fields, header has 11"}},
		{name: "row with an extra field, quoted",
			files: map[string]string{"flows.csv": flowsHeader + "x,NG,IT,,,1,2006,,,,\"s\",\"extra\"\n"},
			args:  []string{"--data", "DIR", "validate"}, code: 2,
			want: []string{"flows.csv:2:25: wrong number of fields: 12 fields, header has 11"}},
		{name: "countries.csv row short of fields",
			files: map[string]string{"flows.csv": flowsHeader + "x,NG,IT,,,1,2006,,,,\n", "countries.csv": "code,name,region,lat,lon\nNG,Naija,,1\n"},
			args:  []string{"--data", "DIR", "validate"}, code: 2,
			want: []string{"countries.csv:2:12: lon: wrong number of fields: 4 fields, header has 5"}},
		{name: "huge header name is cut",
			files: map[string]string{"flows.csv": "origin,destination,victims," + huge + "\nNG,IT,3,1\n"},
			args:  []string{"--data", "DIR", "validate"}, code: 2,
			want: []string{"flows.csv:1:", "(200,000 bytes in all)"}, absent: []string{strings.Repeat("A", 1000)}},
		{name: "huge victims value is cut",
			files: map[string]string{"flows.csv": flowsHeader + "a,NG,IT,,," + strings.Repeat("9", 100_000) + ",2006,,,,\n"},
			args:  []string{"--data", "DIR", "validate"}, code: 2,
			want: []string{"flows.csv:2:", "victims:"}, absent: []string{strings.Repeat("9", 1000)}},
		{name: "10,000 via countries repeating",
			files: map[string]string{"flows.csv": manyVia("FR", "DE", "ES", "PT", "NL", "BE", "AT", "CH", "PL", "CZ", "SK", "HU", "RO", "BG", "GR", "TR")},
			args:  []string{"--data", "DIR", "summary"}, code: 2,
			want: []string{"flows.csv:2:", "via: via repeats a country of the route: FR appears twice in \"NG>FR>DE", "(30,005 bytes in all) (and 99 more rows)"}},
		{name: "10,000 unknown via countries",
			files: map[string]string{"flows.csv": manyVia(unknown...)},
			args:  []string{"--data", "DIR", "summary"}, code: 2,
			want: []string{"flows.csv:2:", "via: unknown country \"Q0000\""}, absent: []string{"Q0005"}},
		{name: "NaN latitude",
			files: map[string]string{"flows.csv": flowsHeader + "a,NG,IT,,,3,2006,,,,\n", "countries.csv": "code,name,region,lat,lon\nNG,,,NaN,8\n"},
			args:  []string{"--data", "DIR", "validate"}, code: 2,
			want: []string{"countries.csv:2:", "lat: want a number between -90 and 90, got \"NaN\""}},
		{name: "Inf longitude",
			files: map[string]string{"flows.csv": flowsHeader + "a,NG,IT,,,3,2006,,,,\n", "countries.csv": "code,name,region,lat,lon\nNG,,,9,+Inf\n"},
			args:  []string{"--data", "DIR", "validate"}, code: 2,
			want: []string{"countries.csv:2:", "lon: want a number between -180 and 180, got \"+Inf\""}},
		{name: "latitude out of range",
			files: map[string]string{"flows.csv": flowsHeader + "a,NG,IT,,,3,2006,,,,\n", "countries.csv": "code,name,region,lat,lon\nNG,,,91,8\n"},
			args:  []string{"--data", "DIR", "validate"}, code: 2,
			want: []string{"countries.csv:2:", "lat: want a number between -90 and 90, got \"91\""}},
		{name: "control character in a country name",
			files: map[string]string{"flows.csv": flowsHeader + "a,NG,IT,,,3,2006,,,,\n", "countries.csv": "code,name,region,lat,lon\nNG,Nige\x07ria,,9,8\n"},
			args:  []string{"--data", "DIR", "validate"}, code: 2,
			want: []string{"countries.csv:2:", "name: control character U+0007"}, absent: []string{"\x07"}},
	})
}

// TestHostileJSON: the JSON dataset (issue 18).
func TestHostileJSON(t *testing.T) {
	var keys strings.Builder
	for i := range 200_000 {
		if i > 0 {
			keys.WriteByte(',')
		}
		keys.WriteString(`"x_`)
		keys.WriteString(strings.Repeat("k", i%7))
		keys.WriteString(strconv.Itoa(i) + `":1`)
	}
	runHostile(t, []hostileCase{
		{name: "200,000 x_ keys in one flow (quadratic before)",
			files: map[string]string{"d.json": `{"flows":[{"origin":"NG","destination":"IT","victims":3,` + keys.String() + `}]}`},
			args:  []string{"--data", "DIR/d.json", "summary", "--format", "json"}, code: 0},
		{name: "200,000 x_ keys and a bad one reported where it is",
			files: map[string]string{"d.json": "{\"flows\":[\n{" + keys.String() + `,"bogus":1,"origin":"NG","destination":"IT","victims":3}]}`},
			args:  []string{"--data", "DIR/d.json", "validate"}, code: 2,
			want: []string{"d.json:2:", "bogus: unknown column"}},
		{name: "a second document after the first",
			files: map[string]string{"d.json": "{\"flows\":[{\"origin\":\"NG\",\"destination\":\"IT\",\"victims\":3}]}\n{\"flows\":[]}\n"},
			args:  []string{"--data", "DIR/d.json", "summary"}, code: 2,
			want: []string{"d.json:2:1: data after the end of the JSON document"}},
		{name: "victims overflow",
			files: map[string]string{"d.json": `{"flows":[{"origin":"NG","destination":"IT","victims":9223372036854775807},{"origin":"NG","destination":"IT","victims":1}]}`},
			args:  []string{"--data", "DIR/d.json", "summary"}, code: 2,
			want: []string{"d.json:1:", "victims out of range"}},
		{name: "NUL in a source",
			files: map[string]string{"d.json": `{"flows":[{"origin":"NG","destination":"IT","victims":3,"source":"a\u0000b"}]}`},
			args:  []string{"--data", "DIR/d.json", "summary"}, code: 2,
			want: []string{"d.json:1:", "source: control character U+0000"}, absent: []string{"\x00"}},
		{name: "NaN latitude in countries",
			files: map[string]string{"d.json": `{"flows":[{"origin":"NG","destination":"IT","victims":3}],"countries":[{"code":"NG","lat":"NaN"}]}`},
			args:  []string{"--data", "DIR/d.json", "summary"}, code: 2,
			want: []string{"d.json:1:", "lat: want a number between -90 and 90"}},
		{name: "control character in a group name",
			files: map[string]string{"d.json": `{"flows":[{"origin":"NG","destination":"IT","victims":3}],"groups":[{"id":"g1","name":"x\u001b[31m"}]}`},
			args:  []string{"--data", "DIR/d.json", "summary"}, code: 2,
			want: []string{"d.json:1:", "name: control character U+001B"}, absent: []string{"\x1b"}},
	})
}

// TestHostileCaptures: estimate --mse tables (issue 18).
func TestHostileCaptures(t *testing.T) {
	big := "a,b,c,count\n1,0,0,3000000000\n0,1,0,2000000000\n1,1,0,1000000000\n0,0,1,1500000000\n1,0,1,700000000\n"
	runHostile(t, []hostileCase{
		{name: "count of MaxInt64 (an LP panic before)",
			files: map[string]string{"c.csv": "a,b,count\n1,0,5\n0,1,9223372036854775807\n1,1,2\n"},
			args:  []string{"estimate", "--mse", "DIR/c.csv"}, code: 2,
			want: []string{"c.csv:3:", "count: count must be a whole number >= 0: \"9223372036854775807\" is over 1000000000000"}},
		{name: "count of 1e17 (an LP panic before)",
			files: map[string]string{"c.csv": "a,b,count\n1,0,100000000000000000\n0,1,7\n1,1,2\n"},
			args:  []string{"estimate", "--mse", "DIR/c.csv"}, code: 2,
			want: []string{"c.csv:2:", "is over 1000000000000"}},
		{name: "counts adding up over the bound",
			files: map[string]string{"c.csv": "a,b,count\n1,0,600000000000\n0,1,600000000000\n1,1,2\n"},
			args:  []string{"estimate", "--mse", "DIR/c.csv"}, code: 2,
			want: []string{"c.csv:3:", "count: victims add up to too many"}},
		{name: "counts in the billions (ran past 45 s before)",
			files: map[string]string{"c.csv": big},
			args:  []string{"estimate", "--mse", "DIR/c.csv", "--format", "json"}, code: 0},
		{name: "NUL in a list name",
			files: map[string]string{"c.csv": "a\x00,b,count\n1,0,5\n0,1,7\n1,1,2\n"},
			args:  []string{"estimate", "--mse", "DIR/c.csv"}, code: 2,
			want: []string{"c.csv:1:", "control character U+0000"}, absent: []string{"\x00"}},
	})
}

// TestHostileEstimate: detection-rate inputs at the ends of float64 give
// an input error, never a negative or infinite stock (issue 18).
func TestHostileEstimate(t *testing.T) {
	runHostile(t, []hostileCase{
		{name: "rate 1e-308", args: []string{"estimate", "--detected", "7300", "--detection-rate", "1e-308"}, code: 2,
			want: []string{"--detection-rate: bad estimate input: a stock of +Inf victims is over 1000000000000"}},
		{name: "rate 1e-308 in JSON", args: []string{"estimate", "--detected", "7300", "--detection-rate", "1e-308", "--format", "json"}, code: 2,
			want: []string{"--detection-rate:"}},
		{name: "detected 1e308", args: []string{"estimate", "--detected", "1e308", "--detection-rate", "1e-308"}, code: 2,
			want: []string{"--detected:"}},
		{name: "infinite value", args: []string{"estimate", "--services", "1e300", "--price", "1e300"}, code: 2,
			want: []string{"--price: bad estimate input: the value comes out as +Inf"}},
		{name: "infinite demand", args: []string{"estimate", "--demand", "--adult-men", "1e308", "--purchases-per-year", "1e300"}, code: 2,
			want: []string{"--demand: bad estimate input: the demand comes out as +Inf"}},
	})
}

// TestHostileCTDC: the CTDC case file (issue 18): a huge or hostile
// country text is set aside quickly and shown escaped and cut.
func TestHostileCTDC(t *testing.T) {
	const header = "yearOfRegistration,citizenship,CountryOfExploitation,isSexualExploit,isForcedLabour,isOtherExploit\n"
	runHostile(t, []hostileCase{
		{name: "1 MB citizenship",
			files: map[string]string{"ctdc.csv": header + "2016," + strings.Repeat("Philippines ", 90_000) + ",US,1,0,0\n2016,PH,US,1,0,0\n"},
			args:  []string{"--data", "DIR/ctdc.csv", "summary", "--format", "json"}, code: 0,
			absent: []string{strings.Repeat("Philippines ", 100)}},
		{name: "NUL and escape in citizenship",
			files: map[string]string{"ctdc.csv": header + "2016,P\x00H\x1b[2J,US,1,0,0\n2016,PH,US,1,0,0\n"},
			args:  []string{"--data", "DIR/ctdc.csv", "summary"}, code: 0,
			absent: []string{"\x00", "\x1b"}},
		{name: "strict: the hostile text is an error, escaped",
			files: map[string]string{"ctdc.csv": header + "2016,P\x00H,US,1,0,0\n"},
			args:  []string{"--data", "DIR/ctdc.csv", "--strict", "summary"}, code: 2,
			want: []string{"ctdc.csv:2:"}, absent: []string{"\x00"}},
	})
}

// TestHostileGLOTIP: GLOTIP values over graph.MaxVictims are bad numbers
// (their sum overflowed int64 before), set aside or, under --strict,
// an error naming the cell (issue 18).
func TestHostileGLOTIP(t *testing.T) {
	const header = "Iso3_code,Country,Region,Subregion,Indicator,Dimension,Category,Sex,Age,Year,Unit of measurement,txtVALUE,Source\n"
	row := func(year, value string) string {
		return "NGA,Nigeria,Africa,West,Detected trafficking victims,by citizenship,Italy,Total,Total," + year + ",Counts,\"" + value + "\",x\n"
	}
	file := header + row("2016", "4,000,000,000,000,000,000") + row("2017", "5,611,686,018,427,387,904") + row("2018", "12")
	runHostile(t, []hostileCase{
		{name: "values over the bound set aside", files: map[string]string{"g.csv": file},
			args: []string{"--data", "DIR/g.csv", "summary"}, code: 0},
		{name: "indicator total over the bound", files: map[string]string{"g.csv": header +
			"ESP,Spain,Europe,Southern Europe,Persons prosecuted,Total,Total,Total,Total,2019,Counts,\"600,000,000,000\",x\n" +
			"ESP,Spain,Europe,Southern Europe,Persons prosecuted,Total,Total,Total,Total,2019,Counts,\"600,000,000,000\",x\n" + row("2018", "12")},
			args: []string{"--data", "DIR/g.csv", "summary"}, code: 2,
			want: []string{`g.csv:3:89: txtVALUE: victims add up to too many: the rows of "Persons prosecuted", "Total", 2019 up to here hold over 1,000,000,000,000`}},
		{name: "values over the bound under --strict", files: map[string]string{"g.csv": file},
			args: []string{"--data", "DIR/g.csv", "--strict", "summary"}, code: 2,
			want: []string{"g.csv:2:", "txtVALUE: bad number \"4,000,000,000,000,000,000\""}},
	})
}

// TestHostilePersons: person networks (edge list, adjacency matrix)
// refuse control characters in person ids (issue 18).
func TestHostilePersons(t *testing.T) {
	runHostile(t, []hostileCase{
		{name: "escape sequence in an edge list",
			files: map[string]string{"net.csv": "from,to\nann,b\x1b[2Job\n"},
			args:  []string{"--data", "DIR/net.csv", "groups"}, code: 2,
			want: []string{"net.csv:2:", "to: control character U+001B"}, absent: []string{"\x1b"}},
		{name: "GraphML syntax error",
			files: map[string]string{"net.graphml": "<?xml version=\"1.0\"?>\n<graphml>\n  <graph id=\"g\">\n" +
				"    <node id=\"a\"><data key=\"role\">boss</data></node>\n    <node id=\"b\" <data key=\"role\">x</data></node>\n  </graph>\n</graphml>\n"},
			args: []string{"--data", "DIR/net.graphml", "groups"}, code: 2,
			want: []string{"net.graphml:5:18: graph: bad GraphML: expected attribute name in element"}},
		{name: "GraphML element closed by another",
			files: map[string]string{"net.graphml": "<graphml>\n<graph id=\"g\">\n<node id=\"a\"></edge>\n</graph>\n</graphml>\n"},
			args:  []string{"--data", "DIR/net.graphml", "groups"}, code: 2,
			want: []string{"net.graphml:3:21: node: bad GraphML: element <node> closed by </edge>"}},
		{name: "NUL in a matrix id",
			files: map[string]string{"m.csv": ",ann,b\x00ob\nann,0,1\nb\x00ob,1,0\n"},
			args:  []string{"--data", "DIR/m.csv", "groups"}, code: 2,
			want: []string{"m.csv:"}, absent: []string{"\x00"}},
	})
}
