package main

import (
	"go/build"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

// layers are the top-level folders from the bottom up: a package imports
// only packages of its own layer or below.
var layers = map[string]int{"internal": -1, "graph": 0, "ingest": 1, "routes": 2, "exports": 3, "cmd": 4, "bench": 4}

// TestLayers reads the imports of every package of the module, its
// tests' included, and fails on an import of a package above it.
func TestLayers(t *testing.T) {
	const module = "github.com/tipgraph/tipgraph/"
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		name := d.Name()
		if path != root && (strings.HasPrefix(name, ".") || name == "testdata" || name == "node_modules") {
			return filepath.SkipDir
		}
		pkg, err := build.ImportDir(path, build.ImportComment)
		if _, none := err.(*build.NoGoError); none {
			return nil
		} else if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		from := filepath.ToSlash(rel)
		fromLayer, ok := layers[strings.Split(from, "/")[0]]
		if !ok {
			t.Errorf("%s is in no layer (%v)", from, layers)
			return nil
		}
		checked++
		for _, imports := range [][]string{pkg.Imports, pkg.TestImports, pkg.XTestImports} {
			for _, imp := range imports {
				to, ok := strings.CutPrefix(imp, module)
				if !ok || to == from {
					continue
				}
				if toLayer, ok := layers[strings.Split(to, "/")[0]]; !ok || toLayer > fromLayer {
					t.Errorf("%s imports %s, a layer above it", from, to)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 10 {
		t.Fatalf("checked %d packages: the walk missed the module", checked)
	}
}
