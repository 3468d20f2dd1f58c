package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestGenerateArgs(t *testing.T) {
	tests := []struct {
		name string
		ga   generateArgs
		ok   bool
	}{
		{"ok", generateArgs{countries: 50, flows: 10, out: "x"}, true},
		{"no out", generateArgs{countries: 50, flows: 10}, false},
		{"few countries", generateArgs{countries: 3, flows: 10, out: "x"}, false},
		{"more countries than there are", generateArgs{countries: 100_000, flows: 10, out: "x"}, false},
		{"negative", generateArgs{countries: 50, flows: -1, out: "x"}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.ga.check(); (err == nil) != tc.ok {
				t.Errorf("err %v, want ok %v", err, tc.ok)
			}
		})
	}
}

// TestGenerate: same seed, same bytes; the output validates, groups
// included; an existing dataset is not overwritten without --force.
func TestGenerate(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	for _, dir := range []string{a, b} {
		if _, errOut, code := tipgraph(t, "generate", "--countries", "40", "--flows", "500", "--groups", "12", "--seed", "3", "-o", dir); code != 0 {
			t.Fatalf("generate: exit %d: %s", code, errOut)
		}
	}
	for _, f := range []string{"flows.csv", "groups.csv", "members.csv", "ties.csv"} {
		x, err1 := os.ReadFile(filepath.Join(a, f))
		y, err2 := os.ReadFile(filepath.Join(b, f))
		if err1 != nil || err2 != nil || string(x) != string(y) {
			t.Errorf("%s differs between two runs with the same seed (%v, %v)", f, err1, err2)
		}
	}
	out, errOut, code := tipgraph(t, "--data", a, "validate")
	if code != 0 || !strings.Contains(out, "500 records") || !strings.Contains(out, "12 groups") {
		t.Errorf("validate: exit %d, %q %q", code, out, errOut)
	}
	if _, _, code := tipgraph(t, "generate", "--flows", "5", "-o", a); code != 2 {
		t.Errorf("overwrite without --force: exit %d, want 2", code)
	}
}
