#!/usr/bin/env bash
# Compares every command's time and peak memory between two builds of
# tipgraph on the same generated dataset, in one run, alternating the two
# binaries so that a change in the machine's load affects both alike.
#
#   bench/regress/run.sh [OLD_REV] [RECORDS] [RUNS]
#
# OLD_REV defaults to 841e0cd (main before the results layer), RECORDS to
# 200000, RUNS to 5. Prints, per command, the median wall and CPU (user +
# system) seconds and peak RSS of each build and the new/old CPU ratio.
set -euo pipefail
cd "$(dirname "$0")/../.."
old=${1:-841e0cd}
n=${2:-200000}
runs=${3:-5}
. bench/regress/builds.sh "$old"
"$work/new" generate --countries 200 --flows "$n" --groups 200 --seed 1 -o "$work/data" >/dev/null
cmds=(
  "summary"
  "hubs"
  "routes --from AA --to BB"
  "divert --remove CC"
  "divert --each"
  "interdict --k 2"
  "emerging"
  "groups"
  "estimate --detected-from-data"
  "export --as svg -o $work/map.svg"
  "--format json hubs"
  "--format json emerging"
  "--min-count 10 --format json emerging"
)
# Country codes of the generated data for the route and what-if commands.
codes=$(head -50 "$work/data/flows.csv" | awk -F, 'NR>1 && $4 != "" {print $2, $3, $4; exit}')
read -r from to via <<<"$codes"
via=${via%%>*}
measure() { # prints wall cpu rss
  /usr/bin/time -f "%e %U %S %M" "$@" >/dev/null 2>"$work/t" || true
  tail -1 "$work/t" | awk '{printf "%s %.2f %d\n", $1, $2+$3, $4}'
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
printf "%-40s %8s %8s %8s %8s %8s %8s %6s\n" command old_wall new_wall old_cpu new_cpu old_MB new_MB ratio
for c in "${cmds[@]}"; do
  c=${c//AA/$from}; c=${c//BB/$to}; c=${c//CC/$via}
  : >"$work/o"; : >"$work/n"
  for _ in $(seq "$runs"); do
    # shellcheck disable=SC2086
    measure "$work/old" --data "$work/data" $c >>"$work/o"
    # shellcheck disable=SC2086
    measure "$work/new" --data "$work/data" $c >>"$work/n"
  done
  ow=$(awk '{print $1}' "$work/o" | median); nw=$(awk '{print $1}' "$work/n" | median)
  oc=$(awk '{print $2}' "$work/o" | median); nc=$(awk '{print $2}' "$work/n" | median)
  om=$(awk '{print int($3/1024)}' "$work/o" | median); nm=$(awk '{print int($3/1024)}' "$work/n" | median)
  printf "%-40s %8s %8s %8s %8s %8s %8s %6.2f\n" "$c" "$ow" "$nw" "$oc" "$nc" "$om" "$nm" "$(echo "$nc $oc" | awk '{print ($2>0)?$1/$2:0}')"
done
