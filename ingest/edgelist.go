package ingest

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/tipgraph/tipgraph/graph"
)

// EdgeListColumns are the columns of an edge list CSV (docs/data-formats.md).
var EdgeListColumns = []string{"from", "to", "weight", "date", "period", "kind", "directed"}

// edgeListCSV reads an edge list: one tie a row from the person in from to
// the person in to, with an optional weight (> 0, default 1), date
// (2006-03-14, 2006-03 or 2006: the tie's period is its year) or period
// (2006 or 2005-2007), kind (default associate) and directed (default as
// in ties.csv: false for associate and family). The file is one group
// named after it whose persons are every id of from and to (role unknown).
// Rows of weight 0 (no tie) and rows tying a person to themself are set
// aside.
func (rd *reader) edgeListCSV(r io.Reader, file string) {
	c := &collector{file: file, errs: rd.errs}
	t, ok := newTable(r, c, EdgeListColumns, []int{0, 1})
	if !ok {
		return
	}
	group := groupOfFile(file)
	aside := rd.aside(c)
	var ids []string
	var idAt []srcPos
	seen := map[string]bool{}
	var ties []graph.Tie
	vals := make([]string, len(EdgeListColumns))
	for !c.full() {
		line, err := t.next(vals)
		if err == io.EOF {
			break
		}
		bad := false
		fail := func(col int, err error) {
			l, p := t.pos(col)
			c.add(l, p, EdgeListColumns[col], err)
			bad = true
		}
		requireValues(vals, []int{0, 1}, fail)
		checkTexts(vals, fail)
		if bad {
			continue
		}
		tie := graph.Tie{Group: group, From: strings.TrimSpace(vals[0]), To: strings.TrimSpace(vals[1]), Weight: 1}
		if w := strings.TrimSpace(vals[2]); w != "" {
			x, err := strconv.ParseFloat(w, 64)
			if err != nil || x < 0 || math.IsInf(x, 0) || math.IsNaN(x) {
				fail(2, fmt.Errorf("%w, got %s", ErrBadWeight, quote(w)))
			}
			tie.Weight = x
		}
		if d := strings.TrimSpace(vals[3]); d != "" {
			y, err := parseDateYear(d)
			if err != nil {
				fail(3, err)
			}
			tie.Period = graph.Year(y)
		}
		if p := strings.TrimSpace(vals[4]); p != "" {
			per, err := graph.ParsePeriod(p)
			switch {
			case err != nil:
				fail(4, err)
			case !tie.Period.IsZero() && !per.Contains(tie.Period):
				fail(4, fmt.Errorf("the date's year %s is not within the period %s", tie.Period, per))
			case tie.Period.IsZero():
				tie.Period = per
			}
		}
		var err2 error
		if tie.Kind, err2 = graph.ParseTieKind(vals[5]); err2 != nil {
			fail(5, err2)
		}
		if tie.Directed, err2 = parseBool(vals[6], DefaultDirected(tie.Kind)); err2 != nil {
			fail(6, err2)
		}
		if bad {
			continue
		}
		for col, id := range []string{tie.From, tie.To} {
			if !seen[id] {
				seen[id] = true
				l, p := t.pos(col)
				ids, idAt = append(ids, id), append(idAt, srcPos{file, l, p})
			}
		}
		switch {
		case tie.Weight == 0:
			_, p := t.pos(2)
			aside.row(line, p, "weight", "weight 0 (no tie)", tie.From+"-"+tie.To, 0, false)
		case tie.From == tie.To:
			_, p := t.pos(1)
			aside.row(line, p, "to", "a tie of a person with themself", tie.From+"-"+tie.To, 0, false)
		default:
			ties = append(ties, tie)
		}
	}
	rd.personsGroup(c, group, ids, func(i int) srcPos { return idAt[i] })
	rd.groups.ties = append(rd.groups.ties, ties...)
}

// parseDateYear reads the year of 2006-03-14, 2006-03 or 2006.
func parseDateYear(s string) (int, error) {
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if d, err := time.Parse(layout, s); err == nil {
			if y := d.Year(); y >= graph.MinYear && y <= graph.MaxYear {
				return y, nil
			}
			break
		}
	}
	return 0, fmt.Errorf("bad date %q (want 2006-03-14, 2006-03 or 2006, a year from %d to %d)", s, graph.MinYear, graph.MaxYear)
}

// parseTieWeight reads the weight of a tie of ties.csv, JSON or GraphML:
// a number > 0, or empty (0: the tie's weight is 1, graph.Tie.W).
func parseTieWeight(s string) (float64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	x, err := strconv.ParseFloat(s, 64)
	if err != nil || x <= 0 || math.IsInf(x, 0) || math.IsNaN(x) {
		return 0, fmt.Errorf("%w, got %q", ErrTieWeight, s)
	}
	return x, nil
}
