package payments

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/money"
	"github.com/marqueehq/marquee/internal/platform/validate"
	"github.com/marqueehq/marquee/internal/platform/web"
	views "github.com/marqueehq/marquee/web/templates/payments"
)

// giftOrderRoutes registers buying a gift card: GET/POST /gift-cards/buy
// (anyone sees the form; paying needs an account), GET
// /gift-cards/orders/:id (the buyer's), and the app's POST
// /api/v1/gift-cards/orders and GET /api/v1/gift-cards/orders/:id.
func (h *Handler) giftOrderRoutes(e *echo.Echo) {
	e.GET("/gift-cards/buy", h.giftBuyPage)
	e.POST("/gift-cards/buy", h.giftBuy)
	e.GET("/gift-cards/orders/:id", h.giftOrderPage, h.auth.User)
	e.POST("/api/v1/gift-cards/orders", h.apiGiftOrder, h.auth.API)
	e.GET("/api/v1/gift-cards/orders/:id", h.apiGiftOrderGet, h.auth.API)
}

// shopValue is a shop's form value, "chainID:citySlug".
func shopValue(s GiftCardShop) string { return strconv.FormatInt(s.ChainID, 10) + ":" + s.CitySlug }

// parseShop reads a shop's form value (zeros for anything else).
func parseShop(v string) (int64, string) {
	chain, city, _ := strings.Cut(v, ":")
	id, err := strconv.ParseInt(chain, 10, 64)
	if err != nil || id <= 0 {
		return 0, ""
	}
	return id, city
}

// renderGiftBuy is the form with values typed and errors by field.
func (h *Handler) renderGiftBuy(c echo.Context, status int, v views.GiftCardBuyValues, errs validate.Errors) error {
	shops, err := h.svc.GiftCardShops(c.Request().Context())
	if err != nil {
		return err
	}
	opts := make([]views.GiftCardShopOption, len(shops))
	for i, s := range shops {
		opts[i] = views.GiftCardShopOption{Value: shopValue(s), Label: s.ChainName + " · " + s.CityName + " (" + s.Currency + ")"}
	}
	return web.Render(c, status, views.GiftCardBuy(views.GiftCardBuyProps{Shops: opts, Values: v, Errors: errs,
		SignedIn: web.UserID(c) != 0}))
}

// giftBuyPage is GET /gift-cards/buy.
func (h *Handler) giftBuyPage(c echo.Context) error {
	return h.renderGiftBuy(c, http.StatusOK, views.GiftCardBuyValues{}, nil)
}

// giftBuy is POST /gift-cards/buy: records the order and sends the buyer
// to pay for it; the form again (422) with what to put right; a visitor
// to sign in first (the form's own page afterwards).
func (h *Handler) giftBuy(c echo.Context) error {
	user := web.UserID(c)
	if user == 0 {
		return web.Redirect(c, web.SignInURL("/gift-cards/buy"))
	}
	v := views.GiftCardBuyValues{Shop: c.FormValue("shop"), Amount: strings.TrimSpace(c.FormValue("amount")),
		RecipientName: c.FormValue("recipient_name"), RecipientEmail: c.FormValue("recipient_email"), Message: c.FormValue("message")}
	ctx := c.Request().Context()
	o, p, err := h.svc.OrderGiftCard(ctx, giftOrderRequest(ctx, user, v))
	if fe, ok := validate.Fields(err); ok {
		return h.renderGiftBuy(c, http.StatusUnprocessableEntity, v, fe)
	}
	if err != nil {
		if o.ID != 0 && (errors.Is(err, ErrProvider) || errors.Is(err, ErrTooManyAttempts)) {
			return web.Redirect(c, o.Path())
		}
		return err
	}
	return web.Redirect(c, p.Path())
}

// giftOrderRequest is the form's order by user, in ctx's language.
func giftOrderRequest(ctx context.Context, user int64, v views.GiftCardBuyValues) GiftOrderRequest {
	chain, city := parseShop(v.Shop)
	amount, ok := money.Parse(v.Amount)
	if !ok {
		amount = -1 // refused by the amount's check
	}
	return GiftOrderRequest{UserID: user, ChainID: chain, CitySlug: city, Amount: amount, RecipientName: v.RecipientName,
		RecipientEmail: v.RecipientEmail, Message: v.Message, Lang: i18n.Lang(ctx)}
}

// giftOrderPage is GET /gift-cards/orders/:id, the buyer's only (404 for
// anyone else's).
func (h *Handler) giftOrderPage(c echo.Context) error {
	id, err := paramID(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	o, err := h.svc.GiftOrderFor(ctx, web.UserID(c), id)
	if err != nil {
		return err
	}
	p := views.GiftOrderProps{Code: o.Code(), Amount: i18n.Money(ctx, o.Amount, o.Currency), State: o.State,
		Where: h.shopName(ctx, o), For: o.RecipientName}
	if p.For == "" {
		p.For = o.RecipientEmail
	}
	if o.State == GiftOrderPending {
		pay, err := h.svc.GiftOrderPayment(ctx, o.ID)
		switch {
		case errors.Is(err, ErrNotFound): // the provider never took it
			p.State = GiftOrderFailed
		case err != nil:
			return err
		case !pay.State.Final() && !h.svc.opts.Now().Before(pay.HoldExpiresAt):
			p.State = GiftOrderFailed // its pay page has closed unpaid
		default:
			p.PayPath = pay.Path()
		}
	}
	if o.CardID != 0 {
		card, _, err := h.svc.GiftCardDetail(ctx, o.CardID)
		if err != nil {
			return err
		}
		p.Last4, p.ExpiresOn = card.Last4, i18n.Date(ctx, card.ExpiresAt)
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return web.Render(c, http.StatusOK, views.GiftOrder(p))
}

// shopName is where an order's card is spent, for its buyer.
func (h *Handler) shopName(ctx context.Context, o GiftOrder) string {
	shops, err := h.svc.GiftCardShops(ctx)
	if err == nil {
		for _, s := range shops {
			if s.ChainID == o.ChainID && s.CitySlug == o.CitySlug {
				return s.ChainName + " · " + s.CityName
			}
		}
	}
	return i18n.T(ctx, "Valid at the cinemas of the chain it was bought from.")
}
