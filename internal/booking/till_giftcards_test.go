package booking_test

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/booking"
)

// giftCardForm opens the counter's gift card form and returns its
// one-time token.
func giftCardForm(t *testing.T, br *testBrowser) string {
	t.Helper()
	res, body := br.Get(t, "/admin/counter/gift-cards")
	require.Equal(t, http.StatusOK, res.StatusCode, body)
	m := regexp.MustCompile(`name="token" value="([0-9a-f]+)"`).FindStringSubmatch(body)
	require.NotNil(t, m, "the form carries a one-time token")
	return m[1]
}

// giftCode is the code a sale page shows.
func giftCode(t *testing.T, body string) string {
	t.Helper()
	m := regexp.MustCompile(`data-gift-code>([A-Z0-9-]+)<`).FindStringSubmatch(body)
	require.NotNil(t, m, "the sale page shows the card's code")
	return m[1]
}

// giftCardsIssued counts every gift card in the payments module.
func (b *testBundle) giftCardsIssued(t *testing.T) int {
	t.Helper()
	var n int
	require.NoError(t, b.pool.QueryRow(context.Background(), "SELECT count(*) FROM payments.gift_cards").Scan(&n))
	return n
}

// expectedCash is the cash the till page expects in the drawer.
func expectedCash(t *testing.T, br *testBrowser) string {
	t.Helper()
	res, body := br.Get(t, "/admin/till")
	require.Equal(t, http.StatusOK, res.StatusCode)
	m := regexp.MustCompile(`data-expected>([^<]*)<`).FindStringSubmatch(body)
	require.NotNil(t, m, "the till shows its expected cash")
	return m[1]
}

func TestAClerkSellsAGiftCardForCashAndTheTillExpectsItsCash(t *testing.T) {
	t.Parallel()
	tt := twoTheatersSetup(t)
	clerk := clerkWithTill(t, tt, "Clerk")
	res, body := clerk.Get(t, "/admin/till")
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, `href="/admin/counter/gift-cards"`, "the till links the gift card sale")
	_, body = clerk.Get(t, "/admin/counter")
	require.Contains(t, body, `href="/admin/counter/gift-cards"`, "so does the counter")

	token := giftCardForm(t, clerk)
	res, body = clerk.Post(t, "/admin/counter/gift-cards", url.Values{"token": {token}, "amount": {"25.00"},
		"method": {"cash"}, "tendered": {"30.00"}, "recipient_name": {"Robin"}})
	require.Equal(t, http.StatusOK, res.StatusCode, body)
	require.Contains(t, body, "Give this code to the customer")
	require.Contains(t, body, "data-print", "a Print button")
	require.Regexp(t, `data-change>[^<]*5\.00`, body, "the change from 30.00")
	require.Contains(t, res.Header.Get("Cache-Control"), "no-store")
	code := giftCode(t, body)

	card, err := tt.Payments.GiftCardBalance(context.Background(), code)
	require.NoError(t, err)
	require.Equal(t, int64(2500), card.Balance)
	require.Equal(t, tt.chainA, card.ChainID, "spendable at the till theater's chain")
	var tillCurrency string
	require.NoError(t, tt.pool.QueryRow(context.Background(),
		"SELECT currency FROM booking.till_sessions WHERE user_id = $1", clerk.id).Scan(&tillCurrency))
	require.Equal(t, tillCurrency, card.Currency)

	res, body = clerk.Get(t, "/admin/till")
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, html.UnescapeString(body), "Gift cards sold — Cash")
	require.Contains(t, body, code[len(code)-4:], "the card sold is listed by its last 4")
	require.NotContains(t, body, code, "but never by its whole code")
	require.Contains(t, expectedCash(t, clerk), "125.00", "float 100 + the card's 25 in cash")

	_, body = clerk.Get(t, "/admin/counter/gift-cards")
	require.NotContains(t, body, code, "the code is shown once")

	sum, err := tt.svc.CloseTill(context.Background(), clerk.id, 12500, "")
	require.NoError(t, err)
	require.Equal(t, int64(0), *sum.Variance, "the cash-up counts the card's cash")
	mgr := tt.staffAt(t, "Manager", "theater_manager", tt.chainA, tt.show.TheaterID)
	res, body = mgr.Get(t, "/admin/tills")
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, "125.00", "the managers' list expects the card's cash too")
}

func TestAGiftCardPaidByCardIsTakenButNotExpectedInTheDrawer(t *testing.T) {
	t.Parallel()
	tt := twoTheatersSetup(t)
	clerk := clerkWithTill(t, tt, "Clerk")
	res, body := clerk.Post(t, "/admin/counter/gift-cards", url.Values{"token": {giftCardForm(t, clerk)}, "amount": {"40"},
		"method": {"card"}, "tendered": {"50.00"}})
	require.Equal(t, http.StatusOK, res.StatusCode, body)
	require.NotContains(t, body, "data-change", "no change for a card")
	card, err := tt.Payments.GiftCardBalance(context.Background(), giftCode(t, body))
	require.NoError(t, err)
	require.Equal(t, int64(4000), card.Balance)

	_, body = clerk.Get(t, "/admin/till")
	require.Contains(t, html.UnescapeString(body), "Gift cards sold — Card")
	require.NotContains(t, html.UnescapeString(body), "Gift cards sold — Cash")
	require.Contains(t, expectedCash(t, clerk), "100.00", "the float alone: card money is not in the drawer")
}

func TestWithoutAnOpenTillTheClerkIsSentToOpenOneAndNoCardIsMade(t *testing.T) {
	t.Parallel()
	tt := twoTheatersSetup(t)
	clerk := tt.staffAt(t, "Clerk", "box_office", tt.chainA, tt.show.TheaterID)
	res, _ := clerk.Get(t, "/admin/counter/gift-cards")
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	require.Equal(t, "/admin/till", res.Header.Get("Location"))
	res, _ = clerk.Post(t, "/admin/counter/gift-cards", url.Values{"token": {"0123456789abcdef0123456789abcdef"},
		"amount": {"25.00"}, "method": {"card"}})
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	require.Equal(t, "/admin/till", res.Header.Get("Location"))
	require.Zero(t, tt.giftCardsIssued(t))
}

func TestDoorStaffAndAClerkNoLongerAtTheTillsTheaterCannotSellGiftCards(t *testing.T) {
	t.Parallel()
	tt := twoTheatersSetup(t)
	door := tt.staffAt(t, "Door", "door", tt.chainA, tt.show.TheaterID)
	res, _ := door.Get(t, "/admin/counter/gift-cards")
	require.Equal(t, http.StatusForbidden, res.StatusCode)
	res, _ = door.Post(t, "/admin/counter/gift-cards", url.Values{"token": {"0123456789abcdef0123456789abcdef"},
		"amount": {"25.00"}, "method": {"card"}})
	require.Equal(t, http.StatusForbidden, res.StatusCode)

	// A clerk of the other theater with a till left open at this one (they
	// were moved): its theater is not theirs to sell at.
	moved := tt.staffAt(t, "Moved", "box_office", tt.chainB, tt.other.TheaterID)
	_, err := tt.pool.Exec(context.Background(), `INSERT INTO booking.till_sessions (theater_id, user_id, currency, float_minor)
		SELECT theater_id, $2, currency, 0 FROM booking.till_sessions WHERE user_id = $1`, clerkWithTill(t, tt, "Clerk").id, moved.id)
	require.NoError(t, err)
	res, _ = moved.Get(t, "/admin/counter/gift-cards")
	require.Equal(t, http.StatusNotFound, res.StatusCode)
	res, _ = moved.Post(t, "/admin/counter/gift-cards", url.Values{"token": {"0123456789abcdef0123456789abcdef"},
		"amount": {"25.00"}, "method": {"card"}})
	require.Equal(t, http.StatusNotFound, res.StatusCode)
	require.Zero(t, tt.giftCardsIssued(t))
}

func TestABadGiftCardSaleIsShownAgainWithTheFieldsErrorAndSellsNothing(t *testing.T) {
	t.Parallel()
	tt := twoTheatersSetup(t)
	clerk := clerkWithTill(t, tt, "Clerk")
	token := giftCardForm(t, clerk)
	for _, tc := range []struct {
		form url.Values
		want string
	}{
		{url.Values{"amount": {"0"}, "method": {"cash"}}, "Enter an amount from 1 to 1000, like 25.00."},
		{url.Values{"amount": {"1000.01"}, "method": {"card"}}, "Enter an amount from 1 to 1000, like 25.00."},
		{url.Values{"amount": {"lots"}, "method": {"card"}}, "Enter an amount from 1 to 1000, like 25.00."},
		{url.Values{"amount": {"25.00"}, "method": {"cash"}, "tendered": {"20.00"}}, "That is less than the total due."},
		{url.Values{"amount": {"25.00"}, "method": {"voucher"}}, "Choose how the customer paid: cash or card."},
		{url.Values{"amount": {"25.00"}, "method": {"card"}, "recipient_email": {"not an address"}},
			"Enter an email address like name@example.com, or leave it empty."},
	} {
		tc.form.Set("token", token)
		res, body := clerk.Post(t, "/admin/counter/gift-cards", tc.form)
		require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode, "%v", tc.form)
		require.Contains(t, html.UnescapeString(body), tc.want, "%v", tc.form)
		require.Contains(t, body, `value="`+tc.form.Get("amount")+`"`, "what was typed is kept")
	}
	require.Zero(t, tt.giftCardsIssued(t))

	res, body := clerk.Post(t, "/admin/counter/gift-cards", url.Values{"amount": {"25.00"}, "method": {"card"}})
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode, "a form without its token")
	require.Contains(t, body, "This form has expired")
	require.Regexp(t, `name="token" value="[0-9a-f]{32}"`, body, "and a new token to send it with")
	require.Zero(t, tt.giftCardsIssued(t))
}

func TestAGiftCardFormSentTwiceSellsOneCard(t *testing.T) {
	t.Parallel()
	tt := twoTheatersSetup(t)
	clerk := clerkWithTill(t, tt, "Clerk")
	form := url.Values{"token": {giftCardForm(t, clerk)}, "amount": {"20.00"}, "method": {"cash"}}
	res, body := clerk.Post(t, "/admin/counter/gift-cards", form)
	require.Equal(t, http.StatusOK, res.StatusCode, body)
	code := giftCode(t, body)

	res, body = clerk.Post(t, "/admin/counter/gift-cards", form)
	require.Equal(t, http.StatusSeeOther, res.StatusCode, body)
	require.Equal(t, "/admin/till", res.Header.Get("Location"))
	require.NotContains(t, body, code)
	_, body = clerk.Get(t, "/admin/till")
	require.Contains(t, html.UnescapeString(body), "That form was sent already: gift card ···· "+code[len(code)-4:])
	require.NotContains(t, body, code, "the code is not shown again")
	require.Equal(t, 1, tt.giftCardsIssued(t))
	require.Contains(t, expectedCash(t, clerk), "120.00", "one card's cash, once")
}

func TestTheSameGiftCardFormSentTwiceAtOnceSellsOneCard(t *testing.T) {
	t.Parallel()
	tt := twoTheatersSetup(t)
	clerk := clerkWithTill(t, tt, "Clerk")
	till, err := tt.svc.OpenTillOf(context.Background(), clerk.id)
	require.NoError(t, err)
	sale := booking.GiftCardSale{ChainID: tt.chainA, Amount: 1500, Method: booking.PayCard, IssuedBy: "clerk@example.com",
		Token: "fedcba9876543210fedcba9876543210"}
	const tries = 4
	sold := make([]booking.GiftCardSold, tries)
	errs := make([]error, tries)
	var wg sync.WaitGroup
	for i := range tries {
		wg.Go(func() {
			sold[i], errs[i] = tt.svc.SellGiftCard(context.Background(), tt.Payments, clerk.id, till, sale)
		})
	}
	wg.Wait()
	codes := 0
	for i := range tries {
		require.NoError(t, errs[i])
		require.Equal(t, sold[0].CardID, sold[i].CardID, "every answer names the one card")
		if !sold[i].Replayed {
			codes++
			require.NotEmpty(t, sold[i].Code)
		} else {
			require.Empty(t, sold[i].Code, "a replay never shows the code")
		}
	}
	require.Equal(t, 1, codes, "one sale shows the code")
	require.Equal(t, 1, tt.giftCardsIssued(t))
	sum, err := tt.svc.TillSummary(context.Background(), till.ID)
	require.NoError(t, err)
	require.Equal(t, []booking.MethodTotal{{Method: booking.PayCard, Count: 1, Amount: 1500}}, sum.GiftCards)
}
