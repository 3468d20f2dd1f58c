package main

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/spf13/pflag"

	"github.com/tipgraph/tipgraph/exports"
	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/ingest"
	"github.com/tipgraph/tipgraph/routes"
	"github.com/tipgraph/tipgraph/routes/groups"
)

// apiEndpoint answers /api/NAME (JSON) and /api/NAME.csv. Its
// parameters are its command's own flags, defined once: bind registers
// them on a request's flag set with the same register methods the command
// uses (name, type, default) and returns the run that builds the
// analysis' typed query from them with the command's own checks, runs it
// and returns the typed result, which the server renders as the CLI does.
// It never builds a command line.
type apiEndpoint struct {
	// params are the flags it takes over HTTP. Anything else is refused,
	// so a new flag is not reachable over HTTP until it is listed here
	// (a flag that names a file on the server never is). Whether one may
	// be repeated is its flag's: a repeatable flag is a pflag.SliceValue.
	params []string
	bind   func(fs *pflag.FlagSet) apiRun
}

// apiRun computes one request's answer from the flags bind registered.
type apiRun func(ctx context.Context, ds *graph.Dataset, env apiEnv) (any, error)

// apiEnv is what the server gives every request.
type apiEnv struct {
	// minCount is the server's --min-count (emerging's least count, the
	// map's smallest leg).
	minCount int
	// memo keeps leg graphs and diversions between requests (nil: none).
	memo *memo
}

// fromStore is the leg graph under flt (kept in the memo) and what read
// gets from the memo's store, which must be set: what an endpoint reads
// over Neo4j instead of the records.
func fromStore[T any](ctx context.Context, env apiEnv, ds *graph.Dataset, flt graph.Filter, read func(aggregator) (T, error)) (*graph.LegGraph, T, error) {
	var zero T
	lg, err := env.memo.legGraph(ctx, ds, flt)
	if err != nil {
		return nil, zero, err
	}
	v, err := read(env.memo.store())
	return lg, v, err
}

// tallies reads the store's tallies under flt.
func tallies(ctx context.Context, flt graph.Filter) func(aggregator) ([]graph.Tally, error) {
	return func(agg aggregator) ([]graph.Tally, error) { return agg.Tallies(ctx, flt) }
}

// filterParams are the common filters (filterFlags).
var filterParams = []string{"year", "years", "form", "vector", "measure"}

func withFilters(ps ...string) []string { return append(slices.Clone(filterParams), ps...) }

// apiEndpoints are the analyses under /api/, by name.
var apiEndpoints = map[string]apiEndpoint{
	"summary": {filterParams, func(fs *pflag.FlagSet) apiRun {
		var ff filterFlags
		ff.register(fs)
		return func(ctx context.Context, ds *graph.Dataset, env apiEnv) (any, error) {
			flt, err := ff.filter()
			if err != nil {
				return nil, err
			}
			lg, err := env.memo.legGraph(ctx, ds, flt)
			if err != nil {
				return nil, err
			}
			return routes.SummaryQuery{Filter: flt}.RunGraph(ctx, lg, ds)
		}
	}},
	"hubs": {withFilters("by", "top", "weight"), bindQuery[hubsArgs](func(ctx context.Context, ds *graph.Dataset, env apiEnv, q routes.HubsQuery) (any, error) {
		lg, err := env.memo.legGraph(ctx, ds, q.Filter)
		if err != nil {
			return nil, err
		}
		return q.RunGraph(ctx, lg, ds)
	})},
	"routes": {withFilters("from", "to", "via", "remove", "k", "by"), bindQuery[routesArgs](func(ctx context.Context, ds *graph.Dataset, env apiEnv, q routes.RoutesQuery) (any, error) {
		if env.memo.store() == nil {
			return q.Run(ctx, ds)
		}
		lg, list, err := fromStore(ctx, env, ds, q.Filter, func(agg aggregator) ([]graph.Route, error) { return agg.Routes(ctx, q.Filter, q.From, q.To) })
		if err != nil {
			return nil, err
		}
		return q.RunGraph(ctx, lg, list)
	})},
	"country": {withFilters("country", "top"), bindQuery[countryArgs](func(ctx context.Context, ds *graph.Dataset, env apiEnv, q routes.CountryQuery) (any, error) {
		if env.memo.store() == nil {
			return q.Run(ctx, ds)
		}
		lg, flows, err := fromStore(ctx, env, ds, q.Filter, func(agg aggregator) ([]*graph.Flow, error) { return agg.FlowsThrough(ctx, q.Filter, q.Country) })
		if err != nil {
			return nil, err
		}
		return q.RunGraph(ctx, lg, ds, flows)
	})},
	"divert": {withFilters("remove", "displacement", "by", "capacity", "each", "top", "limit"), bindQuery[divertArgs](func(ctx context.Context, ds *graph.Dataset, env apiEnv, q routes.DivertQuery) (any, error) {
		lg, err := env.memo.legGraph(ctx, ds, q.Filter)
		if err != nil {
			return nil, err
		}
		if q.Each {
			w, err := env.memo.whatIf(ctx, lg, q.Displacement, q.Cost)
			if err != nil {
				return nil, err
			}
			return q.RunWhatIf(ctx, lg, w)
		}
		// One diversion: the one the what-if map draws, kept for both.
		div, err := env.memo.diversion(ctx, lg, q.DivertOptions)
		if err != nil {
			return nil, err
		}
		return q.Result(lg, div), nil
	})},
	"interdict": {withFilters("k", "displacement", "by"), bindQuery[interdictArgs](func(ctx context.Context, ds *graph.Dataset, env apiEnv, q routes.InterdictQuery) (any, error) {
		lg, err := env.memo.legGraph(ctx, ds, q.Filter)
		if err != nil {
			return nil, err
		}
		w, err := env.memo.whatIf(ctx, lg, q.Displacement, q.Cost)
		if err != nil {
			return nil, err
		}
		return q.RunWhatIf(ctx, lg, w)
	})},
	"emerging": {withFilters("destination", "region", "by", "baseline", "recent", "own-periods", "by-year", "foreign", "fdr", "exact", "alpha", "all", "top"),
		func(fs *pflag.FlagSet) apiRun {
			var ea emergingArgs
			ff := bindFlags(fs, &ea)
			return func(ctx context.Context, ds *graph.Dataset, env apiEnv) (any, error) {
				q, err := ea.query(ff, env.minCount)
				if err != nil {
					return nil, err
				}
				if env.memo.store() == nil {
					return q.Run(ctx, ds)
				}
				lg, ts, err := fromStore(ctx, env, ds, q.Filter, tallies(ctx, q.Filter))
				if err != nil {
					return nil, err
				}
				return q.RunGraph(ctx, lg, ts)
			}
		}},
	"groups": {withFilters("group", "country", "brokers", "remove", "disrupt", "unweighted", "by-period"), bindQuery[groupsArgs](func(ctx context.Context, ds *graph.Dataset, env apiEnv, q groups.Query) (any, error) {
		ds, err := env.memo.groupData(ctx, ds)
		if err != nil {
			return nil, err
		}
		if q.ByPeriod {
			return q.Timeline(ctx, ds)
		}
		return q.Run(ctx, ds)
	})},
	"estimate": {withFilters("detected", "detection-rate", "turnover-years", "services", "price", "currency", "usd-rate",
		"detected-from-data", "region", "demand", "adult-men", "buyer-share", "purchases-per-year"),
		func(fs *pflag.FlagSet) apiRun {
			var ea estimateArgs
			ff := bindFlags(fs, &ea)
			return func(ctx context.Context, ds *graph.Dataset, env apiEnv) (any, error) {
				ea.usdRateSet = fs.Changed("usd-rate")
				q, err := ea.query(ff)
				if err != nil {
					return nil, err
				}
				if env.memo.store() == nil || !q.FromData {
					return q.Run(ctx, ds)
				}
				flt := q.DetectedFilter()
				lg, ts, err := fromStore(ctx, env, ds, flt, tallies(ctx, flt))
				if err != nil {
					return nil, err
				}
				return q.RunGraph(ctx, lg, ts)
			}
		}},
	"datasets": {nil, func(*pflag.FlagSet) apiRun {
		return func(context.Context, *graph.Dataset, apiEnv) (any, error) { return ingest.ListBuiltins(), nil }
	}},
}

// bindFlags registers the filters and a command's flags on fs and
// returns the filters.
func bindFlags(fs *pflag.FlagSet, args interface{ register(*pflag.FlagSet) }) *filterFlags {
	ff := new(filterFlags)
	ff.register(fs)
	args.register(fs)
	return ff
}

// commandArgs are the flags of a command that builds its analysis'
// query from them and the filters: hubsArgs, routesArgs...
type commandArgs[Q any] interface {
	register(*pflag.FlagSet)
	query(*filterFlags) (Q, error)
}

// bindQuery is the bind of an endpoint whose command's flags are A (and
// the filters): run gets the query A builds, with A's checks.
func bindQuery[A any, Q any, PA interface {
	*A
	commandArgs[Q]
}](run func(ctx context.Context, ds *graph.Dataset, env apiEnv, q Q) (any, error)) func(*pflag.FlagSet) apiRun {
	return func(fs *pflag.FlagSet) apiRun {
		args := PA(new(A))
		ff := bindFlags(fs, args)
		return func(ctx context.Context, ds *graph.Dataset, env apiEnv) (any, error) {
			q, err := args.query(ff)
			if err != nil {
				return nil, err
			}
			return run(ctx, ds, env, q)
		}
	}
}

// apiRequest is one request's parameters, set on its endpoint's flags.
type apiRequest struct {
	flags *pflag.FlagSet
	run   apiRun
}

// parseAPIQuery binds the endpoint's flags and sets each parameter of the
// query on them, as pflag parses a command line: it checks that every
// parameter is one the endpoint takes, given once unless its flag is
// repeatable, without control characters, and of its flag's type. A
// parameter without a value is a switch turned on (?each), where the flag
// is one (pflag's NoOptDefVal).
func parseAPIQuery(ep apiEndpoint, name, raw string) (apiRequest, error) {
	bad := func(format string, a ...any) (apiRequest, error) {
		return apiRequest{}, &httpError{http.StatusBadRequest, fmt.Sprintf(format, a...)}
	}
	if len(raw) > serveMaxQuery {
		return bad("query of %d bytes: at most %d", len(raw), serveMaxQuery)
	}
	v, err := url.ParseQuery(raw)
	if err != nil {
		return bad("bad query: %v", err)
	}
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	req := apiRequest{flags: fs, run: ep.bind(fs)}
	for _, n := range slices.Sorted(maps.Keys(v)) {
		f := fs.Lookup(n)
		if f == nil || !slices.Contains(ep.params, n) {
			want := "none"
			if len(ep.params) > 0 {
				want = "one of: " + strings.Join(slices.Sorted(slices.Values(ep.params)), ", ")
			}
			return bad("unknown parameter %q for /api/%s; want %s", n, name, want)
		}
		if _, rep := f.Value.(pflag.SliceValue); len(v[n]) > 1 && !rep {
			return bad("parameter %q given %d times: it takes one value", n, len(v[n]))
		}
		for _, x := range v[n] {
			if strings.ContainsFunc(x, func(r rune) bool { return r < ' ' || r == 0x7f }) {
				return bad("parameter %q: control characters in the value", n)
			}
			if x == "" && f.NoOptDefVal != "" {
				x = f.NoOptDefVal
			}
			if err := fs.Set(n, x); err != nil {
				return bad("parameter %q: %q is not %s", n, x, valueKind(f.Value.Type()))
			}
		}
	}
	return req, nil
}

// valueKind says what a value of a pflag type is, for a refused value.
func valueKind(typ string) string {
	switch typ {
	case "int", "uint64":
		return "a whole number"
	case "float64":
		return "a number"
	case "bool":
		return "true or false"
	}
	return "a " + typ
}

// heavyAPI are the requests that may run long on large data (interdict
// refits the diversion for every candidate set, divert --each once per
// transit country, emerging --by-year a trend test per origin and year,
// routes with a large k one shortest-path search per path and spur),
// by endpoint: they run in the server's small pool of heavy slots, under
// the shorter serveHeavyTimeout, so that they never hold every slot.
var heavyAPI = map[string]func(fs *pflag.FlagSet) bool{
	"interdict": func(*pflag.FlagSet) bool { return true },
	"divert":    func(fs *pflag.FlagSet) bool { on, _ := fs.GetBool("each"); return on },
	"emerging":  func(fs *pflag.FlagSet) bool { on, _ := fs.GetBool("by-year"); return on },
	// Thousands of k best paths take seconds on a few hundred countries.
	"routes": func(fs *pflag.FlagSet) bool { k, _ := fs.GetInt("k"); return k > heavyRoutesK },
}

// heavyRoutesK is the most paths a routes request asks for and stays cheap.
const heavyRoutesK = 100

// apiStatus is the HTTP status of an analysis error: 404 for a country or
// group that does not exist, 400 for another bad parameter, 503 for a
// query stopped at its time limit or a store that is down or refused it
// over its memory limit, 500 for a fault.
func apiStatus(err error) (int, string) {
	var oe *routes.OptionError
	var ue *usageError
	var uc *ingest.UnknownCountryError
	switch {
	case errors.As(err, &uc), errors.Is(err, groups.ErrUnknown):
		return http.StatusNotFound, apiMessage(err)
	case errors.As(err, &oe), errors.As(err, &ue), errors.Is(err, graph.ErrNotFound), errors.Is(err, exports.ErrNoRecords), errors.Is(err, routes.ErrBadDisplacement):
		return http.StatusBadRequest, apiMessage(err)
	case errors.Is(err, context.DeadlineExceeded):
		return http.StatusServiceUnavailable, "stopped at the time limit of the query: narrow it (filters, top, k)"
	case errors.Is(err, graph.ErrUnavailable), errors.Is(err, graph.ErrStoreLimit):
		// serve over Neo4j: the store is down, or refused a query
		// over its memory limit; the message says which.
		return http.StatusServiceUnavailable, err.Error()
	}
	return http.StatusInternalServerError, err.Error()
}

// apiMessage names the parameter of an option error.
func apiMessage(err error) string {
	var oe *routes.OptionError
	if errors.As(err, &oe) {
		return fmt.Sprintf("parameter %q: %v", oe.Option, oe.Err)
	}
	return err.Error()
}

// mapEndpoint is /api/map.svg and /api/map.png: export's flags and
// checks, with --as set by the server to the path's format.
var mapEndpoint = apiEndpoint{
	withFilters("from", "to", "k", "by", "top", "labels", "width", "remove", "displacement", "layout", "aggregate", "group"),
	func(fs *pflag.FlagSet) apiRun {
		var ea exportArgs
		ff := bindFlags(fs, &ea)
		return func(ctx context.Context, ds *graph.Dataset, env apiEnv) (any, error) {
			flt, err := ff.filter()
			if err != nil {
				return nil, err
			}
			ea.minCount = env.minCount
			p, err := ea.check(fs.Changed)
			if err != nil {
				return nil, err
			}
			return drawMap(ctx, ds, env.memo, flt, p)
		}
	},
}

// drawMap draws the map (or group diagram) of an export plan as export
// does, with the leg graph and diversion from the server's memo.
//
// Over a store (m's), the records are not held: a map's sums come from
// the store's sums by route, kept in the memo (m.view), and a map of the
// routes between two countries reads only the records through the first
// (m.through).
func drawMap(ctx context.Context, ds *graph.Dataset, m *memo, flt graph.Filter, p exportPlan) ([]byte, error) {
	if p.group != "" {
		gds, err := m.groupData(ctx, ds)
		if err != nil {
			return nil, err
		}
		return exports.GroupDiagram(ctx, gds, p.group, p.format, p.arrest...)
	}
	mq := exports.MapQuery{Filter: flt, Options: p.opt, Map: p.mo, Divert: p.divert, Format: p.format}
	if err := mq.Check(); err != nil {
		return nil, err
	}
	// Over a store the view (a read of routes) comes before the
	// diversion (another): the first read's rows are garbage by then.
	view, lg, err := dataView(ctx, ds, m, flt, p.opt)
	if err != nil {
		return nil, err
	}
	var div *routes.Diversion
	if mq.Divert != nil {
		if div, err = m.diversion(ctx, lg, *mq.Divert); err != nil {
			return nil, err
		}
	}
	return mq.DrawView(ctx, view, div)
}
