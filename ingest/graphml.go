package ingest

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/tipgraph/tipgraph/graph"
)

// graphmlKey is one <key> declaration: the attribute name its data carry.
type graphmlKey struct {
	name, domain, def string
}

// graphmlElem is a <graph>, <node> or <edge> with its attributes and
// data, and where it started.
type graphmlElem struct {
	attrs map[string]string
	data  map[string]string // by attribute name
	at    map[string]srcPos // where each datum was, by attribute name
	pos   srcPos
}

// graphml reads one GraphML file as one group: the group id is the file
// name without its extension, the group's name, countries, structure and
// source come from graph-level data of those names, and each node is a
// member whose data carry role (required), gender, nationality, country
// and former_victim. Each edge is a tie; its data may carry kind
// (default associate) and directed; otherwise it is directed when the
// edge has directed="true" or the graph edgedefault="directed"; weight
// and period as in ties.csv. Data keys
// of other names (labels, layout) are ignored. Problems are reported at
// the line of the element.
func (rd *reader) graphml(extra map[string]graph.Country) func(io.Reader, string) {
	return func(r io.Reader, file string) {
		c := &collector{file: file, errs: rd.errs}
		g, nodes, edges, err := parseGraphML(r, file)
		if err != nil {
			var se *xml.SyntaxError
			var at *graphmlError
			switch {
			case errors.As(err, &at) && errors.As(err, &se):
				c.add(at.line, at.col, at.elem, fmt.Errorf("bad GraphML: %s", se.Msg))
			case errors.As(err, &at):
				c.add(at.line, at.col, at.elem, fmt.Errorf("bad GraphML: %w", at.err))
			default:
				c.add(0, 0, "", fmt.Errorf("bad GraphML: %w", err))
			}
			return
		}
		if g == nil {
			c.add(0, 0, "", errors.New("bad GraphML: no <graph> element"))
			return
		}
		id := strings.TrimSuffix(path.Base(strings.ReplaceAll(file, "\\", "/")), path.Ext(file))
		failAt := func(e *graphmlElem, field string) func(int, error) {
			return func(_ int, err error) {
				at := e.pos
				if p, ok := e.at[field]; ok {
					at = p
				}
				c.add(at.line, at.col, field, err)
			}
		}
		posOf := func(e *graphmlElem, fields []string) func(int) srcPos {
			return func(col int) srcPos {
				if p, ok := e.at[fields[col]]; ok {
					return p
				}
				return e.pos
			}
		}
		// The group: cols id, name, countries, structure, source.
		vals := []string{id, g.data["name"], g.data["countries"], g.data["structure"], g.data["source"]}
		rd.group(rowSource{vals: vals, fail: func(col int, err error) { failAt(g, GroupColumns[col])(col, err) }, pos: posOf(g, GroupColumns)}, extra)

		for _, n := range nodes {
			if c.full() {
				return
			}
			pid := n.attrs["id"]
			if pid == "" {
				c.add(n.pos.line, n.pos.col, "id", fmt.Errorf("%w: a node needs an id", ErrRequired))
				continue
			}
			n.at["person"] = n.pos
			n.at["group"] = n.pos
			vals := []string{id, pid, n.data["role"], n.data["gender"], n.data["nationality"], n.data["country"], n.data["former_victim"]}
			rd.member(rowSource{vals: vals, fail: func(col int, err error) { failAt(n, MemberColumns[col])(col, err) }, pos: posOf(n, MemberColumns)}, extra)
		}
		directedDefault := g.attrs["edgedefault"] == "directed"
		for _, e := range edges {
			if c.full() {
				return
			}
			e.at["group"] = e.pos
			e.at["from"] = e.pos
			e.at["to"] = e.pos
			dir := e.data["directed"]
			if dir == "" {
				if d, ok := e.attrs["directed"]; ok {
					dir = d
				} else if directedDefault {
					dir = "true"
				} else if e.data["kind"] == "" {
					dir = "false"
				}
			}
			vals := []string{id, e.attrs["source"], e.attrs["target"], e.data["kind"], dir, e.data["weight"], e.data["period"]}
			rd.tie(rowSource{vals: vals, fail: func(col int, err error) { failAt(e, TieColumns[col])(col, err) }, pos: posOf(e, TieColumns)})
		}
	}
}

// parseGraphML reads the first <graph> of a GraphML document with its
// nodes and edges; nested graphs are ignored.
// graphmlError is an error of the XML decoder where it stopped: line,
// column and the innermost open element.
type graphmlError struct {
	line, col int
	elem      string
	err       error
}

func (e *graphmlError) Error() string { return e.err.Error() }
func (e *graphmlError) Unwrap() error { return e.err }

func parseGraphML(r io.Reader, file string) (g *graphmlElem, nodes, edges []*graphmlElem, err error) {
	dec := xml.NewDecoder(r)
	var open []string // the names of the open elements
	keys := map[string]graphmlKey{}
	var cur *graphmlElem // node, edge or graph whose data are being read
	var dataKey string
	var text strings.Builder
	var dataPos srcPos
	depth := 0 // nesting of <graph>
	newElem := func(se xml.StartElement, line, col int) *graphmlElem {
		e := &graphmlElem{attrs: map[string]string{}, data: map[string]string{}, at: map[string]srcPos{}, pos: srcPos{file, line, col}}
		for _, a := range se.Attr {
			e.attrs[a.Name.Local] = a.Value
		}
		return e
	}
	applyDefaults := func(e *graphmlElem, domain string) {
		for _, k := range keys {
			if k.def != "" && (k.domain == domain || k.domain == "all") {
				if _, ok := e.data[k.name]; !ok {
					e.data[k.name] = k.def
				}
			}
		}
	}
	var stack []*graphmlElem
	var keyID string
	inDefault := false
	for {
		line, col := dec.InputPos()
		tok, err := dec.Token()
		if err == io.EOF {
			return g, nodes, edges, nil
		}
		if err != nil {
			e := &graphmlError{err: err}
			e.line, e.col = dec.InputPos()
			if len(open) > 0 {
				e.elem = open[len(open)-1]
			}
			return g, nodes, edges, e
		}
		switch t := tok.(type) {
		case xml.StartElement:
			open = append(open, t.Name.Local)
			switch t.Name.Local {
			case "key":
				k := graphmlKey{}
				for _, a := range t.Attr {
					switch a.Name.Local {
					case "id":
						keyID = a.Value
					case "attr.name":
						k.name = a.Value
					case "for":
						k.domain = a.Value
					}
				}
				if k.name == "" {
					k.name = keyID
				}
				keys[keyID] = k
			case "default":
				inDefault = true
				text.Reset()
			case "graph":
				depth++
				if depth == 1 && g == nil {
					g = newElem(t, line, col)
					cur = g
				}
			case "node", "edge":
				e := newElem(t, line, col)
				stack = append(stack, cur)
				cur = nil
				if depth == 1 {
					cur = e
					if t.Name.Local == "node" {
						nodes = append(nodes, e)
					} else {
						edges = append(edges, e)
					}
				}
			case "data":
				dataKey = ""
				for _, a := range t.Attr {
					if a.Name.Local == "key" {
						dataKey = a.Value
					}
				}
				dataPos = srcPos{file, line, col}
				text.Reset()
			}
		case xml.CharData:
			text.Write(t)
		case xml.EndElement:
			open = open[:max(0, len(open)-1)]
			switch t.Name.Local {
			case "default":
				if k, ok := keys[keyID]; ok && inDefault {
					k.def = strings.TrimSpace(text.String())
					keys[keyID] = k
				}
				inDefault = false
			case "data":
				if cur != nil && dataKey != "" {
					name := dataKey
					if k, ok := keys[dataKey]; ok {
						name = k.name
					}
					cur.data[name] = strings.TrimSpace(text.String())
					cur.at[name] = dataPos
				}
			case "node", "edge":
				if cur != nil {
					applyDefaults(cur, t.Name.Local)
				}
				cur, stack = stack[len(stack)-1], stack[:len(stack)-1]
			case "graph":
				depth--
				if depth == 0 && g != nil {
					applyDefaults(g, "graph")
				}
			}
		}
	}
}

// ReadGraphML reads one GraphML group network from r as a dataset with
// one group and no flows; file names it in errors and gives the group id.
func ReadGraphML(r io.Reader, file string) (*graph.Dataset, error) {
	rd := newReader()
	rd.readSorted(func() { rd.graphml(nil)(r, file) })
	return rd.finish(strings.TrimSuffix(path.Base(file), path.Ext(file)))
}
