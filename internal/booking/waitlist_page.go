package booking

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/money"
	"github.com/marqueehq/marquee/internal/platform/validate"
	"github.com/marqueehq/marquee/internal/platform/web"
	"github.com/marqueehq/marquee/internal/platform/webctx"
	views "github.com/marqueehq/marquee/web/templates/booking"
)

// maxPriceLimit is the highest price limit a buyer may type (minor units).
const maxPriceLimit = 999_999_999

// waitlistPage is GET /shows/:id/waitlist: the buyer's place in the
// show's line, or the form that joins it. Errors: ErrNotFound.
func (h *Handler) waitlistPage(c echo.Context) error {
	id, err := apiID(c)
	if err != nil {
		return err
	}
	return h.renderWaitlist(c, http.StatusOK, id, views.WaitlistForm{Seats: 2}, nil)
}

// waitlistJoin is POST /shows/:id/waitlist (seats, together, max_price):
// the buyer joins the line; a refusal re-renders the form with 422.
// Errors: ErrNotFound.
func (h *Handler) waitlistJoin(c echo.Context) error {
	id, err := apiID(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	form := views.WaitlistForm{Together: c.FormValue("together") == "1", MaxPrice: strings.TrimSpace(c.FormValue("max_price"))}
	errs := map[string]string{}
	form.Seats, err = strconv.Atoi(strings.TrimSpace(c.FormValue("seats")))
	if err != nil || form.Seats < 1 || form.Seats > h.svc.opts.MaxSeats {
		errs["seats"] = i18n.T(ctx, "Choose between 1 and {{.Max}} seats.", "Max", h.svc.opts.MaxSeats)
	}
	var maxPrice int64
	if form.MaxPrice != "" {
		var ok bool
		if maxPrice, ok = money.Parse(form.MaxPrice); !ok || maxPrice > maxPriceLimit {
			errs["max_price"] = i18n.T(ctx, "Enter an amount like 12.50, or leave it empty for any price.")
		}
	}
	if len(errs) > 0 {
		return h.renderWaitlist(c, http.StatusUnprocessableEntity, id, form, errs)
	}
	_, err = h.svc.JoinWaitlist(ctx, web.UserID(c), id, WaitlistJoin{Seats: form.Seats, Together: form.Together, MaxPrice: maxPrice})
	var fields validate.Errors
	switch {
	case errors.Is(err, ErrNotSoldOut):
		errs["form"] = i18n.T(ctx, "This show still has the seats you want: choose them on the seat map.")
	case errors.Is(err, ErrAlreadyWaiting):
		errs["form"] = i18n.T(ctx, "You are already on the waitlist for this show.")
	case errors.Is(err, ErrNotOnSale):
		errs["form"] = i18n.T(ctx, "Tickets for this show are no longer on sale.")
	case errors.As(err, &fields):
		errs["seats"] = i18n.T(ctx, "Choose between 1 and {{.Max}} seats.", "Max", h.svc.opts.MaxSeats)
	case err != nil:
		return err
	}
	if len(errs) > 0 {
		return h.renderWaitlist(c, http.StatusUnprocessableEntity, id, form, errs)
	}
	h.auth.Flash(c, webctx.FlashSuccess, i18n.T(ctx, "You are on the waitlist."))
	return web.Redirect(c, fmt.Sprintf("/shows/%d/waitlist", id))
}

// waitlistLeave is POST /shows/:id/waitlist/leave. Errors: ErrNotFound.
func (h *Handler) waitlistLeave(c echo.Context) error {
	id, err := apiID(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	if err := h.svc.LeaveWaitlist(ctx, web.UserID(c), id); err != nil {
		return err
	}
	h.auth.Flash(c, webctx.FlashSuccess, i18n.T(ctx, "You left the waitlist."))
	return web.Redirect(c, fmt.Sprintf("/shows/%d/waitlist", id))
}

// renderWaitlist answers the waitlist page of show id.
func (h *Handler) renderWaitlist(c echo.Context, status int, id int64, form views.WaitlistForm, errs map[string]string) error {
	ctx := c.Request().Context()
	d, err := h.svc.openShow(ctx, id)
	if err != nil {
		return err
	}
	p := views.WaitlistProps{Show: showSummary(ctx, d), SeatsHref: fmt.Sprintf("/shows/%d/seats", id),
		Action: fmt.Sprintf("/shows/%d/waitlist", id), Form: form, Errors: errs, Currency: d.City.Currency,
		OfferMinutes: int(h.svc.offerTTL() / time.Minute)}
	e, err := h.svc.MyWaitlistEntry(ctx, web.UserID(c), id)
	switch {
	case err == nil:
		v := waitlistEntryView(ctx, e, d.City.Currency)
		v.LeaveAction = fmt.Sprintf("/shows/%d/waitlist/leave", id)
		p.Entry = &v
	case !errors.Is(err, ErrNotFound):
		return err
	}
	return web.Render(c, status, views.WaitlistPage(p))
}

// waitlistEntryView is an entry in ctx's language.
func waitlistEntryView(ctx context.Context, e WaitlistEntry, currency string) views.WaitlistEntryView {
	v := views.WaitlistEntryView{Wants: waitlistWants(ctx, e, currency), State: waitlistStateText(ctx, e.State)}
	if e.State.Active() {
		v.Position = e.Position
	}
	if e.State == WaitlistOffered {
		v.OfferHref = fmt.Sprintf("/waitlist/offers/%d", e.ID)
	}
	return v
}

// waitlistWants says what an entry asks for.
func waitlistWants(ctx context.Context, e WaitlistEntry, currency string) string {
	s := i18n.T(ctx, "Seats: {{.N}}", "N", e.Seats)
	if e.Together {
		s = i18n.T(ctx, "Seats: {{.N}}, side by side", "N", e.Seats)
	}
	if e.MaxPrice > 0 {
		s += ", " + i18n.T(ctx, "up to {{.Price}} each", "Price", i18n.Money(ctx, e.MaxPrice, currency))
	}
	return s
}

// waitlistStateText is a state in ctx's language.
func waitlistStateText(ctx context.Context, st WaitlistState) string {
	switch st {
	case WaitlistWaiting:
		return i18n.T(ctx, "Waiting")
	case WaitlistOffered:
		return i18n.T(ctx, "Seats held for you")
	case WaitlistBooked:
		return i18n.T(ctx, "Booked")
	case WaitlistExpired:
		return i18n.T(ctx, "Offer ran out")
	case WaitlistDeclined:
		return i18n.T(ctx, "Offer declined")
	}
	return i18n.T(ctx, "Left the waitlist")
}
