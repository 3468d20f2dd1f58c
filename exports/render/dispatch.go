package render

import "github.com/tipgraph/tipgraph/routes"

// wrap gives a typed result its table and CSV forms.
func wrap(res any) (result, bool) {
	switch r := res.(type) {
	case result:
		return r, true
	case *routes.HubsResult:
		return hubsResult{r}, true
	case *routes.Summary:
		return summaryResult{r}, true
	}
	return nil, false
}
