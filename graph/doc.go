// Package graph holds tipgraph's domain types (countries, flow records, legs,
// trafficker groups), the leg graph with its compact integer index (and, on
// demand, the same legs as a github.com/dominikbraun/graph graph), and the
// Store interface that backends implement.
package graph
