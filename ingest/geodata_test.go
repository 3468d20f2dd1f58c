package ingest

import (
	"bytes"
	"os"
	"testing"

	"github.com/tipgraph/tipgraph/ingest/internal/geogen"
)

// TestGeoTableFromLibrary checks that geodata.go is what go generate
// writes from the gountries version in go.mod: every country, name,
// sub-region and position as the library has them.
func TestGeoTableFromLibrary(t *testing.T) {
	entries, err := geogen.Entries()
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) < 240 {
		t.Fatalf("the library gave %d countries, want about 250", len(entries))
	}
	want, err := geogen.Source(entries)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("geodata.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("geodata.go is not what the library gives: run go generate ./ingest")
	}
	for _, e := range entries {
		g, ok := defaultResolver.geoOf(e.Code)
		if !ok || *g != geoEntry(e) {
			t.Fatalf("geoOf(%s) = %+v, %v; the library has %+v", e.Code, g, ok, e)
		}
	}
	if _, ok := defaultResolver.geoOf("CS"); ok {
		t.Fatal("CS (Serbia and Montenegro) has an entry; the library has none")
	}
}
