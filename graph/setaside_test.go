package graph

import (
	"fmt"
	"testing"
)

// TestSetAsideExamples: a reason keeps its 5 largest examples, earlier
// rows first among equals, through Add and Merge.
func TestSetAsideExamples(t *testing.T) {
	var a, b SetAside
	for i, v := range []Count{3, 0, 9, 3, 1, 7, 0} {
		a.Add("bad", v, fmt.Sprintf("a:%d", i+2))
	}
	b.Add("bad", 8, "b:2")
	b.Add("other", 2, "b:3")
	b.Add("bad", 0, "")
	if got := fmt.Sprint(a.Reasons[0].Examples); got != "[a:4 a:7 a:2 a:5 a:6]" {
		t.Errorf("examples %s, want [a:4 a:7 a:2 a:5 a:6] (9, 7, 3, 3, 1)", got)
	}
	a.Merge(b)
	want := []SetAsideReason{
		{Reason: "bad", Rows: 9, Victims: 31, Examples: []string{"a:4", "b:2", "a:7", "a:2", "a:5"}},
		{Reason: "other", Rows: 1, Victims: 2, Examples: []string{"b:3"}},
	}
	if a.Rows != 10 || a.Victims != 33 || len(a.Reasons) != 2 {
		t.Fatalf("got %+v", a)
	}
	for i, w := range want {
		r := a.Reasons[i]
		if r.Reason != w.Reason || r.Rows != w.Rows || r.Victims != w.Victims || fmt.Sprint(r.Examples) != fmt.Sprint(w.Examples) {
			t.Errorf("reason %d: got %+v, want %+v", i, r, w)
		}
	}
}
