// Package memory is the in-memory graph.Store: a dataset read from files,
// analysed without any server.
package memory
