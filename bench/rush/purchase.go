package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Outcomes of one buyer's purchase.
const (
	bought           = "bought"
	declined         = "declined"
	abandonCheckout  = "abandoned_at_checkout"
	abandonPay       = "abandoned_on_pay_page"
	soldOut          = "sold_out"
	seatsLost        = "paid_but_seats_gone"
	outOfTime        = "out_of_time"
	failed           = "failed"
	maxStepErrors    = 3
	stepErrorBackoff = 200 * time.Millisecond
)

// Stripe's test cards the test provider knows.
const (
	cardOK      = "4242 4242 4242 4242"
	cardDecline = "4000 0000 0000 0002"
)

// purchase is one buyer's way through the rush.
type purchase struct {
	cfg      config
	web      *browser
	rec      *recorder
	showID   int64
	deadline time.Time
	rng      *rand.Rand
	best     bool   // asks for the best available seats
	seats    int    // how many
	card     string // cardOK or cardDecline
	abandon  string // "", abandonCheckout or abandonPay
	onHold   func()
	// abandoned gets the payment an abandoning buyer left on its pay page.
	abandoned func(paymentID int64)
}

var (
	checkoutPath = regexp.MustCompile(`^/bookings/(\d+)/checkout$`)
	payPath      = regexp.MustCompile(`^/pay/(\d+)$`)
)

// run goes from the seat map to the booking page and says how it ended.
func (p *purchase) run(ctx context.Context) string {
	start := time.Now()
	bookingID, end := p.hold(ctx)
	if end != "" {
		return end
	}
	p.onHold()
	if p.late(ctx) {
		return outOfTime
	}
	paymentID, end := p.checkout(ctx, bookingID)
	if end != "" {
		return end
	}
	if p.late(ctx) {
		return outOfTime
	}
	end = p.pay(ctx, paymentID)
	if end != bought {
		return end
	}
	a, err := p.web.get(ctx, "booking_page", fmt.Sprintf("/bookings/%d", bookingID), false)
	if err != nil || expect("booking page", a, http.StatusOK) != nil {
		return failed
	}
	p.rec.step("purchase", time.Since(start))
	return bought
}

// hold opens the seat map, chooses seats and holds them, again with a
// fresh map when a seat went first, until it has a booking or the show
// sold out.
func (p *purchase) hold(ctx context.Context) (int64, string) {
	stepErrors := 0
	retry := func() bool {
		stepErrors++
		time.Sleep(stepErrorBackoff)
		return stepErrors < maxStepErrors
	}
	for {
		if p.late(ctx) {
			return 0, outOfTime
		}
		m, err := p.seatMap(ctx, "")
		if err != nil {
			if retry() {
				continue
			}
			return 0, failed
		}
		if m.soldOut() {
			return 0, soldOut
		}
		var seats []string
		if !p.best {
			seats = m.pick(p.rng, p.seats)
		}
		if seats == nil { // Best available, as the page's form asks
			if m, err = p.seatMap(ctx, fmt.Sprintf("?best=%d", p.seats)); err != nil {
				if retry() {
					continue
				}
				return 0, failed
			}
			if seats = m.checked; len(seats) == 0 {
				if p.seats--; p.seats == 0 || m.soldOut() {
					return 0, soldOut
				}
				continue // fewer seats together, then
			}
		}
		t0 := time.Now()
		a, err := p.web.post(ctx, "hold", fmt.Sprintf("/shows/%d/hold", p.showID), url.Values{"seats": seats}, false)
		p.rec.step("hold", time.Since(t0))
		switch {
		case err != nil:
		case a.status == http.StatusSeeOther:
			if m := checkoutPath.FindStringSubmatch(a.location); m != nil {
				id, _ := strconv.ParseInt(m[1], 10, 64)
				return id, ""
			}
		case a.status == http.StatusConflict:
			continue // a seat went first: look again
		case a.status == http.StatusUnprocessableEntity:
			p.best = true // a seat would be left alone: let the site choose
			continue
		}
		if !retry() {
			return 0, failed
		}
	}
}

// late reports whether the run is over: no new step starts then.
func (p *purchase) late(ctx context.Context) bool {
	return time.Now().After(p.deadline) || ctx.Err() != nil
}

// seatMap loads the seat map page (query: "" or "?best=N").
func (p *purchase) seatMap(ctx context.Context, query string) (*seatMap, error) {
	t0 := time.Now()
	a, err := p.web.get(ctx, "seat_map", fmt.Sprintf("/shows/%d/seats%s", p.showID, query), false)
	p.rec.step("seatmap", time.Since(t0))
	if err != nil {
		return nil, err
	}
	if err := expect("seat map", a, http.StatusOK); err != nil {
		return nil, err
	}
	m := parseSeatMap(a.body)
	if m == nil {
		return nil, fmt.Errorf("the seat map page of show %d shows no seats", p.showID)
	}
	return m, nil
}

// checkout looks at the checkout page and presses Pay (htmx, as the page
// does), landing on the pay page: the payment's id.
func (p *purchase) checkout(ctx context.Context, bookingID int64) (int64, string) {
	t0 := time.Now()
	a, err := p.web.get(ctx, "checkout_page", fmt.Sprintf("/bookings/%d/checkout", bookingID), false)
	if err != nil || expect("checkout", a, http.StatusOK) != nil {
		return 0, failed
	}
	if p.abandon == abandonCheckout {
		return 0, abandonCheckout
	}
	a, err = p.web.post(ctx, "checkout_pay", fmt.Sprintf("/bookings/%d/pay", bookingID), nil, true)
	if err != nil || expect("pay", a, http.StatusNoContent, http.StatusSeeOther) != nil {
		return 0, failed
	}
	m := payPath.FindStringSubmatch(a.location)
	if m == nil {
		return 0, failed
	}
	paymentID, _ := strconv.ParseInt(m[1], 10, 64)
	a, err = p.web.get(ctx, "pay_page", a.location, false)
	if err != nil || expect("pay page", a, http.StatusOK) != nil {
		return 0, failed
	}
	p.rec.step("checkout", time.Since(t0))
	if p.abandon == abandonPay {
		p.abandoned(paymentID)
		return 0, abandonPay
	}
	return paymentID, ""
}

// pay sends the card form (htmx, as the page does) and waits on the
// panel, asking every -poll, until it shows the outcome.
func (p *purchase) pay(ctx context.Context, paymentID int64) string {
	t0 := time.Now()
	form := url.Values{"number": {p.card}, "expiry": {"12/34"}, "cvc": {"123"}, "name": {"Rush Buyer"}}
	a, err := p.web.post(ctx, "pay_card", fmt.Sprintf("/pay/%d/card", paymentID), form, true)
	for until := time.Now().Add(p.cfg.payWait); ; {
		if err != nil || expect("card", a, http.StatusOK) != nil {
			return failed
		}
		if end := panelOutcome(a); end != "" {
			p.rec.step("pay", time.Since(t0))
			return end
		}
		if time.Now().After(until) {
			return failed
		}
		time.Sleep(p.cfg.poll)
		a, err = p.web.get(ctx, "pay_status", fmt.Sprintf("/pay/%d/status", paymentID), true)
	}
}

// panelOutcome reads the pay panel (web/templates/payments/pay.templ): ""
// while it waits.
func panelOutcome(a answer) string {
	switch {
	case a.location != "" || strings.Contains(a.body, "pay-outcome--ok"):
		return bought
	case strings.Contains(a.body, "pay-wait"):
		return ""
	case strings.Contains(a.body, "go through"):
		return declined
	case strings.Contains(a.body, "pay-outcome"):
		return seatsLost // refunded, or the hold ran out
	}
	return failed // the card form again: refused
}
