package graphtest

import (
	"os"
	"testing"
)

// Neo4jServer is the test server that make test starts.
type Neo4jServer struct {
	URI, User, Password string
}

// Neo4j returns the test server from NEO4J_TEST_URI, NEO4J_TEST_USER
// (default neo4j) and NEO4J_TEST_PASSWORD. Without NEO4J_TEST_URI the test
// is skipped, except under CI (CI=true), where a skip is a failure: make
// test starts a real server and sets it. Every test that needs Neo4j, in
// every package, goes through here.
func Neo4j(t testing.TB) Neo4jServer {
	t.Helper()
	uri := os.Getenv("NEO4J_TEST_URI")
	if uri == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("NEO4J_TEST_URI is not set under CI: make test starts Neo4j and sets it")
		}
		t.Skip("NEO4J_TEST_URI not set (make test starts a Neo4j server)")
	}
	user := os.Getenv("NEO4J_TEST_USER")
	if user == "" {
		user = "neo4j"
	}
	return Neo4jServer{URI: uri, User: user, Password: os.Getenv("NEO4J_TEST_PASSWORD")}
}
