package main

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"
)

// seatMapProbes are functions the seat-map tests call in the page: where
// things are, which seat can be tapped, and the layout shift so far.
const seatMapProbes = `
window.__cls = 0;
new PerformanceObserver(l => l.getEntries().forEach(e => { if (!e.hadRecentInput) window.__cls += e.value; }))
	.observe({type: 'layout-shift', buffered: true});
window.layoutShift = () => window.__cls;
window.scroller = () => document.querySelector('[data-seatmap-scroll]');
window.seat = v => document.querySelector('input[name=seats][value="' + v + '"]');
window.center = el => { const r = el.getBoundingClientRect(); return {x: r.left + r.width / 2, y: r.top + r.height / 2}; };
// covered: the element at el's centre is over (or is) what covers it.
window.covered = (el, over) => { const c = center(el); const top = document.elementFromPoint(c.x, c.y);
	return top === over || over.contains(top); };
// tappable: a free, unchosen standard seat in the middle of the house.
window.tappable = () => { const all = [...document.querySelectorAll('.sm-seat[data-state=free][data-kind=standard] input:not(:checked)')];
	return all[Math.floor(all.length / 2)]; };
`

// screenSeatMap finds, on the theater's page, a showtime on the screen
// named screen (today or a later day) and returns its seat map's URL.
// It installs seatMapProbes for the pages ctx opens from then on.
func screenSeatMap(t *testing.T, ctx context.Context, base, theater, screen string) string {
	t.Helper()
	step(t, ctx, "install the page probes", chromedp.ActionFunc(func(ctx context.Context) error {
		_, err := page.AddScriptToEvaluateOnNewDocument(seatMapProbes).Do(ctx)
		return err
	}))
	var days []string
	step(t, ctx, "open "+theater, chromedp.Navigate(base+"/theaters/"+theater), chromedp.WaitVisible(`main`, chromedp.ByQuery),
		chromedp.Evaluate(`[location.href, ...[...document.querySelectorAll('a.date-strip__day:not(.is-empty)')].map(a => a.href)]`, &days))
	for _, day := range days {
		var href string
		step(t, ctx, "look for "+screen+" on "+day, chromedp.Navigate(day), chromedp.WaitVisible(`main`, chromedp.ByQuery),
			chromedp.Evaluate(`(document.querySelector('a.chip[title="`+screen+`"]') || {}).href || ''`, &href))
		if href != "" {
			return strings.TrimSuffix(href, "/seats") + "/seats" // the chip may lead to the show's page or its seats
		}
	}
	t.Fatalf("no show on %s at %s in the days the page offers", screen, theater)
	return ""
}

func evalFloat(t *testing.T, ctx context.Context, js string) float64 {
	t.Helper()
	var v float64
	step(t, ctx, js, chromedp.Evaluate(js, &v))
	return v
}

func evalInt(t *testing.T, ctx context.Context, js string) int {
	t.Helper()
	return int(evalFloat(t, ctx, js))
}

func evalBool(t *testing.T, ctx context.Context, js string) bool {
	t.Helper()
	var v bool
	step(t, ctx, js, chromedp.Evaluate(js, &v))
	return v
}

func evalString(t *testing.T, ctx context.Context, js string) string {
	t.Helper()
	var v string
	step(t, ctx, js, chromedp.Evaluate(js, &v))
	require.NotNil(t, v)
	return v
}
