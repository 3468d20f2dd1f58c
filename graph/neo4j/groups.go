package neo4j

import (
	"context"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/tipgraph/tipgraph/graph"
)

// Trafficker groups are stored beside the flows of a load, under the same
// load id, so that the switch transaction of Load makes them visible with
// the flows and a failed load leaves none visible:
//
//	(:Group {id, name, countries, structure, source, dataset, load, seq})
//	(:Person {id, dataset, load, gender, nationality, former_victim})
//	(:Person)-[:MEMBER_OF {role, gender, nationality, country, former_victim, seq}]->(:Group)
//	(:Person)-[:TIE {group, kind, directed, seq}]->(:Person)
//	(:Group)-[:OPERATES]->(:Flow)
//
// A person listed in two groups of a dataset is one :Person node with two
// MEMBER_OF relationships; what members.csv says of them per group lives
// on MEMBER_OF (the :Person node carries the first listing, for browsing).
// The :Load node records the counts, so a read that races with the
// deletion of a replaced load is detected and done again.
var groupSchema = []string{
	`CREATE INDEX tipgraph_group_load IF NOT EXISTS FOR (g:Group) ON (g.load)`,
	`CREATE INDEX tipgraph_group_load_id IF NOT EXISTS FOR (g:Group) ON (g.load, g.id)`,
	`CREATE INDEX tipgraph_person_load IF NOT EXISTS FOR (p:Person) ON (p.load)`,
	`CREATE INDEX tipgraph_person_load_id IF NOT EXISTS FOR (p:Person) ON (p.load, p.id)`,
	`CREATE INDEX tipgraph_flow_load_id IF NOT EXISTS FOR (f:Flow) ON (f.load, f.id)`,
}

const (
	createGroups = `UNWIND $rows AS r
CREATE (:Group {id: r.id, name: r.name, countries: r.countries, structure: r.structure,
  source: r.source, dataset: $dataset, load: $load, seq: r.seq})`

	createPersons = `UNWIND $rows AS r
CREATE (:Person {id: r.id, dataset: $dataset, load: $load, gender: r.gender,
  nationality: r.nationality, former_victim: r.former_victim})`

	createMemberships = `UNWIND $rows AS r
MATCH (p:Person {load: $load, id: r.person})
MATCH (g:Group {load: $load, id: r.group})
CREATE (p)-[:MEMBER_OF {role: r.role, gender: r.gender, nationality: r.nationality,
  country: r.country, former_victim: r.former_victim, seq: r.seq}]->(g)`

	createTies = `UNWIND $rows AS r
MATCH (a:Person {load: $load, id: r.from})
MATCH (b:Person {load: $load, id: r.to})
CREATE (a)-[:TIE {group: r.group, kind: r.kind, directed: r.directed, seq: r.seq}]->(b)`

	createOperates = `UNWIND $rows AS r
MATCH (g:Group {load: $load, id: r.group})
MATCH (f:Flow {load: $load, id: r.flow})
CREATE (g)-[:OPERATES]->(f)`

	countGroups = `MATCH (l:Load {id: $load})
SET l.groups = $groups, l.members = $members, l.ties = $ties`

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
RETURN t.group, a.id, b.id, t.kind, t.directed
ORDER BY a.dataset, t.seq`

	readLoadCounts = `MATCH (l:Load) WHERE l.id IN $loads
RETURN l.id, l.groups, l.members, l.ties`
)

// writeGroups stages ds's groups, persons, memberships, ties and OPERATES
// relationships under load, in batches of BatchSize rows.
func (s *Store) writeGroups(ctx context.Context, ds *graph.Dataset, name, load string) error {
	if len(ds.Groups) == 0 && len(ds.Members) == 0 {
		return nil
	}
	groups := make([]any, len(ds.Groups))
	for i, g := range ds.Groups {
		groups[i] = map[string]any{"id": g.ID, "name": g.Name, "countries": anyStrings(g.Countries),
			"structure": g.Structure, "source": g.Source, "seq": i}
	}
	var persons []any
	seen := map[string]bool{}
	members := make([]any, len(ds.Members))
	for i, p := range ds.Members {
		if !seen[p.ID] {
			seen[p.ID] = true
			persons = append(persons, map[string]any{"id": p.ID, "gender": p.Gender, "nationality": p.Nationality, "former_victim": p.FormerVictim})
		}
		members[i] = map[string]any{"group": p.Group, "person": p.ID, "role": string(p.Role), "gender": p.Gender,
			"nationality": p.Nationality, "country": p.Country, "former_victim": p.FormerVictim, "seq": i}
	}
	ties := make([]any, len(ds.Ties))
	for i, t := range ds.Ties {
		ties[i] = map[string]any{"group": t.Group, "from": t.From, "to": t.To, "kind": string(t.Kind), "directed": t.Directed, "seq": i}
	}
	var operates []any
	for i := range ds.Flows {
		for _, g := range ds.Flows[i].Groups {
			operates = append(operates, map[string]any{"group": g, "flow": ds.Flows[i].ID})
		}
	}
	for _, step := range []struct {
		op, cypher string
		rows       []any
	}{
		{"write groups", createGroups, groups},
		{"write persons", createPersons, persons},
		{"write members", createMemberships, members},
		{"write ties", createTies, ties},
		{"write operates", createOperates, operates},
	} {
		for lo := 0; lo < len(step.rows); lo += BatchSize {
			rows := step.rows[lo:min(lo+BatchSize, len(step.rows))]
			if err := s.write(ctx, step.op, func(tx driver.ManagedTransaction) error {
				_, err := tx.Run(ctx, step.cypher, map[string]any{"rows": rows, "dataset": name, "load": load})
				return err
			}); err != nil {
				return err
			}
		}
	}
	return s.write(ctx, "write group counts", func(tx driver.ManagedTransaction) error {
		_, err := tx.Run(ctx, countGroups, map[string]any{"load": load, "groups": len(ds.Groups), "members": len(ds.Members), "ties": len(ds.Ties)})
		return err
	})
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
	p := map[string]any{"loads": anyStrings(loads)}
	want := [3]int{}
	nloads := 0
	err := s.read(ctx, "read group counts", readLoadCounts, p, func(r *driver.Record) error {
		nloads++
		for i := range want {
			want[i] += toInt(r.Values[1+i])
		}
		return nil
	})
	if err != nil {
		return false, err
	}
	if nloads != len(loads) {
		return false, nil
	}
	err = s.read(ctx, "read groups", readGroupRows, p, func(r *driver.Record) error {
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
	err = s.read(ctx, "read members", readMemberRows, p, func(r *driver.Record) error {
		v := r.Values
		fv, _ := v[6].(bool)
		m := graph.Person{Group: str(v[0]), ID: str(v[1]), Role: graph.Role(str(v[2])), Gender: str(v[3]),
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
	err = s.read(ctx, "read ties", readTieRows, p, func(r *driver.Record) error {
		v := r.Values
		d, _ := v[4].(bool)
		ds.Ties = append(ds.Ties, graph.Tie{Group: str(v[0]), From: str(v[1]), To: str(v[2]), Kind: graph.TieKind(str(v[3])), Directed: d})
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

func anyStrings(list []string) []any {
	out := make([]any, len(list))
	for i, s := range list {
		out[i] = s
	}
	return out
}

// run runs one write query in its own transaction.
func (s *Store) run(ctx context.Context, cypher string, params map[string]any) error {
	return s.write(ctx, "write", func(tx driver.ManagedTransaction) error {
		_, err := tx.Run(ctx, cypher, params)
		return err
	})
}
