package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/platform/pg/pgtest"
)

// TestTheETicketOpensOffline buys a ticket in Chromium and opens it; then
// the connection goes (every request to the site fails, for the page and
// for its service worker alike) and the browser's own cache is emptied.
// Reloaded, the ticket still shows its booking code and QR code, styled;
// a page never visited says the buyer is offline and links the ticket
// kept. Back online, signing out forgets the ticket: offline again, it is
// no longer there for the next person.
func TestTheETicketOpensOffline(t *testing.T) {
	t.Parallel()
	site := cuttableSite(t)
	ctx := browser(t)
	signIn(t, ctx, site.base, "customer@marquee.test", "marquee-customer")

	code, ticketURL := buyTicket(t, ctx, site.base)
	ticketPath := strings.TrimPrefix(ticketURL, site.base)
	require.Regexp(t, `^/bookings/\d+/ticket$`, ticketPath)

	offlineStep(t, ctx, "open the e-ticket and wait until the service worker has kept it",
		chromedp.Navigate(ticketURL),
		chromedp.WaitVisible(`.tk__qr`, chromedp.ByQuery),
		chromedp.Poll(`caches.match(location.href).then(r => !!r)`, nil,
			chromedp.WithPollingInterval(100*time.Millisecond), chromedp.WithPollingTimeout(0)),
	)

	site.cut()
	var shown string
	var qrWidth float64
	var unkept []string
	offlineStep(t, ctx, "offline, with the browser's cache emptied, reload the ticket",
		network.ClearBrowserCache(),
		chromedp.Reload(),
		chromedp.WaitVisible(`.tk__code`, chromedp.ByQuery),
		chromedp.WaitVisible(`.tk__qr path`, chromedp.ByQuery),
		chromedp.Text(`.tk__code`, &shown, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelector('.tk__qr').getBoundingClientRect().width`, &qrWidth),
		chromedp.Evaluate(unstyled, &unkept),
	)
	require.Equal(t, code, strings.TrimSpace(shown), "the booking code staff can type in")
	require.GreaterOrEqual(t, qrWidth, 120.0, "a QR code big enough to scan at the door")
	require.Empty(t, unkept, "the ticket's stylesheets were kept with it")
	requireCutWorked(t, ctx, site.base)

	var heading string
	offlineStep(t, ctx, "a page never visited, offline, says so and links the ticket kept",
		chromedp.Navigate(site.base+"/theaters"),
		chromedp.WaitVisible(`main h1`, chromedp.ByQuery),
		chromedp.Text(`main h1`, &heading, chromedp.ByQuery),
		chromedp.Click(`main a[href="`+ticketPath+`"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`.tk__qr path`, chromedp.ByQuery),
		chromedp.Text(`.tk__code`, &shown, chromedp.ByQuery),
	)
	require.Equal(t, "You are offline", heading)
	require.Equal(t, code, strings.TrimSpace(shown), "the link opens the kept ticket")

	site.restore()
	offlineStep(t, ctx, "back online, sign out; the ticket kept is forgotten",
		chromedp.Navigate(site.base+"/account/bookings"),
		chromedp.WaitVisible(`summary.account__toggle`, chromedp.ByQuery),
		chromedp.Click(`summary.account__toggle`, chromedp.ByQuery),
		chromedp.Click(`button.account__signout`, chromedp.ByQuery),
		chromedp.WaitVisible(`a.account-link[href="/login"]`, chromedp.ByQuery),
		chromedp.Poll(`caches.match('`+ticketURL+`').then(r => !r)`, nil,
			chromedp.WithPollingInterval(100*time.Millisecond), chromedp.WithPollingTimeout(0)),
	)

	site.cut()
	var after string
	offlineStep(t, ctx, "offline again, the ticket's address shows only the offline page",
		chromedp.Navigate(ticketURL),
		chromedp.WaitVisible(`main h1`, chromedp.ByQuery),
		chromedp.Text(`main`, &after, chromedp.ByQuery),
	)
	require.Contains(t, after, "You are offline")
	require.Contains(t, after, "No e-tickets are saved on this device yet")
	require.NotContains(t, after, code)
}

// unstyled lists the page's stylesheets that did not load (a failed one
// has a sheet whose rules cannot be read).
const unstyled = `[...document.querySelectorAll('link[rel=stylesheet]')].filter(l => {
	try { return !l.sheet || l.sheet.cssRules.length === 0; } catch (e) { return true; }
}).map(l => l.getAttribute('href'))`

// buyTicket buys two seats on the first London show offered, paying with
// the test card, and returns the booking code and the e-ticket's URL.
func buyTicket(t *testing.T, ctx context.Context, base string) (code, ticketURL string) {
	t.Helper()
	var show string
	offlineStep(t, ctx, "choose a London show",
		chromedp.Navigate(base+"/cities"),
		chromedp.Click(`button[name=city][value=london]`, chromedp.ByQuery),
		chromedp.WaitVisible(`a.poster-card__link`, chromedp.ByQuery),
		chromedp.Click(`a.poster-card__link`, chromedp.ByQuery),
		chromedp.WaitVisible(`#showtimes-title`, chromedp.ByQuery),
		chromedp.Click(`a.date-strip__day:not(.is-empty)`, chromedp.ByQuery),
		chromedp.WaitVisible(`a.chip[href^="/shows/"]`, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelector('a.chip[href^="/shows/"]').href`, &show),
	)
	// The chip leads to the show's page or straight to its seats.
	offlineStep(t, ctx, "hold the best two seats",
		chromedp.Navigate(strings.TrimSuffix(show, "/seats")+"/seats"),
		chromedp.WaitVisible(`#seatmap`, chromedp.ByQuery),
		chromedp.SetValue(`select[name=best]`, "2", chromedp.ByQuery),
		chromedp.Click(`button.sm-best__go`, chromedp.ByQuery),
		chromedp.WaitReady(`input[name=seats]:checked`, chromedp.ByQuery),
		chromedp.Click(`button.sm-bar__go`, chromedp.ByQuery),
		chromedp.WaitVisible(`button.co-pay__btn`, chromedp.ByQuery),
	)
	offlineStep(t, ctx, "pay with the test card",
		chromedp.Click(`button.co-pay__btn`, chromedp.ByQuery),
		chromedp.WaitVisible(`#card-number`, chromedp.ByQuery),
		chromedp.SendKeys(`#card-number`, "4242 4242 4242 4242", chromedp.ByQuery),
		chromedp.SendKeys(`#card-expiry`, "12 / 34", chromedp.ByQuery),
		chromedp.SendKeys(`#card-cvc`, "123", chromedp.ByQuery),
		chromedp.SendKeys(`#card-name`, "Casey Customer", chromedp.ByQuery),
		chromedp.Click(`button.pay-submit`, chromedp.ByQuery),
		chromedp.WaitVisible(`.co-ticket__code`, chromedp.ByQuery),
		chromedp.Text(`.co-ticket__code`, &code, chromedp.ByQuery),
		chromedp.WaitVisible(`a[href$="/ticket"]`, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelector('a[href$="/ticket"]').href`, &ticketURL),
	)
	return strings.TrimSpace(code), ticketURL
}

// requireCutWorked checks the cut is real: the page itself cannot reach
// the site, so what the test saw offline came from the service worker.
func requireCutWorked(t *testing.T, ctx context.Context, base string) {
	t.Helper()
	var failed bool
	offlineStep(t, ctx, "the site is unreachable",
		chromedp.Evaluate(`fetch('`+base+`/healthz', {cache: 'no-store'}).then(() => false, () => true)`, &failed,
			func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }),
	)
	require.True(t, failed, "a fetch to the site fails while cut off")
}

// offlineStep is step with a deadline generous enough for a loaded
// two-core machine.
func offlineStep(t *testing.T, ctx context.Context, what string, actions ...chromedp.Action) {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 3*time.Minute)
	defer cancel()
	require.NoError(t, chromedp.Run(ctx, actions...), what)
}

// siteBehindSwitch is the whole program behind a reverse proxy the test
// can cut off, as a phone loses its connection: while cut, every request
// (the page's and the service worker's) has its connection closed
// without an answer, so fetches fail as they do offline. The program's
// BASE_URL is the proxy's, so the browser only ever sees one origin.
type siteBehindSwitch struct {
	base string
	down atomic.Bool
}

func (s *siteBehindSwitch) cut()     { s.down.Store(true) }
func (s *siteBehindSwitch) restore() { s.down.Store(false) }

// cuttableSite boots the program as journeySite does, behind the switch.
func cuttableSite(t *testing.T) *siteBehindSwitch {
	t.Helper()
	s := &siteBehindSwitch{}
	port := freePort(t)
	origin := &url.URL{Scheme: "http", Host: "127.0.0.1:" + strconv.Itoa(port)}
	proxy := &httputil.ReverseProxy{
		Rewrite: func(r *httputil.ProxyRequest) {
			r.SetURL(origin)
			r.Out.Host = r.In.Host
		},
		// Before the program listens (waitHealthy) and after it stops.
		ErrorHandler: func(w http.ResponseWriter, _ *http.Request, _ error) { w.WriteHeader(http.StatusBadGateway) },
	}
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.down.Load() {
			hangUp(w)
			return
		}
		proxy.ServeHTTP(w, r)
	}))
	t.Cleanup(func() { front.CloseClientConnections(); front.Close() })
	s.base = front.URL

	env := map[string]string{
		"DATABASE_URL": pgtest.URL(t),
		"PORT":         strconv.Itoa(port),
		"BASE_URL":     s.base,
		"LOG_LEVEL":    "error",
		"DATA_DIR":     t.TempDir(),
		"SEED_DEMO":    "true",
	}
	strictPools(env)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	out := &syncBuffer{}
	go func() { done <- run(ctx, []string{"server"}, func(k string) string { return env[k] }, out) }()
	t.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			t.Error("the server did not stop")
		}
		requireNoPoolRuleBroken(t, out.String())
	})
	waitHealthy(t, s.base+"/healthz")
	return s
}

// hangUp closes the connection without a word, as a dead network does.
func hangUp(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			_ = conn.Close()
			return
		}
	}
	panic(http.ErrAbortHandler)
}
