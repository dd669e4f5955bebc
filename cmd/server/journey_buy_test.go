package main

import (
	"context"
	"testing"

	"github.com/chromedp/chromedp"
)

// londonSeatMap goes from the city list to the seat map of the first
// showtime of the first movie showing in London and stores its address
// in seatMap.
func londonSeatMap(base string, seatMap *string) []chromedp.Action {
	return []chromedp.Action{
		chromedp.Navigate(base + "/cities"),
		chromedp.Click(`button[name=city][value=london]`, chromedp.ByQuery),
		chromedp.WaitVisible(`a.poster-card__link`, chromedp.ByQuery),
		chromedp.Click(`a.poster-card__link`, chromedp.ByQuery),
		chromedp.WaitVisible(`#showtimes-title`, chromedp.ByQuery),
		chromedp.Click(`a.date-strip__day:not(.is-empty)`, chromedp.ByQuery),
		chromedp.WaitVisible(`a.chip[href^="/shows/"]`, chromedp.ByQuery),
		chromedp.Click(`a.chip[href^="/shows/"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#seatmap`, chromedp.ByQuery),
		chromedp.Location(seatMap),
	}
}

// holdBest lets "best available" pick n seats on the open seat map and
// holds them, landing on the checkout page.
func holdBest(n string) []chromedp.Action {
	return []chromedp.Action{
		chromedp.SetValue(`select[name=best]`, n, chromedp.ByQuery),
		chromedp.Click(`button.sm-best__go`, chromedp.ByQuery),
		chromedp.WaitReady(`input[name=seats]:checked`, chromedp.ByQuery),
		chromedp.Click(`button.sm-bar__go`, chromedp.ByQuery),
		chromedp.WaitVisible(`button.co-pay__btn`, chromedp.ByQuery),
	}
}

// payByCard pays on the checkout page with the test card and waits for
// the booking's page (its element booked).
func payByCard(t *testing.T, ctx context.Context, name, booked string) {
	t.Helper()
	step(t, ctx, "pay with the test card", append([]chromedp.Action{chromedp.Click(`button.co-pay__btn`, chromedp.ByQuery)},
		cardPayment(name, booked)...)...)
}

// cardPayment fills the card form of the pay page in as name with the
// test card, submits it and waits for the element booked.
func cardPayment(name, booked string) []chromedp.Action {
	return []chromedp.Action{
		chromedp.WaitVisible(`#card-number`, chromedp.ByQuery),
		chromedp.SendKeys(`#card-number`, "4242 4242 4242 4242", chromedp.ByQuery),
		chromedp.SendKeys(`#card-expiry`, "12 / 34", chromedp.ByQuery),
		chromedp.SendKeys(`#card-cvc`, "123", chromedp.ByQuery),
		chromedp.SendKeys(`#card-name`, name, chromedp.ByQuery),
		chromedp.Click(`button.pay-submit`, chromedp.ByQuery),
		chromedp.WaitVisible(booked, chromedp.ByQuery),
	}
}
