package ingest

import (
	"context"
	"encoding/csv"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tipgraph/tipgraph/graph"
)

// nameCase is one text and what it must resolve to: a code (Kind
// NameCountry) or a class, and how.
type nameCase struct {
	text, want, how string
}

// classOf is the expected Kind of a want value ("NG" is a country).
func classOf(want string) NameKind {
	switch want {
	case "nationals":
		return NameNationals
	case "aggregate":
		return NameAggregate
	case "unknown":
		return NameUnknown
	case "ambiguous":
		return NameAmbiguous
	case "unresolved":
		return NameUnresolved
	}
	return NameCountry
}

func TestResolveNameClasses(t *testing.T) {
	tests := map[string][]nameCase{
		"code": {
			{"NG", "NG", HowCode}, {"NGA", "NG", HowCode}, {"ng", "NG", HowCode}, {"bra", "BR", HowCode},
			{"USA", "US", HowCode}, {"GBR", "GB", HowCode}, {"XK", "XK", HowCode}, {"CS", "CS", HowCode},
			{"SCG", "CS", HowCode}, {"AN", "AN", HowCode}, {"PNG", "PG", HowCode},
		},
		"name": {
			{"Nigeria", "NG", HowName}, {"  NIGERIA ", "NG", HowName}, {"Bosnia-Herzegovina", "BA", HowName},
			{"Cote D'Ivoire", "CI", HowName}, {"Côte d’Ivoire", "CI", HowName}, {"Burma", "MM", HowName},
			{"Serbia and Montenegro", "CS", HowName}, {"Netherlands Antilles", "AN", HowName},
			{"The Gambia", "GM", HowName}, {"Guinea", "GN", HowName}, {"Sudan", "SD", HowName},
			{"St. Kitts & Nevis", "KN", HowName},
		},
		"translation": {
			{"Brasil", "BR", HowTranslation}, {"Marruecos", "MA", HowTranslation}, {"Corea del Sur", "KR", HowTranslation},
			{"THAILANDE", "TH", HowTranslation}, {"GUINEE CONAKRY", "GN", HowTranslation}, {"HOLANDA", "NL", HowTranslation},
			{"Allemagne", "DE", HowTranslation}, {"Países Bajos", "NL", HowTranslation}, {"Германия", "DE", HowTranslation},
			{"德国", "DE", HowTranslation}, {"ألمانيا", "DE", HowTranslation}, {"Deutschland", "DE", HowTranslation},
			{"Noruega", "NO", HowTranslation}, {"Svizzera", "CH", HowTranslation}, {"Rumänien", "RO", HowTranslation},
			{"Estados Unidos", "US", HowTranslation},
		},
		"demonym": {
			{"Nigerians", "NG", HowDemonym}, {"Colombiano", "CO", HowDemonym}, {"Colombiana", "CO", HowDemonym},
			{"HONDUREÑA", "HN", HowDemonym}, {"Nigérianes", "NG", HowDemonym}, {"Hondureños", "HN", HowDemonym},
			{"Salvadoreñas", "SV", HowDemonym}, {"Marocaines", "MA", HowDemonym}, {"Ivoiriennes", "CI", HowDemonym},
			{"Chinese", "CN", HowDemonym}, {"Sénégalais", "SN", HowDemonym}, {"Españolas", "ES", HowDemonym},
			{"Francesas", "FR", HowDemonym}, {"Nigerien", "NE", HowDemonym}, {"Nigerian nationals", "NG", HowDemonym},
		},
		"abbreviation": {
			{"RDC", "CD", HowAbbreviation}, {"UK", "GB", HowAbbreviation}, {"B & H", "BA", HowAbbreviation},
			{"RMI", "MH", HowAbbreviation}, {"UAE", "AE", HowAbbreviation}, {"DPRK", "KP", HowAbbreviation},
			{"EE.UU.", "US", HowAbbreviation}, {"U.S.A.", "US", HowAbbreviation}, {"B.i.H.", "BA", HowAbbreviation},
			{"DRC", "CD", HowAbbreviation}, {"KSA", "SA", HowAbbreviation}, {"FYROM", "MK", HowAbbreviation},
		},
		"long form": {
			{"Bolivia (Plurinational State of)", "BO", HowLongForm}, {"China, Hong Kong SAR", "HK", HowLongForm},
			{"Kosovo under UNSCR 1244", "XK", HowLongForm}, {"Venezuela (Bolivarian Republic of)", "VE", HowLongForm},
			{"United Republic of Tanzania", "TZ", HowLongForm}, {"Congo (Democratic Republic of the)", "CD", HowLongForm},
			{"Korea (Democratic People's Republic of)", "KP", HowLongForm}, {"Korea, Republic of", "KR", HowLongForm},
			{"Lao PDR", "LA", HowLongForm}, {"Micronesia, Fed. Sts.", "FM", HowLongForm},
			{"Republic of Guinea", "GN", HowLongForm}, {"Nationals of Nigeria", "NG", HowLongForm},
			{"China, Macao Special Administrative Region", "MO", HowLongForm}, {"Congo, Dem. Rep.", "CD", HowLongForm},
		},
		"accents": {
			{"Espa\uFFFDa", "ES", HowAccents}, {"C\uFFFDTE D'IVOIRE", "CI", HowAccents}, {"Espa?a", "ES", HowAccents},
			{"Per?", "PE", HowAccents}, {"Rep?blica Dominicana", "DO", HowAccents}, {"M\uFFFDxico", "MX", HowAccents},
			{"Hondure\uFFFDa", "HN", HowAccents}, {"EspaÃ±a", "ES", HowAccents}, {"Espa\xf1a", "ES", HowAccents},
			{"Espa??a", "ES", HowAccents}, {"Camer?un", "CM", HowAccents}, {"S\uFFFDn\uFFFDgal", "SN", HowAccents},
		},
		"misspelling": {
			{"Kazalhstan", "KZ", HowMisspelling}, {"Tunisa", "TN", HowMisspelling}, {"Czeck Republic", "CZ", HowMisspelling},
			{"Venezuala", "VE", HowMisspelling}, {"Guatamala", "GT", HowMisspelling}, {"Phillipines", "PH", HowMisspelling},
			{"Nigerai", "NG", HowMisspelling}, {"Itlay", "IT", HowMisspelling}, {"Uzbekistn", "UZ", HowMisspelling},
			{"Afghanstan", "AF", HowMisspelling}, {"Kirgizstan", "KG", HowMisspelling}, {"Columbia", "CO", HowMisspelling},
			{"Cambodgia", "KH", HowMisspelling},
		},
		"nationals": {
			{"Nationals", "nationals", HowCategory}, {"Nacionales", "nationals", HowCategory}, {"Nationaux", "nationals", HowCategory},
			{"own country", "nationals", HowCategory}, {"same country", "nationals", HowCategory}, {"NATIONALS", "nationals", HowCategory},
			{"Own nationals", "nationals", HowCategory}, {"Domestic victims", "nationals", HowCategory},
			{"Nacional", "nationals", HowCategory}, {"Ressortissants nationaux", "nationals", HowCategory},
		},
		"aggregate": {
			{"TOTAL", "aggregate", HowCategory}, {"OTROS", "aggregate", HowCategory}, {"Others", "aggregate", HowCategory},
			{"Other Asia", "aggregate", HowCategory}, {"Other Europe", "aggregate", HowCategory}, {"Abroad", "aggregate", HowCategory},
			{"Several countries", "aggregate", HowCategory}, {"Sub-Saharan Africa", "aggregate", HowCategory},
			{"Europe", "aggregate", HowCategory}, {"América Latina", "aggregate", HowCategory}, {"Otros países de Europa", "aggregate", HowCategory},
			{"Other Asian countries", "aggregate", HowCategory}, {"Autres pays d'Afrique", "aggregate", HowCategory},
			{"Regional total", "aggregate", HowCategory}, {"Western Africa", "aggregate", HowCategory}, {"Micronesian region", "aggregate", HowCategory},
		},
		"unknown": {
			{"Unknown", "unknown", HowCategory}, {"Desconocido", "unknown", HowCategory}, {"Inconnu", "unknown", HowCategory},
			{"(specify the country)", "unknown", HowCategory}, {"Not specified", "unknown", HowCategory}, {"N/A", "unknown", HowCategory},
			{"-99", "unknown", HowCategory}, {"0", "unknown", HowCategory}, {"", "unknown", HowCategory},
			{"Nationality unknown", "unknown", HowCategory}, {"País desconocido", "unknown", HowCategory}, {"?", "unknown", HowCategory},
		},
		"ambiguous": {
			{"Korea", "ambiguous", HowCategory}, {"Congo", "ambiguous", HowCategory}, {"KOREA", "ambiguous", HowCategory},
			{"Corea", "ambiguous", HowCategory}, {"Corée", "ambiguous", HowCategory}, {"Dominican", "ambiguous", HowCategory},
			{"Congolese", "ambiguous", HowCategory}, {"Congoleña", "ambiguous", HowCategory}, {"Korean", "ambiguous", HowCategory},
			{"Virgin Islands", "ambiguous", HowCategory}, {"Saint Martin", "ambiguous", HowCategory},
		},
		"unresolved": {
			{"Narnia", "unresolved", ""}, {"Nigera", "unresolved", ""}, {"Atlantis", "unresolved", ""},
			{"Ira?", "unresolved", ""}, {strings.Repeat("x", 300), "unresolved", ""}, {"Country of origin 17", "unresolved", ""},
			{"Wakanda", "unresolved", ""}, {"Zubrowka", "unresolved", ""}, {"Elbonia", "unresolved", ""}, {"Freedonia", "unresolved", ""},
		},
	}
	res := &Resolver{}
	for class, cases := range tests {
		if len(cases) < 10 {
			t.Errorf("class %s has %d examples, want at least 10", class, len(cases))
		}
		for _, tc := range cases {
			t.Run(class+"/"+tc.text, func(t *testing.T) {
				got := res.ResolveName(tc.text)
				kind := classOf(tc.want)
				if got.Kind != kind || (kind == NameCountry && got.Code != tc.want) || got.How != tc.how {
					t.Errorf("got %s %s by %q (%v), want %s by %q", got.Kind, got.Code, got.How, got.Candidates, tc.want, tc.how)
				}
				if kind == NameAmbiguous && len(got.Candidates) < 2 {
					t.Errorf("ambiguous with candidates %v", got.Candidates)
				}
			})
		}
	}
}

// TestCategoriesNeverCountries checks every category text the resolver
// knows, in several spellings, against the rule that an aggregate, an
// unknown or a nationals text never resolves to a country, and that an
// ambiguous text is never guessed.
func TestCategoriesNeverCountries(t *testing.T) {
	res := &Resolver{}
	variants := func(s string) []string {
		return []string{s, strings.ToUpper(s), strings.ToLower(s), " " + s + " ", s + "."}
	}
	check := func(texts []string, want NameKind) {
		for _, s := range texts {
			for _, v := range variants(s) {
				if got := res.ResolveName(v); got.Kind != want {
					t.Errorf("%q: got %s %s (%s), want %s", v, got.Kind, got.Code, got.How, want)
				}
			}
		}
	}
	check(aggregateTexts, NameAggregate)
	check(unknownTexts, NameUnknown)
	check(nationalsTexts, NameNationals)
	for s, codes := range ambiguous {
		for _, v := range variants(s) {
			got := res.ResolveName(v)
			if got.Kind != NameAmbiguous || len(got.Candidates) != len(codes) {
				t.Errorf("%q: got %s %s %v, want ambiguous between %v", v, got.Kind, got.Code, got.Candidates, codes)
			}
		}
	}
	// Every region and continent CLDR names, in every language read.
	for k, e := range names().exact {
		if e.rank == rankRegion && e.kind != NameAggregate {
			t.Errorf("region %q resolves to %s %v", k, e.kind, e.codes)
		}
	}
}

// TestNamesGLOTIPStyle measures the resolver on citizenship categories
// written as national authorities write them in GLOTIP (testdata written
// for this test, not copied): at least 97% of the texts that name one
// country resolve to it, and no category resolves to a country.
func TestNamesGLOTIPStyle(t *testing.T) {
	rows := glotipStyleRows(t)
	res := &Resolver{}
	countries, right, categoryAsCountry := 0, 0, 0
	for _, row := range rows[1:] {
		text, want := row[0], row[1]
		got := res.ResolveName(text)
		kind := classOf(want)
		if kind == NameCountry {
			countries++
			if got.Kind == NameCountry && got.Code == want {
				right++
			} else {
				t.Logf("%q: got %s %s (%s), want %s", text, got.Kind, got.Code, got.How, want)
			}
			continue
		}
		if got.Kind == NameCountry {
			categoryAsCountry++
			t.Errorf("%q (%s) resolved to the country %s by %s", text, want, got.Code, got.How)
		} else if got.Kind != kind {
			t.Logf("%q: got %s, want %s", text, got.Kind, want)
		}
	}
	share := float64(right) / float64(countries)
	t.Logf("%d of %d texts naming one country resolved right (%.1f%%); %d categories resolved to a country", right, countries, 100*share, categoryAsCountry)
	if share < 0.97 {
		t.Errorf("%.1f%% of country texts resolved right, want at least 97%%", 100*share)
	}
}

// glotipStyleRows reads testdata/names_glotip_style.csv (text,expected),
// header included.
func glotipStyleRows(tb testing.TB) [][]string {
	f, err := os.Open("testdata/names_glotip_style.csv")
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		tb.Fatal(err)
	}
	return rows
}

func TestAliases(t *testing.T) {
	a, err := ReadAliases(strings.NewReader("text,code\nCongo,CD\nGuinea,GW\nBrasil,AR\nExtranjeros,nationals\nDesconocido,aggregate\nXYZ country,Nigeria\n"), "aliases.csv")
	if err != nil {
		t.Fatal(err)
	}
	res := Countries().WithAliases(a)
	for _, tc := range []struct{ text, want string }{
		{"Congo", "CD"}, {"CONGO", "CD"}, {"Guinea", "GW"}, {"brasil", "AR"}, {"Extranjeros", "nationals"},
		{"Desconocido", "aggregate"}, {"XYZ  Country", "NG"}, {"Nigeria", "NG"},
	} {
		got := res.ResolveName(tc.text)
		kind := classOf(tc.want)
		if got.Kind != kind || kind == NameCountry && got.Code != tc.want {
			t.Errorf("%q: got %s %s, want %s", tc.text, got.Kind, got.Code, tc.want)
		}
	}
	if got := res.ResolveName("Congo"); got.How != HowAlias || got.Exact() {
		t.Errorf("Congo: how %q, want alias (not exact)", got.How)
	}
	// The shared resolver is unchanged.
	if got := Countries().ResolveName("Congo"); got.Kind != NameAmbiguous {
		t.Errorf("shared resolver: Congo is %s", got.Kind)
	}

	for _, tc := range []struct{ name, in, want string }{
		{"bad code", "text,code\nFoo,Narnia\n", `a.csv:2:5: code: want an ISO code`},
		{"fuzzy code", "text,code\nFoo,Brasil\n", `a.csv:2:5: code: want an ISO code`},
		{"no text", "text,code\n,NG\n", `a.csv:2:1: text: required value missing`},
		{"twice", "text,code\nCongo,CD\nCONGO,CG\n", `a.csv:3:1: text: "CONGO" is given another meaning on line 2`},
		{"missing column", "text\nFoo\n", `code: required column missing`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadAliases(strings.NewReader(tc.in), "a.csv")
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want %q", err, tc.want)
			}
		})
	}
}

// TestNameReview checks the review list of a load against counts made by
// hand: every non-exact text, its country, how, rows and victims, and the
// precedence of the user's aliases over the dataset's aliases.csv.
func TestNameReview(t *testing.T) {
	fsys := fstest.MapFS{
		"flows.csv": {Data: []byte("id,origin,destination,via,victims,year\n" +
			"1,Brasil,ES,,10,2006\n" +
			"2,Nigerians,IT,,5,2006\n" +
			"3,Brasil,PT,,4,2007\n" +
			"4,Congo,FR,,2,2007\n" +
			"5,NG,Espa\uFFFDa,,7,2007\n" +
			"6,NG,IT,Tunisa,1,2007\n" +
			"7,Nigeria,ES,,3,2007\n")},
		"aliases.csv": {Data: []byte("text,code\nCongo,CG\n")},
		"groups.csv":  {Data: []byte("id,name,countries,structure,source\ng1,G,Marruecos;ES,,\n")},
	}
	ds, err := LoadFS(context.Background(), fsys, "t")
	if err != nil {
		t.Fatal(err)
	}
	want := []graph.NameMatch{
		{Text: "Brasil", Kind: "country", Code: "BR", How: HowTranslation, Rows: 2, Victims: 14},
		{Text: "Espa\uFFFDa", Kind: "country", Code: "ES", How: HowAccents, Rows: 1, Victims: 7},
		{Text: "Nigerians", Kind: "country", Code: "NG", How: HowDemonym, Rows: 1, Victims: 5},
		{Text: "Congo", Kind: "country", Code: "CG", How: HowAlias, Rows: 1, Victims: 2},
		{Text: "Tunisa", Kind: "country", Code: "TN", How: HowMisspelling, Rows: 1, Victims: 1},
		{Text: "Marruecos", Kind: "country", Code: "MA", How: HowTranslation, Rows: 1, Victims: 0},
	}
	if !slices.Equal(ds.NameMatches, want) {
		t.Errorf("review list:\n got %+v\nwant %+v", ds.NameMatches, want)
	}

	// The user's aliases win over the dataset's.
	user, err := ReadAliases(strings.NewReader("text,code\nCongo,CD\n"), "user.csv")
	if err != nil {
		t.Fatal(err)
	}
	rd := newReader()
	rd.res = Countries().WithAliases(user)
	if err := rd.dir(fsys, ".", "t"); err != nil {
		t.Fatal(err)
	}
	ds, err = rd.finish("t")
	if err != nil {
		t.Fatal(err)
	}
	if i := slices.IndexFunc(ds.NameMatches, func(m graph.NameMatch) bool { return m.Text == "Congo" }); i < 0 || ds.NameMatches[i].Code != "CD" {
		t.Errorf("Congo with the user's alias: %+v", ds.NameMatches)
	}
}

// TestNameReviewCTDC checks the review list of a CTDC case file: each
// case is one victim.
func TestNameReviewCTDC(t *testing.T) {
	in := "yearOfRegistration,citizenship,CountryOfExploitation,isSexualExploit,isForcedLabour,isOtherExploit\n" +
		"2016,UK,US,1,0,0\n2016,UK,US,1,0,0\n2017,PH,RDC,0,1,0\n2017,PH,US,0,1,0\n"
	ds, err := ReadFlows(strings.NewReader(in), "ctdc.csv")
	if err != nil {
		t.Fatal(err)
	}
	want := []graph.NameMatch{
		{Text: "UK", Kind: "country", Code: "GB", How: HowAbbreviation, Rows: 2, Victims: 2},
		{Text: "RDC", Kind: "country", Code: "CD", How: HowAbbreviation, Rows: 1, Victims: 1},
	}
	if !slices.Equal(ds.NameMatches, want) {
		t.Errorf("got %+v, want %+v", ds.NameMatches, want)
	}
}

// TestNameReviewParallel checks that the review list counts every row of
// a file large enough to be read in parallel parts.
func TestNameReviewParallel(t *testing.T) {
	var b strings.Builder
	b.WriteString("id,origin,destination,victims\n")
	n := 0
	for b.Len() < 2*minParallel {
		n++
		b.WriteString(strconv.Itoa(n) + ",Colombiana,ES,3\n")
	}
	ds, err := ReadFlows(strings.NewReader(b.String()), "big.csv")
	if err != nil {
		t.Fatal(err)
	}
	want := []graph.NameMatch{{Text: "Colombiana", Kind: "country", Code: "CO", How: HowDemonym, Rows: n, Victims: graph.Count(3 * n)}}
	if !slices.Equal(ds.NameMatches, want) {
		t.Errorf("got %+v, want %+v", ds.NameMatches, want)
	}
}

func FuzzResolveName(f *testing.F) {
	for _, s := range []string{"Brasil", "Nigerians", "C\uFFFDTE D'IVOIRE", "Korea", "Kazalhstan", "Other Asia", "-99",
		"Bolivia (Plurinational State of)", "EspaÃ±a", "Espa\xf1a", "?", "((", ",", "Congo, Dem. Rep.", strings.Repeat("a?", 200)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := (&Resolver{}).ResolveName(s)
		switch got.Kind {
		case NameCountry:
			if len(got.Code) != 2 || got.How == "" {
				t.Errorf("%q: country %q by %q", s, got.Code, got.How)
			}
		case NameAmbiguous:
			if len(got.Candidates) < 2 {
				t.Errorf("%q: ambiguous with %v", s, got.Candidates)
			}
		case NameNationals, NameAggregate, NameUnknown, NameUnresolved:
		default:
			t.Errorf("%q: kind %d", s, got.Kind)
		}
		if again := (&Resolver{}).ResolveName(s); again.Kind != got.Kind || again.Code != got.Code || again.How != got.How {
			t.Errorf("%q: %+v then %+v", s, got, again)
		}
	})
}

// BenchmarkResolveName1MB resolves a 1 MB text (issue 18: it took 66 s).
func BenchmarkResolveName1MB(b *testing.B) {
	s := strings.Repeat("Nigeria ", 1<<17)
	names()
	for b.Loop() {
		(&Resolver{}).ResolveName(s)
	}
}

// BenchmarkResolveNames58k resolves 58,000 texts (the size of the 2025
// GLOTIP sheet) drawn from the GLOTIP-style test list, with a new resolver
// (an empty cache) each time, as one load does.
func BenchmarkResolveNames58k(b *testing.B) {
	rows := glotipStyleRows(b)
	texts := make([]string, 58000)
	for i := range texts {
		texts[i] = rows[1+i%(len(rows)-1)][0]
	}
	names()
	for b.Loop() {
		r := &Resolver{}
		for _, s := range texts {
			r.ResolveName(s)
		}
	}
}

// BenchmarkResolveNameUncached resolves each text of the GLOTIP-style
// list once with an empty cache: the cost of a text seen for the first
// time.
func BenchmarkResolveNameUncached(b *testing.B) {
	rows := glotipStyleRows(b)
	names()
	for b.Loop() {
		r := &Resolver{}
		for _, row := range rows[1:] {
			r.ResolveName(row[0])
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*(len(rows)-1)), "ns/text")
}
