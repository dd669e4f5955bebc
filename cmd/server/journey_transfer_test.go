package main

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"
)

// TestTransferJourneyABuyerSendsOneOfTwoSeatsToAFriendWhoAcceptsAsAGuest is
// issue 21's ticket transfer in headless Chromium on a phone: a signed-in
// buyer books two seats, sends one to a friend from the booking page,
// the friend opens the link in the offer email in their own browser,
// accepts without an account with the address it was sent to and sees
// their e-ticket with that seat; the buyer's booking then holds the other
// seat only and its history says the offer was accepted.
func TestTransferJourneyABuyerSendsOneOfTwoSeatsToAFriendWhoAcceptsAsAGuest(t *testing.T) {
	t.Parallel()
	box := startMailbox(t)
	base := familySite(t, box.url())
	ctx := browser(t)
	signIn(t, ctx, base, "customer@marquee.test", "marquee-customer")
	const friend = "pat.friend@example.com"

	var seatMap string
	step(t, ctx, "choose a show in London and hold the two best seats", append(londonSeatMap(base, &seatMap), holdBest("2")...)...)
	payByCard(t, ctx, "Casey Customer", `#transfer`)
	var seats []string
	step(t, ctx, "the send form lists both seats, ticked",
		chromedp.Evaluate(`[...document.querySelectorAll('#transfer input[name=seats]:checked')].map(i => i.value)`, &seats))
	require.Len(t, seats, 2)
	keep, send := seats[0], seats[1]
	bookingURL := evalString(t, ctx, `location.href`)

	var offered string
	step(t, ctx, "untick the seat kept and send the other to a friend",
		chromedp.Click(`#transfer input[name=seats][value="`+keep+`"]`, chromedp.ByQuery),
		chromedp.SendKeys(`#transfer-email`, friend, chromedp.ByQuery),
		chromedp.Click(`#transfer button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`form[action*="/transfers/"][action$="/cancel"]`, chromedp.ByQuery),
		chromedp.Text(`#transfer`, &offered, chromedp.ByQuery),
	)
	require.Contains(t, offered, "Offered to "+friend)
	require.Contains(t, offered, "seats "+send+" offered to "+friend)

	link := transferOfferLink(t, box, friend)
	guest := browser(t)
	var offer, prefilled string
	step(t, guest, "the friend opens the email's link",
		chromedp.Navigate(link),
		chromedp.WaitVisible(`#guest-email`, chromedp.ByQuery),
		chromedp.Text(`main`, &offer, chromedp.ByQuery),
		chromedp.Value(`#guest-email`, &prefilled, chromedp.ByQuery),
	)
	require.Contains(t, offer, send)
	require.NotContains(t, offer, keep)
	require.Equal(t, friend, prefilled, "the address the offer went to")

	var ticket string
	step(t, guest, "accept as a guest: their own e-ticket",
		chromedp.Click(`form[action$="/accept"] button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`.tk`, chromedp.ByQuery),
		chromedp.WaitReady(`.tk svg`, chromedp.ByQuery),
		chromedp.Text(`.tk`, &ticket, chromedp.ByQuery),
	)
	require.Contains(t, ticket, send)
	require.NotContains(t, ticket, keep)

	var kept []string
	var history string
	step(t, ctx, "the buyer's booking holds one seat and says the offer was accepted",
		chromedp.Navigate(bookingURL),
		chromedp.WaitVisible(`.co-seats`, chromedp.ByQuery),
		chromedp.Evaluate(`[...document.querySelectorAll('.co-seats .co-seat strong')].map(e => e.textContent.trim())`, &kept),
		chromedp.Text(`#transfer`, &history, chromedp.ByQuery),
	)
	require.Equal(t, []string{keep}, kept)
	require.Contains(t, history, "seats "+send+" offered to "+friend+": accepted")
}

// transferOfferLink waits for the offer email to addr and returns its
// /transfers/<token> link.
func transferOfferLink(t *testing.T, box *mailbox, addr string) string {
	t.Helper()
	re := regexp.MustCompile(`https?://[^\s"'<>]+?/transfers/[\w-]{20,}`)
	deadline := time.After(time.Minute)
	for {
		select {
		case m := <-box.got:
			if l := re.FindString(m.text); l != "" && slices.Contains(m.to, addr) {
				return strings.TrimSpace(l)
			}
		case <-deadline:
			t.Fatalf("no offer email to %s", addr)
		}
	}
}
