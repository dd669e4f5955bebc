package payments

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/authz"
	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/money"
	"github.com/marqueehq/marquee/internal/platform/validate"
	"github.com/marqueehq/marquee/internal/platform/web"
	"github.com/marqueehq/marquee/internal/platform/webctx"
	views "github.com/marqueehq/marquee/web/templates/payments"
)

// giftCardStates name card states for staff; views translate them.
var giftCardStates = map[GiftCardState]string{
	GiftCardActive: i18n.Msg("active"), GiftCardExpired: i18n.Msg("expired"), GiftCardVoid: i18n.Msg("void"),
}

// giftCardWhere says where a card may be spent, in ctx's language.
func giftCardWhere(ctx context.Context, chainID int64) string {
	if chainID == 0 {
		return i18n.T(ctx, "Every cinema")
	}
	return i18n.T(ctx, "Chain #{{.ID}}", "ID", strconv.FormatInt(chainID, 10))
}

func giftCardRow(ctx context.Context, g GiftCard) views.GiftCardRow {
	tone := map[GiftCardState]string{GiftCardActive: "ok", GiftCardExpired: "warn", GiftCardVoid: "danger"}[g.State]
	return views.GiftCardRow{Href: fmt.Sprintf("/admin/gift-cards/%d", g.ID), Last4: g.Last4, Where: giftCardWhere(ctx, g.ChainID),
		Balance: i18n.Money(ctx, g.Balance, g.Currency), Initial: i18n.Money(ctx, g.Initial, g.Currency),
		Expires: i18n.Date(ctx, g.ExpiresAt), State: giftCardStates[g.State], Tone: tone}
}

// giftCardList is GET /admin/gift-cards[?last4=]: the cards of the chains
// the staff member sells for, newest first, and the issue form.
func (h *Handler) giftCardList(c echo.Context) error {
	return h.renderGiftCards(c, http.StatusOK, giftCardFormValues{}, nil)
}

// giftCardFormValues are the issue form's fields as typed.
type giftCardFormValues map[string]string

func (h *Handler) renderGiftCards(c echo.Context, status int, values giftCardFormValues, errs validate.Errors) error {
	ctx := c.Request().Context()
	sc := web.Scope(c)
	p := views.GiftCardsProps{Last4: strings.ToUpper(strings.TrimSpace(c.QueryParam("last4")))}
	last4 := p.Last4
	if last4 != "" {
		norm, ok := normaliseGiftCardCode(strings.Repeat("0", giftCardCodeLen-4) + last4)
		if ok {
			last4 = norm[giftCardCodeLen-4:]
		} else {
			p.Last4Error, last4 = i18n.Msg("Enter the last 4 letters or numbers of the code."), ""
		}
	}
	page, offset := pageOffset(c)
	cards, err := h.svc.GiftCards(ctx, giftCardChainsOf(sc, authz.Sell), last4, adminPageSize, offset)
	if err != nil {
		return err
	}
	for _, g := range cards {
		p.Rows = append(p.Rows, giftCardRow(ctx, g))
	}
	q := url.Values{}
	if p.Last4 != "" {
		q.Set("last4", p.Last4)
	}
	p.PrevHref, p.NextHref = pageLinks(q, "/admin/gift-cards", page, len(cards) == adminPageSize)
	p.Form = views.GiftCardForm{AnyChain: sc.Platform, Values: values, Errors: errs}
	for _, id := range giftCardChainsOf(sc, authz.Sell).ChainIDs {
		p.Form.Chains = append(p.Form.Chains, views.GiftCardChoice{Value: strconv.FormatInt(id, 10), Label: giftCardWhere(ctx, id)})
	}
	for _, cur := range GiftCardCurrencies() {
		months, _ := giftCardMinValidity(cur)
		p.Form.Currencies = append(p.Form.Currencies, views.GiftCardChoice{Value: cur,
			Label: i18n.T(ctx, "{{.Currency}} (at least {{.Months}} months)", "Currency", cur, "Months", strconv.Itoa(months))})
	}
	return web.Render(c, status, views.GiftCards(p))
}

// giftCardIssue is POST /admin/gift-cards: issues a card and shows its
// code, once. Staff issue for the chains they sell for; a card valid at
// every cinema is Marquee's staff's to issue. Errors: 422 with the form
// when a field is wrong.
func (h *Handler) giftCardIssue(c echo.Context) error {
	ctx := c.Request().Context()
	values := giftCardFormValues{}
	for _, k := range []string{"chain", "currency", "amount", "valid_months", "recipient_name", "recipient_email", "message"} {
		values[k] = c.FormValue(k)
	}
	var errs validate.Errors
	r := IssueRequest{Currency: values["currency"], RecipientName: values["recipient_name"],
		RecipientEmail: values["recipient_email"], Message: values["message"]}
	if u := web.CurrentUser(c); u != nil {
		r.IssuedBy = u.Email
	}
	if s := strings.TrimSpace(values["chain"]); s != "" {
		id, err := strconv.ParseInt(s, 10, 64)
		errs.Check(err == nil && id > 0, "chain", i18n.Msg("Enter a chain's number, or leave it empty."))
		r.ChainID = id
	}
	if errs["chain"] == "" && !giftCardAllowed(web.Scope(c), authz.Sell, r.ChainID) {
		errs.Add("chain", i18n.Msg("You can issue cards only for the chains you work for."))
	}
	amount, ok := money.Parse(values["amount"])
	errs.Check(ok, "amount", i18n.Msg("Enter an amount from 1 to 1000, like 25.00."))
	r.Amount = amount
	if s := strings.TrimSpace(values["valid_months"]); s != "" {
		n, err := strconv.Atoi(s)
		errs.Check(err == nil && n > 0, "valid_months", i18n.Msg("Enter a whole number of months, or leave it empty."))
		r.ValidMonths = n
	}
	if errs.Err() != nil {
		return h.renderGiftCards(c, http.StatusUnprocessableEntity, values, errs)
	}
	card, err := h.svc.IssueGiftCard(ctx, r)
	if fields, ok := validate.Fields(err); ok {
		return h.renderGiftCards(c, http.StatusUnprocessableEntity, values, fields)
	}
	if err != nil {
		return err
	}
	p := views.IssuedGiftCardProps{Code: card.Code, Amount: i18n.Money(ctx, card.Initial, card.Currency),
		Expires: i18n.Date(ctx, card.ExpiresAt), Where: giftCardWhere(ctx, card.ChainID), Recipient: card.RecipientName,
		Href: fmt.Sprintf("/admin/gift-cards/%d", card.ID)}
	if card.RecipientEmail != "" {
		p.Recipient = strings.TrimSpace(card.RecipientName + " <" + card.RecipientEmail + ">")
	}
	// The code is on this page only: no cache may keep it.
	c.Response().Header().Set("Cache-Control", "no-store")
	return web.Render(c, http.StatusCreated, views.IssuedGiftCard(p))
}

// giftCardDetail is GET /admin/gift-cards/:id: the card and its ledger.
// Errors: ErrGiftCardUnknown (404), also for another chain's card.
func (h *Handler) giftCardDetail(c echo.Context) error {
	return h.renderGiftCard(c, http.StatusOK, "")
}

func (h *Handler) renderGiftCard(c echo.Context, status int, voidError string) error {
	card, ledger, err := h.scopedGiftCard(c, authz.Sell)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	p := views.GiftCardProps{Card: giftCardRow(ctx, card), IssuedBy: card.IssuedBy, Issued: adminTime(ctx, card.CreatedAt),
		Recipient: card.RecipientName, Message: card.Message, VoidAction: fmt.Sprintf("/admin/gift-cards/%d/void", card.ID),
		VoidError: voidError, CanVoid: card.State != GiftCardVoid && giftCardAllowed(web.Scope(c), authz.Manage, card.ChainID)}
	if card.RecipientEmail != "" {
		p.Recipient = strings.TrimSpace(card.RecipientName + " <" + card.RecipientEmail + ">")
	}
	kinds := map[string]string{"issue": i18n.Msg("Issued"), "hold": i18n.Msg("Held for a booking"),
		"capture": i18n.Msg("Paid for a booking"), "release": i18n.Msg("Released"), "refund": i18n.Msg("Refunded"),
		"void": i18n.Msg("Voided"), "expire": i18n.Msg("Expired")}
	for _, l := range ledger {
		row := views.GiftCardLedgerRow{At: adminTime(ctx, l.At), Kind: kinds[l.Kind], Amount: i18n.Money(ctx, l.Amount, card.Currency),
			After: i18n.Money(ctx, l.BalanceAfter, card.Currency), Actor: l.Actor, Note: l.Note}
		if l.Amount > 0 {
			row.Amount = "+" + row.Amount
		}
		if l.BookingID != 0 {
			row.Booking = "#" + strconv.FormatInt(l.BookingID, 10)
		}
		p.Ledger = append(p.Ledger, row)
	}
	return web.Render(c, status, views.GiftCard(p))
}

// scopedGiftCard loads the :id card when staff may do a with it. Errors:
// ErrGiftCardUnknown, for another chain's card too.
func (h *Handler) scopedGiftCard(c echo.Context, a authz.Action) (GiftCard, []GiftCardEntry, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return GiftCard{}, nil, fmt.Errorf("gift card %q: %w", c.Param("id"), ErrGiftCardUnknown)
	}
	card, ledger, err := h.svc.GiftCardDetail(c.Request().Context(), id)
	if err != nil {
		return GiftCard{}, nil, err
	}
	if !giftCardAllowed(web.Scope(c), a, card.ChainID) {
		return GiftCard{}, nil, fmt.Errorf("gift card %d of chain %d: %w", id, card.ChainID, ErrGiftCardUnknown)
	}
	return card, ledger, nil
}

// giftCardVoid is POST /admin/gift-cards/:id/void (managers of the card's
// chain, Marquee's staff): voids the card once the box "Yes, void this
// card" is ticked. Errors: ErrGiftCardUnknown (404); the page again, 422,
// when unticked or while the card pays for a booking.
func (h *Handler) giftCardVoid(c echo.Context) error {
	card, _, err := h.scopedGiftCard(c, authz.Manage)
	if err != nil {
		return err
	}
	if c.FormValue("confirm") != "yes" {
		return h.renderGiftCard(c, http.StatusUnprocessableEntity, i18n.Msg("Tick the box to confirm."))
	}
	by := "staff"
	if u := web.CurrentUser(c); u != nil {
		by = u.Email
	}
	reason := []rune(strings.TrimSpace(c.FormValue("reason")))
	reason = reason[:min(len(reason), 200)]
	err = h.svc.VoidGiftCard(c.Request().Context(), card.ID, by, string(reason))
	if errors.Is(err, ErrGiftCardInUse) {
		return h.renderGiftCard(c, http.StatusUnprocessableEntity, ErrGiftCardInUse.Error())
	}
	if err != nil {
		return err
	}
	h.auth.Flash(c, webctx.FlashSuccess, i18n.T(c.Request().Context(), "Gift card ···· {{.Last4}} is void.", "Last4", card.Last4))
	return web.Redirect(c, fmt.Sprintf("/admin/gift-cards/%d", card.ID))
}
