// Command gen writes ingest/geodata.go (run by go generate in ingest).
package main

import (
	"fmt"
	"os"

	"github.com/tipgraph/tipgraph/ingest/internal/geogen"
)

func main() {
	entries, err := geogen.Entries()
	if err == nil {
		var src []byte
		if src, err = geogen.Source(entries); err == nil {
			err = os.WriteFile("geodata.go", src, 0o644)
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "geogen:", err)
		os.Exit(1)
	}
}
