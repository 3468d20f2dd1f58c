// Command readgen writes the files of the real-data reading benchmark
// (BENCHMARKS.md, issue 14): a workbook shaped as the UNODC GLOTIP
// download (data_glotip.xlsx: one sheet data_glotip_1, a contact line and
// a date line above the header, most counts "<5") and a CTDC case file in
// the 2020 layout (flags 1.0/0.0, no isOtherExploit, about 41% of rows
// without a country). Both are synthetic; the same seed gives the same
// files.
//
//	readgen -dir /tmp/readbench                 # 58,800 GLOTIP rows, 250,000 CTDC rows
//	readgen -dir /tmp/readbench -glotip 1000 -ctdc 0
package main

import (
	"bufio"
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"

	"github.com/tipgraph/tipgraph/ingest/sheet"
)

// Names the exact resolver knows, as reports write them, and categories
// that are not one country.
var (
	countries = []string{"Nigeria", "Romania", "Italy", "Spain", "Brazil", "Paraguay", "Thailand", "Cambodia", "Viet Nam",
		"Philippines", "Ukraine", "Republic of Moldova", "Albania", "Bulgaria", "Morocco", "China", "India", "Nepal",
		"Bangladesh", "Mexico", "Guatemala", "Honduras", "Colombia", "Dominican Republic", "Germany", "France",
		"Netherlands", "Belgium", "Poland", "Russian Federation", "Turkey", "Egypt", "Kenya", "Uganda", "Ghana",
		"Indonesia", "Malaysia", "Myanmar", "Lao People's Democratic Republic", "Sri Lanka", "Pakistan", "Afghanistan",
		"Iraq", "Syrian Arab Republic", "Ethiopia", "Eritrea", "Sudan", "Mali", "Senegal", "Cameroon"}
	categories = []string{"Nationals", "Other Asia", "Unknown", "Other Europe", "TOTAL"}
	codes      = []string{"NGA", "ROU", "ITA", "ESP", "BRA", "PRY", "THA", "KHM", "VNM", "PHL", "UKR", "MDA", "ALB", "BGR",
		"MAR", "CHN", "IND", "NPL", "BGD", "MEX", "GTM", "HND", "COL", "DOM", "DEU", "FRA", "NLD", "BEL", "POL", "RUS",
		"TUR", "EGY", "KEN", "UGA", "GHA", "IDN", "MYS", "MMR", "LAO", "LKA", "PAK", "AFG", "IRQ", "SYR", "ETH", "ERI",
		"SDN", "MLI", "SEN", "CMR"}
)

func main() {
	dir := flag.String("dir", ".", "folder to write data_glotip.xlsx, data_glotip.csv and ctdc.csv into")
	nGlotip := flag.Int("glotip", 58_800, "GLOTIP rows (0: none)")
	nCTDC := flag.Int("ctdc", 250_000, "CTDC rows (0: none)")
	seed := flag.Uint64("seed", 1, "random seed")
	flag.Parse()
	r := rand.New(rand.NewPCG(*seed, 14))
	if *nGlotip > 0 {
		rows := glotipRows(r, *nGlotip)
		if err := sheet.Write(filepath.Join(*dir, "data_glotip.xlsx"), "data_glotip_1", rows, 9); err != nil {
			log.Fatal(err)
		}
		if err := writeCSV(filepath.Join(*dir, "data_glotip.csv"), rows); err != nil {
			log.Fatal(err)
		}
	}
	if *nCTDC > 0 {
		if err := writeCTDC(filepath.Join(*dir, "ctdc.csv"), r, *nCTDC); err != nil {
			log.Fatal(err)
		}
	}
}

// glotipRows returns the two lines above the header, the header and n data
// rows: about half detected victims by citizenship (Sex and Age Total or a
// breakdown), the rest repatriation, other dimensions and indicators; 60%
// of the counts "<5", some with thousands separators.
func glotipRows(r *rand.Rand, n int) [][]string {
	out := [][]string{
		{"For any queries please contact: glotip@example.org"},
		{"Date: 30 November 2026"},
		{"Iso3_code", "Country", "Region", "Subregion", "Indicator", "Dimension", "Category", "Sex", "Age", "Year", "Unit of measurement", "txtVALUE", "Source"},
	}
	for range n {
		rep := r.IntN(len(codes))
		ind, dim := "Detected trafficking victims", "by citizenship"
		switch x := r.IntN(10); {
		case x == 6:
			dim = "by country of repatriation"
		case x == 7:
			dim = "by form of exploitation"
		case x == 8:
			ind, dim = "Persons prosecuted", "Total"
		case x == 9:
			ind, dim = "Persons convicted", "Total"
		}
		cat := countries[r.IntN(len(countries))]
		if r.IntN(10) == 0 {
			cat = categories[r.IntN(len(categories))]
		}
		sex, age := "Total", "Total"
		switch r.IntN(4) {
		case 1:
			sex = []string{"Female", "Male"}[r.IntN(2)]
		case 2:
			age = []string{"Adults", "Children"}[r.IntN(2)]
		}
		value := "<5"
		if r.IntN(10) >= 6 {
			value = strconv.Itoa(5 + r.IntN(200))
			if r.IntN(20) == 0 {
				value = fmt.Sprintf("%d,%03d", 1+r.IntN(3), r.IntN(1000))
			}
		}
		out = append(out, []string{codes[rep], countries[rep], "Region", "Subregion", ind, dim, cat, sex, age,
			strconv.Itoa(2003 + r.IntN(20)), "Counts", value, "National authorities"})
	}
	return out
}

// writeCSV writes rows as the sheet saved as CSV.
func writeCSV(path string, rows [][]string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	for _, rec := range rows {
		for j, v := range rec {
			if j > 0 {
				w.WriteByte(',')
			}
			w.WriteString(strconv.Quote(v)) // no quote or backslash in these values
		}
		w.WriteByte('\n')
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// writeCTDC writes n case rows in the 2020 layout: alpha-2 codes, flags
// 1.0/0.0, no isOtherExploit; about 41% of rows have no citizenship or no
// country of exploitation ("-99", "0" or empty).
func writeCTDC(path string, r *rand.Rand, n int) error {
	origins := []string{"PH", "UA", "MD", "NG", "KH", "ID", "BD", "RO", "VN", "TH"}
	dests := []string{"US", "RU", "TR", "IT", "TH", "MY", "AE", "PL", "GB", "NL"}
	missing := []string{"-99", "0", ""}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	w.WriteString("yearOfRegistration,Datasource,gender,ageBroad,majorityStatus,citizenship,isForcedLabour,isSexualExploit,isSexAndLabour,typeOfExploitConcatenated,CountryOfExploitation\n")
	for range n {
		o, d := origins[r.IntN(len(origins))], dests[r.IntN(len(dests))]
		switch x := r.IntN(100); {
		case x < 30:
			o = missing[r.IntN(3)]
		case x < 41:
			d = missing[r.IntN(3)]
		}
		sex := r.IntN(2)
		fmt.Fprintf(w, "%d,Case Management,Female,18--20,Adult,%s,%d.0,%d.0,0.0,Forced labour,%s\n", 2002+r.IntN(19), o, 1-sex, sex, d)
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
