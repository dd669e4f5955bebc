package booking

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/authz"
	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/money"
	"github.com/marqueehq/marquee/internal/platform/validate"
	"github.com/marqueehq/marquee/internal/platform/web"
	"github.com/marqueehq/marquee/internal/platform/webctx"
	views "github.com/marqueehq/marquee/web/templates/booking"
)

// counterDays is how far ahead the counter lists shows: today and the
// next six days.
const counterDays = 7

// counterShows is GET /admin/counter: the shows of the till's theater from
// now to a week ahead, by local date and time. Without an open till it
// sends the clerk to open one.
func (h *Handler) counterShows(c echo.Context) error {
	ctx := c.Request().Context()
	till, err := h.svc.OpenTillOf(ctx, web.UserID(c))
	if errors.Is(err, ErrNoOpenTill) {
		return web.Redirect(c, "/admin/till")
	}
	if err != nil {
		return err
	}
	now := h.svc.opts.Now()
	shows, err := h.svc.shows.AdminShows(ctx, catalog.ShowFilter{TheaterID: till.TheaterID, From: now,
		Until: now.AddDate(0, 0, counterDays)})
	if err != nil {
		return fmt.Errorf("shows at the counter: %w", err)
	}
	p := views.CounterShowsProps{}
	var day string
	for _, s := range shows {
		if s.Status != catalog.Scheduled {
			continue
		}
		at := s.StartsAt.In(s.Location())
		p.Theater = s.TheaterName
		if d := i18n.LongDate(ctx, at); d != day {
			day = d
			p.Days = append(p.Days, views.CounterDay{Date: d})
		}
		last := &p.Days[len(p.Days)-1]
		last.Shows = append(last.Shows, views.CounterShowItem{Href: "/admin/counter/shows/" + strconv.FormatInt(s.ID, 10),
			Time: i18n.Time(ctx, at), Movie: s.MovieTitle, Screen: s.ScreenName, Format: s.Format})
	}
	return web.Render(c, http.StatusOK, views.CounterShows(p))
}

// counterShow is GET /admin/counter/shows/:id: the live seat map of a show
// at the till's theater, with the payment form.
func (h *Handler) counterShow(c echo.Context) error {
	return h.renderCounterShow(c, http.StatusOK, views.CounterSaleForm{Method: PayCash}, nil)
}

// renderCounterShow draws the counter's seat map with the form as sent.
func (h *Handler) renderCounterShow(c echo.Context, status int, form views.CounterSaleForm, selected []string) error {
	ctx := c.Request().Context()
	id, err := seatMapShowID(c)
	if err != nil {
		return err
	}
	// The show's theater first: another theater's show is 404 whether or
	// not the clerk has a till open.
	m, err := h.svc.SeatMap(ctx, id)
	if err != nil {
		return err
	}
	if err := web.Allow(c, authz.Sell, m.Show.Theater.Place()); err != nil {
		return fmt.Errorf("show %d at the counter: %w", id, ErrNotFound)
	}
	till, err := h.svc.OpenTillOf(ctx, web.UserID(c))
	if errors.Is(err, ErrNoOpenTill) {
		return web.Redirect(c, "/admin/till")
	}
	if err != nil {
		return err
	}
	if m.Show.TheaterID != till.TheaterID {
		return fmt.Errorf("show %d at the counter of theater %d: %w", id, till.TheaterID, ErrNotFound)
	}
	sp := h.seatMapProps(ctx, m, seatMapState{Selected: selected}, true)
	sp.Action = fmt.Sprintf("/admin/counter/shows/%d/sell", id)
	form.OnSale = h.svc.onSale(m.Show)
	return web.Render(c, status, views.CounterShow(views.CounterShowProps{Map: sp, Form: form}))
}

// counterSell is POST /admin/counter/shows/:id/sell: sells the ticked
// seats through the clerk's till, then shows the ticket and receipt to
// print. A seat gone meanwhile, a voucher without its reference or too
// little cash re-render the map (409 or 422) and nothing is sold.
func (h *Handler) counterSell(c echo.Context) error {
	ctx := c.Request().Context()
	id, err := seatMapShowID(c)
	if err != nil {
		return err
	}
	show, err := h.svc.openShow(ctx, id)
	if err != nil {
		return err
	}
	if err := web.Allow(c, authz.Sell, show.Theater.Place()); err != nil {
		return err
	}
	form := views.CounterSaleForm{Method: c.FormValue("method"), Voucher: strings.TrimSpace(c.FormValue("voucher")),
		Tendered: strings.TrimSpace(c.FormValue("tendered")), Errors: validate.Errors{}}
	seats := c.Request().Form["seats"]
	sale := CounterSale{ShowID: id, Seats: seats, Method: form.Method, VoucherRef: form.Voucher}
	if form.Tendered != "" && form.Method == PayCash {
		var ok bool
		sale.Tendered, ok = money.Parse(form.Tendered)
		form.Errors.Check(ok, "tendered", i18n.T(ctx, "Enter the cash handed over as an amount like 20.00."))
	}
	if len(form.Errors) > 0 {
		return h.renderCounterShow(c, http.StatusUnprocessableEntity, form, seats)
	}
	r, err := h.svc.SellAtCounter(ctx, web.UserID(c), sale)
	var taken *SeatsTakenError
	switch {
	case errors.As(err, &taken):
		form.Error = i18n.T(ctx, "Already taken: {{.Seats}}. Nothing was sold; choose other seats.", "Seats", strings.Join(taken.Seats, ", "))
		return h.renderCounterShow(c, http.StatusConflict, form, seats)
	case errors.Is(err, ErrNoOpenTill):
		return web.Redirect(c, "/admin/till")
	case errors.Is(err, ErrInvalid):
		fe, _ := validate.Fields(err)
		for k, v := range fe {
			form.Errors[k] = i18n.T(ctx, v)
		}
		return h.renderCounterShow(c, http.StatusUnprocessableEntity, form, seats)
	case err != nil:
		return err
	}
	msg := i18n.T(ctx, "Sold {{.Seats}} for {{.Total}}.", "Seats", seatList(r.Seats), "Total", i18n.Money(ctx, r.Total, r.Currency))
	if r.Change > 0 {
		msg += " " + i18n.T(ctx, "Change due: {{.Change}}.", "Change", i18n.Money(ctx, r.Change, r.Currency))
	}
	h.auth.Flash(c, webctx.FlashSuccess, msg)
	q := ""
	if r.Method == PayCash {
		q = "?tendered=" + strconv.FormatInt(r.Tendered, 10)
	}
	return web.Redirect(c, "/admin/counter/bookings/"+r.Code+"/print"+q)
}

func seatList(seats []BookedSeat) string {
	out := make([]string, len(seats))
	for i, s := range seats {
		out[i] = s.Seat
	}
	return strings.Join(out, ", ")
}
