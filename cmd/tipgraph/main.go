// Command tipgraph analyses trafficking-in-persons routes and networks:
// route queries, hubs, emerging sources, what-if diversion and route maps.
// Run "tipgraph --help" for the commands.
package main

import (
	"context"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
)

func main() {
	// A batch command holds one dataset and lets it go at exit, so it
	// collects garbage only when the heap nears 1.2 GiB: on 1,000,000
	// records that halves the time and keeps the peak near 750 MB (the
	// collector and its page faults were half the CPU). GOGC and
	// GOMEMLIMIT still override.
	if os.Getenv("GOGC") == "" && os.Getenv("GOMEMLIMIT") == "" {
		debug.SetGCPercent(-1)
		debug.SetMemoryLimit(1200 << 20)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(exitCode(err, os.Stderr))
}
