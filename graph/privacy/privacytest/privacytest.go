// Package privacytest checks typed results after the privacy policy ran:
// helpers for the tests of the analyses that return them.
package privacytest

import (
	"reflect"
	"strconv"
	"testing"

	"github.com/tipgraph/tipgraph/graph"
)

// Small fails t for every victim count of v (at any depth: fields,
// slices, arrays, maps, pointers, interfaces) that is from 1 to k-1, the
// counts the policy of --min-count k must have hidden. It returns how
// many counts of v are hidden.
func Small(t testing.TB, v any, k int) int {
	t.Helper()
	hidden := 0
	var walk func(path string, v reflect.Value)
	walk = func(path string, v reflect.Value) {
		switch v.Kind() {
		case reflect.Pointer, reflect.Interface:
			if !v.IsNil() {
				walk(path, v.Elem())
			}
		case reflect.Struct:
			for i := range v.NumField() {
				if f := v.Type().Field(i); f.IsExported() {
					walk(path+"."+f.Name, v.Field(i))
				}
			}
		case reflect.Slice, reflect.Array:
			for i := range v.Len() {
				walk(path+"["+itoa(i)+"]", v.Index(i))
			}
		case reflect.Map:
			it := v.MapRange()
			for it.Next() {
				walk(path+"["+it.Key().String()+"]", it.Value())
			}
		case reflect.Int64:
			if v.Type() != reflect.TypeFor[graph.Count]() {
				return
			}
			c := graph.Count(v.Int())
			switch {
			case c.IsHidden():
				hidden++
			case c > 0 && c < graph.Count(k):
				t.Errorf("%s = %d shown under --min-count %d", path, c, k)
			}
		}
	}
	walk("", reflect.ValueOf(v))
	return hidden
}

// Sum fails t when total = sum of parts gives a hidden part away: the
// total shown and exactly one part hidden.
func Sum(t testing.TB, what string, total graph.Count, parts ...graph.Count) {
	t.Helper()
	if total.IsHidden() {
		return
	}
	n := 0
	for _, p := range parts {
		if p.IsHidden() {
			n++
		}
	}
	if n == 1 {
		t.Errorf("%s: total %d shown with exactly one part hidden (%v)", what, total, parts)
	}
}

func itoa(i int) string { return strconv.Itoa(i) }
