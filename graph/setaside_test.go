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
		a.Add("bad", v, NewSetAsideExample(fmt.Sprintf("a:%d", i+2), "x", v))
	}
	b.Add("bad", 8, NewSetAsideExample("b:2", "x", 8))
	b.Add("other", 2, NewSetAsideExample("b:3", "x", 2))
	b.Add("bad", 0, nil)
	ats := func(es []SetAsideExample) string {
		var out []string
		for _, e := range es {
			out = append(out, e.At)
		}
		return fmt.Sprint(out)
	}
	if got := ats(a.Reasons[0].Examples); got != "[a:4 a:7 a:2 a:5 a:6]" {
		t.Errorf("examples %s, want [a:4 a:7 a:2 a:5 a:6] (9, 7, 3, 3, 1)", got)
	}
	a.Merge(b)
	want := []SetAsideReason{
		{Reason: "bad", Rows: 9, Victims: 31},
		{Reason: "other", Rows: 1, Victims: 2},
	}
	wantAt := []string{"[a:4 b:2 a:7 a:2 a:5]", "[b:3]"}
	if a.Rows != 10 || a.Victims != 33 || len(a.Reasons) != 2 {
		t.Fatalf("got %+v", a)
	}
	for i, w := range want {
		r := a.Reasons[i]
		if r.Reason != w.Reason || r.Rows != w.Rows || r.Victims != w.Victims || ats(r.Examples) != wantAt[i] {
			t.Errorf("reason %d: got %+v, want %+v with examples %s", i, r, w, wantAt[i])
		}
	}
}

func TestSetAsideExampleString(t *testing.T) {
	if got := NewSetAsideExample("f.csv:3", "TOTAL", 1234).String(); got != "f.csv:3: TOTAL (1234)" {
		t.Errorf("got %q", got)
	}
	if got := (SetAsideExample{At: "f.csv:4", Text: "n.a."}).String(); got != "f.csv:4: n.a." {
		t.Errorf("got %q", got)
	}
}
