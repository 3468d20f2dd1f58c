// Package graphtest holds what tests of graph.Store backends share: the
// test Neo4j server, datasets of the values a backend could get wrong, and
// comparisons of datasets.
package graphtest
