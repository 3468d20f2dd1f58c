package groups

import (
	"cmp"
	"context"
	"fmt"
	"slices"
)

// Disruption is what is left of a group once some members are removed
// (arrested): given (--remove) or chosen to fragment it most (--disrupt).
type Disruption struct {
	// Removed are the removed members, in the order of Gains when chosen.
	Removed []string `json:"removed"`
	// Fragmentation is Borgatti's F over the remaining members (1 minus
	// the share of ordered pairs of them that can reach each other);
	// DistanceFragmentation his distance-weighted F (1 minus the mean of
	// 1/hops over those pairs). The Before values are for the whole group.
	Fragmentation               float64 `json:"fragmentation"`
	DistanceFragmentation       float64 `json:"distance_fragmentation"`
	FragmentationBefore         float64 `json:"fragmentation_before"`
	DistanceFragmentationBefore float64 `json:"distance_fragmentation_before"`
	// Components and LargestComponent count the components of the
	// remaining members and the size of the largest; Before the group's.
	Components             int `json:"components"`
	LargestComponent       int `json:"largest_component"`
	ComponentsBefore       int `json:"components_before"`
	LargestComponentBefore int `json:"largest_component_before"`
	// Method is "given" for --remove, else KeyPlayers' method; K the
	// most members --disrupt may remove; Evaluated the subsets it
	// evaluated and Bound its upper bound on F (nil for --remove).
	Method    string   `json:"method"`
	K         int      `json:"k,omitempty"`
	Evaluated int64    `json:"evaluated,omitempty"`
	Bound     *float64 `json:"bound,omitempty"`
	// Gains is each removed member's gain in F, in the order of Removed
	// (KeyPlayerSet.Gains; for --remove, in the order given).
	Gains []PersonGain `json:"gains"`
	// Brokers are the members of highest betweenness after the removal
	// with their betweenness before it (the brokers who take over).
	Brokers []BrokerChange `json:"brokers"`
	// Fragments are the components of the remaining members, largest
	// first (ties by first member id), each sorted by id.
	Fragments [][]string `json:"fragments"`
	// CutOff are the cells (members by country of operation) none of
	// whose remaining members is in the largest component.
	CutOff []Cell `json:"cut_off_cells"`
	// Members are every member of the group: the removed ones in the
	// order of Removed, then the others by id.
	Members []MemberChange `json:"members"`
}

// MemberChange is one member in a disruption: their place in the order
// of removal (0 when kept) and gain, their betweenness before and after
// (0 once removed), and the fragment they are left in (its number in
// Fragments from 1, the largest; 0 when removed) and its size.
type MemberChange struct {
	Person       string  `json:"person"`
	Removed      int     `json:"removed"`
	Gain         float64 `json:"gain"`
	Before       float64 `json:"betweenness_before"`
	After        float64 `json:"betweenness_after"`
	Fragment     int     `json:"fragment"`
	FragmentSize int     `json:"fragment_size"`
}

// PersonGain is a removed member's gain in fragmentation and the
// fragmentation once they and the ones before them are removed.
type PersonGain struct {
	Person        string  `json:"person"`
	Gain          float64 `json:"gain"`
	Fragmentation float64 `json:"fragmentation"`
}

// BrokerChange is a member's betweenness before and after a removal
// (each normalised over the members present).
type BrokerChange struct {
	Person string  `json:"person"`
	Before float64 `json:"betweenness_before"`
	After  float64 `json:"betweenness_after"`
}

// DisruptOptions say how Disrupt computes the brokers.
type DisruptOptions struct {
	// Unweighted ignores tie weights; Exact asks for exact betweenness
	// whatever the size (as Options); Top keeps that many brokers (0:
	// every one above 0).
	Unweighted, Exact bool
	Top               int
	// Before, when not nil, is every member's betweenness before the
	// removal (absent: 0), as a Report's Brokers give it; otherwise it is
	// computed.
	Before map[string]float64
}

// Disrupt reports on mg with the members remove removed, or, when
// remove is empty and k > 0, with the set KeyPlayers chooses. Betweenness
// is weighted unless opt.Unweighted (or no tie has a weight), sampled as
// Reports samples it unless opt.Exact. An unknown member of remove is an
// error wrapping ErrUnknownPerson.
func Disrupt(ctx context.Context, mg *MemberGraph, remove []string, k int, opt DisruptOptions) (*Disruption, error) {
	unweighted, exact, top := opt.Unweighted, opt.Exact, opt.Top
	n := len(mg.Members)
	removed := make([]bool, n)
	d := &Disruption{Removed: []string{}, Gains: []PersonGain{}, Brokers: []BrokerChange{}, Fragments: [][]string{}, CutOff: []Cell{}, Members: []MemberChange{}}
	f := newFragmenter(mg.Adj)
	if len(remove) > 0 {
		d.Method = "given"
		for _, p := range remove {
			v, ok := mg.ID(p)
			if !ok {
				return nil, fmt.Errorf("%w %q in group %q", ErrUnknownPerson, p, mg.Group.ID)
			}
			if !removed[v] {
				removed[v] = true
				d.Removed = append(d.Removed, p)
			}
		}
		step := make([]bool, n)
		fr := f.components(step, nil).F()
		for _, p := range d.Removed {
			v, _ := mg.ID(p)
			step[v] = true
			next := f.components(step, nil).F()
			d.Gains = append(d.Gains, PersonGain{p, next - fr, next})
			fr = next
		}
	} else {
		kp, err := KeyPlayers(ctx, mg.Adj, k)
		if err != nil {
			return nil, err
		}
		d.Method, d.K, d.Evaluated, d.Bound = kp.Method, k, kp.Evaluated, &kp.Bound
		fr := f.components(removed, nil).F()
		for i, v := range kp.Removed {
			removed[v] = true
			fr += kp.Gains[i]
			d.Removed = append(d.Removed, mg.Members[v].ID)
			d.Gains = append(d.Gains, PersonGain{mg.Members[v].ID, kp.Gains[i], fr})
		}
	}
	none := make([]bool, n)
	before := f.components(none, func(c []int32) {
		d.ComponentsBefore++
		d.LargestComponentBefore = max(d.LargestComponentBefore, len(c))
	})
	d.FragmentationBefore = before.F()
	var largest []int32
	after := f.components(removed, func(c []int32) {
		d.Components++
		frag := make([]string, len(c))
		for i, v := range c {
			frag[i] = mg.Members[v].ID
		}
		slices.Sort(frag)
		d.Fragments = append(d.Fragments, frag)
		if len(c) > len(largest) {
			largest = slices.Clone(c)
		}
	})
	d.LargestComponent = len(largest)
	d.Fragmentation = after.F()
	slices.SortStableFunc(d.Fragments, func(a, b []string) int { return cmp.Or(cmp.Compare(len(b), len(a)), cmp.Compare(a[0], b[0])) })
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	d.DistanceFragmentationBefore = f.distanceFragmentation(none)
	d.DistanceFragmentation = f.distanceFragmentation(removed)

	inLargest := make([]bool, n)
	for _, v := range largest {
		inLargest[v] = true
	}
	cells := map[string][]string{}
	reached := map[string]bool{}
	for v, p := range mg.Members {
		if removed[v] {
			continue
		}
		cells[p.Country] = append(cells[p.Country], p.ID)
		reached[p.Country] = reached[p.Country] || inLargest[v]
	}
	for _, c := range sortedKeys(cells) {
		if !reached[c] {
			d.CutOff = append(d.CutOff, Cell{Country: c, Members: cells[c]})
		}
	}

	bcBefore := make([]float64, n)
	if opt.Before != nil {
		for v, p := range mg.Members {
			bcBefore[v] = opt.Before[p.ID]
		}
	} else {
		var err error
		if bcBefore, _, err = brokerValues(ctx, mg.Adj, mg.W, mg.Weighted && !unweighted, exact, 0); err != nil {
			return nil, err
		}
	}
	sub, subW, keep := induced(mg.Adj, mg.W, removed)
	bcAfter, _, err := brokerValues(ctx, sub, subW, mg.Weighted && !unweighted, exact, 0)
	if err != nil {
		return nil, err
	}
	for i, b := range bcAfter {
		if b > 0 {
			v := keep[i]
			d.Brokers = append(d.Brokers, BrokerChange{mg.Members[v].ID, bcBefore[v], b})
		}
	}
	d.members(mg, bcBefore, bcAfter, keep)
	slices.SortFunc(d.Brokers, func(a, b BrokerChange) int {
		return cmp.Or(cmp.Compare(b.After, a.After), cmp.Compare(a.Person, b.Person))
	})
	if top > 0 && len(d.Brokers) > top {
		d.Brokers = d.Brokers[:top]
	}
	return d, nil
}

// members fills d.Members from the betweenness before (by member) and
// after (by node of the induced graph, whose node i is member keep[i]).
func (d *Disruption) members(mg *MemberGraph, before, after []float64, keep []int32) {
	fragment := map[string]int{}
	for i, f := range d.Fragments {
		for _, p := range f {
			fragment[p] = i + 1
		}
	}
	for i, p := range d.Removed {
		v, _ := mg.ID(p)
		d.Members = append(d.Members, MemberChange{Person: p, Removed: i + 1, Gain: d.Gains[i].Gain, Before: before[v]})
	}
	for i, v := range keep {
		p := mg.Members[v].ID
		fi := fragment[p]
		d.Members = append(d.Members, MemberChange{Person: p, Before: before[v], After: after[i], Fragment: fi, FragmentSize: len(d.Fragments[fi-1])})
	}
}

// brokerValues is the betweenness of every node as Reports computes it
// (weighted or not, sampled by Pivots or WeightedPivots unless exact) and
// its method; workers 0 is GOMAXPROCS.
func brokerValues(ctx context.Context, adj [][]int32, w [][]float64, weighted, exact bool, workers int) ([]float64, string, error) {
	n, t := len(adj), 0
	for _, l := range adj {
		t += len(l)
	}
	t /= 2
	k, method := n, "exact"
	if p := pivotCount(n, t, weighted); !exact && p < n {
		k, method = p, fmt.Sprintf("sampled (k=%d)", p)
	}
	var bc []float64
	var err error
	if weighted {
		bc, err = sampledWeightedBetweenness(ctx, adj, w, k, SampleSeed, procs(workers))
	} else {
		bc, err = sampledBetweenness(ctx, adj, k, SampleSeed, procs(workers))
	}
	return bc, method, err
}

// induced is the graph adj (weights w) without the removed nodes,
// renumbered; keep maps a new node number to the old one.
func induced(adj [][]int32, w [][]float64, removed []bool) ([][]int32, [][]float64, []int32) {
	newID := make([]int32, len(adj))
	var keep []int32
	for v := range adj {
		newID[v] = -1
		if !removed[v] {
			newID[v] = int32(len(keep))
			keep = append(keep, int32(v))
		}
	}
	sub := make([][]int32, len(keep))
	subW := make([][]float64, len(keep))
	for i, v := range keep {
		for j, x := range adj[v] {
			if newID[x] >= 0 {
				sub[i] = append(sub[i], newID[x])
				subW[i] = append(subW[i], w[v][j])
			}
		}
	}
	return sub, subW, keep
}
