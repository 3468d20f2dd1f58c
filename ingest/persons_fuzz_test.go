package ingest

import (
	"bytes"
	"testing"
)

// FuzzReadPersonNetworks: any bytes read as an adjacency matrix or an
// edge list give a dataset or problems, never a panic; a dataset has one
// group whose ties join two of its members with a weight > 0.
func FuzzReadPersonNetworks(f *testing.F) {
	for _, s := range []string{
		",a,b\na,0,2\nb,2,0\n",
		",a,b,c\nb,3,0,0\na,1,7,0\nc,0,4,0\n",
		"\ufeff,x\r\nx,0\r\n",
		",a,b\na,0,\"1\nb\",0\n",
		"from,to,weight,date,period\na,b,3,2006-03-14,\nb,c,,,2005-2007\nc,c,1,,\n",
		"from,to\n\"a,b\",c\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, read := range []func(*reader) func([]byte){
			func(rd *reader) func([]byte) { return func(b []byte) { rd.matrixCSV(bytes.NewReader(b), "m.csv") } },
			func(rd *reader) func([]byte) { return func(b []byte) { rd.edgeListCSV(bytes.NewReader(b), "e.csv") } },
		} {
			rd := newReader()
			read(rd)(data)
			ds, err := rd.finish("fuzz")
			if err != nil {
				continue
			}
			if len(ds.Groups) != 1 {
				t.Fatalf("%d groups", len(ds.Groups))
			}
			members := map[string]bool{}
			for _, p := range ds.Members {
				members[p.ID] = true
			}
			for _, tie := range ds.Ties {
				if !members[tie.From] || !members[tie.To] || tie.From == tie.To || tie.Weight <= 0 {
					t.Fatalf("tie %+v of members %v", tie, members)
				}
			}
		}
	})
}
