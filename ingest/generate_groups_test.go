package ingest

import (
	"bytes"
	"strings"
	"testing"
)

func TestGenerateGroupsDeterministic(t *testing.T) {
	cfg := GenerateConfig{Countries: 30, Flows: 300, Groups: 40, Seed: 5}
	var g1, m1, t1, g2, m2, t2 bytes.Buffer
	if err := GenerateGroups(&g1, &m1, &t1, cfg); err != nil {
		t.Fatal(err)
	}
	GenerateGroups(&g2, &m2, &t2, cfg)
	if g1.String() != g2.String() || m1.String() != m2.String() || t1.String() != t2.String() {
		t.Fatal("same seed, different bytes")
	}
	groups := strings.Count(g1.String(), "\n") - 1
	if groups != 40 {
		t.Errorf("%d groups, want 40", groups)
	}
	// Every tie joins members of its group, and the flows name only
	// generated groups.
	members := map[string]bool{}
	for _, l := range strings.Split(strings.TrimSpace(m1.String()), "\n")[1:] {
		f := strings.Split(l, ",")
		members[f[0]+"/"+f[1]] = true
	}
	for _, l := range strings.Split(strings.TrimSpace(t1.String()), "\n")[1:] {
		f := strings.Split(l, ",")
		if !members[f[0]+"/"+f[1]] || !members[f[0]+"/"+f[2]] || f[1] == f[2] {
			t.Errorf("tie %q joins unknown or equal members", l)
		}
	}
	var flows bytes.Buffer
	Generate(&flows, cfg)
	ds, err := ReadFlows(&flows, "flows.csv")
	if err != nil {
		t.Fatal(err)
	}
	named := 0
	for _, f := range ds.Flows {
		for _, g := range f.Groups {
			named++
			if !strings.Contains(g1.String(), "\n"+g+",") {
				t.Errorf("flow %s names group %s, which was not generated", f.ID, g)
			}
		}
	}
	if named != 100 {
		t.Errorf("%d flows name a group, want one in three (100)", named)
	}
}
