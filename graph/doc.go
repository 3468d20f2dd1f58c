// Package graph holds tipgraph's domain types (countries, flow records, legs,
// trafficker groups), the leg graph built on github.com/dominikbraun/graph
// with its compact integer index, and the Store interface that backends
// implement.
package graph
