package main

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"
)

// TestSeatMapEveryScreenOnAPhone opens a show on every screen of the demo
// (45 layouts in four cities) on a 390x844 touch phone, one tab for all.
// Zoomed in with +, every seat is drawn at least 36 px square; the row
// letters stay at the map's left edge as it scrolls sideways; the mini-map
// stays on screen (not under the header) while the page scrolls; a tapped
// free seat is chosen.
func TestSeatMapEveryScreenOnAPhone(t *testing.T) {
	t.Parallel()
	base := journeySite(t)
	shows := demoScreenShows(t, base)
	ctx := browser(t)
	touchPhone(t, ctx)
	addProbes(t, ctx, seatMapProbes+layoutProbes)
	for _, s := range shows {
		t.Run(s.name, func(t *testing.T) {
			openSeatMap(t, ctx, base, s.id)
			step(t, ctx, "zoom in with +", chromedp.Click(`[data-zoom=in]`, chromedp.ByQuery),
				chromedp.WaitVisible(`.sm-view.is-zoomed`, chromedp.ByQuery))
			require.GreaterOrEqual(t, evalFloat(t, ctx, `smallestSeat()`), 36.0, "zoomed in, every seat is drawn at least 36x36 px")

			step(t, ctx, "bring the map to the middle of the screen",
				chromedp.Evaluate(`document.querySelector('.sm-view').scrollIntoView({block: 'center'})`, nil))
			for _, at := range []string{"scrollWidth / 2", "scrollWidth"} {
				step(t, ctx, "scroll the map sideways to "+at,
					chromedp.Evaluate(`scroller().scrollLeft = scroller().`+at+`; scroller().scrollLeft`, nil))
				require.Positive(t, evalFloat(t, ctx, `scroller().scrollLeft`), "zoomed in, the map scrolls sideways")
				require.Empty(t, evalString(t, ctx, `labelProblem()`), "row letters at the left edge (scrolled to %s)", at)
			}
			shoot(t, ctx, "layout-"+s.slug+"-zoomed")

			require.Empty(t, evalString(t, ctx, `miniProblem()`), "the mini-map, the map in the middle of the screen")
			step(t, ctx, "scroll the page until half the map is under the header",
				chromedp.Evaluate(`scrollBy(0, view().getBoundingClientRect().top + view().offsetHeight / 2 - headerBottom())`, nil))
			require.Less(t, evalFloat(t, ctx, `view().getBoundingClientRect().top - headerBottom()`), -100.0,
				"the top of the map is under the header")
			require.Empty(t, evalString(t, ctx, `miniProblem()`), "the mini-map, half the map scrolled away")
			shoot(t, ctx, "layout-"+s.slug+"-page-scrolled")

			tapFreeSeat(t, ctx)
		})
	}
}

// TestSeatMapPinchZoomsIn pinches the whole IMAX house on a phone with
// CDP's Input.synthesizePinchGesture (two synthetic touch points moving
// apart): the seats grow to a size a finger can pick, the page itself is
// not zoomed, the mini-map appears, and a tapped seat is chosen.
func TestSeatMapPinchZoomsIn(t *testing.T) {
	t.Parallel()
	base := journeySite(t)
	ctx := browser(t)
	touchPhone(t, ctx)
	addProbes(t, ctx, layoutProbes)
	seats := screenSeatMap(t, ctx, base, "marquee-riverside", "IMAX")
	step(t, ctx, "open the IMAX seat map", chromedp.Navigate(seats), chromedp.Poll(`zoomReady()`, nil))
	step(t, ctx, "bring the map to the top of the screen",
		chromedp.Evaluate(`scrollBy(0, view().getBoundingClientRect().top - headerBottom())`, nil))
	before := evalFloat(t, ctx, `smallestSeat()`)
	require.Less(t, before, 24.0, "the whole house fits: its seats are too small to tap")

	x, y := evalFloat(t, ctx, `center(scroller()).x`), evalFloat(t, ctx, `center(scroller()).y`)
	step(t, ctx, "pinch out on the map", input.SynthesizePinchGesture(x, y, 3).
		WithRelativeSpeed(800).WithGestureSourceType(input.GestureTouch))
	step(t, ctx, "the map zooms in", chromedp.Poll(fmt.Sprintf(`smallestSeat() > %f`, before*2), nil))
	shoot(t, ctx, "imax-390-pinched")
	require.Equal(t, 1.0, evalFloat(t, ctx, `visualViewport.scale`), "the map zooms, not the page")
	require.GreaterOrEqual(t, evalFloat(t, ctx, `smallestSeat()`), 24.0, "pinched, every seat is big enough to tap")
	require.True(t, evalBool(t, ctx, `document.querySelector('[data-seatmap-tapzoom]').hidden`), "no tap-to-zoom layer over the seats")
	require.Empty(t, evalString(t, ctx, `miniProblem()`), "the mini-map")
	require.False(t, evalBool(t, ctx, `document.querySelector('[data-seatmap-mini]').hidden`), "the mini-map shows")
	tapFreeSeat(t, ctx)
}

// touchPhone makes ctx's tab a 390x844 touch phone.
func touchPhone(t *testing.T, ctx context.Context) {
	t.Helper()
	step(t, ctx, "a touch phone", emulation.SetDeviceMetricsOverride(390, 844, 2, true),
		emulation.SetTouchEmulationEnabled(true).WithMaxTouchPoints(5))
}

// openSeatMap opens show id's seat map and waits for its zoom script.
func openSeatMap(t *testing.T, ctx context.Context, base string, id int64) {
	t.Helper()
	step(t, ctx, fmt.Sprintf("open show %d's seat map", id),
		chromedp.Navigate(fmt.Sprintf("%s/shows/%d/seats", base, id)), chromedp.Poll(`zoomReady()`, nil))
}

// tapFreeSeat brings a free seat to the middle of the screen, checks
// nothing lies over it, taps it and waits for it to be chosen.
func tapFreeSeat(t *testing.T, ctx context.Context) {
	t.Helper()
	free := evalString(t, ctx, `(() => { const s = freeSeat(); s.scrollIntoView({block: 'center', inline: 'center'}); return s.value; })()`)
	require.True(t, evalBool(t, ctx, `covered(seat('`+free+`'), seat('`+free+`'))`), "nothing lies over seat %s", free)
	x, y := evalFloat(t, ctx, `center(seat('`+free+`')).x`), evalFloat(t, ctx, `center(seat('`+free+`')).y`)
	tap(t, ctx, x, y)
	step(t, ctx, "the tapped seat "+free+" is chosen",
		chromedp.Poll(`seat('`+free+`').checked`, nil, chromedp.WithPollingTimeout(10*time.Second)))
}

// layoutProbes add to seatMapProbes what the layout and pinch tests ask
// the page; the *Problem functions return what is wrong, or "".
const layoutProbes = `
window.view = () => document.querySelector('[data-seatmap-view]');
window.zoomReady = () => { const b = document.querySelector('[data-zoom=out]'); return !!b && b.getAttribute('aria-disabled') === 'true'; };
window.headerBottom = () => document.querySelector('.site-header').getBoundingClientRect().bottom;
window.smallestSeat = () => Math.min(...[...document.querySelectorAll('.sm-seat__box')].map(b => {
	const r = b.getBoundingClientRect(); return Math.min(r.width, r.height); }));
// onTop: the element at (x, y) is el or inside it.
window.onTop = (el, x, y) => { const top = document.elementFromPoint(x, y); return !!top && (top === el || el.contains(top)); };
window.labelProblem = () => {
	const s = scroller().getBoundingClientRect();
	const top = Math.max(s.top, headerBottom()), bottom = Math.min(s.bottom, document.querySelector('.sm-bar').getBoundingClientRect().top);
	const seen = [...document.querySelectorAll('.sm-row__label:not(.sm-row__label--end)')].filter(l => { const y = center(l).y; return y > top && y < bottom; });
	if (!seen.length) { return 'no row letter on screen'; }
	for (const l of seen) {
		const r = l.getBoundingClientRect();
		if (Math.abs(r.left - s.left) > 1) { return 'row ' + l.textContent + ' starts at ' + r.left + ', the map at ' + s.left; }
		if (!onTop(l, center(l).x, center(l).y)) { return 'row ' + l.textContent + ' is covered by ' + document.elementFromPoint(center(l).x, center(l).y).className; }
	}
	return '';
};
window.miniProblem = () => {
	const m = document.querySelector('[data-seatmap-mini]');
	if (m.hidden) { return ''; }
	const r = m.getBoundingClientRect(), v = view().getBoundingClientRect();
	if (r.width < 20 || r.height < 10) { return 'the mini-map is ' + r.width + 'x' + r.height; }
	if (r.left < 0 || r.right > innerWidth || r.top < 0 || r.bottom > innerHeight) { return 'the mini-map is off screen at ' + JSON.stringify(r); }
	if (r.left < v.left || r.right > v.right || r.top < v.top || r.bottom > v.bottom) { return 'the mini-map is outside the map'; }
	for (const [x, y] of [[r.left + 3, r.top + 3], [r.right - 3, r.top + 3], [r.left + 3, r.bottom - 3], [r.right - 3, r.bottom - 3]]) {
		if (!onTop(m, x, y)) { return 'the mini-map is covered at ' + x + ',' + y + ' by ' + document.elementFromPoint(x, y).className; }
	}
	return '';
};
// freeSeat: a free, unchosen seat (not a wheelchair space or companion
// seat) in the middle of the house.
window.freeSeat = () => { const all = [...document.querySelectorAll(
	'.sm-seat[data-state=free]:not([data-kind=wheelchair]):not([data-kind=companion]) input:not(:checked)')];
	return all[Math.floor(all.length / 2)]; };
`

// seatMapSlug makes a screenshot name of "Theater · Screen".
func seatMapSlug(name string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			return r
		}
		return '-'
	}, strings.ToLower(name))
}
