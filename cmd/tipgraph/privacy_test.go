package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/tipgraph/tipgraph/ingest"
)

// The privacy test data: every record's victims is a multiple of 10,000
// and no other number tipgraph prints (records, years, hops, ranks) comes
// near 10,000, so every number from 10,000 to leakK-1 in any output is a
// victim count (or a sum or difference of them) that --min-count leakK
// must hide.
const (
	leakData     = "testdata/leaks"
	leakCaptures = "testdata/leaks-captures.csv"
	leakK        = 50000
	leakLow      = 10000
)

// leakCommands are the analyses, each run in every format.
var leakCommands = [][]string{
	{"summary"},
	{"validate"},
	{"hubs"},
	{"hubs", "--by", "inflow"},
	{"routes", "--from", "NG", "--to", "IT"},
	{"routes", "--from", "BR", "--to", "NL", "--by", "victims"},
	{"divert", "--remove", "SR"},
	{"divert", "--remove", "LY", "--displacement", "0.5"},
	{"divert", "--remove", "RU", "--remove", "HU"},
	{"divert", "--each"},
	{"interdict", "--k", "2"},
	{"emerging"},
	{"emerging", "--destination", "IT"},
	{"groups"},
	{"groups", "--group", "g-ng"},
	{"groups", "--country", "IT"},
	{"estimate", "--detected-from-data"},
	{"estimate", "--detected-from-data", "--demand"},
	{"validate", "--names"},
	{"datasets"},
	{"emerging", "--by-year", "--all"},
	{"emerging", "--foreign", "--destination", "IT", "--all"},
	{"hubs", "--by", "throughput"},
	{"country", "--country", "IT"},
	{"country", "--country", "IT", "--top", "1"},
	{"country", "--country", "LY"},
	{"routes", "--from", "NG", "--to", "IT", "--remove", "LY"},
	{"emerging", "--top", "1"},
	{"divert", "--remove", "RU", "--remove", "HU", "--limit", "1"},
}

// TestMinCountHidesEverySmallCount walks every command, format, export,
// the briefing and every API endpoint under --min-count and fails on any
// victim count below the threshold in what they print, and, in every
// JSON document, on any hidden count that is a shown total minus shown
// parts.
func TestMinCountHidesEverySmallCount(t *testing.T) {
	k := strconv.Itoa(leakK)
	base := []string{"--data", leakData, "--set-aside"}
	for _, c := range leakCommands {
		for _, format := range []string{"table", "csv", "json"} {
			name := strings.Join(c, " ") + " " + format
			t.Run(name, func(t *testing.T) {
				args := append(append(cloneArgs(base), "--min-count", k, "--format", format), c...)
				out, errOut, code := tipgraph(t, args...)
				if code != 0 {
					t.Fatalf("exit %d: %s", code, errOut)
				}
				assertNoSmallCounts(t, out+errOut)
				if format != "json" {
					return
				}
				plain, errOut, code := tipgraph(t, append(append(cloneArgs(base), "--format", "json"), c...)...)
				if code != 0 {
					t.Fatalf("without --min-count: exit %d: %s", code, errOut)
				}
				assertNoSubtraction(t, plain, out)
			})
		}
	}
	t.Run("estimate --mse", func(t *testing.T) {
		for _, format := range []string{"table", "csv", "json"} {
			out, errOut, code := tipgraph(t, "--min-count", k, "--format", format, "estimate", "--mse", leakCaptures, "--bootstrap", "50")
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			assertNoSmallCounts(t, out)
			if format == "json" {
				plain, _, _ := tipgraph(t, "--format", format, "estimate", "--mse", leakCaptures, "--bootstrap", "50")
				assertNoSubtraction(t, plain, out)
			}
		}
	})
	for _, as := range []string{"svg", "dot", "csv", "json", "graphml", "cypher"} {
		t.Run("export "+as, func(t *testing.T) {
			for _, extra := range [][]string{nil, {"--remove", "LY"}, {"--from", "NG", "--to", "IT"}} {
				out, errOut, code := tipgraph(t, append(append(cloneArgs(base), "--min-count", k, "export", "--as", as, "-o", "-"), extra...)...)
				if code != 0 && code != 2 {
					t.Fatalf("%v: exit %d: %s", extra, code, errOut)
				}
				assertNoSmallCounts(t, out+errOut)
			}
		})
	}
	t.Run("report", func(t *testing.T) {
		dir := t.TempDir()
		_, errOut, code := tipgraph(t, append(cloneArgs(base), "--min-count", k, "report", "-o", dir, "--mse", leakCaptures)...)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		files, _ := os.ReadDir(dir)
		for _, f := range files {
			b, err := os.ReadFile(filepath.Join(dir, f.Name()))
			if err != nil {
				t.Fatal(err)
			}
			if strings.HasSuffix(f.Name(), ".png") {
				continue // drawn from the SVG, checked as text there
			}
			t.Run(f.Name(), func(t *testing.T) { assertNoSmallCounts(t, string(b)) })
		}
	})
	t.Run("api", func(t *testing.T) {
		h := leakServer(t)
		for _, path := range []string{
			"/api/summary", "/api/hubs", "/api/routes?from=NG&to=IT", "/api/divert?remove=SR", "/api/divert?remove=LY&displacement=0.5",
			"/api/divert?each", "/api/interdict?k=2", "/api/emerging", "/api/emerging?destination=IT", "/api/groups", "/api/groups?group=g-ng",
			"/api/estimate?detected-from-data", "/api/estimate?detected-from-data&demand", "/api/datasets", "/api/groups?country=IT",
			"/api/emerging?by-year&all", "/api/estimate.csv?detected-from-data", "/api/groups.csv?group=g-ng",
			"/api/summary.csv", "/api/hubs.csv", "/api/routes.csv?from=NG&to=IT", "/api/divert.csv?remove=SR", "/api/divert.csv?each",
			"/api/interdict.csv?k=2", "/api/emerging.csv", "/api/groups.csv",
			"/api/map.svg", "/api/map.svg?remove=LY", "/api/map.svg?from=NG&to=IT", "/api/divert?remove=SR&limit=1",
		} {
			t.Run(path, func(t *testing.T) {
				// Twice: the second answer comes from what the server
				// kept, which hiding counts must not have changed.
				var first string
				for i := range 2 {
					w := httptest.NewRecorder()
					req := httptest.NewRequest(http.MethodGet, path, nil)
					req.Host = "127.0.0.1"
					h.ServeHTTP(w, req)
					if w.Code != http.StatusOK {
						t.Fatalf("status %d: %s", w.Code, w.Body)
					}
					assertNoSmallCounts(t, w.Body.String())
					if i == 0 {
						first = w.Body.String()
					} else if w.Body.String() != first {
						t.Errorf("second answer differs from the first:\n%.300q\n%.300q", w.Body.String(), first)
					}
				}
			})
		}
	})
}

func cloneArgs(s []string) []string { return append([]string(nil), s...) }

// assertNoSmallCounts fails on every number from leakLow to leakK-1 in
// text: plain (10000), with thousands separators (10,000) or with a
// fraction (10000.5).
func assertNoSmallCounts(t *testing.T, text string) {
	t.Helper()
	for _, n := range smallCounts(text, leakLow, leakK) {
		t.Errorf("count %s (in %q) is below --min-count %d", n.text, n.context, leakK)
	}
}

type numberAt struct{ text, context string }

// smallCounts finds the numbers in [lo, hi) in text; a run of digits,
// commas and dots is read as one number (commas as thousands separators),
// so the digits after a decimal point never count on their own.
func smallCounts(text string, lo, hi float64) []numberAt {
	var out []numberAt
	isNum := func(b byte) bool { return b >= '0' && b <= '9' || b == ',' || b == '.' }
	for i := 0; i < len(text); {
		if text[i] < '0' || text[i] > '9' {
			i++
			continue
		}
		if i > 0 && (text[i-1] == '.' || isWord(text[i-1])) {
			// Digits inside a word, a hex colour or a fraction.
			for i < len(text) && (isWord(text[i]) || text[i] >= '0' && text[i] <= '9') {
				i++
			}
			continue
		}
		j := i
		for j < len(text) && isNum(text[j]) {
			j++
		}
		if j < len(text) && isWord(text[j]) {
			// Part of a word or a hex colour (#35978f), not a number.
			for j < len(text) && (isWord(text[j]) || isNum(text[j])) {
				j++
			}
			i = j
			continue
		}
		run := strings.TrimRight(text[i:j], ".,")
		for _, part := range strings.Split(run, ", ") {
			x, ok := parseNumber(part)
			if ok && math.Abs(x) >= lo && math.Abs(x) < hi {
				from, to := max(0, i-40), min(len(text), j+20)
				out = append(out, numberAt{part, text[from:to]})
			}
		}
		i = j
	}
	return out
}

func isWord(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b == '_' || b == '#' }

// parseNumber reads 12345, 12,345 or 12345.67 (commas only in groups of
// three); a list such as 1,2 is not one number.
func parseNumber(s string) (float64, bool) {
	intPart, frac, _ := strings.Cut(s, ".")
	if strings.Contains(intPart, ",") {
		groups := strings.Split(intPart, ",")
		for i, g := range groups {
			if i > 0 && len(g) != 3 || i == 0 && (len(g) == 0 || len(g) > 3) {
				return 0, false
			}
		}
		intPart = strings.Join(groups, "")
	}
	x, err := strconv.ParseFloat(intPart+"."+frac+"0", 64)
	return x, err == nil
}

// assertNoSubtraction compares a JSON document without suppression
// (plain) with the same document under --min-count (hidden counts are
// null there) and fails where a hidden count can be recovered as a shown
// number minus other shown numbers of the same object, or a shown total
// of an enclosing object minus the shown parts of a list or map of parts.
// It looks only at the structure, never at key names.
func assertNoSubtraction(t *testing.T, plain, suppressed string) {
	t.Helper()
	var a, b any
	if err := json.Unmarshal([]byte(plain), &a); err != nil {
		t.Fatalf("plain JSON: %v", err)
	}
	if err := json.Unmarshal([]byte(suppressed), &b); err != nil {
		t.Fatalf("suppressed JSON: %v", err)
	}
	for _, leak := range recoverable(a, b, "", nil) {
		t.Error(leak)
	}
}

// cell is one integer of a document: its value without suppression and
// whether it is hidden under suppression.
type cell struct {
	path   string
	value  float64
	hidden bool
}

// recoverable walks two documents of the same shape; totals are the shown
// integers of the enclosing objects.
func recoverable(a, b any, path string, totals []cell) []string {
	var leaks []string
	switch x := a.(type) {
	case map[string]any:
		y, _ := b.(map[string]any)
		own := intCells(x, y, path)
		// Within one object: a shown field equal to the sum of a subset of
		// the others with exactly one hidden.
		leaks = append(leaks, subsetLeaks(own, own)...)
		// Its integers as parts of an enclosing total (a map of counts).
		leaks = append(leaks, partLeaks(own, totals)...)
		inner := append(append([]cell(nil), totals...), shown(own)...)
		for k, v := range x {
			leaks = append(leaks, recoverable(v, y[k], path+"."+k, inner)...)
		}
	case []any:
		y, _ := b.([]any)
		// Lists of objects: the values under one key are parts of a total.
		if len(x) > 1 {
			keys := map[string]bool{}
			if m, ok := x[0].(map[string]any); ok {
				for k := range m {
					keys[k] = true
				}
			}
			for k := range keys {
				var parts []cell
				for i, e := range x {
					m, ok := e.(map[string]any)
					if !ok {
						parts = nil
						break
					}
					var ym map[string]any
					if i < len(y) {
						ym, _ = y[i].(map[string]any)
					}
					if c, ok := intCell(m[k], ym[k], fmt.Sprintf("%s[%d].%s", path, i, k)); ok {
						parts = append(parts, c)
					}
				}
				leaks = append(leaks, partLeaks(parts, totals)...)
			}
		}
		for i, e := range x {
			var ye any
			if i < len(y) {
				ye = y[i]
			}
			leaks = append(leaks, recoverable(e, ye, fmt.Sprintf("%s[%d]", path, i), totals)...)
		}
	}
	return leaks
}

func intCell(a, b any, path string) (cell, bool) {
	v, ok := a.(float64)
	// Victim counts of the test data are 0 or at least leakLow; shares,
	// ranks and record counts are not.
	if !ok || v != math.Trunc(v) || v != 0 && math.Abs(v) < leakLow {
		return cell{}, false
	}
	return cell{path: path, value: v, hidden: b == nil}, true
}

func intCells(x, y map[string]any, path string) []cell {
	var cs []cell
	for k, v := range x {
		if c, ok := intCell(v, y[k], path+"."+k); ok {
			cs = append(cs, c)
		}
	}
	return cs
}

func shown(cs []cell) []cell {
	var out []cell
	for _, c := range cs {
		if !c.hidden && c.value != 0 {
			out = append(out, c)
		}
	}
	return out
}

// partLeaks: the parts add up to a shown total (or the sum of two shown
// totals) and exactly one of them is hidden.
func partLeaks(parts, totals []cell) []string {
	hidden, sum := 0, 0.0
	var h cell
	for _, p := range parts {
		sum += p.value
		if p.hidden {
			hidden++
			h = p
		}
	}
	if hidden != 1 || h.value == 0 {
		return nil
	}
	ts := shown(totals)
	for i, a := range ts {
		if a.value == sum {
			return []string{fmt.Sprintf("%s (%g) is %s minus the other shown parts", h.path, h.value, a.path)}
		}
		for _, b := range ts[i+1:] {
			if a.value+b.value == sum {
				return []string{fmt.Sprintf("%s (%g) is %s + %s minus the other shown parts", h.path, h.value, a.path, b.path)}
			}
		}
	}
	return nil
}

// subsetLeaks: a shown cell of totals equals the sum of a subset of cells
// (at most 12 non-zero cells are combined) with exactly one hidden.
func subsetLeaks(totals, cells []cell) []string {
	var nz []cell
	for _, c := range cells {
		if c.value != 0 {
			nz = append(nz, c)
		}
	}
	if len(nz) > 12 {
		return nil
	}
	var leaks []string
	for _, tot := range shown(totals) {
		for mask := 1; mask < 1<<len(nz); mask++ {
			sum, hidden, in := 0.0, 0, false
			var h cell
			for i, c := range nz {
				if mask&(1<<i) == 0 {
					continue
				}
				if c.path == tot.path {
					in = true
					break
				}
				sum += c.value
				if c.hidden {
					hidden++
					h = c
				}
			}
			if !in && hidden == 1 && sum == tot.value {
				leaks = append(leaks, fmt.Sprintf("%s (%g) is %s minus other shown fields", h.path, h.value, tot.path))
				return leaks
			}
		}
	}
	return leaks
}

// TestMapSaysHidden: under --min-count a country on the map whose every
// record is under the threshold (Suriname, removed in the what-if: its
// one record has 10,000 victims) is labelled "hidden", not 0, in the
// SVG of export and of the API, and its tooltip says why; without
// --min-count it carries its count.
func TestMapSaysHidden(t *testing.T) {
	base := []string{"--data", leakData, "--set-aside"}
	label := regexp.MustCompile(`(?s)<title>SR\.label</title>.*?</g>`)
	tooltip := regexp.MustCompile(`xlink:title="Suriname \(SR\): ([^"]*)"`)
	check := func(t *testing.T, svg, wantCount, wantTip string) {
		t.Helper()
		l := label.FindString(svg)
		if !strings.Contains(l, ">"+wantCount+"<") {
			t.Errorf("Suriname's label %q does not show %q", l, wantCount)
		}
		if strings.Contains(l, ">0<") {
			t.Errorf("Suriname's label %q shows 0", l)
		}
		if m := tooltip.FindStringSubmatch(svg); m == nil || !strings.Contains(m[1], wantTip) {
			t.Errorf("Suriname's tooltip %q, want it to contain %q", m, wantTip)
		}
	}
	svg, errOut, code := tipgraph(t, append(cloneArgs(base), "--min-count", strconv.Itoa(leakK), "export", "--as", "svg", "-o", "-", "--remove", "SR")...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	check(t, svg, "hidden", "victims hidden (every record under 50,000)")
	assertNoSmallCounts(t, svg)
	plain, _, _ := tipgraph(t, append(cloneArgs(base), "export", "--as", "svg", "-o", "-", "--remove", "SR")...)
	check(t, plain, "10,000", "10,000 victims")

	h := leakServer(t)
	w := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodGet, "/api/map.svg?remove=SR", nil)
	req.Host = "127.0.0.1"
	h.ServeHTTP(w, req)
	if w.Body.String() != svg {
		t.Error("the API's map differs from export's")
	}
}

// leakServer serves the privacy test data under --min-count leakK.
func leakServer(t *testing.T) *server {
	t.Helper()
	ds, err := ingest.LoadWith(context.Background(), ingest.Options{SetAside: true}, leakData)
	if err != nil {
		t.Fatal(err)
	}
	h, err := newServer(ds, serveConfig{loopback: true}, leakK, log.New(io.Discard, "", 0))
	if err != nil {
		t.Fatal(err)
	}
	return h
}
