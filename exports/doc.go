// Package exports writes tipgraph data for other tools: Graphviz route
// maps (DOT, SVG, PNG) and group diagrams, GraphML, the legs as CSV, a
// Cypher script for Neo4j, and the dataset as CSV and JSON that --data
// reads back.
package exports
