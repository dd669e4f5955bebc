package booking

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/validate"
	"github.com/marqueehq/marquee/internal/platform/web"
	views "github.com/marqueehq/marquee/web/templates/booking"
)

// transferFormKey carries a refused send form to the re-rendered page.
const transferFormKey = "booking.transfer_form"

// transferSection fills "Send to a friend" on a confirmed booking's page
// for its signed-in owner (guests' bookings are not passed on), with the
// history of the booking's offers (for a guest too), and drops the online
// cancellation of tickets passed on.
func (h *Handler) transferSection(c echo.Context, p *views.BookingPageProps, co Checkout) error {
	ctx := c.Request().Context()
	uid, b := web.UserID(c), co.Booking
	history, err := h.transferHistory(ctx, co)
	if err != nil {
		return err
	}
	if uid == 0 || b.UserID != uid || b.Status != Confirmed {
		if len(history) > 0 {
			p.Transfer, p.Cancel = &views.TransferView{History: history, Received: true}, nil
		}
		return nil
	}
	t := &views.TransferView{}
	if form, ok := c.Get(transferFormKey).(*views.TransferView); ok {
		t = form
	}
	t.History = history
	info, err := h.svc.TransferInfoFor(ctx, uid, b.ID)
	if err != nil {
		return err
	}
	if info.Received {
		t.Received, p.Cancel = true, nil
	}
	switch {
	case info.Pending != nil:
		t.Pending = &views.PendingTransferView{Email: info.Pending.Email,
			Until:        i18n.LongDateTime(ctx, info.Pending.ExpiresAt.In(co.Show.Theater.Location())),
			CancelAction: fmt.Sprintf("/bookings/%d/transfers/%d/cancel", b.ID, info.Pending.ID)}
	case info.CanSend:
		t.Action = fmt.Sprintf("/bookings/%d/transfers", b.ID)
		if t.Seats == nil {
			for _, st := range b.Seats {
				t.Seats = append(t.Seats, views.TransferSeat{Seat: st.Seat, Checked: true})
			}
		}
	case !t.Received && t.Error == "" && len(history) == 0:
		return nil // nothing to offer or say
	}
	p.Transfer = t
	return nil
}

// transferSend is POST /bookings/:id/transfers: the owner offers the
// seats ticked (none or all: the whole booking) to the address in email.
// A bad address or seat re-renders the page with the field's error (422);
// a booking that cannot be sent now re-renders it saying why (409).
// Errors: ErrNotFound (not theirs).
func (h *Handler) transferSend(c echo.Context) error {
	id, err := checkoutBookingID(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	from := Sender{ID: web.UserID(c)}
	if u := web.CurrentUser(c); u != nil {
		from.Name = u.Name
	}
	b, err := h.svc.Booking(ctx, web.UserID(c), id)
	if err != nil {
		return err
	}
	email := c.FormValue("email")
	form, err := c.FormParams()
	if err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, "unreadable form")
	}
	seats := form["seats"]
	if len(seats) == 0 && len(b.Seats) > 1 {
		// The form ticks every seat; none ticked is a choice to fix.
		fields := validate.Errors{"seats": i18n.Msg("Choose at least one seat to send.")}
		if _, bad := parseTransferEmail(email); bad != nil {
			fields["email"] = i18n.Msg("Enter the email address of the person to send the tickets to, like name@example.com.")
		}
		err = fields
	} else {
		_, err = h.svc.SendTransfer(ctx, from, id, email, seats)
	}
	if err == nil {
		return web.Redirect(c, fmt.Sprintf("/bookings/%d#transfer", id))
	}
	v := &views.TransferView{Email: strings.TrimSpace(email)}
	for _, st := range b.Seats {
		v.Seats = append(v.Seats, views.TransferSeat{Seat: st.Seat, Checked: slices.Contains(seats, st.Seat)})
	}
	if fields, ok := validate.Fields(err); ok {
		if msg := fields["email"]; msg != "" {
			v.EmailError = i18n.T(ctx, msg)
		}
		if msg := fields["seats"]; msg != "" {
			v.SeatsError = i18n.T(ctx, msg)
		}
		c.Set(transferFormKey, v)
		return h.renderBookingPage(c, http.StatusUnprocessableEntity, id, "")
	}
	if msg := transferRefusal(ctx, err); msg != "" {
		v.Error = msg
		c.Set(transferFormKey, v)
		return h.renderBookingPage(c, http.StatusConflict, id, "")
	}
	return err
}

// transferRefusal words a refused transfer for the page ("" for errors
// that are not refusals).
func transferRefusal(ctx context.Context, err error) string {
	switch {
	case errors.Is(err, ErrNotTransferable):
		return i18n.T(ctx, "These tickets can no longer be passed on: the booking isn't paid, is checked in, or the show has started.")
	case errors.Is(err, ErrTransferPending):
		return i18n.T(ctx, "These tickets are already on offer to someone. Cancel that offer first.")
	case errors.Is(err, ErrTransferLimit):
		return i18n.T(ctx, "These tickets can't be sent again now: they were passed on as often as the cinema allows, or offered {{.M}} times in the last hour.",
			"M", strconv.Itoa(TransferOffersPerHour))
	case errors.Is(err, ErrTransferGone):
		return i18n.T(ctx, "This offer has already been accepted, cancelled or has expired.")
	}
	return ""
}

// transferCancel is POST /bookings/:id/transfers/:tid/cancel: the sender
// withdraws the offer waiting. Errors: ErrNotFound (not theirs); an offer
// no longer pending re-renders the page saying so (409).
func (h *Handler) transferCancel(c echo.Context) error {
	id, err := checkoutBookingID(c)
	if err != nil {
		return err
	}
	tid, err := strconv.ParseInt(c.Param("tid"), 10, 64)
	if err != nil || tid <= 0 {
		return fmt.Errorf("transfer %q: %w", c.Param("tid"), ErrNotFound)
	}
	err = h.svc.CancelTransfer(c.Request().Context(), web.UserID(c), id, tid)
	if errors.Is(err, ErrTransferGone) {
		c.Set(transferFormKey, &views.TransferView{Error: transferRefusal(c.Request().Context(), err)})
		return h.renderBookingPage(c, http.StatusConflict, id, "")
	}
	if err != nil {
		return err
	}
	return web.Redirect(c, fmt.Sprintf("/bookings/%d#transfer", id))
}

// transferOfferPage is GET /transfers/:token: the show and seats on offer
// and "Accept tickets" (or signing in first). An unknown link is 404, one
// accepted, cancelled or expired 410, each a page saying so.
func (h *Handler) transferOfferPage(c echo.Context) error {
	return h.renderTransferOffer(c, http.StatusOK, "")
}

// renderTransferOffer answers the offer's page with status and the reason
// an accept was refused ("" for none).
func (h *Handler) renderTransferOffer(c echo.Context, status int, refusal string) error {
	ctx := c.Request().Context()
	token := c.Param("token")
	o, err := h.svc.TransferOfferByToken(ctx, token)
	if errors.Is(err, ErrNotFound) {
		return web.Render(c, http.StatusNotFound, views.TransferOfferPage(views.TransferOfferProps{
			Gone: i18n.T(ctx, "This link isn't valid. Check that you opened the whole link from the email.")}))
	}
	if err != nil {
		return err
	}
	p := views.TransferOfferProps{Error: refusal}
	switch o.State {
	case TransferAccepted:
		p.Gone, status = i18n.T(ctx, "These tickets have already been accepted."), http.StatusGone
		if web.UserID(c) != 0 && o.OwnerID == web.UserID(c) {
			return web.Redirect(c, fmt.Sprintf("/bookings/%d", o.BookingID))
		}
	case TransferCancelled:
		p.Gone, status = i18n.T(ctx, "The sender cancelled this offer."), http.StatusGone
	case TransferExpired:
		p.Gone, status = i18n.T(ctx, "This offer has expired."), http.StatusGone
	default:
		p.Open = true
	}
	if p.Open {
		self := "/transfers/" + token
		p.Show, p.Seats = showSummary(ctx, o.Show), strings.Join(o.Seats, ", ")
		p.Until = i18n.LongDateTime(ctx, o.ExpiresAt.In(o.Show.Theater.Location()))
		if web.UserID(c) != 0 {
			p.AcceptAction = self + "/accept"
		} else {
			p.SignInHref, p.SignUpHref = web.SignInURL(self), "/signup"
			p.GuestAction, p.GuestEmail = self+"/accept", o.Email
			if form, ok := c.Get(transferFormKey).(*views.TransferOfferProps); ok {
				p.GuestEmail, p.GuestEmailError = form.GuestEmail, form.GuestEmailError
			}
		}
	}
	return web.Render(c, status, views.TransferOfferPage(p))
}

// transferAccept is POST /transfers/:token/accept: the signed-in visitor
// takes the tickets and lands on their booking; a visitor without an
// account gives the address the offer was sent to (email) and lands on
// their guest booking's e-ticket (a wrong address: 422 on the offer's
// page). An offer no longer open is 410, a booking that can no longer be
// passed on 409, each on the offer's page.
func (h *Handler) transferAccept(c echo.Context) error {
	uid := web.UserID(c)
	ctx := c.Request().Context()
	if uid == 0 {
		return h.transferAcceptGuest(c)
	}
	email := ""
	if u := web.CurrentUser(c); u != nil {
		email = u.Email
	}
	id, err := h.svc.AcceptTransfer(ctx, uid, email, c.Param("token"))
	if err != nil {
		return h.transferAcceptRefused(c, err)
	}
	return web.Redirect(c, fmt.Sprintf("/bookings/%d", id))
}

// transferAcceptGuest takes the tickets for a visitor without an account
// who gave the offer's address, lets this browser open the guest booking
// and shows its e-ticket.
func (h *Handler) transferAcceptGuest(c echo.Context) error {
	ctx := c.Request().Context()
	email := strings.TrimSpace(c.FormValue("email"))
	id, err := h.svc.AcceptTransferGuest(ctx, email, i18n.Lang(ctx), c.Param("token"))
	if fields, ok := validate.Fields(err); ok {
		c.Set(transferFormKey, &views.TransferOfferProps{GuestEmail: email, GuestEmailError: i18n.T(ctx, fields["email"])})
		return h.renderTransferOffer(c, http.StatusUnprocessableEntity, "")
	}
	if err != nil {
		return h.transferAcceptRefused(c, err)
	}
	web.GrantGuest(c, h.auth.Sessions, id)
	return web.Redirect(c, fmt.Sprintf("/bookings/%d/ticket", id))
}

// transferAcceptRefused answers a refused accept (err not nil) on the
// offer's page; errors that are not refusals go to the error edge.
func (h *Handler) transferAcceptRefused(c echo.Context, err error) error {
	ctx := c.Request().Context()
	switch {
	case errors.Is(err, ErrTransferGone):
		return h.renderTransferOffer(c, http.StatusGone, "")
	case errors.Is(err, ErrNotTransferable):
		return h.renderTransferOffer(c, http.StatusConflict, transferRefusal(ctx, err))
	case errors.Is(err, ErrNotFound):
		return h.renderTransferOffer(c, http.StatusNotFound, "")
	}
	return err
}

// refuseTransferredCancel guards a buyer's online cancellation: tickets
// passed on cannot be cancelled online (409 ErrTransferredNoCancel), since
// the refund would go to the card of whoever paid first.
func (h *Handler) refuseTransferredCancel(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		id, err := strconv.ParseInt(c.Param("id"), 10, 64)
		if err != nil {
			return next(c)
		}
		moved, err := h.svc.Transferred(c.Request().Context(), id)
		if err != nil {
			return err
		}
		if moved {
			return fmt.Errorf("cancel booking %d: %w", id, ErrTransferredNoCancel)
		}
		return next(c)
	}
}
