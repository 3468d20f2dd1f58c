package routes_test

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/ingest"
	"github.com/tipgraph/tipgraph/routes/internal/testgraphs"
)

var update = flag.Bool("update", false, "rewrite testdata files from the current code")

// TestToc2010Legs keeps testdata/graphs/toc2010.csv, the leg graph of the
// built-in dataset that networkx_reference.py computes reference values
// for, in step with the dataset. After changing toc2010 run
//
//	go test ./routes -run TestToc2010Legs -update && make reference
func TestToc2010Legs(t *testing.T) {
	ds, err := ingest.Load(context.Background(), "builtin:toc2010")
	if err != nil {
		t.Fatal(err)
	}
	lg, err := graph.NewLegGraph(ds, graph.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	b.WriteString("from,to,victims\n")
	for _, l := range lg.Index.Legs {
		fmt.Fprintf(&b, "%s,%s,%d\n", l.From, l.To, l.Victims)
	}
	path := filepath.Join(testgraphs.Dir(), "graphs", "toc2010.csv")
	if *update {
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b.Bytes(), want) {
		t.Errorf("%s is out of date: run go test ./routes -run TestToc2010Legs -update && make reference", path)
	}
}
