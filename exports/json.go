package exports

import (
	"io"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/ingest"
)

// JSON writes ds as the dataset JSON document that --data reads back to
// the same dataset (ingest.WriteJSON: the format is declared once, beside
// its reader).
func JSON(w io.Writer, ds *graph.Dataset) error { return ingest.WriteJSON(w, ds) }
