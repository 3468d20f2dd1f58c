package ingest

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestReadCaptures(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		lists    []string
		counts   map[int]int
	}{
		{"counts", "A,B,C,count\n1,0,0,5\n0,1,0,3\n1,1,1,2\n", []string{"A", "B", "C"}, map[int]int{1: 5, 2: 3, 7: 2}},
		{"cases", "id,A,B\n1,1,0\n2,1,1\n3,1,1\n4,0,1\n", []string{"A", "B"}, map[int]int{1: 1, 2: 1, 3: 2}},
		{"zero count", "A,B,count\n1,0,0\n0,1,4\n1,1,1\n", []string{"A", "B"}, map[int]int{2: 4, 3: 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := ReadCaptures(strings.NewReader(tc.in), "t.csv")
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(c.Lists, tc.lists) {
				t.Errorf("lists got %v, want %v", c.Lists, tc.lists)
			}
			for m, got := range c.Counts {
				if want := tc.counts[m]; got != want {
					t.Errorf("cell %s: got %d, want %d", c.Pattern(m), got, want)
				}
			}
		})
	}
}

func TestReadCapturesErrors(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     error
		line     int
		field    string
	}{
		{"not 0/1", "A,B,count\n1,0,5\n2,1,3\n", ErrNotZeroOne, 3, "A"},
		{"negative", "A,B,count\n1,0,5\n0,1,-3\n", ErrBadCount, 3, "count"},
		{"not whole", "A,B,count\n1,0,5.5\n", ErrBadCount, 2, "count"},
		{"one list", "A,count\n1,5\n", ErrTooFewLists, 1, ""},
		{"all zero", "A,B,count\n1,0,5\n0,0,3\n", ErrNoList, 3, ""},
		{"duplicate", "A,B,count\n1,0,5\n0,1,3\n1,0,2\n", ErrDuplicateCombination, 4, ""},
		{"duplicate list", "A,a,count\n1,0,5\n", ErrDuplicateList, 1, "a"},
		{"empty", "A,B,count\n", ErrNoCases, 0, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadCaptures(strings.NewReader(tc.in), "t.csv")
			var pe *ParseError
			if !errors.Is(err, tc.want) || !errors.As(err, &pe) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
			if pe.Line != tc.line || pe.Field != tc.field || pe.File != "t.csv" {
				t.Errorf("got line %d field %q (%v), want line %d field %q", pe.Line, pe.Field, err, tc.line, tc.field)
			}
		})
	}
}

func FuzzReadCaptures(f *testing.F) {
	f.Add("A,B,count\n1,0,5\n0,1,3\n1,1,2\n")
	f.Add("id,A,B\n1,1,0\n")
	f.Fuzz(func(t *testing.T, in string) {
		c, err := ReadCaptures(strings.NewReader(in), "f.csv")
		if err == nil {
			if err := c.Check(); err != nil {
				t.Fatalf("accepted a table that fails Check: %v", err)
			}
		}
	})
}
