// Package centrality holds what the directed betweenness of routes and the
// undirected betweenness of routes/groups share: the parallel sum of the
// dependencies over sources and their normalisation.
package centrality
