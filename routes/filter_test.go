package routes_test

import (
	"errors"
	"testing"

	"github.com/tipgraph/tipgraph/routes"
)

func TestFilterText(t *testing.T) {
	tests := []struct {
		name   string
		ft     routes.FilterText
		option string // the option a bad value is blamed on; "" when ok
		desc   string
	}{
		{"none", routes.FilterText{}, "", "all records"},
		{"year", routes.FilterText{Year: "2006"}, "", "period 2006"},
		{"years", routes.FilterText{Years: "2003-2007"}, "", "period 2003-2007"},
		{"both", routes.FilterText{Year: "2006", Years: "2003-2007"}, "year", ""},
		{"range as year", routes.FilterText{Year: "2003-2007"}, "year", ""},
		{"form", routes.FilterText{Form: "labor"}, "", "form labour"},
		{"bad form", routes.FilterText{Form: "x"}, "form", ""},
		{"vector measure", routes.FilterText{Vector: "air", Measure: "derived"}, "", "vector air, measure derived"},
		{"bad vector", routes.FilterText{Vector: "rail"}, "vector", ""},
		{"bad measure", routes.FilterText{Measure: "guessed"}, "measure", ""},
		{"bad years", routes.FilterText{Years: "2007-2003"}, "years", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			flt, err := tc.ft.Filter()
			var oe *routes.OptionError
			switch {
			case tc.option == "" && err != nil:
				t.Fatalf("err %v, want ok", err)
			case tc.option != "" && (!errors.As(err, &oe) || oe.Option != tc.option):
				t.Fatalf("err %v, want an OptionError on %q", err, tc.option)
			}
			if tc.option == "" && flt.String() != tc.desc {
				t.Errorf("got %q, want %q", flt.String(), tc.desc)
			}
		})
	}
}
