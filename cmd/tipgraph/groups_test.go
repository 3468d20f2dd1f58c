package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/ingest"
)

func TestGroupsArgsQuery(t *testing.T) {
	tests := []struct {
		name        string
		args        groupsArgs
		wantCountry string
		wantErr     string
	}{
		{"none", groupsArgs{}, "", ""},
		{"country name", groupsArgs{country: "Turkey"}, "TR", ""},
		{"alpha-3", groupsArgs{country: "NGA"}, "NG", ""},
		{"bad country", groupsArgs{country: "Atlantis"}, "", "country"},
		{"negative brokers", groupsArgs{brokers: -1}, "", "brokers"},
		{"blank group", groupsArgs{group: "  "}, "", "group"},
		{"remove without group", groupsArgs{remove: []string{"p"}}, "", "remove"},
		{"disrupt without group", groupsArgs{disrupt: 2}, "", "disrupt"},
		{"remove and disrupt", groupsArgs{group: "g", remove: []string{"p"}, disrupt: 2}, "", "disrupt"},
		{"negative disrupt", groupsArgs{group: "g", disrupt: -1}, "", "disrupt"},
		{"blank person", groupsArgs{group: "g", remove: []string{" "}}, "", "remove"},
		{"remove", groupsArgs{group: "g", remove: []string{"p"}}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, err := tt.args.query(&filterFlags{})
			if tt.wantErr != "" {
				var oe *graph.OptionError
				if !errors.As(err, &oe) || oe.Option != tt.wantErr {
					t.Fatalf("got %v, want an option error about %s", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if q.Country != tt.wantCountry {
				t.Errorf("country %q, want %q", q.Country, tt.wantCountry)
			}
		})
	}
}

func TestGroupsBuiltinJSON(t *testing.T) {
	out, errOut, code := tipgraph(t, "groups", "--format", "json", "--brokers", "0")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var res struct {
		Groups []struct {
			ID          string         `json:"id"`
			Name        string         `json:"name"`
			Members     int            `json:"members"`
			Roles       map[string]int `json:"roles"`
			FemaleShare float64        `json:"female_share"`
			Countries   []string       `json:"countries"`
			Brokers     []struct {
				Person      string  `json:"person"`
				Betweenness float64 `json:"betweenness"`
			} `json:"brokers"`
			CutPoints []string `json:"cut_points"`
			Structure string   `json:"structure"`
		} `json:"groups"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	if len(res.Groups) < 30 {
		t.Fatalf("%d groups", len(res.Groups))
	}
	for _, g := range res.Groups {
		if g.Countries == nil || g.Brokers == nil || g.CutPoints == nil || g.Roles == nil {
			t.Errorf("%s: a list is null: %+v", g.ID, g)
		}
	}
}

func TestGroupsOne(t *testing.T) {
	out, errOut, code := tipgraph(t, "groups", "--group", "az-network")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"structure:        hierarchy", "az-network-organiser", "Cut points", "UZ  8:"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	_, errOut, code = tipgraph(t, "groups", "--group", "nope")
	if code != 2 || !strings.Contains(errOut, "unknown group") {
		t.Errorf("unknown group: exit %d, %s", code, errOut)
	}
	out, _, code = tipgraph(t, "groups", "--country", "Turkey", "--format", "csv")
	if code != 0 || strings.Count(out, "\n") != 3 {
		t.Errorf("--country Turkey: exit %d\n%s", code, out)
	}
}

func TestHubsGroupsColumn(t *testing.T) {
	out, errOut, code := tipgraph(t, "hubs", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var res struct {
		Hubs []struct {
			Country string `json:"country"`
			Groups  int    `json:"groups"`
		} `json:"hubs"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, h := range res.Hubs {
		got[h.Country] = h.Groups
	}
	// 30 Romanian groups and ru-pair-de operate in Germany; the Azerbaijani
	// network and the Russian trio in Turkey.
	if got["DE"] != 31 || got["TR"] != 2 || got["NG"] != 1 {
		t.Errorf("groups per country: DE %d, TR %d, NG %d", got["DE"], got["TR"], got["NG"])
	}
}

// TestValidateGroupFiles: bad group tables give file:line:column errors.
func TestValidateGroupFiles(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"flows.csv":   "id,origin,destination,victims,groups\na,NG,IT,3,g1\nb,RO,DE,2,g9\n",
		"groups.csv":  "id,name,countries\ng1,Edo,NG;Italy\ng1,again,\ng2,x,Atlantis\n",
		"members.csv": "group,person,role,gender,former_victim\ng1,p1,recruiter,f,yes\ng1,p2,boss,m,no\ng1,p3,exploiter,x1,maybe\ng7,p4,other,,\n",
		"ties.csv":    "group,from,to,kind,directed\ng1,p1,p9,recruits,\ng1,p1,p3,friend,\n",
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out, _, code := tipgraph(t, "--data", dir, "validate")
	if code != 2 {
		t.Fatalf("exit %d, want 2:\n%s", code, out)
	}
	for _, want := range []string{
		"flows.csv:3:11: groups: unknown group \"g9\"",
		"groups.csv:3:1: id: duplicate id: group \"g1\" (first on line 2)",
		"groups.csv:4:6: countries: unknown country \"Atlantis\"",
		"members.csv:3:7: role: unknown role \"boss\"",
		"members.csv:4:17: gender: unknown gender \"x1\"",
		"members.csv:4:20: former_victim: bad boolean \"maybe\"",
		"members.csv:5:1: group: unknown group \"g7\"",
		"ties.csv:2:7: to: unknown person \"p9\" in group \"g1\"",
		"ties.csv:3:10: kind: unknown tie kind \"friend\"",
	} {
		if !strings.Contains(out, filepath.Base(dir)+"/"+want) && !strings.Contains(out, want) {
			t.Errorf("validate output lacks %q:\n%s", want, out)
		}
	}
}

func TestExportGroup(t *testing.T) {
	out, errOut, code := tipgraph(t, "export", "--group", "ng-edo", "--as", "dot")
	if code != 0 || !strings.HasPrefix(out, `digraph "group ng-edo"`) || !strings.Contains(out, `label="Italy (IT)"`) {
		t.Fatalf("exit %d: %s\n%s", code, errOut, out)
	}
	out, errOut, code = tipgraph(t, "export", "--group", "ng-edo", "--as", "graphml")
	if code != 0 || !strings.Contains(out, `<node id="ng-edo-madam-1">`) {
		t.Fatalf("graphml: exit %d: %s", code, errOut)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "ng-edo.graphml"), []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, code = tipgraph(t, "--data", filepath.Join(dir, "ng-edo.graphml"), "groups", "--format", "csv")
	if code != 0 || !strings.Contains(out, "ng-edo,Edo network (Benin City to Italy),9,13,network") {
		t.Errorf("the exported GraphML does not read back: exit %d: %s\n%s", code, errOut, out)
	}
	for _, args := range [][]string{
		{"export", "--group", "ng-edo", "--as", "csv"},
		{"export", "--group", "nope", "--as", "dot"},
	} {
		if _, errOut, code := tipgraph(t, args...); code != 2 {
			t.Errorf("%v: exit %d (%s), want 2", args, code, errOut)
		}
	}
}

// TestNeo4jGroupsSameAsMemory: groups and hubs (with its groups column)
// print over Neo4j exactly what they print in memory.
func TestNeo4jGroupsSameAsMemory(t *testing.T) {
	db := neo4jArgs(t)
	const name = "cli-test-groups"
	if _, errOut, code := tipgraph(t, append(db, "load", "--name", name)...); code != 0 {
		t.Fatalf("load: exit %d: %s", code, errOut)
	}
	for _, args := range [][]string{
		{"groups", "--format", "json", "--brokers", "0"},
		{"groups", "--group", "az-network"},
		{"hubs", "--format", "csv"},
	} {
		want, _, code1 := tipgraph(t, args...)
		got, errOut, code2 := tipgraph(t, append(append(append([]string{}, db...), "--dataset", name), args...)...)
		if code1 != 0 || code2 != 0 {
			t.Fatalf("%v: exit %d/%d: %s", args, code1, code2, errOut)
		}
		got = strings.ReplaceAll(got, name, "toc2010")
		if got != want {
			t.Errorf("%v differs over Neo4j:\n%s\nin memory:\n%s", args, got, want)
		}
	}
	if _, errOut, code := tipgraph(t, append(db, "load", "--drop", "--name", name)...); code != 0 {
		t.Errorf("drop: exit %d: %s", code, errOut)
	}
}

// TestValidateCounts: validate counts the countries of the records, as
// summary does, and lists those only groups or members name.
func TestValidateCounts(t *testing.T) {
	out, errOut, code := tipgraph(t, "validate")
	sum, _, _ := tipgraph(t, "summary", "--format", "json")
	var s struct {
		Countries int `json:"countries"`
	}
	if err := json.Unmarshal([]byte(sum), &s); err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("toc2010: ok, 259 records, %d countries, 17,300 victims", s.Countries)
	if code != 0 || !strings.Contains(out, want) || !strings.Contains(out, "countries in no record (named by countries.csv, groups or members): KZ") {
		t.Errorf("exit %d, want %q and KZ listed apart:\n%s%s", code, want, out, errOut)
	}
	out, _, _ = tipgraph(t, "validate", "--format", "json")
	var v struct {
		Countries int      `json:"countries"`
		NoRecord  []string `json:"countries_without_records"`
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil || v.Countries != s.Countries || !slices.Equal(v.NoRecord, []string{"KZ"}) {
		t.Errorf("json %+v (%v), want %d countries and [KZ]", v, err, s.Countries)
	}
}

// TestGroupsFiltered: the analysis filters restrict the flows a group
// operates (its victims and their origins), not its members.
func TestGroupsFiltered(t *testing.T) {
	ds, err := ingest.Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	type group struct {
		ID      string   `json:"id"`
		Members int      `json:"members"`
		Flows   []string `json:"flows"`
		Victims int      `json:"victims"`
	}
	var doc struct {
		Filter *struct {
			Period string `json:"period"`
		} `json:"filter"`
		Groups []group `json:"groups"`
	}
	for _, tc := range []struct {
		args   []string
		period graph.Period
	}{
		{nil, graph.Period{}},
		{[]string{"--year", "2006"}, graph.Year(2006)},
		{[]string{"--years", "2000-2004"}, graph.Period{From: 2000, To: 2004}},
	} {
		out, errOut, code := tipgraph(t, append([]string{"groups", "--format", "json"}, tc.args...)...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", tc.args, code, errOut)
		}
		doc.Filter = nil
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatal(err)
		}
		if (doc.Filter != nil) != (tc.args != nil) || (doc.Filter != nil && doc.Filter.Period != tc.period.String()) {
			t.Errorf("%v: filter %+v", tc.args, doc.Filter)
		}
		members := map[string]int{}
		for _, m := range ds.Members {
			members[m.Group]++
		}
		total := 0
		for _, g := range doc.Groups {
			want, victims := []string{}, 0
			for _, f := range ds.Flows {
				if slices.Contains(f.Groups, g.ID) && tc.period.Contains(f.Period) {
					want = append(want, f.ID)
					victims += f.Victims
				}
			}
			if !slices.Equal(g.Flows, want) || g.Victims != victims || g.Members != members[g.ID] {
				t.Errorf("%v %s: flows %v, %d victims, %d members; want %v, %d, %d", tc.args, g.ID, g.Flows, g.Victims, g.Members, want, victims, members[g.ID])
			}
			total += g.Victims
		}
		if len(doc.Groups) != len(ds.Groups) || (tc.args == nil && total == 0) {
			t.Errorf("%v: %d groups with %d victims in all", tc.args, len(doc.Groups), total)
		}
	}
}
