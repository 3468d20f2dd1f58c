package ingest

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
)

// GenerateConfig sizes a synthetic dataset.
type GenerateConfig struct {
	Countries int    // countries to draw from (at most the library's count)
	Flows     int    // flow records
	Groups    int    // trafficker groups (GenerateGroups)
	Seed      uint64 // same seed, same bytes
}

// groupOf is the group a generated flow names, or -1: one record in three
// is operated by a group.
func (cfg GenerateConfig) groupOf(i int) int {
	if cfg.Groups == 0 || i%3 != 0 {
		return -1
	}
	return (i / 3 * 7919) % cfg.Groups
}

// Generate writes a synthetic flows.csv for scale tests and benchmarks:
// real country codes, each country an origin, a destination and a transit
// country with its own Zipf-like popularity in each role (a few dominant
// origins and destinations), zero to three transit countries per record
// from the busiest fifth, years 2000-2010, heavy-tailed victim counts. The
// output is deterministic for a configuration.
func Generate(w io.Writer, cfg GenerateConfig) error {
	codes := generatorCountries(cfg)
	n := len(codes)
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x7469706772617068))
	// Every country can be an origin, a destination and a transit
	// country, as in real data, but with its own popularity in each role:
	// three orders of the same countries, each falling off as 1/rank, so
	// a few origins and destinations dominate; transit comes from the
	// first fifth of its order.
	perm := func() []string {
		p := slices.Clone(codes)
		rng.Shuffle(len(p), func(i, j int) { p[i], p[j] = p[j], p[i] })
		return p
	}
	origins, dests, hubs := perm(), perm(), perm()
	hubs = hubs[:max(2, n/5)]
	zipf := func(list []string) string {
		// Inverse of a continuous 1/x law over ranks 1..len.
		u := rng.Float64()
		k := int(math.Exp(u*math.Log(float64(len(list))+1))) - 1
		return list[min(k, len(list)-1)]
	}
	vectors := []string{"land", "sea", "air", "", "land>sea", "air>land"}
	forms := []string{"sexual", "sexual", "sexual", "labour", "other"}
	bw := bufio.NewWriterSize(w, 1<<16)
	bw.WriteString(strings.Join(FlowColumns[:], ",") + "\n")
	var via []string
	buf := make([]byte, 0, 256)
	for i := range cfg.Flows {
		o, d := zipf(origins), zipf(dests)
		if o == d && rng.IntN(4) > 0 {
			d = zipf(dests) // domestic trafficking stays, but rarer
		}
		via = via[:0]
		for range rng.IntN(4) {
			h := zipf(hubs)
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
		buf = append(buf, ",detected,synthetic,"...)
		if g := cfg.groupOf(i); g >= 0 {
			buf = append(buf, 'G')
			buf = strconv.AppendInt(buf, int64(g+1), 10)
		}
		buf = append(buf, '\n')
		if _, err := bw.Write(buf); err != nil {
			return fmt.Errorf("generate: %w", err)
		}
	}
	return bw.Flush()
}

// MaxGenerateCountries is how many countries generate can draw from: those
// the geographic library places on a map.
func MaxGenerateCountries() int { return len(geoCodes()) }

// generatorCountries are the cfg.Countries real countries a generated
// dataset uses, drawn by the seed.
func generatorCountries(cfg GenerateConfig) []string {
	codes := geoCodes()
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x636f756e74726965))
	rng.Shuffle(len(codes), func(i, j int) { codes[i], codes[j] = codes[j], codes[i] })
	return codes[:min(max(cfg.Countries, 4), len(codes))]
}
