package exports

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"github.com/tipgraph/tipgraph/graph"
)

// legColumns is the header of the legs CSV.
var legColumns = []string{
	"from", "to", "from_name", "to_name", "victims", "records", "vectors",
	"victims_land", "victims_sea", "victims_air", "victims_unknown", "years",
}

// LegsCSV writes the legs of v, one row each, sorted by from and to:
// codes and names of both ends, victims, records, the vectors seen
// (land;sea), the victims by vector and the years the records cover
// (runs of consecutive years as ranges: 1996-2001;2006). Spreadsheets
// open it as is.
func LegsCSV(w io.Writer, v *View) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(SafeCells(legColumns)); err != nil {
		return err
	}
	for _, l := range v.Legs {
		var vecs []string
		for _, vv := range l.Vectors() {
			vecs = append(vecs, vv.Vector.String())
		}
		// The victims by vector add up to the leg's: under MinCount each
		// is hidden with its complement.
		total, by := v.countsWith(strconv.Itoa, l.Victims, l.ByVector[graph.Land], l.ByVector[graph.Sea], l.ByVector[graph.Air], l.ByVector[graph.VectorUnknown])
		err := cw.Write(SafeCells([]string{
			l.From, l.To, v.Graph.Country(l.From).Name, v.Graph.Country(l.To).Name,
			total, strconv.Itoa(l.Records), strings.Join(vecs, ";"),
			by[0], by[1], by[2], by[3],
			yearRuns(l.Years),
		}))
		if err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// yearRuns writes sorted years as ranges of consecutive years joined by
// ";": [1996 1997 1998 2006] is "1996-1998;2006".
func yearRuns(years []int) string {
	var parts []string
	for i := 0; i < len(years); {
		j := i
		for j+1 < len(years) && years[j+1] == years[j]+1 {
			j++
		}
		if j > i {
			parts = append(parts, strconv.Itoa(years[i])+"-"+strconv.Itoa(years[j]))
		} else {
			parts = append(parts, strconv.Itoa(years[i]))
		}
		i = j + 1
	}
	return strings.Join(parts, ";")
}

// SafeCell neutralises a CSV cell that a spreadsheet would read as a
// formula (OWASP's rule: a cell starting with =, +, -, @, tab or carriage
// return gets a leading single quote), leaving numbers as they are.
func SafeCell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		if _, err := strconv.ParseFloat(s, 64); err == nil {
			return s
		}
		return "'" + s
	}
	return s
}

// SafeCells is SafeCell of every cell.
func SafeCells(row []string) []string {
	out := make([]string, len(row))
	for i, c := range row {
		out[i] = SafeCell(c)
	}
	return out
}
