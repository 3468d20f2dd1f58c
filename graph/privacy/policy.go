package privacy

import (
	"reflect"
	"strconv"
	"sync"

	"github.com/tipgraph/tipgraph/graph"
)

// Policy is the suppression rule of --min-count K: no victim count from 1
// to K-1 is shown, values derived from a hidden count are hidden with it,
// and no hidden count can be recovered as a shown total minus shown parts.
// Zero is shown (it identifies nobody). K of 0 or 1 shows everything.
type Policy struct {
	K int
}

// Active reports whether the policy hides anything.
func (p Policy) Active() bool { return p.K > 1 }

// Hides reports whether count c must be hidden.
func (p Policy) Hides(c graph.Count) bool { return graph.Hides(p.K, int(c)) }

// Mark is how a hidden count is written in text: "<K".
func (p Policy) Mark() string { return "<" + strconv.Itoa(p.K) }

// Text formats c for prose and pictures with num, or "<K" when the
// policy hides it or it is already hidden.
func (p Policy) Text(c graph.Count, num func(int64) string) string {
	if c.IsHidden() || p.Hides(c) {
		return p.Mark()
	}
	return num(int64(c))
}

// Deriver is a result that holds values derived from its counts, or
// totals of its counts. After the policy has hidden the small counts of
// the value and of everything inside it, it calls Suppress, which hides
// what derives from a hidden count (with s.Hide, s.HideShare) and applies
// complementary suppression to its totals and parts (s.Complement).
type Deriver interface {
	Suppress(s *State)
}

// State is one application of the policy: what was hidden.
type State struct {
	Policy
	// Primary counts the counts hidden because they were below K;
	// Secondary those hidden so that a hidden count cannot be recovered
	// by subtraction.
	Primary, Secondary int
}

// Hidden is the number of counts hidden in all.
func (s *State) Hidden() int { return s.Primary + s.Secondary }

// Apply hides, in place, every small count in v (a pointer to a result,
// or a slice or map of them): every value of type graph.Count in its
// fields, slices, arrays, maps and pointers, at any depth. Values that
// implement Deriver are then asked to hide what derives from those counts.
// It returns what was hidden; with an inactive policy it changes nothing.
func (p Policy) Apply(v any) *State {
	s := &State{Policy: p}
	if !p.Active() || v == nil {
		return s
	}
	s.walk(reflect.ValueOf(v))
	return s
}

var (
	countType   = reflect.TypeFor[graph.Count]()
	shareType   = reflect.TypeFor[graph.Share]()
	deriverType = reflect.TypeFor[Deriver]()
)

// walk hides the counts of v; v is settable where its container allows.
func (s *State) walk(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return
		}
		e := v.Elem()
		if v.Kind() == reflect.Interface && !e.CanSet() && needsWalk(e.Type()) {
			// A value held in an interface is not addressable: walk a
			// copy and store it back.
			c := reflect.New(e.Type()).Elem()
			c.Set(e)
			s.walk(c)
			if v.CanSet() {
				v.Set(c)
			}
			return
		}
		s.walk(e)
	case reflect.Struct:
		if !needsWalk(v.Type()) {
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				s.walk(v.Field(i))
			}
		}
		s.derive(v)
	case reflect.Slice, reflect.Array:
		if !needsWalk(v.Type().Elem()) {
			return
		}
		for i := range v.Len() {
			s.walk(v.Index(i))
		}
	case reflect.Map:
		if !needsWalk(v.Type().Elem()) {
			return
		}
		it := v.MapRange()
		for it.Next() {
			c := reflect.New(v.Type().Elem()).Elem()
			c.Set(it.Value())
			s.walk(c)
			v.SetMapIndex(it.Key(), c)
		}
	case reflect.Int64:
		if v.Type() == countType && v.CanSet() {
			if c := graph.Count(v.Int()); s.Hides(c) {
				v.SetInt(int64(graph.Hidden))
				s.Primary++
			}
		}
	}
}

// derive calls the value's Suppress method, if it has one.
func (s *State) derive(v reflect.Value) {
	if v.CanAddr() && v.Addr().Type().Implements(deriverType) {
		v.Addr().Interface().(Deriver).Suppress(s)
		return
	}
	if v.Type().Implements(deriverType) {
		v.Interface().(Deriver).Suppress(s)
	}
}

// needsWalk reports whether values of type t can hold a count, a share or
// a Deriver (cached per type).
func needsWalk(t reflect.Type) bool {
	if v, ok := walkCache.Load(t); ok {
		return v.(bool)
	}
	ok := holds(t, map[reflect.Type]bool{})
	walkCache.Store(t, ok)
	return ok
}

func holds(t reflect.Type, seen map[reflect.Type]bool) bool {
	if t == countType || t == shareType || t.Implements(deriverType) || reflect.PointerTo(t).Implements(deriverType) {
		return true
	}
	if seen[t] {
		return false
	}
	seen[t] = true
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Array:
		return holds(t.Elem(), seen)
	case reflect.Map:
		return holds(t.Elem(), seen)
	case reflect.Interface:
		return true
	case reflect.Struct:
		for i := range t.NumField() {
			if f := t.Field(i); f.IsExported() && holds(f.Type, seen) {
				return true
			}
		}
	}
	return false
}

// Hide hides *c (a count derived from hidden ones) unless it is zero or
// already hidden.
func (s *State) Hide(c *graph.Count) {
	if *c != 0 && !c.IsHidden() {
		*c = graph.Hidden
		s.Secondary++
	}
}

// HideShare hides a value derived from a hidden count.
func (s *State) HideShare(x *graph.Share) { *x = graph.HiddenShare }

// AnyHidden reports whether one of the counts is hidden.
func AnyHidden(cs ...graph.Count) bool {
	for _, c := range cs {
		if c.IsHidden() {
			return true
		}
	}
	return false
}

// Complement applies complementary suppression to total = sum of parts:
// when exactly one part is hidden and the total is shown, the hidden part
// would be the total minus the shown parts, so the smallest other non-zero
// part is hidden too; when no other part is non-zero, the total is hidden.
// total may be nil when the parts' sum is not shown anywhere (then nothing
// needs hiding). It returns whether it hid anything.
func (s *State) Complement(total *graph.Count, parts ...*graph.Count) bool {
	if total == nil {
		return false
	}
	return s.ComplementSum([]*graph.Count{total}, parts)
}

// ComplementSum is Complement where the shown total is the sum of
// several shown counts (for example rerouted + disrupted): when one of
// them is hidden the sum is not shown and nothing needs hiding; when no
// other part can be hidden, the smallest non-zero total is.
func (s *State) ComplementSum(totals, parts []*graph.Count) bool {
	for _, t := range totals {
		if t.IsHidden() {
			return false
		}
	}
	hidden := 0
	var next *graph.Count
	for _, p := range parts {
		switch {
		case p.IsHidden():
			hidden++
		case *p > 0 && (next == nil || *p < *next):
			next = p
		}
	}
	if hidden != 1 {
		return false
	}
	if next == nil {
		for _, t := range totals {
			if *t > 0 && (next == nil || *t < *next) {
				next = t
			}
		}
	}
	if next == nil {
		return false
	}
	s.Hide(next)
	return true
}

// HideAllIfAny hides every non-zero count of cs when one of them is
// hidden (for counts tied by differences, such as before, after and
// delta, where any two give the third).
func (s *State) HideAllIfAny(cs ...*graph.Count) bool {
	any := false
	for _, c := range cs {
		any = any || c.IsHidden()
	}
	if !any {
		return false
	}
	for _, c := range cs {
		s.Hide(c)
	}
	return true
}

// ComplementMap is Complement for parts held in a map (total = sum of
// the map's values).
func (s *State) ComplementMap(total *graph.Count, parts map[string]graph.Count) bool {
	if total == nil || total.IsHidden() {
		return false
	}
	hidden, next := 0, ""
	for k, v := range parts {
		switch {
		case v.IsHidden():
			hidden++
		case v != 0 && (next == "" || v < parts[next] || v == parts[next] && k < next):
			next = k
		}
	}
	if hidden != 1 {
		return false
	}
	if next != "" {
		parts[next] = graph.Hidden
		s.Secondary++
		return true
	}
	s.Hide(total)
	return true
}

// walkCache holds needsWalk per reflect.Type.
var walkCache sync.Map
