package ingest

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// bigFlows is a generated flows.csv over the parallel threshold, with
// quoted sources (commas, doubled quotes, line breaks, CRLF) sprinkled in,
// and, if bad, broken rows in several chunks.
func bigFlows(t *testing.T, bad bool) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Generate(&b, GenerateConfig{Countries: 80, Flows: 40_000, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	for i := 1; i < len(lines); i += 997 {
		lines[i] = strings.Replace(lines[i], ",synthetic,", fmt.Sprintf(",\"case %d, \"\"quoted\"\"\nsecond line\r\nthird\",", i), 1)
	}
	if bad {
		for _, i := range []int{5, 12_000, 25_001, 39_000} {
			lines[i] = strings.Replace(lines[i], ",detected,", ",guessed,", 1)
		}
		lines[30_000] = "x,NG,IT"
		lines[31_000] = lines[2] // duplicate id
	}
	out := []byte(strings.Join(lines, "\n") + "\n")
	if len(out) < minParallel {
		t.Fatalf("test data of %d bytes does not reach the parallel reader", len(out))
	}
	return out
}

// TestParallelMatchesSequential: the parallel reader gives the same
// dataset, and the same problems, as the encoding/csv reader.
func TestParallelMatchesSequential(t *testing.T) {
	for _, bad := range []bool{false, true} {
		t.Run(fmt.Sprintf("bad=%v", bad), func(t *testing.T) {
			data := bigFlows(t, bad)
			fast := newReader()
			if !fast.flowsData(data, "flows.csv", nil) {
				t.Fatal("the parallel reader gave up on valid quoting")
			}
			fds, ferr := fast.finish("x")
			slow := newReader()
			slow.readSorted(func() { slow.flowsSequential(bytes.NewReader(data), "flows.csv", nil) })
			sds, serr := slow.finish("x")
			if fmt.Sprint(ferr) != fmt.Sprint(serr) {
				t.Fatalf("problems differ:\nparallel:   %v\nsequential: %v", ferr, serr)
			}
			if bad {
				if ferr == nil || !strings.Contains(ferr.Error(), "duplicate id") || !strings.Contains(ferr.Error(), "wrong number of fields") {
					t.Errorf("problems not found: %v", ferr)
				}
				return
			}
			if !reflect.DeepEqual(fds, sds) {
				t.Errorf("datasets differ")
			}
			if !strings.Contains(fds.Flows[997].Source, "\"quoted\"\nsecond line\nthird") {
				t.Errorf("quoted source read as %q", fds.Flows[997].Source)
			}
		})
	}
}

func TestSplitChunks(t *testing.T) {
	body := []byte("a,1\n\"x\ny\",2\nb,3\n\"p\nq\nr\",4\nc,5\n")
	for n := 1; n <= 8; n++ {
		chunks := splitChunks(body, n)
		if chunks[0][0] != 0 || chunks[len(chunks)-1][1] != len(body) {
			t.Fatalf("n=%d: chunks %v do not cover the body", n, chunks)
		}
		for i, c := range chunks {
			if i > 0 && c[0] != chunks[i-1][1] {
				t.Fatalf("n=%d: gap between chunks %v", n, chunks)
			}
			if c[0] > 0 && (body[c[0]-1] != '\n' || bytes.Count(body[:c[0]], []byte{'"'})%2 != 0) {
				t.Errorf("n=%d: chunk %d starts inside a record: %q", n, i, body[c[0]:c[1]])
			}
		}
	}
}
