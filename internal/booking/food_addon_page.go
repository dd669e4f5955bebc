package booking

import (
	"context"
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/validate"
	"github.com/marqueehq/marquee/internal/platform/web"
	views "github.com/marqueehq/marquee/web/templates/booking"
)

// addFood is POST /bookings/:id/food-orders: the buyer of a paid booking
// (its account, or a browser with its guest grant) orders food from the
// theater's menu until the cut-off, and goes to pay for it. A refused
// order shows the booking page again with the reason (422). Errors:
// ErrNotFound (also another's booking).
func (h *Handler) addFood(c echo.Context) error {
	id, err := checkoutBookingID(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	uid := h.buyer(c, id)
	co, err := h.svc.BookingDetail(ctx, uid, id)
	if err != nil {
		return err
	}
	menu, err := h.svc.shows.TheaterMenu(ctx, co.Show.Theater.ID)
	if err != nil {
		return fmt.Errorf("menu for booking %d: %w", id, err)
	}
	req, err := h.svc.AddFood(ctx, uid, id, foodChoicesFromForm(c, menu))
	if fields, ok := validate.Fields(err); ok {
		return h.renderBookingPage(c, http.StatusUnprocessableEntity, id, foodMessage(ctx, fields["food"]))
	}
	if err != nil {
		return err
	}
	if uid == web.GuestBuyer {
		// The order's payment page admits the guest who made it.
		web.GrantGuest(c, h.auth.Sessions, req.BookingID)
	}
	path, err := h.opts.Payments.Begin(ctx, req)
	if err != nil {
		return fmt.Errorf("begin payment of food order %d: %w", req.BookingID, err)
	}
	return web.Redirect(c, path)
}

// foodAddonsProps is the food part of paid booking co's page: the orders
// added since (those paid, cancelled or refunded), the total with them,
// and the menu to add more until the cut-off; foodErr is why the last
// order was refused.
func (h *Handler) foodAddonsProps(ctx context.Context, co Checkout, foodErr string) (views.FoodAddonsProps, error) {
	var p views.FoodAddonsProps
	orders, err := h.svc.FoodAddons(ctx, co.Booking.ID)
	if err != nil {
		return p, err
	}
	cur, total, added := co.Booking.Currency, co.Booking.Total, false
	for _, o := range orders {
		v := views.FoodAddonView{Lines: foodLineViews(ctx, o.Food, cur), Amount: i18n.Money(ctx, o.Total, cur)}
		switch o.Status {
		case Confirmed:
			total, added = total+o.Total, true
			v.Status = i18n.T(ctx, "Paid")
		case Cancelled:
			v.Status = i18n.T(ctx, "Cancelled")
		case Refunded:
			v.Status = i18n.T(ctx, "Refunded")
			v.Note = i18n.T(ctx, "Some of it sold out before your payment arrived, so your payment is refunded in full.")
		default:
			continue
		}
		p.Orders = append(p.Orders, v)
	}
	if added {
		p.Total = i18n.Money(ctx, total, cur)
	}
	loc := co.Show.Theater.Location()
	switch {
	case h.svc.FoodAddOpen(co):
		// The checkout's menu, with nothing chosen yet.
		menuCo := co
		menuCo.Holding, menuCo.Price.Food = true, nil
		p.Menu = h.foodMenu(ctx, menuCo)
		p.Menu.Action = fmt.Sprintf("/bookings/%d/food-orders", co.Booking.ID)
		p.Menu.Submit = i18n.T(ctx, "Pay for food and drink")
		p.Menu.Error = foodErr
		p.Cutoff = i18n.LongDateTime(ctx, h.svc.foodAddCutoff(co.Show.StartsAt).In(loc))
		if len(p.Menu.Categories) == 0 {
			p.Cutoff = ""
		}
	case h.svc.opts.Now().Before(co.Show.StartsAt):
		p.Closed = i18n.T(ctx, msgFoodAddClosed)
	}
	if foodErr != "" && len(p.Menu.Categories) == 0 {
		p.Closed = foodErr
	}
	return p, nil
}
