package render

import (
	"bytes"
	"testing"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/graph/privacy"
	"github.com/tipgraph/tipgraph/ingest"
)

func TestValidateRender(t *testing.T) {
	v := func() *ingest.Validation {
		return &ingest.Validation{Dataset: "t", Records: 2, Countries: 3, Victims: 7, Groups: 2, Members: 2, Ties: 0,
			NoRecord: []string{"AT", "KZ"}, Shared: []ingest.Shared{{Person: "p", Groups: []string{"g1", "g2"}}}, Valid: true}
	}
	review := func() *ingest.Validation {
		r := v()
		r.NameMatches = []graph.NameMatch{{Text: "Italie", Kind: "country", Code: "IT", How: "translation", Rows: 1, Victims: 3}, {Text: "=x", Kind: "unknown", How: "none", Rows: 1234, Victims: 4}}
		r.Review = &r.NameMatches
		return r
	}
	problems := &ingest.Problems{List: []*ingest.Problem{{File: "flows.csv", Line: 3, Column: 5, Field: "victims", Problem: "=bad"}}, Text: "flows.csv:3:5: victims: =bad"}
	tests := []struct {
		name, format string
		k            int
		res          any
		want         string
	}{
		{"table", Table, 0, v(), "t: ok, 2 records, 3 countries, 7 victims\n2 groups, 2 members, 0 ties\n" +
			"countries in no record (named by countries.csv, groups or members): AT, KZ\nnote: person p is a member of 2 groups: g1, g2\n"},
		{"table hidden", Table, 10, v(), "t: ok, 2 records, 3 countries, <10 victims\n2 groups, 2 members, 0 ties\n" +
			"countries in no record (named by countries.csv, groups or members): AT, KZ\nnote: person p is a member of 2 groups: g1, g2\n" +
			"\n<10: 1 count below 10 hidden (--min-count 10)\n"},
		{"csv hidden", CSV, 10, v(), "key,value\nvalid,true\ndataset,t\nrecords,2\ncountries,3\nvictims,<10\ngroups,2\nmembers,2\nties,0\n" +
			"countries_without_records,AT KZ\nshared_persons,1\n"},
		{"review csv", CSV, 0, review(), "text,kind,code,how,rows,victims\nItalie,country,IT,translation,1,3\n'=x,unknown,,none,1234,4\n"},
		{"review table", Table, 0, review(), "t: ok, 2 records, 3 countries, 7 victims\n2 groups, 2 members, 0 ties\n" +
			"countries in no record (named by countries.csv, groups or members): AT, KZ\nnote: person p is a member of 2 groups: g1, g2\n" +
			"\ncountry texts to review (2):\ntext    kind     code  how          rows   victims\nItalie  country  IT    translation  1      3\n=x      unknown        none         1,234  4\n"},
		{"review count", Table, 0, func() *ingest.Validation { r := review(); r.Review = nil; return r }(), "t: ok, 2 records, 3 countries, 7 victims\n2 groups, 2 members, 0 ties\n" +
			"countries in no record (named by countries.csv, groups or members): AT, KZ\nnote: person p is a member of 2 groups: g1, g2\n" +
			"2 country texts matched by a rule other than a code or a name (validate --names lists them for review)\n"},
		{"problems table", Table, 0, problems, "flows.csv:3:5: victims: =bad\n1 problems\n"},
		{"problems csv", CSV, 0, problems, "file,line,column,field,problem,rows\nflows.csv,3,5,victims,'=bad,0\n"},
	}
	for _, tc := range tests {
		var b bytes.Buffer
		if err := New(&b, tc.format, privacy.Policy{K: tc.k}, Reading{}).Print(tc.res); err != nil {
			t.Fatal(err)
		}
		if b.String() != tc.want {
			t.Errorf("%s:\ngot\n%s\nwant\n%s", tc.name, b.String(), tc.want)
		}
	}
}
