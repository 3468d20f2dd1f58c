#!/usr/bin/env bash
# Runs every analysis command once on a large dataset, in memory (--data)
# or over Neo4j (--neo4j), and prints one line per command: wall time,
# peak resident memory of the tipgraph process (/usr/bin/time -v) and exit
# status; over Neo4j it checks after each command that the server is up.
#
#   bench/audit.sh BIN mem DATA_DIR OUT_DIR
#   bench/audit.sh BIN neo4j DATASET OUT_DIR       (NEO4J_URI, NEO4J_PASSWORD set)
#
# BENCHMARKS.md ("Every command on a million records") has the figures.
set -uo pipefail
bin=$1 mode=$2 src=$3 out=$4
mkdir -p "$out"
if [[ $mode == mem ]]; then
  global=(--data "$src")
else
  global=(--neo4j "$NEO4J_URI" --dataset "$src")
fi
from=${AUDIT_FROM:-BI} to=${AUDIT_TO:-FR} hub=${AUDIT_HUB:-ZM}
up() {
  [[ $mode == mem ]] && return 0
  "$bin" --neo4j "$NEO4J_URI" datasets >/dev/null 2>&1 && echo up || echo DOWN
}
measure() { # name, args...
  local name=$1; shift
  /usr/bin/time -v -o "$out/$name.time" "$bin" "${global[@]}" "$@" >"$out/$name.out" 2>"$out/$name.err"
  local rc=$?
  local secs kb
  secs=$(awk -F': ' '/Elapsed/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$out/$name.time")
  kb=$(awk -F': ' '/Maximum resident/ {print $2}' "$out/$name.time")
  printf '%-22s %8.2f s %7d MB rc=%d %s\n' "$name" "$secs" $((kb / 1024)) "$rc" "$(up)"
}
measure summary summary
measure hubs hubs
measure routes routes --from "$from" --to "$to"
measure divert divert --remove "$hub"
measure divert-each divert --each
measure interdict interdict
measure emerging emerging
measure groups groups
measure country country --country "$hub"
for f in dot svg png graphml json csv cypher; do
  measure "export-$f" export --as "$f" -o "$out/export.$f"
done
measure validate validate
measure estimate estimate --detected-from-data
measure report report -o "$out/report"
# serve: one page load and API calls, then stopped.
port=${AUDIT_PORT:-18702}
/usr/bin/time -v -o "$out/serve.time" "$bin" "${global[@]}" serve --addr "127.0.0.1:$port" >"$out/serve.out" 2>"$out/serve.err" &
tpid=$!
start=$(date +%s.%N)
for _ in $(seq 1 600); do
  curl -sf -o /dev/null "http://127.0.0.1:$port/" && break
  sleep 0.5
done
# The what-if as the page asks for it (at most 200 reroutes; without a
# limit the answer for a hub of a million records is 45 MB of JSON).
for u in / "/api/summary" "/api/hubs" "/api/routes?from=$from&to=$to" "/api/divert?remove=$hub&limit=200" "/api/map.svg"; do
  curl -s -o "$out/serve-$(echo "$u" | tr -c 'a-z0-9' _)" -w "%{http_code} %{time_total}s $u\n" "http://127.0.0.1:$port$u" >>"$out/serve.curl"
done
end=$(date +%s.%N)
kill "$(pgrep -P "$tpid")" 2>/dev/null
wait "$tpid"
kb=$(awk -F': ' '/Maximum resident/ {print $2}' "$out/serve.time")
printf '%-22s %8.2f s %7d MB (%s) %s\n' serve "$(echo "$end - $start" | bc)" $((kb / 1024)) "$(awk '{printf "%s ", $1}' "$out/serve.curl")" "$(up)"
