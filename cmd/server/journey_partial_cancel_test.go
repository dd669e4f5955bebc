package main

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"
)

// TestPartialCancelJourneyABuyerGivesBackOneOfThreeSeats is issue 21's
// partial cancellation in headless Chromium on a phone: a signed-in buyer
// books the three best seats, opens Cancel some seats from the booking
// page, ticks one, sees what comes back and confirms; the booking page
// then shows the two seats kept and the one cancelled with its refund, the
// seat is free on the show's seat map and the email about it arrives.
func TestPartialCancelJourneyABuyerGivesBackOneOfThreeSeatsAndANachos(t *testing.T) {
	t.Parallel()
	box := startMailbox(t)
	base := familySite(t, box.url())
	ctx := browser(t)
	signIn(t, ctx, base, "customer@marquee.test", "marquee-customer")

	var seatMap string
	step(t, ctx, "choose a show in London and hold the three best seats", append(londonSeatMap(base, &seatMap), holdBest("3")...)...)
	step(t, ctx, "add two nachos to the order",
		chromedp.WaitVisible(`#checkout-food`, chromedp.ByQuery),
		chromedp.Evaluate(`(() => { const i = [...document.querySelectorAll('#checkout-food input.co-food__qty')]
			.find(e => e.getAttribute('aria-label').startsWith('Nachos')); i.value = '2'; i.form.requestSubmit(); })()`, nil),
		chromedp.WaitVisible(`#checkout-food input.co-food__qty[aria-label^="Nachos"][value="2"]`, chromedp.ByQuery),
	)
	payByCard(t, ctx, "Casey Customer", `a.btn[href$="/cancel-seats"]`)
	bookingURL := evalString(t, ctx, `location.href`)
	var seats []string
	step(t, ctx, "Cancel some seats lists the booking's three seats",
		chromedp.Click(`a.btn[href$="/cancel-seats"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#cancel-seats-title`, chromedp.ByQuery),
		chromedp.Evaluate(`[...document.querySelectorAll('input[name=seats]')].map(i => i.value)`, &seats),
	)
	require.Len(t, seats, 3)
	give := seats[1]

	var quote string
	step(t, ctx, "tick one seat, ask for one nachos back and see what comes back",
		chromedp.Click(`input[name=seats][value="`+give+`"]`, chromedp.ByQuery),
		chromedp.SetValue(`input[name^="food-"]`, "1", chromedp.ByQuery),
		chromedp.Click(`form[action$="/cancel-seats"] button[type=submit]:not([name=confirm])`, chromedp.ByQuery),
		chromedp.WaitVisible(`button[name=confirm]`, chromedp.ByQuery),
		chromedp.Text(`.co-cancel__confirm`, &quote, chromedp.ByQuery),
	)
	require.Contains(t, quote, "Cancelling "+give+", 1 × Nachos gives back")

	var done, history string
	var kept []string
	step(t, ctx, "confirm: the booking keeps two seats and lists the one cancelled with its refund",
		chromedp.Click(`button[name=confirm]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#seat-cancellations-title`, chromedp.ByQuery),
		chromedp.Text(`main`, &done, chromedp.ByQuery),
		chromedp.Evaluate(`[...document.querySelectorAll('.co-seats .co-seat strong')].map(e => e.textContent.trim())`, &kept),
		chromedp.Text(`section[aria-labelledby=seat-cancellations-title]`, &history, chromedp.ByQuery),
	)
	require.Contains(t, done, "Confirmed", "the booking stays")
	require.Equal(t, []string{seats[0], seats[2]}, kept)
	require.Contains(t, history, "you cancelled seats "+give+".")
	require.Contains(t, history, "you cancelled 1 × Nachos.")
	require.Contains(t, history, "Refunded ")
	require.True(t, strings.HasPrefix(bookingURL, base+"/bookings/"), bookingURL)

	var free bool
	step(t, ctx, "the seat is free on the show's seat map",
		chromedp.Navigate(seatMap),
		chromedp.WaitVisible(`#seatmap`, chromedp.ByQuery),
		chromedp.Evaluate(`(() => { const i = document.querySelector('input[name=seats][value="`+give+`"]'); return !!i && !i.disabled })()`, &free),
	)
	require.True(t, free, "seat %s can be chosen again", give)

	mail := partialCancelEmail(t, box, "customer@marquee.test", give)
	require.Contains(t, mail, "Part of your booking is cancelled")
	require.Contains(t, mail, "Seats cancelled: "+give)
	require.Contains(t, mail, "Food cancelled: 1 × Nachos")
	require.Contains(t, mail, "Seats left: ")
}

// partialCancelEmail waits for the email to addr about seat's
// cancellation and returns its text.
func partialCancelEmail(t *testing.T, box *mailbox, addr, seat string) string {
	t.Helper()
	deadline := time.After(time.Minute)
	for {
		select {
		case m := <-box.got:
			if slices.Contains(m.to, addr) && strings.Contains(m.text, "Seats cancelled: "+seat) {
				return m.text
			}
		case <-deadline:
			t.Fatalf("no email to %s about seat %s", addr, seat)
		}
	}
}
