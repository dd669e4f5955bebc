package booking

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/booking/bookingdb"
	"github.com/marqueehq/marquee/internal/platform/web"
)

// apiTMSBooking is one booking of a show's export. Buyers' contact details
// are left out: a theater management system needs the seats and the money.
type apiTMSBooking struct {
	Code        string          `json:"code"`
	Status      Status          `json:"status"`
	Seats       []apiBookedSeat `json:"seats"`
	Currency    string          `json:"currency"`
	Subtotal    int64           `json:"subtotal"`
	Fee         int64           `json:"fee"`
	Tax         int64           `json:"tax"`
	Discount    int64           `json:"discount"`
	Total       int64           `json:"total"`
	Refund      int64           `json:"refund"`
	CreatedAt   string          `json:"created_at"`
	ConfirmedAt *string         `json:"confirmed_at"`
	CheckedInAt *string         `json:"checked_in_at"`
}

// apiTMSBookingsResponse is a page of a show's bookings.
type apiTMSBookingsResponse struct {
	Items      []apiTMSBooking `json:"items"`
	NextCursor string          `json:"next_cursor,omitempty"`
}

// apiTMSBookingsCursor is the keyset position of the next page.
type apiTMSBookingsCursor struct {
	AfterID int64 `json:"a"`
}

// apiTMSBookings is GET /api/v1/tms/shows/:id/bookings: a show's bookings
// in the order they were made (holds that ran out left out), a page at a
// time. A key limited to other theaters gets 404. Scope bookings:read.
// Errors: ErrNotFound, web.ErrBadCursor, web.ErrBadLimit.
func (h *Handler) apiTMSBookings(c echo.Context) error {
	ctx := c.Request().Context()
	id, err := apiID(c)
	if err != nil {
		return err
	}
	limit, err := web.PageLimit(c)
	if err != nil {
		return err
	}
	var cur apiTMSBookingsCursor
	if err := web.DecodeCursor(c, &cur); err != nil {
		return err
	}
	d, err := h.svc.openShow(ctx, id)
	if err != nil {
		return err
	}
	if k, _ := web.APIKeyFrom(c); !k.AllowsTheater(d.Theater.ID) {
		return fmt.Errorf("show %d is not this key's: %w", id, ErrNotFound)
	}
	list, more, err := h.svc.showBookingsPage(ctx, id, cur.AfterID, limit)
	if err != nil {
		return err
	}
	loc := d.Theater.Location()
	out := apiTMSBookingsResponse{Items: make([]apiTMSBooking, len(list))}
	for i, b := range list {
		item := apiTMSBooking{Code: b.Code, Status: b.Status, Seats: make([]apiBookedSeat, len(b.Seats)),
			Currency: b.Currency, Subtotal: b.Subtotal, Fee: b.Fee, Tax: b.Tax, Discount: b.Discount, Total: b.Total,
			Refund: b.Refund, CreatedAt: b.CreatedAt.In(loc).Format(time.RFC3339),
			ConfirmedAt: tmsTime(b.ConfirmedAt, loc), CheckedInAt: tmsTime(b.CheckedInAt, loc)}
		for j, st := range b.Seats {
			item.Seats[j] = apiBookedSeat{Label: st.Seat, Category: st.Category, Price: st.Price}
		}
		out.Items[i] = item
	}
	if more {
		out.NextCursor = web.EncodeCursor(apiTMSBookingsCursor{AfterID: list[len(list)-1].ID})
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusOK, out)
}

func tmsTime(t *time.Time, loc *time.Location) *string {
	if t == nil {
		return nil
	}
	s := t.In(loc).Format(time.RFC3339)
	return &s
}

// showBookingsPage is up to limit of a show's bookings after the booking
// afterID (0: from the first), with their seats, and whether more follow.
func (s *Service) showBookingsPage(ctx context.Context, showID, afterID int64, limit int) ([]StaffBooking, bool, error) {
	rows, err := s.q.BookingPageForShow(ctx, s.pool, bookingdb.BookingPageForShowParams{
		ShowID: showID, AfterID: afterID, Now: s.opts.Now(), Lim: int32(limit + 1)})
	if err != nil {
		return nil, false, fmt.Errorf("bookings of show %d after %d: %w", showID, afterID, err)
	}
	more := len(rows) > limit
	if more {
		rows = rows[:limit]
	}
	list, err := s.staffWithSeats(ctx, rows)
	return list, more, err
}
