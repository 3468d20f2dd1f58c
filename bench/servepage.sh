#!/usr/bin/env bash
# Starts `tipgraph serve` on a dataset and makes the requests of an
# investigator's session in the page (the map, a route map, a country, a
# what-if with its map, divert --each, emerging, groups, a map of one
# year, interdict, the what-if's CSV download), printing each request's
# status, time and size and the server's resident high-water mark after
# it (VmHWM, Linux).
#
#   bench/servepage.sh BIN PORT --neo4j URI --dataset NAME   (NEO4J_PASSWORD set)
#   bench/servepage.sh BIN PORT --data FILE
#
# BENCHMARKS.md ("serve over Neo4j without the records") has the figures.
set -uo pipefail
bin=$1 port=$2
shift 2
from=${SERVE_FROM:-BI} to=${SERVE_TO:-FR} hub=${SERVE_HUB:-ZM}
"$bin" "$@" serve --addr "127.0.0.1:$port" >/dev/null 2>/tmp/servepage.err &
pid=$!
trap 'kill $pid 2>/dev/null' EXIT
hwm() { awk '/VmHWM/ {print int($2 / 1024) " MB"}' "/proc/$pid/status"; }
start=$(date +%s.%N)
for _ in $(seq 1 600); do
  curl -sf -o /dev/null "http://127.0.0.1:$port/" && break
  sleep 0.3
done
echo "up after $(echo "$(date +%s.%N) - $start" | bc | cut -c1-5) s, $(hwm)"
for u in /api/summary /api/hubs /api/map.svg "/api/routes?from=$from&to=$to" "/api/map.svg?from=$from&to=$to" \
  "/api/country?country=$hub" "/api/divert?remove=$hub&limit=200" "/api/map.svg?remove=$hub" "/api/divert?each" \
  /api/emerging /api/groups "/api/map.svg?year=2005" "/api/interdict?k=2" "/api/divert.csv?remove=$hub"; do
  curl -s -o /dev/null -w "%{http_code} %{time_total}s %{size_download}B $u " "http://127.0.0.1:$port$u"
  hwm
done
