package main

import (
	"strings"
	"testing"
)

// TestExportNoRecords: a filter that keeps nothing is a clear error, not an
// SVG of negative size.
func TestExportNoRecords(t *testing.T) {
	out, errOut, code := tipgraph(t, "export", "--year", "1997", "--as", "svg", "-o", "-")
	if code != 2 || out != "" || !strings.Contains(errOut, "no record passes the filter") {
		t.Errorf("exit %d, stdout %d bytes, stderr %q", code, len(out), errOut)
	}
}
