// Command serveload is the load test of `tipgraph serve` (issue 10): C
// concurrent clients request one URL for a fixed duration and it prints
// requests/s and latency percentiles. It stops by itself; any error or
// status other than 200 is counted and makes it exit 1.
//
//	tipgraph serve --addr 127.0.0.1:0        # prints serving on http://127.0.0.1:PORT
//	go run ./bench/serveload -url http://127.0.0.1:PORT/api/hubs -c 200 -d 30s
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"sync"
	"time"
)

func main() {
	url := flag.String("url", "", "URL to request, e.g. http://127.0.0.1:8080/api/hubs")
	clients := flag.Int("c", 200, "concurrent clients (1 to 1000)")
	dur := flag.Duration("d", 30*time.Second, "duration (at most 5m)")
	token := flag.String("token", os.Getenv("TIPGRAPH_TOKEN"), "bearer token, if the server has one")
	flag.Parse()
	if *url == "" || *clients < 1 || *clients > 1000 || *dur <= 0 || *dur > 5*time.Minute {
		flag.Usage()
		os.Exit(2)
	}
	tr := &http.Transport{MaxIdleConns: *clients, MaxIdleConnsPerHost: *clients, MaxConnsPerHost: *clients}
	hc := &http.Client{Transport: tr, Timeout: 30 * time.Second}
	ctx, cancel := context.WithTimeout(context.Background(), *dur)
	defer cancel()

	type result struct {
		lat          []time.Duration
		errs, non200 int
		firstErr     string
	}
	res := make([]result, *clients)
	var wg sync.WaitGroup
	start := time.Now()
	for i := range res {
		wg.Go(func() {
			r := &res[i]
			for ctx.Err() == nil {
				req, _ := http.NewRequest(http.MethodGet, *url, nil)
				if *token != "" {
					req.Header.Set("Authorization", "Bearer "+*token)
				}
				t0 := time.Now()
				resp, err := hc.Do(req)
				if err != nil {
					r.errs++
					if r.firstErr == "" {
						r.firstErr = err.Error()
					}
					continue
				}
				_, err = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				d := time.Since(t0)
				switch {
				case err != nil:
					r.errs++
					if r.firstErr == "" {
						r.firstErr = err.Error()
					}
				case resp.StatusCode != http.StatusOK:
					r.non200++
					if r.firstErr == "" {
						r.firstErr = resp.Status
					}
				default:
					r.lat = append(r.lat, d)
				}
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	var lat []time.Duration
	errs, non200, firstErr := 0, 0, ""
	for _, r := range res {
		lat = append(lat, r.lat...)
		errs += r.errs
		non200 += r.non200
		if firstErr == "" {
			firstErr = r.firstErr
		}
	}
	slices.Sort(lat)
	pct := func(p float64) time.Duration {
		if len(lat) == 0 {
			return 0
		}
		return lat[min(len(lat)-1, int(p*float64(len(lat))))]
	}
	fmt.Printf("%s: %d clients, %v\n", *url, *clients, elapsed.Round(time.Millisecond))
	fmt.Printf("ok %d, errors %d, non-200 %d\n", len(lat), errs, non200)
	fmt.Printf("requests/s %.0f\n", float64(len(lat))/elapsed.Seconds())
	fmt.Printf("latency p50 %v, p90 %v, p99 %v, max %v\n", pct(0.50), pct(0.90), pct(0.99), pct(1))
	if errs+non200 > 0 {
		fmt.Printf("first error: %s\n", firstErr)
		os.Exit(1)
	}
}
