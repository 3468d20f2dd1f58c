package ingest

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestResolveCountry(t *testing.T) {
	tests := []struct {
		in, code, region string
	}{
		{"NG", "NG", "Western Africa"},
		{"NGA", "NG", "Western Africa"},
		{"Nigeria", "NG", "Western Africa"},
		{"  nigeria ", "NG", "Western Africa"},
		{"Bosnia-Herzegovina", "BA", "Southern Europe"},
		{"Cote D'Ivoire", "CI", "Western Africa"},
		{"Côte d'Ivoire", "CI", "Western Africa"},
		{"Burma", "MM", "South-Eastern Asia"},
		{"Viet Nam", "VN", "South-Eastern Asia"},
		{"Republic of Moldova", "MD", "Eastern Europe"},
		{"Russian Federation", "RU", "Eastern Europe"},
		{"The Netherlands", "NL", "Western Europe"},
		{"French Guiana", "GF", "South America"},
		{"SR", "SR", "South America"},
		{"Aruba", "AW", "Caribbean"},
		{"Serbia and Montenegro", "CS", "Southern Europe"},
		{"SCG", "CS", "Southern Europe"},
		{"Netherlands Antilles", "AN", "Caribbean"},
		{"Kosovo", "XK", "Southern Europe"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			c, err := Countries().Resolve(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if c.Code != tc.code || c.Region != tc.region {
				t.Errorf("got %s in %q, want %s in %q", c.Code, c.Region, tc.code, tc.region)
			}
			if c.Name == "" || (c.Lat == 0 && c.Lon == 0) {
				t.Errorf("%s: missing name or coordinates: %+v", tc.in, c)
			}
		})
	}
}

func TestResolveCountryUnknown(t *testing.T) {
	tests := []struct {
		in   string
		want string // a suggestion that must be offered
	}{
		{"Nigeriaxyz", "Nigeria (NG)"},
		{"Itlayyy", "Italy (IT)"},
		{"Nigera", "Niger (NE)"}, // as near Nigeria: not guessed
		{"Nigera", "Nigeria (NG)"},
		{"", ""},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			_, err := Countries().Resolve(tc.in)
			var ue *UnknownCountryError
			if !errors.As(err, &ue) {
				t.Fatalf("got %v, want *UnknownCountryError", err)
			}
			if tc.want != "" && !slices.Contains(ue.Suggestions, tc.want) {
				t.Errorf("suggestions %v lack %q", ue.Suggestions, tc.want)
			}
			if tc.want != "" && !strings.Contains(err.Error(), tc.want) {
				t.Errorf("message %q lacks the suggestion", err)
			}
		})
	}
}
