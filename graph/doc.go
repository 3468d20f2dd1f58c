// Package graph holds tipgraph's domain types (countries, flow records, legs,
// trafficker groups), the leg graph with its compact integer index (also
// readable as a github.com/dominikbraun/graph graph through that library's
// Store interface), and the Store interface that backends implement.
package graph
