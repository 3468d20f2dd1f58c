package ingest

import (
	"bytes"
	"testing"
)

func TestGenerateDeterministicAndValid(t *testing.T) {
	var a, b bytes.Buffer
	cfg := GenerateConfig{Countries: 60, Flows: 5000, Seed: 7}
	if err := Generate(&a, cfg); err != nil {
		t.Fatal(err)
	}
	Generate(&b, cfg)
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("same seed, different bytes")
	}
	ds, err := ReadFlows(bytes.NewReader(a.Bytes()), "flows.csv")
	if err != nil {
		t.Fatalf("generated data does not validate: %v", err)
	}
	if len(ds.Flows) != 5000 || len(ds.Countries) < 40 || len(ds.Countries) > 60 {
		t.Errorf("%d flows, %d countries", len(ds.Flows), len(ds.Countries))
	}
	var c bytes.Buffer
	Generate(&c, GenerateConfig{Countries: 60, Flows: 5000, Seed: 8})
	if bytes.Equal(a.Bytes(), c.Bytes()) {
		t.Error("different seeds, same bytes")
	}
}
