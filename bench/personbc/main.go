// Command personbc is the tipgraph side of the person-network benchmark
// (bench/compare): it writes a synthetic person network, or reads one and
// times betweenness from the same sources bench/networkx_persons.py uses.
//
//	personbc -write persons.csv -n 50000 -m 200000
//	personbc -read persons.csv -sources 100   # every (n/100)-th node; 0: all
//
// -read prints the wall and the CPU seconds of the betweenness; -values
// FILE writes the values (unnormalised, summed over the sources) for
// bench/compare to check against python-igraph's.
package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"syscall"
	"time"

	"github.com/tipgraph/tipgraph/graph/graphtest"
	"github.com/tipgraph/tipgraph/routes/groups"
)

func main() {
	write := flag.String("write", "", "write a network to this file")
	read := flag.String("read", "", "read a network from this file and time betweenness")
	n := flag.Int("n", 50_000, "persons")
	m := flag.Int("m", 200_000, "ties")
	k := flag.Int("sources", 100, "sources (0: all)")
	values := flag.String("values", "", "with -read: write node,betweenness to this file")
	flag.Parse()
	var err error
	switch {
	case *write != "":
		err = writeNetwork(*write, *n, *m)
	case *read != "":
		err = timeBetweenness(*read, *k, *values)
	default:
		err = fmt.Errorf("give -write or -read")
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "personbc:", err)
		os.Exit(1)
	}
}

// writeNetwork writes graphtest.CellNetwork(n, m): n persons in cells of
// about 50, most ties inside a cell.
func writeNetwork(path string, n, m int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "from,to")
	for _, e := range graphtest.CellNetwork(n, m) {
		fmt.Fprintf(w, "%d,%d\n", e[0], e[1])
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return f.Close()
}

func timeBetweenness(path string, k int, values string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	r := csv.NewReader(bufio.NewReader(f))
	r.ReuseRecord = true
	if _, err := r.Read(); err != nil {
		return err
	}
	var adj [][]int32
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		a, _ := strconv.Atoi(rec[0])
		b, _ := strconv.Atoi(rec[1])
		for max(a, b) >= len(adj) {
			adj = append(adj, nil)
		}
		adj[a] = append(adj[a], int32(b))
		adj[b] = append(adj[b], int32(a))
	}
	n := len(adj)
	var sources []int32
	if k > 0 {
		step := max(1, n/k)
		for s := 0; s < n && len(sources) < k; s += step {
			sources = append(sources, int32(s))
		}
	}
	start, cpu0 := time.Now(), cpuTime()
	var bc []float64
	if k > 0 {
		bc, err = groups.BetweennessFrom(context.Background(), adj, sources)
	} else {
		bc, err = groups.Betweenness(context.Background(), adj)
	}
	if err != nil {
		return err
	}
	wall, cpu := time.Since(start), cpuTime()-cpu0
	if values != "" {
		if err := writeValues(values, bc); err != nil {
			return err
		}
	}
	// Wall seconds, then CPU seconds of the process (both cores): on a
	// machine other work shares, the CPU time is the steadier figure.
	fmt.Printf("%.3f %.3f\n", wall.Seconds(), cpu.Seconds())
	return nil
}

// writeValues writes node,betweenness with every digit a float64 holds.
func writeValues(path string, bc []float64) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "node,betweenness")
	for v, b := range bc {
		fmt.Fprintf(w, "%d,%s\n", v, strconv.FormatFloat(b, 'g', -1, 64))
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return f.Close()
}

// cpuTime is the user and system time the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
