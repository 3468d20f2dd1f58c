package routes

import (
	"math"

	"github.com/tipgraph/tipgraph/ingest"
)

// ResolveCountry resolves the value of a country option (code or name)
// to its alpha-2 code; a name that does not resolve is an *OptionError
// with the closest names.
func ResolveCountry(option, s string) (string, error) {
	c, err := ingest.Countries().Resolve(s)
	if err != nil {
		return "", &OptionError{Option: option, Err: err}
	}
	return c.Code, nil
}

// ResolveCountries resolves every value of a repeatable country option.
func ResolveCountries(option string, list []string) ([]string, error) {
	var codes []string
	for _, s := range list {
		code, err := ResolveCountry(option, s)
		if err != nil {
			return nil, err
		}
		codes = append(codes, code)
	}
	return codes, nil
}

// checkDisplacement validates a displacement option, a share from 0 to 1.
func checkDisplacement(x float64) error {
	if math.IsNaN(x) || x < 0 || x > 1 {
		return optionErr("displacement", "%v: want a share from 0 to 1", x)
	}
	return nil
}

// checkTop validates a row limit (0: all).
func checkTop(n int) error {
	if n < 0 {
		return optionErr("top", "%d: want 0 (all) or more", n)
	}
	return nil
}
