package ingest

import (
	"errors"
	"fmt"
	"io"
	"runtime/debug"

	"github.com/xuri/excelize/v2"

	"github.com/tipgraph/tipgraph/graph"
)

// glotipXLSX reads a GLOTIP workbook (data_glotip.xlsx as downloaded): the
// first sheet with a GLOTIP header, its rows streamed (excelize keeps a
// large sheet in a temporary file, not in memory). Lines are sheet row
// numbers and columns cell column numbers (A = 1).
func (rd *reader) glotipXLSX(r io.Reader, file string, extra map[string]graph.Country) {
	c := &collector{file: file, errs: rd.errs}
	// excelize decodes every row through encoding/xml: about 16 KB of
	// garbage a row. The command line runs with the collector off
	// (cmd/tipgraph/main.go), so it is on while a workbook is read: 58,800
	// rows peak at about 50 MB instead of 1 GB (BENCHMARKS.md).
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	f, err := excelize.OpenReader(r)
	if err != nil {
		c.add(0, 0, "", fmt.Errorf("read workbook: %w", err))
		return
	}
	defer f.Close()
	for _, sheet := range f.GetSheetList() {
		err := rd.xlsxSheet(c, f, sheet, extra)
		if errors.Is(err, errNoGLOTIPHeader) {
			continue
		}
		if err != nil {
			c.add(0, 0, "", fmt.Errorf("sheet %s: %w", sheet, err))
		}
		return
	}
	c.add(0, 0, "", fmt.Errorf("no sheet has a GLOTIP header (a row naming %s and %s in its first %d rows)", GLOTIPColumns[gIso3], GLOTIPColumns[gValue], glotipHeaderLines))
}

// xlsxSheet reads one sheet as a GLOTIP table.
func (rd *reader) xlsxSheet(c *collector, f *excelize.File, sheet string, extra map[string]graph.Country) error {
	rows, err := f.Rows(sheet)
	if err != nil {
		return err
	}
	defer rows.Close()
	line := 0
	next := func() ([]string, int, error) {
		if !rows.Next() {
			if err := rows.Error(); err != nil {
				return nil, 0, err
			}
			return nil, 0, io.EOF
		}
		line++ // Next visits every row number, empty rows too
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		return cells, line, err
	}
	return rd.glotipRows(c, next, func(i int) int { return i + 1 }, extra)
}
