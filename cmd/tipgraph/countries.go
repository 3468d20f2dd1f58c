package main

import (
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
