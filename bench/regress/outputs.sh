#!/usr/bin/env bash
# Compares the outputs (stdout, stderr, exit code) of the analysis
# commands between two builds of tipgraph on one generated dataset, byte
# for byte, in table, CSV and JSON. Prints each difference and a count;
# exits 1 when any output differs.
#
#   bench/regress/outputs.sh [OLD_REV] [RECORDS] [GROUPS]
#
# OLD_REV defaults to 47ff9c4 (main before issue 17's in-memory work),
# RECORDS to 200000, GROUPS to 300.
set -euo pipefail
cd "$(dirname "$0")/../.."
old=${1:-47ff9c4}
n=${2:-200000}
g=${3:-300}
. bench/regress/builds.sh "$old"
"$work/new" generate --countries 150 --flows "$n" --groups "$g" --seed 3 -o "$work/data" >/dev/null
# A file with problems (a duplicate id, an unknown country) for the errors.
mkdir -p "$work/bad"
{ head -1000 "$work/data/flows.csv"; sed -n 500,510p "$work/data/flows.csv"; echo 'x1,QQ,FR,,,3,2005,,,,'; } >"$work/bad/flows.csv"
via=$(awk -F, 'NR>1 && $4!="" {split($4,a,">"); print a[1]; exit}' "$work/data/flows.csv")
cmds=(
  "summary" "hubs" "hubs --by betweenness --weight inverse-victims" "hubs --year 2005"
  "hubs --form sexual --vector air" "summary --years 2003-2007 --measure detected"
  "divert --remove $via" "divert --each" "divert --each --by victims --displacement 0.35"
  "divert --remove $via --capacity 1.5 --year 2004" "--min-count 10 hubs" "--min-count 10 divert --each"
  "divert --remove ZZ" "interdict --k 2 --year 2006"
  "emerging" "emerging --by-year" "emerging --own-periods" "emerging --foreign --all"
  "emerging --foreign --by-year" "emerging --by region --exact mid-p" "emerging --by overall --foreign --fdr off"
  "--min-count 10 emerging --by-year --all" "emerging --top 3 --year 2005"
  "groups" "groups --year 2005 --form sexual" "--min-count 10 groups" "groups --group G1 --brokers 3"
)
total=0 bad=0
for data in "$work/data" "$work/bad" builtin:toc2010; do
  for fmt in table csv json; do
    for c in "${cmds[@]}"; do
      total=$((total + 1))
      # shellcheck disable=SC2086
      oc=0; "$work/old" --format "$fmt" --data "$data" $c >"$work/o.out" 2>"$work/o.err" || oc=$?
      # shellcheck disable=SC2086
      nc=0; "$work/new" --format "$fmt" --data "$data" $c >"$work/n.out" 2>"$work/n.err" || nc=$?
      if ! cmp -s "$work/o.out" "$work/n.out" || ! cmp -s "$work/o.err" "$work/n.err" || [[ $oc != "$nc" ]]; then
        echo "differs: --data ${data##*/} --format $fmt $c (exit $oc -> $nc)"
        bad=$((bad + 1))
      fi
    done
  done
done
echo "$total outputs compared, $bad differ"
((bad == 0))
