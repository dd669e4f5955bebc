package booking

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/authz"
	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/web"
	"github.com/marqueehq/marquee/internal/platform/webctx"
	views "github.com/marqueehq/marquee/web/templates/booking"
)

// offerID reads the :id of an offer. Errors: ErrNotFound.
func offerID(c echo.Context) (int64, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, fmt.Errorf("offer %q: %w", c.Param("id"), ErrNotFound)
	}
	return id, nil
}

// waitlistOfferPage is GET /waitlist/offers/:id: the seats held for the
// buyer with a countdown to the offer's end (the deadline is in the page;
// the script only counts), the way on to checkout and the way to decline.
// Errors: ErrNotFound (also another buyer's offer).
func (h *Handler) waitlistOfferPage(c echo.Context) error {
	id, err := offerID(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	o, err := h.svc.WaitlistOfferFor(ctx, web.UserID(c), id)
	if err != nil {
		return err
	}
	var seats []string
	for _, s := range o.Booking.Seats {
		seats = append(seats, s.Seat)
	}
	p := views.WaitlistOfferProps{Show: showSummary(ctx, o.Show), Seats: strings.Join(seats, ", "),
		Total: i18n.Money(ctx, o.Booking.Total, o.Booking.Currency), Open: o.Open,
		Timer:        holdTimer(ctx, o.Booking.HoldExpiresAt, h.svc.opts.Now(), o.Show.Theater.Location()),
		CheckoutHref: fmt.Sprintf("/bookings/%d/checkout", o.Booking.ID), DeclineAction: fmt.Sprintf("/waitlist/offers/%d/decline", id),
		State: waitlistStateText(ctx, o.Entry.State), WaitlistHref: fmt.Sprintf("/shows/%d/waitlist", o.Show.ID)}
	if !o.Open && o.Entry.State == WaitlistOffered {
		p.State = i18n.T(ctx, "Offer ran out")
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return web.Render(c, http.StatusOK, views.WaitlistOfferPage(p))
}

// waitlistDecline is POST /waitlist/offers/:id/decline: the seats go to
// the next in line at once. Errors: ErrNotFound.
func (h *Handler) waitlistDecline(c echo.Context) error {
	id, err := offerID(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	o, err := h.svc.WaitlistOfferFor(ctx, web.UserID(c), id)
	if err != nil {
		return err
	}
	if err := h.svc.DeclineWaitlistOffer(ctx, web.UserID(c), id); err != nil {
		return err
	}
	h.auth.Flash(c, webctx.FlashSuccess, i18n.T(ctx, "You declined the seats; they go to the next person in line."))
	return web.Redirect(c, fmt.Sprintf("/shows/%d/waitlist", o.Show.ID))
}

// staffWaitlist is GET /admin/shows/:id/waitlist: the show's line for
// staff who may sell at its theater (403 elsewhere). Errors: ErrNotFound.
func (h *Handler) staffWaitlist(c echo.Context) error {
	id, err := staffShowID(c.Param("id"))
	if err != nil || id == 0 {
		return fmt.Errorf("show %q: %w", c.Param("id"), ErrNotFound)
	}
	ctx := c.Request().Context()
	d, err := h.svc.openShow(ctx, id)
	if err != nil {
		return err
	}
	if err := web.Allow(c, authz.Sell, d.Theater.Place()); err != nil {
		return err
	}
	es, err := h.svc.ShowWaitlist(ctx, id)
	if err != nil {
		return err
	}
	loc := d.Theater.Location()
	p := views.StaffWaitlistProps{Movie: d.Movie.Title, When: i18n.LongDateTime(ctx, d.StartsAt.In(loc)),
		Where: d.Theater.Name + " · " + d.Screen.Name, OccupancyHref: fmt.Sprintf("/admin/shows/%d/occupancy", id)}
	for _, e := range es {
		r := views.StaffWaitlistRow{Joined: i18n.LongDateTime(ctx, e.CreatedAt.In(loc)), Buyer: "#" + strconv.FormatInt(e.UserID, 10),
			Wants: waitlistWants(ctx, e, d.City.Currency), State: waitlistStateText(ctx, e.State)}
		if e.Position > 0 {
			r.State += " · " + i18n.T(ctx, "number {{.N}}", "N", e.Position)
		}
		if e.OfferBookingID != 0 {
			r.Offer = i18n.T(ctx, "Booking {{.ID}} until {{.Time}}", "ID", e.OfferBookingID, "Time", i18n.Time(ctx, e.OfferExpiresAt.In(loc)))
		}
		p.Rows = append(p.Rows, r)
	}
	return web.Render(c, http.StatusOK, views.StaffWaitlist(p))
}
