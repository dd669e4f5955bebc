package payments

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/jackc/pgx/v5"
	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/pg"
	"github.com/marqueehq/marquee/internal/platform/web"
	views "github.com/marqueehq/marquee/web/templates/payments"
)

// giftCardErrors are the refusals a buyer can put right by typing another
// code: the pay page shows them beside the field.
var giftCardErrors = []error{ErrGiftCardUnknown, ErrGiftCardExpired, ErrGiftCardEmpty, ErrGiftCardCurrency,
	ErrGiftCardChain, ErrGiftCardInUse, ErrGiftCardForGiftCard}

// ApplyGiftCard puts a gift card towards the buyer's waiting payment: the
// card's money (up to what is left to pay) is held for the booking at
// once, so no other booking can spend it, and the payment is replaced by
// one for the rest with the same provider, or, when the card covers it
// all, the booking is paid. A payment that then fails for good, or whose
// hold runs out, gives the money back to the card. Errors: ErrNotFound,
// ErrNotPayable, ErrHoldExpired, the gift card errors (ErrGiftCardUnknown,
// ...), ErrTooManyAttempts, ErrProvider.
func (s *Service) ApplyGiftCard(ctx context.Context, userID, paymentID int64, code string) (Payment, error) {
	p, err := s.buyersPayment(ctx, userID, paymentID)
	if err != nil {
		return Payment{}, err
	}
	switch {
	case p.State != RequiresPayment || p.RequiresAction || p.Provider == ProviderGiftCard:
		return Payment{}, fmt.Errorf("apply a gift card to payment %d: %w", p.ID, ErrNotPayable)
	case !s.opts.Now().Before(p.HoldExpiresAt):
		return Payment{}, fmt.Errorf("apply a gift card to payment %d: %w", p.ID, ErrHoldExpired)
	}
	if _, order := giftOrderOf(p.BookingID); order {
		return Payment{}, fmt.Errorf("apply a gift card to payment %d: %w", p.ID, ErrGiftCardForGiftCard)
	}
	v, err := s.venueOf(ctx, p.BookingID)
	if err != nil {
		return Payment{}, err
	}
	var before int64
	err = pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		// The booking's payments first, as Begin locks them: the payment
		// must still be the one waiting when the card is held.
		p, _, err = s.lockBookingPayments(ctx, tx, p.ID)
		if err != nil {
			return err
		}
		if p.State != RequiresPayment || p.RequiresAction {
			return ErrNotPayable
		}
		if before, err = s.giftCardsHeld(ctx, tx, p.BookingID); err != nil {
			return err
		}
		_, err = s.holdGiftCard(ctx, tx, code, p.BookingID, v.ChainID, p.Currency, p.Amount)
		return err
	})
	if err != nil {
		return Payment{}, fmt.Errorf("apply a gift card to payment %d: %w", paymentID, err)
	}
	return s.begin(ctx, PaymentRequest{BookingID: p.BookingID, Code: p.BookingCode, UserID: p.UserID,
		Amount: p.Amount + before, Currency: p.Currency, Description: p.Description, ReturnPath: p.ReturnPath,
		HoldExpiresAt: p.HoldExpiresAt, Method: p.Provider})
}

// GiftCardsApplied is what gift cards pay towards a booking (minor units).
func (s *Service) GiftCardsApplied(ctx context.Context, bookingID int64) (int64, error) {
	n, err := s.q.GiftCardHeldForBooking(ctx, s.pool, bookingID)
	if err != nil {
		return 0, fmt.Errorf("gift cards of booking %d: %w", bookingID, err)
	}
	return n, nil
}

// payGiftCard is POST /pay/:id/gift-card: the buyer applies a gift card.
// A code the card refuses comes back beside the field (422); otherwise the
// pay page of what is left to pay follows (or the booking, when paid).
// Errors: ErrNotFound, ErrHoldExpired, ErrTooManyAttempts.
func (h *Handler) payGiftCard(c echo.Context) error {
	id, err := paramID(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	code := c.FormValue("code")
	p, err := h.svc.ApplyGiftCard(ctx, h.buyer(c, id), id, code)
	if refusal := giftCardRefusal(err); refusal != nil {
		co, cerr := h.checkout(c)
		if cerr != nil {
			return cerr
		}
		props, perr := h.payProps(ctx, co, nil, Card{})
		if perr != nil {
			return perr
		}
		props.GiftCard.Code, props.GiftCard.Error = code, i18n.T(ctx, refusal.Error())
		return web.Render(c, http.StatusUnprocessableEntity, views.Pay(props))
	}
	if errors.Is(err, ErrNotPayable) {
		return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/pay/%d", id))
	}
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, p.Path())
}

// apiGiftCard is POST /api/v1/payments/:id/gift-card {"code": "..."}: the
// app applies a gift card and gets the payment for the rest (succeeded
// when the card paid for it all). Errors: as ApplyGiftCard.
func (h *Handler) apiGiftCard(c echo.Context) error {
	return h.apiReplace(c, "code", `{"code":"ABCD-EFGH-JKMN-PQRS"}`, h.svc.ApplyGiftCard)
}

// giftCardRefusal is the gift card sentinel in err, if any.
func giftCardRefusal(err error) error {
	for _, e := range giftCardErrors {
		if errors.Is(err, e) {
			return e
		}
	}
	return nil
}

// giftCardForm is the pay page's gift card field and what cards already
// pay (none while the payment is not waiting for the buyer).
func (h *Handler) giftCardForm(ctx context.Context, co Checkout) (views.PayGiftCardProps, error) {
	p := co.Payment
	if p.State != RequiresPayment || p.RequiresAction || co.HoldOver {
		return views.PayGiftCardProps{}, nil
	}
	applied, err := h.svc.GiftCardsApplied(ctx, p.BookingID)
	if err != nil {
		return views.PayGiftCardProps{}, err
	}
	g := views.PayGiftCardProps{Action: fmt.Sprintf("/pay/%d/gift-card", p.ID)}
	if applied > 0 {
		g.Applied = i18n.Money(ctx, applied, p.Currency)
	}
	return g, nil
}
