package routes

import (
	"cmp"
	"context"
	"slices"

	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/graph/privacy"
	"github.com/tipgraph/tipgraph/routes/groups"
)

// CountryQuery asks for one country's profile: its flows by partner, the
// routes through it, the groups operating there and its trend.
type CountryQuery struct {
	Filter  graph.Filter
	Country string
	// Top caps each list (partners, transit pairs, routes); 0 lists all.
	// What is left out is counted in the result.
	Top int
}

// Check validates the query.
func (q *CountryQuery) Check() error {
	if q.Country == "" {
		return optionErr("country", "country needs a country (code or name)")
	}
	return checkTop(q.Top)
}

// Partner is a country at the other end of a country's legs.
type Partner struct {
	Country string      `json:"country"`
	Name    string      `json:"name"`
	Victims graph.Count `json:"victims"`
	Records int         `json:"records"`
}

// TransitPair is the legs before and after a country where the records
// name it as a transit country.
type TransitPair struct {
	From    string      `json:"from"`
	To      string      `json:"to"`
	Victims graph.Count `json:"victims"`
	Records int         `json:"records"`
}

// CountryPeriod is the victims of the records of one period with the
// country as their destination, origin or transit country.
type CountryPeriod struct {
	Period      graph.Period `json:"period"`
	Destination graph.Count  `json:"as_destination"`
	Origin      graph.Count  `json:"as_origin"`
	Transit     graph.Count  `json:"as_transit"`
}

// CountryGroup is a group operating in the country.
type CountryGroup struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// LeftOut counts the rows of a list that a cap left out.
type LeftOut struct {
	Rows    int         `json:"rows"`
	Victims graph.Count `json:"victims"`
}

// CountryLeftOut counts the rows a cap left out of each list.
type CountryLeftOut struct {
	InBy      LeftOut `json:"inflow_by_partner"`
	OutBy     LeftOut `json:"outflow_by_partner"`
	TransitBy LeftOut `json:"transit_by_partner"`
	Routes    LeftOut `json:"routes"`
}

// CountryResult is a country's profile under a filter. Inflow and
// Outflow are the victims of its legs in and out (the sums of InBy and
// OutBy before any cap), Transit the victims of the records naming it as
// a transit country (the sum of TransitBy).
type CountryResult struct {
	Country   string           `json:"country"`
	Name      string           `json:"name"`
	Region    string           `json:"region"`
	Filter    graph.FilterJSON `json:"filter"`
	Inflow    graph.Count      `json:"inflow"`
	Outflow   graph.Count      `json:"outflow"`
	Transit   graph.Count      `json:"transit"`
	InBy      []Partner        `json:"inflow_by_partner"`
	OutBy     []Partner        `json:"outflow_by_partner"`
	TransitBy []TransitPair    `json:"transit_by_partner"`
	// Routes are the observed routes through the country (as origin,
	// transit or destination), ordered as ObservedRoutes.
	Routes []Observed      `json:"routes"`
	Groups []CountryGroup  `json:"groups"`
	Trend  []CountryPeriod `json:"trend"`
	Top    int             `json:"top"`
	// LeftOut counts what Top left out of each list (nil: nothing).
	LeftOut *CountryLeftOut `json:"left_out,omitempty"`
	// Dataset and FilterText are what the table's title says.
	Dataset    string `json:"-"`
	FilterText string `json:"-"`
}

// Run checks the query and profiles the country in the filtered leg
// graph of ds. A country with no records under the filter has empty
// lists, not an error.
// The time complexity is O(R·L) for R records of at most L legs.
func (q CountryQuery) Run(ctx context.Context, ds *graph.Dataset) (*CountryResult, error) {
	if err := q.Check(); err != nil {
		return nil, err
	}
	lg, err := graph.NewLegGraph(ds, q.Filter)
	if err != nil {
		return nil, err
	}
	return q.RunGraph(ctx, lg, ds, lg.Flows)
}

// RunGraph is Run on lg, the leg graph under q.Filter (a store's
// aggregate), with flows, the filtered records in dataset order: those
// through the country at least (a store's FlowsThrough), the others
// are passed over. ds gives the groups.
func (q CountryQuery) RunGraph(ctx context.Context, lg *graph.LegGraph, ds *graph.Dataset, flows []*graph.Flow) (*CountryResult, error) {
	if err := q.Check(); err != nil {
		return nil, err
	}
	c := lg.Country(q.Country)
	res := &CountryResult{
		Country: q.Country, Name: c.Name, Region: c.Region, Filter: q.Filter.JSON(), Top: q.Top,
		InBy: []Partner{}, OutBy: []Partner{}, TransitBy: []TransitPair{}, Groups: []CountryGroup{}, Trend: []CountryPeriod{},
		Dataset: lg.Dataset, FilterText: lg.Filter.String(),
	}
	ix := lg.Index
	if id, ok := ix.ID(q.Country); ok {
		partners := func(arcs []graph.Arc) []Partner {
			out := make([]Partner, 0, len(arcs))
			for _, a := range arcs {
				code := ix.Codes[a.Node]
				out = append(out, Partner{code, lg.Country(code).Name, graph.Count(a.Victims), ix.Legs[a.Leg].Records})
			}
			slices.SortFunc(out, func(a, b Partner) int {
				return cmp.Or(cmp.Compare(b.Victims, a.Victims), cmp.Compare(a.Country, b.Country))
			})
			return out
		}
		res.InBy, res.OutBy = partners(ix.In[id]), partners(ix.Out[id])
		for _, p := range res.InBy {
			res.Inflow += p.Victims
		}
		for _, p := range res.OutBy {
			res.Outflow += p.Victims
		}
	}
	pairs := map[[2]string]*TransitPair{}
	periods := map[graph.Period]*CountryPeriod{}
	var touching []*graph.Flow
	for i, f := range flows {
		if i%4096 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		path := f.Path()
		at := slices.Index(path, q.Country)
		if at < 0 {
			continue
		}
		touching = append(touching, f)
		cp := periods[f.Period]
		if cp == nil {
			cp = &CountryPeriod{Period: f.Period}
			periods[f.Period] = cp
		}
		v := graph.Count(f.Victims)
		if f.Destination == q.Country {
			cp.Destination += v
		}
		if f.Origin == q.Country {
			cp.Origin += v
		}
		if i := slices.Index(f.Via, q.Country); i >= 0 {
			cp.Transit += v
			res.Transit += v
			k := [2]string{path[i], path[i+2]}
			tp := pairs[k]
			if tp == nil {
				tp = &TransitPair{From: k[0], To: k[1]}
				pairs[k] = tp
			}
			tp.Victims += v
			tp.Records++
		}
	}
	for _, tp := range pairs {
		res.TransitBy = append(res.TransitBy, *tp)
	}
	slices.SortFunc(res.TransitBy, func(a, b TransitPair) int {
		return cmp.Or(cmp.Compare(b.Victims, a.Victims), cmp.Compare(a.From, b.From), cmp.Compare(a.To, b.To))
	})
	for _, cp := range periods {
		res.Trend = append(res.Trend, *cp)
	}
	slices.SortFunc(res.Trend, func(a, b CountryPeriod) int {
		return cmp.Or(cmp.Compare(a.Period.From, b.Period.From), cmp.Compare(a.Period.To, b.Period.To))
	})
	res.Routes = groupRoutes(recordRoutes(touching), func([]string) bool { return true })
	for _, g := range groups.InCountry(ds, touching, q.Country) {
		res.Groups = append(res.Groups, CountryGroup{g.ID, g.Name})
	}
	res.cap()
	return res, nil
}

// cap keeps the first Top rows of each list and counts the rest.
func (r *CountryResult) cap() {
	if r.Top <= 0 || max(len(r.InBy), len(r.OutBy), len(r.TransitBy), len(r.Routes)) <= r.Top {
		return
	}
	lo := &CountryLeftOut{}
	r.InBy = capList(r.InBy, r.Top, &lo.InBy, func(p Partner) graph.Count { return p.Victims })
	r.OutBy = capList(r.OutBy, r.Top, &lo.OutBy, func(p Partner) graph.Count { return p.Victims })
	r.TransitBy = capList(r.TransitBy, r.Top, &lo.TransitBy, func(p TransitPair) graph.Count { return p.Victims })
	r.Routes = capList(r.Routes, r.Top, &lo.Routes, func(o Observed) graph.Count { return o.Victims })
	r.LeftOut = lo
}

// capList keeps the first top rows of list and counts the others in lo.
func capList[T any](list []T, top int, lo *LeftOut, victims func(T) graph.Count) []T {
	if len(list) <= top {
		return list
	}
	for _, x := range list[top:] {
		lo.Rows++
		lo.Victims += victims(x)
	}
	return list[:top]
}

// Suppress: the partners add up to inflow and outflow, the transit pairs
// to transit, so a lone hidden part gets a complement; the victims left
// out by the cap are parts of the same sums.
func (r *CountryResult) Suppress(s *privacy.State) {
	var lo CountryLeftOut
	if r.LeftOut != nil {
		lo = *r.LeftOut
	}
	parts := func(list []*graph.Count, rest *graph.Count) []*graph.Count { return append(list, rest) }
	var in, out, tr []*graph.Count
	for i := range r.InBy {
		in = append(in, &r.InBy[i].Victims)
	}
	for i := range r.OutBy {
		out = append(out, &r.OutBy[i].Victims)
	}
	for i := range r.TransitBy {
		tr = append(tr, &r.TransitBy[i].Victims)
	}
	s.Complement(&r.Inflow, parts(in, &lo.InBy.Victims)...)
	s.Complement(&r.Outflow, parts(out, &lo.OutBy.Victims)...)
	s.Complement(&r.Transit, parts(tr, &lo.TransitBy.Victims)...)
	var trend []*graph.Count
	for i := range r.Trend {
		trend = append(trend, &r.Trend[i].Transit)
	}
	s.Complement(&r.Transit, trend...)
	if r.LeftOut != nil {
		*r.LeftOut = lo
	}
}
