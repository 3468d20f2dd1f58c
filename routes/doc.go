// Package routes analyses a leg graph: observed routes and the k best paths
// between two countries, hubs (transit volume, inflow, outflow, Brandes
// betweenness, PageRank), the cycles of routes (strongly connected
// components) and the what-if analyses (diversion when transit
// countries close, the sweep over every transit country, interdiction),
// with results that match NetworkX on the same graph.
package routes
