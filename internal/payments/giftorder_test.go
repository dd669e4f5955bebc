package payments_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/app/apptest"
	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/payments"
	"github.com/marqueehq/marquee/internal/platform/web/webtest"
)

// giftShop is the app with a theater in London, so its chain sells gift
// cards in pounds there; it answers the shop's form value.
func giftShop(t *testing.T) (*apptest.Server, catalog.Theater) {
	t.Helper()
	srv := apptest.New(t, apptest.Options{})
	srv.Work(t)
	ctx := context.Background()
	require.NoError(t, srv.Catalog.SaveCity(ctx, catalog.City{Name: "London", TimeZone: "Europe/London", Currency: "GBP"}))
	th, err := srv.Catalog.CreateTheater(ctx, catalog.TheaterInput{Name: "Gift Talkies", CitySlug: "london",
		TimeZone: "Europe/London", TrailerMinutes: 10, CleaningMinutes: 10})
	require.NoError(t, err)
	return srv, th
}

func shopOf(th catalog.Theater) string { return strconv.FormatInt(th.ChainID, 10) + ":london" }

// payOnPage pays the pay page at path with the test card.
func payOnPage(t *testing.T, br *webtest.Browser, path string) {
	t.Helper()
	res, body := br.Post(t, path+"/card", url.Values{"number": {"4242 4242 4242 4242"}, "expiry": {"12/40"}, "cvc": {"123"},
		"name": {"Gina Buyer"}})
	require.Less(t, res.StatusCode, 400, body)
}

// paidOrder waits for order id's payment to be applied (by the app's
// jobs) and its card issued.
func paidOrder(t *testing.T, srv *apptest.Server, id string) {
	t.Helper()
	eventually(t, func() bool {
		var state string
		err := srv.Pool.QueryRow(context.Background(), "SELECT state FROM payments.gift_card_orders WHERE id = $1::bigint", id).Scan(&state)
		return err == nil && state == payments.GiftOrderPaid
	}, "the order is paid and its card issued")
}

// giftCodeSent is the code of order's card as its email to addr carries it.
func giftCodeSent(t *testing.T, srv *apptest.Server, orderID, who string) (code, email string) {
	t.Helper()
	err := srv.Pool.QueryRow(context.Background(), `SELECT data->'gift_card'->>'code', email FROM notify.messages
		WHERE dedup_key = $1`, "giftcard.bought:"+orderID+":"+who).Scan(&code, &email)
	require.NoError(t, err, "the %s's email of order %s", who, orderID)
	return code, email
}

func TestABuyerBuysAGiftCardForAFriendWhoIsEmailedItsCode(t *testing.T) {
	t.Parallel()
	srv, th := giftShop(t)
	br, _ := srv.SignedIn(t, "Gina", account.Customer)

	res, body := br.Get(t, "/gift-cards/buy")
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, "London (GBP)", "the chain in London is on sale in pounds")

	form := url.Values{"shop": {shopOf(th)}, "amount": {"30.00"}, "recipient_name": {"Ravi"},
		"recipient_email": {"ravi@example.com"}, "message": {"Happy birthday!"}}
	res, _ = br.Post(t, "/gift-cards/buy", form)
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	pay := res.Header.Get("Location")
	require.Regexp(t, `^/pay/\d+$`, pay, "the buyer pays as for a booking")
	_, body = br.Get(t, pay)
	require.Contains(t, body, "£30.00")

	payOnPage(t, br, pay)
	var orderID string
	require.NoError(t, srv.Pool.QueryRow(context.Background(),
		"SELECT id::text FROM payments.gift_card_orders ORDER BY id DESC LIMIT 1").Scan(&orderID))
	paidOrder(t, srv, orderID)

	res, body = br.Get(t, "/gift-cards/orders/"+orderID)
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, "We emailed the code to Ravi")
	code, to := giftCodeSent(t, srv, orderID, "recipient")
	require.Equal(t, "ravi@example.com", to)
	require.NotContains(t, body, code, "the page never shows the whole code")
	require.Contains(t, body, "Card ending "+code[len(code)-4:])
	copyCode, _ := giftCodeSent(t, srv, orderID, "buyer")
	require.Equal(t, code, copyCode, "the buyer gets a copy")

	st, err := srv.Payments.GiftCardBalance(context.Background(), code)
	require.NoError(t, err)
	require.Equal(t, int64(30_00), st.Balance)
	require.Equal(t, "GBP", st.Currency)
	require.Equal(t, th.ChainID, st.ChainID, "the card is spent at the chain it was bought for")

	other, _ := srv.SignedIn(t, "Olga", account.Customer)
	res, _ = other.Get(t, "/gift-cards/orders/"+orderID)
	require.Equal(t, http.StatusNotFound, res.StatusCode, "someone else's order is not there")
}

func TestTheGiftCardFormSaysWhatToPutRight(t *testing.T) {
	t.Parallel()
	srv, th := giftShop(t)
	visitor := srv.Browser(t)
	res, _ := visitor.Post(t, "/gift-cards/buy", url.Values{"shop": {shopOf(th)}, "amount": {"30"}})
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	require.Equal(t, "/login?next=/gift-cards/buy", res.Header.Get("Location"), "a visitor signs in first")

	br, _ := srv.SignedIn(t, "Gina", account.Customer)
	for _, c := range []struct {
		form url.Values
		says string
	}{
		{url.Values{"shop": {shopOf(th)}, "amount": {"lots"}}, "from 1 to 1000"},
		{url.Values{"shop": {shopOf(th)}, "amount": {"5000"}}, "from 1 to 1000"},
		{url.Values{"shop": {"999:london"}, "amount": {"20"}}, "Choose where the card will be used"},
		{url.Values{"shop": {shopOf(th)}, "amount": {"20"}, "recipient_email": {"not an address"}}, "like name@example.com"},
		{url.Values{"shop": {shopOf(th)}, "amount": {"20"}, "message": {strings.Repeat("x", 501)}}, "at most 500 characters"},
	} {
		res, body := br.Post(t, "/gift-cards/buy", c.form)
		require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode, c.form)
		require.Contains(t, body, c.says, c.form)
		require.Contains(t, body, `aria-invalid="true"`)
	}
	var n int
	require.NoError(t, srv.Pool.QueryRow(context.Background(), "SELECT count(*) FROM payments.gift_card_orders").Scan(&n))
	require.Zero(t, n, "no order is recorded from a refused form")
}

func TestTheAppBuysAGiftCardAndAGiftCardCannotPayForIt(t *testing.T) {
	t.Parallel()
	srv, th := giftShop(t)
	app, _ := srv.APIUser(t, "Gina", account.Customer)

	r := app.Do(t, http.MethodPost, "/api/v1/gift-cards/orders", map[string]any{"chain_id": th.ChainID, "city": "london",
		"amount": 2500})
	require.Equal(t, http.StatusCreated, r.Status, string(r.Body))
	var o payments.AppGiftOrder
	r.JSON(t, &o)
	require.Equal(t, payments.GiftOrderPending, o.State)
	require.NotNil(t, o.Payment)
	require.NotNil(t, o.Payment.Test, "paid like a booking, here with the test card")

	old, err := srv.Payments.IssueGiftCard(context.Background(), payments.IssueRequest{Currency: "GBP", Amount: 50_00,
		IssuedBy: "staff@example.com"})
	require.NoError(t, err)
	r = app.Do(t, http.MethodPost, "/api/v1/payments/"+strconv.FormatInt(o.PaymentID, 10)+"/gift-card", map[string]any{"code": old.Code})
	require.Equal(t, http.StatusUnprocessableEntity, r.Status, string(r.Body))
	require.Contains(t, string(r.Body), "cannot pay for another gift card")

	r = app.Do(t, http.MethodPost, o.Payment.Test.PayURL, testCard("4242424242424242"))
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	paidOrder(t, srv, strconv.FormatInt(o.ID, 10))
	r = app.Do(t, http.MethodGet, "/api/v1/gift-cards/orders/"+strconv.FormatInt(o.ID, 10), nil)
	require.Equal(t, http.StatusOK, r.Status)
	r.JSON(t, &o)
	require.Equal(t, payments.GiftOrderPaid, o.State)
	code, to := giftCodeSent(t, srv, strconv.FormatInt(o.ID, 10), "buyer")
	require.Empty(t, to, "a card for the buyer goes to their own address")
	require.Equal(t, code[len(code)-4:], o.Last4)
	require.Regexp(t, regexp.MustCompile(`^\d{4}-`), o.ExpiresAt)

	other, _ := srv.APIUser(t, "Olga", account.Customer)
	r = other.Do(t, http.MethodGet, "/api/v1/gift-cards/orders/"+strconv.FormatInt(o.ID, 10), nil)
	require.Equal(t, http.StatusNotFound, r.Status)
}

func TestARefundedGiftCardStopsWorking(t *testing.T) {
	t.Parallel()
	srv, th := giftShop(t)
	app, _ := srv.APIUser(t, "Gina", account.Customer)
	r := app.Do(t, http.MethodPost, "/api/v1/gift-cards/orders", map[string]any{"chain_id": th.ChainID, "city": "london",
		"amount": 40_00})
	require.Equal(t, http.StatusCreated, r.Status, string(r.Body))
	var o payments.AppGiftOrder
	r.JSON(t, &o)
	r = app.Do(t, http.MethodPost, o.Payment.Test.PayURL, testCard("4242424242424242"))
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	id := strconv.FormatInt(o.ID, 10)
	paidOrder(t, srv, id)
	code, _ := giftCodeSent(t, srv, id, "buyer")

	ctx := context.Background()
	_, err := srv.Payments.AdminRefund(ctx, o.PaymentID, 40_00, "changed their mind", "nonce-1", "admin@example.com")
	require.NoError(t, err)
	eventually(t, func() bool {
		var state string
		err := srv.Pool.QueryRow(ctx, "SELECT state FROM payments.gift_card_orders WHERE id = $1", o.ID).Scan(&state)
		return err == nil && state == payments.GiftOrderRefunded
	}, "the order is refunded")
	_, err = srv.Payments.GiftCardBalance(ctx, code)
	require.ErrorIs(t, err, payments.ErrGiftCardUnknown, "a refunded card is void")
}

func TestAnOrderLeftUnpaidPastItsPayPageSaysSoAndOffersAnother(t *testing.T) {
	t.Parallel()
	srv, th := giftShop(t)
	br, _ := srv.SignedIn(t, "Gina", account.Customer)
	res, _ := br.Post(t, "/gift-cards/buy", url.Values{"shop": {shopOf(th)}, "amount": {"15"}})
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	var id string
	require.NoError(t, srv.Pool.QueryRow(context.Background(), "SELECT id::text FROM payments.gift_card_orders").Scan(&id))

	_, body := br.Get(t, "/gift-cards/orders/"+id)
	require.Contains(t, body, "Waiting for your payment.")
	require.Contains(t, body, `href="`+res.Header.Get("Location")+`"`, "the way back to its pay page")

	_, err := srv.Pool.Exec(context.Background(), "UPDATE payments.payments SET hold_expires_at = now() - interval '1 minute'")
	require.NoError(t, err)
	_, body = br.Get(t, "/gift-cards/orders/"+id)
	require.Contains(t, body, "The payment did not go through, so no card was made.")
	require.Contains(t, body, `href="/gift-cards/buy"`)
}
