package booking

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/jackc/pgx/v5"
	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/authz"
	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/web"
	views "github.com/marqueehq/marquee/web/templates/booking"
)

// counterPrint is GET /admin/counter/bookings/:code/print: the tickets
// (with the e-ticket QR code) and the receipt of a counter sale, laid out
// for printing. ?tendered= (minor units) puts the cash handed over and the
// change on the receipt. Staff who may not sell at its theater get 404.
func (h *Handler) counterPrint(c echo.Context) error {
	ctx := c.Request().Context()
	code, ok := parseBookingCode(c.Param("code"))
	if !ok {
		return fmt.Errorf("booking code %q: %w", c.Param("code"), ErrNotFound)
	}
	row, err := h.svc.q.BookingGetByCode(ctx, h.svc.pool, code)
	if errors.Is(err, pgx.ErrNoRows) || (err == nil && row.Channel != channelCounter) {
		return fmt.Errorf("counter sale %s: %w", code, ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("get booking %s: %w", code, err)
	}
	show, err := h.svc.shows.ShowDetail(ctx, row.ShowID)
	if err != nil {
		return fmt.Errorf("show of booking %s: %w", code, err)
	}
	if err := web.Allow(c, authz.Sell, show.Theater.Place()); err != nil {
		return err
	}
	seats, err := h.svc.q.BookingSeatList(ctx, h.svc.pool, row.ID)
	if err != nil {
		return fmt.Errorf("seats of booking %s: %w", code, err)
	}
	b := bookingFromRow(row)
	m := func(v int64) string { return i18n.Money(ctx, v, row.Currency) }
	starts := show.StartsAt.In(show.Theater.Location())
	p := views.CounterPrintProps{Code: row.Code, Movie: show.Movie.Title, Certification: show.Movie.Certification,
		Theater: show.Theater.Name, Screen: show.Screen.Name, Chain: show.Chain.Name, Date: i18n.LongDate(ctx, starts),
		Time: i18n.Time(ctx, starts), Method: methodLabel(ctx, row.PaymentMethod), Total: m(row.TotalMinor),
		SoldAt:    i18n.Time(ctx, row.CreatedAt.In(show.Theater.Location())) + " · " + i18n.LongDate(ctx, row.CreatedAt.In(show.Theater.Location())),
		Cancelled: Status(row.Status) != Confirmed, BackHref: "/admin/counter/shows/" + strconv.FormatInt(row.ShowID, 10)}
	if row.TillSessionID != nil {
		p.Till = strconv.FormatInt(*row.TillSessionID, 10)
	}
	if row.VoucherRef != nil {
		p.Voucher = *row.VoucherRef
	}
	if u := web.CurrentUser(c); u != nil && row.SoldBy != nil && *row.SoldBy == u.ID {
		p.Staff = u.Name
	} else if row.SoldBy != nil {
		p.Staff = i18n.T(ctx, "Staff member {{.ID}}", "ID", strconv.FormatInt(*row.SoldBy, 10))
	}
	if t, err := strconv.ParseInt(c.QueryParam("tendered"), 10, 64); err == nil && row.PaymentMethod == PayCash && t >= row.TotalMinor {
		p.Tendered, p.Change = m(t), m(t-row.TotalMinor)
	}
	for _, s := range seats {
		if !s.Live && !p.Cancelled {
			continue
		}
		b.Seats = append(b.Seats, BookedSeat{Seat: s.Seat, Price: s.PriceMinor})
		p.Lines = append(p.Lines, views.CounterPrintLine{Seat: s.Seat, Category: categoryName(ctx, catalog.Category(s.Category)), Price: m(s.PriceMinor)})
	}
	if !p.Cancelled && h.opts.Tickets != nil {
		token, err := h.opts.Tickets.Issue(b)
		if err == nil {
			qr, err := ticketQR(token)
			if err != nil {
				return err
			}
			p.QR = &qr
		}
	}
	return web.Render(c, http.StatusOK, views.CounterPrint(p))
}
