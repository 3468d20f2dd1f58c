package exports

import "errors"

// Sentinel errors of exports.
var (
	// ErrBadFormat: an output format, layout or option that exports does
	// not know.
	ErrBadFormat = errors.New("unknown export format")
	// ErrBadDOT: Graphviz cannot read the DOT text it was given.
	ErrBadDOT = errors.New("graphviz cannot read the DOT text")
	// ErrNoRasterizer: PNG output needs rsvg-convert, which is not
	// installed.
	ErrNoRasterizer = errors.New("PNG output needs rsvg-convert (Debian/Ubuntu: apt-get install librsvg2-bin fonts-liberation; or make tools)")
	// ErrBadOptions: export options that contradict each other.
	ErrBadOptions = errors.New("bad export options")
	// ErrNoRecords: no record passes the filter, so there is no map.
	ErrNoRecords = errors.New("no record passes the filter: nothing to draw")
)
