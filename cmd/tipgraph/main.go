// Command tipgraph analyses trafficking-in-persons routes and networks:
// route queries, hubs, emerging sources, what-if diversion and route maps.
// Run "tipgraph --help" for the commands.
package main

import (
	"context"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"syscall"
)

func main() {
	// A batch command holds one dataset and lets it go at exit, so it
	// collects garbage only when the heap nears 1.2 GiB: on 1,000,000
	// records that halved the time (the collector and its page faults
	// were half the CPU). Commands that stream the records collect once
	// after reading (app.stream). GOGC and GOMEMLIMIT still override.
	if os.Getenv("GOGC") == "" && os.Getenv("GOMEMLIMIT") == "" {
		debug.SetGCPercent(-1)
		debug.SetMemoryLimit(1200 << 20)
	}
	// TIPGRAPH_CPUPROFILE=FILE writes a CPU profile of the command (for
	// `go tool pprof`; BENCHMARKS.md uses it).
	if f := os.Getenv("TIPGRAPH_CPUPROFILE"); f != "" {
		if out, err := os.Create(f); err == nil {
			if pprof.StartCPUProfile(out) != nil {
				out.Close()
			}
		}
	}
	// TIPGRAPH_MEMPROFILE=FILE writes a profile of every allocation the
	// command made (go tool pprof -sample_index=alloc_space).
	if os.Getenv("TIPGRAPH_MEMPROFILE") != "" {
		runtime.MemProfileRate = 64 << 10
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	code := exitCode(err, os.Stderr)
	pprof.StopCPUProfile() // flushes the profile; a no-op without one
	if f := os.Getenv("TIPGRAPH_MEMPROFILE"); f != "" {
		runtime.GC() // publishes the allocations since the last cycle
		if out, err := os.Create(f); err == nil {
			_ = pprof.Lookup("allocs").WriteTo(out, 0)
			out.Close()
		}
	}
	os.Exit(code)
}
