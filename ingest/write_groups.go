package ingest

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"github.com/tipgraph/tipgraph/graph"
)

// WriteGroups writes ds's groups as groups.csv, in dataset order;
// countries are separated by ";".
func WriteGroups(w io.Writer, ds *graph.Dataset) error {
	rows := make([][]string, len(ds.Groups))
	for i, g := range ds.Groups {
		rows[i] = []string{g.ID, g.Name, strings.Join(g.Countries, ";"), g.Structure, g.Source}
	}
	return writeCSV(w, GroupColumns, rows)
}

// WriteMembers writes ds's members as members.csv, in dataset order.
func WriteMembers(w io.Writer, ds *graph.Dataset) error {
	rows := make([][]string, len(ds.Members))
	for i, p := range ds.Members {
		rows[i] = []string{p.Group, p.ID, string(p.Role), p.Gender, p.Nationality, p.Country, strconv.FormatBool(p.FormerVictim)}
	}
	return writeCSV(w, MemberColumns, rows)
}

// WriteTies writes ds's ties as ties.csv, in dataset order, with directed
// always written out.
func WriteTies(w io.Writer, ds *graph.Dataset) error {
	rows := make([][]string, len(ds.Ties))
	for i, t := range ds.Ties {
		rows[i] = []string{t.Group, t.From, t.To, string(t.Kind), strconv.FormatBool(t.Directed), weightText(t.Weight), periodText(t.Period)}
	}
	return writeCSV(w, TieColumns, rows)
}

func writeCSV(w io.Writer, header []string, rows [][]string) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(header); err != nil {
		return err
	}
	if err := cw.WriteAll(rows); err != nil {
		return err
	}
	return cw.Error()
}

// jsonGroup, jsonMember and jsonTie are the group tables of the JSON
// document, keyed like the CSV columns (TestJSONKeys checks them).
type jsonGroup struct {
	ID        string   `json:"id"`
	Name      string   `json:"name,omitempty"`
	Countries []string `json:"countries"`
	Structure string   `json:"structure,omitempty"`
	Source    string   `json:"source,omitempty"`
}

type jsonMember struct {
	Group        string `json:"group"`
	Person       string `json:"person"`
	Role         string `json:"role"`
	Gender       string `json:"gender,omitempty"`
	Nationality  string `json:"nationality,omitempty"`
	Country      string `json:"country,omitempty"`
	FormerVictim bool   `json:"former_victim"`
}

type jsonTie struct {
	Group    string  `json:"group"`
	From     string  `json:"from"`
	To       string  `json:"to"`
	Kind     string  `json:"kind"`
	Directed bool    `json:"directed"`
	Weight   float64 `json:"weight,omitempty"`
	Period   string  `json:"period,omitempty"`
}

// weightText writes a tie's weight, "" when it is not set.
func weightText(w float64) string {
	if w <= 0 {
		return ""
	}
	return strconv.FormatFloat(w, 'g', -1, 64)
}

// periodText writes a period, "" for the zero one.
func periodText(p graph.Period) string {
	if p.IsZero() {
		return ""
	}
	return p.String()
}

// groupTables converts ds's groups, members and ties for the JSON
// document; all three are nil when ds has no groups.
func groupTables(ds *graph.Dataset) ([]jsonGroup, []jsonMember, []jsonTie) {
	if len(ds.Groups) == 0 && len(ds.Members) == 0 && len(ds.Ties) == 0 {
		return nil, nil, nil
	}
	gs := make([]jsonGroup, len(ds.Groups))
	for i, g := range ds.Groups {
		gs[i] = jsonGroup{g.ID, g.Name, g.Countries, g.Structure, g.Source}
		if gs[i].Countries == nil {
			gs[i].Countries = []string{}
		}
	}
	ms := make([]jsonMember, len(ds.Members))
	for i, p := range ds.Members {
		ms[i] = jsonMember{p.Group, p.ID, string(p.Role), p.Gender, p.Nationality, p.Country, p.FormerVictim}
	}
	ts := make([]jsonTie, len(ds.Ties))
	for i, t := range ds.Ties {
		ts[i] = jsonTie{t.Group, t.From, t.To, string(t.Kind), t.Directed, max(t.Weight, 0), periodText(t.Period)}
	}
	return gs, ms, ts
}
