package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/tipgraph/tipgraph/exports"
	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/routes"
	"github.com/tipgraph/tipgraph/routes/groups"
)

// exportFormats are the values of --as; the first three are maps.
var exportFormats = []string{"dot", "svg", "png", "graphml", "json", "csv", "cypher"}

// exportExt maps file extensions to formats when --as is not given.
var exportExt = map[string]string{
	".dot": "dot", ".gv": "dot", ".svg": "svg", ".png": "png", ".graphml": "graphml",
	".json": "json", ".csv": "csv", ".cypher": "cypher", ".cql": "cypher",
}

// exportArgs are the flags of the export command.
type exportArgs struct {
	as, out      string
	layout       string
	from, to     string
	k            int
	by           string
	top          int
	minCount     int
	labels       int
	width        int
	aggregate    string
	remove       []string
	displacement float64
	name         string
	group        string
}

// exportPlan is what check makes of the flags.
type exportPlan struct {
	format string
	out    string // "-" for stdout
	opt    exports.Options
	mo     exports.MapOptions
	divert *routes.DivertOptions
	name   string
	group  string // --group: the diagram of one trafficker group
	// arrest are the members --remove takes out of --group's diagram.
	arrest []string
}

func isMapFormat(f string) bool { return f == "dot" || f == "svg" || f == "png" }

// check validates the flags and resolves the countries; changed says
// which flags the user gave.
func (e *exportArgs) check(changed func(string) bool) (exportPlan, error) {
	p := exportPlan{out: e.out, name: e.name}
	if p.out == "" {
		p.out = "-"
	}
	p.format = e.as
	if p.format == "" {
		p.format = exportExt[strings.ToLower(filepath.Ext(e.out))]
		if p.format == "" {
			return p, usagef("give --as %s (or -o FILE with a known extension)", strings.Join(exportFormats, "|"))
		}
	}
	if !slices.Contains(exportFormats, p.format) {
		return p, usagef("--as %q: want %s", p.format, strings.Join(exportFormats, ", "))
	}
	if (e.from == "") != (e.to == "") {
		missing := "from"
		if e.to == "" {
			missing = "to"
		}
		return p, graph.OptionErrorf(missing, "give both --from and --to, or neither")
	}
	if e.k < 1 {
		return p, graph.OptionErrorf("k", "%d: want at least 1", e.k)
	}
	if e.top < 0 {
		return p, graph.OptionErrorf("top", "%d: want 0 (all legs) or more", e.top)
	}
	if e.minCount < 0 {
		return p, usagef("--min-count %d: want 0 (show all) or more", e.minCount)
	}
	if e.labels < -1 {
		return p, graph.OptionErrorf("labels", "%d: want -1 (none), 0 (default 10) or more", e.labels)
	}
	if e.top > 0 && (p.format == "json" || p.format == "cypher") {
		return p, usagef("--top selects legs; --as %s exports records (use --as csv or graphml for legs)", p.format)
	}
	mapOnly := []string{"layout", "remove", "displacement", "labels", "aggregate", "width"}
	if !isMapFormat(p.format) {
		for _, f := range mapOnly {
			if changed(f) {
				return p, usagef("--%s is for maps (--as dot, svg or png), not --as %s", f, p.format)
			}
		}
	}
	if changed("name") && p.format != "cypher" && p.format != "json" {
		return p, usagef("--name names the dataset of --as cypher or json")
	}
	if !slices.Contains(exports.MapLayouts, e.layout) {
		return p, graph.OptionErrorf("layout", "%q: want %s", e.layout, strings.Join(exports.MapLayouts, ", "))
	}
	if e.aggregate != "" && !slices.Contains(exports.Aggregates, e.aggregate) {
		return p, graph.OptionErrorf("aggregate", "%q: want %s", e.aggregate, strings.Join(exports.Aggregates, ", "))
	}
	if math.IsNaN(e.displacement) || e.displacement < 0 || e.displacement > 1 {
		return p, graph.OptionErrorf("displacement", "%v: want a share from 0 to 1", e.displacement)
	}
	cost, err := routes.ParseCost(e.by)
	if err != nil {
		return p, &routes.OptionError{Option: "by", Err: err}
	}
	p.opt = exports.Options{K: e.k, Cost: cost, Top: e.top, MinCount: e.minCount}
	if isMapFormat(p.format) && !changed("top") {
		p.opt.Top, p.opt.EveryCountry = exports.DefaultMapLegs, true
	}
	if e.from != "" {
		if p.opt.From, err = routes.ResolveCountry("from", e.from); err != nil {
			return p, err
		}
		if p.opt.To, err = routes.ResolveCountry("to", e.to); err != nil {
			return p, err
		}
	}
	if w := e.width; w != 0 && (w < exports.MinMapWidth || w > exports.MaxMapWidth) {
		return p, graph.OptionErrorf("width", "%d: want 0 (1,000) or %d to %d points", w, exports.MinMapWidth, exports.MaxMapWidth)
	}
	p.mo = exports.MapOptions{Layout: e.layout, Labels: e.labels, Aggregate: e.aggregate, Width: e.width}
	if len(e.remove) > 0 && strings.TrimSpace(e.group) != "" {
		p.arrest = e.remove // persons of the group, not countries
	} else if len(e.remove) > 0 {
		d := &routes.DivertOptions{Displacement: e.displacement, Cost: cost}
		if d.Remove, err = routes.ResolveCountries("remove", e.remove); err != nil {
			return p, err
		}
		p.divert = d
	}
	if p.group = strings.TrimSpace(e.group); changed("group") {
		if p.group == "" {
			return p, graph.OptionErrorf("group", "%q: give a group id", e.group)
		}
		if !isMapFormat(p.format) && p.format != "graphml" {
			return p, usagef("--group draws one group's network: give --as dot, svg, png or graphml")
		}
	}
	return p, nil
}

func newExportCmd(a *app) *cobra.Command {
	var ff filterFlags
	var ea exportArgs
	cmd := &cobra.Command{
		Use:   "export --as dot|svg|png|graphml|json|csv|cypher -o FILE",
		Short: "Route maps (Graphviz) and data for other tools",
		Long: `export writes a route map or the data for other tools:

  dot, svg, png  the route map (Graphviz): countries placed by their coordinates
                 (--layout geo, the default) or by Graphviz (neato, sfdp, dot);
                 circle area ~ victims through a country, pie = origin, transit,
                 destination and domestic shares; leg width ~ sqrt(victims),
                 colour = main vector; victims on the largest legs. With
                 --remove X, a what-if map: X crossed out, its legs grey and
                 dashed, the legs of the new routes highlighted. PNG is drawn
                 from the SVG by rsvg-convert (librsvg2-bin).
  graphml        countries and legs with every attribute (Gephi, yEd)
  json           the records as a dataset document that --data reads back
  csv            the legs: from, to, victims, records, vectors, years
  cypher         a Cypher script that recreates the graph in an empty Neo4j

-o - (the default) writes to stdout; --as can be left out when -o has a known
extension. The analysis filters, --from/--to (the observed routes and the k best
paths between two countries), --top N (the N largest legs) and the global
--min-count K (legs and records of 1 to K-1 victims left out of every format)
select what is exported.`,
		RunE: func(cmd *cobra.Command, _ []string) error {
			flt, err := ff.filter()
			if err != nil {
				return err
			}
			ea.minCount = a.sup.k // the global --min-count
			plan, err := ea.check(cmd.Flags().Changed)
			if err != nil {
				return err
			}
			if plan.out == "-" {
				w := bufio.NewWriterSize(a.stdout, 1<<16)
				if err := a.export(cmd.Context(), w, flt, plan); err != nil {
					return err
				}
				return w.Flush()
			}
			// Written to a temporary file renamed into place: an export
			// that fails, before or while writing, leaves an existing file
			// as it was.
			var n int
			err = writeAtomically(plan.out, true, func(f io.Writer) error {
				c := &countWriter{w: f}
				w := bufio.NewWriterSize(c, 1<<16)
				if err := a.export(cmd.Context(), w, flt, plan); err != nil {
					return err
				}
				err := w.Flush()
				n = c.n
				return err
			})
			if err != nil {
				return err
			}
			fmt.Fprintf(a.stderr, "wrote %s (%s, %s bytes)\n", plan.out, plan.format, thousands(n))
			return nil
		},
	}
	ff.register(cmd.Flags())
	ea.register(cmd.Flags())
	return cmd
}

// register defines the flags of export on f (the command's, or the map
// endpoints': /api/map.svg and /api/map.png).
func (ea *exportArgs) register(f *pflag.FlagSet) {
	f.StringVar(&ea.as, "as", "", "format: dot, svg, png, graphml, json, csv or cypher (default: from -o's extension)")
	f.StringVarP(&ea.out, "output", "o", "-", "file to write (- for stdout)")
	f.StringVar(&ea.layout, "layout", "geo", "map layout: geo (fixed positions from coordinates), neato, sfdp or dot")
	f.StringVar(&ea.from, "from", "", "only the routes from this country (with --to)")
	f.StringVar(&ea.to, "to", "", "only the routes to this country (with --from)")
	f.IntVar(&ea.k, "k", 3, "with --from/--to: best paths to add to the observed routes")
	f.StringVar(&ea.by, "by", "hops", "path cost for --from/--to and new routes of --remove: hops or victims")
	f.IntVar(&ea.top, "top", 0, fmt.Sprintf("only the N legs with most victims (0: all; maps default to the %d largest and each country's largest)", exports.DefaultMapLegs))
	f.IntVar(&ea.labels, "labels", 0, "map: victim labels on the N largest legs (0: 10, -1: none)")
	f.IntVar(&ea.width, "width", 0, "geographic map: frame width in points (0: 1000); labels keep their size, so a narrower frame reads better shown small")
	f.StringVar(&ea.aggregate, "aggregate", "auto", "map: auto (flows between UN sub-regions above 300 legs; a what-if draws its 300 main legs), country or region")
	f.StringArrayVar(&ea.remove, "remove", nil, "map: what-if with this transit country removed (repeatable); with --group, this member arrested")
	f.Float64Var(&ea.displacement, "displacement", 1, "map with --remove: share of the affected victims that moves to another route")
	f.StringVar(&ea.name, "name", "", "dataset name in the json or cypher export (default: the dataset's)")
	f.StringVar(&ea.group, "group", "", "the network of this trafficker group instead of a map (--as dot, svg, png or graphml; see groups)")
}

// export writes one export to w. The legs as CSV come from the leg graph
// alone (streamed from --data, aggregated by the store), unless observed
// routes (--from) need the records; over Neo4j the rest come from the
// store (exportOverStore); from --data they read the records.
func (a *app) export(ctx context.Context, w io.Writer, flt graph.Filter, p exportPlan) error {
	var err error
	if p.format == "csv" && p.group == "" && p.opt.From == "" {
		err = a.exportLegs(ctx, w, flt, p)
	} else if a.usesNeo4j() {
		err = a.exportOverStore(ctx, w, flt, p)
	} else {
		var ds *graph.Dataset
		if ds, err = a.dataset(ctx); err != nil {
			return err
		}
		err = exportTo(ctx, w, ds, nil, flt, p)
	}
	if errors.Is(err, exports.ErrNoRecords) || errors.Is(err, groups.ErrUnknown) {
		return &usageError{err}
	}
	return err
}

// placedStore is a store that streams its records with their places in
// the dataset (Neo4j).
type placedStore interface {
	EachFlowAt(ctx context.Context, start func() func(f *graph.Flow, at int)) (*graph.Dataset, error)
}

// exportOverStore writes an export of the store's dataset under flt to w
// without holding its records: the records as JSON or Cypher streamed
// (exportRecordsStreamed); the rest as serve makes them, through a memo
// over the store (exportTo): maps and GraphML from the store's sums by
// route, the routes between two countries from the records through
// --from, group diagrams from the records that name a group.
func (a *app) exportOverStore(ctx context.Context, w io.Writer, flt graph.Filter, p exportPlan) error {
	st, agg, err := a.aggregatingStore(ctx)
	if err != nil {
		return err
	}
	defer st.Close(ctx)
	if agg == nil {
		ds, err := st.Dataset(ctx)
		if err != nil {
			return fmt.Errorf("read dataset: %w", err)
		}
		return exportTo(ctx, w, ds, nil, flt, p)
	}
	if (p.format == "json" || p.format == "cypher") && p.opt.From == "" {
		return exportRecordsStreamed(ctx, w, st, flt, p)
	}
	m := newMemo(memoMaxEntries, memoStoreMaxBytes)
	m.agg = agg
	ds, err := m.dataset(ctx)
	if err != nil {
		return fmt.Errorf("read dataset: %w", err)
	}
	return exportTo(ctx, w, ds, m, flt, p)
}

// exportRecordsStreamed writes the records of st under flt as JSON or
// Cypher, streamed through a temporary file (exports.JSONStream,
// CypherStream).
func exportRecordsStreamed(ctx context.Context, w io.Writer, st graph.Store, flt graph.Filter, p exportPlan) error {
	ps, ok := st.(placedStore)
	if !ok {
		return fmt.Errorf("%T does not stream its records in place", st)
	}
	records := func(start func() func(*graph.Flow, int)) (*graph.Dataset, error) {
		ds, err := ps.EachFlowAt(ctx, start)
		if err != nil {
			return nil, fmt.Errorf("read dataset: %w", err)
		}
		return ds, nil
	}
	if p.format == "json" {
		return exports.JSONStream(w, p.name, flt, p.opt.MinCount, records)
	}
	return exports.CypherStream(w, p.name, flt, p.opt.MinCount, records)
}

// mapSummer is a store that sums the records of a map by route itself
// (Neo4j).
type mapSummer interface {
	MapSums(ctx context.Context, flt graph.Filter, minCount int) (*graph.MapSums, error)
}

// storeView is the view of a map or GraphML of st's records under lg's
// filter with opt (lg is st's leg graph): from the store's sums by route
// when it makes them (about 3 s for a million generated records), else
// from one stream of every record (about 15 s).
func storeView(ctx context.Context, st flowStreamer, lg *graph.LegGraph, opt exports.Options) (*exports.View, error) {
	if ms, ok := st.(mapSummer); ok {
		sums, err := ms.MapSums(ctx, lg.Filter, opt.MinCount)
		if err != nil {
			return nil, fmt.Errorf("read dataset: %w", err)
		}
		if sums != nil {
			return exports.SelectSums(ctx, lg, opt, sums)
		}
	}
	return exports.SelectStream(ctx, lg, opt, func(start func() func(*graph.Flow)) error {
		if _, err := st.EachFlow(ctx, start); err != nil {
			return fmt.Errorf("read dataset: %w", err)
		}
		return nil
	})
}

// exportLegs writes the legs of the leg graph under flt as CSV.
func (a *app) exportLegs(ctx context.Context, w io.Writer, flt graph.Filter, p exportPlan) error {
	lg, _, err := a.aggregated(ctx, flt)
	if err != nil {
		return err
	}
	view, err := exports.Select(ctx, lg, p.opt)
	if err != nil {
		return err
	}
	return exports.LegsCSV(w, view)
}

// exportTo writes one export of ds to w: a map or a group diagram through
// their queries (drawMap), or the data (written as it is made: the
// records of a large dataset as JSON or Cypher are larger than the
// records held). With m's store (Neo4j), ds holds no record and the data
// come through m, as serve reads them; else from ds's records (m nil).
func exportTo(ctx context.Context, w io.Writer, ds *graph.Dataset, m *memo, flt graph.Filter, p exportPlan) error {
	if p.group != "" || isMapFormat(p.format) {
		out, err := drawMap(ctx, ds, m, flt, p)
		if err != nil {
			return err
		}
		_, err = w.Write(out)
		return err
	}
	view, _, err := dataView(ctx, ds, m, flt, p.opt)
	if err != nil {
		return err
	}
	return exportView(w, ds, view, p)
}

// dataView is the view of ds under flt with opt that maps and the data
// exports draw, and the leg graph under flt (for a what-if): from ds's
// records (m nil, or without a store), or over m's store from the
// store's sums by route (m.view) or, for the routes between two
// countries, the records through opt.From (m.through).
func dataView(ctx context.Context, ds *graph.Dataset, m *memo, flt graph.Filter, opt exports.Options) (*exports.View, *graph.LegGraph, error) {
	lg, err := m.legGraph(ctx, ds, flt)
	if err != nil {
		return nil, nil, err
	}
	var view *exports.View
	switch {
	case m.store() == nil:
		view, err = exports.Select(ctx, lg, opt)
	case opt.From != "":
		var through *graph.LegGraph
		if through, err = m.through(ctx, lg, opt.From); err == nil {
			view, err = exports.Select(ctx, through, opt)
		}
	default:
		view, err = m.view(ctx, lg, opt)
	}
	return view, lg, err
}

// exportView writes view, of ds's records, as the legs (csv, graphml)
// or the records (json, cypher) the view keeps.
func exportView(w io.Writer, ds *graph.Dataset, view *exports.View, p exportPlan) error {
	switch p.format {
	case "csv":
		return exports.LegsCSV(w, view)
	case "graphml":
		return exports.GraphML(w, view)
	}
	sub := view.Dataset(ds)
	if p.name != "" {
		sub.Name = p.name
	}
	if p.format == "json" {
		return exports.JSON(w, sub)
	}
	return exports.Cypher(w, sub, p.opt.MinCount)
}

// countWriter counts the bytes written through it.
type countWriter struct {
	w io.Writer
	n int
}

func (c *countWriter) Write(b []byte) (int, error) {
	n, err := c.w.Write(b)
	c.n += n
	return n, err
}
