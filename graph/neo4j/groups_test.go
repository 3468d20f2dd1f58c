package neo4j

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/graph/graphtest"
	"github.com/tipgraph/tipgraph/graph/neo4j/model"
)

// TestGroupsStagedUntilSwitch: groups written under a load id that was
// never switched to (a load killed after staging its groups) are not
// read, and the next load of the name deletes them; Drop deletes groups
// and persons too.
func TestGroupsStagedUntilSwitch(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	const name = "test-groups-staged"
	earlier := graphtest.Tricky()
	load(t, s, earlier, name)
	const groups = `MATCH (g:Group {dataset: $dataset}) RETURN count(g)`
	const persons = `MATCH (p:Person {dataset: $dataset}) RETURN count(p)`
	if n := count(t, s, groups, name); n != len(earlier.Groups) {
		t.Fatalf("%d Group nodes, want %d", n, len(earlier.Groups))
	}

	changed := graphtest.Tricky()
	changed.Groups[0].Name = "staged only"
	killed := newLoadID()
	if err := s.exec(ctx, "start load", map[string]any{"load": killed, "dataset": name, "records": 0, "locked": true}, model.StartLoad); err != nil {
		t.Fatal(err)
	}
	if err := s.writeGroups(ctx, changed, name, killed); err != nil {
		t.Fatal(err)
	}
	if n := count(t, s, groups, name); n != 2*len(earlier.Groups) {
		t.Errorf("%d Group nodes, want %d live and %d staged", n, len(earlier.Groups), len(earlier.Groups))
	}
	readBack(t, name, earlier)

	load(t, s, earlier, name)
	if n := count(t, s, groups, name); n != len(earlier.Groups) {
		t.Errorf("%d Group nodes after the next load, want %d", n, len(earlier.Groups))
	}
	if err := s.Drop(ctx, name); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{groups, persons} {
		if n := count(t, s, q, name); n != 0 {
			t.Errorf("%s: %d left after drop", q, n)
		}
	}
}

// TestReadNamesBadValues: a value tipgraph did not write (another program
// changed the store) fails the read with the dataset, the record and the
// property named, and the graph package's error kept.
func TestReadNamesBadValues(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	const name = "test-bad-values"
	ds := graphtest.Tricky()
	for _, tc := range []struct {
		set, want string
		is        error
	}{
		{`MATCH (f:Flow {dataset: $dataset}) WHERE f.id = $id SET f.form = 'bogus'`, "property form", graph.ErrBadForm},
		{`MATCH (f:Flow {dataset: $dataset}) WHERE f.id = $id SET f.route = 'NG'`, "property route", errShortRoute},
		{`MATCH (p:Person {dataset: $dataset})-[m:MEMBER_OF]->() WITH m LIMIT 1 SET m.role = 'boss'`, "MEMBER_OF property role", graph.ErrBadRole},
	} {
		load(t, s, ds, name)
		if err := s.exec(ctx, "spoil", map[string]any{"dataset": name, "id": ds.Flows[0].ID}, tc.set); err != nil {
			t.Fatal(err)
		}
		_, err := open(t, name).Dataset(ctx)
		if !errors.Is(err, tc.is) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("got %v, want %v naming %q", err, tc.is, tc.want)
		}
	}
	if err := s.Drop(ctx, name); err != nil {
		t.Fatal(err)
	}
}
