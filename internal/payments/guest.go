package payments

import (
	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/web"
)

// buyer is who asks about payment id: web.GuestBuyer when the payment
// has no account and the session holds a guest grant for its booking
// (booking's proof of ownership), else the signed-in user (0: nobody).
func (h *Handler) buyer(c echo.Context, paymentID int64) int64 {
	uid := web.UserID(c)
	if len(web.GuestGrants(c, h.auth.Sessions)) == 0 {
		return uid
	}
	row, err := h.svc.q.PaymentGet(c.Request().Context(), h.svc.pool, paymentID)
	if err != nil || row.UserID != nil || !web.HasGuestGrant(c, h.auth.Sessions, row.BookingID) {
		return uid
	}
	return web.GuestBuyer
}

// apiBuyer is who asks about payment id on the app's routes (no session):
// web.GuestBuyer when the app's guest token (web.APIGuest) opens the
// payment's booking or the booking it is a food order of, else the bearer
// token's user (0, nobody, for a guest token of another booking).
func (h *Handler) apiBuyer(c echo.Context, paymentID int64) int64 {
	app := web.APIGuest(c)
	if app == 0 {
		return web.UserID(c)
	}
	ctx := c.Request().Context()
	row, err := h.svc.q.PaymentGet(ctx, h.svc.pool, paymentID)
	if err != nil || row.UserID != nil {
		return 0
	}
	if row.BookingID == app {
		return web.GuestBuyer
	}
	if parent := h.svc.opts.FoodOrderParent; parent != nil {
		if id, err := parent(ctx, row.BookingID); err == nil && id == app {
			return web.GuestBuyer
		}
	}
	return 0
}

// ownedBy reports whether a payment of account user (0 or nil: a guest's)
// belongs to buyer.
func ownedBy(user *int64, buyer int64) bool {
	if user == nil || *user == 0 {
		return buyer == web.GuestBuyer
	}
	return *user == buyer
}
