package render

import (
	"bytes"
	"testing"

	"github.com/tipgraph/tipgraph/graph/privacy"
	"github.com/tipgraph/tipgraph/ingest"
)

func TestBuiltinsRender(t *testing.T) {
	list := &ingest.BuiltinList{Datasets: []ingest.BuiltinInfo{{Name: "a", Description: "first, with a comma"}, {Name: "bb", Description: "@second"}}}
	for _, tc := range []struct{ format, want string }{
		{Table, "NAME        DESCRIPTION\nbuiltin:a   first, with a comma\nbuiltin:bb  @second\n"},
		{CSV, "name,description\nbuiltin:a,\"first, with a comma\"\nbuiltin:bb,'@second\n"},
	} {
		var b bytes.Buffer
		if err := New(&b, tc.format, privacy.Policy{K: 10}, Reading{}).Print(list); err != nil {
			t.Fatal(err)
		}
		if b.String() != tc.want {
			t.Errorf("%s:\ngot\n%s\nwant\n%s", tc.format, b.String(), tc.want)
		}
	}
}
