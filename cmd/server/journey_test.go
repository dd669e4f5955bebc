package main

import (
	"context"
	"maps"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/platform/pg/pgtest"
)

// journeySite boots the whole program through run(), with the demo data,
// and returns its base URL.
func journeySite(t *testing.T) string {
	t.Helper()
	return journeySiteWith(t, nil)
}

// journeySiteWith is journeySite with extra configuration (SMTP_URL).
func journeySiteWith(t *testing.T, extra map[string]string) string {
	t.Helper()
	port := freePort(t)
	base := "http://127.0.0.1:" + strconv.Itoa(port)
	env := map[string]string{
		"DATABASE_URL": pgtest.URL(t),
		"PORT":         strconv.Itoa(port),
		"BASE_URL":     base,
		"LOG_LEVEL":    "error",
		"DATA_DIR":     t.TempDir(),
		"SEED_DEMO":    "true",
	}
	maps.Copy(env, extra)
	strictPools(env)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	out := &syncBuffer{}
	go func() { done <- run(ctx, []string{"server"}, func(k string) string { return env[k] }, out) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if t.Failed() {
				// Why a page stopped answering: the server's own account.
				t.Logf("the server at %s ended with %v; its log:\n%s", base, err, out.String())
			}
		case <-time.After(30 * time.Second):
			t.Error("the server did not stop")
		}
		requireNoPoolRuleBroken(t, out.String())
	})
	waitHealthy(t, base+"/healthz")
	return base
}

// chromium finds the browser scripts/test-deps.sh installs.
func chromium(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("CHROMIUM_PATH"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Fatal("no Chromium found: run `make test-deps` (it installs it) or set CHROMIUM_PATH")
	return ""
}

// browser starts headless Chromium at a phone's size; tabs made from the
// returned context share its cookies.
func browser(t *testing.T) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium(t)), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true), chromedp.WindowSize(390, 844))
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(alloc)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	require.NoError(t, chromedp.Run(ctx), "start Chromium")
	return ctx
}

// step runs browser actions with a deadline, failing the test with what
// the step was for.
func step(t *testing.T, ctx context.Context, what string, actions ...chromedp.Action) {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	require.NoError(t, chromedp.Run(ctx, actions...), what)
}

// signIn signs the browser in through the login form.
func signIn(t *testing.T, ctx context.Context, base, email, password string) {
	t.Helper()
	step(t, ctx, "sign in as "+email,
		chromedp.Navigate(base+"/login"),
		chromedp.SendKeys("#email", email, chromedp.ByQuery),
		chromedp.SendKeys("#password", password, chromedp.ByQuery),
		chromedp.Click("button.auth__submit", chromedp.ByQuery),
		chromedp.WaitNotPresent("#password", chromedp.ByQuery),
	)
}

// TestBuyerJourney is a moviegoer's evening in headless Chromium on a
// phone-sized screen: choose a city, a movie, a day and a showtime, sign
// in, let "best available" pick two seats together, hold them (and watch
// them turn taken on a second open seat map, live), see the itemised
// checkout, change seats, and hold again.
func TestBuyerJourney(t *testing.T) {
	t.Parallel()
	base := journeySite(t)
	ctx := browser(t)
	signIn(t, ctx, base, "customer@marquee.test", "marquee-customer")

	var seatsURL string
	step(t, ctx, "choose London and a movie that is showing",
		chromedp.Navigate(base+"/cities"),
		chromedp.Click(`button[name=city][value=london]`, chromedp.ByQuery),
		chromedp.WaitVisible(`a.poster-card__link`, chromedp.ByQuery),
		chromedp.Click(`a.poster-card__link`, chromedp.ByQuery),
		chromedp.WaitVisible(`#showtimes-title`, chromedp.ByQuery),
		chromedp.Click(`a.date-strip__day:not(.is-empty)`, chromedp.ByQuery),
		chromedp.WaitVisible(`a.chip[href^="/shows/"]`, chromedp.ByQuery),
		chromedp.Click(`a.chip[href^="/shows/"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#seatmap`, chromedp.ByQuery),
		chromedp.Location(&seatsURL),
	)
	require.Contains(t, seatsURL, "/seats")

	// Another moviegoer, on their own phone, looks at the same seat map.
	other := browser(t)
	step(t, other, "open the seat map on a second phone", chromedp.Navigate(seatsURL), chromedp.WaitVisible(`#seatmap`, chromedp.ByQuery))

	var picked []string
	step(t, ctx, "best available: 2 seats together",
		chromedp.SetValue(`select[name=best]`, "2", chromedp.ByQuery),
		chromedp.Click(`button.sm-best__go`, chromedp.ByQuery),
		chromedp.WaitReady(`input[name=seats]:checked`, chromedp.ByQuery),
		chromedp.Evaluate(`Array.from(document.querySelectorAll('input[name=seats]:checked')).map(s => s.value)`, &picked),
	)
	require.Len(t, picked, 2, "two seats picked for us")
	var summary string
	step(t, ctx, "the bar counts them", chromedp.Text(`[data-seatmap-count]`, &summary, chromedp.ByQuery))
	require.Contains(t, summary, "2 seats")

	var checkout string
	step(t, ctx, "hold them",
		chromedp.Click(`button.sm-bar__go`, chromedp.ByQuery),
		chromedp.WaitVisible(`.co-grid`, chromedp.ByQuery),
		chromedp.Text(`main`, &checkout, chromedp.ByQuery),
	)
	for _, want := range append([]string{"Booking fee", "Total"}, picked...) {
		require.Contains(t, checkout, want)
	}

	step(t, other, "the other phone sees the seats taken, live",
		chromedp.WaitReady(`input[name=seats][value="`+picked[0]+`"]:disabled`, chromedp.ByQuery),
		chromedp.WaitReady(`input[name=seats][value="`+picked[1]+`"]:disabled`, chromedp.ByQuery),
	)

	var flash string
	step(t, ctx, "change seats: the hold is released at once",
		chromedp.Click(`form[action$="/release"] button`, chromedp.ByQuery),
		chromedp.WaitVisible(`#seatmap`, chromedp.ByQuery),
		chromedp.Text(`#alerts`, &flash, chromedp.ByQuery),
	)
	require.True(t, strings.Contains(flash, "released"), "told the seats went back: %q", flash)
	step(t, other, "and the other phone sees them free again",
		chromedp.WaitReady(`input[name=seats][value="`+picked[0]+`"]:enabled`, chromedp.ByQuery))

	step(t, ctx, "hold two seats again",
		chromedp.Click(`button.sm-best__go`, chromedp.ByQuery),
		chromedp.WaitReady(`input[name=seats]:checked`, chromedp.ByQuery),
		chromedp.Click(`button.sm-bar__go`, chromedp.ByQuery),
		chromedp.WaitVisible(`button.co-pay__btn`, chromedp.ByQuery),
	)

	var declined string
	step(t, ctx, "pay: a declined card first",
		chromedp.Click(`button.co-pay__btn`, chromedp.ByQuery),
		chromedp.WaitVisible(`#card-number`, chromedp.ByQuery),
		chromedp.SendKeys(`#card-number`, "4000 0000 0000 0002", chromedp.ByQuery),
		chromedp.SendKeys(`#card-expiry`, "12 / 34", chromedp.ByQuery),
		chromedp.SendKeys(`#card-cvc`, "123", chromedp.ByQuery),
		chromedp.SendKeys(`#card-name`, "Casey Customer", chromedp.ByQuery),
		chromedp.Click(`button.pay-submit`, chromedp.ByQuery),
		chromedp.WaitVisible(`#pay-panel .pay-outcome--bad`, chromedp.ByQuery),
		chromedp.Text(`#pay-panel`, &declined, chromedp.ByQuery),
	)
	require.Contains(t, strings.ToLower(declined), "declined")

	var booked, code string
	step(t, ctx, "try another card: paid and confirmed",
		chromedp.Click(`#pay-panel .pay-outcome--bad button`, chromedp.ByQuery),
		chromedp.WaitVisible(`#card-number`, chromedp.ByQuery),
		chromedp.SendKeys(`#card-number`, "4242 4242 4242 4242", chromedp.ByQuery),
		chromedp.SendKeys(`#card-expiry`, "12 / 34", chromedp.ByQuery),
		chromedp.SendKeys(`#card-cvc`, "123", chromedp.ByQuery),
		chromedp.SendKeys(`#card-name`, "Casey Customer", chromedp.ByQuery),
		chromedp.Click(`button.pay-submit`, chromedp.ByQuery),
		chromedp.WaitVisible(`.co-ticket__code`, chromedp.ByQuery),
		chromedp.Text(`.co-ticket__code`, &code, chromedp.ByQuery),
		chromedp.Text(`main`, &booked, chromedp.ByQuery),
	)
	require.Contains(t, booked, "Confirmed")
	require.Len(t, strings.TrimSpace(code), 7, "a short booking code like K7M-4QX")

	var ticket string
	step(t, ctx, "the e-ticket with its QR code",
		chromedp.Click(`a[href$="/ticket"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`.tk`, chromedp.ByQuery),
		chromedp.WaitReady(`.tk svg`, chromedp.ByQuery),
		chromedp.Text(`.tk`, &ticket, chromedp.ByQuery),
	)
	require.Contains(t, ticket, strings.TrimSpace(code))

	// At the cinema, staff find the booking by its code.
	desk := browser(t)
	signIn(t, desk, base, "staff@marquee.test", "marquee-staff")
	var staffView string
	step(t, desk, "staff look the booking up",
		chromedp.Navigate(base+"/admin/bookings?q="+strings.TrimSpace(code)),
		chromedp.WaitVisible(`main`, chromedp.ByQuery),
		chromedp.Navigate(base+"/admin/bookings/"+strings.TrimSpace(code)),
		chromedp.WaitVisible(`.sb-history`, chromedp.ByQuery),
		chromedp.Text(`main`, &staffView, chromedp.ByQuery),
	)
	require.Contains(t, staffView, "Confirmed")
	require.Contains(t, staffView, "paid")

	var focused bool
	step(t, ctx, "search suggestions as you type, reached with the arrow keys",
		chromedp.SendKeys(`#site-search-q`, "lantern kee", chromedp.ByQuery),
		chromedp.WaitVisible(`#site-search-suggest a.suggest__movie`, chromedp.ByQuery),
		chromedp.SendKeys(`#site-search-q`, kb.ArrowDown, chromedp.ByQuery),
		chromedp.Evaluate(`document.activeElement.matches("#site-search-suggest a")`, &focused),
	)
	require.True(t, focused, "the down arrow moves into the suggestions")
}
