package ingest

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestReadParallel reads a file with one ReadAt per core after a sniff
// has buffered its head, and refuses a file whose size is not the one
// given (it grew or shrank since Stat), leaving the reader as it was.
func TestReadParallel(t *testing.T) {
	want := bytes.Repeat([]byte("id,origin,destination\n"), 100_000)
	path := filepath.Join(t.TempDir(), "flows.csv")
	if err := os.WriteFile(path, want, 0o600); err != nil {
		t.Fatal(err)
	}
	open := func() (*os.File, *bufio.Reader) {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		br := bufio.NewReaderSize(f, 64<<10)
		if _, err := br.Peek(1000); err != nil {
			t.Fatal(err)
		}
		return f, br
	}
	f, br := open()
	got, ok := readParallel(br, f, int64(len(want)))
	if !ok || !bytes.Equal(got, want) {
		t.Fatalf("read %d bytes, ok %v; want the file's %d", len(got), ok, len(want))
	}
	for _, size := range []int64{int64(len(want)) - 1, int64(len(want)) + 1} {
		f, br := open()
		if _, ok := readParallel(br, f, size); ok {
			t.Fatalf("size %d of a %d-byte file: read", size, len(want))
		}
		all, err := readAll(br, f) // what the caller then does
		if err != nil || !bytes.Equal(all, want) {
			t.Fatalf("after a refused parallel read: %d bytes, %v", len(all), err)
		}
	}
}
