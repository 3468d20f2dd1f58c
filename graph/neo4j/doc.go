// Package neo4j is the graph.Store backed by a Neo4j server (a single
// instance, a cluster or a hosted database), through
// github.com/neo4j/neo4j-go-driver/v5. Loads are atomic per dataset name:
// flows are staged under a new load id and made visible by one final
// transaction that also writes the aggregated LEG relationships.
package neo4j
