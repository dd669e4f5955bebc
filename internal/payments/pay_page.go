package payments

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/web"
	views "github.com/marqueehq/marquee/web/templates/payments"
)

// payPage is GET /pay/:id: the buyer's payment at its current step (card
// form, confirmation step, waiting, outcome). A paid booking goes on to
// its booking page. Errors: ErrNotFound (also another user's payment).
func (h *Handler) payPage(c echo.Context) error {
	co, err := h.checkout(c)
	if err != nil {
		return err
	}
	if co.Payment.State == Succeeded && co.Payment.OutcomeNote == "" {
		return c.Redirect(http.StatusSeeOther, paidPath(co.Payment))
	}
	props, err := h.payProps(c.Request().Context(), co, nil, Card{})
	if err != nil {
		return err
	}
	return web.Render(c, http.StatusOK, views.Pay(props))
}

// payStatus is GET /pay/:id/status, polled by the waiting panel: the
// panel for the payment's step, or on success a redirect to the booking.
func (h *Handler) payStatus(c echo.Context) error {
	co, err := h.checkout(c)
	if err != nil {
		return err
	}
	if co.Payment.State == Succeeded && co.Payment.OutcomeNote == "" {
		if web.IsHTMX(c) {
			c.Response().Header().Set("HX-Redirect", paidPath(co.Payment))
		} else {
			return c.Redirect(http.StatusSeeOther, paidPath(co.Payment))
		}
	}
	if !web.IsHTMX(c) {
		return c.Redirect(http.StatusSeeOther, co.Payment.Path())
	}
	return web.Render(c, http.StatusOK, views.Panel(h.panel(c.Request().Context(), co, nil, Card{})))
}

// payReturn is GET /pay/:id/return, where Stripe sends the buyer after
// confirming: we ask Stripe at once rather than wait for the webhook.
func (h *Handler) payReturn(c echo.Context) error {
	id, err := paramID(c)
	if err != nil {
		return err
	}
	if err := h.svc.Refresh(c.Request().Context(), h.buyer(c, id), id); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/pay/%d", id))
}

func (h *Handler) checkout(c echo.Context) (Checkout, error) {
	id, err := paramID(c)
	if err != nil {
		return Checkout{}, err
	}
	return h.svc.PaymentForBuyer(c.Request().Context(), h.buyer(c, id), id)
}

// paidPath is where a paid booking's buyer lands: the booking's page,
// told the payment has just gone through (it focuses and announces the
// confirmation).
func paidPath(p Payment) string {
	if strings.Contains(p.ReturnPath, "?") {
		return p.ReturnPath
	}
	return p.ReturnPath + "?paid=1"
}

// payProps builds the pay page of co; errs and card refill a refused form.
func (h *Handler) payProps(ctx context.Context, co Checkout, errs map[string]string, card Card) (views.PayProps, error) {
	p := co.Payment
	props := views.PayProps{Amount: i18n.Money(ctx, p.Amount, p.Currency), Description: p.Description, Code: p.BookingCode,
		Attempt: p.Attempt, BookingHref: p.ReturnPath, Panel: h.panel(ctx, co, errs, card)}
	_, giftOrder := giftOrderOf(p.BookingID)
	if giftOrder {
		props.Terms = i18n.T(ctx, "We email the card's code as soon as you have paid.")
	} else if h.svc.opts.CancelTerms != nil {
		terms, err := h.svc.opts.CancelTerms(ctx, p.BookingID)
		if err != nil {
			return views.PayProps{}, fmt.Errorf("cancellation terms of booking %d: %w", p.BookingID, err)
		}
		props.Terms = terms
	}
	methods, err := h.methodChoices(ctx, co)
	if err != nil {
		return views.PayProps{}, fmt.Errorf("ways to pay booking %d: %w", p.BookingID, err)
	}
	props.Methods = methods
	if !giftOrder { // a gift card cannot pay for another
		if props.GiftCard, err = h.giftCardForm(ctx, co); err != nil {
			return views.PayProps{}, fmt.Errorf("gift cards of booking %d: %w", p.BookingID, err)
		}
	}
	if !p.State.Final() && !co.HoldOver {
		now := h.svc.opts.Now()
		left := max(p.HoldExpiresAt.Sub(now).Round(time.Second), 0)
		props.HoldDeadline, props.ServerNow = p.HoldExpiresAt.UTC().Format(time.RFC3339), now.UTC().Format(time.RFC3339)
		props.HoldLeft = fmt.Sprintf("%d:%02d", int(left.Minutes()), int(left.Seconds())%60)
	}
	return props, nil
}

// panel is the step co is at, as the buyer sees it.
func (h *Handler) panel(ctx context.Context, co Checkout, errs map[string]string, card Card) views.PanelProps {
	p := co.Payment
	base := "/pay/" + strconv.FormatInt(p.ID, 10)
	pp := views.PanelProps{Amount: i18n.Money(ctx, p.Amount, p.Currency), StatusHref: base + "/status", CardAction: base + "/card",
		AuthAction: base + "/authenticate", NextHref: p.ReturnPath, CardLast4: p.CardLast4, Errors: errs,
		Card: views.CardForm{Expiry: card.Expiry, Name: card.Name}}
	switch {
	case p.State.Paid() && p.OutcomeNote != "":
		pp.Kind, pp.Message = views.PanelRefunding, p.OutcomeNote
	case p.State.Paid():
		pp.Kind = views.PanelPaid
	case p.State == Failed && (p.FailureCode == "expired" || p.FailureCode == "superseded"):
		pp.Kind = views.PanelExpired
	case p.State == Failed:
		pp.Kind, pp.Message = views.PanelFailed, p.FailureMessage
		if co.Retry {
			pp.RetryAction = strings.TrimRight(p.ReturnPath, "/") + "/pay"
		}
	case p.State == Processing:
		pp.Kind = views.PanelWaiting
	case co.HoldOver:
		pp.Kind = views.PanelExpired
	case p.RequiresAction:
		pp.Kind = views.PanelAuthenticate
	case p.Provider == ProviderRazorpay:
		pp.Kind, pp.Razorpay = views.PanelRazorpay, h.razorpayPanel(p)
	case p.Provider == ProviderPayPal:
		pp.Kind, pp.PayPal = views.PanelPayPal, h.paypalPanel(p)
	case p.Provider == ProviderStripe:
		pp.Kind, pp.PublishableKey, pp.ClientSecret = views.PanelStripe, co.PublishableKey, p.ClientSecret
		pp.ReturnURL = strings.TrimRight(h.baseURL, "/") + base + "/return"
	default:
		pp.Kind = views.PanelCard
	}
	return pp
}
