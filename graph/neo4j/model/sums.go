package model

import (
	"slices"
	"strings"

	"github.com/tipgraph/tipgraph/graph"
)

// RecordSums sums what the writes of a dataset need of its records
// besides the records themselves, as they go by: the unfiltered leg
// graph, the cells, the span of years and the OPERATES relationships.
// `load` sums the records it writes; the script export over a store the
// records it streams. It is not safe for concurrent use.
type RecordSums struct {
	legs    *graph.LegBuilder
	addLegs func(seq int64, flows []graph.Flow)
	// scratch holds records given to the leg builder without their
	// groups (which it would copy; OPERATES are kept here, packed).
	scratch []graph.Flow
	// Cells are the records' cells.
	Cells *CellSums
	// First and Last are the span of the records' periods (0 and 0 when
	// none has one), as graph.Dataset.Span.
	First, Last int
	operates    operates
}

// NewRecordSums returns empty sums.
func NewRecordSums() *RecordSums {
	s := &RecordSums{legs: graph.NewLegBuilder(graph.Filter{}), Cells: NewCellSums()}
	s.addLegs = s.legs.Worker()
	return s
}

// scratchMax is how many records go to the leg builder at a time.
const scratchMax = 1024

// Add sums flows, the records at places at, at+1, ... of the dataset,
// and keeps none of them (a reader may reuse their memory after it); the
// OPERATES relationships come out in place order, whatever the order of
// the calls.
func (s *RecordSums) Add(flows []graph.Flow, at int) {
	for lo := 0; lo < len(flows); lo += scratchMax {
		s.scratch = append(s.scratch[:0], flows[lo:min(lo+scratchMax, len(flows))]...)
		for i := range s.scratch {
			s.scratch[i].Groups = nil
		}
		s.addLegs(int64(at+lo), s.scratch)
	}
	for i := range flows {
		f := &flows[i]
		s.Cells.Add(f)
		if p := f.Period; !p.IsZero() {
			if s.First == 0 || p.From < s.First {
				s.First = p.From
			}
			s.Last = max(s.Last, p.To)
		}
		for _, g := range f.Groups {
			s.operates.add(g, f.ID, at+i)
		}
	}
}

// Graph is the leg graph of the records added, of the dataset name with
// countries. Call it once, after every Add.
func (s *RecordSums) Graph(name string, countries map[string]graph.Country) *graph.LegGraph {
	return s.legs.Graph(name, countries)
}

// Sources is the $sources of SwitchDataset for the records added.
func (s *RecordSums) Sources() any {
	list, ok := s.Cells.Sources()
	if !ok {
		return nil
	}
	return SourcesParam(list)
}

// EachOperates calls fn with the OPERATES rows (OperatesRow) in place
// order, n at a time, and stops at fn's first error.
func (s *RecordSums) EachOperates(n int, fn func(rows []any) error) error {
	o := &s.operates
	order := make([]int32, len(o.ends))
	for i := range order {
		order[i] = int32(i)
	}
	if !slices.IsSorted(o.places) {
		slices.SortStableFunc(order, func(a, b int32) int { return o.places[a] - o.places[b] })
	}
	for lo := 0; lo < len(order); lo += n {
		rows := make([]any, 0, min(n, len(order)-lo))
		for _, i := range order[lo:min(lo+n, len(order))] {
			start := int32(0)
			if i > 0 {
				start = o.ends[i-1]
			}
			rows = append(rows, OperatesRow(o.groups[o.at[i]], string(o.ids[start:o.ends[i]])))
		}
		if err := fn(rows); err != nil {
			return err
		}
	}
	return nil
}

// operates are the OPERATES relationships of the records, packed: a
// third of a million generated records name a group, and two strings
// each would be 40 bytes a record. Relationship i is group groups[at[i]]
// running the flow whose id is ids[ends[i-1]:ends[i]], the record at
// place places[i].
type operates struct {
	ids    []byte
	ends   []int32
	at     []int32
	places []int
	groups []string
	index  map[string]int32
}

func (o *operates) add(group, flow string, place int) {
	i, ok := o.index[group]
	if !ok {
		if o.index == nil {
			o.index = map[string]int32{}
		}
		i = int32(len(o.groups))
		group = strings.Clone(group)
		o.groups = append(o.groups, group)
		o.index[group] = i
	}
	o.ids = append(o.ids, flow...)
	o.ends = append(o.ends, int32(len(o.ids)))
	o.at = append(o.at, i)
	o.places = append(o.places, place)
}
