package main

import (
	"context"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"
)

// TestExchangeJourneyABuyerMovesTheirBookingToAnotherShow is issue 21's
// exchange in headless Chromium on a phone: a signed-in buyer books two
// seats, taps Change show on the booking page, picks another show of the
// movie, ticks two seats on its live map, sees the price and confirms; the
// booking page then names the new seats and says the booking moved.
func TestExchangeJourneyABuyerMovesTheirBookingToAnotherShow(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	bookingURL, before := bookThenChangeShow(t, ctx)
	// The two cheapest free seats: never dearer than the seats booked.
	chosen := evalString(t, ctx, `(() => {
		const free = [...document.querySelectorAll('input[name=seats]:not(:disabled)')]
			.sort((a, b) => Number(a.dataset.price) - Number(b.dataset.price)).slice(0, 2);
		free.forEach(i => i.click());
		return free.map(i => i.value).join(', ');
	})()`)
	require.NotEmpty(t, chosen)
	var quote string
	step(t, ctx, "tick two seats and see the price",
		chromedp.Click(`form button.btn:not([name=confirm])`, chromedp.ByQuery),
		chromedp.WaitVisible(`button[name=confirm]`, chromedp.ByQuery),
		chromedp.Text(`.co-cancel__confirm`, &quote, chromedp.ByQuery),
	)
	require.Contains(t, quote, "Your new seats")
	var page string
	step(t, ctx, "confirm: back on the booking, moved",
		chromedp.Click(`button[name=confirm]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#seats-title`, chromedp.ByQuery),
		chromedp.Text(`body`, &page, chromedp.ByQuery),
	)
	require.Contains(t, page, "is moved to")
	require.Contains(t, page, "seats "+chosen)
	require.NotEqual(t, before, evalString(t, ctx, `document.querySelector('main').innerText`), "the booking names the new show")
	require.Equal(t, bookingURL, evalString(t, ctx, `location.origin + location.pathname`), "the same booking")
}

// bookThenChangeShow signs the demo customer in, books the two best seats
// of a London show, pays, and from the booking's page opens Change show
// and the seat map of the first other show; it returns the booking page's
// address and what it said before.
func bookThenChangeShow(t *testing.T, ctx context.Context) (bookingURL, before string) {
	t.Helper()
	box := startMailbox(t)
	base := familySite(t, box.url())
	signIn(t, ctx, base, "customer@marquee.test", "marquee-customer")
	var seatMap string
	step(t, ctx, "choose a show in London and hold the two best seats", append(londonSeatMap(base, &seatMap), holdBest("2")...)...)
	payByCard(t, ctx, "Casey Customer", `#exchange-title`)
	bookingURL = evalString(t, ctx, `location.origin + location.pathname`)
	before = evalString(t, ctx, `document.querySelector('main').innerText`)
	step(t, ctx, "Change show lists the other shows of the movie",
		chromedp.Click(`a.btn[href$="/exchange"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#exchange-shows-title`, chromedp.ByQuery),
		chromedp.Click(`ul.co-list a.btn`, chromedp.ByQuery),
		chromedp.WaitVisible(`.sm-map`, chromedp.ByQuery),
	)
	return bookingURL, before
}
