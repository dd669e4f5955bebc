package payments

import (
	"context"
	"encoding/json"
	"io"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/web"
)

// apiGiftOrderRequest is POST /api/v1/gift-cards/orders' body; amount is
// in minor units of the shop's currency.
type apiGiftOrderRequest struct {
	ChainID        int64  `json:"chain_id"`
	City           string `json:"city"`
	Amount         int64  `json:"amount"`
	RecipientName  string `json:"recipient_name"`
	RecipientEmail string `json:"recipient_email"`
	Message        string `json:"message"`
}

// AppGiftOrder is a gift card order as the app sees it: the card's last
// four characters and expiry once paid (the code itself is emailed).
type AppGiftOrder struct {
	ID        int64       `json:"order_id"`
	Code      string      `json:"code"`
	State     string      `json:"state"`
	ChainID   int64       `json:"chain_id"`
	City      string      `json:"city"`
	Amount    int64       `json:"amount"`
	Currency  string      `json:"currency"`
	Recipient string      `json:"recipient_email"`
	Last4     string      `json:"card_last4,omitempty"`
	ExpiresAt string      `json:"card_expires_at,omitempty"`
	PaymentID int64       `json:"payment_id"`
	Payment   *AppPayment `json:"payment,omitempty"`
	CreatedAt string      `json:"created_at"`
}

// apiGiftOrder is POST /api/v1/gift-cards/orders: records the caller's
// order and answers it (201) with the payment to pay, which the app pays
// like a booking's (/api/v1/payments/:id). Errors: 400 for a body that is
// not JSON, 422 with the fields to put right.
func (h *Handler) apiGiftOrder(c echo.Context) error {
	var in apiGiftOrderRequest
	if err := json.NewDecoder(io.LimitReader(c.Request().Body, 8<<10)).Decode(&in); err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, i18n.Msg("Send a JSON body with the gift card's order."))
	}
	ctx := c.Request().Context()
	o, _, err := h.svc.OrderGiftCard(ctx, GiftOrderRequest{UserID: web.UserID(c), ChainID: in.ChainID, CitySlug: in.City,
		Amount: in.Amount, RecipientName: in.RecipientName, RecipientEmail: in.RecipientEmail, Message: in.Message,
		Lang: i18n.Lang(ctx)})
	if err != nil {
		return err
	}
	out, err := h.appGiftOrder(ctx, web.UserID(c), o)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusCreated, out)
}

// apiGiftOrderGet is GET /api/v1/gift-cards/orders/:id, the caller's own
// (404 otherwise).
func (h *Handler) apiGiftOrderGet(c echo.Context) error {
	id, err := paramID(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	o, err := h.svc.GiftOrderFor(ctx, web.UserID(c), id)
	if err != nil {
		return err
	}
	out, err := h.appGiftOrder(ctx, web.UserID(c), o)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusOK, out)
}

// appGiftOrder is o as the app sees it, with its latest payment.
func (h *Handler) appGiftOrder(ctx context.Context, user int64, o GiftOrder) (AppGiftOrder, error) {
	out := AppGiftOrder{ID: o.ID, Code: o.Code(), State: o.State, ChainID: o.ChainID, City: o.CitySlug, Amount: o.Amount,
		Currency: o.Currency, Recipient: o.RecipientEmail, CreatedAt: apiTime(o.CreatedAt)}
	if p, err := h.svc.GiftOrderPayment(ctx, o.ID); err == nil {
		out.PaymentID = p.ID
		if ap, err := h.svc.AppPayment(ctx, user, p.ID); err == nil {
			out.Payment = &ap
		}
	}
	if o.CardID != 0 {
		card, _, err := h.svc.GiftCardDetail(ctx, o.CardID)
		if err != nil {
			return AppGiftOrder{}, err
		}
		out.Last4, out.ExpiresAt = card.Last4, apiTime(card.ExpiresAt)
	}
	return out, nil
}
