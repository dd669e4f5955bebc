package booking

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/web"
	views "github.com/marqueehq/marquee/web/templates/booking"
)

// myBookingsPage is GET /account/bookings: the buyer's places in sold-out
// shows' lines, then their bookings, upcoming (soonest first), past
// (latest first) and cancelled or unpaid, each with its state and a link.
func (h *Handler) myBookingsPage(c echo.Context) error {
	ctx := c.Request().Context()
	lists, err := h.svc.BookingsByShowTime(ctx, web.UserID(c))
	if err != nil {
		return err
	}
	waiting, err := h.myWaitlistItems(ctx, web.UserID(c))
	if err != nil {
		return err
	}
	return web.Render(c, http.StatusOK, views.MyBookings(views.MyBookingsProps{
		Upcoming: h.myBookingItems(ctx, lists.Upcoming), Past: h.myBookingItems(ctx, lists.Past),
		Closed: h.myBookingItems(ctx, lists.Closed), Waiting: waiting}))
}

func (h *Handler) myBookingItems(ctx context.Context, lines []BookingLine) []views.BookingItem {
	now := h.svc.opts.Now()
	out := make([]views.BookingItem, len(lines))
	for i, l := range lines {
		co := Checkout{Booking: l.Booking, Holding: l.Holding, Declined: l.Declined}
		co.Show.Theater.TimeZone = l.Show.TimeZone
		st := checkoutStatus(ctx, co, now)
		starts := l.Show.StartsAt.In(l.Show.Location())
		item := views.BookingItem{Href: fmt.Sprintf("/bookings/%d", l.ID), Code: l.Code, MovieTitle: l.Show.MovieTitle,
			TheaterName: l.Show.TheaterName, ScreenName: l.Show.ScreenName, Weekday: i18n.Weekday(ctx, starts),
			Day: starts.Format("2"), Month: shortMonth(ctx, starts), Time: i18n.Time(ctx, starts),
			DateLabel: i18n.LongDate(ctx, starts), Total: i18n.Money(ctx, l.Total, l.Currency),
			Status: st.label, StatusTone: st.tone, Action: i18n.T(ctx, "View booking")}
		for _, s := range l.Seats {
			item.Seats = append(item.Seats, s.Seat)
		}
		switch {
		case l.Holding:
			item.Href, item.Action = item.Href+"/checkout", i18n.T(ctx, "Continue to checkout")
		case l.Status == PendingPayment && l.Declined && l.HoldExpiresAt.After(now):
			item.Href, item.Action, item.Note = item.Href+"/checkout", i18n.T(ctx, "Try again"), st.note
		}
		out[i] = item
	}
	return out
}

// shortMonth is t's short month name in ctx's language ("Jan", "ene"),
// taken from i18n.Date's "2 Jan 2006" so the names are the package's.
func shortMonth(ctx context.Context, t time.Time) string {
	if f := strings.Fields(i18n.Date(ctx, t)); len(f) == 3 {
		return f[1]
	}
	return t.Format("Jan")
}
