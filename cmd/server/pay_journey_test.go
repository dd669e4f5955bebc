package main

import (
	"context"
	"fmt"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/payments/paypalstandin"
	"github.com/marqueehq/marquee/internal/payments/razorpaystandin"
)

// TestBuyersPayTheWayTheirCityDoes runs the site with Razorpay and PayPal
// configured against their stand-ins (which follow each provider's
// documented API and checkout script), with the demo's ways to pay: a
// buyer in Mumbai pays by UPI in Razorpay's checkout; a buyer in London
// puts a gift card staff just issued towards half the booking and pays
// the rest with PayPal. Each booking is confirmed and lists its receipts.
func TestBuyersPayTheWayTheirCityDoes(t *testing.T) {
	t.Parallel()
	rzp := razorpaystandin.New(razorpaystandin.Options{KeyID: "rzp_test_journey", KeySecret: "rzp-secret",
		WebhookSecret: "rzp-webhook"})
	rzpSrv := httptest.NewServer(rzp)
	t.Cleanup(rzpSrv.Close)
	pp := paypalstandin.Start("paypal-journey", "paypal-secret", "WH-JOURNEY")
	t.Cleanup(pp.Close)
	base := journeySiteWith(t, map[string]string{
		"RAZORPAY_KEY_ID": "rzp_test_journey", "RAZORPAY_KEY_SECRET": "rzp-secret", "RAZORPAY_WEBHOOK_SECRET": "rzp-webhook",
		"RAZORPAY_API_BASE": rzpSrv.URL, "RAZORPAY_CHECKOUT_URL": razorpaystandin.CheckoutURL(rzpSrv.URL),
		"PAYPAL_CLIENT_ID": "paypal-journey", "PAYPAL_SECRET": "paypal-secret", "PAYPAL_WEBHOOK_ID": "WH-JOURNEY",
		"PAYPAL_API_BASE": pp.URL, "PAYPAL_SDK_URL": pp.SDKURL,
	})

	ctx := browser(t)
	signIn(t, ctx, base, "customer@marquee.test", "marquee-customer")

	holdOneSeat(t, ctx, base, "mumbai")
	var methods string
	step(t, ctx, "pay: Mumbai offers Razorpay first",
		chromedp.Click(`button.co-pay__btn`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-razorpay-open]`, chromedp.ByQuery),
		chromedp.Text(`.pay-methods`, &methods, chromedp.ByQuery),
	)
	require.Contains(t, methods, "UPI, cards, netbanking or wallets")
	require.Contains(t, methods, "Test cards", "the other way to pay is offered too")
	fullShot(t, ctx, "pay-mumbai-razorpay")
	var booked string
	step(t, ctx, "UPI in Razorpay's checkout",
		chromedp.Click(`[data-razorpay-open]`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-razorpay-standin] [data-method=upi]`, chromedp.ByQuery),
		chromedp.Click(`[data-razorpay-standin] [data-method=upi]`, chromedp.ByQuery),
		chromedp.Click(`[data-standin-pay]`, chromedp.ByQuery),
		chromedp.WaitVisible(`.co-ticket__code`, chromedp.ByQuery),
		chromedp.Text(`main`, &booked, chromedp.ByQuery),
	)
	require.Contains(t, booked, "Confirmed")
	requireReceipts(t, ctx, 1)

	holdOneSeat(t, ctx, base, "london")
	var amount string
	step(t, ctx, "pay: London offers PayPal",
		chromedp.Click(`button.co-pay__btn`, chromedp.ByQuery),
		chromedp.WaitVisible(`.paypal-standin-button`, chromedp.ByQuery),
		chromedp.Text(`#pay-amount`, &amount, chromedp.ByQuery),
	)
	total := minorUnits(t, amount)
	half := total / 2

	admin := browser(t)
	signIn(t, admin, base, "admin@marquee.test", "marquee-admin")
	var code string
	step(t, admin, "staff issue a gift card worth half the booking",
		chromedp.Navigate(base+"/admin/gift-cards"),
		chromedp.WaitVisible(`#gc-amount`, chromedp.ByQuery),
		chromedp.SetValue(`#gc-currency`, "GBP", chromedp.ByQuery),
		chromedp.SendKeys(`#gc-amount`, fmt.Sprintf("%d.%02d", half/100, half%100), chromedp.ByQuery),
		chromedp.Submit(`#gc-amount`, chromedp.ByQuery),
		chromedp.WaitVisible(`#gc-code`, chromedp.ByQuery),
		chromedp.Text(`#gc-code`, &code, chromedp.ByQuery),
	)

	var left string
	step(t, ctx, "the buyer puts the card towards the booking",
		chromedp.Click(`.pay-gift__details summary`, chromedp.ByQuery),
		chromedp.SendKeys(`#gift-code`, strings.ToLower(strings.TrimSpace(code)), chromedp.ByQuery),
		chromedp.Submit(`#gift-code`, chromedp.ByQuery),
		chromedp.WaitVisible(`.pay-gift__applied`, chromedp.ByQuery),
		chromedp.WaitVisible(`.paypal-standin-button`, chromedp.ByQuery),
		chromedp.Text(`#pay-amount`, &left, chromedp.ByQuery),
	)
	require.Equal(t, total-half, minorUnits(t, left), "what is left to pay")
	fullShot(t, ctx, "pay-london-giftcard-paypal")
	step(t, ctx, "the rest with PayPal",
		chromedp.Click(`.paypal-standin-button`, chromedp.ByQuery),
		chromedp.WaitVisible(`.co-ticket__code`, chromedp.ByQuery),
		chromedp.Text(`main`, &booked, chromedp.ByQuery),
	)
	require.Contains(t, booked, "Confirmed")
	requireReceipts(t, ctx, 2)
}

// holdOneSeat holds the best seat of a show tomorrow in city, ending on
// the checkout page.
func holdOneSeat(t *testing.T, ctx context.Context, base, city string) {
	t.Helper()
	step(t, ctx, "a show in "+city,
		chromedp.Navigate(fmt.Sprintf("%s/shows/%d/seats", base, showTomorrowIn(t, base, city))),
		chromedp.WaitVisible(`#seatmap`, chromedp.ByQuery),
	)
	step(t, ctx, "hold the best seat",
		chromedp.SetValue(`select[name=best]`, "1", chromedp.ByQuery),
		chromedp.Click(`button.sm-best__go`, chromedp.ByQuery),
		chromedp.WaitReady(`input[name=seats]:checked`, chromedp.ByQuery),
		chromedp.Click(`button.sm-bar__go`, chromedp.ByQuery),
		chromedp.WaitVisible(`button.co-pay__btn`, chromedp.ByQuery),
	)
}

// showTomorrowIn is the first show tomorrow at city's first theater.
func showTomorrowIn(t *testing.T, base, city string) int64 {
	t.Helper()
	var theaters struct{ Items []struct{ ID int64 } }
	getJSON(t, base+"/api/v1/theaters?limit=100&city="+city, &theaters)
	for _, th := range theaters.Items {
		var today struct{ Date string }
		getJSON(t, fmt.Sprintf("%s/api/v1/theaters/%d", base, th.ID), &today)
		d, err := time.Parse(time.DateOnly, today.Date)
		require.NoError(t, err)
		var page struct {
			Movies []struct{ Shows []struct{ ID int64 } }
		}
		getJSON(t, fmt.Sprintf("%s/api/v1/theaters/%d?date=%s", base, th.ID, d.AddDate(0, 0, 1).Format(time.DateOnly)), &page)
		for _, m := range page.Movies {
			for _, sh := range m.Shows {
				return sh.ID
			}
		}
	}
	t.Fatalf("no show tomorrow in %s", city)
	return 0
}

// requireReceipts waits for the booking page to list n receipts (a job
// issues them) and opens the first.
func requireReceipts(t *testing.T, ctx context.Context, n int) {
	t.Helper()
	step(t, ctx, "the receipts are issued", chromedp.Poll(fmt.Sprintf(`(async () => {
		const page = await fetch(location.pathname).then(r => r.text());
		return (page.match(/href="\/receipts\/\d+"/g) || []).length >= %d;
	})()`, n), nil, chromedp.WithPollingInterval(200e6)))
	var receipt string
	step(t, ctx, "open the receipt",
		chromedp.Reload(),
		chromedp.Click(`.co-receipts__list a`, chromedp.ByQuery),
		chromedp.WaitVisible(`main`, chromedp.ByQuery),
		chromedp.Text(`main`, &receipt, chromedp.ByQuery),
	)
	require.Regexp(t, regexp.MustCompile(`[A-Z]+-\d{4}-R-\d{6}`), receipt, "a numbered receipt")
}

// minorUnits reads "£20.00" or "₹1,250.00" as minor units.
func minorUnits(t *testing.T, shown string) int64 {
	t.Helper()
	digits := regexp.MustCompile(`[^0-9.]`).ReplaceAllString(shown, "")
	whole, frac, _ := strings.Cut(digits, ".")
	w, err := strconv.ParseInt(whole, 10, 64)
	require.NoError(t, err, shown)
	f, _ := strconv.ParseInt((frac + "00")[:2], 10, 64)
	return w*100 + f
}
