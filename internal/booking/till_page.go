package booking

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

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

// tillTheater is a theater a till may be opened at, with its currency.
type tillTheater struct {
	catalog.Theater
	Currency string
}

// sellTheaters lists the theaters where the signed-in staff member may sell.
func (h *Handler) sellTheaters(c echo.Context) ([]tillTheater, error) {
	ctx := c.Request().Context()
	places, err := h.staffPlacesFor(c, authz.Sell)
	if err != nil {
		return nil, err
	}
	choices, err := h.svc.shows.ScheduleChoices(ctx)
	if err != nil {
		return nil, fmt.Errorf("theaters for the till: %w", err)
	}
	cities, err := h.svc.shows.Cities(ctx)
	if err != nil {
		return nil, fmt.Errorf("cities for the till: %w", err)
	}
	cur := map[string]string{}
	for _, ci := range cities {
		cur[ci.Slug] = ci.Currency
	}
	var out []tillTheater
	for _, t := range choices.Theaters {
		if places.has(t.ID) {
			out = append(out, tillTheater{Theater: t.Theater, Currency: cur[t.CitySlug]})
		}
	}
	return out, nil
}

// tillPage is GET /admin/till: the staff member's open till, or the form
// to open one at a theater where they may sell.
func (h *Handler) tillPage(c echo.Context) error {
	return h.renderTill(c, http.StatusOK, views.TillOpenForm{})
}

func (h *Handler) renderTill(c echo.Context, status int, form views.TillOpenForm) error {
	ctx := c.Request().Context()
	till, err := h.svc.OpenTillOf(ctx, web.UserID(c))
	if err == nil {
		sum, err := h.svc.TillSummary(ctx, till.ID)
		if err != nil {
			return err
		}
		p, err := h.tillSummaryProps(c, sum)
		if err != nil {
			return err
		}
		p.Close = &views.TillCloseForm{Counted: form.Counted, Note: form.Note, Errors: form.Errors}
		return web.Render(c, status, views.TillSummaryPage(p))
	}
	if !errors.Is(err, ErrNoOpenTill) {
		return err
	}
	theaters, err := h.sellTheaters(c)
	if err != nil {
		return err
	}
	for _, t := range theaters {
		form.Theaters = append(form.Theaters, views.TillChoice{Value: strconv.FormatInt(t.ID, 10), Label: t.Name})
	}
	return web.Render(c, status, views.TillOpenPage(form))
}

// tillOpen is POST /admin/till/open: opens a till at a theater where the
// staff member may sell (404 elsewhere) with the float typed.
func (h *Handler) tillOpen(c echo.Context) error {
	ctx := c.Request().Context()
	form := views.TillOpenForm{Theater: c.FormValue("theater"), Float: strings.TrimSpace(c.FormValue("float")), Errors: validate.Errors{}}
	id, _ := strconv.ParseInt(form.Theater, 10, 64)
	theaters, err := h.sellTheaters(c)
	if err != nil {
		return err
	}
	var at *tillTheater
	for i := range theaters {
		if theaters[i].ID == id {
			at = &theaters[i]
		}
	}
	if at == nil && id != 0 {
		return fmt.Errorf("theater %d for a till: %w", id, ErrNotFound)
	}
	form.Errors.Check(at != nil, "theater", i18n.T(ctx, "Choose the theater of your till."))
	float, ok := money.Parse(form.Float)
	form.Errors.Check(ok, "float", i18n.T(ctx, "Enter the opening float as an amount like 100.00."))
	if len(form.Errors) == 0 {
		_, err = h.svc.OpenTill(ctx, web.UserID(c), at.ID, float, at.Currency)
		if fe, ok := validate.Fields(err); ok {
			form.Errors, err = fe, nil
			if _, dup := fe["theater"]; dup {
				fe["theater"] = i18n.T(ctx, "You have a till open already: close it before opening another.")
			}
		}
		if err != nil {
			return err
		}
	}
	if len(form.Errors) > 0 {
		return h.renderTill(c, http.StatusUnprocessableEntity, form)
	}
	h.auth.Flash(c, webctx.FlashSuccess, i18n.T(ctx, "Your till is open."))
	return web.Redirect(c, "/admin/counter")
}

// tillClose is POST /admin/till/close: the cash-up of the staff member's
// open till with the cash counted and a note; then its summary.
func (h *Handler) tillClose(c echo.Context) error {
	ctx := c.Request().Context()
	form := views.TillOpenForm{Counted: strings.TrimSpace(c.FormValue("counted")), Note: strings.TrimSpace(c.FormValue("note")),
		Errors: validate.Errors{}}
	counted, ok := money.Parse(form.Counted)
	form.Errors.Check(ok, "counted", i18n.T(ctx, "Enter the cash counted as an amount like 250.00."))
	form.Errors.Check(utf8.RuneCountInString(form.Note) <= 500, "note", i18n.T(ctx, "Keep the note under 500 characters."))
	if len(form.Errors) > 0 {
		return h.renderTill(c, http.StatusUnprocessableEntity, form)
	}
	sum, err := h.svc.CloseTill(ctx, web.UserID(c), counted, form.Note)
	if errors.Is(err, ErrNoOpenTill) {
		return web.Redirect(c, "/admin/till")
	}
	if err != nil {
		return err
	}
	h.auth.Flash(c, webctx.FlashSuccess, i18n.T(ctx, "Your till is closed."))
	return web.Redirect(c, "/admin/till/"+strconv.FormatInt(sum.ID, 10))
}

// tillSummaryPage is GET /admin/till/:id: a till's takings and cash-up,
// for its owner and the managers of its theater (404 for anyone else).
func (h *Handler) tillSummaryPage(c echo.Context) error {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil {
		return fmt.Errorf("till %q: %w", c.Param("id"), ErrNotFound)
	}
	sum, err := h.svc.TillSummary(c.Request().Context(), id)
	if err != nil {
		return err
	}
	if sum.UserID != web.UserID(c) {
		ok, err := h.mayManageTheater(c, sum.TheaterID)
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("till %d: %w", id, ErrNotFound)
		}
	}
	p, err := h.tillSummaryProps(c, sum)
	if err != nil {
		return err
	}
	return web.Render(c, http.StatusOK, views.TillSummaryPage(p))
}

// mayManageTheater reports whether the signed-in staff member manages theaterID.
func (h *Handler) mayManageTheater(c echo.Context, theaterID int64) (bool, error) {
	places, err := h.staffPlacesFor(c, authz.Manage)
	if err != nil {
		return false, err
	}
	return places.has(theaterID), nil
}

// tillSummaryProps is the summary page of a till in the request's language.
func (h *Handler) tillSummaryProps(c echo.Context, s TillSummary) (views.TillSummaryProps, error) {
	ctx := c.Request().Context()
	names, err := h.theaterNames(ctx)
	if err != nil {
		return views.TillSummaryProps{}, err
	}
	m := func(v int64) string { return i18n.Money(ctx, v, s.Currency) }
	th := names[s.TheaterID]
	p := views.TillSummaryProps{ID: s.ID, Theater: th.Name, Open: s.Open(), Float: m(s.Float),
		OpenedAt: tillTime(ctx, s.OpenedAt, th), Expected: m(s.ExpectedCash), Note: s.Note}
	for _, t := range s.Takings {
		p.Takings = append(p.Takings, views.TillLine{Method: methodLabel(ctx, t.Method), Count: t.Count, Amount: m(t.Amount)})
	}
	for _, t := range s.GiftCards {
		p.Takings = append(p.Takings, views.TillLine{Method: i18n.T(ctx, "Gift cards sold — {{.Method}}", "Method", methodLabel(ctx, t.Method)),
			Count: t.Count, Amount: m(t.Amount)})
	}
	for _, t := range s.Refunds {
		p.Refunds = append(p.Refunds, views.TillLine{Method: methodLabel(ctx, t.Method), Count: t.Count, Amount: m(t.Amount)})
	}
	if s.CountedCash != nil {
		p.Counted, p.Variance = m(*s.CountedCash), m(*s.Variance)
	}
	for _, b := range s.Sales {
		p.Sales = append(p.Sales, views.TillSale{Code: b.Code, Method: methodLabel(ctx, b.PaymentMethod), Amount: m(b.TotalMinor),
			Status: string(b.Status), Href: "/admin/bookings/" + b.Code, PrintHref: "/admin/counter/bookings/" + b.Code + "/print"})
	}
	for _, g := range s.GiftCardSales {
		p.GiftCardSales = append(p.GiftCardSales, views.TillGiftCard{Last4: g.Last4, Method: methodLabel(ctx, g.Method), Amount: m(g.Amount)})
	}
	return p, nil
}

// theaterNames maps every theater's id to the theater (its name, and its
// time zone for the till's times).
func (h *Handler) theaterNames(ctx context.Context) (map[int64]catalog.Theater, error) {
	choices, err := h.svc.shows.ScheduleChoices(ctx)
	if err != nil {
		return nil, fmt.Errorf("theater names: %w", err)
	}
	out := make(map[int64]catalog.Theater, len(choices.Theaters))
	for _, t := range choices.Theaters {
		out[t.ID] = t.Theater
	}
	return out, nil
}

// tillTime is "18:05 · Sunday 6 December 2026" at the theater.
func tillTime(ctx context.Context, t time.Time, th catalog.Theater) string {
	t = t.In(th.Location())
	return i18n.Time(ctx, t) + " · " + i18n.LongDate(ctx, t)
}

// methodLabel names a payment method in ctx's language.
func methodLabel(ctx context.Context, m string) string {
	switch m {
	case PayCash:
		return i18n.T(ctx, "Cash")
	case PayCard:
		return i18n.T(ctx, "Card")
	case PayVoucher:
		return i18n.T(ctx, "Voucher")
	}
	return i18n.T(ctx, "Online")
}
