package booking

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/authz"
	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/money"
	"github.com/marqueehq/marquee/internal/platform/validate"
	"github.com/marqueehq/marquee/internal/platform/web"
	"github.com/marqueehq/marquee/internal/platform/webctx"
	views "github.com/marqueehq/marquee/web/templates/booking"
)

// staffCancelView is the cancellation form of a live booking, nil for one
// that is over.
func staffCancelView(b StaffBooking) *views.StaffCancel {
	switch b.Status {
	case Held, PendingPayment, PaymentFailed, Confirmed:
	default:
		return nil
	}
	c := &views.StaffCancel{Action: fmt.Sprintf("/admin/bookings/%s/cancel", b.Code), Paid: b.Status == Confirmed}
	if c.Paid {
		c.Refund = fmt.Sprintf("%d.%02d", b.Total/100, b.Total%100)
	}
	return c
}

// staffCancel is POST /admin/bookings/:code/cancel: staff cancel a booking
// and refund what they typed; a bad amount re-renders the page with the
// field's error. Only staff who may manage the booking's theater cancel;
// others get 404. Errors: ErrNotFound, ErrNotCancellable.
func (h *Handler) staffCancel(c echo.Context) error {
	ctx := c.Request().Context()
	code, ok := parseBookingCode(c.Param("code"))
	if !ok {
		return fmt.Errorf("booking code %q: %w", c.Param("code"), ErrNotFound)
	}
	b, events, err := h.svc.StaffBookingByCode(ctx, code)
	if err != nil {
		return err
	}
	show, err := h.svc.shows.ShowDetail(ctx, b.ShowID)
	if err != nil {
		return fmt.Errorf("show of booking %s: %w", code, err)
	}
	if err := web.Allow(c, authz.Manage, show.Theater.Place()); err != nil {
		return err
	}
	form := staffCancelView(b)
	if form == nil {
		return ErrNotCancellable
	}
	form.Refund, form.Reason, form.Open = c.FormValue("refund"), strings.TrimSpace(c.FormValue("reason")), true
	errs := validate.Errors{}
	var amount int64
	if form.Paid {
		amount, ok = money.Parse(form.Refund)
		errs.Check(ok, "refund", i18n.T(ctx, "Enter the refund as an amount like 12.50 (0 for none)."))
	}
	errs.Check(utf8.RuneCountInString(form.Reason) <= 200, "reason", i18n.T(ctx, "Keep the reason under 200 characters."))
	if len(errs) == 0 {
		_, err = h.svc.CancelByStaffMember(ctx, web.UserID(c), b.ID, amount, form.Reason)
		if errors.Is(err, ErrNoOpenTill) {
			// A counter sale is refunded from the canceller's till.
			errs["refund"], err = i18n.T(ctx, "This was sold at the box office: open your till to refund it at the counter."), nil
		}
		if fe, ok := validate.Fields(err); ok {
			errs, err = fe, nil
			// The service's only field error: more than was paid.
			if _, over := errs["refund"]; over {
				errs["refund"] = i18n.T(ctx, "Enter a refund from 0 to {{.Amount}}.", "Amount", i18n.Money(ctx, b.Total, b.Currency))
			}
		}
		if err != nil {
			return err
		}
	}
	if len(errs) > 0 {
		p := staffBookingProps(ctx, b, events, show, h.svc.opts.Now())
		form.Errors, p.Cancel = errs, form
		return web.Render(c, http.StatusUnprocessableEntity, views.StaffBooking(p))
	}
	h.auth.Flash(c, webctx.FlashSuccess, i18n.T(ctx, "Booking {{.Code}} is cancelled and its seats are back on sale.", "Code", b.Code))
	return web.Redirect(c, "/admin/bookings/"+b.Code)
}
