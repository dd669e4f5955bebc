package main

import (
	"context"
	"regexp"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/platform/pg/pgtest"
)

// TestWaitlistJourneyASeatGivenBackGoesToTheFirstInLine is issue 21's
// waitlist in headless Chromium on phones: a show is down to two seats
// (the others taken out of sale, as a smaller screen would be) and buyer
// A books both, selling it out; buyer B opens the sold-out seat map,
// follows Join the waitlist, joins for one seat and is number 1 in line;
// A cancels one of the two seats; the offer email to B reaches the outbox
// and its link shows B the seat held with a countdown; B goes on to pay
// with the test card and the booking is confirmed for that seat.
func TestWaitlistJourneyASeatGivenBackGoesToTheFirstInLine(t *testing.T) {
	t.Parallel()
	box := startMailbox(t)
	dbURL := pgtest.URL(t)
	base := journeySiteWith(t, map[string]string{"DATABASE_URL": dbURL, "SMTP_URL": box.url()})
	pool, err := pgxpool.New(context.Background(), dbURL)
	require.NoError(t, err)
	t.Cleanup(pool.Close)
	const buyerB, passB = "robin.waiting@example.com", "waiting-for-seats"
	_, err = account.NewService(pool, account.Options{}).CreateUser(context.Background(),
		account.NewUser{Email: buyerB, Name: "Robin Waiting", Password: passB, Role: account.Customer, Verified: true})
	require.NoError(t, err)

	a := browser(t)
	signIn(t, a, base, "customer@marquee.test", "marquee-customer")
	var seatMap string
	step(t, a, "A opens a show's seat map in London", londonSeatMap(base, &seatMap)...)
	m := regexp.MustCompile(`/shows/(\d+)`).FindStringSubmatch(seatMap)
	require.NotNil(t, m, seatMap)
	leaveTwoSeats(t, pool, m[1])

	step(t, a, "A reloads the seat map",
		chromedp.Navigate(seatMap),
		chromedp.WaitVisible(`#seatmap`, chromedp.ByQuery),
	)
	step(t, a, "A ticks the two seats left and holds them",
		chromedp.Evaluate(`document.querySelectorAll('input[name=seats]:not(:disabled)').forEach(i => i.click())`, nil),
		chromedp.WaitReady(`input[name=seats]:checked`, chromedp.ByQuery),
		chromedp.Click(`button.sm-bar__go`, chromedp.ByQuery),
		chromedp.WaitVisible(`button.co-pay__btn`, chromedp.ByQuery),
	)
	payByCard(t, a, "Casey Customer", `a.btn[href$="/cancel-seats"]`)
	bookingA := evalString(t, a, `location.origin + location.pathname`)

	b := browser(t)
	signIn(t, b, base, buyerB, passB)
	var line string
	step(t, b, "B finds the show sold out, joins its waitlist for one seat and sees their place",
		chromedp.Navigate(seatMap),
		chromedp.WaitVisible(`.sm-msg--error a.btn[href$="/waitlist"]`, chromedp.ByQuery),
		chromedp.Click(`.sm-msg--error a.btn[href$="/waitlist"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#wl-join-title`, chromedp.ByQuery),
		chromedp.SetValue(`#wl-seats`, "1", chromedp.ByQuery),
		chromedp.Click(`form button.btn--primary[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#wl-entry-title`, chromedp.ByQuery),
		chromedp.Text(`section[aria-labelledby=wl-entry-title]`, &line, chromedp.ByQuery),
	)
	require.Contains(t, line, "Number 1 in line")

	var seats []string
	step(t, a, "A opens Cancel some seats and gives back one",
		chromedp.Navigate(bookingA+"/cancel-seats"),
		chromedp.WaitVisible(`#cancel-seats-title`, chromedp.ByQuery),
		chromedp.Evaluate(`[...document.querySelectorAll('input[name=seats]')].map(i => i.value)`, &seats),
	)
	require.Len(t, seats, 2)
	give := seats[0]
	step(t, a, "A confirms the cancellation of seat "+give,
		chromedp.Click(`input[name=seats][value="`+give+`"]`, chromedp.ByQuery),
		chromedp.Click(`form[action$="/cancel-seats"] button[type=submit]:not([name=confirm])`, chromedp.ByQuery),
		chromedp.WaitVisible(`button[name=confirm]`, chromedp.ByQuery),
		chromedp.Click(`button[name=confirm]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#seat-cancellations-title`, chromedp.ByQuery),
	)

	offer := waitlistOfferLink(t, pool, buyerB)
	var held string
	step(t, b, "B opens the offer's link: the seat is held with a countdown",
		chromedp.Navigate(base+offer),
		chromedp.WaitVisible(`[data-while-held] [data-countdown-clock]`, chromedp.ByQuery),
		chromedp.Text(`section[aria-labelledby=wl-offer-title]`, &held, chromedp.ByQuery),
		chromedp.Click(`[data-while-held] a.btn--primary`, chromedp.ByQuery),
		chromedp.WaitVisible(`button.co-pay__btn`, chromedp.ByQuery),
	)
	require.Contains(t, held, "Seats "+give)
	require.Regexp(t, `\d+:\d\d`, held, "the countdown shows the time left")
	payByCard(t, b, "Robin Waiting", `.co-status`)
	var page string
	step(t, b, "B's booking is confirmed for the seat offered",
		chromedp.Poll(`document.querySelector('.co-status').textContent.trim() === 'Confirmed'`, nil),
		chromedp.Text(`main`, &page, chromedp.ByQuery))
	require.Contains(t, page, give)
}

// leaveTwoSeats takes every free seat of the show out of sale except two
// side by side, as a two-seat screen would have.
func leaveTwoSeats(t *testing.T, pool *pgxpool.Pool, showID string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	tag, err := pool.Exec(ctx, `
		WITH pair AS (
			SELECT s.seat FROM booking.show_seats s
			JOIN booking.show_seats n ON n.show_id = s.show_id AND n.row_idx = s.row_idx AND n.col_idx = s.col_idx + 1
			WHERE s.show_id = $1 AND s.state = 'free' AND n.state = 'free'
			ORDER BY s.row_idx DESC, s.col_idx LIMIT 1)
		UPDATE booking.show_seats u SET state = 'blocked'
		WHERE u.show_id = $1 AND u.state = 'free' AND NOT EXISTS (
			SELECT 1 FROM pair p JOIN booking.show_seats k ON k.show_id = $1 AND k.seat = p.seat
			WHERE u.row_idx = k.row_idx AND u.col_idx IN (k.col_idx, k.col_idx + 1))`, showID)
	require.NoError(t, err)
	require.Positive(t, tag.RowsAffected())
	var free int
	require.NoError(t, pool.QueryRow(ctx, `SELECT count(*) FROM booking.show_seats WHERE show_id = $1 AND state = 'free'`, showID).Scan(&free))
	require.Equal(t, 2, free)
}

// waitlistOfferLink waits for the waitlist offer email to addr to be sent
// (its delivery in the outbox) and returns the offer's path in it.
func waitlistOfferLink(t *testing.T, pool *pgxpool.Pool, addr string) string {
	t.Helper()
	re := regexp.MustCompile(`/waitlist/offers/\d+`)
	var link string
	require.Eventually(t, func() bool {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		var body string
		err := pool.QueryRow(ctx, `
			SELECT d.body_text FROM notify.deliveries d JOIN notify.messages m ON m.id = d.message_id
			WHERE m.kind = 'waitlist.offer' AND d.channel = 'email' AND d.recipient = $1 AND d.status = 'sent'`, addr).Scan(&body)
		link = re.FindString(body)
		return err == nil && link != ""
	}, time.Minute, 100*time.Millisecond, "the offer email to %s is sent", addr)
	return link
}
