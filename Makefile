# tipgraph: build, test, benchmark.
#
#   make test        gofmt + vet + every test against a real Neo4j it starts
#                    and stops (the command CI runs)
#   make test-short  the same without Neo4j (its tests skip)
#   make build       bin/tipgraph
#   make bench       the Go benchmarks recorded in BENCHMARKS.md
#   make bench-neo4j tipgraph's Neo4j load against LOAD CSV, in one run
#   make tools       rsvg-convert and fonts for PNG maps (Debian's librsvg2-bin),
#                    chromium for the page's end-to-end test

GO ?= go
BENCHTIME ?= 10x
# FUZZTIME is how long `make fuzz` runs each target (issue 18 asks 10m
# before a hardening release).
FUZZTIME ?= 30s

include neo4j.mk

.PHONY: all build test test-short vet fmt-check bench bench-neo4j fuzz reference clean tools

all: build

build:
	$(GO) build -o bin/tipgraph ./cmd/tipgraph

fmt-check:
	@out=$$(gofmt -l $$(find . -name '*.go' -not -path './.neo4j/*')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...

# PNG maps are drawn from the SVG by rsvg-convert (librsvg2-bin), with
# Liberation Sans (Arial's metrics, which Graphviz measures text with).
# Installed from Debian when missing and when we can (root); the PNG test
# fails under CI without it and skips elsewhere.
tools:
	@if ! command -v rsvg-convert >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -q LiberationSans; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			echo "installing librsvg2-bin fonts-liberation" >&2; \
			apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq librsvg2-bin fonts-liberation >/dev/null; \
		else \
			echo "PNG maps need rsvg-convert: apt-get install librsvg2-bin fonts-liberation" >&2; \
		fi; \
	fi
	@if ! command -v chromium >/dev/null 2>&1; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			echo "installing chromium (the page's end-to-end test)" >&2; \
			apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
		else \
			echo "the page's end-to-end test needs chromium: apt-get install chromium" >&2; \
		fi; \
	fi

# Starts Neo4j (downloading it from Maven Central the first time), runs
# every test with NEO4J_TEST_URI set, and stops Neo4j also when tests fail.
# NEO4J_URI is cleared for the tests so that only tests that ask for the
# server use it.
test: fmt-check vet tools
	@set -e; \
	exports=$$($(MAKE) -s neo4j); \
	eval "$$exports"; \
	trap '$(MAKE) -s neo4j-stop' EXIT; \
	echo "go test -count=1 ./... (Neo4j at $$NEO4J_URI)"; \
	NEO4J_TEST_URI="$$NEO4J_URI" NEO4J_TEST_PASSWORD="$$NEO4J_PASSWORD" NEO4J_URI= NEO4J_PASSWORD= \
		$(GO) test -count=1 ./...

test-short: fmt-check vet tools
	$(GO) test -count=1 ./...

bench:
	$(GO) test -run '^$$' -bench . -benchtime $(BENCHTIME) ./...

bench-neo4j:
	@set -e; exports=$$($(MAKE) -s neo4j); eval "$$exports"; \
	$(GO) run ./bench/neo4jload -n 100000

# A run of every fuzz target, FUZZTIME each (go test runs their seeds in
# `make test`). Minimising a new input is cut at 5 s: go's default of 60 s
# showed as a stall of the fuzzer (0 execs/s).
fuzz:
	$(GO) test ./ingest -run '^$$' -fuzz '^FuzzReadFlows$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s
	$(GO) test ./ingest -run '^$$' -fuzz '^FuzzReadJSON$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s
	$(GO) test ./ingest -run '^$$' -fuzz '^FuzzReadGroups$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s
	$(GO) test ./ingest -run '^$$' -fuzz '^FuzzReadGraphML$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s
	$(GO) test ./ingest -run '^$$' -fuzz '^FuzzReadCTDC$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s
	$(GO) test ./ingest -run '^$$' -fuzz '^FuzzReadGLOTIP$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s
	$(GO) test ./ingest -run '^$$' -fuzz '^FuzzParallelMatchesSequential$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s
	$(GO) test ./ingest -run '^$$' -fuzz '^FuzzReadCaptures$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s
	$(GO) test ./ingest -run '^$$' -fuzz '^FuzzResolveName$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s
	$(GO) test ./ingest -run '^$$' -fuzz '^FuzzReadPersonNetworks$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s

# Recompute the NetworkX reference values (needs networkx, numpy, scipy).
reference:
	python3 routes/testdata/networkx_reference.py
	python3 routes/groups/testdata/networkx_groups.py

clean:
	rm -rf bin
