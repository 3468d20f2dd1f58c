package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
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

// TestPageE2E drives the page in a real browser, on a server with a token:
// sign in, load, move the period slider, ask for NG to IT routes, remove
// SR in what-if mode, sort hubs, show a group, sign out; it saves a
// screenshot after each step in testdata/e2e and fails on any script
// exception or Content-Security-Policy violation.
func TestPageE2E(t *testing.T) {
	exe := chromium(t)
	const token = "e2e-token-5f1c-0123456789"
	base := startServe(t, "--token", token)
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
		chromedp.WindowSize(1280, 800),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	bctx, cancelBrowser := chromedp.NewContext(actx)
	defer cancelBrowser()

	// Script exceptions, console errors and browser-log errors (where CSP
	// violations are reported) all fail the test. Console starts the
	// browser, with no timeout on its context (chromedp.Run's rule).
	var mu sync.Mutex
	var problems []string
	consoleDone := make(chan struct{})
	messages := chromedp.Console(bctx)
	go func() {
		defer close(consoleDone)
		for m, err := range messages {
			if err != nil {
				return
			}
			// The wrong token of step 0 is answered 401, as it should.
			if strings.Contains(m.String(), "status of 401") && strings.HasSuffix(m.URL, "/login") {
				continue
			}
			if m.Type == chromedp.ConsoleError || m.IsException() {
				mu.Lock()
				problems = append(problems, m.String()+" "+m.URL)
				mu.Unlock()
			}
		}
	}()
	ctx, cancel := context.WithTimeout(bctx, 90*time.Second)
	defer cancel()

	shot := func(name string) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			buf, err := chromedp.CaptureScreenshot()(ctx, t)
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(e2eShots, name), buf, 0o644)
		})
	}
	eval := func(ctx context.Context, expr string) (string, error) {
		return chromedp.Run(ctx, chromedp.Evaluate[string](expr))
	}
	text := func(sel string) string {
		t.Helper()
		s, err := eval(ctx, fmt.Sprintf(`(document.querySelector(%q) || {}).textContent || ""`, sel))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return s
	}
	attr := func(sel, name string) string {
		t.Helper()
		s, err := eval(ctx, fmt.Sprintf(`(document.querySelector(%q) || {getAttribute: () => ""}).getAttribute(%q) || ""`, sel, name))
		if err != nil {
			t.Fatalf("%s of %s: %v", name, sel, err)
		}
		return s
	}
	// waitText waits until the element's text contains want.
	waitText := func(sel, want string) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			for {
				s, err := chromedp.Evaluate[string](fmt.Sprintf(`(document.querySelector(%q) || {}).textContent || ""`, sel))(ctx, t)
				if err != nil {
					return err
				}
				if strings.Contains(s, want) {
					return nil
				}
				select {
				case <-ctx.Done():
					return fmt.Errorf("%s never contained %q (last: %q): %w", sel, want, s, ctx.Err())
				case <-time.After(50 * time.Millisecond):
				}
			}
		})
	}
	step := func(name string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			if buf, err := chromedp.Run(ctx, chromedp.CaptureScreenshot()); err == nil {
				os.WriteFile(filepath.Join(e2eShots, "failed-"+name+".png"), buf, 0o644)
			}
			t.Fatalf("%s: %v", name, err)
		}
	}
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }

	// 0. The server asks for its token; a wrong one is refused.
	step("sign-in form",
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(css(`#token`)),
		chromedp.SendKeys(css(`#token`), "not-it"),
		chromedp.Click(css(`#sign-in`)),
		waitText(`main`, "That is not the server's token."),
		shot("00-sign-in.png"),
		chromedp.SendKeys(css(`#token`), token),
		chromedp.Click(css(`#sign-in`)),
		chromedp.WaitVisible(css(`body[data-ready="true"]`)),
		chromedp.WaitVisible(css(`#signout button`)),
	)

	// 1. The page loads with a map, filters and the route panel.
	step("load",
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(css(`body[data-ready="true"]`)),
		chromedp.WaitVisible(css(`#map svg g.node`)),
		shot("01-page.png"),
	)
	if got := text("#dataset"); got != "dataset toc2010" {
		t.Errorf("dataset label %q", got)
	}
	if got := text("#year-out"); got != "all" {
		t.Errorf("year label at start %q, want all", got)
	}
	if n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#map svg g.node").length`)); err != nil || n < 40 {
		t.Errorf("%d map nodes (%v), want a node and a label per country", n, err)
	}

	// Zoom in with the + button: the viewBox gets smaller.
	before := attr("#map svg", "viewBox")
	step("zoom", chromedp.Click(css(`#zoom-in`)))
	after := attr("#map svg", "viewBox")
	step("zoom reset", chromedp.Click(css(`#zoom-reset`)))
	if before == after || after == "" {
		t.Errorf("viewBox %q -> %q: zoom in did not change it", before, after)
	}

	// 2. The slider: leave "all years", move to 2006 with the keyboard.
	step("slider",
		chromedp.Click(css(`#all-years`)),
		waitText(`#status`, "year 2008"),
		chromedp.Focus(css(`#year`)),
		chromedp.KeyEvent(kb.ArrowLeft),
		chromedp.KeyEvent(kb.ArrowLeft),
		waitText(`#year-out`, "2006"),
		waitText(`#status`, "Filtered: year 2006"),
		chromedp.WaitVisible(css(`#map svg g.node`)),
		shot("02-year-2006.png"),
	)
	if href := attr("#dl-svg", "href"); !strings.Contains(href, "year=2006") {
		t.Errorf("map SVG link %q lacks year=2006", href)
	}
	step("all years", chromedp.Click(css(`#all-years`)), waitText(`#status`, "All records"))

	// 3. Routes from Nigeria to Italy.
	step("routes",
		chromedp.SetValue(css(`#from`), "NG"),
		chromedp.SetValue(css(`#to`), "IT"),
		chromedp.Click(css(`#route-go`)),
		waitText(`#routes-out`, "NG > LY > IT"),
		waitText(`#map-note`, "routes NG \u2192 IT"),
		shot("03-routes-NG-IT.png"),
	)
	if got := text("#routes-out"); !strings.Contains(got, "Observed routes Nigeria (NG) \u2192 Italy (IT) (2)") || !strings.Contains(got, "221") {
		t.Errorf("routes panel:\n%s", got)
	}

	// 4. What-if: remove Suriname by clicking its node on the map.
	step("what-if",
		chromedp.Click(css(`#route-clear`)),
		chromedp.Click(css(`#whatif`)),
		chromedp.WaitVisible(css(`#panel-whatif`)),
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			// Wait for the unfiltered map, then click a point of SR's
			// node (its circle or its label) that nothing covers.
			for {
				note, err := chromedp.Evaluate[string](`document.querySelector("#map-note").textContent`)(ctx, tg)
				if err != nil {
					return err
				}
				if !strings.Contains(note, "routes") && strings.Contains(note, "victims") {
					break
				}
				select {
				case <-ctx.Done():
					return ctx.Err()
				case <-time.After(50 * time.Millisecond):
				}
			}
			xy, err := chromedp.Evaluate[[]float64](`(() => {
				for (const g of document.querySelectorAll("#map g.node")) {
					const code = g.querySelector("title").textContent.replace(/\.label$/, "");
					if (code !== "SR") continue;
					const r = g.getBoundingClientRect();
					for (let i = 1; i < 8; i++) for (let j = 1; j < 8; j++) {
						const x = r.left + r.width * i / 8, y = r.top + r.height * j / 8;
						const hit = document.elementFromPoint(x, y);
						const n = hit && hit.closest("g.node");
						if (n && n.querySelector("title").textContent.replace(/\.label$/, "") === "SR") return [x, y];
					}
				}
				return [];
			})()`)(ctx, tg)
			if err != nil {
				return err
			}
			if len(xy) != 2 {
				return errors.New("no visible point of SR's node on the map")
			}
			_, err = chromedp.MouseClickXY(xy[0], xy[1])(ctx, tg)
			return err
		}),
		waitText(`#whatif-figures`, "disrupted"),
		waitText(`#map-note`, "removed SR"),
		shot("04-whatif-SR.png"),
	)
	fig := strings.Join(strings.Fields(text("#whatif-figures")), "")
	for _, want := range []string{"134affected", "0rerouted", "0deterred", "134disrupted"} {
		if !strings.Contains(fig, want) {
			t.Errorf("what-if figures %q lack %q", fig, want)
		}
	}
	if got := text("#removed"); got != "Suriname (SR)" {
		t.Errorf("removed %q, want Suriname (SR)", got)
	}
	if got := text("#whatif-out"); !strings.Contains(got, "BR > SR > NL") {
		t.Errorf("what-if flows lack BR > SR > NL:\n%s", got)
	}

	// 5. Hubs sorted by betweenness, descending.
	step("hubs",
		chromedp.Click(css(`#whatif`)),
		chromedp.Click(css(`#tab-hubs`)),
		chromedp.WaitVisible(css(`#hubs-out table`)),
		chromedp.Click(chromedp.Search(`//th/button[text()="Betweenness"]`)),
		shot("05-hubs.png"),
	)
	if got, err := eval(ctx, `[...document.querySelectorAll("#hubs-out th")].filter((th) => th.textContent.startsWith("Betweenness")).map((th) => th.getAttribute("aria-sort")).join()`); err != nil || got != "descending" {
		t.Errorf("betweenness header aria-sort %q (%v), want descending", got, err)
	}

	// 6. Emerging sources and a group with its diagram.
	step("emerging",
		chromedp.Click(css(`#tab-emerging`)),
		waitText(`#emerging-out`, "Italy (IT)"),
		// Own periods by default: Turkey's shift shows with its years.
		waitText(`#emerging-out`, "Turkey (TR): 1,000 \u2192 1,731 victims (2003-2004 \u2192 2006-2007)"),
		shot("06-emerging.png"),
		// By year: Italy's missing years are named, and its own
		// nationals' part of the change.
		chromedp.Click(css(`#by-year`)),
		waitText(`#emerging-out`, "Missing years (left out, not zero): 1997, 1998"),
		waitText(`#emerging-out`, "Own nationals: 6.1% \u2192 16.9% of all victims; 21% of the share that moved"),
		chromedp.Click(css(`#by-year`)),
		waitText(`#emerging-out`, "Turkey (TR): 1,000 \u2192 1,731 victims (2003-2004 \u2192 2006-2007)"),
	)
	step("groups",
		chromedp.Click(css(`#tab-groups`)),
		chromedp.WaitVisible(css(`#groups-out table button`)),
		chromedp.Click(css(`#groups-out table button`)),
		chromedp.WaitVisible(css(`#group-diagram svg`)),
		shot("07-group.png"),
	)
	if got := text("#groups-out"); !strings.Contains(got, "victims and countries count the records of the filters above") {
		t.Errorf("groups help text:\n%.300s", got)
	}
	// A year filter restricts the records groups count.
	step("groups by year", chromedp.Click(css(`#all-years`)), waitText(`#status`, "Filtered: year 2006"))
	if href := attr("#dl-groups", "href"); !strings.Contains(href, "year=2006") {
		t.Errorf("groups CSV link %q lacks the year filter", href)
	}

	// 7. Signing out brings the sign-in form back.
	step("sign out",
		chromedp.Click(css(`#signout button`)),
		chromedp.WaitVisible(css(`#token`)),
	)

	cancelBrowser()
	<-consoleDone
	mu.Lock()
	defer mu.Unlock()
	for _, p := range problems {
		t.Errorf("page: %s", p)
	}
}
