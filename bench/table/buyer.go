package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/marqueehq/marquee/bench/internal/benchkit"
)

// buyerPassword is the bench buyers' password (not a common one, so the
// account module accepts it).
const buyerPassword = "table-bench-plush-aisles-7"

// buyer is one signed-in customer's browser: its own cookies (session,
// CSRF), no automatic redirects.
type buyer struct {
	base   string
	client *http.Client
	csrf   string // the form token of the last page that had one
}

// signInBuyers makes n verified customers (table-buyer-<i>@example.com)
// in the server's database and signs each in through the login form, a
// few at a time (argon2id is CPU-bound); not part of any figure.
func signInBuyers(ctx context.Context, pool *pgxpool.Pool, tr http.RoundTripper, base string, n int) ([]*buyer, error) {
	accounts, err := benchkit.EnsureAccounts(ctx, pool, "table", buyerPassword, n)
	if err != nil {
		return nil, err
	}
	buyers := make([]*buyer, n)
	errs := make([]error, n)
	slots := make(chan struct{}, 2)
	var wg sync.WaitGroup
	for i, a := range accounts {
		wg.Go(func() {
			slots <- struct{}{}
			defer func() { <-slots }()
			jar, _ := cookiejar.New(nil) // never fails without options
			b := &buyer{base: base, client: &http.Client{Jar: jar, Transport: tr, Timeout: 30 * time.Second,
				CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
			if _, err := b.expect(ctx, http.MethodGet, "/login", nil, false, http.StatusOK); err != nil {
				errs[i] = err
				return
			}
			form := url.Values{"email": {a.Email}, "password": {a.Password}}
			if _, err := b.expect(ctx, http.MethodPost, "/login", form, false, http.StatusSeeOther); err != nil {
				errs[i] = fmt.Errorf("sign in %s: %w", a.Email, err)
				return
			}
			buyers[i] = b
		})
	}
	wg.Wait()
	return buyers, errors.Join(errs...)
}

// answer is a response as a step reads it.
type answer struct {
	status   int
	location string // Location, or HX-Redirect for htmx requests
	body     string
}

// expect sends a request the way the page would (a form with its CSRF
// token and Sec-Fetch-Site; htmx marks htmx's own requests) and fails
// unless the status is one of want.
func (b *buyer) expect(ctx context.Context, method, path string, form url.Values, htmx bool, want ...int) (answer, error) {
	var body io.Reader
	if form != nil {
		if b.csrf != "" {
			form.Set("_csrf", b.csrf)
		}
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequestWithContext(ctx, method, b.base+path, body)
	if err != nil {
		return answer{}, fmt.Errorf("%s %s: %w", method, path, err)
	}
	req.Header.Set("Accept", "text/html")
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		req.Header.Set("Origin", b.base)
	}
	if htmx {
		req.Header.Set("HX-Request", "true")
	}
	res, err := b.client.Do(req)
	if err != nil {
		return answer{}, fmt.Errorf("%s %s: %w", method, path, err)
	}
	raw, err := io.ReadAll(res.Body)
	res.Body.Close()
	if err != nil {
		return answer{}, fmt.Errorf("%s %s: read: %w", method, path, err)
	}
	a := answer{status: res.StatusCode, location: res.Header.Get("Location"), body: string(raw)}
	if hx := res.Header.Get("HX-Redirect"); hx != "" {
		a.location = hx
	}
	if tok := between(a.body, `name="_csrf" value="`, `"`); tok != "" {
		b.csrf = tok
	}
	for _, w := range want {
		if a.status == w {
			return a, nil
		}
	}
	return a, fmt.Errorf("%s %s: HTTP %d", method, path, a.status)
}

var (
	checkoutPath = regexp.MustCompile(`^/bookings/(\d+)/checkout$`)
	payPath      = regexp.MustCompile(`^/pay/(\d+)$`)
)

// purchase buys two seats on show as a browser does: the seat map with the
// best two ticked, hold, checkout page, Pay, the pay page, the test card,
// then the pay panel every 100 ms until it shows the outcome. Each request
// is timed into steps (the first from scheduled, when the purchase was
// due, so waiting for a free buyer counts); the polls are not. When
// another buyer takes a seat first it looks again, up to retries times.
func (b *buyer) purchase(ctx context.Context, show int64, scheduled time.Time, steps *stats, retries int) error {
	from := scheduled
	step := func(method, path string, form url.Values, htmx bool, want ...int) (answer, error) {
		a, err := b.expect(ctx, method, path, form, htmx, want...)
		if err == nil {
			steps.ok(time.Since(from))
		}
		from = time.Now()
		return a, err
	}
	m, err := step(http.MethodGet, fmt.Sprintf("/shows/%d/seats?best=2", show), nil, false, http.StatusOK)
	if err != nil {
		return err
	}
	seats := checkedSeats(m.body)
	if len(seats) == 0 {
		return fmt.Errorf("show %d: no two seats together left", show)
	}
	a, err := step(http.MethodPost, fmt.Sprintf("/shows/%d/hold", show), url.Values{"seats": seats}, false,
		http.StatusSeeOther, http.StatusConflict)
	if err != nil {
		return err
	}
	if a.status == http.StatusConflict {
		if retries == 0 {
			return fmt.Errorf("show %d: seats taken first three times running", show)
		}
		// Another buyer took a seat first: look again, as the page does.
		return b.purchase(ctx, show, time.Now(), steps, retries-1)
	}
	if checkoutPath.FindString(a.location) == "" {
		return fmt.Errorf("hold on show %d went to %q, not checkout", show, a.location)
	}
	if _, err := step(http.MethodGet, a.location, nil, false, http.StatusOK); err != nil {
		return err
	}
	payFrom := strings.TrimSuffix(a.location, "/checkout") + "/pay"
	a, err = step(http.MethodPost, payFrom, url.Values{}, true, http.StatusNoContent, http.StatusSeeOther)
	if err != nil {
		return err
	}
	if payPath.FindString(a.location) == "" {
		return fmt.Errorf("pay went to %q, not the pay page", a.location)
	}
	payPage := a.location
	if _, err := step(http.MethodGet, payPage, nil, false, http.StatusOK); err != nil {
		return err
	}
	card := url.Values{"number": {"4242 4242 4242 4242"}, "expiry": {"12/34"}, "cvc": {"123"}, "name": {"Table Buyer"}}
	a, err = step(http.MethodPost, payPage+"/card", card, true, http.StatusOK)
	for until := time.Now().Add(30 * time.Second); ; {
		switch {
		case err != nil:
			return err
		case a.location != "" || strings.Contains(a.body, "pay-outcome--ok"):
			return nil
		case !strings.Contains(a.body, "pay-wait"):
			return fmt.Errorf("%s: the card was not taken", payPage)
		case time.Now().After(until):
			return fmt.Errorf("%s: no outcome within 30s", payPage)
		}
		time.Sleep(100 * time.Millisecond)
		a, err = b.expect(ctx, http.MethodGet, payPage+"/status", nil, true, http.StatusOK)
	}
}

// checkedSeats reads the seats a seat map page ticked (best available):
// the value of every seat checkbox marked checked.
func checkedSeats(page string) []string {
	var seats []string
	for rest := page; ; {
		i := strings.Index(rest, `class="sm-seat__input"`)
		if i < 0 {
			return seats
		}
		rest = rest[i:]
		input, _, _ := strings.Cut(rest, ">")
		rest = rest[len(input):]
		if strings.Contains(input, " checked") {
			seats = append(seats, between(input, `value="`, `"`))
		}
	}
}

// between is the text of s after the first start, up to end ("" without start).
func between(s, start, end string) string {
	i := strings.Index(s, start)
	if i < 0 {
		return ""
	}
	v, _, _ := strings.Cut(s[i+len(start):], end)
	return v
}
