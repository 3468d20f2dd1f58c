package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// e2eShots is where TestPageE2E saves its screenshots (gitignored).
const e2eShots = "testdata/e2e"

// chromium returns the browser the end-to-end test drives: Debian's
// chromium (make tools installs it). Without it the test skips, except
// under CI=true where it fails.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "/usr/bin/chromium"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("chromium not found: run make tools (apt-get install chromium)")
	}
	t.Skip("chromium not found: apt-get install chromium to run the page test")
	return ""
}

// startServe runs `tipgraph serve --addr 127.0.0.1:0 extra...` in-process
// and returns its base URL; the server stops when the test ends.
func startServe(t *testing.T, extra ...string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	var errOut bytes.Buffer
	done := make(chan error, 1)
	go func() {
		err := run(ctx, append([]string{"serve", "--addr", "127.0.0.1:0"}, extra...), strings.NewReader(""), pw, &errOut)
		pw.CloseWithError(fmt.Errorf("serve returned: %v", err))
		done <- err
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("serve: %v", err)
			}
		case <-time.After(15 * time.Second):
			t.Error("serve did not stop 15s after its context was cancelled")
		}
	})
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatalf("reading the serving line: %v (stderr: %s)", err, errOut.String())
	}
	go io.Copy(io.Discard, pr) // serve prints nothing more; never block it
	url, ok := strings.CutPrefix(strings.TrimSpace(line), "serving on ")
	if !ok || !strings.HasPrefix(url, "http://127.0.0.1:") {
		t.Fatalf("first line %q: want serving on http://127.0.0.1:PORT", line)
	}
	return url
}

// browserPage is a page in headless Chromium with the helpers the page
// tests share. Script exceptions, console errors and browser-log errors
// (where CSP violations are reported) are collected; check reports them.
type browserPage struct {
	t        *testing.T
	ctx      context.Context
	cancel   func()
	mu       sync.Mutex
	problems []string
	done     chan struct{}
	// timings are the interactions timed by timed, in order.
	timings []timing
}

type timing struct {
	name string
	d    time.Duration
}

// newBrowserPage starts Chromium at 1400x1000; the browser closes when
// the test ends.
func newBrowserPage(t *testing.T, timeout time.Duration) *browserPage {
	t.Helper()
	exe := chromium(t)
	if err := os.MkdirAll(e2eShots, 0o755); err != nil {
		t.Fatal(err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1400, 1000),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	p := &browserPage{t: t, done: make(chan struct{})}
	// Console starts the browser, with no timeout on its context
	// (chromedp.Run's rule).
	messages := chromedp.Console(bctx)
	go func() {
		defer close(p.done)
		for m, err := range messages {
			if err != nil {
				return
			}
			// A wrong token is answered 401, as it should.
			if strings.Contains(m.String(), "status of 401") && strings.HasSuffix(m.URL, "/login") {
				continue
			}
			// A failed query answered 400 is shown in the page (the
			// failed-query step asks for one).
			if strings.Contains(m.String(), "status of 400") && strings.Contains(m.URL, "/api/") {
				continue
			}
			if m.Type == chromedp.ConsoleError || m.IsException() {
				p.mu.Lock()
				p.problems = append(p.problems, m.String()+" "+m.URL)
				p.mu.Unlock()
			}
		}
	}()
	ctx, cancel := context.WithTimeout(bctx, timeout)
	p.ctx = ctx
	p.cancel = func() {
		cancel()
		cancelBrowser()
		cancelAlloc()
	}
	t.Cleanup(p.cancel)
	return p
}

// check closes the browser and reports the page's problems.
func (p *browserPage) check() {
	p.t.Helper()
	p.cancel()
	<-p.done
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, m := range p.problems {
		p.t.Errorf("page: %s", m)
	}
}

func (p *browserPage) shot(name string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		buf, err := chromedp.CaptureScreenshot()(ctx, t)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(e2eShots, name), buf, 0o644)
	})
}

func (p *browserPage) eval(expr string) string {
	p.t.Helper()
	s, err := chromedp.Run(p.ctx, chromedp.Evaluate[string](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		p.t.Fatalf("%s: %v", expr, err)
	}
	return s
}

func (p *browserPage) text(sel string) string {
	p.t.Helper()
	return p.eval(fmt.Sprintf(`(document.querySelector(%q) || {}).textContent || ""`, sel))
}

func (p *browserPage) attr(sel, name string) string {
	p.t.Helper()
	return p.eval(fmt.Sprintf(`(document.querySelector(%q) || {getAttribute: () => ""}).getAttribute(%q) || ""`, sel, name))
}

// search is the page's query string.
func (p *browserPage) search() string {
	p.t.Helper()
	return p.eval(`decodeURIComponent(location.search)`)
}

// until waits until the expression is true, at most 30 s.
func until(expr, what string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		for {
			ok, err := chromedp.Evaluate[bool](expr)(ctx, t)
			if err != nil {
				return err
			}
			if ok {
				return nil
			}
			select {
			case <-ctx.Done():
				return fmt.Errorf("%s never happened: %w", what, ctx.Err())
			case <-time.After(20 * time.Millisecond):
			}
		}
	})
}

// waitText waits until the element's text contains want.
func waitText(sel, want string) chromedp.Action[chromedp.Void] {
	return until(fmt.Sprintf(`((document.querySelector(%q) || {}).textContent || "").includes(%q)`, sel, want),
		fmt.Sprintf("%s containing %q", sel, want))
}

// idle waits until the page is ready and no request is in flight.
var idle = until(`document.body.dataset.ready === "true" && document.body.dataset.busy === "0"`, "an idle page")

// choose sets a select's or input's value and fires its change event.
func choose(sel, value string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := chromedp.Evaluate[bool](fmt.Sprintf(`(() => { const e = document.querySelector(%q); e.value = %q; e.dispatchEvent(new Event("change", {bubbles: true})); return true; })()`, sel, value))(ctx, t)
		return err
	})
}

// clickCountry clicks a visible point of a country's node on the map.
func clickCountry(code string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		xy, err := chromedp.Evaluate[[]float64](fmt.Sprintf(`(() => {
			const codeOf = (n) => n.getAttribute("data-country") || (n.querySelector("title") || {textContent: ""}).textContent.replace(/\.label$/, "");
			for (const g of document.querySelectorAll("#map g.node, #map [data-country]")) {
				if (codeOf(g) !== %q) continue;
				const r = g.getBoundingClientRect();
				// From the centre outwards: a point on the edge may leave
				// the node when hovering redraws its outline.
				const steps = [4, 3, 5, 2, 6, 1, 7];
				for (const i of steps) for (const j of steps) {
					const x = r.left + r.width * i / 8, y = r.top + r.height * j / 8;
					const hit = document.elementFromPoint(x, y);
					const n = hit && hit.closest("g.node, [data-country]");
					if (n && codeOf(n) === %q) return [x, y];
				}
			}
			return [];
		})()`, code, code))(ctx, tg)
		if err != nil {
			return err
		}
		if len(xy) != 2 {
			return fmt.Errorf("no visible point of %s's node on the map", code)
		}
		_, err = chromedp.MouseClickXY(xy[0], xy[1])(ctx, tg)
		return err
	})
}

// step runs actions; on failure it saves a screenshot and stops the test.
func (p *browserPage) step(name string, actions ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	if err := chromedp.Do(p.ctx, actions...); err != nil {
		if buf, err := chromedp.Run(p.ctx, chromedp.CaptureScreenshot()); err == nil {
			os.WriteFile(filepath.Join(e2eShots, "failed-"+name+".png"), buf, 0o644)
		}
		p.t.Fatalf("%s: %v", name, err)
	}
}

// timed runs an interaction and waits until the page is idle again,
// recording how long that took (logged, never asserted).
func (p *browserPage) timed(name string, actions ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	mark := p.eval(`String(performance.now())`)
	start := time.Now()
	p.step(name, append(actions, idle)...)
	d := time.Since(start)
	p.timings = append(p.timings, timing{name, d})
	// The requests of the interaction and how long each took, so the
	// log says what the time went on.
	reqs := p.eval(fmt.Sprintf(`performance.getEntriesByType("resource").filter((e) => e.startTime >= %s && e.name.includes("/api/")).map((e) => decodeURIComponent(e.name.replace(/^.*\/api\//, "")) + " " + Math.round(e.duration) + " ms").join("; ")`, mark))
	p.t.Logf("timing %-28s %6.0f ms  %s", name, float64(d.Microseconds())/1000, reqs)
}

// printMedia emulates print media (on) or the screen (off).
func printMedia(on bool) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		media := ""
		if on {
			media = "print"
		}
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: media})
		return err
	})
}

// TestPageE2E drives the page in a real browser, on a server with a token:
// sign in, load, pick a year range, open a view from its URL (route query,
// years and a what-if), reload a view set by hand, search a country,
// click a country on the map, remove one in what-if mode and ask for
// routes around it, see a failed query clear the map, sort hubs, compare
// emerging sources, show a group, print, sign out. It saves a screenshot
// after each step in testdata/e2e and fails on any script exception or
// Content-Security-Policy violation.
func TestPageE2E(t *testing.T) {
	const token = "e2e-token-5f1c-0123456789"
	base := startServe(t, "--token", token)
	p := newBrowserPage(t, 240*time.Second)
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }

	// 0. The server asks for its token; a wrong one is refused.
	p.step("sign-in form",
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(css(`#token`)),
		chromedp.SendKeys(css(`#token`), "not-it"),
		chromedp.Click(css(`#sign-in`)),
		waitText(`main`, "That is not the server's token."),
		p.shot("00-sign-in.png"),
		chromedp.SendKeys(css(`#token`), token),
		chromedp.Click(css(`#sign-in`)),
		chromedp.WaitVisible(css(`body[data-ready="true"]`)),
		chromedp.WaitVisible(css(`#signout button`)),
	)

	// 1. The page loads with a map, the filters and the overview.
	p.step("load",
		chromedp.Navigate(base+"/"),
		idle,
		chromedp.WaitVisible(css(`#map svg g.node`)),
		waitText(`#map-out`, "Records"),
		p.shot("01-page.png"),
	)
	if got := p.text("#dataset"); got != "dataset toc2010" {
		t.Errorf("dataset label %q", got)
	}
	if got := p.text("#empty-years"); got != "no records in 1997-1999" {
		t.Errorf("empty years %q, want no records in 1997-1999 (toc2010 has 1996, then 2000-2008)", got)
	}
	if got := p.search(); got != "" {
		t.Errorf("query string at start %q, want none", got)
	}
	if got := p.eval(`String(document.querySelectorAll("#map svg g.node").length)`); len(got) < 2 {
		t.Errorf("%s map nodes, want a node and a label per country", got)
	}
	// Country labels (names and counts) are at least 11 px on screen: the
	// page asks the map at the pane's width (issue 16).
	labelPx := p.eval(`(() => {
	  let least = Infinity;
	  for (const g of document.querySelectorAll("#map svg g.node")) {
	    const title = g.querySelector("title");
	    if (!title || !title.textContent.endsWith(".label")) continue;
	    for (const tx of g.querySelectorAll("text")) least = Math.min(least, parseFloat(tx.getAttribute("font-size")) * tx.getScreenCTM().a);
	  }
	  return String(least.toFixed(2));
	})()`)
	if px, err := strconv.ParseFloat(labelPx, 64); err != nil || px < 11 {
		t.Errorf("country labels of %s px on screen at 1400x1000, want at least 11", labelPx)
	}
	// No tab but the visible one has fetched: hidden panels are empty.
	if got := p.text("#hubs-out") + p.text("#emerging-out") + p.text("#groups-out"); got != "" {
		t.Errorf("hidden tabs drew before they were opened: %.200q", got)
	}

	// Zoom in with the + button: the viewBox gets smaller.
	before := p.attr("#map svg", "viewBox")
	p.step("zoom", chromedp.Click(css(`#zoom-in`)))
	after := p.attr("#map svg", "viewBox")
	p.step("zoom reset", chromedp.Click(css(`#zoom-reset`)))
	if before == after || after == "" {
		t.Errorf("viewBox %q -> %q: zoom in did not change it", before, after)
	}

	// 2. A year range, written in the URL; a single year.
	p.timed("range 2003-2007",
		choose(`#year-from`, "2003"),
		choose(`#year-to`, "2007"),
		waitText(`#status`, "Filtered: years 2003-2007"),
	)
	p.step("range shot", chromedp.WaitVisible(css(`#map svg g.node`)), p.shot("02-range.png"))
	if got := p.search(); got != "?years=2003-2007" {
		t.Errorf("query string %q, want ?years=2003-2007", got)
	}
	if href := p.attr("#dl-svg", "href"); !strings.Contains(href, "years=2003-2007") {
		t.Errorf("map SVG link %q lacks years=2003-2007", href)
	}
	if got := p.eval(`[...document.querySelectorAll("#year-from option")].filter((o) => o.textContent.includes("no records")).map((o) => o.value).join()`); got != "1997,1998,1999" {
		t.Errorf("options marked empty: %q, want 1997,1998,1999", got)
	}
	// Emerging under the range compares its halves.
	p.timed("emerging under a range",
		chromedp.Click(css(`#tab-emerging`)),
		waitText(`#emerging-periods`, "The earlier half of 2003-2007 (2003-2004) against the later half (2006-2007)"),
	)
	p.step("emerging range shot", p.shot("03-emerging-range.png"))
	// One year: emerging says why it cannot compare, no raw error.
	p.timed("one year",
		choose(`#year-from`, "2006"),
		choose(`#year-to`, "2006"),
		waitText(`#status`, "Filtered: year 2006"),
		waitText(`#emerging-reason`, "choose a range of at least two years"),
	)
	if got := p.search(); got != "?tab=emerging&year=2006" {
		t.Errorf("query string %q, want ?tab=emerging&year=2006", got)
	}

	// 3. A link opens its view without a click: routes NG to IT in
	// 2003-2007, then with Ukraine and Libya removed.
	p.timed("open a route link",
		chromedp.Navigate(base+"/?tab=routes&from=NG&to=IT&years=2003-2007"),
		waitText(`#routes-out`, "Observed routes Nigeria (NG) \u2192 Italy (IT)"),
		waitText(`#map-note`, "routes NG \u2192 IT"),
	)
	p.step("route link shot", p.shot("04-link-routes.png"))
	if got := p.attr("#tab-routes", "aria-selected"); got != "true" {
		t.Errorf("routes tab selected %q", got)
	}
	if got := p.eval(`document.querySelector("#year-from").value + "-" + document.querySelector("#year-to").value`); got != "2003-2007" {
		t.Errorf("year range %q, want 2003-2007", got)
	}
	if href := p.attr("#dl-routes", "href"); !strings.Contains(href, "years=2003-2007") || !strings.Contains(href, "from=NG") {
		t.Errorf("routes CSV link %q", href)
	}
	p.timed("open a what-if route link",
		chromedp.Navigate(base+"/?tab=routes&from=NG&to=IT&years=2003-2007&remove=UA&remove=LY"),
		waitText(`#routes-out`, "closed to transit"),
		waitText(`#map-note`, "removed UA, LY"),
	)
	p.step("what-if route link shot", p.shot("05-link-routes-whatif.png"))
	if got := p.text("#routes-out"); strings.Contains(got, "NG > LY > IT") || !strings.Contains(got, "Ukraine (UA), Libya (LY) closed to transit") {
		t.Errorf("routes with UA and LY removed:\n%s", got)
	}
	if got := p.attr("#whatif", "aria-pressed"); got != "true" {
		t.Errorf("what-if button pressed %q, want true with remove in the URL", got)
	}
	if got := p.search(); got != "?tab=routes&years=2003-2007&from=NG&to=IT&remove=UA&remove=LY" {
		t.Errorf("query string %q", got)
	}

	// 4. A view set by hand survives a reload.
	p.timed("set form by hand", choose(`#form`, "sexual"), waitText(`#status`, "form sexual"))
	set := p.search()
	p.timed("reload", chromedp.Reload(), waitText(`#status`, "form sexual"))
	if got := p.search(); got != set || p.eval(`document.querySelector("#form").value`) != "sexual" {
		t.Errorf("after reload: query %q (was %q), form %q", got, set, p.eval(`document.querySelector("#form").value`))
	}

	// 5. Search a country by name, then by code.
	p.timed("search Italy",
		chromedp.Navigate(base+"/"),
		idle,
		chromedp.SendKeys(css(`#search`), "italy\n"),
		waitText(`#country-h`, "Italy (IT)"),
		waitText(`#country-out`, "Inflow by partner"),
	)
	p.step("search shot", p.shot("06-country-IT.png"))
	if got := p.text("#country-figures"); !strings.Contains(strings.Join(strings.Fields(got), ""), "4,872inflow") {
		t.Errorf("Italy's figures %q, want inflow 4,872 (country --country IT)", got)
	}
	if got := p.text("#country-out"); !strings.Contains(got, "Edo network") || !strings.Contains(got, "Albania (AL)") {
		t.Errorf("Italy's profile lacks its group or partner:\n%.500s", got)
	}
	if got := p.search(); got != "?country=IT" {
		t.Errorf("query string %q, want ?country=IT", got)
	}
	p.timed("search by code", choose(`#search`, ""),
		chromedp.SendKeys(css(`#search`), "ua\n"), waitText(`#country-h`, "Ukraine (UA)"))

	// 6. A click on the map shows a country's profile.
	p.timed("click Suriname", clickCountry("SR"), waitText(`#country-h`, "Suriname (SR)"), waitText(`#country-out`, "BR"))
	p.step("click shot", p.shot("07-click-SR.png"))
	if got := p.text("#country-out"); !strings.Contains(got, "Brazil (BR)") {
		t.Errorf("Suriname's transit lacks Brazil:\n%.400s", got)
	}

	// 7. What-if: remove Suriname on the map; the routes honour it.
	p.timed("what-if SR",
		chromedp.Click(css(`#country-close`)),
		chromedp.Click(css(`#whatif`)),
		chromedp.WaitVisible(css(`#panel-whatif`)),
		clickCountry("SR"),
		waitText(`#whatif-figures`, "disrupted"),
		waitText(`#map-note`, "removed SR"),
	)
	p.step("what-if shot", p.shot("08-whatif-SR.png"))
	fig := strings.Join(strings.Fields(p.text("#whatif-figures")), "")
	for _, want := range []string{"134affected", "0rerouted", "0deterred", "134disrupted"} {
		if !strings.Contains(fig, want) {
			t.Errorf("what-if figures %q lack %q", fig, want)
		}
	}
	if got := p.text("#removed"); got != "Suriname (SR)" {
		t.Errorf("removed %q, want Suriname (SR)", got)
	}
	// Pick a second country from the search list.
	p.timed("what-if pick UA", chromedp.SendKeys(css(`#remove-search`), "Ukraine\n"), waitText(`#removed`, "Ukraine (UA)"), waitText(`#map-note`, "removed SR, UA"))
	p.timed("routes BR-NL under what-if",
		chromedp.Click(css(`#tab-routes`)),
		choose(`#from`, "BR"),
		choose(`#to`, "NL"),
		chromedp.Click(css(`#route-go`)),
		waitText(`#routes-out`, "closed to transit"),
	)
	p.step("routes what-if shot", p.shot("09-routes-whatif.png"))
	if got := p.text("#routes-out"); strings.Contains(got, "BR > SR > NL") || !strings.Contains(got, "1 observed route(s) through them left out (3 records, 134 victims)") {
		t.Errorf("routes BR-NL with SR removed:\n%s", got)
	}

	// 8. A failed query clears the map and says why.
	p.timed("failed query",
		chromedp.Navigate(base+"/?years=2008-2003"),
		chromedp.WaitVisible(css(`#map .empty.error`)),
	)
	p.step("failed shot", p.shot("10-failed.png"))
	if got := p.text("#map-note"); !strings.HasPrefix(got, "No map: ") || p.eval(`String(!!document.querySelector("#map svg"))`) != "false" {
		t.Errorf("after a failed query: note %q, map svg %s", got, p.eval(`String(!!document.querySelector("#map svg"))`))
	}

	// A link with values the page cannot use says so.
	p.step("bad link",
		chromedp.Navigate(base+"/?tab=nope&remove=Atlantis"),
		idle,
		waitText(`#status`, "Left out of the link: tab \"nope\""),
	)
	if got := p.text("#status"); !strings.Contains(got, `remove "Atlantis" is not a country of this dataset`) {
		t.Errorf("status after a bad link %q", got)
	}

	// 9. Hubs sorted by betweenness, descending.
	p.timed("hubs",
		chromedp.Navigate(base+"/?tab=hubs"),
		chromedp.WaitVisible(css(`#hubs-out table`)),
	)
	p.step("hubs sort", chromedp.Click(chromedp.Search(`//th/button[text()="Betweenness"]`)), p.shot("11-hubs.png"))
	if got := p.eval(`[...document.querySelectorAll("#hubs-out th")].filter((th) => th.textContent.startsWith("Betweenness")).map((th) => th.getAttribute("aria-sort")).join()`); got != "descending" {
		t.Errorf("betweenness header aria-sort %q, want descending", got)
	}

	// 10. Emerging sources over all years, and a group with its diagram.
	p.timed("emerging",
		chromedp.Click(css(`#tab-emerging`)),
		waitText(`#emerging-out`, "Italy (IT)"),
		// Own periods by default: Turkey's shift shows with its years.
		waitText(`#emerging-out`, "Turkey (TR): 1,000 \u2192 1,731 victims (2003-2004 \u2192 2006-2007)"),
	)
	p.step("emerging by year",
		p.shot("12-emerging.png"),
		chromedp.Click(css(`#by-year`)),
		waitText(`#emerging-out`, "Missing years (left out, not zero): 1997, 1998"),
		waitText(`#emerging-out`, "Own nationals: 6.1% \u2192 16.9% of all victims; 21% of the share that moved"),
		chromedp.Click(css(`#by-year`)),
		waitText(`#emerging-out`, "Turkey (TR): 1,000 \u2192 1,731 victims (2003-2004 \u2192 2006-2007)"),
	)
	p.timed("groups",
		chromedp.Click(css(`#tab-groups`)),
		chromedp.WaitVisible(css(`#groups-out table button`)),
		chromedp.Click(css(`#groups-out table button`)),
		chromedp.WaitVisible(css(`#group-diagram svg`)),
	)
	p.step("group shot", p.shot("13-group.png"))
	if got := p.text("#groups-out"); !strings.Contains(got, "victims and countries count the records of the filters above") {
		t.Errorf("groups help text:\n%.300s", got)
	}
	p.timed("estimate", chromedp.Click(css(`#tab-estimate`)), waitText(`#estimate-out`, "146,000"))

	// Every control is in the URL and a reload restores it: the emerging
	// tab's destination and switches, the group shown, what-if on.
	group := p.eval(`document.querySelector("#groups-out tr.selected").dataset.group`)
	p.timed("emerging controls",
		chromedp.Click(css(`#tab-emerging`)),
		choose(`#destination`, "IT"),
		chromedp.Click(css(`#foreign`)),
		chromedp.Click(css(`#own-periods`)),
		waitText(`#emerging-periods`, "Baseline"),
	)
	controls := func() string {
		return p.eval(`["destination", "own-periods", "by-year", "foreign"].map((id) => { const e = document.getElementById(id); return id + "=" + (e.type === "checkbox" ? e.checked : e.value); }).join(" ")`)
	}
	wantControls := "destination=IT own-periods=false by-year=false foreign=true"
	if got := controls(); got != wantControls {
		t.Fatalf("controls %q, want %q", got, wantControls)
	}
	wantQuery := "?tab=emerging&group=" + group + "&destination=IT&own-periods=false&foreign=true"
	if got := p.search(); got != wantQuery {
		t.Errorf("query string %q, want %q", got, wantQuery)
	}
	emerging := p.text("#emerging-out")
	p.timed("reload emerging controls", chromedp.Reload(), waitText(`#emerging-periods`, "Baseline"))
	if got := controls(); got != wantControls {
		t.Errorf("after reload: controls %q, want %q", got, wantControls)
	}
	if got := p.search(); got != wantQuery {
		t.Errorf("after reload: query string %q, want %q", got, wantQuery)
	}
	if got := p.text("#emerging-out"); got != emerging {
		t.Errorf("after reload the emerging tab shows\n%.300s\nwant\n%.300s", got, emerging)
	}
	p.timed("by-year in the URL", chromedp.Click(css(`#by-year`)), waitText(`#emerging-periods`, "Trend of each share"))
	p.timed("reload by-year", chromedp.Reload(), waitText(`#emerging-periods`, "Trend of each share"))
	if got := p.eval(`String(document.getElementById("by-year").checked)`); got != "true" || !strings.Contains(p.search(), "by-year=true") {
		t.Errorf("after reload: by-year %s, query %q", got, p.search())
	}
	// By year, the destination has line charts of its origins: a panel
	// each with its victims and share, and a line or a dot in each plot.
	p.step("trend charts", chromedp.WaitVisible(css(`#emerging-out .trend-chart svg g`)), p.shot("13b-trend-charts.png"))
	panels := p.eval(`String(document.querySelectorAll("#emerging-out .trend-chart svg > g").length)`)
	marks := p.eval(`String(document.querySelectorAll("#emerging-out .trend-chart svg > g polyline, #emerging-out .trend-chart svg > g circle").length)`)
	if panels == "0" || marks == "0" {
		t.Errorf("trend charts: %s panels, %s lines and dots", panels, marks)
	}
	if got := p.text("#emerging-out .trend-chart svg > g text"); got == "" || !strings.Contains(p.text("#emerging-out .trend-chart"), "victims, up to") {
		t.Errorf("trend chart panel title %q, text %q", got, p.text("#emerging-out .trend-chart"))
	}
	p.timed("group link", chromedp.Click(css(`#tab-groups`)), chromedp.WaitVisible(css(`#group-diagram svg`)))
	if got := p.eval(`document.querySelector("#groups-out tr.selected").dataset.group`); got != group {
		t.Errorf("group after reload %q, want %q", got, group)
	}
	p.timed("regions by link", chromedp.Navigate(base+"/?aggregate=region"), chromedp.WaitVisible(css(`#map svg g.node`)))
	if got := p.eval(`document.getElementById("aggregate").value`); got != "region" || !strings.Contains(p.text("#map svg"), "Southern Europe") {
		t.Errorf("aggregate=region: select %q, map of regions %v", got, strings.Contains(p.text("#map svg"), "Southern Europe"))
	}
	p.timed("countries again", choose(`#aggregate`, "country"), waitText(`#map svg`, "Colombia"))
	if got := p.search(); got != "?aggregate=country" {
		t.Errorf("query string %q, want ?aggregate=country", got)
	}
	p.timed("what-if on by link", chromedp.Navigate(base+"/?tab=whatif&whatif=on"), chromedp.WaitVisible(css(`#panel-whatif`)))
	if got := p.attr("#whatif", "aria-pressed"); got != "true" || p.search() != "?tab=whatif&whatif=on" {
		t.Errorf("what-if link: button pressed %q, query %q", got, p.search())
	}

	// 11. Print: title, filters, map and the active table in full; no
	// buttons.
	p.step("print layout",
		chromedp.Navigate(base+"/?tab=hubs&years=2003-2007"),
		chromedp.WaitVisible(css(`#hubs-out table`)),
		idle,
		printMedia(true),
		p.shot("14-print.png"),
	)
	// Sort headers and country links print as plain text.
	buttons := p.eval(`String([...document.querySelectorAll("button")].filter((b) => b.offsetParent !== null && !b.matches("th button, button.link")).length)`)
	if buttons != "0" {
		t.Errorf("%s buttons visible in print", buttons)
	}
	if got := p.eval(`String(document.querySelectorAll("#hubs-out tbody tr").length) + " " + String([...document.querySelectorAll("#hubs-out tbody tr")].filter((r) => r.offsetParent !== null).length)`); got != "41 41" {
		t.Errorf("hubs rows in print (all, visible): %s, want 41 41", got)
	}
	if got := p.text("#print-filters"); got != "Filtered: years 2003-2007" || p.eval(`getComputedStyle(document.querySelector("#print-filters")).display`) == "none" {
		t.Errorf("print filters line %q", got)
	}
	if got := p.eval(`String(document.querySelector("#map svg").getBoundingClientRect().width > 600)`); got != "true" {
		t.Errorf("printed map narrower than 600 px")
	}
	p.step("screen again", printMedia(false))

	// 12. Signing out brings the sign-in form back.
	p.step("sign out",
		chromedp.Click(css(`#signout button`)),
		chromedp.WaitVisible(css(`#token`)),
	)
	p.check()
}

// TestPageScale times the page's interactions on a large dataset: set
// TIPGRAPH_E2E_DATA to its directory (go run ./cmd/tipgraph generate
// --countries 200 --flows 200000 --seed 1 -o /tmp/g200k). The times are
// logged (BENCHMARKS.md), never asserted; the answers' sizes are checked
// to stay under a few MB.
func TestPageScale(t *testing.T) {
	data := os.Getenv("TIPGRAPH_E2E_DATA")
	if data == "" {
		t.Skip("TIPGRAPH_E2E_DATA is not set: no large dataset to time the page on")
	}
	base := startServe(t, "--data", data)
	p := newBrowserPage(t, 300*time.Second)
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	// The busiest transit country and a route through it.
	p.timed("load", chromedp.Navigate(base+"/"), idle, chromedp.WaitVisible(css(`#map svg`)))
	p.step("load shot", p.shot("scale-01-load.png"))
	hub := p.eval(`fetch("/api/hubs?top=1").then((r) => r.json()).then((h) => h.hubs[0].country)`)
	route := p.eval(fmt.Sprintf(`fetch("/api/country?country=%s&top=1").then((r) => r.json()).then((c) => { const t = c.transit_by_partner[0]; return t.from + "-" + t.to; })`, hub))
	from, to, _ := strings.Cut(route, "-")
	p.timed("range 2003-2007", choose(`#year-from`, "2003"), choose(`#year-to`, "2007"), waitText(`#status`, "years 2003-2007"))
	p.timed("all years", choose(`#year-from`, ""), choose(`#year-to`, ""), waitText(`#status`, "All records"))
	p.timed("form sexual", choose(`#form`, "sexual"), waitText(`#status`, "form sexual"))
	p.timed("form all", choose(`#form`, ""), waitText(`#status`, "All records"))
	p.timed("search "+hub, chromedp.SendKeys(css(`#search`), hub+"\n"), waitText(`#country-out`, "Inflow by partner"))
	p.step("country shot", p.shot("scale-02-country.png"))
	// 200 countries are drawn as regions: a country is clicked on the
	// map of countries.
	p.timed("map of countries", choose(`#aggregate`, "country"),
		until(fmt.Sprintf(`[...document.querySelectorAll("#map g.node title")].some((t) => t.textContent === %q)`, hub), "the map of countries"))
	p.timed("click "+hub, chromedp.Click(css(`#country-close`)), clickCountry(hub), waitText(`#country-out`, "Inflow by partner"))
	p.timed("hubs tab", chromedp.Click(css(`#tab-hubs`)), chromedp.WaitVisible(css(`#hubs-out table`)))
	p.timed("emerging tab", chromedp.Click(css(`#tab-emerging`)), waitText(`#emerging-out`, "victims"))
	p.step("emerging shot", p.shot("scale-03-emerging.png"))
	p.timed("emerging 2003-2008", choose(`#year-from`, "2003"), choose(`#year-to`, "2008"), waitText(`#emerging-periods`, "earlier half"))
	p.timed("all years again", choose(`#year-from`, ""), choose(`#year-to`, ""), waitText(`#status`, "All records"))
	p.timed("routes "+from+"-"+to, chromedp.Click(css(`#tab-routes`)), choose(`#from`, from), choose(`#to`, to),
		chromedp.Click(css(`#route-go`)), waitText(`#routes-out`, "Observed routes"))
	// The map the route query leaves is drawn again first: a click on
	// a map being replaced is lost.
	p.step("clear routes", chromedp.Click(css(`#route-clear`)), idle)
	p.timed("what-if remove "+hub, chromedp.Click(css(`#whatif`)), idle, clickCountry(hub), waitText(`#whatif-figures`, "disrupted"))
	p.step("what-if shot", p.shot("scale-04-whatif.png"))
	p.timed("routes under what-if", chromedp.Click(css(`#tab-routes`)), choose(`#from`, from), choose(`#to`, to),
		chromedp.Click(css(`#route-go`)), waitText(`#routes-out`, "closed to transit"))
	// Printing shows all 200 hubs, not the first page of 50.
	p.step("print hubs", chromedp.Click(css(`#tab-hubs`)), chromedp.WaitVisible(css(`#hubs-out table`)), printMedia(true),
		until(`document.querySelectorAll("#hubs-out tbody tr").length === 200`, "200 hub rows in print"), p.shot("scale-05-print.png"), printMedia(false))
	p.timed("groups tab", chromedp.Click(css(`#tab-groups`)), waitText(`#groups-out`, "groups"))
	p.timed("estimate tab", chromedp.Click(css(`#tab-estimate`)), waitText(`#estimate-out`, "Stock"))
	// The largest answer the page fetched.
	largest := p.eval(`String(Math.max(...performance.getEntriesByType("resource").filter((e) => e.name.includes("/api/")).map((e) => e.decodedBodySize)))`)
	t.Logf("largest API answer: %s bytes", largest)
	if n, err := strconv.Atoi(largest); err != nil || n > 5<<20 {
		t.Errorf("largest API answer %s bytes, want at most 5 MB", largest)
	}
	p.check()
}

// TestPageSetAside: rows a reader set aside are said in a line under the
// title (the CTDC sample has three cases without citizenship or country
// of exploitation).
func TestPageSetAside(t *testing.T) {
	base := startServe(t, "--data", "../../ingest/testdata/ctdc_sample.csv")
	p := newBrowserPage(t, 60*time.Second)
	p.step("load", chromedp.Navigate(base+"/"), idle, chromedp.WaitVisible(chromedp.CSS(`#set-aside`)), p.shot("20-set-aside.png"))
	if got, want := p.text("#set-aside"), "3 input rows set aside (3 victims): missing citizenship (2); missing country of exploitation (1)"; got != want {
		t.Errorf("set-aside line %q, want %q", got, want)
	}
	p.check()
}

// TestPageBrokersOverTime: a link to the groups tab with a group whose
// ties carry dates shows its brokers over time, the periods as columns,
// within the years of the link; a group without dated ties shows none.
func TestPageBrokersOverTime(t *testing.T) {
	base := startServe(t, "--data", "builtin:toc2010", "--data", calls)
	p := newBrowserPage(t, 60*time.Second)
	p.step("calls", chromedp.Navigate(base+"/?tab=groups&group=calls"), idle, chromedp.WaitVisible(chromedp.CSS(`#group-timeline table`)),
		p.shot("21-brokers-over-time.png"))
	got := p.text("#group-timeline")
	for _, want := range []string{"Brokers over time", "2008", "2011", "Rose most", "Fell most", "weighted betweenness"} {
		if !strings.Contains(got, want) {
			t.Errorf("brokers over time lack %q:\n%.500s", want, got)
		}
	}
	p.step("calls 2010-2011", chromedp.Navigate(base+"/?tab=groups&years=2010-2011&group=calls"), idle,
		chromedp.WaitVisible(chromedp.CSS(`#group-timeline table`)))
	if got := p.text("#group-timeline thead"); strings.Contains(got, "2009") || !strings.Contains(got, "2010") {
		t.Errorf("within 2010-2011 the columns are %q", got)
	}
	p.step("undated group", chromedp.Navigate(base+"/?tab=groups&group=ro-unicri-01"), idle, chromedp.WaitVisible(chromedp.CSS(`#group-diagram svg`)))
	if got := p.text("#group-timeline"); got != "" {
		t.Errorf("a group without dated ties shows %q", got)
	}
	p.check()
}
