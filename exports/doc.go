// Package exports writes tipgraph data for other tools: the dataset as
// CSV and JSON that --data reads back (Graphviz maps, GraphML and Cypher
// come with the exports issue).
package exports
