package routes

// minHeap is a binary min-heap ordered by less. Unlike container/heap it
// does not box items in interfaces, so pushes do not allocate once the
// backing slice has grown.
type minHeap[T any] struct {
	items []T
	less  func(a, b T) bool
}

func (h *minHeap[T]) Len() int { return len(h.items) }

func (h *minHeap[T]) reset() { h.items = h.items[:0] }

func (h *minHeap[T]) push(x T) {
	h.items = append(h.items, x)
	i := len(h.items) - 1
	for i > 0 {
		p := (i - 1) / 2
		if !h.less(h.items[i], h.items[p]) {
			break
		}
		h.items[i], h.items[p] = h.items[p], h.items[i]
		i = p
	}
}

func (h *minHeap[T]) pop() T {
	top := h.items[0]
	n := len(h.items) - 1
	h.items[0] = h.items[n]
	h.items = h.items[:n]
	i := 0
	for {
		l, r, m := 2*i+1, 2*i+2, i
		if l < n && h.less(h.items[l], h.items[m]) {
			m = l
		}
		if r < n && h.less(h.items[r], h.items[m]) {
			m = r
		}
		if m == i {
			return top
		}
		h.items[i], h.items[m] = h.items[m], h.items[i]
		i = m
	}
}

type distItem struct {
	dist float64
	node int32
	pred int32
}

// distLess orders by distance, then node id, so runs are deterministic.
func distLess(a, b distItem) bool {
	if a.dist != b.dist {
		return a.dist < b.dist
	}
	return a.node < b.node
}

// candLess orders Yen candidates by cost, then by their codes.
func candLess(a, b cand) bool {
	if a.cost != b.cost {
		return a.cost < b.cost
	}
	return a.key < b.key
}
