#!/bin/sh
# Times tipgraph reading the files readgen writes (BENCHMARKS.md, issue 14):
# wall and CPU time and peak memory of `tipgraph --data FILE validate`, each
# the median of 3 runs. Needs /usr/bin/time (Debian: time).
#
#   sh bench/readgen/run.sh [DIR]     # DIR default /tmp/readbench
set -e
dir=${1:-/tmp/readbench}
mkdir -p "$dir"
go build -o "$dir/tipgraph" ./cmd/tipgraph
go run ./bench/readgen -dir "$dir"
median() { sort -n | sed -n 2p; }
for f in data_glotip.xlsx data_glotip.csv ctdc.csv; do
	for i in 1 2 3; do
		/usr/bin/time -f '%e %U %S %M' "$dir/tipgraph" --data "$dir/$f" validate 2>&1 >/dev/null | tail -1
	done >"$dir/times"
	wall=$(cut -d' ' -f1 "$dir/times" | median)
	cpu=$(awk '{ print $2 + $3 }' "$dir/times" | median)
	mb=$(awk '{ printf "%.0f\n", $4 / 1024 }' "$dir/times" | median)
	echo "$f: wall $wall s, cpu $cpu s, peak $mb MB (medians of 3; wall runs: $(cut -d' ' -f1 "$dir/times" | tr '\n' ' '))"
done
