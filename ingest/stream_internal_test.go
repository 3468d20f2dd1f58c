package ingest

import (
	"testing"
	"unsafe"
)

// TestResolverKeepsCopies: what the resolver caches does not point into
// the text it was asked about (a reader's texts are slices of a whole
// file, which a cached slice would keep alive for the life of the
// process).
func TestResolverKeepsCopies(t *testing.T) {
	file := []byte("..,TZ,Tanzania,Côte d'Ivoire,..")
	r := &Resolver{} // empty caches
	for _, span := range [][2]int{{3, 5}, {6, 14}, {15, 29}} {
		text := unsafe.String(&file[span[0]], span[1]-span[0])
		res := r.ResolveName(text)
		if res.Kind != NameCountry {
			t.Fatalf("%q: %v, want a country", text, res.Kind)
		}
		c := r.country(res.Code)
		for _, s := range []string{res.Text, res.Code, c.Code, c.Name} {
			if p := uintptr(unsafe.Pointer(unsafe.StringData(s))); p >= uintptr(unsafe.Pointer(&file[0])) && p < uintptr(unsafe.Pointer(&file[0]))+uintptr(len(file)) {
				t.Errorf("%q: the cached %q points into the text's bytes", text, s)
			}
		}
	}
}
