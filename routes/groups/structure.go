package groups

import "github.com/tipgraph/tipgraph/graph"

// Structure is the class of a group's network.
type Structure string

// Structure classes, decided by Classify.
const (
	Individual Structure = "individual"
	SmallCell  Structure = "small cell"
	Chain      Structure = "chain"
	Hierarchy  Structure = "hierarchy"
	Network    Structure = "network"
)

// Classify decides the class of a member graph by these rules,
// the first that holds:
//
//  1. individual: one member (the seed's "individuals operating alone").
//  2. chain: 3 to 6 members whose ties form one simple path (connected,
//     n-1 distinct ties, nobody with more than two partners), such as a
//     recruiter who hands victims to a transporter who hands them to an
//     exploiter.
//  3. small cell: 2 or 3 members otherwise (the seed's "groups comprise
//     two or three people").
//  4. hierarchy: 4 or more members and the command ties give one chain of
//     command over everyone in at least three levels: "A controls B"
//     (directed) puts A over B, "A reports-to B" (directed) puts B over A;
//     exactly one member has nobody over them, every member can be reached
//     from that member going down, and the longest way down has at least
//     two steps.
//  5. network: 4 or more members otherwise (loose or cellular networks).
//
// The time complexity is O(V+E).
func Classify(mg *MemberGraph) Structure {
	n := len(mg.Members)
	switch {
	case n <= 1:
		return Individual
	case n <= 6 && isPath(mg.Adj):
		if n >= 3 {
			return Chain
		}
	}
	if n <= 3 {
		return SmallCell
	}
	if isHierarchy(mg) {
		return Hierarchy
	}
	return Network
}

// isPath reports whether adj is one simple path over all its nodes.
func isPath(adj [][]int32) bool {
	n := len(adj)
	edges, ends := 0, 0
	for _, l := range adj {
		switch len(l) {
		case 0:
			return false
		case 1:
			ends++
		case 2:
		default:
			return false
		}
		edges += len(l)
	}
	return edges/2 == n-1 && ends == 2 && connected(adj)
}

// connected reports whether adj is one component (an empty graph is).
func connected(adj [][]int32) bool { return components(adj) <= 1 }

// isHierarchy applies rule 4 of Classify.
func isHierarchy(mg *MemberGraph) bool {
	n := len(mg.Members)
	down := make([][]int32, n)
	hasBoss := make([]bool, n)
	for _, t := range mg.Ties {
		if !t.Directed {
			continue
		}
		a, ok1 := mg.ID(t.From)
		b, ok2 := mg.ID(t.To)
		if !ok1 || !ok2 || a == b {
			continue
		}
		switch t.Kind {
		case graph.Controls:
		case graph.ReportsTo:
			a, b = b, a
		default:
			continue
		}
		down[a] = append(down[a], b)
		hasBoss[b] = true
	}
	top := int32(-1)
	for i, b := range hasBoss {
		if !b {
			if top >= 0 {
				return false
			}
			top = int32(i)
		}
	}
	if top < 0 {
		return false
	}
	// Breadth-first from the top: levels of command.
	level := make([]int32, n)
	for i := range level {
		level[i] = -1
	}
	level[top] = 0
	queue := []int32{top}
	deepest := int32(0)
	for head := 0; head < len(queue); head++ {
		v := queue[head]
		for _, w := range down[v] {
			if level[w] < 0 {
				level[w] = level[v] + 1
				deepest = max(deepest, level[w])
				queue = append(queue, w)
			}
		}
	}
	return len(queue) == n && deepest >= 2
}
