package graph

import "testing"

func TestCaptures(t *testing.T) {
	// A=1, B=2, C=4: A only 5, B only 3, A and B 2, all three 1.
	c := &Captures{Lists: []string{"A", "B", "C"}, Counts: []int{0, 5, 3, 2, 0, 0, 0, 1}}
	for _, tc := range []struct {
		name      string
		got, want int
	}{
		{"known", c.Known(), 11},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: got %d, want %d", tc.name, tc.got, tc.want)
		}
	}
	if got, want := c.Pattern(3), "110"; got != want {
		t.Errorf("pattern: got %q, want %q", got, want)
	}
	if err := c.Check(); err != nil {
		t.Error(err)
	}
	for name, bad := range map[string]*Captures{
		"one list": {Lists: []string{"A"}, Counts: []int{0, 1}},
		"counts":   {Lists: []string{"A", "B"}, Counts: []int{0, 1}},
		"negative": {Lists: []string{"A", "B"}, Counts: []int{0, 1, -1, 1}},
		"no list":  {Lists: []string{"A", "B"}, Counts: []int{3, 1, 1, 1}},
	} {
		if bad.Check() == nil {
			t.Errorf("%s: Check accepted it", name)
		}
	}
}
