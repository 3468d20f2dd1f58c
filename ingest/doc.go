// Package ingest reads tipgraph datasets (CSV directories, JSON documents,
// the built-in datasets), resolves country names to ISO codes and validates
// every record, reporting each problem with its file, line and column.
package ingest
