package ingest

import (
	"context"
	"testing"
)

// TestBuiltinToc2010 checks the built-in dataset against the seed's facts
// it is made of (docs/toc2010.md).
func TestBuiltinToc2010(t *testing.T) {
	ds, err := Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if ds.Name != "toc2010" || len(ds.Countries) < 25 || len(ds.Flows) < 40 {
		t.Fatalf("%s: %d countries, %d records", ds.Name, len(ds.Countries), len(ds.Flows))
	}
	var y2006 int
	vias := map[string]bool{}
	for _, f := range ds.Flows {
		if f.Source == "" {
			t.Errorf("record %s cites no source", f.ID)
		}
		if f.Period.From == 2006 && f.Period.To == 2006 {
			y2006 += f.Victims
		}
		for _, v := range f.Via {
			vias[v] = true
		}
	}
	// "the total number of victims detected in West and Central Europe was
	// 7,300 in 2006"
	if y2006 != 7300 {
		t.Errorf("2006 victims %d, want 7300", y2006)
	}
	// The seed's transit countries: Suriname and French Guiana for Brazil.
	for _, c := range []string{"SR", "GF"} {
		if !vias[c] {
			t.Errorf("%s is not a transit country", c)
		}
	}
	for _, c := range []string{"RO", "BG", "UA", "RU", "MD", "BR", "CO", "PY", "NG", "TH", "CN", "VN", "KH", "AL",
		"ES", "IT", "PT", "FR", "NL", "DE", "AT", "CH", "BE", "GB", "GR", "TR"} {
		if _, ok := ds.Countries[c]; !ok {
			t.Errorf("country %s named by the seed is missing", c)
		}
	}
	if names := Builtins(); len(names) == 0 || names[0].Name != "toc2010" || names[0].Description == "" {
		t.Errorf("Builtins() = %v", names)
	}
}
