package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"maps"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/spf13/pflag"

	"github.com/tipgraph/tipgraph/exports"
	"github.com/tipgraph/tipgraph/graph"
	"github.com/tipgraph/tipgraph/ingest"
	"github.com/tipgraph/tipgraph/routes/groups"
)

func TestServeArgsCheck(t *testing.T) {
	tests := []struct {
		name      string
		args      serveArgs
		env       string
		wantErr   string // empty: no error
		wantLoop  bool
		wantToken string
	}{
		{name: "default", args: serveArgs{addr: serveDefaultAdr}, wantLoop: true},
		{name: "any port", args: serveArgs{addr: "127.0.0.1:0"}, wantLoop: true},
		{name: "localhost", args: serveArgs{addr: "localhost:8080"}, wantLoop: true},
		{name: "ipv6 loopback", args: serveArgs{addr: "[::1]:0"}, wantLoop: true},
		{name: "other loopback", args: serveArgs{addr: "127.0.0.2:0"}, wantLoop: true},
		{name: "all interfaces", args: serveArgs{addr: "0.0.0.0:0"}, wantErr: "not a loopback address"},
		{name: "empty host", args: serveArgs{addr: ":8080"}, wantErr: "every interface"},
		{name: "lan address", args: serveArgs{addr: "192.168.1.5:8080"}, wantErr: "--token"},
		{name: "hostname", args: serveArgs{addr: "example.org:80"}, wantErr: "TIPGRAPH_TOKEN"},
		{name: "token flag", args: serveArgs{addr: "0.0.0.0:0", token: "s3cret-token-0123456-of-24-chars"}, wantToken: "s3cret-token-0123456-of-24-chars"},
		{name: "token env", args: serveArgs{addr: "0.0.0.0:0"}, env: "fromenv-0123456789", wantToken: "fromenv-0123456789"},
		{name: "flag wins", args: serveArgs{addr: "0.0.0.0:0", token: "flag-0123456789ab"}, env: "env-0123456789abcd", wantToken: "flag-0123456789ab"},
		{name: "short token", args: serveArgs{addr: "0.0.0.0:0", token: "a"}, wantErr: "at least 16"},
		{name: "short token env", args: serveArgs{addr: "127.0.0.1:0"}, env: "0123456789abcde", wantErr: "at least 16"},
		{name: "token on loopback", args: serveArgs{addr: "127.0.0.1:0", token: "t-0123456789abcdef"}, wantLoop: true, wantToken: "t-0123456789abcdef"},
		{name: "no port", args: serveArgs{addr: "127.0.0.1"}, wantErr: "want HOST:PORT"},
		{name: "bad port", args: serveArgs{addr: "127.0.0.1:http"}, wantErr: "not a number"},
		{name: "port too large", args: serveArgs{addr: "127.0.0.1:70000"}, wantErr: "not a number"},
		{name: "token with space", args: serveArgs{addr: "127.0.0.1:0", token: "a b"}, wantErr: "control characters"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.args.check(tt.env)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("got error %v, want one containing %q", err, tt.wantErr)
				}
				if exitCode(err, io.Discard) != exitBadInput {
					t.Errorf("error %v is not a usage error", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("got error %v", err)
			}
			if got.loopback != tt.wantLoop || got.token != tt.wantToken {
				t.Errorf("got loopback %v token %q, want %v %q", got.loopback, got.token, tt.wantLoop, tt.wantToken)
			}
		})
	}
}

func TestServeDefaultAddrIsLoopback(t *testing.T) {
	def := newServeCmd(&app{}).Flags().Lookup("addr").DefValue
	host, _, err := net.SplitHostPort(def)
	if err != nil || !net.ParseIP(host).IsLoopback() {
		t.Errorf("default --addr %q is not a loopback IP", def)
	}
}

func TestServeNotLoopbackWithoutToken(t *testing.T) {
	t.Setenv(serveTokenEnv, "")
	_, errOut, code := tipgraph(t, "serve", "--addr", "0.0.0.0:0")
	if code != exitBadInput || !strings.Contains(errOut, "--token") {
		t.Errorf("exit %d, stderr %q; want 2 and a message naming --token", code, errOut)
	}
}

// testServer serves the built-in dataset with cfg.
func testServer(t *testing.T, cfg serveConfig) (*httptest.Server, *server) {
	t.Helper()
	ds, err := ingest.Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return testServerDS(t, ds, cfg)
}

func testServerDS(t *testing.T, ds *graph.Dataset, cfg serveConfig) (*httptest.Server, *server) {
	t.Helper()
	h, err := newServer(ds, cfg, 0, log.New(io.Discard, "", 0))
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	return ts, h
}

func get(t *testing.T, url string, hdr ...string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(body)
}

// serveCases are requests of every endpoint and the command line each
// answers as.
var serveCases = []struct {
	path     string
	cli      []string
	wantType string
}{
	{"/api/datasets", []string{"--format", "json", "datasets"}, "application/json"},
	{"/api/summary?year=2006", []string{"--format", "json", "summary", "--year", "2006"}, "application/json"},
	{"/api/summary?form=sexual&vector=land", []string{"--format", "json", "summary", "--form", "sexual", "--vector", "land"}, "application/json"},
	{"/api/hubs", []string{"--format", "json", "hubs"}, "application/json"},
	{"/api/hubs?by=betweenness&top=5&weight=inverse-victims", []string{"--format", "json", "hubs", "--by", "betweenness", "--top", "5", "--weight", "inverse-victims"}, "application/json"},
	{"/api/hubs.csv?top=3", []string{"--format", "csv", "hubs", "--top", "3"}, "text/csv; charset=utf-8"},
	{"/api/routes?from=NG&to=IT", []string{"--format", "json", "routes", "--from", "NG", "--to", "IT"}, "application/json"},
	{"/api/routes?from=Brazil&to=NLD&k=2&by=victims&years=2003-2007", []string{"--format", "json", "routes", "--from", "Brazil", "--to", "NLD", "--k", "2", "--by", "victims", "--years", "2003-2007"}, "application/json"},
	{"/api/routes.csv?from=NG&to=IT", []string{"--format", "csv", "routes", "--from", "NG", "--to", "IT"}, "text/csv; charset=utf-8"},
	{"/api/routes?from=NG&to=IT&remove=LY&remove=Ukraine", []string{"--format", "json", "routes", "--from", "NG", "--to", "IT", "--remove", "LY", "--remove", "Ukraine"}, "application/json"},
	{"/api/country?country=IT", []string{"--format", "json", "country", "--country", "IT"}, "application/json"},
	{"/api/country?country=Suriname&top=2&years=2003-2007", []string{"--format", "json", "country", "--country", "Suriname", "--top", "2", "--years", "2003-2007"}, "application/json"},
	{"/api/country.csv?country=TR&top=0", []string{"--format", "csv", "country", "--country", "TR", "--top", "0"}, "text/csv; charset=utf-8"},
	{"/api/emerging?own-periods&top=2", []string{"--format", "json", "emerging", "--own-periods", "--top", "2"}, "application/json"},
	{"/api/divert?remove=UA&remove=RU&limit=1", []string{"--format", "json", "divert", "--remove", "UA", "--remove", "RU", "--limit", "1"}, "application/json"},
	{"/api/emerging", []string{"--format", "json", "emerging"}, "application/json"},
	{"/api/emerging?destination=IT&alpha=0.01", []string{"--format", "json", "emerging", "--destination", "IT", "--alpha", "0.01"}, "application/json"},
	{"/api/divert?remove=SR", []string{"--format", "json", "divert", "--remove", "SR"}, "application/json"},
	{"/api/divert?remove=SR&remove=UA&displacement=0.5", []string{"--format", "json", "divert", "--remove", "SR", "--remove", "UA", "--displacement", "0.5"}, "application/json"},
	{"/api/divert?each", []string{"--format", "json", "divert", "--each"}, "application/json"},
	{"/api/divert.csv?each=true&year=2006", []string{"--format", "csv", "divert", "--each", "--year", "2006"}, "text/csv; charset=utf-8"},
	{"/api/interdict?k=1", []string{"--format", "json", "interdict", "--k", "1"}, "application/json"},
	{"/api/groups", []string{"--format", "json", "groups"}, "application/json"},
	{"/api/groups?group=ro-unicri-01&by-period", []string{"--format", "json", "groups", "--group", "ro-unicri-01", "--by-period"}, "application/json"},
	{"/api/groups.csv?group=ro-unicri-01&remove=ro-unicri-01-transporter", []string{"--format", "csv", "groups", "--group", "ro-unicri-01", "--remove", "ro-unicri-01-transporter"}, "text/csv; charset=utf-8"},
	{"/api/estimate", []string{"--format", "json", "estimate"}, "application/json"},
	{"/api/estimate?demand", []string{"--format", "json", "estimate", "--demand"}, "application/json"},
	{"/api/map.svg?from=NG&to=IT", []string{"export", "--as", "svg", "-o", "-", "--from", "NG", "--to", "IT"}, "image/svg+xml"},
	{"/api/map.svg?remove=SR&year=2006&top=20", []string{"export", "--as", "svg", "-o", "-", "--remove", "SR", "--year", "2006", "--top", "20"}, "image/svg+xml"},
	{"/api/map.svg?remove=UA&remove=RU&aggregate=country", []string{"export", "--as", "svg", "-o", "-", "--remove", "UA", "--remove", "RU", "--aggregate", "country"}, "image/svg+xml"},
	{"/api/map.png?top=10", []string{"export", "--as", "png", "-o", "-", "--top", "10"}, "image/png"},
}

// TestServeMatchesCLI checks every endpoint against the CLI's output for
// the same query; the subtests run in parallel, so the shared dataset is
// also read by concurrent commands (run with -race).
func TestServeMatchesCLI(t *testing.T) {
	ts, _ := testServer(t, serveConfig{loopback: true})
	tests := serveCases
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			t.Parallel()
			want, errOut, code := tipgraph(t, tt.cli...)
			if code != 0 {
				t.Fatalf("CLI %v: exit %d: %s", tt.cli, code, errOut)
			}
			resp, got := get(t, ts.URL+tt.path)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("status %d: %s", resp.StatusCode, got)
			}
			if ct := resp.Header.Get("Content-Type"); ct != tt.wantType {
				t.Errorf("Content-Type %q, want %q", ct, tt.wantType)
			}
			if got != want {
				t.Errorf("body differs from `tipgraph %s`:\ngot  %.300q\nwant %.300q", strings.Join(tt.cli, " "), got, want)
			}
			// Again, from what the server kept (leg graphs, diversions).
			if _, again := get(t, ts.URL+tt.path); again != want {
				t.Errorf("second answer differs from `tipgraph %s`:\ngot  %.300q\nwant %.300q", strings.Join(tt.cli, " "), again, want)
			}
		})
	}
}

func TestServeErrors(t *testing.T) {
	ts, _ := testServer(t, serveConfig{loopback: true})
	tests := []struct {
		method, path string
		want         int
		wantMsg      string
	}{
		{"GET", "/api/hubs?bogus=1", 400, `unknown parameter "bogus"`},
		{"GET", "/api/hubs?data=/etc/passwd", 400, `unknown parameter "data"`},
		{"GET", "/api/hubs?format=table", 400, `unknown parameter "format"`},
		{"GET", "/api/hubs?help", 400, `unknown parameter "help"`},
		{"GET", "/api/map.svg?output=/tmp/x.svg", 400, `unknown parameter "output"`},
		{"GET", "/api/map.svg?o=/tmp/x.svg", 400, `unknown parameter "o"`},
		{"GET", "/api/map.svg?as=json", 400, `unknown parameter "as"`},
		{"GET", "/api/estimate?mse=/etc/passwd", 400, `unknown parameter "mse"`},
		{"GET", "/api/hubs?top=many", 400, `parameter "top"`},
		{"GET", "/api/hubs?top=1&top=2", 400, "given 2 times"},
		{"GET", "/api/hubs?by=nonsense", 400, `parameter "by"`},
		{"GET", "/api/summary?year=20x6", 400, `parameter "year"`},
		{"GET", "/api/summary?year=2006&years=2003-2007", 400, "not both"},
		{"GET", "/api/routes?from=XX&to=IT", 404, "unknown country"},
		{"GET", "/api/divert?remove=Atlantis", 404, "unknown country"},
		{"GET", "/api/interdict?k=0", 400, `parameter "k"`},
		{"GET", "/api/divert?top=-1&remove=SR", 400, `parameter "top"`},
		{"GET", "/api/routes?from=NG", 400, `parameter "to"`},
		{"GET", "/api/divert?each=maybe", 400, "each"},
		{"GET", "/api/divert?remove=SR&displacement=2", 400, "displacement"},
		{"GET", "/api/hubs?top=%zz", 400, "bad query"},
		{"GET", "/api/hubs?by=%0a", 400, "control characters"},
		{"GET", "/api/hubs?top=" + strings.Repeat("1", serveMaxQuery), 400, "at most"},
		{"GET", "/api/report", 404, "no such endpoint"},
		{"GET", "/api/export", 404, "no such endpoint"},
		{"GET", "/api/map.csv", 404, "no such endpoint"},
		{"GET", "/nothing", 404, "not found"},
		{"GET", "/static/", 404, "not found"},
		{"GET", "/static/../serve.go", 404, "not found"},
		{"POST", "/api/hubs", 405, "read-only"},
		{"PUT", "/", 405, "read-only"},
		{"DELETE", "/api/divert", 405, "read-only"},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			req, _ := http.NewRequest(tt.method, ts.URL+tt.path, nil)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var body struct{ Error string }
			if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
				t.Fatalf("status %d, body not {\"error\": ...}: %v", resp.StatusCode, err)
			}
			if resp.StatusCode != tt.want || !strings.Contains(body.Error, tt.wantMsg) {
				t.Errorf("got %d %q, want %d and a message containing %q", resp.StatusCode, body.Error, tt.want, tt.wantMsg)
			}
			if resp.Header.Get("Content-Type") != "application/json" {
				t.Errorf("Content-Type %q", resp.Header.Get("Content-Type"))
			}
			if tt.want == 405 && resp.Header.Get("Allow") != "GET, HEAD" {
				t.Errorf("Allow %q", resp.Header.Get("Allow"))
			}
		})
	}
}

// TestServeBadParams: a parameter of the wrong type, out of range or
// with an unknown value is refused with 400 and a message that names the
// parameter and its value, for every endpoint and every kind of flag.
func TestServeBadParams(t *testing.T) {
	ts, _ := testServer(t, serveConfig{loopback: true})
	tests := []struct {
		path string
		want string // the whole message
	}{
		// Wrong type: the flag's own type says what was wanted.
		{"/api/hubs?top=2.5", `parameter "top": "2.5" is not a whole number`},
		{"/api/hubs?top=", `parameter "top": "" is not a whole number`},
		{"/api/routes?from=NG&to=IT&k=x", `parameter "k": "x" is not a whole number`},
		{"/api/divert?remove=SR&displacement=half", `parameter "displacement": "half" is not a number`},
		{"/api/emerging?alpha=x", `parameter "alpha": "x" is not a number`},
		{"/api/emerging?by-year=2", `parameter "by-year": "2" is not true or false`},
		{"/api/groups?unweighted=no", `parameter "unweighted": "no" is not true or false`},
		{"/api/estimate?usd-rate=x", `parameter "usd-rate": "x" is not a number`},
		{"/api/map.svg?width=wide", `parameter "width": "wide" is not a whole number`},
		// Out of range: the command's own check.
		{"/api/hubs?top=-1", `parameter "top": -1: want 0 (all) or more`},
		{"/api/routes?from=NG&to=IT&k=0", `parameter "k": 0: want at least 1`},
		{"/api/divert?remove=SR&displacement=2", `parameter "displacement": 2: want a share from 0 to 1`},
		{"/api/divert?remove=SR&limit=-1", `parameter "limit": -1: want 0 (all) or more`},
		{"/api/emerging?alpha=1.5", `parameter "alpha": 1.5: want a level between 0 and 1 such as 0.05`},
		{"/api/groups?disrupt=-1", `parameter "disrupt": -1: want 1 or more persons to remove`},
		{"/api/map.svg?k=0", `parameter "k": 0: want at least 1`},
		{"/api/map.svg?width=5", `parameter "width": 5: want 0 (1,000) or 400 to 4000 points`},
		{"/api/map.svg?labels=-2", `parameter "labels": -2: want -1 (none), 0 (default 10) or more`},
		{"/api/map.svg?remove=SR&displacement=2", `parameter "displacement": 2: want a share from 0 to 1`},
		// Unknown values.
		{"/api/hubs?weight=km", `parameter "weight": "km": want hops or inverse-victims`},
		{"/api/routes?from=NG&to=IT&by=km", `parameter "by": unknown cost "km" (want hops or victims)`},
		{"/api/emerging?fdr=xx", `parameter "fdr": "xx": want bh (Benjamini-Hochberg) or off`},
		{"/api/emerging?by=city", `parameter "by": "city": want destination, region or overall`},
		{"/api/summary?form=dance", `parameter "form": unknown form "dance" (want sexual, labour, other or unknown)`},
		{"/api/summary?years=2007-2003", `parameter "years": bad period "2007-2003": range runs backwards`},
		{"/api/estimate?detection-rate=x", `parameter "detection-rate": "x": want a number >= 0, a ratio a/b, or a range low-high`},
		{"/api/map.svg?layout=circle", `parameter "layout": "circle": want geo, neato, sfdp, dot`},
		{"/api/map.svg?aggregate=x", `parameter "aggregate": "x": want auto, country, region`},
		// Missing or given twice.
		{"/api/country?top=2", `parameter "country": missing: the country to profile (code or name)`},
		{"/api/map.svg?from=NG", `parameter "to": give both --from and --to, or neither`},
		{"/api/map.svg?group=", `parameter "group": "": give a group id`},
		{"/api/routes?from=NG&from=GH&to=IT", `parameter "from" given 2 times: it takes one value`},
		{"/api/datasets?x=1", `unknown parameter "x" for /api/datasets; want none`},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			resp, raw := get(t, ts.URL+tt.path)
			var body struct{ Error string }
			if err := json.Unmarshal([]byte(raw), &body); err != nil {
				t.Fatalf("status %d, body not {\"error\": ...}: %v", resp.StatusCode, err)
			}
			if resp.StatusCode != http.StatusBadRequest || body.Error != tt.want {
				t.Errorf("got %d %q\nwant 400 %q", resp.StatusCode, body.Error, tt.want)
			}
		})
	}
}

func TestServeToken(t *testing.T) {
	ts, _ := testServer(t, serveConfig{token: "s3cret-token-0123456"})
	tests := []struct {
		name string
		hdr  []string
		path string
		want int
	}{
		{"no header", nil, "/api/summary", 401},
		{"no header, page", nil, "/", 200}, // the sign-in form (TestServeSignIn)
		{"wrong token", []string{"Authorization", "Bearer nope"}, "/api/summary", 401},
		{"prefix of token", []string{"Authorization", "Bearer s3cret"}, "/api/summary", 401},
		{"not bearer", []string{"Authorization", "Basic s3cret-token-0123456"}, "/api/summary", 401},
		{"right token", []string{"Authorization", "Bearer s3cret-token-0123456"}, "/api/summary", 200},
		{"right token, page", []string{"Authorization", "Bearer s3cret-token-0123456"}, "/", 200},
		// With a token the Host header is not checked (the server may be
		// reached by any name).
		{"right token, other host", []string{"Authorization", "Bearer s3cret-token-0123456", "Host", "tipgraph.example"}, "/api/datasets", 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodGet, ts.URL+tt.path, nil)
			for i := 0; i+1 < len(tt.hdr); i += 2 {
				req.Header.Set(tt.hdr[i], tt.hdr[i+1])
			}
			if h := req.Header.Get("Host"); h != "" {
				req.Host = h
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != tt.want {
				t.Errorf("status %d, want %d", resp.StatusCode, tt.want)
			}
			if tt.want == 401 && tt.path != "/" && !strings.HasPrefix(resp.Header.Get("WWW-Authenticate"), "Bearer") {
				t.Errorf("WWW-Authenticate %q", resp.Header.Get("WWW-Authenticate"))
			}
		})
	}
}

// TestServeSignIn: with a token, a browser signs in with a form and then
// uses a session cookie; a wrong token, a forged cookie or signing out
// leave it outside.
func TestServeSignIn(t *testing.T) {
	const token = "s3cret-token-0123456"
	ts, srv := testServer(t, serveConfig{token: token})
	srv.failDelay = 0
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	c := &http.Client{Jar: jar}
	do := func(method, path string, form url.Values) (*http.Response, string) {
		t.Helper()
		var body io.Reader
		if form != nil {
			body = strings.NewReader(form.Encode())
		}
		req, _ := http.NewRequest(method, ts.URL+path, body)
		if form != nil {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("Origin", ts.URL)
		}
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		return resp, string(b)
	}
	resp, body := do("GET", "/", nil)
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") || !strings.Contains(body, `<form method="post" action="/login">`) || strings.Contains(body, "app.js") {
		t.Fatalf("page before sign-in: %d %s\n%.300s", resp.StatusCode, resp.Header.Get("Content-Type"), body)
	}
	if resp, _ := do("GET", "/static/app.css", nil); resp.StatusCode != 200 {
		t.Errorf("style sheet before sign-in: %d", resp.StatusCode)
	}
	if resp, _ := do("GET", "/api/summary", nil); resp.StatusCode != 401 {
		t.Errorf("API before sign-in: %d", resp.StatusCode)
	}
	if resp, _ := do("GET", "/login", nil); resp.StatusCode != 405 {
		t.Errorf("GET /login: %d, want 405", resp.StatusCode)
	}
	resp, body = do("POST", "/login", url.Values{"token": {"s3cret"}})
	if resp.StatusCode != 401 || !strings.Contains(body, "That is not the server&#39;s token.") {
		t.Errorf("wrong token: %d\n%.300s", resp.StatusCode, body)
	}
	if resp, _ := do("GET", "/api/summary", nil); resp.StatusCode != 401 {
		t.Errorf("API after a wrong token: %d", resp.StatusCode)
	}

	// The right token: a redirect to the page, which now loads.
	resp, body = do("POST", "/login", url.Values{"token": {token}})
	if resp.StatusCode != 200 || !strings.Contains(body, `<script src="/static/app.js"`) {
		t.Fatalf("after sign-in: %d\n%.300s", resp.StatusCode, body)
	}
	u, _ := url.Parse(ts.URL)
	var session *http.Cookie
	for _, ck := range jar.Cookies(u) {
		if ck.Name == sessionCookie {
			session = ck
		}
	}
	if session == nil {
		t.Fatal("no session cookie")
	}
	if resp, body := do("GET", "/api/summary", nil); resp.StatusCode != 200 || !strings.Contains(body, `"records": 259`) {
		t.Errorf("API after sign-in: %d %.200s", resp.StatusCode, body)
	}
	// The cookie's attributes, as the server sent them.
	raw := ""
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	post := func(path, origin string, form url.Values) *http.Response {
		t.Helper()
		req, _ := http.NewRequest("POST", ts.URL+path, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if origin != "" {
			req.Header.Set("Origin", origin)
		}
		resp, err := noRedirect.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		return resp
	}
	resp2 := post("/login", ts.URL, url.Values{"token": {token}})
	resp2.Body.Close()
	for _, v := range resp2.Header.Values("Set-Cookie") {
		if strings.HasPrefix(v, sessionCookie+"=") {
			raw = v
		}
	}
	if resp2.StatusCode != http.StatusSeeOther || !strings.Contains(raw, "HttpOnly") || !strings.Contains(raw, "SameSite=Strict") || strings.Contains(raw, token) {
		t.Errorf("sign-in answer %d, cookie %q", resp2.StatusCode, raw)
	}
	// Each sign-in gets its own random session.
	if v := strings.TrimPrefix(strings.SplitN(raw, ";", 2)[0], sessionCookie+"="); v == session.Value || len(v) != 64 {
		t.Errorf("second sign-in's session %q, first %q: want a new random id", v, session.Value)
	}
	// Sign-in and sign-out from another site, or without an Origin, are refused.
	for _, tc := range []struct{ path, origin string }{{"/login", "https://evil.example"}, {"/login", ""}, {"/login", "null"}, {"/logout", "http://evil.example"}} {
		if resp := post(tc.path, tc.origin, url.Values{"token": {token}}); resp.StatusCode != http.StatusForbidden {
			t.Errorf("POST %s with Origin %q: %d, want 403", tc.path, tc.origin, resp.StatusCode)
		}
	}
	// A wrong bearer token is slowed down like a wrong sign-in.
	before := srv.failures
	get(t, ts.URL+"/api/summary", "Authorization", "Bearer not-the-token-at-all")
	if srv.failures != before+1 {
		t.Errorf("wrong bearer token: %d failures counted, want %d", srv.failures, before+1)
	}
	// A forged cookie is refused.
	req, _ := http.NewRequest("GET", ts.URL+"/api/summary", nil)
	req.AddCookie(&http.Cookie{Name: sessionCookie, Value: strings.Repeat("ab", 32)})
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != 401 {
		t.Errorf("forged cookie: %v %v", resp.StatusCode, err)
	}
	// Signing out clears it, and the old cookie no longer works, even
	// sent again by hand.
	if resp, body := do("POST", "/logout", url.Values{}); resp.StatusCode != 200 || !strings.Contains(body, `action="/login"`) {
		t.Errorf("after sign-out the page should ask for the token again: %d", resp.StatusCode)
	}
	if resp, _ := do("GET", "/api/summary", nil); resp.StatusCode != 401 {
		t.Errorf("API after sign-out: %d", resp.StatusCode)
	}
	req, _ = http.NewRequest("GET", ts.URL+"/api/summary", nil)
	req.AddCookie(session)
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != 401 {
		t.Errorf("the signed-out session's cookie sent again: %v %v, want 401", resp.StatusCode, err)
	}
}

// TestServeHost refuses Host names that are not loopback when bound to
// loopback without a token (DNS rebinding).
func TestServeHost(t *testing.T) {
	ts, _ := testServer(t, serveConfig{loopback: true})
	for host, want := range map[string]int{"attacker.example": 403, "attacker.example:80": 403, "localhost:8080": 200, "127.0.0.1": 200, "[::1]:8080": 200} {
		req, _ := http.NewRequest(http.MethodGet, ts.URL+"/api/datasets", nil)
		req.Host = host
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("Host %q: status %d, want %d", host, resp.StatusCode, want)
		}
	}
}

func TestServeHeaders(t *testing.T) {
	ts, _ := testServer(t, serveConfig{loopback: true})
	for _, p := range []string{"/", "/api/summary", "/api/hubs.csv", "/api/hubs?bogus", "/nothing", "/api/map.svg?top=5"} {
		resp, _ := get(t, ts.URL+p)
		for _, h := range securityHeaders {
			if got := resp.Header.Get(h[0]); got != h[1] {
				t.Errorf("%s: %s %q, want %q", p, h[0], got, h[1])
			}
		}
	}
	resp, body := get(t, ts.URL+"/")
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") || !strings.Contains(body, "<html") {
		t.Errorf("/: %d %q %.80q", resp.StatusCode, resp.Header.Get("Content-Type"), body)
	}
	resp, _ = get(t, ts.URL+"/api/hubs.csv")
	if cd := resp.Header.Get("Content-Disposition"); cd != `attachment; filename="hubs.csv"` {
		t.Errorf("hubs.csv: Content-Disposition %q", cd)
	}
	req, _ := http.NewRequest(http.MethodHead, ts.URL+"/api/summary", nil)
	hr, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	hr.Body.Close()
	if hr.StatusCode != 200 || hr.Header.Get("Content-Type") != "application/json" {
		t.Errorf("HEAD: %d %q", hr.StatusCode, hr.Header.Get("Content-Type"))
	}
}

// TestServeBusy fills every computing slot: the next request waits, then
// gets 503 with Retry-After.
func TestServeBusy(t *testing.T) {
	ts, s := testServer(t, serveConfig{loopback: true})
	s.wait = 20 * time.Millisecond
	for range cap(s.slots) {
		s.slots <- struct{}{}
	}
	resp, body := get(t, ts.URL+"/api/summary")
	if resp.StatusCode != 503 || resp.Header.Get("Retry-After") == "" {
		t.Errorf("status %d Retry-After %q: %s", resp.StatusCode, resp.Header.Get("Retry-After"), body)
	}
	<-s.slots // one free slot is enough
	if resp, body := get(t, ts.URL+"/api/summary"); resp.StatusCode != 200 {
		t.Errorf("after freeing a slot: %d %s", resp.StatusCode, body)
	}
}

// TestServeCommand runs the command itself: it prints one line once
// listening, serves, and returns nil when its context is cancelled.
func TestServeCommand(t *testing.T) {
	t.Setenv(serveTokenEnv, "")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	var errOut strings.Builder
	go func() {
		done <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0"}, strings.NewReader(""), pw, &errOut)
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatalf("no line on stdout: %v (%v)", err, <-done)
	}
	url, ok := strings.CutPrefix(strings.TrimSpace(line), "serving on http://127.0.0.1:")
	if !ok || url == "" || url == "0" {
		t.Fatalf("stdout %q, want serving on http://127.0.0.1:PORT", line)
	}
	base := strings.TrimSpace(strings.TrimPrefix(line, "serving on "))
	resp, body := get(t, base+"/api/summary?year=2006")
	want, _, _ := tipgraph(t, "--format", "json", "summary", "--year", "2006")
	if resp.StatusCode != 200 || body != want {
		t.Errorf("summary: %d %.200q", resp.StatusCode, body)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve returned %v after cancel", err)
		}
	case <-time.After(serveShutdown + 5*time.Second):
		t.Fatal("serve did not stop after cancel")
	}
	if rest, _ := io.ReadAll(pr); len(rest) > 0 {
		t.Errorf("more than one line on stdout: %q", rest)
	}
}

// TestServeCancel: a request whose client goes away stops waiting for a
// slot (the computation itself gets the request context).
func TestServeCancel(t *testing.T) {
	ts, s := testServer(t, serveConfig{loopback: true})
	s.wait = time.Minute
	for range cap(s.slots) {
		s.slots <- struct{}{}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, ts.URL+"/api/summary", nil)
	start := time.Now()
	if resp, err := http.DefaultClient.Do(req); err == nil {
		resp.Body.Close()
		t.Fatalf("got %d, want the client to give up", resp.StatusCode)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("client gave up after %v", d)
	}
}

// TestServeParams pins the parameters of every endpoint. Each endpoint
// lists what it takes, so a new command flag is not reachable over HTTP
// until someone adds it there (a flag that names a file on the server,
// like estimate's --mse, never is).
func TestServeParams(t *testing.T) {
	filters := "form measure vector year years"
	want := map[string]string{
		"datasets":  "",
		"divert":    "by capacity displacement each " + filters + " limit remove top",
		"emerging":  "all alpha baseline by by-year destination exact fdr foreign " + filters + " own-periods recent region top",
		"estimate":  "adult-men buyer-share currency demand detected detected-from-data detection-rate " + filters + " price purchases-per-year region services turnover-years usd-rate",
		"groups":    "brokers by-period country disrupt " + filters + " group remove unweighted",
		"hubs":      "by " + filters + " top weight",
		"interdict": "by displacement " + filters + " k",
		"map":       "aggregate by displacement " + filters + " from group k labels layout remove to top width",
		"routes":    "by " + filters + " from k remove to via",
		"country":   "country " + filters + " top",
		"summary":   filters,
	}
	got := map[string]string{}
	eps := maps.Clone(apiEndpoints)
	eps["map"] = mapEndpoint
	for ep, e := range eps {
		got[ep] = strings.Join(slices.Sorted(slices.Values(e.params)), " ")
		// Each parameter is a flag of the endpoint's command, read by
		// that flag's own definition.
		fs := pflag.NewFlagSet(ep, pflag.ContinueOnError)
		e.bind(fs)
		for _, p := range e.params {
			if fs.Lookup(p) == nil {
				t.Errorf("/api/%s: parameter %q is not one of its command's flags", ep, p)
			}
		}
	}
	for ep, got := range got {
		w := strings.Fields(want[ep])
		slices.Sort(w)
		if got != strings.Join(w, " ") {
			t.Errorf("/api/%s parameters:\ngot  %s\nwant %s", ep, got, strings.Join(w, " "))
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d endpoints, want %d", len(got), len(want))
	}
}

// TestServeCancelsComputation: when the client of a long what-if goes
// away, the computation stops and frees its slot well before it would
// have finished (interdict --k 5 on 20,000 records takes about 30 s,
// ten times that with -race).
func TestServeCancelsComputation(t *testing.T) {
	if testing.Short() {
		t.Skip("generates 20,000 records")
	}
	dir := t.TempDir()
	f, err := os.Create(filepath.Join(dir, "flows.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if err := ingest.Generate(f, ingest.GenerateConfig{Countries: 150, Flows: 20000, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	f.Close()
	ds, err := ingest.Load(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	ts, s := testServerDS(t, ds, serveConfig{loopback: true})
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, ts.URL+"/api/interdict?k=5", nil)
	start := time.Now()
	if resp, err := http.DefaultClient.Do(req); err == nil {
		resp.Body.Close()
		t.Fatalf("got %d before the client gave up", resp.StatusCode)
	}
	for len(s.slots) > 0 {
		if time.Since(start) > 15*time.Second {
			t.Fatalf("the computation still holds its slot %v after the client went away", time.Since(start))
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Logf("slot free %v after the request", time.Since(start))
}

// BenchmarkServeHubs is one /api/hubs request through the handler, without
// the network: what each request of the load test computes.
func BenchmarkServeHubs(b *testing.B) {
	ds, err := ingest.Load(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	h, err := newServer(ds, serveConfig{loopback: true}, 0, log.New(io.Discard, "", 0))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		w := httptest.NewRecorder()
		req := httptest.NewRequest(http.MethodGet, "/api/hubs", nil)
		req.Host = "127.0.0.1:8080"
		h.ServeHTTP(w, req)
		if w.Code != 200 {
			b.Fatalf("status %d", w.Code)
		}
	}
}

// TestServeHeavyRequests: which requests take a heavy slot, read from
// their parsed flags.
func TestServeHeavyRequests(t *testing.T) {
	for _, tt := range []struct {
		name, query string
		want        bool
	}{
		{"interdict", "k=1", true},
		{"divert", "each", true},
		{"divert", "each=false", false},
		{"divert", "remove=SR", false},
		{"emerging", "by-year", true},
		{"emerging", "own-periods", false},
		{"routes", "from=NG&to=IT&k=101", true},
		{"routes", "from=NG&to=IT&k=100", false},
		{"routes", "from=NG&to=IT", false},
		{"hubs", "top=5", false},
	} {
		req, err := parseAPIQuery(apiEndpoints[tt.name], tt.name, tt.query)
		if err != nil {
			t.Fatalf("%s?%s: %v", tt.name, tt.query, err)
		}
		if got := heavyAPI[tt.name] != nil && heavyAPI[tt.name](req.flags); got != tt.want {
			t.Errorf("%s?%s heavy: got %v, want %v", tt.name, tt.query, got, tt.want)
		}
	}
}

// TestServeHeavy: expensive requests holding their pool (as four
// interdict?k=3 on 200,000 records did, 42 s each, for every slot) leave
// the cheap ones flowing; one more expensive request gets 503 with
// Retry-After at once, not after its wait for a slot (issue 18).
func TestServeHeavy(t *testing.T) {
	ts, s := testServer(t, serveConfig{loopback: true})
	release := make(chan struct{})
	apiEndpoints["slowtest"] = apiEndpoint{nil, func(fs *pflag.FlagSet) apiRun {
		summary := apiEndpoints["summary"].bind(fs)
		return func(ctx context.Context, ds *graph.Dataset, env apiEnv) (any, error) {
			select {
			case <-release:
			case <-ctx.Done():
				return nil, ctx.Err()
			}
			return summary(ctx, ds, env)
		}
	}}
	heavyAPI["slowtest"] = func(*pflag.FlagSet) bool { return true }
	t.Cleanup(func() { delete(apiEndpoints, "slowtest"); delete(heavyAPI, "slowtest") })

	// As many expensive requests as there are slots.
	n := cap(s.slots)
	type answer struct {
		status  int
		retry   string
		elapsed time.Duration
	}
	answers := make(chan answer, n)
	for range n {
		go func() {
			start := time.Now()
			resp, err := http.Get(ts.URL + "/api/slowtest")
			if err != nil {
				answers <- answer{status: -1}
				return
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			answers <- answer{resp.StatusCode, resp.Header.Get("Retry-After"), time.Since(start)}
		}()
	}
	// The ones over the heavy pool are refused quickly...
	for range n - cap(s.heavy) {
		select {
		case a := <-answers:
			if a.status != http.StatusServiceUnavailable || a.retry == "" || a.elapsed > time.Second {
				t.Errorf("extra expensive request: status %d, Retry-After %q, after %v", a.status, a.retry, a.elapsed)
			}
		case <-time.After(5 * time.Second):
			t.Fatal("an expensive request over the pool waits")
		}
	}
	// ...while the cheap ones keep flowing.
	for i := range 3 * n {
		start := time.Now()
		if resp, body := get(t, ts.URL+"/api/summary"); resp.StatusCode != 200 || time.Since(start) > 2*time.Second {
			t.Fatalf("summary %d while expensive ones run: %d after %v: %s", i, resp.StatusCode, time.Since(start), body)
		}
	}
	close(release)
	for range cap(s.heavy) {
		if a := <-answers; a.status != 200 {
			t.Errorf("expensive request: %d", a.status)
		}
	}
}

// TestAPIStatus: the HTTP status of each kind of analysis error; a
// store that is down or refuses a query over its memory limit (serve
// over Neo4j) is a 503, to try again, not a fault of the server.
func TestAPIStatus(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want int
	}{
		{"unknown group", fmt.Errorf("groups: %w", groups.ErrUnknown), http.StatusNotFound},
		{"no records", fmt.Errorf("map: %w", exports.ErrNoRecords), http.StatusBadRequest},
		{"time limit", context.DeadlineExceeded, http.StatusServiceUnavailable},
		{"store down", fmt.Errorf("read legs: %w", graph.ErrUnavailable), http.StatusServiceUnavailable},
		{"store memory limit", fmt.Errorf("read routes: %w", graph.ErrStoreLimit), http.StatusServiceUnavailable},
		{"fault", errors.New("boom"), http.StatusInternalServerError},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, msg := apiStatus(tt.err); got != tt.want || msg == "" {
				t.Errorf("apiStatus(%v) = %d %q, want %d and a message", tt.err, got, msg, tt.want)
			}
		})
	}
}
