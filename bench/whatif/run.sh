#!/usr/bin/env bash
# Times the route and what-if commands over Neo4j (issue 17) and checks
# each output against the same command in memory on the same records.
#
# Usage: bench/whatif/run.sh TIPGRAPH DATASET DATA_DIR [memory]
#   TIPGRAPH  a built tipgraph binary
#   DATASET   the name the records were loaded under (tipgraph --data DATA_DIR load --name DATASET)
#   DATA_DIR  the folder of the same records (the in-memory reference)
#   memory    also run (and keep) the in-memory outputs; without it they
#             must be in $OUT/memory-*.txt from an earlier run
# Environment: NEO4J_URI, NEO4J_PASSWORD (the server), NEO4J_PORT (to check
# it is up with tools/neo4j/neo4j.sh status), OUT (outputs; default
# /tmp/whatif-bench), FROM, TO, HUB (default BB, AX, ZM: the busiest
# origin, destination and transit country of the generated million),
# ONLY (a regular expression: run only the commands it matches).
#
# Prints one line per command: wall time, peak RSS of tipgraph, whether the
# output equals the in-memory one (dataset name aside) and whether the
# server answers afterwards.
set -euo pipefail

bin=$1 dataset=$2 data=$3 mode=${4:-}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
out=${OUT:-/tmp/whatif-bench}
from=${FROM:-BB} to=${TO:-AX} hub=${HUB:-ZM}
mkdir -p "$out"

cmds=("routes --from $from --to $to" "divert --remove $hub" "divert --remove $hub --year 2005"
  "divert --each" "interdict")

for c in "${cmds[@]}"; do
  [[ -n ${ONLY:-} && ! $c =~ $ONLY ]] && continue
  slug=$(tr ' ' '_' <<<"$c" | tr -d -- '-')
  if [[ $mode == memory ]]; then
    /usr/bin/time -f '%e %M' -o "$out/time" "$bin" --data "$data" $c >"$out/memory-$slug.txt"
    read -r s kb <"$out/time"
    printf '%-40s memory %7.2f s %6d MB\n' "$c" "$s" $((kb / 1024))
  fi
  /usr/bin/time -f '%e %M' -o "$out/time" "$bin" --neo4j "$NEO4J_URI" --dataset "$dataset" $c >"$out/neo4j-$slug.txt" || true
  read -r s kb < <(tail -1 "$out/time")
  same=differs
  if diff -q <(sed "s/dataset $dataset\b/dataset D/" "$out/neo4j-$slug.txt") \
    <(sed "s/dataset $(basename "$data")\b/dataset D/" "$out/memory-$slug.txt") >/dev/null; then
    same=same
  fi
  up=down
  if NEO4J_PORT=${NEO4J_PORT:-7687} bash "$root/tools/neo4j/neo4j.sh" status 2>/dev/null &&
    "$bin" --neo4j "$NEO4J_URI" datasets >/dev/null 2>&1; then
    up=up
  fi
  printf '%-40s neo4j  %7.2f s %6d MB  output %s as memory, server %s\n' "$c" "$s" $((kb / 1024)) "$same" "$up"
done
