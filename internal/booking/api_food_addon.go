package booking

import (
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/payments"
)

// apiFoodOrder is a food order added to a paid booking; amounts in minor
// units. Status is confirmed once paid, refunded when an item sold out
// before the payment arrived, cancelled with the booking.
type apiFoodOrder struct {
	ID       int64         `json:"id"`
	Status   Status        `json:"status"`
	Total    int64         `json:"total"`
	Currency string        `json:"currency"`
	Food     []apiFoodLine `json:"food"`
}

// apiFoodOrders answers GET /api/v1/bookings/:id/food-orders: the food
// orders of the caller's booking (a bearer token's, or the one the
// X-Guest-Token opens), whether more may be added and until when, and the
// theater's menu while they may. Errors: ErrNotFound.
func (h *Handler) apiFoodOrders(c echo.Context) error {
	id, err := apiID(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	co, err := h.svc.BookingDetail(ctx, h.apiBuyer(c, id), id)
	if err != nil {
		return err
	}
	orders, err := h.svc.FoodAddons(ctx, id)
	if err != nil {
		return err
	}
	out := struct {
		Open   bool           `json:"open"`
		Cutoff string         `json:"cutoff"`
		Orders []apiFoodOrder `json:"orders"`
		Menu   []apiMenuItem  `json:"menu"`
	}{Open: h.svc.FoodAddOpen(co), Cutoff: h.svc.foodAddCutoff(co.Show.StartsAt).UTC().Format("2006-01-02T15:04:05Z"),
		Orders: []apiFoodOrder{}, Menu: []apiMenuItem{}}
	for _, o := range orders {
		out.Orders = append(out.Orders, apiFoodOrder{ID: o.ID, Status: o.Status, Total: o.Total, Currency: o.Currency,
			Food: apiFoodFrom(o.Food)})
	}
	if out.Open {
		menuCo := co
		menuCo.Holding = true
		if out.Menu, err = h.apiMenu(ctx, menuCo); err != nil {
			return err
		}
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusOK, out)
}

// apiFoodOrderAdd is POST /api/v1/bookings/:id/food-orders {"items":
// [{"menu_item_id":3,"variant":"Large","qty":1}]}: orders food for the
// caller's paid booking (a bearer token's, or the one the X-Guest-Token
// opens) until the cut-off before the show and starts its payment (as
// POST /api/v1/bookings/:id/payment does for a booking), answering 201 with the order and the payment. A refused order (booking
// not paid, past the cut-off, not on the menu, no such size, qty out of
// 0..20, sold out, nothing chosen) answers 422 with fields.food.
// Errors: ErrNotFound, ErrInvalid; payments' ErrProvider.
func (h *Handler) apiFoodOrderAdd(c echo.Context) error {
	id, err := apiID(c)
	if err != nil {
		return err
	}
	ctx, user := c.Request().Context(), h.apiBuyer(c, id)
	// Another's booking is not found, whatever the body says.
	if _, err := h.svc.Booking(ctx, user, id); err != nil {
		return err
	}
	var in apiFoodRequest
	if err := json.NewDecoder(c.Request().Body).Decode(&in); err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, `Send JSON like {"items":[{"menu_item_id":1,"variant":"Large","qty":1}]}.`)
	}
	req, err := h.svc.AddFood(ctx, user, id, in.Items)
	if err != nil {
		return err
	}
	p, err := h.opts.Payments.BeginForApp(ctx, req)
	if err != nil {
		return fmt.Errorf("begin payment of food order %d: %w", req.BookingID, err)
	}
	food, err := h.svc.BookingFood(ctx, req.BookingID)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	c.Response().Header().Set(echo.HeaderLocation, fmt.Sprintf("/api/v1/payments/%d", p.ID))
	return c.JSON(http.StatusCreated, struct {
		Order   apiFoodOrder        `json:"order"`
		Payment payments.AppPayment `json:"payment"`
	}{Order: apiFoodOrder{ID: req.BookingID, Status: PendingPayment, Total: req.Amount, Currency: req.Currency,
		Food: apiFoodFrom(food)}, Payment: p})
}
