package ingest

import (
	"encoding/csv"
	"fmt"
	"io"
	"io/fs"
	"math"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/tipgraph/tipgraph/graph"
)

// personsCSV tells a person-network CSV file by its header and returns its
// reader: an adjacency matrix (first header cell empty) or an edge list
// (from and to columns, no origin); nil for any other CSV file.
func (rd *reader) personsCSV(fsys fs.FS, name string) func(io.Reader, string) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil
	}
	defer f.Close()
	r := csv.NewReader(skipBOM(f))
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil || len(header) < 2 {
		return nil
	}
	if strings.TrimSpace(header[0]) == "" {
		return rd.matrixCSV
	}
	cols := map[string]bool{}
	for _, h := range header {
		cols[strings.ToLower(strings.TrimSpace(h))] = true
	}
	if cols["from"] && cols["to"] && !cols["origin"] && !cols["group"] {
		return rd.edgeListCSV
	}
	return nil
}

// groupOfFile is the group id a person-network file gives: its name
// without directory or extension.
func groupOfFile(file string) string {
	base := path.Base(strings.ReplaceAll(file, "\\", "/"))
	return strings.TrimSuffix(base, path.Ext(base))
}

// cell is one non-zero cell of an adjacency matrix.
type cell struct {
	row, col  int32
	w         float64
	line, pos int
}

// matrixCSV reads an adjacency matrix: the header's first cell is empty,
// its other cells are the person ids, and each row gives an id of the
// header in its first cell and, in the column of each id, the weight of
// the tie from the row's person to the column's (a number >= 0; 0 or
// empty: no tie). Every id has one row, in any order. The file is one
// group named after it; its persons have no role (unknown). A symmetric
// matrix gives one undirected tie per pair, any other one directed tie
// per non-zero cell. Diagonal cells (a person with themself) are set
// aside. The time complexity is O(n²) for n ids.
func (rd *reader) matrixCSV(r io.Reader, file string) {
	c := &collector{file: file, errs: rd.errs}
	cr := newCSVReader(skipBOM(r))
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		c.add(1, 0, "", fmt.Errorf("bad matrix header: %w", err))
		return
	}
	header = slices.Clone(header) // kept: Read reuses its slice
	cr.FieldsPerRecord = len(header)
	n := len(header) - 1
	ids := make([]string, n)
	at := map[string]int32{}
	idCol := make([]int, n)
	ok := true
	for i := range n {
		_, idCol[i] = cr.FieldPos(i + 1)
		ids[i] = strings.TrimSpace(header[i+1])
		if ids[i] == "" {
			c.add(1, idCol[i], "id", ErrNoMatrixID)
			ok = false
			continue
		}
		if _, dup := at[ids[i]]; dup {
			c.add(1, idCol[i], ids[i], fmt.Errorf("%w: %q twice in the header", ErrDuplicateID, ids[i]))
			ok = false
			continue
		}
		at[ids[i]] = int32(i)
	}
	if !ok {
		return
	}
	group := groupOfFile(file)
	rowLine := make([]int, n)
	var cells []cell
	aside := rd.aside(c)
	for {
		rec, ok := cr.row(c, header)
		if !ok {
			break
		}
		line, col := cr.FieldPos(0)
		id := strings.TrimSpace(rec[0])
		row, known := at[id]
		switch {
		case !known:
			c.add(line, col, "id", fmt.Errorf("%w: %q", ErrRowID, id))
			continue
		case rowLine[row] != 0:
			c.add(line, col, "id", fmt.Errorf("%w: row %q (first on line %d)", ErrDuplicateID, id, rowLine[row]))
			continue
		}
		rowLine[row] = line
		for j := range n {
			text := strings.TrimSpace(rec[j+1])
			if text == "" || text == "0" {
				continue
			}
			_, pos := cr.FieldPos(j + 1)
			w, err := strconv.ParseFloat(text, 64)
			if err != nil || w < 0 || math.IsInf(w, 0) || math.IsNaN(w) {
				c.add(line, pos, ids[j], fmt.Errorf("%w, got %q", ErrBadWeight, text))
				continue
			}
			if w == 0 {
				continue
			}
			if int32(j) == row {
				aside.row(line, pos, ids[j], "diagonal cell (a tie of a person with themself)", id+"-"+id+" "+text, 0, false)
				continue
			}
			cells = append(cells, cell{row, int32(j), w, line, pos})
		}
	}
	if cr.broken {
		return // the rows after a quoting error are unread
	}
	for i, l := range rowLine {
		if l == 0 && !c.full() {
			c.add(1, idCol[i], ids[i], fmt.Errorf("%w: no row for %q", ErrNotSquare, ids[i]))
		}
	}
	rd.personsGroup(c, group, ids, func(i int) srcPos { return srcPos{file, 1, idCol[i]} })
	weight := make(map[[2]int32]float64, len(cells))
	for _, x := range cells {
		weight[[2]int32{x.row, x.col}] = x.w
	}
	symmetric := true
	for _, x := range cells {
		if weight[[2]int32{x.col, x.row}] != x.w {
			symmetric = false
			break
		}
	}
	slices.SortFunc(cells, func(a, b cell) int {
		if a.row != b.row {
			return int(a.row - b.row)
		}
		return int(a.col - b.col)
	})
	for _, x := range cells {
		if symmetric && x.col < x.row {
			continue
		}
		rd.groups.ties = append(rd.groups.ties, graph.Tie{Group: group, From: ids[x.row], To: ids[x.col],
			Kind: graph.Associate, Directed: !symmetric, Weight: x.w})
	}
}

// personsGroup adds the group id with the persons ids (role unknown);
// pos gives where the i-th id was read.
func (rd *reader) personsGroup(c *collector, id string, ids []string, pos func(int) srcPos) {
	rd.group(rowSource{vals: []string{id, id, "", "", ""},
		fail: func(_ int, err error) { c.add(0, 0, "group", err) },
		pos:  func(int) srcPos { return srcPos{c.file, 0, 0} }}, nil)
	for i, p := range ids {
		if p == "" {
			continue
		}
		at := pos(i)
		rd.member(rowSource{vals: []string{id, p, "", "", "", "", ""},
			fail: func(col int, err error) { c.add(at.line, at.col, MemberColumns[col], err) },
			pos:  func(int) srcPos { return at }}, nil)
	}
}
