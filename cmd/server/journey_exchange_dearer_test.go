package main

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"
)

// TestExchangeJourneyABuyerPaysTheDifferenceForDearerSeats is issue 21's
// exchange to dearer seats in headless Chromium on a phone: a signed-in
// buyer books two seats, taps Change show, picks another show, ticks its
// two dearest seats, sees what is left to pay, pays it with the test card
// and lands on the same booking, now for the new seats.
func TestExchangeJourneyABuyerPaysTheDifferenceForDearerSeats(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	bookingURL, _ := bookThenChangeShow(t, ctx)
	chosen := evalString(t, ctx, `(() => {
		const free = [...document.querySelectorAll('input[name=seats]:not(:disabled)')]
			.sort((a, b) => Number(b.dataset.price) - Number(a.dataset.price)).slice(0, 2);
		free.forEach(i => i.click());
		return free.map(i => i.value).sort((a, b) => a.localeCompare(b, 'en', {numeric: true})).join(', ');
	})()`)
	require.NotEmpty(t, chosen)
	var quote string
	step(t, ctx, "tick the two dearest seats and see what is left to pay",
		chromedp.Click(`form button.btn:not([name=confirm])`, chromedp.ByQuery),
		chromedp.WaitVisible(`button[name=confirm]`, chromedp.ByQuery),
		chromedp.Text(`.co-cancel__confirm`, &quote, chromedp.ByQuery),
	)
	require.Contains(t, quote, "You pay the difference", "the dearest seats cost more than the best ones booked")
	step(t, ctx, "pay the difference with the test card", append([]chromedp.Action{chromedp.Click(`button[name=confirm]`, chromedp.ByQuery)},
		cardPayment("Casey Customer", `#seats-title`)...)...)
	require.Equal(t, bookingURL, evalString(t, ctx, `location.origin + location.pathname`), "back on the same booking")
	page := evalString(t, ctx, `document.querySelector('main').innerText`)
	for _, seat := range strings.Split(chosen, ", ") {
		require.Contains(t, page, seat, "the booking names its new seats")
	}
}
