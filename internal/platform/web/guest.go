package web

import (
	"slices"
	"strconv"
	"strings"

	"github.com/alexedwards/scs/v2"
	"github.com/labstack/echo/v4"
)

// GuestBuyer is the buyer id a handler passes for a guest: a visitor (or
// a signed-in user) whose session holds a grant for the booking at hand.
// Services read it as "the booking has no account" (user_id NULL); only a
// handler that checked HasGuestGrant may pass it.
const GuestBuyer int64 = -1

// maxGuestGrants caps the guest bookings one browser session remembers
// (the most recent ones stay).
const maxGuestGrants = 20

const guestGrantsKey = "guest_bookings"

// GrantGuest remembers in the session that this browser may see and pay
// for guest booking id (it made the booking, opened its access link, or
// found it by code and email).
func GrantGuest(c echo.Context, sm *scs.SessionManager, id int64) {
	ids := GuestGrants(c, sm)
	ids = slices.DeleteFunc(ids, func(x int64) bool { return x == id })
	ids = append(ids, id)
	if len(ids) > maxGuestGrants {
		ids = ids[len(ids)-maxGuestGrants:]
	}
	parts := make([]string, len(ids))
	for i, x := range ids {
		parts[i] = strconv.FormatInt(x, 10)
	}
	sm.Put(c.Request().Context(), guestGrantsKey, strings.Join(parts, ","))
}

// GuestGrants are the guest bookings the session may reach, oldest first.
func GuestGrants(c echo.Context, sm *scs.SessionManager) []int64 {
	if sm == nil {
		return nil
	}
	s := sm.GetString(c.Request().Context(), guestGrantsKey)
	if s == "" {
		return nil
	}
	var ids []int64
	for _, p := range strings.Split(s, ",") {
		if id, err := strconv.ParseInt(p, 10, 64); err == nil {
			ids = append(ids, id)
		}
	}
	return ids
}

// HasGuestGrant reports whether the session may reach guest booking id.
func HasGuestGrant(c echo.Context, sm *scs.SessionManager, id int64) bool {
	return slices.Contains(GuestGrants(c, sm), id)
}

// UserOrGuest is the guard of the buyer's pages: a signed-in user, or a
// visitor whose session holds any guest grant, goes on (the handler then
// checks the booking); anyone else meets user (sign in).
func UserOrGuest(sm *scs.SessionManager, user echo.MiddlewareFunc) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		guarded := user(next)
		return func(c echo.Context) error {
			if UserID(c) == 0 && len(GuestGrants(c, sm)) > 0 {
				return next(c)
			}
			return guarded(c)
		}
	}
}
