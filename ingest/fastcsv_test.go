package ingest

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/tipgraph/tipgraph/graph"
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
			fds, sds, ok, ferr := readBoth(t, bigFlows(t, bad))
			if !ok {
				t.Fatal("the parallel reader gave up on valid quoting")
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

// FuzzParallelMatchesSequential: on any input the parallel reader accepts
// (it hands quoting problems to encoding/csv), it gives the same dataset
// and the same problems as the encoding/csv reader.
func FuzzParallelMatchesSequential(f *testing.F) {
	for _, s := range []string{
		"id,origin,destination,via,victims,year\na,NG,IT,LY,3,2006\nb,BR,NL,SR,4,2007\n",
		"origin,destination,victims\r\nNG,IT,3\r\n\r\nBR,NL,4\r\n",
		"origin,destination,victims\nNG,IT,3\rBR,NL,4\r",
		"origin,destination,victims\nNG,IT\nNG,IT,3,4\n,,\n NG , IT , 5 \n",
		"origin,destination,victims,source\nNG,IT,3,\"a,b\"\nNG,IT,3,\"x\ny\"\n",
		"origin,destination,via,vectors,victims\nNG,IT,LY>TN,land>sea>sea,3\nNG,IT,LY,air,2\nNG,IT,,Air,1\n",
		"origin,destination,via,victims\nBrasil,ES,,3\nNigerians,Italia,Tunisa,2\nBrasil,UK,,1\nKorea,IT,,1\n",
		// Short rows ending in a quoted field, on one line and on two:
		// the column is past the closing quote.
		"origin,destination,victims\n\"\"\n",
		"origin,destination,victims\nNG,\"I\"\"T\"\r\nNG,IT,3\n",
		"origin,destination,victims,source\nNG,IT,\"x\ny\"\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		fds, sds, ok, ferr := readBoth(t, []byte(in))
		if ok && ferr == nil && !reflect.DeepEqual(fds, sds) {
			t.Fatalf("datasets differ:\nparallel:   %+v\nsequential: %+v", fds.Flows, sds.Flows)
		}
	})
}

// readBoth reads data with the parallel reader and with encoding/csv and
// fails t unless both report the same problems. ok is false when the
// parallel reader handed the file to encoding/csv.
func readBoth(t *testing.T, data []byte) (fast, slow *graph.Dataset, ok bool, err error) {
	t.Helper()
	fr := newReader()
	if !fr.flowsData(data, "flows.csv", nil) {
		return nil, nil, false, nil
	}
	fr.sortErrors()
	fast, err = fr.finish("x")
	sr := newReader()
	sr.readSorted(func() { sr.flowsSequential(bytes.NewReader(data), "flows.csv", nil) })
	slow, serr := sr.finish("x")
	if fmt.Sprint(err) != fmt.Sprint(serr) {
		t.Fatalf("problems differ:\nparallel:   %v\nsequential: %v", err, serr)
	}
	return fast, slow, true, err
}
