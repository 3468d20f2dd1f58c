package groups_test

import (
	"context"
	"fmt"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/routes/groups"
)

// A recruiter, a transporter and an exploiter: the seed's usual Romanian
// group. The transporter is the broker and the cut point.
func ExampleReports() {
	ds := &graph.Dataset{
		Groups: []graph.Group{{ID: "ro1", Name: "Romanian chain", Countries: []string{"RO", "DE"}}},
		Members: []graph.Person{
			{Group: "ro1", ID: "ana", Role: graph.Recruiter, Gender: "female", Nationality: "RO", Country: "RO"},
			{Group: "ro1", ID: "dan", Role: graph.Transporter, Gender: "male", Nationality: "RO", Country: "RO"},
			{Group: "ro1", ID: "max", Role: graph.Exploiter, Gender: "male", Nationality: "DE", Country: "DE"},
		},
		Ties: []graph.Tie{
			{Group: "ro1", From: "ana", To: "dan", Kind: graph.Recruits, Directed: true},
			{Group: "ro1", From: "dan", To: "max", Kind: graph.TransportsFor, Directed: true},
		},
		Flows: []graph.Flow{{ID: "ro-de", Origin: "RO", Destination: "DE", Victims: 12, Groups: []string{"ro1"}}},
	}
	reps, err := groups.Reports(context.Background(), ds, groups.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	g := reps[0]
	fmt.Println(g.ID, g.Structure, g.Members, "members,", g.Victims, "victims")
	fmt.Printf("female share %.2f, same nationality as victims %.2f\n", g.FemaleShare, g.SameNationalityShare)
	fmt.Println("brokers:", g.Brokers)
	fmt.Println("cut points:", g.CutPoints)
	fmt.Println("bridges between cells:", g.CellBridges)
	// Output:
	// ro1 chain 3 members, 12 victims
	// female share 0.33, same nationality as victims 0.67
	// brokers: [{dan 1 2 2}]
	// cut points: [dan]
	// bridges between cells: [{dan max RO DE}]
}
