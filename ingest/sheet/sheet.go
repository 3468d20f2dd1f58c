// Package sheet writes rows of text as an xlsx workbook laid out as the
// UNODC GLOTIP download, for tests and benchmarks of the GLOTIP reader.
package sheet

import (
	"strconv"

	"github.com/xuri/excelize/v2"
)

// Write writes rows as the one sheet of a workbook at path, named name,
// with the cells of column numberCol (0-based) that hold an integer
// written as numbers (Year in GLOTIP) and the others as text.
func Write(path, name string, rows [][]string, numberCol int) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", name); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	for i, rec := range rows {
		row := make([]any, len(rec))
		for j, v := range rec {
			row[j] = v
			if n, err := strconv.Atoi(v); err == nil && j == numberCol {
				row[j] = n
			}
		}
		cell, err := excelize.CoordinatesToCellName(1, i+1)
		if err != nil {
			return err
		}
		if err := sw.SetRow(cell, row); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.SaveAs(path)
}
