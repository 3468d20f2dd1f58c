package exports

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/goccy/go-graphviz"
)

// Graphviz runs inside one WebAssembly instance shared by the whole
// process (github.com/goccy/go-graphviz), which is not safe for concurrent
// use: every call into it holds gvMu.
var (
	gvMu  sync.Mutex
	gvCtx *graphviz.Graphviz
)

// Layouts are the Graphviz layout engines Render accepts in a graph's
// layout attribute.
var Layouts = []string{"neato", "sfdp", "dot", "fdp", "circo", "twopi", "nop", "nop2"}

// Formats are the output formats of Render.
var Formats = []string{"svg", "png", "dot"}

// Render lays out and draws the DOT text dot with Graphviz and returns the
// drawing as format: "svg", "png" (the SVG rasterised by Rasterize, since
// Graphviz's own PNG renderer draws thick edges as black shapes) or "dot"
// (the input with every position Graphviz computed, as `dot -Tdot`). The
// layout engine is the graph's layout attribute (neato, sfdp, dot, fdp,
// circo or twopi; dot when absent). Render is safe for concurrent use:
// calls into Graphviz are serialised.
//
// Errors: ErrBadDOT when Graphviz cannot read dot, ErrBadFormat for an
// unknown format or layout; PNG needs rsvg-convert (see Rasterize).
//
// The cost is Graphviz's: with fixed positions (neato and pos="x,y!")
// about linear in nodes and edges; sfdp about O(V log V + E) per
// iteration; dot can take tens of seconds on 100+ labelled nodes.
func Render(ctx context.Context, dot []byte, format string) ([]byte, error) {
	switch format {
	case "svg", "dot":
		return render(ctx, dot, format)
	case "png":
		svg, err := render(ctx, dot, "svg")
		if err != nil {
			return nil, err
		}
		return Rasterize(ctx, svg, 1.5)
	}
	return nil, fmt.Errorf("%w %q (want %s)", ErrBadFormat, format, strings.Join(Formats, ", "))
}

// render draws dot with the Graphviz renderer of format (svg or dot)
// into memory (never RenderFilename, which can leave an empty file).
func render(ctx context.Context, dot []byte, format string) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	gvMu.Lock()
	defer gvMu.Unlock()
	if gvCtx == nil {
		g, err := graphviz.New(ctx)
		if err != nil {
			return nil, fmt.Errorf("graphviz: %w", err)
		}
		gvCtx = g
	}
	g, err := graphviz.ParseBytes(dot)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadDOT, err)
	}
	defer g.Close()
	layout := g.GetStr("layout")
	if layout == "" {
		layout = "dot"
	}
	if !slices.Contains(Layouts, layout) {
		return nil, fmt.Errorf("%w: layout %q (want %s)", ErrBadFormat, layout, strings.Join(Layouts, ", "))
	}
	gvCtx.SetLayout(graphviz.Layout(layout))
	var buf bytes.Buffer
	if err := gvCtx.Render(ctx, g, graphviz.Format(format), &buf); err != nil {
		return nil, fmt.Errorf("graphviz %s layout, %s output: %w", layout, format, err)
	}
	if buf.Len() == 0 {
		return nil, fmt.Errorf("graphviz %s layout, %s output: empty drawing", layout, format)
	}
	out := buf.Bytes()
	if format == "svg" {
		out = fixFonts(out)
	}
	return out, nil
}

// svgFonts maps the font families Graphviz writes to lists that name
// Arial's metric twin Liberation Sans first: librsvg (through Pango) does
// not resolve "Helvetica,sans-Serif" to Liberation Sans and falls back to
// a wider font, so labels would overflow the boxes Graphviz measured with
// Helvetica metrics.
var svgFonts = strings.NewReplacer(
	`font-family="Helvetica,sans-Serif"`, `font-family="Liberation Sans,Arial,Helvetica,sans-serif"`,
	`font-family="Helvetica"`, `font-family="Liberation Sans,Arial,Helvetica,sans-serif"`,
)

func fixFonts(svg []byte) []byte { return []byte(svgFonts.Replace(string(svg))) }
