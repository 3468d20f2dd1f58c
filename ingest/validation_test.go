package ingest

import (
	"fmt"
	"slices"
	"testing"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/graph/privacy"
	"github.com/tipgraph/tipgraph/graph/privacy/privacytest"
)

// TestValidate: validate counts the records' countries and victims, lists
// the countries no record names, and under --min-count K hides victims
// below K (a total with no shown parts: nothing else to hide).
func TestValidate(t *testing.T) {
	ds := &graph.Dataset{Name: "t",
		Countries: map[string]graph.Country{"NG": {}, "IT": {}, "LY": {}, "KZ": {}, "AT": {}},
		Flows: []graph.Flow{
			{ID: "a", Origin: "NG", Via: []string{"LY"}, Destination: "IT", Victims: 3},
			{ID: "b", Origin: "NG", Destination: "IT", Victims: 4},
		},
		Groups:  []graph.Group{{ID: "g1"}, {ID: "g2"}},
		Members: []graph.Person{{Group: "g1", ID: "p"}, {Group: "g2", ID: "p"}},
	}
	for _, tc := range []struct {
		k    int
		want string
	}{{0, "7"}, {7, "7"}, {8, "hidden"}} {
		t.Run(fmt.Sprint("K=", tc.k), func(t *testing.T) {
			v := Validate(ds, false)
			if v.Countries != 3 || !slices.Equal(v.NoRecord, []string{"AT", "KZ"}) || v.Records != 2 || len(v.Shared) != 1 || !v.Valid {
				t.Errorf("got %+v", v)
			}
			privacy.Policy{K: tc.k}.Apply(v)
			privacytest.Small(t, v, tc.k)
			got := fmt.Sprint(int64(v.Victims))
			if v.Victims.IsHidden() {
				got = "hidden"
			}
			if got != tc.want {
				t.Errorf("victims %s, want %s", got, tc.want)
			}
		})
	}
}

// TestValidateReview: the review list's victims can add up to the
// dataset's (one text to review per row): listed, one hidden text hides
// the next smallest; not listed, nothing more is hidden.
func TestValidateReview(t *testing.T) {
	ds := &graph.Dataset{Name: "t", Flows: []graph.Flow{
		{ID: "a", Origin: "NG", Destination: "IT", Victims: 3},
		{ID: "b", Origin: "NG", Destination: "DE", Victims: 20},
		{ID: "c", Origin: "NG", Destination: "IT", Victims: 40},
	}, NameMatches: []graph.NameMatch{
		{Text: "Nigerian", Kind: "country", Code: "NG", How: "demonym", Rows: 1, Victims: 40},
		{Text: "Deutschland", Kind: "country", Code: "DE", How: "translation", Rows: 1, Victims: 20},
		{Text: "Italie", Kind: "country", Code: "IT", How: "translation", Rows: 1, Victims: 3},
	}}
	for _, review := range []bool{true, false} {
		v := Validate(ds, review)
		st := privacy.Policy{K: 10}.Apply(v)
		privacytest.Small(t, v, 10)
		want := 1
		if review {
			want = 2
			parts := make([]graph.Count, len(v.NameMatches))
			for i, m := range v.NameMatches {
				parts[i] = m.Victims
			}
			privacytest.Sum(t, "review", v.Victims, parts...)
		}
		if st.Hidden() != want {
			t.Errorf("review %v: %d hidden, want %d", review, st.Hidden(), want)
		}
	}
}
