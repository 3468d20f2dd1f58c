// Package graphtest holds what tests of graph.Store backends share: the
// test Neo4j server, datasets of the values a backend could get wrong, and
// comparisons of datasets; and the synthetic data of tests and benchmarks
// (Synthetic records, the CellNetwork of persons).
package graphtest
