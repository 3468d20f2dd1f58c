package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tipgraph/tipgraph/graph"
)

// TestValidateNames: validate counts the country texts to review,
// validate --names lists them (table, JSON, CSV) with rows and victims
// counted by hand, the dataset's aliases.csv applies, --aliases wins over
// it, and a bad aliases file is bad input (exit 2).
func TestValidateNames(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write("flows.csv", "id,origin,destination,victims,year\n"+
		"1,Brasil,ES,10,2006\n2,Nigerians,IT,5,2006\n3,Brasil,PT,4,2007\n4,Congo,FR,2,2007\n5,NG,IT,1,2007\n")
	write("aliases.csv", "text,code\nCongo,CG\n")

	out, _, code := tipgraph(t, "--data", dir, "validate")
	if code != 0 || !strings.Contains(out, "3 country texts matched by a rule other than a code or a name") {
		t.Errorf("validate: exit %d\n%s", code, out)
	}
	out, _, code = tipgraph(t, "--data", dir, "validate", "--names")
	for _, want := range []string{"Brasil     country  BR    translation  2     14", "Congo      country  CG    alias        1     2"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("validate --names: exit %d, lacks %q:\n%s", code, want, out)
		}
	}

	user := write("user.csv", "text,code\nCongo,CD\n")
	out, _, code = tipgraph(t, "--data", dir, "--aliases", user, "--format", "json", "validate", "--names")
	var doc struct {
		NameMatches []graph.NameMatch `json:"name_matches"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil || code != 0 {
		t.Fatalf("exit %d, %v:\n%s", code, err, out)
	}
	want := []graph.NameMatch{
		{Text: "Brasil", Kind: "country", Code: "BR", How: "translation", Rows: 2, Victims: 14},
		{Text: "Nigerians", Kind: "country", Code: "NG", How: "demonym", Rows: 1, Victims: 5},
		{Text: "Congo", Kind: "country", Code: "CD", How: "alias", Rows: 1, Victims: 2},
	}
	if len(doc.NameMatches) != len(want) {
		t.Fatalf("name_matches %+v, want %+v", doc.NameMatches, want)
	}
	for i := range want {
		if doc.NameMatches[i] != want[i] {
			t.Errorf("name_matches[%d] = %+v, want %+v", i, doc.NameMatches[i], want[i])
		}
	}

	out, _, _ = tipgraph(t, "--data", dir, "--format", "csv", "validate", "--names")
	if !strings.HasPrefix(out, "text,kind,code,how,rows,victims\nBrasil,country,BR,translation,2,14\n") {
		t.Errorf("CSV:\n%s", out)
	}

	bad := write("bad.csv", "text,code\nCongo,Narnia\n")
	out, _, code = tipgraph(t, "--data", dir, "--aliases", bad, "validate")
	if code != 2 || !strings.Contains(out, bad+":2:7: code: want an ISO code") {
		t.Errorf("bad aliases: exit %d\n%s", code, out)
	}
}
