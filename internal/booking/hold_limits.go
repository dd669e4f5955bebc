package booking

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/ratelimit"
	"github.com/marqueehq/marquee/internal/platform/web"
)

// ErrHoldLimit is what every refusal by an abuse limit on holds matches
// (errors.Is); the *LimitError says which limit and when to try again.
var ErrHoldLimit = errors.New("you have reached a limit on holding seats; try again in a moment")

// LimitError is a hold refused by an abuse limit: too many unpaid holds
// at once, or too many holds a minute from one account or address.
type LimitError struct {
	// Code names the limit for the API: too_many_holds, hold_rate_account
	// or hold_rate_ip.
	Code string
	// Message says so to the buyer.
	Message string
	// RetryAfter is when trying again may work (0: once a hold is paid or
	// released).
	RetryAfter time.Duration
}

func (e *LimitError) Error() string { return e.Message }

// Is makes errors.Is(err, ErrHoldLimit) true.
func (e *LimitError) Is(target error) bool { return target == ErrHoldLimit }

// HoldRate caps how many holds a minute one account and one IP address may
// ask for (ratelimit.New; nil or 0 for no cap).
type HoldRate struct {
	PerAccount *ratelimit.Limiter
	PerIP      *ratelimit.Limiter
}

// unpaidHoldsLimit refuses a hold because the buyer already holds seats,
// unpaid, for n other shows (MaxUnpaidHolds): seats are for watching, not
// for keeping from others. Hold's own statement counts them (HoldTake), so
// the cap costs no round trip of its own; two racing requests of one buyer
// may both pass it (a soft cap).
func unpaidHoldsLimit(n int32) *LimitError {
	return &LimitError{Code: "too_many_holds", Message: "You're already holding seats for " + strconv.Itoa(int(n)) +
		" other shows. Pay for those or release them (My bookings) before holding more: unpaid holds run out after a few minutes."}
}

// holdAllowed takes one hold from the buyer's and their address's share
// of holds a minute. Errors: *LimitError (ErrHoldLimit).
func (h *Handler) holdAllowed(c echo.Context, userID int64) error {
	if ok, wait := h.opts.HoldRate.PerAccount.Allow("user:" + strconv.FormatInt(userID, 10)); !ok {
		return &LimitError{Code: "hold_rate_account", RetryAfter: wait, Message: "You've asked for seats " +
			strconv.Itoa(h.opts.HoldRate.PerAccount.PerMinute()) + " times in the last minute. Wait " + seconds(wait) +
			", then try again."}
	}
	if ok, wait := h.opts.HoldRate.PerIP.Allow("ip:" + c.RealIP()); !ok {
		return &LimitError{Code: "hold_rate_ip", RetryAfter: wait, Message: "Too many seat requests are coming from your " +
			"network right now. Wait " + seconds(wait) + ", then try again."}
	}
	return nil
}

// apiLimited answers a hold refused by a limit: 429 problem+json with the
// limit's code and, when known, Retry-After.
func apiLimited(c echo.Context, l *LimitError) error {
	if l.RetryAfter > 0 {
		c.Response().Header().Set("Retry-After", strconv.Itoa(retrySeconds(l.RetryAfter)))
	}
	c.Response().Header().Set(echo.HeaderContentType, "application/problem+json")
	return c.JSON(http.StatusTooManyRequests, web.Problem{Type: "about:blank", Title: http.StatusText(http.StatusTooManyRequests),
		Status: http.StatusTooManyRequests, Detail: l.Message, Code: l.Code,
		RequestID: c.Response().Header().Get(echo.HeaderXRequestID)})
}

// seconds says a short wait in words ("12 seconds").
func seconds(d time.Duration) string {
	n := retrySeconds(d)
	if n == 1 {
		return "a second"
	}
	return strconv.Itoa(n) + " seconds"
}

// retrySeconds rounds a wait up to whole seconds, at least one.
func retrySeconds(d time.Duration) int { return max(int((d+time.Second-1)/time.Second), 1) }
