# tipgraph: build, test, benchmark.
#
#   make test    gofmt + vet + every test (the command CI runs)
#   make build   bin/tipgraph
#   make bench   the Go benchmarks recorded in BENCHMARKS.md

GO ?= go
BENCHTIME ?= 10x

include neo4j.mk

.PHONY: all build test check vet fmt-check bench fuzz reference clean

all: build

build:
	$(GO) build -o bin/tipgraph ./cmd/tipgraph

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...

test: fmt-check vet
	$(GO) test -count=1 ./...

bench:
	$(GO) test -run '^$$' -bench . -benchtime $(BENCHTIME) ./...

# A short run of every fuzz target (go test runs their seeds in `make test`).
fuzz:
	$(GO) test ./ingest -run '^$$' -fuzz FuzzReadFlows -fuzztime 30s
	$(GO) test ./ingest -run '^$$' -fuzz FuzzReadJSON -fuzztime 30s

# Recompute the NetworkX reference values (needs networkx, numpy, scipy).
reference:
	python3 routes/testdata/networkx_reference.py

clean:
	rm -rf bin
