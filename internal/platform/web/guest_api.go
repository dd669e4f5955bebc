package web

import (
	"github.com/labstack/echo/v4"
)

// GuestTokenHeader is the header a signed-out app sends a guest booking's
// credential in: the token its hold answered with (the same token as the
// access link in the guest's emails). It opens that one booking and its
// payments, nothing else.
const GuestTokenHeader = "X-Guest-Token" // #nosec G101 -- the header's name, not a credential

// apiGuestKey holds the booking a valid guest credential opens.
const apiGuestKey = "marquee.api_guest_booking"

// SetAPIGuest records that the request carries a valid guest credential
// for booking id (booking's check of GuestTokenHeader does).
func SetAPIGuest(c echo.Context, id int64) { c.Set(apiGuestKey, id) }

// APIGuest is the booking the request's guest credential opens, 0 for
// none.
func APIGuest(c echo.Context) int64 {
	id, _ := c.Get(apiGuestKey).(int64)
	return id
}

// APIOrGuest is the guard of an API route about one booking: a request
// with a valid guest credential goes on (the handler then checks it is
// this booking's), any other meets api (a bearer token).
func APIOrGuest(api echo.MiddlewareFunc) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		guarded := api(next)
		return func(c echo.Context) error {
			if APIGuest(c) != 0 {
				return next(c)
			}
			return guarded(c)
		}
	}
}
