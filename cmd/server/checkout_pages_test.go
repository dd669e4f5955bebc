package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"
)

// TestCheckoutAndPayOnAPhone pays for two seats on a 390x844 phone as a
// moviegoer would, checking what the buyers ran into: the total
// and the button stay on screen (a bar at the bottom that covers nothing),
// checkout leads on to payment and only the pay page says "Pay £…", the
// pay page shows accepted cards and the cancellation terms before paying,
// a declined card reads as failed in My bookings at once (not
// "processing"), and after paying focus lands on the confirmation. It
// saves screenshots at both sizes to CHECKOUT_SHOTS (default
// /tmp/shots-checkout).
func TestCheckoutAndPayOnAPhone(t *testing.T) {
	t.Parallel()
	base := journeySite(t)
	ctx := browser(t)
	signIn(t, ctx, base, "customer@marquee.test", "marquee-customer")
	shots := os.Getenv("CHECKOUT_SHOTS")
	if shots == "" {
		shots = "/tmp/shots-checkout"
	}
	require.NoError(t, os.MkdirAll(shots, 0o750))
	t.Logf("screenshots in %s", shots)

	step(t, ctx, "hold two seats for a London show",
		chromedp.EmulateViewport(390, 844),
		chromedp.Navigate(base+"/cities"),
		chromedp.Click(`button[name=city][value=london]`, chromedp.ByQuery),
		chromedp.WaitVisible(`a.poster-card__link`, chromedp.ByQuery),
		chromedp.Click(`a.poster-card__link`, chromedp.ByQuery),
		chromedp.WaitVisible(`a.chip[href^="/shows/"]`, chromedp.ByQuery),
		chromedp.Click(`a.chip[href^="/shows/"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#seatmap`, chromedp.ByQuery),
		chromedp.Click(`button.sm-best__go`, chromedp.ByQuery),
		chromedp.WaitReady(`input[name=seats]:checked`, chromedp.ByQuery),
		chromedp.Click(`button.sm-bar__go`, chromedp.ByQuery),
		chromedp.WaitVisible(`button.co-pay__btn`, chromedp.ByQuery),
	)

	var bar coBar
	step(t, ctx, "checkout: total and button on screen", chromedp.Evaluate(coBarJS(`button.co-pay__btn`), &bar))
	bar.onScreen(t, "checkout")
	require.Equal(t, "Continue to payment", bar.Button, "checkout leads on; only the pay page says Pay")
	require.NotContains(t, bar.Page, "Pay £")
	require.Contains(t, bar.Page, "before the show", "the cancellation terms come before paying")
	coShots(t, ctx, shots, "checkout")

	step(t, ctx, "on to the pay page",
		chromedp.Click(`button.co-pay__btn`, chromedp.ByQuery),
		chromedp.WaitVisible(`#card-number`, chromedp.ByQuery),
		chromedp.Evaluate(coBarJS(`button.pay-submit`), &bar),
	)
	bar.onScreen(t, "pay page")
	require.True(t, strings.HasPrefix(bar.Button, "Pay £"), "the pay page's button: %q", bar.Button)
	for _, want := range []string{"Visa", "Mastercard", "Secure payment", "before the show"} {
		require.Contains(t, bar.Page, want, "trust signals before paying")
	}
	coShots(t, ctx, shots, "pay")

	var focused string
	step(t, ctx, "a declined card: focus goes to what happened",
		chromedp.SendKeys(`#card-number`, "4000 0000 0000 0002", chromedp.ByQuery),
		chromedp.SendKeys(`#card-expiry`, "12 / 34", chromedp.ByQuery),
		chromedp.SendKeys(`#card-cvc`, "123", chromedp.ByQuery),
		chromedp.SendKeys(`#card-name`, "Casey Customer", chromedp.ByQuery),
		chromedp.Click(`button.pay-submit`, chromedp.ByQuery),
		chromedp.WaitVisible(`#pay-panel .pay-outcome--bad`, chromedp.ByQuery),
		chromedp.Poll(`document.activeElement.matches("#pay-panel [data-step-focus]")`, nil),
		chromedp.Evaluate(`document.activeElement.textContent.trim()`, &focused),
	)
	require.Contains(t, focused, "didn't go through")

	var mine string
	step(t, ctx, "My bookings says so at once",
		chromedp.Navigate(base+"/account/bookings"),
		chromedp.WaitVisible(`[data-list=upcoming]`, chromedp.ByQuery),
		chromedp.Text(`[data-list=upcoming]`, &mine, chromedp.ByQuery),
	)
	require.Contains(t, mine, "Payment failed")
	require.Contains(t, mine, "Try again")
	require.NotContains(t, mine, "Payment processing")
	coShots(t, ctx, shots, "mybookings")

	var announced string
	step(t, ctx, "try again with a good card: focus on the confirmation",
		chromedp.Click(`[data-list=upcoming] a.co-item__link`, chromedp.ByQuery),
		chromedp.WaitVisible(`button.co-retry`, chromedp.ByQuery),
		chromedp.Click(`button.co-retry`, chromedp.ByQuery),
		chromedp.WaitVisible(`#card-number`, chromedp.ByQuery),
		chromedp.SendKeys(`#card-number`, "4242 4242 4242 4242", chromedp.ByQuery),
		chromedp.SendKeys(`#card-expiry`, "12 / 34", chromedp.ByQuery),
		chromedp.SendKeys(`#card-cvc`, "123", chromedp.ByQuery),
		chromedp.SendKeys(`#card-name`, "Casey Customer", chromedp.ByQuery),
		chromedp.Click(`button.pay-submit`, chromedp.ByQuery),
		chromedp.WaitVisible(`#paid-title`, chromedp.ByQuery),
		chromedp.Poll(`document.activeElement && document.activeElement.id === "paid-title"`, nil),
		chromedp.Poll(`document.querySelector("[data-paid-announce]").textContent !== ""`, nil),
		chromedp.Text(`[data-paid-announce]`, &announced, chromedp.ByQuery),
	)
	require.Contains(t, announced, "confirmed")
	coShots(t, ctx, shots, "booking")
}

// coBar is where a page's pay button sits on the screen.
type coBar struct {
	Button   string  // its words
	Top      float64 // its box, in CSS pixels
	Bottom   float64
	Height   float64 // the viewport's
	Position string  // of the bar holding it
	BarTop   float64
	// Room is the space the page keeps below its content for the bar.
	Room float64
	Page string
}

func coBarJS(button string) string {
	return `(() => {
		const b = document.querySelector(` + "`" + button + "`" + `);
		const bar = b.closest(".paybar");
		const r = b.getBoundingClientRect(), br = bar.getBoundingClientRect();
		return {Button: b.innerText.trim(), Top: r.top, Bottom: r.bottom, Height: innerHeight,
			Position: getComputedStyle(bar).position, BarTop: br.top,
			Room: parseFloat(getComputedStyle(document.body).paddingBottom), Page: document.body.innerText};
	})()`
}

// onScreen fails unless the button is inside the phone's first screen, in
// a bar fixed to its bottom, with as much room kept below the page's
// content as the bar is tall.
func (b coBar) onScreen(t *testing.T, page string) {
	t.Helper()
	require.Equal(t, "fixed", b.Position, "%s: the bar stays at the bottom of the screen", page)
	require.True(t, b.Top >= 0 && b.Bottom <= b.Height, "%s: the button is on the first screen (%v..%v of %v)", page, b.Top, b.Bottom, b.Height)
	require.GreaterOrEqual(t, b.Room+1, b.Height-b.BarTop, "%s: the page keeps room for the bar, so it covers nothing", page)
}

// coShots saves the page at a phone's and a laptop's size.
func coShots(t *testing.T, ctx context.Context, dir, name string) {
	t.Helper()
	for _, size := range []struct {
		w, h int64
		tag  string
	}{{1366, 900, "1366"}, {390, 844, "390"}} {
		var png []byte
		step(t, ctx, "screenshot "+name+" at "+size.tag,
			chromedp.EmulateViewport(size.w, size.h),
			chromedp.Evaluate(`window.scrollTo(0, 0)`, nil),
			chromedp.CaptureScreenshot(&png),
		)
		require.NoError(t, os.WriteFile(filepath.Join(dir, name+"-"+size.tag+".png"), png, 0o600))
	}
}
