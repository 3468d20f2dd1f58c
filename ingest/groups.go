package ingest

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/tipgraph/tipgraph/graph"
)

// File names of the group tables inside a dataset directory.
const (
	GroupsFile  = "groups.csv"
	MembersFile = "members.csv"
	TiesFile    = "ties.csv"
)

// Columns of groups.csv, members.csv and ties.csv (docs/data-formats.md).
var (
	GroupColumns  = []string{"id", "name", "countries", "structure", "source"}
	MemberColumns = []string{"group", "person", "role", "gender", "nationality", "country", "former_victim"}
	TieColumns    = []string{"group", "from", "to", "kind", "directed", "weight", "period"}
)

var (
	requiredGroupCols  = []int{0}
	requiredMemberCols = []int{0, 1}
	requiredTieCols    = []int{0, 1, 2}
)

// srcPos is where a value was read: file, line and column.
type srcPos struct {
	file      string
	line, col int
}

// groupRef is a reference to a group (person == "") or to a member of a
// group, checked once every table is read.
type groupRef struct {
	group, person string
	field         string
	at            srcPos
}

// groupState accumulates the group tables of every source of a dataset.
type groupState struct {
	groups  []graph.Group
	members []graph.Person
	ties    []graph.Tie
	// seen is set once any group table (CSV, JSON or GraphML) was read:
	// from then on a flow's groups must name known groups.
	seen     bool
	groupAt  map[string]srcPos
	memberAt map[[2]string]srcPos
	refs     []groupRef // members' and ties' references
	flowRefs []groupRef // flows' groups column
	files    []string   // every file read, in order
}

// rowSource is one row of a group table, whatever the file format.
type rowSource struct {
	vals []string
	// fail records a problem with column col; pos returns its position.
	fail func(col int, err error)
	pos  func(col int) srcPos
}

func (gs *groupState) init() {
	if gs.groupAt == nil {
		gs.groupAt = map[string]srcPos{}
		gs.memberAt = map[[2]string]srcPos{}
	}
}

// dupError says that what was seen before, and where.
func dupError(what string, prev srcPos, file string) error {
	return fmt.Errorf("%w: %s (%s)", ErrDuplicateID, what, seenAt(prev, file))
}

// seenAt says where something met again in file was first seen.
func seenAt(prev srcPos, file string) string {
	if prev.file != file {
		return fmt.Sprintf("also at %s:%d", prev.file, prev.line)
	}
	return fmt.Sprintf("first on line %d", prev.line)
}

// group decodes one groups row.
func (rd *reader) group(r rowSource, extra map[string]graph.Country) {
	gs := &rd.groups
	gs.init()
	gs.seen = true
	if !checkTexts(r.vals, r.fail) {
		return
	}
	v := r.vals
	g := graph.Group{ID: strings.TrimSpace(v[0]), Name: strings.TrimSpace(v[1]), Structure: strings.TrimSpace(v[3]), Source: strings.TrimSpace(v[4])}
	ok := true
	if g.ID == "" {
		r.fail(0, ErrRequired)
		return
	}
	at := r.pos(0)
	if prev, dup := gs.groupAt[g.ID]; dup {
		r.fail(0, dupError(fmt.Sprintf("group %q", g.ID), prev, at.file))
		ok = false
	} else {
		gs.groupAt[g.ID] = at
	}
	for _, part := range splitTrim(v[2], ";") {
		code, nr, err := lookupCountry(rd.res, extra, rd.used, part)
		if err != nil {
			r.fail(2, err)
			ok = false
			continue
		}
		rd.names.Note(nr, 0)
		if !slices.Contains(g.Countries, code) {
			g.Countries = append(g.Countries, code)
		}
	}
	if ok {
		gs.groups = append(gs.groups, g)
	}
}

// member decodes one members row.
func (rd *reader) member(r rowSource, extra map[string]graph.Country) {
	gs := &rd.groups
	gs.init()
	if !checkTexts(r.vals, r.fail) {
		return
	}
	v := r.vals
	ok := true
	bad := func(col int, err error) {
		r.fail(col, err)
		ok = false
	}
	p := graph.Person{Group: strings.TrimSpace(v[0]), ID: strings.TrimSpace(v[1])}
	requireValues(v, requiredMemberCols, bad)
	if !ok {
		return
	}
	var err error
	if p.Role, err = graph.ParseRole(v[2]); err != nil {
		bad(2, err)
	}
	if p.Gender, err = parseGender(v[3]); err != nil {
		bad(3, err)
	}
	for _, c := range []struct {
		col int
		dst *string
	}{{4, &p.Nationality}, {5, &p.Country}} {
		if strings.TrimSpace(v[c.col]) == "" {
			continue
		}
		var nr Resolution
		if *c.dst, nr, err = lookupCountry(rd.res, extra, rd.used, v[c.col]); err != nil {
			bad(c.col, err)
			continue
		}
		rd.names.Note(nr, 0)
	}
	if p.FormerVictim, err = parseBool(v[6], false); err != nil {
		bad(6, err)
	}
	key := [2]string{p.Group, p.ID}
	at := r.pos(1)
	if prev, dup := gs.memberAt[key]; dup {
		bad(1, dupError(fmt.Sprintf("person %q twice in group %q", p.ID, p.Group), prev, at.file))
	} else {
		gs.memberAt[key] = at
	}
	gs.refs = append(gs.refs, groupRef{group: p.Group, field: MemberColumns[0], at: r.pos(0)})
	if ok {
		gs.members = append(gs.members, p)
	}
}

// tie decodes one ties row.
func (rd *reader) tie(r rowSource) {
	gs := &rd.groups
	gs.init()
	if !checkTexts(r.vals, r.fail) {
		return
	}
	v := r.vals
	ok := true
	bad := func(col int, err error) {
		r.fail(col, err)
		ok = false
	}
	t := graph.Tie{Group: strings.TrimSpace(v[0]), From: strings.TrimSpace(v[1]), To: strings.TrimSpace(v[2])}
	requireValues(v, requiredTieCols, bad)
	if !ok {
		return
	}
	var err error
	if t.Kind, err = graph.ParseTieKind(v[3]); err != nil {
		bad(3, err)
	}
	if t.Directed, err = parseBool(v[4], DefaultDirected(t.Kind)); err != nil {
		bad(4, err)
	}
	if t.From == t.To {
		bad(2, fmt.Errorf("%w: %s tied to itself", ErrSelfTie, quote(t.From)))
	}
	if t.Weight, err = parseTieWeight(v[5]); err != nil {
		bad(5, err)
	}
	if p := strings.TrimSpace(v[6]); p != "" {
		if t.Period, err = graph.ParsePeriod(p); err != nil {
			bad(6, err)
		}
	}
	gs.refs = append(gs.refs,
		groupRef{group: t.Group, field: TieColumns[0], at: r.pos(0)},
		groupRef{group: t.Group, person: t.From, field: TieColumns[1], at: r.pos(1)},
		groupRef{group: t.Group, person: t.To, field: TieColumns[2], at: r.pos(2)})
	if ok {
		gs.ties = append(gs.ties, t)
	}
}

// DefaultDirected says whether a tie of kind k with an empty directed
// column is directed: recruits, transports-for, controls and reports-to
// are; associate and family are not.
func DefaultDirected(k graph.TieKind) bool {
	return k != graph.Associate && k != graph.Family
}

// parseBool reads true/false, yes/no, y/n, 1/0 in any case; empty is def.
func parseBool(s string, def bool) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "":
		return def, nil
	case "true", "yes", "y", "1", "t":
		return true, nil
	case "false", "no", "n", "0", "f":
		return false, nil
	}
	return def, fmt.Errorf("%w %s (want true or false)", ErrBadBool, quote(s))
}

// parseGender reads female/male/other (f, m, woman, man too); empty is
// unknown.
func parseGender(s string) (string, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "":
		return "", nil
	case "female", "f", "woman", "w":
		return "female", nil
	case "male", "m", "man":
		return "male", nil
	case "other", "x":
		return "other", nil
	}
	return "", fmt.Errorf("%w %s (want female, male, other or empty)", ErrBadGender, quote(s))
}

// tableCSV reads one group table (cols) and hands each row to row.
func (rd *reader) tableCSV(r io.Reader, file string, cols []string, required []int, row func(rowSource)) {
	c := &collector{file: file, errs: rd.errs}
	t, ok := newTable(r, c, cols, required)
	if !ok {
		return
	}
	vals := make([]string, len(cols))
	src := rowSource{
		vals: vals,
		fail: func(col int, err error) {
			line, column := t.pos(col)
			c.add(line, column, cols[col], err)
		},
		pos: func(col int) srcPos {
			line, column := t.pos(col)
			return srcPos{file, line, column}
		},
	}
	for !c.full() {
		if _, err := t.next(vals); err == io.EOF {
			return
		}
		row(src)
	}
}

func (rd *reader) groupsCSV(extra map[string]graph.Country) func(io.Reader, string) {
	return func(r io.Reader, file string) {
		rd.groups.init()
		rd.groups.seen = true
		rd.tableCSV(r, file, GroupColumns, requiredGroupCols, func(s rowSource) { rd.group(s, extra) })
	}
}

func (rd *reader) membersCSV(extra map[string]graph.Country) func(io.Reader, string) {
	return func(r io.Reader, file string) {
		rd.tableCSV(r, file, MemberColumns, requiredMemberCols, func(s rowSource) { rd.member(s, extra) })
	}
}

func (rd *reader) tiesCSV(r io.Reader, file string) {
	rd.tableCSV(r, file, TieColumns, requiredTieCols, rd.tie)
}

// flowGroups remembers the groups a flow names, checked by checkGroups.
func (rd *reader) flowGroups(f *graph.Flow, row *flowRow, file string) {
	if len(f.Groups) == 0 {
		return
	}
	line, col := row.pos(colGroups)
	for _, g := range f.Groups {
		rd.groups.flowRefs = append(rd.groups.flowRefs, groupRef{group: g, field: FlowColumns[colGroups], at: srcPos{file, line, col}})
	}
}

// checkGroups checks the references between the tables once all are read:
// every member's and tie's group exists, a tie's persons are members of
// its group, and, when any group table was read, every group a flow names
// exists. Problems are added in file and line order.
func (rd *reader) checkGroups() {
	gs := &rd.groups
	var found []*ParseError
	check := func(refs []groupRef) {
		for _, ref := range refs {
			var err error
			if _, ok := gs.groupAt[ref.group]; !ok {
				if ref.person != "" {
					continue // the tie's group column reports it
				}
				err = fmt.Errorf("%w %s", ErrUnknownGroup, quote(ref.group))
			} else if ref.person != "" {
				if _, ok := gs.memberAt[[2]string{ref.group, ref.person}]; !ok {
					err = fmt.Errorf("%w %s in group %s (not in its members)", ErrUnknownPerson, quote(ref.person), quote(ref.group))
				}
			}
			if err != nil {
				found = append(found, &ParseError{File: ref.at.file, Line: ref.at.line, Column: ref.at.col, Field: ref.field, Err: err})
			}
		}
	}
	check(gs.refs)
	if gs.seen {
		check(gs.flowRefs)
	}
	if len(found) == 0 {
		return
	}
	// Merge with the problems found while reading: files in the order
	// they were read, then line and column.
	rank := map[string]int{}
	for _, f := range gs.files {
		if _, ok := rank[f]; !ok {
			rank[f] = len(rank)
		}
	}
	perFile := map[string]int{}
	for _, pe := range rd.errs.List {
		if _, ok := rank[pe.File]; !ok {
			rank[pe.File] = len(rank)
		}
		perFile[pe.File]++
	}
	for _, pe := range found {
		if _, ok := rank[pe.File]; !ok {
			rank[pe.File] = len(rank)
		}
		if perFile[pe.File] >= MaxErrors {
			rd.errs.Truncated = true
			continue
		}
		perFile[pe.File]++
		rd.errs.List = append(rd.errs.List, pe)
	}
	slices.SortStableFunc(rd.errs.List, func(a, b *ParseError) int {
		return cmp.Or(cmp.Compare(rank[a.File], rank[b.File]), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
	})
}

// Shared is a person who is a member of more than one group: allowed,
// and reported as a note by validate and groups.
type Shared struct {
	Person string   `json:"person"`
	Groups []string `json:"groups"`
}

// SharedPersons lists the persons of ds who belong to two or more groups,
// by person id; their groups are in dataset order.
func SharedPersons(ds *graph.Dataset) []Shared {
	by := map[string][]string{}
	for _, p := range ds.Members {
		if !slices.Contains(by[p.ID], p.Group) {
			by[p.ID] = append(by[p.ID], p.Group)
		}
	}
	var out []Shared
	for id, gs := range by {
		if len(gs) > 1 {
			out = append(out, Shared{id, gs})
		}
	}
	slices.SortFunc(out, func(a, b Shared) int { return cmp.Compare(a.Person, b.Person) })
	return out
}

// groupFiles reads groups.csv, members.csv, ties.csv and every *.graphml
// file of a dataset directory, those that are there.
func (rd *reader) groupFiles(fsys fs.FS, dir, label string, extra map[string]graph.Country) error {
	for _, t := range []struct {
		name string
		read func(io.Reader, string)
	}{
		{GroupsFile, rd.groupsCSV(extra)},
		{MembersFile, rd.membersCSV(extra)},
		{TiesFile, rd.tiesCSV},
	} {
		if _, err := fs.Stat(fsys, path.Join(dir, t.name)); err != nil {
			continue
		}
		if err := rd.file(fsys, path.Join(dir, t.name), filepath.Join(label, t.name), t.read); err != nil {
			return err
		}
	}
	files, _ := fs.Glob(fsys, path.Join(dir, "*.graphml"))
	for _, f := range files {
		if err := rd.file(fsys, f, filepath.Join(label, path.Base(f)), rd.graphml(extra)); err != nil {
			return err
		}
	}
	return nil
}

// jsonRow is one object of a JSON table and its offset in the document.
type jsonRow struct {
	raw json.RawMessage
	off int64
}

// jsonGroups reads the groups, members and ties tables of a JSON
// document: objects keyed like the CSV columns; countries may be an array
// or a ";"-separated string, former_victim and directed booleans or
// strings. Keys starting with "x_" are ignored.
func (rd *reader) jsonGroups(tables map[string][]jsonRow, lines lineIndex, c *collector, extra map[string]graph.Country) {
	if _, ok := tables["groups"]; ok {
		rd.groups.init()
		rd.groups.seen = true
	}
	for _, t := range []struct {
		key  string
		cols []string
		row  func(rowSource)
	}{
		{"groups", GroupColumns, func(s rowSource) { rd.group(s, extra) }},
		{"members", MemberColumns, func(s rowSource) { rd.member(s, extra) }},
		{"ties", TieColumns, rd.tie},
	} {
		for _, jr := range tables[t.key] {
			if c.full() {
				return
			}
			at := func(off int64) srcPos {
				line, col := lines.pos(off)
				return srcPos{c.file, line, col}
			}
			vals := make([]string, len(t.cols))
			offs := make([]int64, len(t.cols))
			bad := false
			isObject := objectFields(jr.raw, jr.off, func(k string, v json.RawMessage, vOff int64) {
				col := indexOf(t.cols, k)
				if col < 0 {
					if !strings.HasPrefix(k, "x_") {
						p := at(vOff)
						c.add(p.line, p.col, k, ErrUnknownColumn)
						bad = true
					}
					return
				}
				s, err := jsonCell(v)
				if err != nil {
					p := at(vOff)
					c.add(p.line, p.col, k, err)
					bad = true
					return
				}
				vals[col], offs[col] = s, vOff
			})
			if !isObject {
				p := at(jr.off)
				c.add(p.line, p.col, t.key, fmt.Errorf("want an object per %s row", t.key))
				continue
			}
			if bad {
				continue
			}
			pos := func(col int) srcPos {
				if offs[col] > 0 {
					return at(offs[col])
				}
				return at(jr.off)
			}
			t.row(rowSource{
				vals: vals,
				fail: func(col int, err error) {
					p := pos(col)
					c.add(p.line, p.col, t.cols[col], err)
				},
				pos: pos,
			})
		}
	}
}

// jsonCell turns a JSON value of a group table into its CSV text: arrays
// of strings are joined with ";", booleans written as true/false.
func jsonCell(v json.RawMessage) (string, error) {
	v = bytes.TrimSpace(v)
	switch {
	case len(v) == 0 || string(v) == "null":
		return "", nil
	case string(v) == "true" || string(v) == "false":
		return string(v), nil
	case v[0] == '[':
		var list []string
		if err := json.Unmarshal(v, &list); err != nil {
			return "", errors.New("want an array of strings")
		}
		return strings.Join(list, ";"), nil
	}
	return jsonText(v, -1)
}
