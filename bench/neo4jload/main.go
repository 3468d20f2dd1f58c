// Command neo4jload compares, in one run on the same server, tipgraph's
// Neo4j load (batched UNWIND with parameters, two writers, atomic switch)
// with the same rows written by Neo4j's own LOAD CSV ... CALL { ... } IN
// TRANSACTIONS, building the same (:Flow {route}) nodes.
//
//	eval "$(make -s neo4j)"
//	go run ./bench/neo4jload -n 100000 -runs 3
//
// The CSV for LOAD CSV is written into the server's import folder
// (.neo4j/import for the server that make neo4j starts).
package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/graph/neo4j"
	"github.com/tipgraph/tipgraph/ingest"
)

const loadCSV = `LOAD CSV WITH HEADERS FROM 'file:///bench-flows.csv' AS r
CALL (r) {
  CREATE (f:Flow {id: r.id, dataset: 'bench-loadcsv', load: 'bench-loadcsv', seq: toInteger(r.seq),
    victims: toInteger(r.victims), year_from: toInteger(r.year_from), year_to: toInteger(r.year_to),
    vectors: split(r.vectors, ';'), form: r.form, measure: r.measure, source: r.source,
    groups: split(r.groups, ';')})
  WITH f, [r.origin] + CASE WHEN r.via IS NULL THEN [] ELSE split(r.via, ';') END + [r.destination] AS path
  SET f.route = reduce(s = path[0], c IN path[1..] | s + '>' + c)
} IN TRANSACTIONS OF 2500 ROWS`

const deleteLoadCSV = `MATCH (f:Flow {load: 'bench-loadcsv'})
CALL (f) { DETACH DELETE f } IN TRANSACTIONS OF 5000 ROWS`

func main() {
	n := flag.Int("n", 100_000, "flow records")
	runs := flag.Int("runs", 5, "runs of each method (medians are printed), after one warm-up run of each")
	importDir := flag.String("import", ".neo4j/import", "the server's LOAD CSV import folder")
	flag.Parse()
	if err := run(*n, *runs, *importDir); err != nil {
		fmt.Fprintln(os.Stderr, "neo4jload:", err)
		os.Exit(1)
	}
}

func run(n, runs int, importDir string) error {
	ctx := context.Background()
	uri, pw := os.Getenv("NEO4J_URI"), os.Getenv("NEO4J_PASSWORD")
	if uri == "" {
		return fmt.Errorf("set NEO4J_URI and NEO4J_PASSWORD (eval \"$(make -s neo4j)\")")
	}
	var buf bytes.Buffer
	if err := ingest.Generate(&buf, ingest.GenerateConfig{Countries: 100, Flows: n, Seed: 42}); err != nil {
		return err
	}
	ds, err := ingest.ReadFlows(&buf, "bench.csv")
	if err != nil {
		return err
	}
	if err := writeCSV(filepath.Join(importDir, "bench-flows.csv"), ds); err != nil {
		return err
	}
	st, err := neo4j.Open(ctx, neo4j.Config{URI: uri, Password: pw, Library: ingest.LibraryCountry})
	if err != nil {
		return err
	}
	defer st.Close(ctx)
	drv, err := driver.NewDriverWithContext(uri, driver.BasicAuth("neo4j", pw, ""))
	if err != nil {
		return err
	}
	defer drv.Close(ctx)
	session := func(q string) error {
		s := drv.NewSession(ctx, driver.SessionConfig{})
		defer s.Close(ctx)
		res, err := s.Run(ctx, q, nil)
		if err != nil {
			return err
		}
		_, err = res.Consume(ctx)
		return err
	}

	var tip, csvTimes []time.Duration
	for i := range runs + 1 {
		if err := st.Drop(ctx, "bench-tipgraph"); err != nil {
			return err
		}
		stats, err := st.Load(ctx, ds, "bench-tipgraph", nil)
		if err != nil {
			return err
		}
		if err := session(deleteLoadCSV); err != nil {
			return err
		}
		start := time.Now()
		if err := session(loadCSV); err != nil {
			return fmt.Errorf("LOAD CSV: %w", err)
		}
		took := time.Since(start)
		if i == 0 {
			fmt.Printf("warm-up: tipgraph load %.2f s, LOAD CSV %.2f s\n", stats.Elapsed.Seconds(), took.Seconds())
			continue
		}
		tip = append(tip, stats.Elapsed)
		csvTimes = append(csvTimes, took)
		fmt.Printf("run %d: tipgraph load %.2f s, LOAD CSV %.2f s\n", i, stats.Elapsed.Seconds(), took.Seconds())
	}
	if err := session(deleteLoadCSV); err != nil {
		return err
	}
	if err := st.Drop(ctx, "bench-tipgraph"); err != nil {
		return err
	}
	mt, mc := median(tip), median(csvTimes)
	fmt.Printf("\n%d records, %d runs, medians:\n", n, runs)
	fmt.Printf("  tipgraph load (UNWIND batches of %d, %d writers, atomic switch): %.2f s, %.0f records/s\n", neo4j.BatchSize, neo4j.Writers, mt.Seconds(), float64(n)/mt.Seconds())
	fmt.Printf("  LOAD CSV ... CALL { } IN TRANSACTIONS OF 2500 ROWS:              %.2f s, %.0f records/s\n", mc.Seconds(), float64(n)/mc.Seconds())
	fmt.Printf("  ratio LOAD CSV / tipgraph: %.2f\n", mc.Seconds()/mt.Seconds())
	return nil
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

// writeCSV writes the flows with lists joined by ';' for LOAD CSV.
func writeCSV(path string, ds *graph.Dataset) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := csv.NewWriter(f)
	w.Write([]string{"id", "seq", "origin", "destination", "via", "vectors", "victims", "year_from", "year_to", "form", "measure", "source", "groups"})
	for i, fl := range ds.Flows {
		vecs := make([]string, len(fl.Vectors))
		for j, v := range fl.Vectors {
			vecs[j] = v.String()
		}
		w.Write([]string{fl.ID, strconv.Itoa(i), fl.Origin, fl.Destination, strings.Join(fl.Via, ";"), strings.Join(vecs, ";"),
			strconv.Itoa(fl.Victims), strconv.Itoa(fl.Period.From), strconv.Itoa(fl.Period.To), fl.Form.String(), fl.Measure.String(),
			fl.Source, strings.Join(fl.Groups, ";")})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
