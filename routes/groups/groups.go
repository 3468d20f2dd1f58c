package groups

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"runtime"
	"slices"
	"sync"

	"github.com/tipgraph/tipgraph/graph"
)

// Betweenness of a group is exact when it costs at most BetweennessBudget
// steps (n sources times n+2t adjacency entries for n members and t
// ties, about half a second of one core); a larger group gets an estimate
// from k = BetweennessBudget/(n+2t) sources (at least MinPivots), drawn
// with SampleSeed (SampledBetweenness), unless Options.Exact. A
// 50,000-person group with 200,000 ties gets k=222.
const (
	BetweennessBudget = 100_000_000
	MinPivots         = 100
	SampleSeed        = 2010
)

// Options select the groups to report.
type Options struct {
	// Group keeps only the group of this id ("" keeps all).
	Group string
	// Country keeps only the groups operating in this country (see
	// OperatingCountries).
	Country string
	// Exact asks for exact betweenness whatever the size of the group.
	Exact bool
	// Unweighted ignores tie weights: brokers by hop-count betweenness.
	Unweighted bool
	// Period, when set, keeps only the ties observed within it (ties
	// without a period always count; see MemberGraphsDuring).
	Period graph.Period
	// Flows, when not nil, are the flow records that count (the filtered
	// records of a leg graph): a group operates only those of them that
	// name it, and its victims, their nationalities and the countries on
	// its routes come from them. Membership and structure do not change.
	Flows []*graph.Flow
}

// Broker is one member's betweenness on the member graph, with their
// degree (persons tied to them) and strength (the sum of the weights of
// their ties; the degree when ties carry no weight).
type Broker struct {
	Person      string  `json:"person"`
	Betweenness float64 `json:"betweenness"`
	Degree      int     `json:"degree"`
	Strength    float64 `json:"strength"`
}

// CodeCount is a country with a count of members.
type CodeCount struct {
	Country string `json:"country"`
	Count   int    `json:"count"`
}

// OriginCount is a country of origin with the victims from it.
type OriginCount struct {
	Country string      `json:"country"`
	Count   graph.Count `json:"count"`
}

// Cell is the members of a group who operate in one country. Members
// with no country of operation form the cell of Country "".
type Cell struct {
	Country string   `json:"country"`
	Members []string `json:"members"`
}

// CellBridge is a tie that is a bridge of the member graph (removing it
// disconnects the group) and joins two different cells.
type CellBridge struct {
	From     string `json:"from"`
	To       string `json:"to"`
	FromCell string `json:"from_cell"`
	ToCell   string `json:"to_cell"`
}

// Report is the structure of one trafficker group.
type Report struct {
	ID         string `json:"id"`
	Name       string `json:"name"`
	Members    int    `json:"members"`
	Ties       int    `json:"ties"`
	Components int    `json:"components"`
	// Roles counts the members by role (only roles that occur).
	Roles map[graph.Role]int `json:"roles"`
	// Female counts the members recorded as female, GenderKnown those
	// with any gender; FemaleShare is Female/GenderKnown (0 when none).
	Female        int     `json:"female"`
	GenderKnown   int     `json:"gender_known"`
	FemaleShare   float64 `json:"female_share"`
	FormerVictims int     `json:"former_victims"`
	// Countries are the countries the group spans: its own countries
	// and its members' countries of operation, sorted.
	Countries []string  `json:"countries"`
	Structure Structure `json:"structure"`
	// Nationalities counts the members by nationality; VictimOrigins the
	// victims of the flows the group operates by origin country (the
	// victims' nationality); both largest first, ties by code.
	Nationalities []CodeCount   `json:"nationalities"`
	VictimOrigins []OriginCount `json:"victim_origins"`
	// SameNationalityShare is the share of the members of known
	// nationality who share a nationality with victims of its flows;
	// DestinationNationalShare the share who are nationals of a
	// destination of its flows (the seed's diaspora question). Both are 0
	// when the group operates no flow.
	SameNationalityShare     float64 `json:"same_nationality_share"`
	DestinationNationalShare float64 `json:"destination_national_share"`
	// Brokers are the members with betweenness > 0, highest first, ties
	// by person id; BetweennessMethod says "exact" or "sampled (k=N)".
	// Weighted says the betweenness took tie weights as strengths (a
	// tie's length is 1/weight); it is false when no tie has a weight or
	// under Options.Unweighted.
	Brokers           []Broker `json:"brokers"`
	BetweennessMethod string   `json:"betweenness_method"`
	Weighted          bool     `json:"weighted"`
	// Disruption is the what-if removal of members (Query.Remove or
	// Query.Disrupt), for the one group asked for.
	Disruption *Disruption `json:"disruption,omitempty"`
	// CutPoints are the members whose removal splits the group, by id.
	CutPoints   []string     `json:"cut_points"`
	Cells       []Cell       `json:"cells"`
	CellBridges []CellBridge `json:"cell_bridges"`
	// Flows are the ids of the flow records the group operates (those
	// whose groups column names it), in dataset order; Victims their sum.
	Flows   []string    `json:"flows"`
	Victims graph.Count `json:"victims"`
	// Shared are the members who also belong to another group.
	Shared []string `json:"shared_members"`
}

// Reports gives the structure of the groups of ds that opt selects, in
// dataset order: size, roles, female share, nationalities of members and
// victims, countries spanned, structure class (Classify), brokers
// (Betweenness on the member graph), cut points and bridges (CutPoints),
// cells by country of operation, and the flows and victims it operates.
// Groups are analysed in parallel.
//
// The time complexity is O(Σ V·E) over the groups for the exact
// betweenness (O(k·E) for sampled groups) plus O(M log M + T log T + R·L)
// to build the member graphs and match the R flow records.
func Reports(ctx context.Context, ds *graph.Dataset, opt Options) ([]Report, error) {
	if opt.Group != "" && !slices.ContainsFunc(ds.Groups, func(g graph.Group) bool { return g.ID == opt.Group }) {
		return nil, fmt.Errorf("%w %q", ErrUnknown, opt.Group)
	}
	flows := operatedFlows(ds, opt.Flows)
	shared := map[string]int{}
	for _, p := range ds.Members {
		shared[p.ID]++
	}
	var sel []*MemberGraph
	for _, mg := range MemberGraphsDuring(ds, opt.Period) {
		if opt.Group != "" && mg.Group.ID != opt.Group {
			continue
		}
		if opt.Country != "" && !slices.Contains(OperatingCountries(mg, flows[mg.Group.ID]), opt.Country) {
			continue
		}
		sel = append(sel, mg)
	}
	out := make([]Report, len(sel))
	errs := make([]error, len(sel))
	// Small groups run one per worker; large ones one at a time, each
	// with a parallel Brandes.
	const small = 512
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				out[i], errs[i] = analyse(ctx, sel[i], flows[sel[i].Group.ID], shared, opt, 1)
			}
		}()
	}
	for i, mg := range sel {
		if len(mg.Members) <= small {
			jobs <- i
		}
	}
	close(jobs)
	wg.Wait()
	for i, mg := range sel {
		if len(mg.Members) > small {
			out[i], errs[i] = analyse(ctx, mg, flows[mg.Group.ID], shared, opt, runtime.GOMAXPROCS(0))
		}
	}
	if err := cmp.Or(errs...); err != nil {
		return nil, err
	}
	return out, nil
}

// DijkstraCost is how many steps of the betweenness budget one adjacency
// entry of a weighted search counts for (a binary heap of distances
// against a FIFO queue, measured about 4 times slower).
const DijkstraCost = 4

func pivotCount(n, t int, weighted bool) int {
	per := n + 2*t
	if weighted {
		per *= DijkstraCost
	}
	if per == 0 || n*per <= BetweennessBudget {
		return n
	}
	return min(n, max(MinPivots, BetweennessBudget/per))
}

// operatedFlows maps each group id to the flows that name it, in dataset
// order; with keep, only the flows in keep count.
func operatedFlows(ds *graph.Dataset, keep []*graph.Flow) map[string][]*graph.Flow {
	m := map[string][]*graph.Flow{}
	add := func(f *graph.Flow) {
		for _, g := range f.Groups {
			m[g] = append(m[g], f)
		}
	}
	if keep != nil {
		for _, f := range keep {
			add(f)
		}
		return m
	}
	for i := range ds.Flows {
		add(&ds.Flows[i])
	}
	return m
}

// OperatingCountries are the countries a group operates in: its own
// countries (groups.csv), its members' countries of operation, and every
// country on the routes of the flows it operates (origin, via,
// destination), sorted.
func OperatingCountries(mg *MemberGraph, flows []*graph.Flow) []string {
	set := map[string]bool{}
	for _, c := range mg.Group.Countries {
		set[c] = true
	}
	for _, p := range mg.Members {
		if p.Country != "" {
			set[p.Country] = true
		}
	}
	for _, f := range flows {
		for _, c := range f.Path() {
			set[c] = true
		}
	}
	return slices.Sorted(maps.Keys(set))
}

// PerCountry counts, for every country, the groups of ds that
// operate in it (OperatingCountries), counting only the flows in flows
// (the filtered records of a leg graph).
func PerCountry(ds *graph.Dataset, flows []*graph.Flow) map[string]int {
	if len(ds.Groups) == 0 {
		return map[string]int{}
	}
	if flows == nil {
		flows = []*graph.Flow{}
	}
	op := operatedFlows(ds, flows)
	count := map[string]int{}
	for _, mg := range MemberGraphs(ds) {
		for _, c := range OperatingCountries(mg, op[mg.Group.ID]) {
			count[c]++
		}
	}
	return count
}

// analyse reports on one group; workers is the parallelism of its Brandes.
func analyse(ctx context.Context, mg *MemberGraph, flows []*graph.Flow, shared map[string]int, opt Options, workers int) (Report, error) {
	g := mg.Group
	n := len(mg.Members)
	r := Report{
		ID: g.ID, Name: g.Name, Members: n, Ties: mg.Edges(), Roles: map[graph.Role]int{},
		Structure: Classify(mg), Brokers: []Broker{}, CutPoints: []string{},
		Cells: []Cell{}, CellBridges: []CellBridge{}, Flows: []string{}, Shared: []string{},
	}
	nat := map[string]int{} // members by nationality
	known := 0              // members of known nationality
	cells := map[string][]string{}
	for _, p := range mg.Members {
		r.Roles[p.Role]++
		if p.Gender != "" {
			r.GenderKnown++
			if p.Gender == "female" {
				r.Female++
			}
		}
		if p.FormerVictim {
			r.FormerVictims++
		}
		if p.Nationality != "" {
			nat[p.Nationality]++
			known++
		}
		cells[p.Country] = append(cells[p.Country], p.ID)
		if shared[p.ID] > 1 {
			r.Shared = append(r.Shared, p.ID)
		}
	}
	if r.GenderKnown > 0 {
		r.FemaleShare = float64(r.Female) / float64(r.GenderKnown)
	}
	r.Countries = OperatingCountries(mg, nil) // its own and its members'
	if r.Countries == nil {
		r.Countries = []string{}
	}
	r.Nationalities = countsOf(nat)

	origins, dests := map[string]int{}, map[string]bool{}
	for _, f := range flows {
		r.Flows = append(r.Flows, f.ID)
		r.Victims += graph.Count(f.Victims)
		origins[f.Origin] += f.Victims
		dests[f.Destination] = true
	}
	for _, c := range countsOf(origins) {
		r.VictimOrigins = append(r.VictimOrigins, OriginCount{c.Country, graph.Count(c.Count)})
	}
	if r.VictimOrigins == nil {
		r.VictimOrigins = []OriginCount{}
	}
	if known > 0 && len(flows) > 0 {
		same, local := 0, 0
		for c, k := range nat {
			if _, ok := origins[c]; ok {
				same += k
			}
			if dests[c] {
				local += k
			}
		}
		r.SameNationalityShare = float64(same) / float64(known)
		r.DestinationNationalShare = float64(local) / float64(known)
	}
	for _, c := range sortedKeys(cells) {
		r.Cells = append(r.Cells, Cell{Country: c, Members: cells[c]})
	}

	r.Weighted = mg.Weighted && !opt.Unweighted
	bc, method, err := brokerValues(ctx, mg.Adj, mg.W, r.Weighted, opt.Exact, workers)
	r.BetweennessMethod = method
	if err != nil {
		return r, err
	}
	for i, b := range bc {
		if b > 0 {
			r.Brokers = append(r.Brokers, Broker{mg.Members[i].ID, b, len(mg.Adj[i]), mg.Strength(int32(i))})
		}
	}
	slices.SortFunc(r.Brokers, func(a, b Broker) int {
		return cmp.Or(cmp.Compare(b.Betweenness, a.Betweenness), cmp.Compare(a.Person, b.Person))
	})
	points, bridges := CutPoints(mg.Adj)
	for _, v := range points {
		r.CutPoints = append(r.CutPoints, mg.Members[v].ID)
	}
	for _, b := range bridges {
		p, q := mg.Members[b[0]], mg.Members[b[1]]
		if p.Country != q.Country {
			r.CellBridges = append(r.CellBridges, CellBridge{p.ID, q.ID, p.Country, q.Country})
		}
	}
	r.Components = components(mg.Adj)
	return r, nil
}

// components counts the connected components of the undirected graph adj
// (iterative depth-first search; O(V+E)).
func components(adj [][]int32) int {
	seen := make([]bool, len(adj))
	var stack []int32
	c := 0
	for s := range adj {
		if seen[s] {
			continue
		}
		c++
		seen[s] = true
		stack = append(stack[:0], int32(s))
		for len(stack) > 0 {
			v := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for _, w := range adj[v] {
				if !seen[w] {
					seen[w] = true
					stack = append(stack, w)
				}
			}
		}
	}
	return c
}

func countsOf(m map[string]int) []CodeCount {
	out := make([]CodeCount, 0, len(m))
	for c, k := range m {
		out = append(out, CodeCount{c, k})
	}
	slices.SortFunc(out, func(a, b CodeCount) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Country, b.Country))
	})
	return out
}

// InCountry returns the groups of ds that operate in country
// (OperatingCountries, counting only the flows in flows), in the order
// of MemberGraphs.
func InCountry(ds *graph.Dataset, flows []*graph.Flow, country string) []graph.Group {
	if len(ds.Groups) == 0 {
		return nil
	}
	if flows == nil {
		flows = []*graph.Flow{}
	}
	op := operatedFlows(ds, flows)
	var out []graph.Group
	for _, mg := range MemberGraphs(ds) {
		if slices.Contains(OperatingCountries(mg, op[mg.Group.ID]), country) {
			out = append(out, *mg.Group)
		}
	}
	return out
}

// sortedKeys are the keys of m in order.
func sortedKeys[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }

// procs is workers, or GOMAXPROCS when workers is 0.
func procs(workers int) int {
	if workers > 0 {
		return workers
	}
	return runtime.GOMAXPROCS(0)
}
