package ingest

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
)

// GenerateConfig sizes a synthetic dataset.
type GenerateConfig struct {
	Countries int    // countries to draw from (at most the library's count)
	Flows     int    // flow records
	Seed      uint64 // same seed, same bytes
}

// Generate writes a synthetic flows.csv for scale tests and benchmarks:
// real country codes, a few dominant origins and destinations (Zipf-like
// popularity), zero to three transit countries per record from a smaller
// pool of transit hubs, years 2000-2010, heavy-tailed victim counts. The
// output is deterministic for a configuration.
func Generate(w io.Writer, cfg GenerateConfig) error {
	r := Countries()
	r.init()
	codes := make([]string, 0, len(r.geo))
	for c := range r.geo {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x7469706772617068))
	rng.Shuffle(len(codes), func(i, j int) { codes[i], codes[j] = codes[j], codes[i] })
	n := min(max(cfg.Countries, 4), len(codes))
	codes = codes[:n]
	// A third of the countries are mainly destinations, a tenth transit
	// hubs, the rest origins; popularity falls off as 1/rank.
	dests := codes[:max(1, n/3)]
	hubs := codes[max(1, n/3):max(2, n/3+n/10)]
	origins := codes[max(2, n/3+n/10):]
	if len(origins) == 0 {
		origins = codes
	}
	zipf := func(list []string) string {
		// Inverse of a continuous 1/x law over ranks 1..len.
		u := rng.Float64()
		k := int(math.Exp(u*math.Log(float64(len(list))+1))) - 1
		return list[min(k, len(list)-1)]
	}
	vectors := []string{"land", "sea", "air", "", "land>sea", "air>land"}
	forms := []string{"sexual", "sexual", "sexual", "labour", "other"}
	bw := bufio.NewWriterSize(w, 1<<16)
	bw.WriteString("id,origin,destination,via,vectors,victims,year,form,measure,source,groups\n")
	var via []string
	buf := make([]byte, 0, 256)
	for i := range cfg.Flows {
		o, d := zipf(origins), zipf(dests)
		via = via[:0]
		for range rng.IntN(4) {
			h := hubs[rng.IntN(len(hubs))]
			if h != o && h != d && !slices.Contains(via, h) {
				via = append(via, h)
			}
		}
		vec := vectors[rng.IntN(len(vectors))]
		if vec == "land>sea" || vec == "air>land" {
			if len(via) != 1 {
				vec = "land"
			}
		}
		victims := int(math.Floor(math.Pow(rng.Float64(), 3)*200)) + 1
		buf = buf[:0]
		buf = append(buf, 'g')
		buf = strconv.AppendInt(buf, int64(i), 10)
		buf = append(buf, ',')
		buf = append(buf, o...)
		buf = append(buf, ',')
		buf = append(buf, d...)
		buf = append(buf, ',')
		for j, v := range via {
			if j > 0 {
				buf = append(buf, '>')
			}
			buf = append(buf, v...)
		}
		buf = append(buf, ',')
		buf = append(buf, vec...)
		buf = append(buf, ',')
		buf = strconv.AppendInt(buf, int64(victims), 10)
		buf = append(buf, ',')
		buf = strconv.AppendInt(buf, int64(2000+rng.IntN(11)), 10)
		buf = append(buf, ',')
		buf = append(buf, forms[rng.IntN(len(forms))]...)
		buf = append(buf, ",detected,synthetic,\n"...)
		if _, err := bw.Write(buf); err != nil {
			return fmt.Errorf("generate: %w", err)
		}
	}
	return bw.Flush()
}
