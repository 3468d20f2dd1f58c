package neo4j

import (
	"context"
	"fmt"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/graph/neo4j/model"
)

// Trafficker groups are stored beside the flows of a load, under the same
// load id (see the model package), so that the switch transaction of Load
// makes them visible with the flows and a failed load leaves none visible.
// The :Load node records the counts, so a read that races with the
// deletion of a replaced load is detected and done again.
const (
	deleteStaleGroups = `MATCH (n) WHERE (n:Group OR n:Person) AND n.load = $stale
WITH n LIMIT 5000
DETACH DELETE n
RETURN count(*) AS n`

	readGroupRows = `MATCH (g:Group) WHERE g.load IN $loads
RETURN g.id, g.name, g.countries, g.structure, g.source
ORDER BY g.dataset, g.seq`

	readMemberRows = `MATCH (p:Person)-[m:MEMBER_OF]->(g:Group) WHERE g.load IN $loads
RETURN g.id, p.id, m.role, m.gender, m.nationality, m.country, m.former_victim
ORDER BY g.dataset, m.seq`

	readTieRows = `MATCH (a:Person)-[t:TIE]->(b:Person) WHERE a.load IN $loads
RETURN t.group, a.id, b.id, t.kind, t.directed, t.weight, t.year_from, t.year_to
ORDER BY a.dataset, t.seq`

	readLoadCounts = `MATCH (l:Load) WHERE l.id IN $loads
RETURN l.id, l.groups, l.members, l.ties`
)

// writeGroups stages ds's groups, persons, memberships and ties under
// load, in batches of BatchSize rows, and the OPERATES relationships of
// ds's records when it holds them (a streamed load writes those as the
// records go by: writeOperates).
func (s *Store) writeGroups(ctx context.Context, ds *graph.Dataset, name, load string) error {
	steps := model.GroupSteps(ds)
	if steps == nil {
		return nil
	}
	for _, step := range steps {
		for lo := 0; lo < len(step.Rows); lo += BatchSize {
			rows := step.Rows[lo:min(lo+BatchSize, len(step.Rows))]
			if err := s.exec(ctx, step.Op, map[string]any{"rows": rows, "dataset": name, "load": load}, step.Cypher); err != nil {
				return err
			}
		}
	}
	// The counts (model.CountGroups) are written by the switch: the
	// :Load node is locked by the load's own transaction until then.
	return nil
}

// deleteGroups deletes, in batches, the groups and persons of load id.
func (s *Store) deleteGroups(ctx context.Context, id string) error {
	_, err := s.deleteInBatches(ctx, deleteStaleGroups, map[string]any{"stale": id})
	return err
}

// readGroups reads the groups, members and ties of loads into ds and
// adds the countries they name to codes. It reports false when the counts
// differ from those the loads recorded (a load was replaced meanwhile).
func (s *Store) readGroups(ctx context.Context, loads []string, ds *graph.Dataset, codes map[string]bool) (bool, error) {
	p := map[string]any{"loads": model.Strings(loads)}
	want := [3]int{}
	uncounted := [3]bool{} // a load without the count (not written by tipgraph)
	nloads := 0
	err := s.read(ctx, "read group counts", readLoadCounts, p, func(r *driver.Record) error {
		nloads++
		for i := range want {
			want[i] += toInt(r.Values[1+i])
			uncounted[i] = uncounted[i] || r.Values[1+i] == nil
		}
		return nil
	})
	if err != nil {
		return false, err
	}
	if nloads != len(loads) {
		return false, nil
	}
	// A load keeps what it wrote: what it counted none of is not read
	// (three queries fewer to plan for a dataset without groups).
	read := func(op, cypher string, i int, fn func(*driver.Record) error) error {
		if want[i] == 0 && !uncounted[i] {
			return nil
		}
		return s.read(ctx, op, cypher, p, fn)
	}
	err = read("read groups", readGroupRows, 0, func(r *driver.Record) error {
		v := r.Values
		g := graph.Group{ID: str(v[0]), Name: str(v[1]), Countries: toStrings(v[2]), Structure: str(v[3]), Source: str(v[4])}
		for _, c := range g.Countries {
			codes[c] = true
		}
		ds.Groups = append(ds.Groups, g)
		return nil
	})
	if err != nil {
		return false, err
	}
	err = read("read members", readMemberRows, 1, func(r *driver.Record) error {
		v := r.Values
		fv, _ := v[6].(bool)
		role, err := graph.ParseRole(str(v[2]))
		if err != nil {
			return fmt.Errorf("group %s, person %s, MEMBER_OF property role: %w", str(v[0]), str(v[1]), err)
		}
		m := graph.Person{Group: str(v[0]), ID: str(v[1]), Role: role, Gender: str(v[3]),
			Nationality: str(v[4]), Country: str(v[5]), FormerVictim: fv}
		for _, c := range []string{m.Nationality, m.Country} {
			if c != "" {
				codes[c] = true
			}
		}
		ds.Members = append(ds.Members, m)
		return nil
	})
	if err != nil {
		return false, err
	}
	err = read("read ties", readTieRows, 2, func(r *driver.Record) error {
		v := r.Values
		d, _ := v[4].(bool)
		kind, err := graph.ParseTieKind(str(v[3]))
		if err != nil {
			return fmt.Errorf("group %s, tie %s-%s, TIE property kind: %w", str(v[0]), str(v[1]), str(v[2]), err)
		}
		ds.Ties = append(ds.Ties, graph.Tie{Group: str(v[0]), From: str(v[1]), To: str(v[2]), Kind: kind, Directed: d,
			Weight: toFloat(v[5]), Period: graph.Period{From: toInt(v[6]), To: toInt(v[7])}})
		return nil
	})
	if err != nil {
		return false, err
	}
	got := [3]int{len(ds.Groups), len(ds.Members), len(ds.Ties)}
	if got != want {
		return false, nil
	}
	return true, nil
}
