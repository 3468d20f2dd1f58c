package world

import (
	"bufio"
	_ "embed"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/biter777/countries"
)

//go:embed outlines.txt
var outlinesTxt string

// Outline is one country's shape: its outer rings as lon/lat points in
// degrees (holes are left out).
type Outline struct {
	// Code is the ISO 3166-1 alpha-2 code ("" for Natural Earth's
	// N. Cyprus and Somaliland; XK for Kosovo).
	Code  string
	Name  string
	Rings [][][2]float64
}

// Outlines returns the 176 countries of Natural Earth's admin-0 1:110m
// layer but Antarctica, decoded once from the embedded outlines.txt (see
// README.md); rings crossing the antimeridian are cut there. The
// slice is shared: callers must not change it.
var Outlines = sync.OnceValue(func() []Outline {
	out, err := parse(outlinesTxt)
	if err != nil {
		panic(err) // the embedded file is built by build.py and tested
	}
	return out
})

// parse reads the format build.py writes.
func parse(s string) ([]Outline, error) {
	var out []Outline
	sc := bufio.NewScanner(strings.NewReader(s))
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case line == "" || line[0] == '#':
		case strings.HasPrefix(line, "c "):
			id, name, _ := strings.Cut(line[2:], " ")
			o := Outline{Name: name}
			switch {
			case id != "-":
				num, err := strconv.Atoi(id)
				if err != nil {
					return nil, fmt.Errorf("outlines.txt:%d: id %q: %w", n, id, err)
				}
				if c := countries.ByNumeric(num); c != countries.Unknown {
					o.Code = c.Alpha2()
				}
			case name == "Kosovo":
				o.Code = "XK"
			}
			out = append(out, o)
		case strings.HasPrefix(line, "r ") && len(out) > 0:
			f := strings.Fields(line[2:])
			if len(f) < 6 || len(f)%2 != 0 {
				return nil, fmt.Errorf("outlines.txt:%d: a ring needs pairs of at least 3 points", n)
			}
			ring := make([][2]float64, 0, len(f)/2)
			x, y := 0, 0
			for i := 0; i < len(f); i += 2 {
				dx, err1 := strconv.Atoi(f[i])
				dy, err2 := strconv.Atoi(f[i+1])
				if err1 != nil || err2 != nil {
					return nil, fmt.Errorf("outlines.txt:%d: point %d is not two integers", n, i/2+1)
				}
				x, y = x+dx, y+dy
				ring = append(ring, [2]float64{float64(x) / 10, float64(y) / 10})
			}
			o := &out[len(out)-1]
			o.Rings = append(o.Rings, ring)
		default:
			return nil, fmt.Errorf("outlines.txt:%d: want a line starting with c or r", n)
		}
	}
	return out, sc.Err()
}
