package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"time"
)

// browser is one buyer's browser: its own cookies (session, CSRF), no
// automatic redirects (each step follows the one it expects, as the page
// would), every request bounded by the timeout and recorded.
type browser struct {
	base    string
	client  *http.Client
	rec     *recorder
	timeout time.Duration
	csrf    string // the form token of the last page that had one
}

// newTransport is shared by all browsers: enough idle connections that
// every buyer keeps its own.
func newTransport(buyers int) *http.Transport {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConns, tr.MaxIdleConnsPerHost = buyers*2+16, buyers*2+16
	return tr
}

func newBrowser(base string, tr *http.Transport, rec *recorder, timeout time.Duration) *browser {
	jar, _ := cookiejar.New(nil) // never fails without options
	return &browser{base: base, rec: rec, timeout: timeout, client: &http.Client{Jar: jar, Transport: tr,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// answer is a response as a step sees it.
type answer struct {
	status   int
	location string // Location, or HX-Redirect for htmx requests
	body     string
}

// get fetches path; htmx marks it as htmx's own request (a poll).
func (b *browser) get(ctx context.Context, kind, path string, htmx bool) (answer, error) {
	return b.do(ctx, kind, http.MethodGet, path, nil, htmx)
}

// post sends a form the way a same-origin page does: with the page's
// CSRF token and the Sec-Fetch-Site header a browser adds.
func (b *browser) post(ctx context.Context, kind, path string, form url.Values, htmx bool) (answer, error) {
	if form == nil {
		form = url.Values{}
	}
	if b.csrf != "" {
		form.Set("_csrf", b.csrf)
	}
	return b.do(ctx, kind, http.MethodPost, path, form, htmx)
}

func (b *browser) do(ctx context.Context, kind, method, path string, form url.Values, htmx bool) (answer, error) {
	ctx, cancel := context.WithTimeout(ctx, b.timeout)
	defer cancel()
	var body io.Reader
	if form != nil {
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
	if err == nil {
		var raw []byte
		raw, err = io.ReadAll(res.Body)
		res.Body.Close()
		if err == nil {
			a := answer{status: res.StatusCode, location: res.Header.Get("Location"), body: string(raw)}
			if hx := res.Header.Get("HX-Redirect"); hx != "" {
				a.location = hx
			}
			b.rec.request(kind, a.status)
			if tok := csrfToken(a.body); tok != "" {
				b.csrf = tok
			}
			return a, nil
		}
	}
	if !errors.Is(ctx.Err(), context.Canceled) { // the run is over, not the server
		b.rec.failed(kind, err)
	}
	return answer{}, fmt.Errorf("%s %s: %w", method, path, err)
}

// csrfToken reads the hidden form field every form of Marquee carries
// ("" when the page has none).
func csrfToken(page string) string {
	const field = `name="_csrf" value="`
	i := strings.Index(page, field)
	if i < 0 {
		return ""
	}
	tok, _, _ := strings.Cut(page[i+len(field):], `"`)
	return tok
}

// statusError is an answer other than the one the step expected.
type statusError struct {
	kind   string
	status int
}

func (e *statusError) Error() string { return fmt.Sprintf("%s: HTTP %d", e.kind, e.status) }

// expect turns an unexpected status into an error.
func expect(kind string, a answer, want ...int) error {
	for _, w := range want {
		if a.status == w {
			return nil
		}
	}
	return &statusError{kind: kind, status: a.status}
}

// isTimeout reports whether err is a request that ran out of time.
func isTimeout(err error) bool {
	var ne interface{ Timeout() bool }
	return errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout())
}
