package graphtest

import "github.com/tipgraph/tipgraph/graph"

// Injection is a source text that must be stored and read back as text.
const Injection = "x'}) DETACH DELETE n //"

// Tricky is a small dataset of the values a backend could get wrong:
// Cypher in text, unicode, domestic and zero-victim records, no year, a
// country the ISO library does not know (ZZ), per-leg vectors with an
// unknown one, a multi-line source; groups with Cypher in text, a person
// in two groups, a group with no countries and no members, a country only
// a member names (KZ). It is what ingest reads from TrickyCSV (ingest's
// tests check that), built here so that backends test without ingest.
func Tricky() *graph.Dataset {
	land, sea, air, unknown := graph.Land, graph.Sea, graph.Air, graph.VectorUnknown
	return &graph.Dataset{
		Name: "tricky",
		Countries: map[string]graph.Country{
			"BR": {Code: "BR", Name: "Brazil", Region: "South America", Lat: -10.8104515, Lon: -52.973118},
			"CI": {Code: "CI", Name: "Ivory Coast", Region: "Western Africa", Lat: 7.5987554, Lon: -5.5525746},
			"ES": {Code: "ES", Name: "Spain", Region: "Southern Europe", Lat: 40.396027, Lon: -3.5506926},
			"FR": {Code: "FR", Name: "France", Region: "Western Europe", Lat: 46.63728, Lon: 2.3382623},
			"GF": {Code: "GF", Name: "French Guiana", Region: "South America", Lat: 4.069991, Lon: -53.16831},
			"IT": {Code: "IT", Name: "Italy", Region: "Southern Europe", Lat: 42.76698, Lon: 12.493823},
			"KZ": {Code: "KZ", Name: "Kazakhstan", Region: "Central Asia", Lat: 48.146004, Lon: 67.17917},
			"LY": {Code: "LY", Name: "Libya", Region: "Northern Africa", Lat: 27.236097, Lon: 18.043556},
			"MA": {Code: "MA", Name: "Morocco", Region: "Northern Africa", Lat: 29.14059, Lon: -8.953388},
			"NG": {Code: "NG", Name: "Nigeria", Region: "Western Africa", Lat: 9.559505, Lon: 8.077881},
			"NL": {Code: "NL", Name: "Netherlands", Region: "Western Europe", Lat: 52.34226, Lon: 5.528157},
			"RO": {Code: "RO", Name: "Romania", Region: "Eastern Europe", Lat: 45.83774, Lon: 25.005936},
			"SR": {Code: "SR", Name: "Suriname", Region: "South America", Lat: 4.216929, Lon: -55.889217},
			"ZZ": {Code: "ZZ", Name: "Unknown origin", Region: "Nowhere"},
		},
		Flows: []graph.Flow{
			{ID: "inj", Origin: "NG", Destination: "IT", Via: []string{"LY"}, Vectors: []graph.Vector{land, sea},
				Victims: 12, Period: graph.Year(2006), Form: graph.Sexual, Measure: graph.Detected,
				Source: Injection, Groups: []string{"g1", "g2"}},
			{ID: "uni", Origin: "CI", Destination: "FR", Vectors: []graph.Vector{air},
				Victims: 3, Period: graph.Period{From: 2005, To: 2007}, Form: graph.Labour, Measure: graph.Estimated,
				Source: "Rapport « Ouest » — p. 4"},
			{ID: "dom", Origin: "RO", Destination: "RO", Vectors: []graph.Vector{unknown},
				Form: graph.OtherForm, Measure: graph.Derived},
			{ID: "zz", Origin: "ZZ", Destination: "ES", Via: []string{"MA"}, Vectors: []graph.Vector{sea, sea},
				Victims: 5, Period: graph.Year(2008), Source: "line1\nline2"},
			{ID: "br", Origin: "BR", Destination: "NL", Via: []string{"SR", "GF"}, Vectors: []graph.Vector{air, air, unknown},
				Victims: 7, Period: graph.Year(2006), Form: graph.Sexual, Source: "Case 12", Groups: []string{"g3"}},
		},
		Groups: []graph.Group{
			{ID: "g1", Name: "Réseau « Edo »", Countries: []string{"NG", "IT"}, Structure: "loose", Source: Injection},
			{ID: "g2", Name: "pair", Countries: []string{"RO"}},
			{ID: "g3"},
		},
		Members: []graph.Person{
			{Group: "g1", ID: "ada", Role: graph.Recruiter, Gender: "female", Nationality: "NG", Country: "NG", FormerVictim: true},
			{Group: "g1", ID: "bo", Role: graph.Exploiter, Nationality: "NG", Country: "IT"},
			{Group: "g1", ID: "cy", Role: graph.DocumentForger, Gender: "male", Nationality: "KZ"},
			{Group: "g2", ID: "ada", Role: graph.Transporter, Gender: "female", Nationality: "NG", Country: "RO"},
			{Group: "g2", ID: "dan", Role: graph.Organiser, Gender: "male", Nationality: "RO", Country: "RO"},
		},
		Ties: []graph.Tie{
			{Group: "g1", From: "ada", To: "bo", Kind: graph.Recruits, Directed: true},
			{Group: "g1", From: "bo", To: "cy", Kind: graph.Associate},
			{Group: "g2", From: "dan", To: "ada", Kind: graph.Controls, Directed: true},
		},
	}
}

// TrickyCSV is Tricky as dataset files, by file name.
var TrickyCSV = map[string]string{
	"flows.csv": "id,origin,destination,via,vectors,victims,year,form,measure,source,groups\n" +
		"inj,NG,IT,LY,land>sea,12,2006,sexual,detected,\"" + Injection + "\",g1;g2\n" +
		"uni,Côte d'Ivoire,FR,,air,3,2005-2007,labour,estimated,\"Rapport « Ouest » — p. 4\",\n" +
		"dom,RO,RO,,,0,,other,derived,,\n" +
		"zz,ZZ,ES,MA,sea,5,2008,unknown,detected,\"line1\nline2\",\n" +
		"br,BR,NL,SR>GF,air>air>,7,2006,sexual,detected,Case 12,g3\n",
	"countries.csv": "code,name,region,lat,lon\nZZ,Unknown origin,Nowhere,0,0\n",
	"groups.csv": "id,name,countries,structure,source\n" +
		"g1,Réseau « Edo »,NG;IT,loose,\"" + Injection + "\"\n" +
		"g2,pair,RO,,\n" +
		"g3,,,,\n",
	"members.csv": "group,person,role,gender,nationality,country,former_victim\n" +
		"g1,ada,recruiter,female,NG,NG,true\n" +
		"g1,bo,exploiter,,NG,IT,false\n" +
		"g1,cy,document-forger,male,KZ,,\n" +
		"g2,ada,transporter,female,NG,RO,\n" +
		"g2,dan,organiser,male,RO,RO,\n",
	"ties.csv": "group,from,to,kind,directed\n" +
		"g1,ada,bo,recruits,\n" +
		"g1,bo,cy,associate,\n" +
		"g2,dan,ada,controls,true\n",
}
