package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/tipgraph/tipgraph/exports"
	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/ingest"
	"github.com/tipgraph/tipgraph/routes"
	"github.com/tipgraph/tipgraph/routes/estimate"
	"github.com/tipgraph/tipgraph/routes/groups"
)

// apiEndpoint answers /api/NAME (JSON) and /api/NAME.csv: it reads its
// parameters into the analysis' typed query, runs it and returns the typed
// result, which the server renders as the CLI does. It never builds a
// command line.
type apiEndpoint struct {
	// params are the parameters it takes; a name ending in "*" may be
	// repeated. Anything else is refused, so a new option is not
	// reachable over HTTP until it is listed here.
	params []string
	run    func(ctx context.Context, ds *graph.Dataset, q apiQuery) (any, error)
}

// names are the endpoint's parameters, without the repeat marks.
func (ep apiEndpoint) names() []string {
	out := make([]string, len(ep.params))
	for i, p := range ep.params {
		out[i] = strings.TrimSuffix(p, "*")
	}
	return out
}

// filterParams are the common filters.
var filterParams = []string{"year", "years", "form", "vector", "measure"}

func withFilters(ps ...string) []string { return append(slices.Clone(filterParams), ps...) }

// apiEndpoints are the analyses under /api/, by name.
var apiEndpoints = map[string]apiEndpoint{
	"summary": {filterParams, func(ctx context.Context, ds *graph.Dataset, q apiQuery) (any, error) {
		flt, err := q.filter()
		if err != nil {
			return nil, err
		}
		lg, err := q.memo.legGraph(ctx, ds, flt)
		if err != nil {
			return nil, err
		}
		s, err := routes.SummaryQuery{Filter: flt}.RunGraph(ctx, lg)
		if err != nil {
			return nil, err
		}
		s.Indicators = ds.Indicators
		return s, nil
	}},
	"hubs": {withFilters("by", "top", "weight"), func(ctx context.Context, ds *graph.Dataset, q apiQuery) (any, error) {
		var hq routes.HubsQuery
		var err error
		if hq.Filter, err = q.filter(); err != nil {
			return nil, err
		}
		if hq.By, err = routes.ParseHubMetric(q.str("by")); err != nil {
			return nil, &routes.OptionError{Option: "by", Err: err}
		}
		if hq.Cost, err = routes.ParseBetweennessWeight(q.str("weight")); err != nil {
			return nil, err
		}
		if hq.Top, err = q.int("top", 0); err != nil {
			return nil, err
		}
		if err := hq.Check(); err != nil {
			return nil, err
		}
		lg, err := q.memo.legGraph(ctx, ds, hq.Filter)
		if err != nil {
			return nil, err
		}
		return hq.RunGraph(ctx, lg, ds)
	}},
	"routes": {withFilters("from", "to", "via*", "remove*", "k", "by"), func(ctx context.Context, ds *graph.Dataset, q apiQuery) (any, error) {
		var rq routes.RoutesQuery
		var err error
		if rq.Filter, err = q.filter(); err != nil {
			return nil, err
		}
		for _, p := range []string{"from", "to"} {
			if q.str(p) == "" {
				return nil, &routes.OptionError{Option: p, Err: errors.New("routes needs from and to")}
			}
		}
		if rq.From, err = routes.ResolveCountry("from", q.str("from")); err != nil {
			return nil, err
		}
		if rq.To, err = routes.ResolveCountry("to", q.str("to")); err != nil {
			return nil, err
		}
		if rq.Via, err = routes.ResolveCountries("via", q.list("via")); err != nil {
			return nil, err
		}
		if rq.Remove, err = routes.ResolveCountries("remove", q.list("remove")); err != nil {
			return nil, err
		}
		if rq.K, err = q.int("k", 3); err != nil {
			return nil, err
		}
		if rq.Cost, err = q.cost("by"); err != nil {
			return nil, err
		}
		return rq.Run(ctx, ds)
	}},
	"country": {withFilters("country", "top"), func(ctx context.Context, ds *graph.Dataset, q apiQuery) (any, error) {
		cq := routes.CountryQuery{}
		var err error
		if cq.Filter, err = q.filter(); err != nil {
			return nil, err
		}
		if !q.has("country") {
			return nil, &routes.OptionError{Option: "country", Err: errors.New("country needs a country (code or name)")}
		}
		if cq.Country, err = routes.ResolveCountry("country", q.str("country")); err != nil {
			return nil, err
		}
		if cq.Top, err = q.int("top", 20); err != nil {
			return nil, err
		}
		return cq.Run(ctx, ds)
	}},
	"divert": {withFilters("remove*", "displacement", "by", "capacity", "each", "top", "limit"), func(ctx context.Context, ds *graph.Dataset, q apiQuery) (any, error) {
		var dq routes.DivertQuery
		var err error
		if dq.Filter, err = q.filter(); err != nil {
			return nil, err
		}
		if dq.Remove, err = routes.ResolveCountries("remove", q.list("remove")); err != nil {
			return nil, err
		}
		if dq.Displacement, err = q.float("displacement", 1); err != nil {
			return nil, err
		}
		if dq.Capacity, err = q.float("capacity", 0); err != nil {
			return nil, err
		}
		if dq.Cost, err = q.cost("by"); err != nil {
			return nil, err
		}
		if dq.Each, err = q.bool("each"); err != nil {
			return nil, err
		}
		if dq.Top, err = q.int("top", 20); err != nil {
			return nil, err
		}
		if dq.Limit, err = q.int("limit", 0); err != nil {
			return nil, err
		}
		if dq.Each {
			return dq.Run(ctx, ds)
		}
		// One diversion: the one the what-if map draws, kept for both.
		if err := dq.Check(); err != nil {
			return nil, err
		}
		lg, err := q.memo.legGraph(ctx, ds, dq.Filter)
		if err != nil {
			return nil, err
		}
		div, err := q.memo.diversion(ctx, lg, dq.DivertOptions)
		if err != nil {
			return nil, err
		}
		return dq.Result(lg, div), nil
	}},
	"interdict": {withFilters("k", "displacement", "by"), func(ctx context.Context, ds *graph.Dataset, q apiQuery) (any, error) {
		var iq routes.InterdictQuery
		var err error
		if iq.Filter, err = q.filter(); err != nil {
			return nil, err
		}
		if iq.K, err = q.int("k", 2); err != nil {
			return nil, err
		}
		if iq.Displacement, err = q.float("displacement", 1); err != nil {
			return nil, err
		}
		if iq.Cost, err = q.cost("by"); err != nil {
			return nil, err
		}
		return iq.Run(ctx, ds)
	}},
	"emerging": {withFilters("destination*", "region*", "by", "baseline", "recent", "own-periods", "by-year", "foreign", "fdr", "exact", "alpha", "all", "top"),
		func(ctx context.Context, ds *graph.Dataset, q apiQuery) (any, error) {
			eq := routes.EmergingQuery{EmergingOptions: routes.EmergingOptions{Regions: q.list("region"), MinCount: q.minCount,
				FDR: routes.Correction(q.strOr("fdr", string(routes.BH))), Exact: routes.TestName(q.strOr("exact", string(routes.TestFisher)))}}
			var err error
			if eq.Filter, err = q.filter(); err != nil {
				return nil, err
			}
			if eq.By, err = routes.ParseGrouping(q.str("by"), len(eq.Regions) > 0); err != nil {
				return nil, err
			}
			if eq.Destinations, err = routes.ResolveCountries("destination", q.list("destination")); err != nil {
				return nil, err
			}
			if eq.Baseline, err = routes.ParsePeriodOption("baseline", q.str("baseline")); err != nil {
				return nil, err
			}
			if eq.Recent, err = routes.ParsePeriodOption("recent", q.str("recent")); err != nil {
				return nil, err
			}
			for _, b := range []struct {
				name string
				to   *bool
			}{{"own-periods", &eq.OwnPeriods}, {"by-year", &eq.ByYear}, {"foreign", &eq.Foreign}, {"all", &eq.All}} {
				if *b.to, err = q.bool(b.name); err != nil {
					return nil, err
				}
			}
			if eq.Alpha, err = q.float("alpha", routes.DefaultAlpha); err != nil {
				return nil, err
			}
			if eq.Top, err = q.int("top", 0); err != nil {
				return nil, err
			}
			return eq.Run(ctx, ds)
		}},
	"groups": {withFilters("group", "country", "brokers", "remove*", "disrupt", "unweighted", "by-period"), func(ctx context.Context, ds *graph.Dataset, q apiQuery) (any, error) {
		gq := groups.Query{Group: q.str("group"), Remove: q.list("remove")}
		var err error
		if gq.Filter, err = q.filter(); err != nil {
			return nil, err
		}
		if q.has("country") {
			if gq.Country, err = routes.ResolveCountry("country", q.str("country")); err != nil {
				return nil, err
			}
		}
		if gq.Brokers, err = q.int("brokers", 5); err != nil {
			return nil, err
		}
		if gq.Disrupt, err = q.int("disrupt", 0); err != nil {
			return nil, err
		}
		if gq.Unweighted, err = q.bool("unweighted"); err != nil {
			return nil, err
		}
		if gq.ByPeriod, err = q.bool("by-period"); err != nil {
			return nil, err
		}
		if gq.ByPeriod {
			return gq.Timeline(ctx, ds)
		}
		return gq.Run(ctx, ds)
	}},
	"estimate": {withFilters("detected", "detection-rate", "turnover-years", "services", "price", "currency", "usd-rate",
		"detected-from-data", "region*", "demand", "adult-men", "buyer-share", "purchases-per-year"),
		func(ctx context.Context, ds *graph.Dataset, q apiQuery) (any, error) {
			t := estimate.Text{Detected: q.str("detected"), DetectionRate: q.str("detection-rate"), TurnoverYears: q.str("turnover-years"),
				Services: q.str("services"), Price: q.str("price"), Currency: q.str("currency"), Regions: q.list("region"),
				AdultMen: q.str("adult-men"), BuyerShare: q.str("buyer-share"), PurchasesPerYear: q.str("purchases-per-year")}
			var err error
			if t.FromData, err = q.bool("detected-from-data"); err != nil {
				return nil, err
			}
			if t.Demand, err = q.bool("demand"); err != nil {
				return nil, err
			}
			if q.has("usd-rate") {
				r, err := q.float("usd-rate", 0)
				if err != nil {
					return nil, err
				}
				t.USDRate = &r
			}
			if t.FromData {
				if t.Filter, err = q.filter(); err != nil {
					return nil, err
				}
			}
			eq, err := t.Query()
			if err != nil {
				return nil, err
			}
			return eq.Run(ctx, ds)
		}},
	"datasets": {nil, func(ctx context.Context, ds *graph.Dataset, q apiQuery) (any, error) {
		return ingest.ListBuiltins(), nil
	}},
}

// apiQuery is the query string of one request, checked against the
// endpoint's parameters.
type apiQuery struct {
	v url.Values
	// minCount is the server's --min-count (emerging's least count).
	minCount int
	// memo keeps leg graphs and diversions between requests (nil: none).
	memo *memo
}

// parseAPIQuery checks that every parameter is one the endpoint takes,
// given once unless repeatable, without control characters.
func parseAPIQuery(ep apiEndpoint, name, raw string) (apiQuery, error) {
	if len(raw) > serveMaxQuery {
		return apiQuery{}, &httpError{http.StatusBadRequest, fmt.Sprintf("query of %d bytes: at most %d", len(raw), serveMaxQuery)}
	}
	v, err := url.ParseQuery(raw)
	if err != nil {
		return apiQuery{}, &httpError{http.StatusBadRequest, fmt.Sprintf("bad query: %v", err)}
	}
	known := map[string]bool{} // name -> repeatable
	var names []string
	for _, p := range ep.params {
		n, rep := strings.CutSuffix(p, "*")
		known[n] = rep
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range slices.Sorted(func(yield func(string) bool) {
		for k := range v {
			if !yield(k) {
				return
			}
		}
	}) {
		rep, ok := known[n]
		if !ok {
			want := "none"
			if len(names) > 0 {
				want = "one of: " + strings.Join(names, ", ")
			}
			return apiQuery{}, &httpError{http.StatusBadRequest, fmt.Sprintf("unknown parameter %q for /api/%s; want %s", n, name, want)}
		}
		if len(v[n]) > 1 && !rep {
			return apiQuery{}, &httpError{http.StatusBadRequest, fmt.Sprintf("parameter %q given %d times: it takes one value", n, len(v[n]))}
		}
		for _, x := range v[n] {
			if strings.ContainsFunc(x, func(r rune) bool { return r < ' ' || r == 0x7f }) {
				return apiQuery{}, &httpError{http.StatusBadRequest, fmt.Sprintf("parameter %q: control characters in the value", n)}
			}
		}
	}
	return apiQuery{v: v}, nil
}

func (q apiQuery) str(name string) string    { return q.v.Get(name) }
func (q apiQuery) list(name string) []string { return q.v[name] }

// strOr is the parameter's value, or def when it is not given.
func (q apiQuery) strOr(name, def string) string {
	if !q.has(name) {
		return def
	}
	return q.str(name)
}
func (q apiQuery) has(name string) bool { _, ok := q.v[name]; return ok }

func (q apiQuery) int(name string, def int) (int, error) {
	if !q.has(name) {
		return def, nil
	}
	n, err := strconv.Atoi(q.str(name))
	if err != nil {
		return 0, &routes.OptionError{Option: name, Err: fmt.Errorf("%q is not a whole number", q.str(name))}
	}
	return n, nil
}

func (q apiQuery) float(name string, def float64) (float64, error) {
	if !q.has(name) {
		return def, nil
	}
	x, err := strconv.ParseFloat(q.str(name), 64)
	if err != nil {
		return 0, &routes.OptionError{Option: name, Err: fmt.Errorf("%q is not a number", q.str(name))}
	}
	return x, nil
}

// bool reads a switch: absent is false; present without a value, or
// true/1, is true; false/0 is false.
func (q apiQuery) bool(name string) (bool, error) {
	if !q.has(name) {
		return false, nil
	}
	switch q.str(name) {
	case "", "true", "1":
		return true, nil
	case "false", "0":
		return false, nil
	}
	return false, &routes.OptionError{Option: name, Err: fmt.Errorf("%q: want true or false", q.str(name))}
}

func (q apiQuery) cost(name string) (routes.Cost, error) {
	c, err := routes.ParseCost(q.str(name))
	if err != nil {
		return 0, &routes.OptionError{Option: name, Err: err}
	}
	return c, nil
}

func (q apiQuery) filter() (graph.Filter, error) {
	return routes.FilterText{Year: q.str("year"), Years: q.str("years"), Form: q.str("form"), Vector: q.str("vector"), Measure: q.str("measure")}.Filter()
}

// heavyAPI are the requests that may run long on large data (interdict
// refits the diversion for every candidate set, divert --each once per
// transit country, emerging --by-year a trend test per origin and year,
// routes with a large k one shortest-path search per path and spur),
// by endpoint: they run in the server's small pool of heavy slots, under
// the shorter serveHeavyTimeout, so that they never hold every slot.
var heavyAPI = map[string]func(q apiQuery) bool{
	"interdict": func(apiQuery) bool { return true },
	"divert":    func(q apiQuery) bool { on, _ := q.bool("each"); return on },
	"emerging":  func(q apiQuery) bool { on, _ := q.bool("by-year"); return on },
	// Thousands of k best paths take seconds on a few hundred countries.
	"routes": func(q apiQuery) bool { k, _ := q.int("k", 3); return k > heavyRoutesK },
}

// heavyRoutesK is the most paths a routes request asks for and stays cheap.
const heavyRoutesK = 100

// apiStatus is the HTTP status of an analysis error: 404 for a country or
// group that does not exist, 400 for another bad parameter, 500 for a
// fault.
func apiStatus(err error) (int, string) {
	var oe *routes.OptionError
	var uc *ingest.UnknownCountryError
	switch {
	case errors.As(err, &uc), errors.Is(err, groups.ErrUnknown):
		return http.StatusNotFound, apiMessage(err)
	case errors.As(err, &oe), errors.Is(err, graph.ErrNotFound), errors.Is(err, exports.ErrNoRecords), errors.Is(err, routes.ErrBadDisplacement):
		return http.StatusBadRequest, apiMessage(err)
	case errors.Is(err, context.DeadlineExceeded):
		return http.StatusServiceUnavailable, "stopped at the time limit of the query: narrow it (filters, top, k)"
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

// mapParams are the parameters of /api/map.svg and /api/map.png.
var mapParams = withFilters("from", "to", "k", "by", "top", "labels", "width", "remove*", "displacement", "layout", "aggregate", "group")

// runMap draws /api/map.FORMAT from its typed query, as export does.
func runMap(ctx context.Context, ds *graph.Dataset, q apiQuery, format string) ([]byte, error) {
	flt, err := q.filter()
	if err != nil {
		return nil, err
	}
	if g := strings.TrimSpace(q.str("group")); q.has("group") {
		if g == "" {
			return nil, &routes.OptionError{Option: "group", Err: errors.New("empty group id")}
		}
		return exports.GroupDiagram(ctx, ds, g, format, q.list("remove")...)
	}
	mq := exports.MapQuery{Filter: flt, Format: format, Map: exports.MapOptions{Layout: q.strOr("layout", "geo"), Aggregate: q.strOr("aggregate", "auto")}}
	o := &mq.Options
	o.MinCount = q.minCount
	if o.K, err = q.int("k", 3); err != nil {
		return nil, err
	}
	if o.Cost, err = q.cost("by"); err != nil {
		return nil, err
	}
	if o.Top, err = q.int("top", exports.DefaultMapLegs); err != nil {
		return nil, err
	}
	o.EveryCountry = !q.has("top")
	if mq.Map.Labels, err = q.int("labels", 0); err != nil {
		return nil, err
	}
	if mq.Map.Width, err = q.int("width", 0); err != nil {
		return nil, err
	}
	if q.has("from") || q.has("to") {
		if o.From, err = routes.ResolveCountry("from", q.str("from")); err != nil {
			return nil, err
		}
		if o.To, err = routes.ResolveCountry("to", q.str("to")); err != nil {
			return nil, err
		}
	}
	if q.has("remove") {
		d := &routes.DivertOptions{Cost: o.Cost}
		if d.Displacement, err = q.float("displacement", 1); err != nil {
			return nil, err
		}
		if d.Remove, err = routes.ResolveCountries("remove", q.list("remove")); err != nil {
			return nil, err
		}
		mq.Divert = d
	}
	if err := mq.Check(); err != nil {
		return nil, err
	}
	lg, err := q.memo.legGraph(ctx, ds, flt)
	if err != nil {
		return nil, err
	}
	var div *routes.Diversion
	if mq.Divert != nil {
		if div, err = q.memo.diversion(ctx, lg, *mq.Divert); err != nil {
			return nil, err
		}
	}
	return mq.Draw(ctx, lg, div)
}
