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

// ErrHoldLimit is what a hold refused by an abuse limit matches
// (errors.Is); the *LimitError says which limit.
var ErrHoldLimit = errors.New("you have reached a limit on holding seats; try again in a moment")

// LimitError is a hold refused because the buyer already holds unpaid
// seats for too many shows (the rates of holds are limited at the gateway:
// HoldRateLimits).
type LimitError struct {
	// Code names the limit for the API: too_many_holds.
	Code string
	// Message says so to the buyer.
	Message string
}

func (e *LimitError) Error() string { return e.Message }

// Is makes errors.Is(err, ErrHoldLimit) true.
func (e *LimitError) Is(target error) bool { return target == ErrHoldLimit }

// HoldRateLimits are the gateway's budgets for asking for holds (the seat
// map's form and the API): perAccount and perIP holds a minute (nil: no
// limit), refused with the codes hold_rate_account and hold_rate_ip and
// words a buyer understands.
func HoldRateLimits(perAccount, perIP *ratelimit.Counter) []ratelimit.Limit {
	return []ratelimit.Limit{
		{Counter: perAccount, By: ratelimit.ByAccount, Code: "hold_rate_account", Message: func(r ratelimit.Result) string {
			return "You've asked for seats " + strconv.Itoa(r.Limit) + " times in the last minute. Wait " +
				ratelimit.Wait(r.RetryAfter) + ", then try again."
		}},
		{Counter: perIP, By: ratelimit.ByIP, Code: "hold_rate_ip", Message: func(r ratelimit.Result) string {
			return "Too many seat requests are coming from your network right now. Wait " +
				ratelimit.Wait(r.RetryAfter) + ", then try again."
		}},
	}
}

// guestHoldLock serialises the holds of one guest email (any case) in
// their own transaction, ahead of HoldTake: two racing holds by the same
// guest cannot both count the email's unpaid holds before either commits,
// so MaxUnpaidHolds is a hard cap for guests, who may hold from many
// browsers and apps at once with nothing but an address. It rides in the
// hold's one round trip and is released at its commit.
const guestHoldLock = "SELECT pg_advisory_xact_lock(hashtext('booking.guest_hold'), hashtext(lower($1::text)))"

// unpaidHoldsLimit refuses a hold because the buyer already holds seats,
// unpaid, for n other shows (MaxUnpaidHolds): seats are for watching, not
// for keeping from others. Hold's own statement counts them (HoldTake), so
// the cap costs no round trip of its own; two racing requests of one
// account may both pass it (a soft cap), while a guest email's holds take
// turns (guestHoldLock).
func unpaidHoldsLimit(n int32) *LimitError {
	return &LimitError{Code: "too_many_holds", Message: "You're already holding seats for " + strconv.Itoa(int(n)) +
		" other shows. Pay for those or release them (My bookings) before holding more: unpaid holds run out after a few minutes."}
}

// apiLimited answers a hold refused by a limit: 429 problem+json with the
// limit's code.
func apiLimited(c echo.Context, l *LimitError) error {
	c.Response().Header().Set(echo.HeaderContentType, "application/problem+json")
	return c.JSON(http.StatusTooManyRequests, web.Problem{Type: "about:blank", Title: http.StatusText(http.StatusTooManyRequests),
		Status: http.StatusTooManyRequests, Detail: l.Message, Code: l.Code,
		RequestID: c.Response().Header().Get(echo.HeaderXRequestID)})
}

// retrySeconds rounds a wait up to whole seconds, at least one.
func retrySeconds(d time.Duration) int { return max(int((d+time.Second-1)/time.Second), 1) }
