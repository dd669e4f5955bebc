package booking

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/money"
	"github.com/marqueehq/marquee/internal/platform/validate"
	"github.com/marqueehq/marquee/internal/platform/web"
	"github.com/marqueehq/marquee/internal/platform/webctx"
	views "github.com/marqueehq/marquee/web/templates/booking"
)

// giftCardTill is the signed-in clerk's open till and its theater, where
// they must still be allowed to sell. Errors: ErrNoOpenTill, ErrNotFound
// (no gift cards wired, or the clerk may no longer sell at the till's
// theater).
func (h *Handler) giftCardTill(c echo.Context) (Till, tillTheater, error) {
	if h.opts.GiftCards == nil {
		return Till{}, tillTheater{}, fmt.Errorf("gift cards at the counter: %w", ErrNotFound)
	}
	till, err := h.svc.OpenTillOf(c.Request().Context(), web.UserID(c))
	if err != nil {
		return Till{}, tillTheater{}, err
	}
	theaters, err := h.sellTheaters(c)
	if err != nil {
		return Till{}, tillTheater{}, err
	}
	for _, t := range theaters {
		if t.ID == till.TheaterID {
			return till, t, nil
		}
	}
	return Till{}, tillTheater{}, fmt.Errorf("gift cards at till %d's theater: %w", till.ID, ErrNotFound)
}

// counterGiftCardForm is GET /admin/counter/gift-cards: the form selling a
// gift card through the clerk's open till, with a new one-time token.
// Without an open till it sends the clerk to open one.
func (h *Handler) counterGiftCardForm(c echo.Context) error {
	_, at, err := h.giftCardTill(c)
	if errors.Is(err, ErrNoOpenTill) {
		return web.Redirect(c, "/admin/till")
	}
	if err != nil {
		return err
	}
	token, err := NewGiftCardFormToken()
	if err != nil {
		return err
	}
	return web.Render(c, http.StatusOK, views.CounterGiftCardPage(views.GiftCardSaleForm{Theater: at.Name,
		Currency: at.Currency, Token: token, Method: PayCash}))
}

// counterGiftCardSell is POST /admin/counter/gift-cards: sells a gift
// card of the amount typed, paid by cash or card, through the clerk's
// till, and shows its code this once with the change. A bad field
// re-renders the form (422) and sells nothing; the same form sent again
// sells nothing more and sends the clerk to the till, which lists the
// card sold the first time.
func (h *Handler) counterGiftCardSell(c echo.Context) error {
	ctx := c.Request().Context()
	till, at, err := h.giftCardTill(c)
	if errors.Is(err, ErrNoOpenTill) {
		return web.Redirect(c, "/admin/till")
	}
	if err != nil {
		return err
	}
	form := views.GiftCardSaleForm{Theater: at.Name, Currency: at.Currency, Token: strings.TrimSpace(c.FormValue("token")),
		Amount: strings.TrimSpace(c.FormValue("amount")), Method: c.FormValue("method"),
		Tendered: strings.TrimSpace(c.FormValue("tendered")), RecipientName: strings.TrimSpace(c.FormValue("recipient_name")),
		RecipientEmail: strings.TrimSpace(c.FormValue("recipient_email")), Message: strings.TrimSpace(c.FormValue("message")),
		Errors: validate.Errors{}}
	sale := GiftCardSale{ChainID: at.ChainID, Method: form.Method, RecipientName: form.RecipientName,
		RecipientEmail: form.RecipientEmail, Message: form.Message, SellerName: currentUserName(c), Token: form.Token}
	if u := web.CurrentUser(c); u != nil {
		sale.IssuedBy = u.Email
	}
	var ok bool
	sale.Amount, ok = money.Parse(form.Amount)
	form.Errors.Check(ok, "amount", i18n.T(ctx, "Enter an amount from 1 to 1000, like 25.00."))
	if form.Tendered != "" && form.Method == PayCash {
		sale.Tendered, ok = money.Parse(form.Tendered)
		form.Errors.Check(ok, "tendered", i18n.T(ctx, "Enter the cash handed over as an amount like 20.00."))
	}
	var sold GiftCardSold
	if len(form.Errors) == 0 {
		sold, err = h.svc.SellGiftCard(ctx, h.opts.GiftCards, web.UserID(c), till, sale)
		if fe, isInvalid := validate.Fields(err); isInvalid {
			for k, v := range fe {
				form.Errors[k] = i18n.T(ctx, v)
			}
			err = nil
		}
		if errors.Is(err, ErrNoOpenTill) {
			return web.Redirect(c, "/admin/till")
		}
		if err != nil {
			return err
		}
	}
	if len(form.Errors) > 0 {
		if _, bad := form.Errors["token"]; bad {
			if form.Token, err = NewGiftCardFormToken(); err != nil {
				return err
			}
		}
		return web.Render(c, http.StatusUnprocessableEntity, views.CounterGiftCardPage(form))
	}
	m := func(v int64) string { return i18n.Money(ctx, v, sold.Currency) }
	if sold.Replayed {
		h.auth.Flash(c, webctx.FlashError, i18n.T(ctx,
			"That form was sent already: gift card ···· {{.Last4}} for {{.Amount}} was sold then, and nothing more now.",
			"Last4", sold.Last4, "Amount", m(sold.Amount)))
		return web.Redirect(c, "/admin/till")
	}
	now := h.svc.opts.Now().In(at.Location())
	p := views.GiftCardSoldProps{Code: sold.Code, Last4: sold.Last4, Amount: m(sold.Amount), Method: methodLabel(ctx, sold.Method),
		Expires: i18n.LongDate(ctx, sold.ExpiresAt.In(at.Location())), Theater: at.Name, Till: strconv.FormatInt(sold.TillID, 10),
		Staff: sale.SellerName, SoldAt: i18n.Time(ctx, now) + " · " + i18n.LongDate(ctx, now), RecipientName: form.RecipientName}
	if sold.Method == PayCash {
		p.Tendered, p.Change = m(sold.Tendered), m(sold.Change)
	}
	// The code is on this page only: no browser or proxy keeps a copy.
	c.Response().Header().Set("Cache-Control", "no-store")
	return web.Render(c, http.StatusOK, views.CounterGiftCardSold(p))
}
