package render

import (
	"bytes"
	"testing"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/graph/privacy"
	"github.com/tipgraph/tipgraph/routes/groups"
)

func groupsFixture() *groups.Result {
	return &groups.Result{Dataset: "t", Groups: []groups.Report{{
		ID: "g1", Name: "=cmd", Members: 3, Ties: 2, Structure: groups.Chain, Female: 1, GenderKnown: 2, FemaleShare: 0.5,
		Countries: []string{"IT", "NG"}, Brokers: []groups.Broker{{Person: "b", Betweenness: 1}}, CutPoints: []string{"b"},
		Cells: []groups.Cell{{Country: "NG", Members: []string{"a", "b"}}, {Country: "", Members: []string{"c"}}},
		Flows: []string{"f1", "f2"}, Victims: 45,
		VictimOrigins: []groups.OriginCount{{Country: "NG", Count: 40}, {Country: "GH", Count: 5}},
		Nationalities: []groups.CodeCount{{Country: "NG", Count: 3}},
	}}, Shared: nil}
}

func TestGroupsRender(t *testing.T) {
	tests := []struct {
		format string
		k      int
		want   string
	}{
		{CSV, 10, "id,name,members,ties,structure,female_share,countries,brokers,cut_points,cells,cell_bridges,flows,victims,same_nationality_share\n" +
			"g1,'=cmd,3,2,chain,0.500000,IT;NG,b:1.000000000000,b,NG:2;?:1,,f1;f2,45,0.000000\n"},
		{CSV, 50, "id,name,members,ties,structure,female_share,countries,brokers,cut_points,cells,cell_bridges,flows,victims,same_nationality_share\n" +
			"g1,'=cmd,3,2,chain,0.500000,IT;NG,b:1.000000000000,b,NG:2;?:1,,f1;f2,<50,0.000000\n"},
		{Table, 10, "Trafficker groups: 1; dataset t\n\n" +
			"ID  MEMBERS  TIES  STRUCTURE  FEMALE  COUNTRIES  TOP BROKER  CUT POINTS  VICTIMS\n" +
			"g1  3        2     chain      1/2     IT NG      b (1.000)   1           45\n" +
			"\n(tipgraph groups --group ID for roles, brokers, cut points, cells and flows of one group)\n" +
			"\n<10: 2 counts below 10 hidden (--min-count 10), 1 of them so that no hidden count is a shown total minus shown parts\n"},
	}
	for _, tc := range tests {
		var b bytes.Buffer
		if err := New(&b, tc.format, privacy.Policy{K: tc.k}, Reading{}).Print(groupsFixture()); err != nil {
			t.Fatal(err)
		}
		if b.String() != tc.want {
			t.Errorf("%s K=%d:\ngot\n%s\nwant\n%s", tc.format, tc.k, b.String(), tc.want)
		}
	}
}

// TestGroupDetailRender: one group's report hides its victims by origin
// with the complementary cell.
func TestGroupDetailRender(t *testing.T) {
	res := groupsFixture()
	res.Group = "g1"
	var b bytes.Buffer
	if err := New(&b, Table, privacy.Policy{K: 10}, Reading{}).Print(res); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"nationalities:    NG 3\n",
		"victims from:     NG <10, GH <10\n",
		"flows:            2 records, 45 victims\n",
		"  ?  1: c\n",
	} {
		if !bytes.Contains(b.Bytes(), []byte(want)) {
			t.Errorf("lacks %q:\n%s", want, b.String())
		}
	}
}

// TestGroupDisruptionRender: a what-if arrest prints F, the distance
// fragmentation, components before and after, the gains, the bound, the
// brokers who take over and who is cut off.
func TestGroupDisruptionRender(t *testing.T) {
	res := groupsFixture()
	res.Group = "g1"
	bound := 1.0
	res.Groups[0].Weighted = true
	res.Groups[0].Brokers[0].Degree, res.Groups[0].Brokers[0].Strength = 2, 7.5
	res.Groups[0].Disruption = &groups.Disruption{Removed: []string{"b"}, Fragmentation: 1, FragmentationBefore: 0,
		DistanceFragmentation: 1, DistanceFragmentationBefore: 0.25, Components: 2, ComponentsBefore: 1,
		LargestComponent: 1, LargestComponentBefore: 3, Method: "exact (all 4 subsets of at most 1 of 3 members)", K: 1, Evaluated: 4, Bound: &bound,
		Gains:     []groups.PersonGain{{Person: "b", Gain: 1, Fragmentation: 1}},
		Brokers:   []groups.BrokerChange{},
		Fragments: [][]string{{"a"}, {"c"}}, CutOff: []groups.Cell{{Country: "", Members: []string{"c"}}}}
	var b bytes.Buffer
	if err := New(&b, Table, privacy.Policy{}, Reading{}).Print(res); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"Brokers (weighted betweenness, a tie's length 1/weight, ",
		"  b       1.000000     2       7.5\n",
		"What if b removed (exact (all 4 subsets of at most 1 of 3 members)):\n",
		"  fragmentation F           0.0000 -> 1.0000",
		"  distance fragmentation    0.2500 -> 1.0000\n",
		"  components                1 -> 2\n",
		"  largest component         3 -> 1\n",
		"  upper bound on F          1.0000\n",
		"  b                         +1.0000 (F 1.0000)\n",
		"  cut off from the largest component: {c}\n",
		"  cells cut off: ? (1)\n",
	} {
		if !bytes.Contains(b.Bytes(), []byte(want)) {
			t.Errorf("lacks %q:\n%s", want, b.String())
		}
	}
}

// TestGroupDisruptionCSV: with a what-if removal the CSV has one row per
// member (removed first, with gain and F; then the others with their
// fragment), every cell neutralised, and the group's victim counts under
// --min-count do not appear in it.
func TestGroupDisruptionCSV(t *testing.T) {
	res := groupsFixture()
	res.Group = "g1"
	res.Groups[0].Disruption = &groups.Disruption{Removed: []string{"b"}, Fragmentation: 1, Method: "given",
		Gains:     []groups.PersonGain{{Person: "b", Gain: 1, Fragmentation: 1}},
		Fragments: [][]string{{"=a"}, {"c"}},
		Members: []groups.MemberChange{{Person: "b", Removed: 1, Gain: 1, Before: 1},
			{Person: "=a", Fragment: 1, FragmentSize: 1}, {Person: "c", Fragment: 2, FragmentSize: 1}}}
	for _, k := range []int{0, 50} {
		var b bytes.Buffer
		if err := New(&b, CSV, privacy.Policy{K: k}, Reading{}).Print(res); err != nil {
			t.Fatal(err)
		}
		want := "group,person,removed,gain,fragmentation,betweenness_before,betweenness_after,fragment,fragment_size\n" +
			"g1,b,1,1.000000000000,1.000000000000,1.000000000000,0.000000000000,,\n" +
			"g1,'=a,,,,0.000000000000,0.000000000000,1,1\n" +
			"g1,c,,,,0.000000000000,0.000000000000,2,1\n"
		if b.String() != want {
			t.Errorf("K=%d:\ngot\n%s\nwant\n%s", k, b.String(), want)
		}
	}
}

func timelineFixture() *groups.Timeline {
	return &groups.Timeline{Dataset: "t", Group: "g1", Name: "=cmd", Weighted: true, Top: 2, Dated: 5, Undated: 1,
		Periods: []groups.PeriodBrokers{{Period: graph.Year(2008), Ties: 3, Active: 4, Method: "exact"},
			{Period: graph.Period{From: 2009, To: 2010}, Ties: 2, Active: 3, Method: "exact",
				Rise: &groups.Move{Person: "c", Before: 0, After: 0.5}, Fall: &groups.Move{Person: "@b", Before: 0.75, After: 0}}},
		Brokers: []groups.BrokerSeries{{Person: "@b", Betweenness: []float64{0.75, 0}, Rank: []int{1, 0}, Change: -0.75},
			{Person: "c", Betweenness: []float64{0, 0.5}, Rank: []int{0, 1}, Change: 0.5}}}
}

// TestTimelineRender: brokers over time as a table (periods with who rose
// and fell, each broker's betweenness and rank per period) and as CSV
// (one row per broker and period, cells neutralised).
func TestTimelineRender(t *testing.T) {
	var b bytes.Buffer
	if err := New(&b, CSV, privacy.Policy{K: 10}, Reading{}).Print(timelineFixture()); err != nil {
		t.Fatal(err)
	}
	want := "group,period,person,betweenness,rank,period_ties,period_active_members\n" +
		"g1,2008,'@b,0.750000000000,1,3,4\n" +
		"g1,2009-2010,'@b,0.000000000000,0,2,3\n" +
		"g1,2008,c,0.000000000000,0,3,4\n" +
		"g1,2009-2010,c,0.500000000000,1,2,3\n"
	if b.String() != want {
		t.Errorf("CSV:\ngot\n%s\nwant\n%s", b.String(), want)
	}
	b.Reset()
	if err := New(&b, Table, privacy.Policy{}, Reading{}).Print(timelineFixture()); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"Brokers over time: group g1: =cmd; dataset t\n",
		"5 ties with a date or period, 1 without (counted in every period)\n",
		"2009-2010  2     3       exact        c 0.000 -> 0.500  @b 0.750 -> 0.000\n",
		"The top 2 brokers of each period (weighted betweenness, a tie's length 1/weight)",
		"  @b      0.750 (1)  -          -0.750\n",
		"  c       -          0.500 (1)  +0.500\n",
	} {
		if !bytes.Contains(b.Bytes(), []byte(want)) {
			t.Errorf("lacks %q:\n%s", want, b.String())
		}
	}
}

// TestTimelineNoPeriod: a timeline without periods says why.
func TestTimelineNoPeriod(t *testing.T) {
	within := graph.Period{From: 2001, To: 2003}
	for _, tc := range []struct {
		tl   *groups.Timeline
		want string
	}{
		{&groups.Timeline{Group: "g", Dated: 4, Within: &within}, "No period: none of the group's dated ties lies within 2001-2003.\n"},
		{&groups.Timeline{Group: "g", Undated: 2}, "No period: no tie of the group carries a date or period"},
	} {
		var b bytes.Buffer
		if err := New(&b, Table, privacy.Policy{}, Reading{}).Print(tc.tl); err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(b.Bytes(), []byte(tc.want)) {
			t.Errorf("lacks %q:\n%s", tc.want, b.String())
		}
	}
}
