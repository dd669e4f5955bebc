package booking

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/booking/bookingdb"
	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/money"
	"github.com/marqueehq/marquee/internal/platform/web"
	views "github.com/marqueehq/marquee/web/templates/booking"
)

// TicketBooking is a buyer's booking with its show and check-in time, for
// the e-ticket.
type TicketBooking struct {
	Booking     StaffBooking
	Show        catalog.ShowDetail
	CheckedInAt *time.Time
}

// TicketBooking returns the user's booking id with its seats and show.
// Errors: ErrNotFound (also for another user's booking).
func (s *Service) TicketBooking(ctx context.Context, userID, id int64) (TicketBooking, error) {
	row, err := s.q.BookingGet(ctx, s.pool, id)
	if errors.Is(err, pgx.ErrNoRows) || (err == nil && (row.UserID == nil || *row.UserID != userID)) {
		return TicketBooking{}, fmt.Errorf("booking %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return TicketBooking{}, fmt.Errorf("get booking %d: %w", id, err)
	}
	list, err := s.staffWithSeats(ctx, []bookingdb.BookingBooking{row})
	if err != nil {
		return TicketBooking{}, err
	}
	d, err := s.shows.ShowDetail(ctx, row.ShowID)
	if err != nil {
		return TicketBooking{}, fmt.Errorf("show of booking %d: %w", id, err)
	}
	return TicketBooking{Booking: list[0], Show: d, CheckedInAt: row.CheckedInAt}, nil
}

// ticketPage is GET /bookings/:id/ticket: the buyer's e-ticket with its
// signed QR code. Another user's booking is not found; a booking that is
// not confirmed has no ticket (409, saying why).
func (h *Handler) ticketPage(c echo.Context) error {
	id, err := checkoutBookingID(c)
	if err != nil {
		return err
	}
	tb, err := h.svc.TicketBooking(c.Request().Context(), web.UserID(c), id)
	if err != nil {
		return err
	}
	b := tb.Booking
	if b.Status != Confirmed {
		return echo.NewHTTPError(http.StatusConflict, ticketMissing(b.Status))
	}
	token, err := h.opts.Tickets.Issue(b.Booking)
	if err != nil {
		return err
	}
	qr, err := ticketQR(token)
	if err != nil {
		return err
	}
	show, loc := tb.Show, tb.Show.Theater.Location()
	starts := show.StartsAt.In(loc)
	p := views.TicketProps{Code: b.Code, MovieTitle: show.Movie.Title, Certification: show.Movie.Certification,
		Format: show.Format, Language: show.Language, Subtitles: show.Subtitles, Runtime: show.Movie.Runtime(),
		TheaterName: show.Theater.Name, Address: show.Theater.Address, ScreenName: show.Screen.Name,
		Date: starts.Format("Monday 2 January 2006"), Time: starts.Format("15:04"),
		DoorsOpen: starts.Add(-DoorsOpen).Format("15:04"), Seats: checkoutSeatViews(b.Seats),
		Total: money.Format(b.Total, b.Currency), QR: qr, BookingHref: fmt.Sprintf("/bookings/%d", b.ID)}
	if tb.CheckedInAt != nil {
		p.CheckedIn = "Used: checked in at " + tb.CheckedInAt.In(loc).Format("15:04 on Monday 2 January")
	}
	c.Response().Header().Set("Cache-Control", "private, no-store")
	return web.Render(c, http.StatusOK, views.TicketPage(p))
}

// ticketMissing says why a booking in state st has no e-ticket.
func ticketMissing(st Status) string {
	switch st {
	case Held, PendingPayment:
		return "This booking isn't paid for yet, so it has no e-ticket. Finish checkout first."
	case Cancelled, Refunded:
		return "This booking was cancelled, so its e-ticket is no longer valid."
	}
	return "This booking wasn't completed, so it has no e-ticket."
}
