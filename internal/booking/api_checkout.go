package booking

import (
	"encoding/json"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/catalog"
)

// apiCheckout is a booking's price as the web checkout itemises it, all
// amounts in minor units of Currency: Total = Subtotal - Discount + Fee + Tax.
type apiCheckout struct {
	BookingID int64  `json:"booking_id"`
	Code      string `json:"code"`
	Status    Status `json:"status"`
	// Holding is true while the seats are held: the price may still change
	// (a promo code) and the booking can be paid.
	Holding       bool              `json:"holding"`
	HoldExpiresAt string            `json:"hold_expires_at"`
	Seats         []apiBookedSeat   `json:"seats"`
	Lines         []apiCheckoutLine `json:"lines"`
	Currency      string            `json:"currency"`
	Tickets       int               `json:"tickets"`
	Subtotal      int64             `json:"subtotal"`
	Discount      int64             `json:"discount"`
	PromoCode     string            `json:"promo_code,omitempty"`
	FeePerTicket  int64             `json:"fee_per_ticket"`
	Fee           int64             `json:"fee"`
	// TaxBasisPoints is the tax rate (2000 is 20%); 0 where prices
	// include tax.
	TaxBasisPoints int64    `json:"tax_basis_points"`
	Tax            int64    `json:"tax"`
	Total          int64    `json:"total"`
	Show           *apiShow `json:"show"`
	// SeatTickets says which ticket type each seat is sold as.
	SeatTickets []apiSeatTicket `json:"seat_tickets"`
	// TicketTypes are the types the buyer may choose for the show, with
	// their price for each of the booking's seat categories.
	TicketTypes []apiTicketType `json:"ticket_types"`
	// Food is the food and drink chosen; FoodSubtotal (before tax) and
	// FoodTax are in Total: Total = Subtotal - Discount + Fee + Tax +
	// FoodSubtotal + FoodTax. Menu is what may be added while holding.
	Food         []apiFoodLine `json:"food"`
	FoodSubtotal int64         `json:"food_subtotal"`
	FoodTax      int64         `json:"food_tax"`
	Menu         []apiMenuItem `json:"menu,omitempty"`
}

// apiCheckoutLine is the tickets of one kind at one price.
type apiCheckoutLine struct {
	Category catalog.Category `json:"category"`
	Label    string           `json:"label"`
	Count    int              `json:"count"`
	Unit     int64            `json:"unit"`
	Amount   int64            `json:"amount"`
}

func apiCheckoutFrom(co Checkout) apiCheckout {
	b, p := co.Booking, co.Price
	out := apiCheckout{BookingID: b.ID, Code: b.Code, Status: b.Status, Holding: co.Holding,
		HoldExpiresAt: apiTime(b.HoldExpiresAt), Seats: apiBookingFrom(b, nil).Seats, Lines: make([]apiCheckoutLine, len(p.Lines)),
		Currency: b.Currency, Tickets: p.Tickets, Subtotal: p.Subtotal, Discount: p.Discount, PromoCode: p.PromoCode,
		FeePerTicket: p.FeePerTicket, Fee: p.Fee, TaxBasisPoints: p.TaxBasisPoints, Tax: p.Tax, Total: p.Total,
		Show: apiShowFromDetail(co.Show)}
	for i, l := range p.Lines {
		out.Lines[i] = apiCheckoutLine{Category: l.Category, Label: l.Category.Label(), Count: l.Count, Unit: l.Unit, Amount: l.Amount}
		if l.TicketType != "" && l.TicketType != "Adult" {
			out.Lines[i].Label += " · " + l.TicketType
		}
	}
	out.SeatTickets, out.TicketTypes = apiTicketsFrom(co)
	out.Food, out.FoodSubtotal, out.FoodTax = apiFoodFrom(p.Food), p.FoodSubtotal, p.FoodTax
	return out
}

// apiCheckoutGet is GET /api/v1/bookings/:id/checkout: the caller's
// booking priced as the web checkout prices it (afresh while the hold
// runs, so payment charges exactly this total). Errors: ErrNotFound (also
// for another user's booking).
func (h *Handler) apiCheckoutGet(c echo.Context) error {
	id, err := apiID(c)
	if err != nil {
		return err
	}
	co, err := h.svc.Checkout(c.Request().Context(), h.apiBuyer(c, id), id)
	if err != nil {
		return err
	}
	return h.apiCheckoutWithMenu(c, co)
}

// apiPromoRequest is the body of PUT /api/v1/bookings/:id/promo.
type apiPromoRequest struct {
	Code string `json:"code"`
}

// apiPromoApply is PUT /api/v1/bookings/:id/promo {"code":"SPRING10"}:
// redeems the code on the caller's held booking (replacing any other) and
// answers the new price. A refused code answers 422 with fields.code
// saying why (unknown, expired, not for this show, used up, the hold has
// ended). Errors: ErrNotFound, ErrInvalid.
func (h *Handler) apiPromoApply(c echo.Context) error {
	id, err := apiID(c)
	if err != nil {
		return err
	}
	// Another's booking is not found, whatever the body says.
	if _, err := h.svc.Booking(c.Request().Context(), h.apiBuyer(c, id), id); err != nil {
		return err
	}
	var in apiPromoRequest
	if err := json.NewDecoder(c.Request().Body).Decode(&in); err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, `Send JSON like {"code":"SPRING10"}.`)
	}
	co, err := h.svc.ApplyPromo(c.Request().Context(), h.apiBuyer(c, id), id, in.Code)
	if err != nil {
		return err
	}
	return apiCheckoutAnswer(c, co)
}

// apiPromoRemove is DELETE /api/v1/bookings/:id/promo: takes the code off
// the caller's held booking (none is fine) and answers the new price.
// Errors: ErrNotFound; ErrInvalid (fields.code) once the hold has ended.
func (h *Handler) apiPromoRemove(c echo.Context) error {
	id, err := apiID(c)
	if err != nil {
		return err
	}
	co, err := h.svc.RemovePromo(c.Request().Context(), h.apiBuyer(c, id), id)
	if err != nil {
		return err
	}
	return apiCheckoutAnswer(c, co)
}

func apiCheckoutAnswer(c echo.Context, co Checkout) error {
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusOK, apiCheckoutFrom(co))
}
