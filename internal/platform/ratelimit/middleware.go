package ratelimit

import (
	"crypto/sha256"
	"encoding/hex"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/marqueehq/marquee/internal/platform/web"
)

// By says whose budget a request spends from.
type By int

const (
	// ByIP spends the client address's budget (echo's RealIP: the
	// X-Forwarded-For address only behind a trusted proxy).
	ByIP By = iota
	// ByAccount spends the budget of the signed-in account or of the API
	// token's account; requests of no account skip the limit.
	ByAccount
	// ByToken spends the API bearer token's budget; requests without a
	// token skip the limit.
	ByToken
)

// Limit is one budget the requests of a rule spend from.
type Limit struct {
	Counter *Counter
	By      By
	// Key, when set, names whose budget a request spends instead of By
	// (a gift card code's prefix read from the request); "" skips the
	// limit for that request.
	Key func(c echo.Context) string
	// Code is the API problem's code for a refusal (rate_limited when
	// empty).
	Code string
	// Message tells the user what happened and when to come back; nil: a
	// general message.
	Message func(r Result) string
}

// Rule applies limits to routes.
type Rule struct {
	// Routes are "METHOD /path" as registered with echo ("POST
	// /shows/:id/hold"); a path ending in "*" covers every route below it.
	Routes []string
	Limits []Limit
}

// Options configure Middleware.
type Options struct {
	Rules []Rule
	// Account names the account a request speaks for, given its bearer
	// token ("" when it has none); "" for no account.
	Account func(c echo.Context, bearer string) string
	// Rejected counts refusals (NewRejectedCounter); nil: not counted.
	Rejected *prometheus.CounterVec
	Log      *slog.Logger
}

// NewRejectedCounter is marquee_rate_limited_total{route,limit}: requests
// refused by a rate limit, by route and budget.
func NewRejectedCounter() *prometheus.CounterVec {
	return prometheus.NewCounterVec(prometheus.CounterOpts{
		Namespace: "marquee", Name: "rate_limited_total",
		Help: "Requests refused with 429 by a rate limit, by route and limit.",
	}, []string{"route", "limit"})
}

// Middleware spends one action from every budget of the rules that cover
// the route, in order, and refuses the request with 429 at the first
// budget that is used up. Every answer of a limited route carries the
// RateLimit header fields of draft-ietf-httpapi-ratelimit-headers-06
// (RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, RateLimit-Policy)
// for the tightest budget; a refusal adds Retry-After. The API is answered
// with problem+json, pages with the error page (an alert for HTMX). When
// the store fails (Redis down) the request goes through: a limit is a
// defence, not a reason to stop selling tickets.
func Middleware(o Options) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			limits := o.limitsFor(c.Request().Method, c.Path())
			if len(limits) == 0 {
				return next(c)
			}
			bearer := bearerToken(c.Request())
			var tightest *Result
			for _, l := range limits {
				if l.Counter == nil {
					continue // turned off
				}
				key := o.key(c, l.By, bearer)
				if l.Key != nil {
					key = l.Key(c)
				}
				if key == "" {
					continue
				}
				r, err := l.Counter.Allow(c.Request().Context(), key)
				if err != nil {
					o.Log.Warn("rate limit unavailable; request let through", "route", c.Path(), "err", err)
					continue
				}
				if !r.Allowed {
					setHeaders(c, r)
					return o.refuse(c, l, r)
				}
				if tightest == nil || r.Remaining < tightest.Remaining {
					tightest = &r
				}
			}
			if tightest != nil {
				setHeaders(c, *tightest)
			}
			return next(c)
		}
	}
}

// limitsFor gathers the limits of every rule covering the route.
func (o Options) limitsFor(method, path string) []Limit {
	var out []Limit
	for _, rule := range o.Rules {
		for _, r := range rule.Routes {
			m, p, _ := strings.Cut(r, " ")
			if m != method {
				continue
			}
			if p == path || (strings.HasSuffix(p, "*") && strings.HasPrefix(path, strings.TrimSuffix(p, "*"))) {
				out = append(out, rule.Limits...)
				break
			}
		}
	}
	return out
}

// key is whose budget l spends ("" when the request has no such party).
func (o Options) key(c echo.Context, by By, bearer string) string {
	switch by {
	case ByAccount:
		if o.Account == nil {
			return ""
		}
		if a := o.Account(c, bearer); a != "" {
			return "account:" + a
		}
		return ""
	case ByToken:
		if bearer == "" {
			return ""
		}
		// The store never sees a usable token.
		sum := sha256.Sum256([]byte(bearer))
		return "token:" + hex.EncodeToString(sum[:16])
	default:
		return "ip:" + c.RealIP()
	}
}

// refuse answers 429 for limit l.
func (o Options) refuse(c echo.Context, l Limit, r Result) error {
	if o.Rejected != nil {
		o.Rejected.WithLabelValues(c.Path(), l.Counter.name).Inc()
	}
	c.Response().Header().Set("Retry-After", strconv.Itoa(wholeSeconds(r.RetryAfter)))
	msg := "You're doing that too often. Wait " + Wait(r.RetryAfter) + ", then try again."
	if l.Message != nil {
		msg = l.Message(r)
	}
	if !strings.HasPrefix(c.Request().URL.Path, "/api/") {
		// The one error handler renders the error page, or an alert for
		// HTMX, with the message.
		return echo.NewHTTPError(http.StatusTooManyRequests, msg)
	}
	code := l.Code
	if code == "" {
		code = "rate_limited"
	}
	c.Response().Header().Set(echo.HeaderContentType, "application/problem+json")
	return c.JSON(http.StatusTooManyRequests, web.Problem{Type: "about:blank", Title: http.StatusText(http.StatusTooManyRequests),
		Status: http.StatusTooManyRequests, Detail: msg, Code: code,
		RequestID: c.Response().Header().Get(echo.HeaderXRequestID)})
}

// setHeaders reports budget r in the draft-06 RateLimit fields.
func setHeaders(c echo.Context, r Result) {
	h := c.Response().Header()
	h.Set("RateLimit-Limit", strconv.Itoa(r.Limit))
	h.Set("RateLimit-Remaining", strconv.Itoa(r.Remaining))
	h.Set("RateLimit-Reset", strconv.Itoa(int((r.Reset+time.Second-1)/time.Second)))
	h.Set("RateLimit-Policy", strconv.Itoa(r.Limit)+";w=60")
}

// bearerToken is the request's "Bearer <token>" credential ("" for none).
func bearerToken(r *http.Request) string {
	scheme, token, ok := strings.Cut(r.Header.Get(echo.HeaderAuthorization), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return ""
	}
	return strings.TrimSpace(token)
}

// Wait says a short wait in words ("12 seconds"), rounded up to whole
// seconds.
func Wait(d time.Duration) string {
	n := wholeSeconds(d)
	if n == 1 {
		return "a second"
	}
	return strconv.Itoa(n) + " seconds"
}

// wholeSeconds rounds a wait up to whole seconds, at least one.
func wholeSeconds(d time.Duration) int { return max(int((d+time.Second-1)/time.Second), 1) }
