package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/ingest"
	"github.com/tipgraph/tipgraph/routes"
)

// Exit codes: 0 ok, 1 runtime failure, 2 bad usage or bad input data,
// 3 cannot reach the store (docs/commands.md).
const (
	exitOK          = 0
	exitFailure     = 1
	exitBadInput    = 2
	exitUnreachable = 3
)

// usageError is a bad flag or argument: exit 2.
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

func usagef(format string, a ...any) error { return &usageError{fmt.Errorf(format, a...)} }

// errReported is returned when the command already printed what went
// wrong (validate's problem list) and only the exit code is left.
type errReported struct{ code int }

func (e *errReported) Error() string { return fmt.Sprintf("exit %d", e.code) }

// exitCode maps an error to its exit code and prints it; this is the one
// place where errors become exit codes.
func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return exitOK
	}
	var rep *errReported
	if errors.As(err, &rep) {
		return rep.code
	}
	code := exitFailure
	var ue *usageError
	var oe *routes.OptionError
	switch {
	case errors.As(err, &oe):
		// An analysis option: named as its flag.
		fmt.Fprintf(stderr, "tipgraph: --%s: %v\n", oe.Option, oe.Err)
		return exitBadInput
	case errors.As(err, &ue), ingest.IsInputError(err), errors.Is(err, graph.ErrNotFound):
		code = exitBadInput
	case errors.Is(err, graph.ErrUnavailable), errors.Is(err, graph.ErrUnauthorized):
		code = exitUnreachable
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(stderr, "tipgraph: interrupted")
		return exitFailure
	}
	fmt.Fprintf(stderr, "tipgraph: %v\n", err)
	return code
}
