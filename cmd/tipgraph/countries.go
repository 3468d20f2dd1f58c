package main

import (
	"math"

	"github.com/tipgraph/tipgraph/ingest"
)

// resolveCountry turns a country given on the command line (code or name)
// into its code; flag names the flag for the error message.
func resolveCountry(flag, s string) (string, error) {
	c, err := ingest.Countries().Resolve(s)
	if err != nil {
		return "", usagef("--%s: %v", flag, err)
	}
	return c.Code, nil
}

// resolveCountries resolves every value of a repeatable country flag.
func resolveCountries(flag string, list []string) ([]string, error) {
	var codes []string
	for _, s := range list {
		code, err := resolveCountry(flag, s)
		if err != nil {
			return nil, err
		}
		codes = append(codes, code)
	}
	return codes, nil
}

// checkDisplacement validates --displacement, a share from 0 to 1.
func checkDisplacement(x float64) error {
	if math.IsNaN(x) || x < 0 || x > 1 {
		return usagef("--displacement %v: want a share from 0 to 1", x)
	}
	return nil
}
