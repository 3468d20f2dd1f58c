package privacy

import (
	"encoding/json"
	"testing"

	"github.com/tipgraph/tipgraph/graph"
)

type part struct {
	Name    string      `json:"name"`
	Victims graph.Count `json:"victims"`
	Share   graph.Share `json:"share"`
}

func (p *part) Suppress(s *State) {
	if p.Victims.IsHidden() {
		s.HideShare(&p.Share)
	}
}

type doc struct {
	Total  graph.Count            `json:"total"`
	Parts  []part                 `json:"parts"`
	ByForm map[string]graph.Count `json:"by_form"`
	Ptr    *graph.Count           `json:"ptr"`
	Any    any                    `json:"any"`
	Plain  int                    `json:"plain"`
}

func (d *doc) Suppress(s *State) {
	ps := make([]*graph.Count, len(d.Parts))
	for i := range d.Parts {
		ps[i] = &d.Parts[i].Victims
	}
	if s.Complement(&d.Total, ps...) {
		for i := range d.Parts {
			d.Parts[i].Suppress(s)
		}
	}
}

func TestApply(t *testing.T) {
	three := graph.Count(3)
	d := &doc{
		Total:  120,
		Parts:  []part{{"a", 100, 100.0 / 120}, {"b", 15, 15.0 / 120}, {"c", 5, 5.0 / 120}, {"z", 0, 0}},
		ByForm: map[string]graph.Count{"sexual": 9, "labour": 111},
		Ptr:    &three,
		Any:    part{"d", 4, 1},
		Plain:  4,
	}
	st := Policy{K: 10}.Apply(d)
	b, _ := json.Marshal(d)
	want := `{"total":120,"parts":[{"name":"a","victims":100,"share":0.8333333333333334},{"name":"b","victims":null,"share":null},{"name":"c","victims":null,"share":null},{"name":"z","victims":0,"share":0}],"by_form":{"labour":111,"sexual":null},"ptr":null,"any":{"name":"d","victims":null,"share":null},"plain":4}`
	if string(b) != want {
		t.Errorf("got  %s\nwant %s", b, want)
	}
	if st.Primary != 4 || st.Secondary != 1 {
		t.Errorf("hidden %d primary, %d secondary; want 4, 1", st.Primary, st.Secondary)
	}
}

func TestComplementHidesTotal(t *testing.T) {
	d := &doc{Total: 5, Parts: []part{{"a", 5, 1}, {"b", 0, 0}}}
	// K=3: 5 is shown, nothing hidden.
	if st := (Policy{K: 3}).Apply(d); st.Hidden() != 0 {
		t.Fatalf("hid %d at K=3", st.Hidden())
	}
	d = &doc{Total: 50, Parts: []part{{"a", 5, 0.1}, {"b", 0, 0}}}
	// Only one part non-zero, below K: the total would give it away...
	// but the total also counts 45 victims not in parts? No: the test
	// doc says total = sum of parts, so with parts 5 and 0 and total 50
	// the rule hides the total whenever the hidden part has no partner.
	Policy{K: 10}.Apply(d)
	if !d.Total.IsHidden() {
		t.Errorf("total %d shown beside one hidden part and zeros", d.Total)
	}
}

func TestInactive(t *testing.T) {
	d := &doc{Total: 3, Parts: []part{{"a", 3, 1}}}
	for _, k := range []int{0, 1} {
		if st := (Policy{K: k}).Apply(d); st.Hidden() != 0 || d.Total != 3 {
			t.Errorf("K=%d hid %d", k, st.Hidden())
		}
	}
}
