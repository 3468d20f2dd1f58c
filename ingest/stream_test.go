package ingest_test

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/graph/graphtest"
	"github.com/tipgraph/tipgraph/ingest"
)

// collector is a Stream sink that copies every record with its place.
type collector struct {
	mu      sync.Mutex
	records []seqFlow
	workers int
	// parts follows each part: the records handed over, whether it
	// ended, and the first breach of Stream's contract on parts.
	parts  map[int64]*partLog
	breach string
}

type partLog struct {
	records int64
	ended   bool
}

type seqFlow struct {
	seq int64
	f   graph.Flow
}

func (c *collector) worker() func(int64, []graph.Flow) {
	c.mu.Lock()
	c.workers++
	c.mu.Unlock()
	return func(seq int64, flows []graph.Flow) {
		c.mu.Lock()
		defer c.mu.Unlock()
		if c.parts == nil {
			c.parts = map[int64]*partLog{}
		}
		part := seq >> 32
		pl := c.parts[part]
		if pl == nil {
			pl = &partLog{}
			c.parts[part] = pl
		}
		switch {
		case c.breach != "":
		case pl.ended:
			c.breach = fmt.Sprintf("part %d: a batch after its end", part)
		case seq != part<<32+pl.records:
			c.breach = fmt.Sprintf("part %d: batch at %d after %d records", part, seq-part<<32, pl.records)
		}
		pl.ended = pl.ended || flows == nil
		pl.records += int64(len(flows))
		for i, f := range flows {
			f.Via = slices.Clone(f.Via)
			c.records = append(c.records, seqFlow{seq + int64(i), f})
		}
		for i := range flows { // the reader must not need them again
			for k := range flows[i].Via {
				flows[i].Via[k] = "overwritten"
			}
		}
	}
}

// checkParts reports a breach of the contract on parts: each numbered
// from 0 in read order, its batches contiguous, ended by a nil batch.
func (c *collector) checkParts() error {
	if c.breach != "" {
		return errors.New(c.breach)
	}
	for p := range int64(len(c.parts)) {
		if pl := c.parts[p]; pl == nil || !pl.ended {
			return fmt.Errorf("part %d of %d: missing or not ended", p, len(c.parts))
		}
	}
	return nil
}

func (c *collector) flows() []graph.Flow {
	slices.SortFunc(c.records, func(a, b seqFlow) int { return cmp.Compare(a.seq, b.seq) })
	var out []graph.Flow
	for _, r := range c.records {
		out = append(out, r.f)
	}
	return out
}

// TestStreamMatchesLoad: Stream hands over exactly the records Load
// keeps, in order, and returns the rest of the same dataset, for a large
// generated directory with groups (read in parallel, batch by batch), the
// built-in datasets and every foreign format (kept as chunks, handed over
// after each source).
func TestStreamMatchesLoad(t *testing.T) {
	dir := t.TempDir()
	cfg := ingest.GenerateConfig{Countries: 60, Flows: 40_000, Groups: 30, Seed: 9}
	var flows, groups, members, ties bytes.Buffer
	if err := ingest.Generate(&flows, cfg); err != nil {
		t.Fatal(err)
	}
	if err := ingest.GenerateGroups(&groups, &members, &ties, cfg); err != nil {
		t.Fatal(err)
	}
	for name, b := range map[string]*bytes.Buffer{"flows.csv": &flows, "groups.csv": &groups, "members.csv": &members, "ties.csv": &ties} {
		if err := os.WriteFile(filepath.Join(dir, name), b.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if flows.Len() < 2<<20 {
		t.Fatalf("flows.csv is %d bytes: too small for the parallel reader", flows.Len())
	}
	cases := [][]string{{dir}, {"builtin:toc2010"}, {"testdata/ctdc_sample.csv"}, {"testdata/glotip_sample.csv"},
		{"testdata/flows_setaside.csv"}, {"builtin:toc2010", dir}}
	ctx := context.Background()
	for _, paths := range cases {
		t.Run(strings.Join(paths, "+"), func(t *testing.T) {
			opts := ingest.Options{SetAside: true}
			want, err := ingest.Countries().LoadWith(ctx, opts, paths...)
			if err != nil {
				t.Fatal(err)
			}
			c := &collector{}
			got, streamed, err := ingest.Countries().Stream(ctx, opts, c.worker, paths...)
			if err != nil || !streamed {
				t.Fatalf("streamed %v, %v", streamed, err)
			}
			if got.Flows != nil {
				t.Errorf("the streamed dataset holds %d records", len(got.Flows))
			}
			if err := c.checkParts(); err != nil {
				t.Error(err)
			}
			got.Flows = c.flows()
			graphtest.SameDataset(t, got, want)
			graphtest.SameGroups(t, got, want)
			if !reflect.DeepEqual(got.SetAside, want.SetAside) || !reflect.DeepEqual(got.NameMatches, want.NameMatches) ||
				!reflect.DeepEqual(got.Censored, want.Censored) || !reflect.DeepEqual(got.Indicators, want.Indicators) {
				t.Errorf("what was set aside or matched differs")
			}
			if len(paths) == 1 && paths[0] == dir && c.workers < 2 {
				t.Errorf("%d workers: the large file was not read in parallel", c.workers)
			}
		})
	}
}

// TestStreamFallsBack: input Stream cannot hand over exactly is read
// again by Load (streamed false, the records in the dataset), and input
// with problems fails as Load does.
func TestStreamFallsBack(t *testing.T) {
	dir := t.TempDir()
	var b bytes.Buffer
	if err := ingest.Generate(&b, ingest.GenerateConfig{Countries: 40, Flows: 30_000, Seed: 2}); err != nil {
		t.Fatal(err)
	}
	body := b.String()
	header := body[:strings.IndexByte(body, '\n')+1]
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	// A large file ending in a quoted field and a \r without \n:
	// encoding/csv drops the \r, the parallel reader leaves the file to
	// it after handing over every other chunk.
	quoted := write("quoted.csv", body+`zz1,BI,FR,,,3,2005,sexual,detected,cited,""`+"\r")
	// Two records over graph.MaxVictims together.
	total := write("total.csv", header+"a,BI,FR,,,900000000000,2005,,,,\nb,FR,BI,,,900000000000,2005,,,,\n")
	dup := write("dup.csv", body+"g7,BI,FR,,,3,2005,,,,\n")
	ctx := context.Background()
	for _, p := range []string{quoted, total, dup} {
		t.Run(filepath.Base(p), func(t *testing.T) {
			want, werr := ingest.Load(ctx, p)
			c := &collector{}
			got, streamed, err := ingest.Countries().Stream(ctx, ingest.Options{}, c.worker, p)
			if werr != nil {
				if err == nil || err.Error() != werr.Error() {
					t.Fatalf("got %v, want %v", err, werr)
				}
				return
			}
			if err != nil || streamed {
				t.Fatalf("streamed %v, %v; want a fallback to Load", streamed, err)
			}
			graphtest.SameDataset(t, got, want)
		})
	}
}
