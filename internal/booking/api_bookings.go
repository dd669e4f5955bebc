package booking

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/booking/bookingdb"
	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/validate"
	"github.com/marqueehq/marquee/internal/platform/web"
)

// apiBookingsPage is GET /api/v1/bookings.
type apiBookingsPage struct {
	Items      []apiBooking `json:"items"`
	NextCursor string       `json:"next_cursor,omitempty"`
}

// apiBookingsCursor is the keyset position after a page: the last
// booking's creation time and id.
type apiBookingsCursor struct {
	At time.Time `json:"at"`
	ID int64     `json:"id"`
}

// apiBookingsFilters are the values of ?status=: three views and every
// status by name.
var apiBookingsFilters = []string{"upcoming", "past", "cancelled", string(Held), string(PendingPayment),
	string(Confirmed), string(PaymentFailed), string(Expired), string(Refunded)}

// apiBookings is GET /api/v1/bookings: the caller's bookings with their
// shows and seats, newest first, a page at a time (keyset on creation
// time and id). ?status= narrows the list: upcoming (shows yet to start,
// held, being paid or confirmed), past (shows that started, cancellations
// aside), cancelled (cancelled or refunded), or one status by name. Holds
// that ran out are left out unless asked for as expired.
// Errors: web.ErrBadLimit, web.ErrBadCursor; ErrInvalid for an unknown
// status.
func (h *Handler) apiBookings(c echo.Context) error {
	limit, err := web.PageLimit(c)
	if err != nil {
		return err
	}
	var cur apiBookingsCursor
	if err := web.DecodeCursor(c, &cur); err != nil {
		return err
	}
	status := c.QueryParam("status")
	if status != "" && !slices.Contains(apiBookingsFilters, status) {
		return validate.Errors{"status": "Choose one of " + strings.Join(apiBookingsFilters, ", ") + "."}
	}
	ctx, uid := c.Request().Context(), web.UserID(c)
	arg := bookingdb.BookingPageForUserParams{UserID: &uid, Now: h.svc.opts.Now(), BeforeID: cur.ID, Lim: int32(limit + 1)}
	if cur.ID != 0 {
		arg.BeforeAt = &cur.At
	}
	if err := h.apiBookingsFilter(ctx, uid, status, &arg); err != nil {
		return err
	}
	rows, err := h.svc.q.BookingPageForUser(ctx, h.svc.pool, arg)
	if err != nil {
		return fmt.Errorf("bookings of user %d: %w", uid, err)
	}
	out := apiBookingsPage{Items: []apiBooking{}}
	if len(rows) > limit {
		rows = rows[:limit]
		last := rows[limit-1]
		out.NextCursor = web.EncodeCursor(apiBookingsCursor{At: last.CreatedAt, ID: last.ID})
	}
	if out.Items, err = h.apiBookingItems(ctx, rows); err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusOK, out)
}

// apiBookingsFilter sets arg's statuses and shows for ?status=. Upcoming
// and past depend on the shows' start times, which the catalogue keeps:
// the caller's booked shows are looked up once and split by now.
func (h *Handler) apiBookingsFilter(ctx context.Context, uid int64, status string, arg *bookingdb.BookingPageForUserParams) error {
	switch status {
	case "":
		return nil
	case "cancelled":
		arg.Statuses = []string{string(Cancelled), string(Refunded)}
		return nil
	case "upcoming", "past":
	default:
		arg.Statuses, arg.Lapsed = []string{status}, status == string(Expired)
		return nil
	}
	ids, err := h.svc.q.BookingShowIDsForUser(ctx, h.svc.pool, &uid)
	if err != nil {
		return fmt.Errorf("booked shows of user %d: %w", uid, err)
	}
	shows, err := h.svc.shows.ShowsForAdmin(ctx, ids)
	if err != nil {
		return fmt.Errorf("booked shows of user %d: %w", uid, err)
	}
	arg.ShowIds = []int64{}
	for id, sh := range shows {
		if sh.StartsAt.After(arg.Now) == (status == "upcoming") {
			arg.ShowIds = append(arg.ShowIds, id)
		}
	}
	if status == "upcoming" {
		arg.Statuses = []string{string(Held), string(PendingPayment), string(Confirmed)}
	} else {
		arg.Statuses = []string{string(Held), string(PendingPayment), string(Confirmed), string(PaymentFailed)}
	}
	return nil
}

// apiBookingItems adds their seats and shows to a page of bookings, in
// two more queries however long the page.
func (h *Handler) apiBookingItems(ctx context.Context, rows []bookingdb.BookingBooking) ([]apiBooking, error) {
	if len(rows) == 0 {
		return []apiBooking{}, nil
	}
	ids, showIDs := make([]int64, len(rows)), []int64{}
	for i, r := range rows {
		ids[i] = r.ID
		if !slices.Contains(showIDs, r.ShowID) {
			showIDs = append(showIDs, r.ShowID)
		}
	}
	seats, err := h.svc.q.BookingSeatListForBookings(ctx, h.svc.pool, ids)
	if err != nil {
		return nil, fmt.Errorf("seats of bookings: %w", err)
	}
	shows, err := h.svc.shows.ShowsForAdmin(ctx, showIDs)
	if err != nil {
		return nil, fmt.Errorf("shows of bookings: %w", err)
	}
	bySeat := map[int64][]BookedSeat{}
	for _, st := range seats {
		bySeat[st.BookingID] = append(bySeat[st.BookingID], BookedSeat{Seat: st.Seat, Category: catalog.Category(st.Category), Price: st.PriceMinor})
	}
	out := make([]apiBooking, len(rows))
	for i, r := range rows {
		b := bookingFromRow(r)
		b.Seats = bySeat[r.ID]
		var show *apiShow
		if sh, ok := shows[r.ShowID]; ok {
			show = apiShowFromAdmin(sh)
		}
		out[i] = apiBookingFrom(b, show)
		out[i].Status = h.apiLiveStatus(b)
	}
	return out, nil
}

// apiBooking is GET /api/v1/bookings/:id: one of the caller's bookings
// with its show, seats and amounts. Errors: ErrNotFound (also for another
// user's booking).
func (h *Handler) apiBooking(c echo.Context) error {
	id, err := apiID(c)
	if err != nil {
		return err
	}
	co, err := h.svc.BookingDetail(c.Request().Context(), h.apiBuyer(c, id), id)
	if err != nil {
		return err
	}
	out := apiBookingFrom(co.Booking, apiShowFromDetail(co.Show))
	out.PromoCode = co.Price.PromoCode
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusOK, out)
}
