package exports

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"strconv"
	"strings"
)

// RasterizerCommand is the program Rasterize runs (librsvg's converter).
var RasterizerCommand = "rsvg-convert"

// Rasterize turns an SVG drawing into a PNG image at zoom times its size
// (1 = 72 dpi, Graphviz's point size), on a white background, with
// rsvg-convert (Debian's librsvg2-bin). Graphviz's own PNG renderer draws
// thick edges as black shapes, and the pure-Go SVG rasterisers do not draw
// text, so PNG goes through librsvg. Without rsvg-convert on the PATH it
// returns ErrNoRasterizer.
//
// The cost is one process start (about 20 ms) plus librsvg's drawing,
// linear in the SVG's size.
func Rasterize(ctx context.Context, svg []byte, zoom float64) ([]byte, error) {
	bin, err := exec.LookPath(RasterizerCommand)
	if err != nil {
		return nil, ErrNoRasterizer
	}
	if zoom <= 0 {
		zoom = 1
	}
	cmd := exec.CommandContext(ctx, bin, "--format", "png", "--zoom", strconv.FormatFloat(zoom, 'f', -1, 64), "--background-color", "white")
	cmd.Stdin = bytes.NewReader(svg)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("%s: %w: %s", RasterizerCommand, err, strings.TrimSpace(errOut.String()))
	}
	if !bytes.HasPrefix(out.Bytes(), []byte("\x89PNG")) {
		return nil, fmt.Errorf("%s: no PNG image in its output", RasterizerCommand)
	}
	return out.Bytes(), nil
}
