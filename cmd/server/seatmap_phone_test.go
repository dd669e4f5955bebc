package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/stretchr/testify/require"
)

// TestSeatMapOnAPhone opens the 294-seat IMAX of the demo (Marquee
// Riverside, London) on a 390x844 touch phone: the whole house fits at
// first and a tap zooms in; zoomed, every seat is drawn at least 36 px, the
// mini-map follows the view, row letters stay on screen; a tapped seat
// looks chosen, the keyboard still picks seats, and the accessibility tree
// names each seat and its state.
func TestSeatMapOnAPhone(t *testing.T) {
	t.Parallel()
	base := journeySite(t)
	ctx := browser(t)
	step(t, ctx, "a touch phone", emulation.SetDeviceMetricsOverride(390, 844, 2, true),
		emulation.SetTouchEmulationEnabled(true).WithMaxTouchPoints(5))
	seats := screenSeatMap(t, ctx, base, "marquee-riverside", "IMAX")
	step(t, ctx, "open the IMAX seat map", chromedp.Navigate(seats), chromedp.WaitVisible(`.sm-view`, chromedp.ByQuery))
	require.Equal(t, 294, evalInt(t, ctx, `document.querySelectorAll('.sm-seat:not([data-state=blocked])').length`), "the IMAX sells 294 seats")
	shoot(t, ctx, "imax-390-fit")

	require.Less(t, evalFloat(t, ctx, `layoutShift()`), 0.05, "the page does not jump as it loads (CLS)")
	require.True(t, evalBool(t, ctx, `(() => { const s = scroller(), r = s.getBoundingClientRect();
		return s.scrollWidth <= s.clientWidth && [...document.querySelectorAll('.sm-seat')].every(e => {
			const b = e.getBoundingClientRect(); return b.left >= r.left && b.right <= r.right; }); })()`),
		"zoomed out, the whole house fits the phone's width")
	require.True(t, evalBool(t, ctx, `(() => { const z = document.querySelector('[data-seatmap-tapzoom]');
		const seen = [...document.querySelectorAll('.sm-seat__input')].filter(i => center(i).y < innerHeight - 120);
		return !z.hidden && seen.length > 50 && seen.every(i => covered(i, z)); })()`),
		"seats too small to tap are behind the tap-to-zoom layer, not tiny targets")

	step(t, ctx, "bring the map to the top of the screen", chromedp.Evaluate(`document.querySelector('.sm-view').scrollIntoView({block: 'start'})`, nil))
	x, y := evalFloat(t, ctx, `center(document.querySelector('.sm-row:nth-child(7) .sm-seat:nth-child(12)')).x`),
		evalFloat(t, ctx, `center(document.querySelector('.sm-row:nth-child(7) .sm-seat:nth-child(12)')).y`)
	tap(t, ctx, x, y)
	step(t, ctx, "a tap on the house zooms in", chromedp.WaitVisible(`.sm-view.is-zoomed`, chromedp.ByQuery))
	require.GreaterOrEqual(t, evalFloat(t, ctx, `Math.min(...[...document.querySelectorAll('.sm-seat__box')].map(b => b.getBoundingClientRect().width))`),
		36.0, "zoomed in, every seat is drawn at least 36 px wide")
	require.GreaterOrEqual(t, evalFloat(t, ctx, `Math.min(...[...document.querySelectorAll('.sm-seat__input')].map(b => Math.min(b.getBoundingClientRect().width, b.getBoundingClientRect().height)))`),
		24.0, "every seat is a target of at least 24x24 px")
	step(t, ctx, "the mini-map shows", chromedp.WaitVisible(`[data-seatmap-mini]`, chromedp.ByQuery))
	shoot(t, ctx, "imax-390-zoomed")

	before := evalFloat(t, ctx, `document.querySelector('[data-seatmap-mini-view]').getBoundingClientRect().left`)
	step(t, ctx, "scroll the map to the right edge", chromedp.Evaluate(`scroller().scrollLeft = scroller().scrollWidth`, nil),
		chromedp.Poll(fmt.Sprintf(`document.querySelector('[data-seatmap-mini-view]').getBoundingClientRect().left > %f`, before+5), nil))
	require.True(t, evalBool(t, ctx, `(() => { const r = scroller().getBoundingClientRect();
		const l = document.querySelector('.sm-row:nth-child(8) .sm-row__label').getBoundingClientRect();
		return l.left >= r.left - 1 && l.right <= r.right + 1 && l.width > 0; })()`),
		"the row letter stays in view after scrolling right")
	shoot(t, ctx, "imax-390-right")

	free := evalString(t, ctx, `(() => { const s = tappable(); s.scrollIntoView({block: 'center', inline: 'center'}); return s.value; })()`)
	x, y = evalFloat(t, ctx, `center(seat('`+free+`')).x`), evalFloat(t, ctx, `center(seat('`+free+`')).y`)
	tap(t, ctx, x, y)
	step(t, ctx, "the tapped seat is chosen", chromedp.Poll(`seat('`+free+`').checked`, nil))
	chosenLooks(t, ctx, free)
	requireAXSeat(t, ctx, free, true)

	step(t, ctx, "the keyboard: arrow right, then space",
		chromedp.Evaluate(`seat('`+free+`').focus()`, nil),
		chromedp.KeyEvent(kb.ArrowRight),
	)
	next := evalString(t, ctx, `document.activeElement.value || ''`)
	require.NotEqual(t, free, next, "the right arrow moves to another seat")
	require.NotEmpty(t, next)
	step(t, ctx, "space ticks it", chromedp.KeyEvent(" "), chromedp.Poll(`seat('`+next+`').checked`, nil))
	var count string
	step(t, ctx, "the bar counts two", chromedp.Text(`[data-seatmap-count]`, &count, chromedp.ByQuery))
	require.Contains(t, count, "2 seats")
	requireAXSeat(t, ctx, next, true)

	step(t, ctx, "back to the whole house", chromedp.Click(`[data-zoom=fit]`, chromedp.ByQuery),
		chromedp.WaitNotPresent(`.sm-view.is-zoomed`, chromedp.ByQuery))
	step(t, ctx, "a seat reached by keyboard zooms in to it", chromedp.Evaluate(`seat('`+free+`').focus()`, nil),
		chromedp.WaitVisible(`.sm-view.is-zoomed`, chromedp.ByQuery))
	require.GreaterOrEqual(t, evalFloat(t, ctx, `seat('`+free+`').nextElementSibling.getBoundingClientRect().width`), 36.0)
}

// TestSeatMapChosenSeatBeatsHover clicks a seat with a mouse that stays on
// it: the hover style must not hide that it is chosen.
func TestSeatMapChosenSeatBeatsHover(t *testing.T) {
	t.Parallel()
	base := journeySite(t)
	ctx := browser(t)
	step(t, ctx, "a laptop", emulation.SetDeviceMetricsOverride(1366, 900, 1, false))
	seats := screenSeatMap(t, ctx, base, "marquee-riverside", "IMAX")
	step(t, ctx, "open the seat map", chromedp.Navigate(seats), chromedp.WaitVisible(`.sm-view`, chromedp.ByQuery))
	shoot(t, ctx, "imax-1366")
	free := evalString(t, ctx, `(() => { const s = tappable(); s.scrollIntoView({block: 'center'}); return s.value; })()`)
	x, y := evalFloat(t, ctx, `center(seat('`+free+`')).x`), evalFloat(t, ctx, `center(seat('`+free+`')).y`)
	step(t, ctx, "click it; the pointer stays on it", chromedp.MouseClickXY(x, y), chromedp.Poll(`seat('`+free+`').checked`, nil))
	require.True(t, evalBool(t, ctx, `seat('`+free+`').matches(':hover')`), "the mouse is still over the seat")
	chosenLooks(t, ctx, free)
}

// chosenLooks checks that seat is drawn as chosen: the chosen colour, not
// a free seat's.
func chosenLooks(t *testing.T, ctx context.Context, seat string) {
	t.Helper()
	box := `getComputedStyle(seat('` + seat + `').nextElementSibling).backgroundColor`
	// The colour eases in (a CSS transition): wait for it to settle.
	_ = chromedp.Run(ctx, chromedp.Poll(box+` === 'rgb(243, 241, 247)'`, nil, chromedp.WithPollingTimeout(5*time.Second)))
	bg := evalString(t, ctx, box)
	freeBg := evalString(t, ctx, `getComputedStyle(document.querySelector('.sm-seat[data-state=free][data-kind=standard] input:not(:checked):not(:hover) + .sm-seat__box')).backgroundColor`)
	require.Equal(t, "rgb(243, 241, 247)", bg, "a chosen seat is drawn in the chosen colour")
	require.NotEqual(t, freeBg, bg)
}

// requireAXSeat finds seat in the accessibility tree: a checkbox named
// like "Row F seat 12, standard, £12.00, available", checked or not.
func requireAXSeat(t *testing.T, ctx context.Context, seat string, checked bool) {
	t.Helper()
	var nodes []*accessibility.Node
	step(t, ctx, "read the accessibility tree", chromedp.ActionFunc(func(ctx context.Context) error {
		var err error
		nodes, err = accessibility.GetFullAXTree().Do(ctx)
		return err
	}))
	row, num := strings.TrimRight(seat, "0123456789"), strings.TrimLeft(seat, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
	want := fmt.Sprintf("Row %s seat %s, ", row, num)
	for _, n := range nodes {
		var name string
		if n.Role == nil || n.Name == nil || json.Unmarshal(n.Name.Value, &name) != nil || !strings.HasPrefix(name, want) {
			continue
		}
		require.Equal(t, `"checkbox"`, string(n.Role.Value))
		require.Regexp(t, `^Row [A-Z] seat \d+, (standard|premium|wheelchair space|companion seat), £\d+\.\d\d, available$`, name)
		for _, p := range n.Properties {
			if p.Name == accessibility.PropertyNameChecked {
				require.Equal(t, fmt.Sprintf(`"%t"`, checked), string(p.Value.Value), "%s's checked state", seat)
				return
			}
		}
		t.Fatalf("%s has no checked state in the accessibility tree", seat)
	}
	t.Fatalf("no checkbox named %q… in the accessibility tree", want)
}

// tap touches the screen at (x, y) and lifts the finger.
func tap(t *testing.T, ctx context.Context, x, y float64) {
	t.Helper()
	p := []*input.TouchPoint{{X: x, Y: y}}
	step(t, ctx, fmt.Sprintf("tap at %.0f,%.0f", x, y),
		input.DispatchTouchEvent(input.TouchStart, p), input.DispatchTouchEvent(input.TouchEnd, []*input.TouchPoint{}))
}

// shoot saves a screenshot for people to look at when SEATMAP_SHOTS names
// a folder.
func shoot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv("SEATMAP_SHOTS")
	if dir == "" {
		return
	}
	var png []byte
	step(t, ctx, "screenshot "+name, chromedp.CaptureScreenshot(&png))
	require.NoError(t, os.MkdirAll(dir, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644))
}
