package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/platform/i18n"
)

// The browser harness of TestPagesA11y: one Chromium, a browser context
// (own cookies) and one reused tab per role, and the checks run on every
// page: axe-core, cumulative layout shift, console errors, a screenshot.

// maxCLS is the layout shift a page may show while it loads and settles.
const maxCLS = 0.05

// viewport is a screen the pages are checked on.
type viewport struct {
	name          string // as in the subtest and screenshot path: "390"
	width, height int64
	phone         bool // mobile emulation and touch
}

var (
	phone   = viewport{"390", 390, 844, true}
	desktop = viewport{"1366", 1366, 900, false}
)

// pageTab is one role's tab, remembering its language and screen so they
// are set again only when they change.
type pageTab struct {
	ctx  context.Context
	lang string
	vp   viewport

	mu   sync.Mutex
	errs []string // console errors since the last navigation
}

// newPageTab opens a tab in a browser context of its own on the browser of
// parent, collecting its console errors, uncaught exceptions and failed
// loads; closeTab closes it.
func newPageTab(t *testing.T, parent context.Context) (tab *pageTab, closeTab func()) {
	t.Helper()
	// chromedp's WithNewBrowserContext asks for a tab without a window,
	// which headless Chromium refuses in a context with none yet.
	browserExec := cdp.WithExecutor(parent, chromedp.FromContext(parent).Browser)
	bc, err := target.CreateBrowserContext().WithDisposeOnDetach(true).Do(browserExec)
	require.NoError(t, err, "a browser context")
	id, err := target.CreateTarget("about:blank").WithBrowserContextID(bc).WithNewWindow(true).Do(browserExec)
	require.NoError(t, err, "a tab in it")
	ctx, cancel := chromedp.NewContext(parent, chromedp.WithTargetID(id))
	tab = &pageTab{ctx: ctx}
	chromedp.ListenTarget(ctx, func(ev any) {
		var msg string
		switch e := ev.(type) {
		case *runtime.EventExceptionThrown:
			msg = "uncaught: " + e.ExceptionDetails.Text
			if e.ExceptionDetails.Exception != nil {
				msg += " " + e.ExceptionDetails.Exception.Description
			}
		case *runtime.EventConsoleAPICalled:
			if e.Type != runtime.APITypeError && e.Type != runtime.APITypeAssert {
				return
			}
			var parts []string
			for _, a := range e.Args {
				parts = append(parts, strings.Trim(string(a.Value), `"`)+a.Description)
			}
			msg = "console.error: " + strings.Join(parts, " ")
		case *log.EventEntryAdded:
			if e.Entry.Level != log.LevelError {
				return
			}
			msg = string(e.Entry.Source) + ": " + e.Entry.Text + " " + e.Entry.URL
		default:
			return
		}
		tab.mu.Lock()
		tab.errs = append(tab.errs, msg)
		tab.mu.Unlock()
	})
	if err := chromedp.Run(ctx); err != nil {
		cancel()
		t.Fatalf("open a tab: %v", err)
	}
	return tab, cancel
}

// use sets the tab's language (the switcher's cookie and Accept-Language)
// and screen when they differ from the last page's.
func (tab *pageTab) use(t *testing.T, base, lang string, vp viewport) {
	t.Helper()
	var actions []chromedp.Action
	if tab.lang != lang {
		actions = append(actions,
			network.SetExtraHTTPHeaders(network.Headers{"Accept-Language": lang}),
			network.SetCookie(i18n.CookieName, lang).WithURL(base).WithPath("/"))
	}
	if tab.vp != vp {
		if vp.phone {
			actions = append(actions, chromedp.EmulateViewport(vp.width, vp.height, chromedp.EmulateScale(2), chromedp.EmulateMobile, chromedp.EmulateTouch))
		} else {
			actions = append(actions, chromedp.EmulateViewport(vp.width, vp.height))
		}
	}
	step(t, tab.ctx, "set language "+lang+" and screen "+vp.name, actions...)
	tab.lang, tab.vp = lang, vp
}

// takeErrors returns and forgets the console errors collected so far.
func (tab *pageTab) takeErrors() []string {
	tab.mu.Lock()
	defer tab.mu.Unlock()
	errs := tab.errs
	tab.errs = nil
	return errs
}

// axeViolation is one axe-core rule a page breaks, with the elements.
type axeViolation struct {
	ID      string   `json:"id"`
	Impact  string   `json:"impact"`
	Help    string   `json:"help"`
	Targets []string `json:"targets"`
}

// pageReport is what the checks found on one page.
type pageReport struct {
	Lang       string         `json:"lang"` // <html lang>
	Violations []axeViolation `json:"violations"`
	CLS        float64        `json:"cls"`
	Shifted    []string       `json:"shifted"` // elements that moved most
}

// pagesCheckJS waits until the page is quiet (loaded, fonts in, no HTMX
// request and no new resource for 0.3 s; at most 10 s), then runs
// axe-core on the WCAG 2.0-2.2 A and AA rules and best practices, and sums
// the layout shifts the way Lighthouse does (the worst session window).
const pagesCheckJS = `(async () => {
  const sleep = ms => new Promise(r => setTimeout(r, ms));
  const shifts = [];
  const po = new PerformanceObserver(l => shifts.push(...l.getEntries()));
  po.observe({type: 'layout-shift', buffered: true});
  await document.fonts.ready;
  let quiet = 0, seen = -1;
  for (let i = 0; i < 100 && quiet < 3; i++) {
    const n = performance.getEntriesByType('resource').length;
    const busy = document.readyState !== 'complete' || document.querySelector('.htmx-request');
    quiet = (!busy && n === seen) ? quiet + 1 : 0;
    seen = n;
    await sleep(100);
  }
  const res = await axe.run(document, {
    runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']},
    resultTypes: ['violations'],
  });
  shifts.push(...po.takeRecords());
  po.disconnect();
  let cls = 0, cur = 0, first = 0, last = 0, worst = null;
  for (const e of shifts) {
    if (e.hadRecentInput) continue;
    if (cur > 0 && e.startTime - last < 1000 && e.startTime - first < 5000) { cur += e.value; } else { cur = e.value; first = e.startTime; }
    last = e.startTime;
    if (!worst || e.value > worst.value) worst = e;
    cls = Math.max(cls, cur);
  }
  const name = n => !n || !n.tagName ? '(gone)' :
    n.tagName.toLowerCase() + (n.id ? '#' + n.id : '') + (n.classList.length ? '.' + [...n.classList].join('.') : '');
  return {
    lang: document.documentElement.lang,
    cls,
    shifted: worst ? (worst.sources || []).map(s => name(s.node)) : [],
    violations: res.violations.map(v => ({
      id: v.id, impact: v.impact || '', help: v.help,
      targets: v.nodes.map(n => n.target.flat().join(' ')),
    })),
  };
})()`

// axeSource is tools/npm's axe-core, read once.
var axeSource = sync.OnceValues(func() (string, error) {
	b, err := os.ReadFile(filepath.Join(repoRoot(), "tools/npm/node_modules/axe-core/axe.min.js"))
	return string(b), err
})

// checkPage waits for the page in tab to settle, then runs axe-core and
// measures its layout shift, and writes a screenshot to shot (of the whole
// page with SCREENS_FULL=1).
func checkPage(t *testing.T, tab *pageTab, shot string) pageReport {
	t.Helper()
	axe, err := axeSource()
	require.NoError(t, err, "axe-core is installed by scripts/npm-tools.sh")
	var rep pageReport
	var png []byte
	await := func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }
	shoot := chromedp.CaptureScreenshot(&png)
	if os.Getenv("SCREENS_FULL") == "1" { // the whole page, not only its first screen
		shoot = chromedp.FullScreenshot(&png, 100)
	}
	step(t, tab.ctx, "check the page",
		chromedp.Evaluate(axe+";0", nil),
		chromedp.Evaluate(pagesCheckJS, &rep, await),
		shoot,
	)
	require.NoError(t, os.MkdirAll(filepath.Dir(shot), 0o755))
	require.NoError(t, os.WriteFile(shot, png, 0o644))
	return rep
}

// screensDir is where screenshots go: SCREENS_DIR, or tmp/screens at the
// repository's root (git-ignored).
func screensDir() string {
	if d := os.Getenv("SCREENS_DIR"); d != "" {
		return d
	}
	return filepath.Join(repoRoot(), "tmp", "screens")
}

// repoRoot is the folder holding go.mod, above the test's package.
func repoRoot() string {
	dir, _ := os.Getwd()
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d
		}
		if filepath.Dir(d) == d {
			return dir
		}
	}
}

// requireAxe installs the pinned npm tools (axe-core) with
// scripts/npm-tools.sh, as make lint does, when they are missing or older
// than tools/npm/package-lock.json.
func requireAxe(t *testing.T) {
	t.Helper()
	root := repoRoot()
	lock, err := os.ReadFile(filepath.Join(root, "tools/npm/package-lock.json"))
	require.NoError(t, err)
	stamp, _ := os.ReadFile(filepath.Join(root, "tools/npm/node_modules/.lock-hash"))
	sum := sha256.Sum256(lock)
	if strings.TrimSpace(string(stamp)) == hex.EncodeToString(sum[:]) {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "bash", "scripts/npm-tools.sh", "lighthouse", "--version")
	cmd.Dir = root
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "install the npm test tools (scripts/npm-tools.sh needs Node.js and npm):\n%s", out)
}

// describeViolation is one line per rule: id, impact, count, help and the
// first few elements.
func describeViolation(v axeViolation) string {
	targets := v.Targets
	more := ""
	if len(targets) > 4 {
		more = fmt.Sprintf(" and %d more", len(targets)-4)
		targets = targets[:4]
	}
	return fmt.Sprintf("%s (%s) x%d: %s — %s%s", v.ID, v.Impact, len(v.Targets), v.Help, strings.Join(targets, " | "), more)
}
