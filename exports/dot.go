package exports

import (
	"html"
	"strconv"
	"strings"
)

// dotWriter writes DOT text: quoted identifiers, attribute lists in the
// order given, fixed float formatting, so that the same map is the same
// bytes.
type dotWriter struct {
	b strings.Builder
}

// attr is one DOT attribute; an HTML-like label has HTML set.
type attr struct {
	key, val string
	html     bool
}

func a(key, val string) attr     { return attr{key: key, val: val} }
func ahtml(key, val string) attr { return attr{key: key, val: val, html: true} }
func af(key string, x float64, prec int) attr {
	return attr{key: key, val: strconv.FormatFloat(x, 'f', prec, 64)}
}

// quote writes s as a DOT double-quoted string. Backslashes are doubled
// (so that no escString sequence such as \N or \G is interpreted) and
// line breaks become \n.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// esc escapes text for an HTML-like label.
func esc(s string) string { return html.EscapeString(s) }

func (w *dotWriter) line(s string) {
	w.b.WriteString(s)
	w.b.WriteByte('\n')
}

func (w *dotWriter) attrs(list []attr) string {
	parts := make([]string, 0, len(list))
	for _, at := range list {
		if at.html {
			parts = append(parts, at.key+"=<"+at.val+">")
		} else {
			parts = append(parts, at.key+"="+quote(at.val))
		}
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

func (w *dotWriter) stmt(kind string, list ...attr) {
	w.line("  " + kind + " " + w.attrs(list))
}

func (w *dotWriter) node(id string, list ...attr) {
	w.line("  " + quote(id) + " " + w.attrs(list))
}

func (w *dotWriter) edge(from, to string, list ...attr) {
	w.line("  " + quote(from) + " -> " + quote(to) + " " + w.attrs(list))
}
