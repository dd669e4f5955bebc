package payments

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/ratelimit"
	"github.com/marqueehq/marquee/internal/platform/web"
	views "github.com/marqueehq/marquee/web/templates/payments"
)

// GiftCardBalanceRoutes are the balance checks the gateway rate limits
// with GiftCardBalanceLimits.
func GiftCardBalanceRoutes() []string {
	return []string{"POST /gift-cards/balance", "POST /api/v1/gift-cards/balance"}
}

// GiftCardBalanceLimits are the budgets a balance check spends from: its
// address's (perIP), and the code's (perCode, shared by every code that
// differs only in its last 4 characters, see giftCardCodePrefix), so
// neither one address nor many can guess their way to a card.
func GiftCardBalanceLimits(perIP, perCode *ratelimit.Counter) []ratelimit.Limit {
	wait := func(r ratelimit.Result) string {
		return "Too many gift card checks. Wait " + ratelimit.Wait(r.RetryAfter) + ", then try again."
	}
	return []ratelimit.Limit{
		{Counter: perIP, By: ratelimit.ByIP, Code: "gift_card_rate_ip", Message: wait},
		{Counter: perCode, Key: giftCardLimitKey, Code: "gift_card_rate_code", Message: wait},
	}
}

// giftCardLimitKey is whose budget a balance check spends by its code: a
// hash of the code's prefix ("" for no readable code, which finds no card
// and spends its address's budget only). It reads the form, or the API's
// JSON body, which it puts back for the handler.
func giftCardLimitKey(c echo.Context) string {
	code := c.FormValue("code")
	if strings.HasPrefix(c.Request().Header.Get(echo.HeaderContentType), echo.MIMEApplicationJSON) {
		req := c.Request()
		body, err := io.ReadAll(io.LimitReader(req.Body, 4<<10))
		req.Body = io.NopCloser(io.MultiReader(bytes.NewReader(body), req.Body))
		var in apiGiftCardBalanceRequest
		if err != nil || json.Unmarshal(body, &in) != nil {
			return ""
		}
		code = in.Code
	}
	prefix := giftCardCodePrefix(code)
	if prefix == "" {
		return ""
	}
	sum := sha256.Sum256([]byte(prefix))
	return "gift_card:" + hex.EncodeToString(sum[:12])
}

// giftCardBalancePage is GET /gift-cards/balance: the form.
func (h *Handler) giftCardBalancePage(c echo.Context) error {
	return web.Render(c, http.StatusOK, views.GiftCardBalance(views.GiftCardBalanceProps{}))
}

// giftCardBalanceCheck is POST /gift-cards/balance: the balance of the
// code typed, or the form again (422) with why there is none.
func (h *Handler) giftCardBalanceCheck(c echo.Context) error {
	ctx := c.Request().Context()
	code := strings.TrimSpace(c.FormValue("code"))
	p := views.GiftCardBalanceProps{Code: code}
	st, err := h.svc.GiftCardBalance(ctx, code)
	// The code stays off caches and out of the browser's history.
	c.Response().Header().Set("Cache-Control", "no-store")
	if errors.Is(err, ErrGiftCardUnknown) {
		p.Error = ErrGiftCardUnknown.Error()
		return web.Render(c, http.StatusUnprocessableEntity, views.GiftCardBalance(p))
	}
	if err != nil {
		return err
	}
	p.Code = ""
	p.Result = &views.GiftCardBalanceView{Last4: st.Last4, Balance: i18n.Money(ctx, st.Balance, st.Currency),
		Expires: i18n.Date(ctx, st.ExpiresAt), Expired: st.Status == GiftCardExpired, Where: giftCardWhereLong(ctx, st.ChainID)}
	return web.Render(c, http.StatusOK, views.GiftCardBalance(p))
}

// giftCardWhereLong says where a card may be spent, for its holder.
func giftCardWhereLong(ctx context.Context, chainID int64) string {
	if chainID == 0 {
		return i18n.T(ctx, "Valid at every Marquee cinema.")
	}
	return i18n.T(ctx, "Valid at the cinemas of the chain it was bought from.")
}

// apiGiftCardBalanceRequest is POST /api/v1/gift-cards/balance's body.
type apiGiftCardBalanceRequest struct {
	Code string `json:"code"`
}

// apiGiftCardBalance is what the API answers about a card.
type apiGiftCardBalance struct {
	Last4     string    `json:"last4"`
	Balance   int64     `json:"balance"`
	Currency  string    `json:"currency"`
	ExpiresAt time.Time `json:"expires_at"`
	Expired   bool      `json:"expired"`
	// ChainID is the chain the card may be spent at; null: every cinema.
	ChainID *int64 `json:"chain_id"`
}

// apiGiftCardBalance is POST /api/v1/gift-cards/balance {code}: the card's
// balance (minor units) and expiry. Errors: ErrGiftCardUnknown (404
// unknown_gift_card), 400 for a body that is not JSON.
func (h *Handler) apiGiftCardBalance(c echo.Context) error {
	var in apiGiftCardBalanceRequest
	if err := json.NewDecoder(io.LimitReader(c.Request().Body, 4<<10)).Decode(&in); err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, i18n.Msg("Send a JSON body with the gift card's code."))
	}
	st, err := h.svc.GiftCardBalance(c.Request().Context(), in.Code)
	if err != nil {
		return err
	}
	out := apiGiftCardBalance{Last4: st.Last4, Balance: st.Balance, Currency: st.Currency, ExpiresAt: st.ExpiresAt.UTC(),
		Expired: st.Status == GiftCardExpired}
	if st.ChainID != 0 {
		out.ChainID = &st.ChainID
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusOK, out)
}
