# neo4j.mk — a real Neo4j Community 5.26 server for tests and CI, without Docker.
#
# Neo4j runs embedded in a tiny Java launcher (tools/neo4j); Maven fetches its jars from
# Maven Central once (into ~/.m2, copied to .neo4j/lib), later starts need no network.
# Needs only a JDK 17+ (`java`) and Maven (`mvn`). All state lives in .neo4j/ (gitignored).
#
#   eval "$(make -s neo4j)"   # start (or reuse) the server; sets NEO4J_URI/USER/PASSWORD
#   make neo4j-stop           # stop it (SIGTERM, SIGKILL after 30 s); OK if not running
#   make neo4j-clean          # stop it and delete the database (.neo4j/data)
#   make neo4j-status         # exit 0 if running
#
# `make neo4j` prints only the three export lines on stdout; progress goes to stderr.
# Override e.g. `make neo4j NEO4J_PORT=7688 NEO4J_PASSWORD=secret`. Logs: .neo4j/neo4j.log
# (launcher + Neo4j user log) and .neo4j/data/logs/debug.log. The same logic is usable
# without make: tools/neo4j/neo4j.sh start|stop|clean|status|env|build.

NEO4J_PORT ?= 7687
NEO4J_PASSWORD ?= tipgraph-test
# Sized for bulk loads on a small machine (issue 17): 3 GiB heap, 512 MiB page cache;
# transactions may use half the heap together and a quarter each (db.memory.transaction.*),
# so an oversized query fails with a clear error instead of taking the server down. The heap
# is for the young generation: a load's transactions allocate about 1 GB/s, and with 1 GiB
# the collections took a quarter of the server's CPU and the load ran at 16,000 records/s
# instead of 19,700 (BENCHMARKS.md, "Neo4j load: a heap for the young collections").
NEO4J_HEAP ?= 3g
NEO4J_PAGECACHE_MB ?= 512
NEO4J_START_TIMEOUT ?= 120

NEO4J_MK_ROOT := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))
NEO4J_SH := $(NEO4J_MK_ROOT)/tools/neo4j/neo4j.sh
NEO4J_RUN = NEO4J_PORT='$(NEO4J_PORT)' NEO4J_PASSWORD='$(NEO4J_PASSWORD)' \
	NEO4J_HEAP='$(NEO4J_HEAP)' NEO4J_PAGECACHE_MB='$(NEO4J_PAGECACHE_MB)' NEO4J_START_TIMEOUT='$(NEO4J_START_TIMEOUT)' \
	bash '$(NEO4J_SH)'

.PHONY: neo4j neo4j-stop neo4j-clean neo4j-status

neo4j:
	@$(NEO4J_RUN) start

neo4j-stop:
	@$(NEO4J_RUN) stop

neo4j-clean:
	@$(NEO4J_RUN) clean

neo4j-status:
	@$(NEO4J_RUN) status
