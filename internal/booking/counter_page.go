package booking

import (
	"context"
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
	if p.Owed, err = h.owedRefundViews(ctx, till); err != nil {
		return err
	}
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
// at the till's theater, with the ticket types, the menu and the payment
// form.
func (h *Handler) counterShow(c echo.Context) error {
	return h.renderCounterShow(c, http.StatusOK, views.CounterSaleForm{Method: PayCash}, nil, nil)
}

// renderCounterShow draws the counter's seat map with the form as sent.
func (h *Handler) renderCounterShow(c echo.Context, status int, form views.CounterSaleForm, sale *CounterSale, selected []string) error {
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
	if sale == nil {
		sale = &CounterSale{}
	}
	if fresh, err := h.svc.shows.ShowDetail(ctx, id); err == nil {
		m.Show.TicketTypes, m.Show.Movie = fresh.TicketTypes, fresh.Movie // as the sale will read them
	}
	form.Tickets = counterTicketChoices(ctx, m, sale.Tickets)
	food, _ := h.svc.counterFood(ctx, till.TheaterID, sale.Food)
	form.Food = h.foodMenu(ctx, Checkout{Holding: true, Show: m.Show, Booking: Booking{Currency: m.Show.City.Currency},
		Price: Price{Food: food}})
	return web.Render(c, status, views.CounterShow(views.CounterShowProps{Map: sp, Form: form}))
}

// counterTicketChoices are the ticket types the show offers with their
// prices across its seats and the counts as sent.
func counterTicketChoices(ctx context.Context, m SeatMap, counts TicketCounts) []views.TicketTypeChoice {
	var kinds []BookedSeat
	seen := map[string]bool{}
	for _, st := range m.Seats {
		k := fmt.Sprintf("%s/%d", st.Category, st.Price)
		if !seen[k] {
			seen[k] = true
			kinds = append(kinds, BookedSeat{Category: st.Category, Price: st.Price, ListPrice: st.Price})
		}
	}
	var out []views.TicketTypeChoice
	for _, t := range m.Show.OfferedTicketTypes() {
		ch := views.TicketTypeChoice{Code: t.Code, Name: ticketName(ctx, SeatTicket{Name: t.Name}), AgeNote: t.AgeNote,
			Count: counts[t.Code], Price: ticketPriceRange(ctx, t, kinds, m.Show.City.Currency)}
		if t.ProofRequired {
			ch.ProofNote = t.ProofNote
		}
		out = append(out, ch)
	}
	return out
}

// counterSaleFromForm reads the sale as sent: seats, counts of each
// ticket type (count_<CODE>), food and payment. Errors go into form.
func (h *Handler) counterSaleFromForm(c echo.Context, showID int64, theaterID int64, form *views.CounterSaleForm) (CounterSale, error) {
	ctx := c.Request().Context()
	params, err := c.FormParams()
	if err != nil {
		return CounterSale{}, fmt.Errorf("read the counter sale: %w", err)
	}
	sale := CounterSale{ShowID: showID, Seats: params["seats"], Method: form.Method, VoucherRef: form.Voucher,
		SellerName: currentUserName(c)}
	for key, vals := range params {
		code, ok := cutPrefix(key, "count_")
		if !ok || len(vals) == 0 || strings.TrimSpace(vals[0]) == "" {
			continue
		}
		n, err := strconv.Atoi(strings.TrimSpace(vals[0]))
		if err != nil {
			form.Errors["ticket_types"] = i18n.T(ctx, "Choose how many of each ticket with the lists.")
			continue
		}
		if sale.Tickets == nil {
			sale.Tickets = TicketCounts{}
		}
		sale.Tickets[code] = n
	}
	if sum := sumCounts(sale.Tickets); sum == 0 {
		sale.Tickets = nil // none counted: every seat the show's Adult
	}
	menu, err := h.svc.shows.TheaterMenu(ctx, theaterID)
	if err != nil {
		return CounterSale{}, fmt.Errorf("menu of theater %d: %w", theaterID, err)
	}
	sale.Food = foodChoicesFromForm(c, menu)
	if form.Tendered != "" && form.Method == PayCash {
		var ok bool
		sale.Tendered, ok = money.Parse(form.Tendered)
		form.Errors.Check(ok, "tendered", i18n.T(ctx, "Enter the cash handed over as an amount like 20.00."))
	}
	return sale, nil
}

func sumCounts(t TicketCounts) int {
	n := 0
	for _, v := range t {
		n += v
	}
	return n
}

// currentUserName is the signed-in staff member's name for the receipt.
func currentUserName(c echo.Context) string {
	if u := web.CurrentUser(c); u != nil {
		return u.Name
	}
	return ""
}

// counterSell is POST /admin/counter/shows/:id/sell: sells the ticked
// seats as the ticket types counted, with the food chosen, through the
// clerk's till, then shows the ticket and receipt to print. A seat gone
// meanwhile, a ticket type the show does not offer, food sold out, a
// voucher without its reference or too little cash re-render the map
// (409 or 422) and nothing is sold.
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
	sale, err := h.counterSaleFromForm(c, id, show.TheaterID, &form)
	if err != nil {
		return err
	}
	if len(form.Errors) > 0 {
		return h.renderCounterShow(c, http.StatusUnprocessableEntity, form, &sale, sale.Seats)
	}
	r, err := h.svc.SellAtCounter(ctx, web.UserID(c), sale)
	var taken *SeatsTakenError
	switch {
	case errors.As(err, &taken):
		form.Error = i18n.T(ctx, "Already taken: {{.Seats}}. Nothing was sold; choose other seats.", "Seats", strings.Join(taken.Seats, ", "))
		return h.renderCounterShow(c, http.StatusConflict, form, &sale, sale.Seats)
	case errors.Is(err, ErrNoOpenTill):
		return web.Redirect(c, "/admin/till")
	case errors.Is(err, ErrInvalid):
		fe, _ := validate.Fields(err)
		for k, v := range fe {
			form.Errors[k] = foodMessage(ctx, v)
		}
		return h.renderCounterShow(c, http.StatusUnprocessableEntity, form, &sale, sale.Seats)
	case err != nil:
		return err
	}
	h.flashSale(c, r)
	return web.Redirect(c, "/admin/counter/bookings/"+r.Code+"/print")
}

// flashSale tells the clerk what was sold, for how much and the change.
func (h *Handler) flashSale(c echo.Context, r CounterReceipt) {
	ctx := c.Request().Context()
	msg := i18n.T(ctx, "Sold {{.Seats}} for {{.Total}}.", "Seats", seatList(r.Seats), "Total", i18n.Money(ctx, r.Total, r.Currency))
	if len(r.Seats) == 0 {
		msg = i18n.T(ctx, "Sold for {{.Total}}.", "Total", i18n.Money(ctx, r.Total, r.Currency))
	}
	if r.Change > 0 {
		msg += " " + i18n.T(ctx, "Change due: {{.Change}}.", "Change", i18n.Money(ctx, r.Change, r.Currency))
	}
	h.auth.Flash(c, webctx.FlashSuccess, msg)
}

func seatList(seats []BookedSeat) string {
	out := make([]string, len(seats))
	for i, s := range seats {
		out[i] = s.Seat
	}
	return strings.Join(out, ", ")
}
