package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/stretchr/testify/require"
)

// viewports are the phone and the laptop the buyer pages are checked at.
var viewports = []struct{ w, h int64 }{{390, 844}, {1366, 900}}

// TestBuyerPages checks the catalogue's pages in headless Chromium as a
// moviegoer meets them, at a phone's and a laptop's size: nothing moves
// while a page loads, the first posters are not lazy, a showtime opens the
// seat map, the movie page opens on a day with shows, every control is
// named with its visible words and shows focus, the date strip is
// readable, and the footer switches the language.
func TestBuyerPages(t *testing.T) {
	t.Parallel()
	base := journeySite(t)
	ctx := browser(t)
	step(t, ctx, "choose London",
		chromedp.Navigate(base+"/cities"),
		chromedp.Click(`button[name=city][value=london]`, chromedp.ByQuery),
		chromedp.WaitVisible(`a.poster-card__link`, chromedp.ByQuery),
	)
	var moviePath, theaterPath string
	step(t, ctx, "find a movie and a theater",
		chromedp.AttributeValue(`a.poster-card__link`, "href", &moviePath, nil, chromedp.ByQuery),
		chromedp.Navigate(base+"/theaters"),
		chromedp.AttributeValue(`.theater-card__name a`, "href", &theaterPath, nil, chromedp.ByQuery),
	)
	pages := map[string]string{"home": "/", "movie": moviePath, "theater": theaterPath, "theaters": "/theaters"}

	for _, vp := range viewports {
		for _, name := range []string{"home", "movie", "theater", "theaters"} {
			tab := viewportTab(t, ctx, vp.w, vp.h)
			var shift float64
			var unsized, blocking []string
			step(t, tab, fmt.Sprintf("load the %s page at %dx%d", name, vp.w, vp.h),
				chromedp.Navigate(base+pages[name]),
				chromedp.Poll(settledJS, nil, chromedp.WithPollingInterval(50e6)),
				chromedp.Evaluate(layoutShiftJS, &shift, awaitPromise),
				chromedp.Evaluate(`Array.from(document.images).filter(i => !i.getAttribute("width") || !i.getAttribute("height")).map(i => i.src)`, &unsized),
				chromedp.Evaluate(`Array.from(document.querySelectorAll("script[src]")).filter(s => !s.defer && !s.async).map(s => s.src)`, &blocking),
			)
			require.Less(t, shift, 0.05, "the %s page at %dx%d moves as it loads (cumulative layout shift)", name, vp.w, vp.h)
			require.Empty(t, unsized, "images without width and height reserve no space")
			require.Empty(t, blocking, "scripts that block rendering")
			screenshot(t, tab, fmt.Sprintf("%s-%dx%d", name, vp.w, vp.h))
		}
	}

	t.Run("the first posters load at once, ahead of the rest", func(t *testing.T) {
		var first struct {
			Loading  string `json:"loading"`
			Priority string `json:"priority"`
		}
		step(t, ctx, "read the first poster", chromedp.Navigate(base+"/"),
			chromedp.Evaluate(`(i => ({loading: i.loading, priority: i.getAttribute("fetchpriority") || ""}))(document.querySelector(".poster-grid img"))`, &first))
		require.NotEqual(t, "lazy", first.Loading)
		require.Equal(t, "high", first.Priority)
	})

	t.Run("the movie page opens on a day with shows and a showtime opens the seat map", func(t *testing.T) {
		var seatsURL string
		step(t, ctx, "tap the first showtime",
			chromedp.Navigate(base+moviePath),
			chromedp.WaitVisible(`.date-strip__day.is-current:not(.is-empty)`, chromedp.ByQuery),
			chromedp.WaitVisible(`a.chip`, chromedp.ByQuery),
			chromedp.Click(`a.chip`, chromedp.ByQuery),
			chromedp.WaitVisible(`#seatmap`, chromedp.ByQuery),
			chromedp.Location(&seatsURL),
		)
		require.Regexp(t, `/shows/\d+/seats$`, seatsURL, "straight to the seat map, no summary page between")
		show := regexp.MustCompile(`/shows/\d+`).FindString(seatsURL)
		step(t, ctx, "the show's old address leads there too",
			chromedp.Navigate(base+show), chromedp.WaitVisible(`#seatmap`, chromedp.ByQuery), chromedp.Location(&seatsURL))
		require.Regexp(t, `/shows/\d+/seats$`, seatsURL)
	})

	t.Run("controls are named with their visible words, on a phone", func(t *testing.T) {
		tab := viewportTab(t, ctx, 390, 844)
		for _, name := range []string{"home", "movie", "theater"} {
			for _, c := range controlNames(t, tab, base+pages[name]) {
				require.NotEmpty(t, c.Name, "%s page: %s has no accessible name", name, c.What)
				require.Contains(t, squash(c.Name), squash(c.Visible), "%s page: %s is called %q but reads %q", name, c.What, c.Name, c.Visible)
			}
		}
	})

	t.Run("the date strip and header read at AA contrast", func(t *testing.T) {
		var low []string
		step(t, ctx, "measure contrast", chromedp.Navigate(base+moviePath),
			chromedp.WaitVisible(`.date-strip`, chromedp.ByQuery),
			chromedp.Evaluate(contrastJS+`lowContrast(".date-strip, .site-header, .site-footer, .chips")`, &low))
		require.Empty(t, low, "text below 4.5:1 (3:1 when large)")
	})

	t.Run("every control shows where the keyboard is", func(t *testing.T) {
		tab := viewportTab(t, ctx, 390, 844)
		for _, path := range []string{"/", moviePath} {
			step(t, tab, "open "+path, chromedp.Navigate(base+path), chromedp.WaitVisible(`footer`, chromedp.ByQuery))
			var stops int
			// Only the stops Tab reaches: past the last one it wraps to the
			// top, where headless Chromium's focus is no longer keyboard focus.
			step(t, tab, "count the stops", chromedp.Evaluate(`Array.from(document.querySelectorAll("a[href], button, select, input, summary"))
				.filter(e => !e.disabled && e.type !== "hidden" && e.tabIndex >= 0 && e.getClientRects().length > 0).length`, &stops))
			for i := 0; i < min(stops, 60); i++ {
				var bad string
				step(t, tab, "tab", chromedp.KeyEvent(kb.Tab), chromedp.Evaluate(focusRingJS, &bad))
				require.Empty(t, bad, "%s: focus is invisible on the %dth stop", path, i+1)
			}
		}
	})

	t.Run("the footer switches the language and the page follows", func(t *testing.T) {
		var langs []string
		var nav, html string
		step(t, ctx, "choose Español",
			chromedp.Navigate(base+moviePath),
			chromedp.Evaluate(`Array.from(document.querySelectorAll("#lang-switch-select option")).map(o => o.lang + ":" + o.textContent)`, &langs),
			chromedp.SetValue(`#lang-switch-select`, "es", chromedp.ByQuery),
			chromedp.Click(`.lang-switch__go`, chromedp.ByQuery),
			chromedp.WaitReady(`html[lang=es]`, chromedp.ByQuery),
			chromedp.Text(`.site-nav`, &nav, chromedp.ByQuery),
			chromedp.Location(&html),
		)
		require.Equal(t, []string{"en:English", "hi:हिन्दी", "es:Español"}, langs, "each language named in itself")
		require.Contains(t, nav, "Películas")
		require.Contains(t, html, moviePath, "back on the same page")
		var h2 string
		step(t, ctx, "the page is in Spanish", chromedp.Text(`#showtimes-title`, &h2, chromedp.ByQuery))
		require.Equal(t, "Horarios", strings.TrimSpace(h2))
		screenshot(t, ctx, "movie-es-390x844")
		step(t, ctx, "back to English", chromedp.SetValue(`#lang-switch-select`, "en", chromedp.ByQuery),
			chromedp.Click(`.lang-switch__go`, chromedp.ByQuery), chromedp.WaitReady(`html[lang=en]`, chromedp.ByQuery))
	})
}

// viewportTab opens a tab of the browser at w x h, in front, that counts
// layout shifts from the start of every page it loads.
func viewportTab(t *testing.T, browserCtx context.Context, w, h int64) context.Context {
	t.Helper()
	tab, cancel := chromedp.NewContext(browserCtx)
	t.Cleanup(cancel)
	// The first Run opens the tab and ties it to its context: with step's
	// deadline it would close the tab when that step ends.
	require.NoError(t, chromedp.Run(tab), "open a tab")
	// A tab behind another gets no animation frames: bring it forward.
	step(t, tab, "size the tab", page.BringToFront(), chromedp.EmulateViewport(w, h), chromedp.ActionFunc(func(ctx context.Context) error {
		_, err := page.AddScriptToEvaluateOnNewDocument(countShiftsJS).Do(ctx)
		return err
	}))
	return tab
}

// control is an interactive element: what it is, its accessible name and
// the words a sighted user sees on it.
type control struct {
	What, Name, Visible string
}

// controlNames lists the header's, date strip's and footer's links and
// buttons with their names as the browser's accessibility tree has them.
func controlNames(t *testing.T, tab context.Context, url string) []control {
	t.Helper()
	var out []control
	var nodes []*cdp.Node
	step(t, tab, "read the controls of "+url, chromedp.Navigate(url),
		chromedp.Evaluate(visibleTextJS, &out),
		chromedp.Nodes(`[data-t-control]`, &nodes, chromedp.ByQueryAll),
		chromedp.ActionFunc(func(ctx context.Context) error {
			for i, n := range nodes {
				ax, err := accessibility.GetPartialAXTree().WithBackendNodeID(n.BackendNodeID).WithFetchRelatives(false).Do(ctx)
				if err != nil || len(ax) == 0 || ax[0].Name == nil {
					continue
				}
				if err := json.Unmarshal(ax[0].Name.Value, &out[i].Name); err != nil {
					return fmt.Errorf("name of %s: %w", out[i].What, err)
				}
			}
			return nil
		}),
	)
	require.Len(t, nodes, len(out))
	return out
}

// squash lowercases s and drops its spaces, to compare words however the
// browser joined them.
func squash(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), ""))
}

// screenshot writes the page to $SCREENSHOTS_DIR/catalog-<name>.png when
// the variable is set.
func screenshot(t *testing.T, tab context.Context, name string) {
	t.Helper()
	dir := os.Getenv("SCREENSHOTS_DIR")
	if dir == "" {
		return
	}
	var png []byte
	step(t, tab, "screenshot "+name, chromedp.FullScreenshot(&png, 100))
	file := filepath.Join(dir, "catalog-"+name+".png")
	require.NoError(t, os.MkdirAll(dir, 0o750))
	require.NoError(t, os.WriteFile(file, png, 0o600))
	t.Log("screenshot:", file)
}

func awaitPromise(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }

// countShiftsJS runs before a page's own scripts and adds up its layout
// shifts not caused by the user (the cumulative layout shift).
const countShiftsJS = `window.__shift = 0;
new PerformanceObserver(function (list) {
  list.getEntries().forEach(function (e) { if (!e.hadRecentInput) { window.__shift += e.value; } });
}).observe({type: "layout-shift", buffered: true});`

// settledJS is true once the page has loaded, htmx has no request in
// flight (an element fetching on "load" stays in the page after its swap,
// so only a running request counts) and the images that are not lazy have
// arrived.
const settledJS = `document.readyState === "complete" &&
  !document.querySelector('.htmx-request') &&
  Array.from(document.images).every(i => i.loading === "lazy" || i.complete)`

// layoutShiftJS resolves to the page's layout shift so far, two frames on
// (the observer reports after the frame a shift happens in).
const layoutShiftJS = `new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => r(window.__shift), 0))))`

// visibleTextJS marks the header's, date strip's and footer's links and
// buttons (data-t-control) and returns each with the words a sighted user
// sees on it: visually hidden text (clipped to a pixel) does not count.
const visibleTextJS = `(function () {
  function shown(el) {
    for (var e = el; e; e = e.parentElement) {
      var s = getComputedStyle(e);
      if (s.display === "none" || s.visibility === "hidden" || s.clip === "rect(0px, 0px, 0px, 0px)") { return false; }
    }
    return true;
  }
  var els = Array.from(document.querySelectorAll(".site-header a, .site-header button, .site-header summary, .date-strip a, .site-footer a, .site-footer button"))
    .filter(function (el) { return el.getClientRects().length > 0 && shown(el); });
  return els.map(function (el, i) {
    el.setAttribute("data-t-control", i);
    var words = [];
    var walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    while (walk.nextNode()) {
      var n = walk.currentNode;
      if (n.textContent.trim() && shown(n.parentElement)) { words.push(n.textContent.trim()); }
    }
    return {What: el.outerHTML.slice(0, 120), Name: "", Visible: words.join(" ")};
  });
})()`

// focusRingJS describes the focused element when it shows no focus ring
// (an outline of 2px or more, or a box shadow), else "".
const focusRingJS = `(function () {
  var el = document.activeElement;
  if (!el || el === document.body) { return ""; }
  var s = getComputedStyle(el);
  if ((s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== "none") { return ""; }
  return el.outerHTML.slice(0, 160);
})()`

// contrastJS defines lowContrast(selector): the texts inside it whose
// colour against their background is below WCAG AA, with their ratio.
const contrastJS = `function lowContrast(sel) {
  function rgba(c) {
    var m = c.match(/rgba?\(([^)]+)\)/);
    if (!m) { return null; }
    var p = m[1].split(/[\s,\/]+/).filter(Boolean).map(parseFloat);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  }
  function over(top, below) {
    var a = top[3];
    return [top[0] * a + below[0] * (1 - a), top[1] * a + below[1] * (1 - a), top[2] * a + below[2] * (1 - a), 1];
  }
  function background(el) {
    var layers = [];
    for (var e = el; e; e = e.parentElement) {
      var c = rgba(getComputedStyle(e).backgroundColor);
      if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) { break; } }
    }
    var bg = [255, 255, 255, 1];
    for (var i = layers.length - 1; i >= 0; i--) { bg = over(layers[i], bg); }
    return bg;
  }
  function opacity(el) {
    var o = 1;
    for (var e = el; e; e = e.parentElement) { o *= parseFloat(getComputedStyle(e).opacity); }
    return o;
  }
  function lum(c) {
    var v = c.slice(0, 3).map(function (x) { x /= 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); });
    return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
  }
  var out = [];
  document.querySelectorAll(sel).forEach(function (root) {
    var walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    while (walk.nextNode()) {
      var el = walk.currentNode.parentElement;
      if (!walk.currentNode.textContent.trim() || !el.getClientRects().length) { continue; }
      var s = getComputedStyle(el);
      if (s.clip === "rect(0px, 0px, 0px, 0px)" || s.visibility === "hidden") { continue; }
      var bg = background(el);
      var fg = rgba(s.color);
      fg[3] *= opacity(el);
      fg = over(fg, bg);
      var l1 = lum(fg), l2 = lum(bg);
      var ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
      var size = parseFloat(s.fontSize), large = size >= 24 || (size >= 18.66 && parseInt(s.fontWeight, 10) >= 700);
      if (ratio < (large ? 3 : 4.5)) { out.push(walk.currentNode.textContent.trim() + " " + ratio.toFixed(2) + ":1"); }
    }
  });
  return out;
}
`
