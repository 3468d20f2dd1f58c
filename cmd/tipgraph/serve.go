package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log"
	"maps"
	"math"
	"net"
	"net/http"
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/tipgraph/tipgraph/exports/render"
	"github.com/tipgraph/tipgraph/graph"
)

// Server limits; docs/web.md lists them under "Limits".
const (
	serveReadHeaderTimeout = 5 * time.Second
	serveWriteTimeout      = 60 * time.Second
	serveIdleTimeout       = 60 * time.Second
	// serveComputeTimeout stops a computation before the write timeout
	// would cut the response.
	serveComputeTimeout = 55 * time.Second
	// serveQueueWait is how long a request waits for a computing slot
	// before it gets 503.
	serveQueueWait = 2 * time.Second
	// serveHeavyTimeout is the budget of a heavy request (heavyAPI), and
	// serveHeavyWait how long one waits for a heavy slot before 503: a
	// queue of expensive work answers at once, it does not build up.
	serveHeavyTimeout = 20 * time.Second
	serveHeavyWait    = 250 * time.Millisecond
	serveFailDelay    = 500 * time.Millisecond // after each failed sign-in, one at a time
	serveMaxQuery     = 4096
	serveShutdown     = 10 * time.Second
	serveTokenEnv     = "TIPGRAPH_TOKEN"
	serveMinToken     = 16
	// serveSessionTTL is how long a browser stays signed in.
	serveSessionTTL = 12 * time.Hour
	// serveMaxSessions bounds the sessions kept; the oldest go first.
	serveMaxSessions = 10000
	serveDefaultAdr  = "127.0.0.1:8080"
)

// securityHeaders are set on every response of serve.
var securityHeaders = [][2]string{
	{"Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'"},
	{"X-Content-Type-Options", "nosniff"},
	{"Referrer-Policy", "no-referrer"},
	{"X-Frame-Options", "DENY"},
}

// serveArgs are the flags of the serve command.
type serveArgs struct {
	addr  string
	token string
}

// serveConfig is what check makes of the flags.
type serveConfig struct {
	addr     string
	token    string
	loopback bool // addr is a loopback address
}

// check validates the flags; envToken is $TIPGRAPH_TOKEN, used when
// --token is not given. An address that is not loopback needs a token.
func (s *serveArgs) check(envToken string) (serveConfig, error) {
	c := serveConfig{addr: s.addr, token: s.token}
	if c.token == "" {
		c.token = envToken
	}
	for _, r := range c.token {
		if r <= ' ' || r == 0x7f {
			return c, usagef("--token: spaces and control characters cannot be sent in an Authorization header")
		}
	}
	if n := len(c.token); n > 0 && n < serveMinToken {
		return c, usagef("--token: %d characters is too short to resist guessing; give at least %d (for example: head -c 24 /dev/urandom | base64)", n, serveMinToken)
	}
	host, port, err := net.SplitHostPort(s.addr)
	if err != nil {
		return c, usagef("--addr %q: want HOST:PORT, e.g. %s", s.addr, serveDefaultAdr)
	}
	if p, err := strconv.Atoi(port); err != nil || p < 0 || p > 65535 {
		return c, usagef("--addr %q: port %q is not a number from 0 to 65535", s.addr, port)
	}
	c.loopback = isLoopbackHost(host)
	if !c.loopback && c.token == "" {
		where := host
		if where == "" {
			where = "every interface"
		}
		return c, usagef("--addr %s: %s is not a loopback address; give --token or set %s (every request must then carry Authorization: Bearer TOKEN)", s.addr, where, serveTokenEnv)
	}
	return c, nil
}

// isLoopbackHost says whether host (no port) names only this machine:
// localhost or a loopback IP. An empty host means every interface.
func isLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func newServeCmd(a *app) *cobra.Command {
	var sa serveArgs
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the web view and a JSON API of the analyses",
		Long: `serve reads the dataset once (--data or --neo4j) and serves the web view at /
and the analyses at /api/COMMAND (datasets, summary, hubs, routes, emerging,
divert, interdict, groups, estimate): the query parameters are the command's
flags and the body is what "tipgraph --format json COMMAND" prints
(/api/COMMAND.csv: --format csv). /api/map.svg and /api/map.png are the map of
"export". It prints "serving on http://HOST:PORT" once listening and stops on
SIGINT or SIGTERM.

It binds to 127.0.0.1 by default; another address needs --token (or
TIPGRAPH_TOKEN), then checked on every request as "Authorization: Bearer
TOKEN". Only GET and HEAD are served.`,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := sa.check(os.Getenv(serveTokenEnv))
			if err != nil {
				return err
			}
			return a.serve(cmd.Context(), cfg)
		},
	}
	f := cmd.Flags()
	f.StringVar(&sa.addr, "addr", serveDefaultAdr, "HOST:PORT to listen on (port 0: any free port)")
	f.StringVar(&sa.token, "token", "", "bearer token every request must carry (default $"+serveTokenEnv+"; required off loopback)")
	return cmd
}

// serve reads the dataset, listens and serves until ctx is cancelled.
//
// Over a store that aggregates (Neo4j), serve holds no record: it keeps
// the store open and reads what each request needs from it (leg graphs,
// tallies, routes, the records through a country, one stream of the
// records for a map's sums), kept in the memo as the leg graphs of held
// records are. Each request first asks the store whether a load or drop
// changed its datasets since (memo.sync), and then reads them afresh.
func (a *app) serve(ctx context.Context, cfg serveConfig) error {
	logger := log.New(a.stderr, "tipgraph serve: ", log.LstdFlags)
	var h *server
	if a.usesNeo4j() {
		st, agg, err := a.aggregatingStore(ctx)
		if err != nil {
			return err
		}
		defer st.Close(ctx)
		if agg == nil {
			return fmt.Errorf("serve: %T does not aggregate", st)
		}
		if h, err = newStoreServer(ctx, agg, cfg, a.sup.k, logger); err != nil {
			return err
		}
	} else {
		ds, err := a.dataset(ctx)
		if err != nil {
			return err
		}
		if h, err = newServer(ds, cfg, a.sup.k, logger); err != nil {
			return err
		}
	}
	// main turns the collector off for batch commands; a server runs for
	// long, so it collects as usual unless GOGC or GOMEMLIMIT say otherwise.
	// Over a store, every row the driver decodes is garbage once read
	// (half a million routes for a what-if of a million records): the
	// collector runs when the heap grows by half, as for the commands
	// (app.store), and harder near serveStoreMemory.
	if os.Getenv("GOGC") == "" && os.Getenv("GOMEMLIMIT") == "" {
		debug.SetGCPercent(100)
		debug.SetMemoryLimit(math.MaxInt64)
		if h.memo.store() != nil {
			debug.SetGCPercent(50)
			debug.SetMemoryLimit(serveStoreMemory)
		}
	}
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: serveReadHeaderTimeout,
		WriteTimeout:      serveWriteTimeout,
		IdleTimeout:       serveIdleTimeout,
		MaxHeaderBytes:    16 << 10,
		ErrorLog:          h.log,
	}
	fmt.Fprintf(a.stdout, "serving on http://%s\n", ln.Addr())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), serveShutdown)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		srv.Close()
		return fmt.Errorf("serve: shutdown: %w", err)
	}
	if err := <-done; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	return nil
}

// server is the http.Handler of serve: static page and API.
type server struct {
	ds       *graph.Dataset
	token    [sha256.Size]byte
	hasToken bool
	// sessions holds the signed-in browsers: the SHA-256 of each random
	// session id, with when it expires; login is the sign-in page.
	sessions  sessionStore
	login     *template.Template
	failMu    sync.Mutex // serialises failed sign-ins and wrong bearer tokens
	failDelay time.Duration
	failures  int // wrong tokens seen (under failMu)
	// checkHost refuses Host headers that are not loopback names (DNS
	// rebinding) when bound to loopback without a token.
	checkHost bool
	minCount  int
	slots     chan struct{}
	wait      time.Duration
	// heavy are the slots of heavy requests (fewer than slots, so cheap
	// requests always find one); heavyWait and heavyBudget their queue
	// wait and time limit.
	heavy       chan struct{}
	heavyWait   time.Duration
	heavyBudget time.Duration
	web         fs.FS
	log         *log.Logger
	// memo keeps leg graphs and diversions between requests.
	memo *memo
}

// serveStoreMemory is the soft memory limit of serve over a store
// (runtime/debug.SetMemoryLimit; GOMEMLIMIT overrides it). The collector
// runs more often as the heap nears it, and gives memory back to the
// system sooner. On a million generated records, a session of the page's
// requests peaked at 262 MB with it and 288-299 MB without.
const serveStoreMemory = 240 << 20

// newStoreServer is newServer over a store that aggregates: the dataset
// it serves is the store's, without its records (name, countries,
// groups and what the readers set aside), and every request reads the
// store through the memo.
func newStoreServer(ctx context.Context, agg aggregator, cfg serveConfig, minCount int, lg *log.Logger) (*server, error) {
	m := newMemo(memoMaxEntries, memoStoreMaxBytes)
	m.agg = agg
	// The first read, kept for the first requests.
	if err := m.sync(ctx); err != nil {
		return nil, fmt.Errorf("read dataset: %w", err)
	}
	ds, err := m.dataset(ctx)
	if err != nil {
		return nil, fmt.Errorf("read dataset: %w", err)
	}
	s, err := newServer(ds, cfg, minCount, lg)
	if err != nil {
		return nil, err
	}
	s.memo = m
	return s, nil
}

// newServer builds the handler; minCount is the global --min-count given
// to every command it runs.
func newServer(ds *graph.Dataset, cfg serveConfig, minCount int, lg *log.Logger) (*server, error) {
	web, err := fs.Sub(webFiles, "web")
	if err != nil {
		return nil, err
	}
	s := &server{
		ds: ds, minCount: minCount, web: web, log: lg,
		hasToken:  cfg.token != "",
		checkHost: cfg.loopback && cfg.token == "",
		slots:     make(chan struct{}, 2*runtime.GOMAXPROCS(0)),
		wait:      serveQueueWait,
		// At most half the slots, and never all of them.
		heavy:       make(chan struct{}, max(1, runtime.GOMAXPROCS(0)/2)),
		heavyWait:   serveHeavyWait,
		heavyBudget: serveHeavyTimeout,
		failDelay:   serveFailDelay,
		memo:        newMemo(memoMaxEntries, memoMaxBytes),
	}
	if s.hasToken {
		s.token = sha256.Sum256([]byte(cfg.token))
		if s.login, err = template.ParseFS(web, "login.html"); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// httpError is an error response: status and message.
type httpError struct {
	status int
	msg    string
}

func (e *httpError) Error() string { return e.msg }

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hd := w.Header()
	for _, h := range securityHeaders {
		hd.Set(h[0], h[1])
	}
	p := r.URL.Path
	if s.hasToken {
		switch {
		case p == "/login" || p == "/logout":
			s.signIn(w, r)
			return
		case strings.HasPrefix(p, "/static/") && (r.Method == http.MethodGet || r.Method == http.MethodHead):
			// The page's code and style are public; the data is not.
		case !s.authorized(r):
			if p == "/" && r.Method == http.MethodGet {
				s.loginPage(w, http.StatusOK, "") // a page to sign in on, no data
				return
			}
			hd.Set("WWW-Authenticate", `Bearer realm="tipgraph"`)
			writeError(w, http.StatusUnauthorized, "missing or wrong token: send Authorization: Bearer TOKEN, or sign in at /")
			return
		}
	}
	if s.checkHost && !loopbackHostHeader(r.Host) {
		writeError(w, http.StatusForbidden, fmt.Sprintf("host %q is not this machine's loopback name", r.Host))
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		hd.Set("Allow", "GET, HEAD")
		writeError(w, http.StatusMethodNotAllowed, fmt.Sprintf("method %s: the server is read-only, use GET or HEAD", r.Method))
		return
	}
	switch {
	case p == "/":
		s.static(w, r, "index.html")
	case strings.HasPrefix(p, "/static/"):
		s.static(w, r, strings.TrimPrefix(p, "/static/"))
	case strings.HasPrefix(p, "/api/"):
		s.api(w, r, strings.TrimPrefix(p, "/api/"))
	default:
		writeError(w, http.StatusNotFound, fmt.Sprintf("%s: not found (the page is at /, the API under /api/)", p))
	}
}

// authorized accepts the bearer token or the session cookie of a signed-in
// browser, compared in constant time (hashes of equal length, so the
// length does not leak either).
func (s *server) authorized(r *http.Request) bool {
	if tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok {
		if s.isToken(tok) {
			return true
		}
		s.failed(r, "bearer token")
		return false
	}
	c, err := r.Cookie(sessionCookie)
	return err == nil && s.sessions.valid(c.Value, time.Now())
}

// failed slows down a wrong token: failures are served one at a time,
// each after failDelay, so guessing is slow whichever way it comes.
func (s *server) failed(r *http.Request, what string) {
	s.failMu.Lock()
	time.Sleep(s.failDelay)
	s.failures++
	s.failMu.Unlock()
	s.log.Printf("serve: wrong %s from %s", what, r.RemoteAddr)
}

func (s *server) isToken(tok string) bool {
	sum := sha256.Sum256([]byte(tok))
	return subtle.ConstantTimeCompare(sum[:], s.token[:]) == 1
}

// Cookies of a signed-in browser: the session (HttpOnly, not readable by
// the page) and a flag the page reads to offer "Sign out".
const (
	sessionCookie  = "tipgraph_session"
	signedInCookie = "tipgraph_signed_in"
)

// signIn handles POST /login (the sign-in form: token=...) and POST
// /logout. A right token sets the session cookie (SameSite=Strict, so
// other sites' pages cannot use it) and sends the browser to the page; a
// wrong one shows the form again after a pause, and failed attempts are
// served one at a time, so guessing is slow.
func (s *server) signIn(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", "POST")
		writeError(w, http.StatusMethodNotAllowed, fmt.Sprintf("method %s: %s takes the sign-in form by POST", r.Method, r.URL.Path))
		return
	}
	if !sameOrigin(r) {
		writeError(w, http.StatusForbidden, fmt.Sprintf("%s from another site (Origin %q): sign in and out from the page", r.URL.Path, r.Header.Get("Origin")))
		return
	}
	secure := r.TLS != nil
	if r.URL.Path == "/logout" {
		if c, err := r.Cookie(sessionCookie); err == nil {
			s.sessions.drop(c.Value)
		}
		for _, name := range []string{sessionCookie, signedInCookie} {
			http.SetCookie(w, &http.Cookie{Name: name, Value: "", Path: "/", MaxAge: -1, HttpOnly: name == sessionCookie, Secure: secure, SameSite: http.SameSiteStrictMode})
		}
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 4096)
	if err := r.ParseForm(); err != nil {
		writeError(w, http.StatusBadRequest, "bad sign-in form: "+err.Error())
		return
	}
	if !s.isToken(r.PostForm.Get("token")) {
		s.failed(r, "sign-in")
		s.loginPage(w, http.StatusUnauthorized, "That is not the server's token.")
		return
	}
	id, err := s.sessions.open(time.Now())
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: id, Path: "/", HttpOnly: true, Secure: secure, SameSite: http.SameSiteStrictMode, MaxAge: int(serveSessionTTL / time.Second)})
	http.SetCookie(w, &http.Cookie{Name: signedInCookie, Value: "1", Path: "/", Secure: secure, SameSite: http.SameSiteStrictMode})
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// loginPage writes the sign-in form with status and an error message.
func (s *server) loginPage(w http.ResponseWriter, status int, msg string) {
	var b bytes.Buffer
	if err := s.login.Execute(&b, struct{ Error string }{msg}); err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(b.Bytes())
}

// loopbackHostHeader says whether a Host header names a loopback address.
func loopbackHostHeader(h string) bool {
	host, _, err := net.SplitHostPort(h)
	if err != nil {
		host = strings.Trim(h, "[]")
	}
	return isLoopbackHost(host)
}

// static serves one embedded file of web/; directories are not listed.
func (s *server) static(w http.ResponseWriter, r *http.Request, name string) {
	if !fs.ValidPath(name) || name == "." {
		writeError(w, http.StatusNotFound, "not found")
		return
	}
	st, err := fs.Stat(s.web, name)
	if err != nil || st.IsDir() {
		writeError(w, http.StatusNotFound, fmt.Sprintf("%s: not found", r.URL.Path))
		return
	}
	http.ServeFileFS(w, r, s.web, name)
}

// api answers /api/...: an analysis endpoint runs its typed query and
// renders the result as the CLI would; the map endpoints draw the map of
// export. No command line is built.
func (s *server) api(w http.ResponseWriter, r *http.Request, p string) {
	env := apiEnv{minCount: s.minCount, memo: s.memo}
	if format, ok := strings.CutPrefix(p, "map."); ok && (format == "svg" || format == "png") {
		req, err := parseAPIQuery(mapEndpoint, p, r.URL.RawQuery)
		if err != nil {
			he := err.(*httpError)
			writeError(w, he.status, he.msg)
			return
		}
		req.flags.Set("as", format)
		s.answer(w, r, false, func(ctx context.Context) (*bytes.Buffer, error) {
			ds, err := s.data(ctx)
			if err != nil {
				return nil, err
			}
			out, err := req.run(ctx, ds, env)
			if err != nil {
				return nil, err
			}
			return bytes.NewBuffer(out.([]byte)), nil
		}, map[string]string{"svg": "image/svg+xml", "png": "image/png"}[format], "")
		return
	}
	name, csv := strings.CutSuffix(p, ".csv")
	ep, ok := apiEndpoints[name]
	if !ok || name == "datasets" && csv {
		writeError(w, http.StatusNotFound, fmt.Sprintf("/api/%s: no such endpoint; want one of %s (JSON, or .csv), map.svg, map.png", p, strings.Join(slices.Sorted(maps.Keys(apiEndpoints)), ", ")))
		return
	}
	req, err := parseAPIQuery(ep, name, r.URL.RawQuery)
	if err != nil {
		he := err.(*httpError)
		writeError(w, he.status, he.msg)
		return
	}
	format, contentType, filename := render.JSON, "application/json", ""
	if csv {
		format, contentType, filename = render.CSV, "text/csv; charset=utf-8", name+".csv"
	}
	heavy := heavyAPI[name] != nil && heavyAPI[name](req.flags)
	s.answer(w, r, heavy, func(ctx context.Context) (*bytes.Buffer, error) {
		ds, err := s.data(ctx)
		if err != nil {
			return nil, err
		}
		res, err := req.run(ctx, ds, env)
		if err != nil {
			return nil, err
		}
		out := new(bytes.Buffer)
		return out, printResult(out, format, s.minCount, ds, res)
	}, contentType, filename)
}

// data is the dataset a request reads: the one serve read at start, or
// over a store the store's as it is now (the memo drops what it kept of
// an earlier load of it first).
func (s *server) data(ctx context.Context) (*graph.Dataset, error) {
	if s.memo.store() == nil {
		return s.ds, nil
	}
	if err := s.memo.sync(ctx); err != nil {
		return nil, err
	}
	return s.memo.dataset(ctx)
}

// answer computes one response in a computing slot, under the computation
// timeout, and writes it; a panic becomes a 500, an analysis error the
// status apiStatus gives it. A heavy request first takes one of the few
// heavy slots (503 with Retry-After at once when they are all taken) and
// runs under the shorter heavy budget.
func (s *server) answer(w http.ResponseWriter, r *http.Request, heavy bool, compute func(context.Context) (*bytes.Buffer, error), contentType, filename string) {
	ctx := r.Context()
	budget := serveComputeTimeout
	if heavy {
		if !acquire(ctx, s.heavy, s.heavyWait) {
			if ctx.Err() == nil {
				w.Header().Set("Retry-After", strconv.Itoa(max(1, int(s.heavyBudget/time.Second)/2)))
				writeError(w, http.StatusServiceUnavailable, fmt.Sprintf("%d expensive analyses (interdict, divert each, emerging by-year, routes with a large k) are running, the most at a time: try again in a moment", cap(s.heavy)))
			}
			return
		}
		defer func() { <-s.heavy }()
		budget = s.heavyBudget
	}
	if !acquire(ctx, s.slots, s.wait) {
		if ctx.Err() == nil {
			w.Header().Set("Retry-After", "1")
			writeError(w, http.StatusServiceUnavailable, "the server is busy: try again in a moment")
		}
		return
	}
	defer func() { <-s.slots }()
	out, err := func() (out *bytes.Buffer, err error) {
		ctx, cancel := context.WithTimeout(ctx, budget)
		defer cancel()
		defer func() {
			if p := recover(); p != nil {
				err = fmt.Errorf("internal error: %v", p)
				s.log.Printf("panic in %s: %v\n%s", r.URL.RequestURI(), p, debug.Stack())
			}
		}()
		return compute(ctx)
	}()
	if err != nil {
		if ctx.Err() != nil {
			return // the client went away; nobody reads an answer
		}
		status, msg := apiStatus(err)
		if status >= 500 {
			s.log.Printf("%s: %v", r.URL.RequestURI(), err)
		}
		writeError(w, status, msg)
		return
	}
	writeBody(w, out, contentType, filename)
}

// writeBody writes a 200 answer; a filename makes it a download.
func writeBody(w http.ResponseWriter, out *bytes.Buffer, contentType, filename string) {
	hd := w.Header()
	hd.Set("Content-Type", contentType)
	hd.Set("Content-Length", strconv.Itoa(out.Len()))
	hd.Set("Cache-Control", "no-store")
	if filename != "" {
		hd.Set("Content-Disposition", `attachment; filename="`+filename+`"`)
	}
	w.WriteHeader(http.StatusOK)
	w.Write(out.Bytes())
}

// acquire waits up to wait for one of slots.
func acquire(ctx context.Context, slots chan struct{}, wait time.Duration) bool {
	select {
	case slots <- struct{}{}:
		return true
	default:
	}
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case slots <- struct{}{}:
		return true
	case <-t.C:
		return false
	case <-ctx.Done():
		return false
	}
}

// writeError writes {"error": msg} with status.
func writeError(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]string{"error": msg})
}
