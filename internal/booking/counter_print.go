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
// for printing, the same on every reprint: each seat's ticket type, the
// food with its pickup code, the cash handed over and the change, and the
// clerk who sold it. Staff who may not sell at its theater get 404.
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
		return fmt.Errorf("counter sale %s: %w", code, ErrNotFound)
	}
	seats, err := h.svc.q.BookingSeatList(ctx, h.svc.pool, row.ID)
	if err != nil {
		return fmt.Errorf("seats of booking %s: %w", code, err)
	}
	food, err := h.svc.bookingFood(ctx, h.svc.pool, row.ID)
	if err != nil {
		return err
	}
	b := bookingFromRow(row)
	m := func(v int64) string { return i18n.Money(ctx, v, row.Currency) }
	starts := show.StartsAt.In(show.Theater.Location())
	sold := row.CreatedAt.In(show.Theater.Location())
	p := views.CounterPrintProps{Code: row.Code, Movie: show.Movie.Title, Certification: show.Movie.Certification,
		Theater: show.Theater.Name, Screen: show.Screen.Name, Chain: show.Chain.Name, Date: i18n.LongDate(ctx, starts),
		Time: i18n.Time(ctx, starts), Method: methodLabel(ctx, row.PaymentMethod), Total: m(row.TotalMinor),
		SoldAt:    i18n.Time(ctx, sold) + " · " + i18n.LongDate(ctx, sold),
		Cancelled: Status(row.Status) != Confirmed, BackHref: "/admin/counter/shows/" + strconv.FormatInt(row.ShowID, 10),
		Food: foodLineViews(ctx, food, row.Currency), Staff: sellerName(c, row.SellerName, row.SoldBy)}
	tax := row.TaxMinor
	for _, l := range food {
		tax += l.Tax
	}
	if tax > 0 {
		p.Tax = m(tax)
	}
	if row.TillSessionID != nil {
		p.Till = strconv.FormatInt(*row.TillSessionID, 10)
	}
	if row.VoucherRef != nil {
		p.Voucher = *row.VoucherRef
	}
	if row.TenderedMinor != nil && row.ChangeMinor != nil {
		p.Tendered, p.Change = m(*row.TenderedMinor), m(*row.ChangeMinor)
	}
	for _, s := range seats {
		if !s.Live && !p.Cancelled {
			continue
		}
		st := bookedSeatFromRow(s)
		b.Seats = append(b.Seats, st)
		l := views.CounterPrintLine{Seat: s.Seat, Category: categoryName(ctx, catalog.Category(s.Category)), Price: m(s.PriceMinor),
			Ticket: ticketName(ctx, st.Ticket)}
		if st.Ticket.ProofRequired {
			l.Proof = st.Ticket.ProofNote
		}
		p.Lines = append(p.Lines, l)
	}
	if !p.Cancelled && h.opts.Tickets != nil && len(b.Seats) > 0 {
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

// sellerName is the clerk who made a sale as the receipt names them: the
// name kept with the sale, else (a sale from before names were kept) the
// signed-in clerk's own, else their staff number.
func sellerName(c echo.Context, kept *string, soldBy *int64) string {
	if kept != nil && *kept != "" {
		return *kept
	}
	if soldBy == nil {
		return ""
	}
	if u := web.CurrentUser(c); u != nil && *soldBy == u.ID {
		return u.Name
	}
	return i18n.T(c.Request().Context(), "Staff member {{.ID}}", "ID", strconv.FormatInt(*soldBy, 10))
}
