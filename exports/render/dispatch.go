package render

import (
	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/ingest"
	"github.com/tipgraph/tipgraph/routes"
	"github.com/tipgraph/tipgraph/routes/estimate"
	"github.com/tipgraph/tipgraph/routes/groups"
)

// wrap gives a typed result its table and CSV forms.
func wrap(res any) (result, bool) {
	switch r := res.(type) {
	case result:
		return r, true
	case *routes.HubsResult:
		return hubsResult{r}, true
	case *routes.Summary:
		return summaryResult{r}, true
	case *routes.DivertResult:
		return divertResult{r}, true
	case *routes.SweepResult:
		return sweepResult{r}, true
	case *routes.InterdictResult:
		return interdictResult{r}, true
	case *routes.RoutesResult:
		return routesResult{r}, true
	case *routes.CountryResult:
		return countryResult{r}, true
	case *routes.EmergingReport:
		return emergingResult{r}, true
	case *groups.Result:
		return groupsResult{r}, true
	case *groups.Timeline:
		return timelineResult{r}, true
	case *estimate.Result:
		return estimateResult{r}, true
	case *estimate.MSEResult:
		return mseResult{r}, true
	case *ingest.Validation:
		return validationResult{r}, true
	case *ingest.Problems:
		return problemsResult{r}, true
	case *ingest.BuiltinList:
		return builtinsResult{r}, true
	case *graph.StoredDatasets:
		return storedResult{r}, true
	}
	return nil, false
}
