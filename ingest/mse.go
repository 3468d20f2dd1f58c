package ingest

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/tipgraph/tipgraph/graph"
)

// ReadCapturesFile reads the multiple systems estimation table at path
// with ReadCaptures.
func ReadCapturesFile(path string) (*graph.Captures, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadCaptures(f, path)
}

// ReadCaptures reads a multiple systems estimation table from r (named
// file in errors). Two layouts are accepted, told apart by the header:
//
//   - counts: one 0/1 column per list and a last column named "count",
//     one row per observed combination of lists; combinations not listed
//     have no victims. A combination listed twice is an error (it is most
//     likely a copying mistake, and summing would hide it).
//   - cases: one 0/1 column per list and no count column, one row per
//     victim; rows are counted per combination. A first column named "id"
//     is ignored.
//
// Every list column holds 0 or 1; counts are whole numbers >= 0; a row with
// no 1 is an error (nobody is known to no list); there must be 2 to
// graph.MaxLists lists and at least one victim. Every problem is returned,
// as *Errors of *ParseError with line, column and field, up to MaxErrors.
func ReadCaptures(r io.Reader, file string) (*graph.Captures, error) {
	errs := &Errors{}
	c := &collector{file: file, errs: errs}
	br := bufio.NewReader(r)
	if b, err := br.Peek(3); err == nil && bytes.Equal(b, utf8BOM) {
		br.Discard(3)
	}
	cr := newCSVReader(br)
	header, err := cr.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			err = errors.New("empty file: want a header row")
		}
		c.add(1, 0, "", err)
		return nil, errs
	}
	names := make([]string, len(header))
	for i, h := range header {
		names[i] = strings.TrimSpace(h)
	}
	first, last := 0, len(names)
	counted := last > 0 && strings.EqualFold(names[last-1], "count")
	if counted {
		last--
	}
	if last > 0 && strings.EqualFold(names[0], "id") {
		first = 1
	}
	lists := names[first:last]
	seen := map[string]int{}
	for i, l := range lists {
		_, col := cr.FieldPos(first + i)
		switch key := strings.ToUpper(l); {
		case textProblem(l) != nil:
			c.add(1, col, "", textProblem(l))
		case l == "":
			c.add(1, col, "", errors.New("a list column has no name"))
		case seen[key] > 0:
			c.add(1, col, l, fmt.Errorf("%w: list also in column %d", ErrDuplicateList, seen[key]))
		default:
			seen[key] = first + i + 1
		}
	}
	if len(lists) < 2 {
		c.add(1, 0, "", fmt.Errorf("%w: %d list column(s) %q", ErrTooFewLists, len(lists), lists))
	} else if len(lists) > graph.MaxLists {
		c.add(1, 0, "", fmt.Errorf("%w: %d lists, at most %d", ErrTooManyLists, len(lists), graph.MaxLists))
	}
	if len(errs.List) > 0 {
		return nil, errs
	}
	caps := &graph.Captures{Lists: lists, Counts: make([]int, 1<<len(lists))}
	lineOf := map[int]int{} // combination -> line, for counts tables
	total := 0              // victims so far, at most graph.MaxVictims
	for {
		rec, ok := cr.row(c, header)
		if !ok {
			break
		}
		line, _ := cr.FieldPos(0)
		mask, ok := 0, true
		for i, l := range lists {
			v := strings.TrimSpace(rec[first+i])
			_, col := cr.FieldPos(first + i)
			switch v {
			case "1":
				mask |= 1 << i
			case "0":
			default:
				c.add(line, col, l, fmt.Errorf("%w: %s", ErrNotZeroOne, quote(v)))
				ok = false
			}
		}
		n := 1
		if counted {
			v := strings.ReplaceAll(strings.TrimSpace(rec[len(rec)-1]), "_", "")
			_, col := cr.FieldPos(len(rec) - 1)
			k, err := strconv.Atoi(v)
			switch {
			case err != nil || k < 0:
				c.add(line, col, names[len(names)-1], fmt.Errorf("%w: %s", ErrBadCount, quote(v)))
				ok = false
			case graph.Count(k) > graph.MaxVictims:
				c.add(line, col, names[len(names)-1], fmt.Errorf("%w: %s is over %d", ErrBadCount, quote(v), graph.MaxVictims))
				ok = false
			case graph.Count(total+k) > graph.MaxVictims:
				c.add(line, col, names[len(names)-1], fmt.Errorf("%w: the counts up to here add up to over %d", ErrTotalTooLarge, graph.MaxVictims))
				ok = false
			}
			n = k
		}
		if !ok {
			continue
		}
		if mask == 0 {
			c.add(line, 0, "", ErrNoList)
			continue
		}
		if counted {
			if prev, dup := lineOf[mask]; dup {
				c.add(line, 0, "", fmt.Errorf("%w: combination %s also on line %d", ErrDuplicateCombination, caps.Pattern(mask), prev))
				continue
			}
			lineOf[mask] = line
		}
		caps.Counts[mask] += n
		total += n
	}
	if len(errs.List) > 0 {
		return nil, errs
	}
	if caps.Known() == 0 {
		c.add(0, 0, "", ErrNoCases)
		return nil, errs
	}
	return caps, nil
}
