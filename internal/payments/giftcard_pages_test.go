package payments_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/app/apptest"
	"github.com/marqueehq/marquee/internal/payments"
	"github.com/marqueehq/marquee/internal/platform/authz"
	"github.com/marqueehq/marquee/internal/platform/web/webtest"
)

// giftApp is the app with the gift card balance checks limited to perIP
// and perCode a minute.
func giftApp(t *testing.T, perIP, perCode string) *apptest.Server {
	t.Helper()
	return apptest.New(t, apptest.Options{Env: map[string]string{"RATE_GIFT_CARD_PER_IP": perIP, "RATE_GIFT_CARD_PER_CODE": perCode}})
}

func issueCard(t *testing.T, srv *apptest.Server, r payments.IssueRequest) payments.IssuedCard {
	t.Helper()
	if r.Currency == "" {
		r.Currency = "GBP"
	}
	if r.IssuedBy == "" {
		r.IssuedBy = "staff@example.com"
	}
	c, err := srv.Payments.IssueGiftCard(context.Background(), r)
	require.NoError(t, err)
	return c
}

// staffOf signs in a new account with role at chain (every theater of it
// when theaterID is 0).
func staffOf(t *testing.T, srv *apptest.Server, name string, role authz.Role, chainID, theaterID int64) *webtest.Browser {
	t.Helper()
	u := srv.User(t, name, account.Customer)
	var theater *int64
	if theaterID != 0 {
		theater = &theaterID
	}
	_, err := srv.Pool.Exec(context.Background(), "INSERT INTO account.staff_roles (user_id, role, chain_id, theater_id) VALUES ($1, $2, $3, $4)",
		u.ID, string(role), chainID, theater)
	require.NoError(t, err)
	br := srv.Browser(t)
	br.SignIn(t, u.Email, apptest.Password)
	return br
}

func TestTheBalancePageShowsWhatIsLeftOnACodeTypedAnyHow(t *testing.T) {
	t.Parallel()
	srv := giftApp(t, "100", "100")
	card := issueCard(t, srv, payments.IssueRequest{Amount: 42_50})
	br := srv.Browser(t)

	res, body := br.Get(t, "/gift-cards/balance")
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, `name="code"`)

	typed := strings.ToLower(strings.ReplaceAll(card.Code, "-", " "))
	res, body = br.Post(t, "/gift-cards/balance", url.Values{"code": {typed}})
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, "£42.50")
	require.Contains(t, body, "Card ending "+card.Code[15:])
	require.NotContains(t, body, card.Code, "the page does not echo the whole code")

	res, body = br.Post(t, "/gift-cards/balance", url.Values{"code": {"ZZZZ-ZZZZ-ZZZZ-ZZZZ"}})
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.Contains(t, body, "recognise that gift card code")
}

func TestTheBalanceCheckRefusesTheSameCodeOverItsLimitFromAnyAddress(t *testing.T) {
	t.Parallel()
	srv := giftApp(t, "100", "3")
	card := issueCard(t, srv, payments.IssueRequest{Amount: 10_00})
	other := issueCard(t, srv, payments.IssueRequest{Amount: 20_00})

	for i := range 3 {
		// Guesses at the card's last 4 characters spend its budget too.
		guess := card.Code[:15] + "000" + string("0123456789"[i])
		res, _ := srv.Browser(t).Post(t, "/gift-cards/balance", url.Values{"code": {guess}})
		require.NotEqual(t, http.StatusTooManyRequests, res.StatusCode)
	}
	res, body := srv.Browser(t).Post(t, "/gift-cards/balance", url.Values{"code": {card.Code}})
	require.Equal(t, http.StatusTooManyRequests, res.StatusCode)
	require.NotEmpty(t, res.Header.Get("Retry-After"))
	require.Contains(t, body, "Too many gift card checks")

	// Another card is not held up by it.
	res, body = srv.Browser(t).Post(t, "/gift-cards/balance", url.Values{"code": {other.Code}})
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, "£20.00")
}

func TestTheBalanceCheckRefusesOneAddressOverItsLimit(t *testing.T) {
	t.Parallel()
	srv := giftApp(t, "4", "100")
	br := srv.Browser(t)
	for range 4 {
		res, _ := br.Post(t, "/gift-cards/balance", url.Values{"code": {"not a code"}})
		require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	}
	res, _ := br.Post(t, "/gift-cards/balance", url.Values{"code": {"not a code"}})
	require.Equal(t, http.StatusTooManyRequests, res.StatusCode)
	require.NotEmpty(t, res.Header.Get("Retry-After"))
}

func TestTheAPIAnswersABalanceAnUnknownCodeAndTheLimit(t *testing.T) {
	t.Parallel()
	srv := giftApp(t, "100", "2")
	card := issueCard(t, srv, payments.IssueRequest{Amount: 30_00, ChainID: 9})
	post := func(code string) (*http.Response, map[string]any) {
		body, err := json.Marshal(map[string]string{"code": code})
		require.NoError(t, err)
		req, err := http.NewRequest(http.MethodPost, srv.URL+"/api/v1/gift-cards/balance", strings.NewReader(string(body)))
		require.NoError(t, err)
		req.Header.Set("Content-Type", "application/json")
		res, text := srv.Browser(t).Do(t, req)
		var out map[string]any
		require.NoError(t, json.Unmarshal([]byte(text), &out), text)
		return res, out
	}

	res, out := post(card.Code)
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Equal(t, float64(30_00), out["balance"])
	require.Equal(t, "GBP", out["currency"])
	require.Equal(t, float64(9), out["chain_id"])
	require.Equal(t, false, out["expired"])

	res, out = post("ZZZZ-ZZZZ-ZZZZ-ZZZZ")
	require.Equal(t, http.StatusNotFound, res.StatusCode)
	require.Equal(t, "unknown_gift_card", out["code"])

	res, _ = post(card.Code)
	require.Equal(t, http.StatusOK, res.StatusCode)
	res, out = post(card.Code)
	require.Equal(t, http.StatusTooManyRequests, res.StatusCode)
	require.Equal(t, "gift_card_rate_code", out["code"])
	require.NotEmpty(t, res.Header.Get("Retry-After"))
}

// codeOnPage finds the code the issue page shows.
var codeOnPage = regexp.MustCompile(`class="gc-code"[^>]*>([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})<`)

func TestMarqueeStaffIssueACardAndSeeItsCodeOnce(t *testing.T) {
	t.Parallel()
	srv := giftApp(t, "100", "100")
	staff, _ := srv.SignedIn(t, "Sam", account.Staff)

	res, body := staff.Post(t, "/admin/gift-cards", url.Values{"currency": {"INR"}, "amount": {"500"},
		"recipient_name": {"Asha"}, "recipient_email": {"asha@example.com"}, "message": {"Happy birthday"}})
	require.Equal(t, http.StatusCreated, res.StatusCode, body)
	m := codeOnPage.FindStringSubmatch(body)
	require.NotNil(t, m, "the code is on the page")
	code := m[1]
	require.Contains(t, body, "Every cinema")

	st, err := srv.Payments.GiftCardBalance(context.Background(), code)
	require.NoError(t, err)
	require.Equal(t, int64(500_00), st.Balance)
	require.Equal(t, "INR", st.Currency)

	res, body = staff.Get(t, "/admin/gift-cards?last4="+code[15:])
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, "···· "+code[15:])
	require.NotContains(t, body, code, "the list never shows a whole code")

	// Shorter than the currency's minimum validity is refused.
	res, body = staff.Post(t, "/admin/gift-cards", url.Values{"currency": {"INR"}, "amount": {"500"}, "valid_months": {"6"}})
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.Contains(t, body, "at least the months shown")
}

func TestABuyerCannotOpenTheGiftCardPages(t *testing.T) {
	t.Parallel()
	srv := giftApp(t, "100", "100")
	buyer, _ := srv.SignedIn(t, "Bea", account.Customer)
	res, _ := buyer.Get(t, "/admin/gift-cards")
	require.Equal(t, http.StatusForbidden, res.StatusCode)
	res, _ = buyer.Post(t, "/admin/gift-cards", url.Values{"currency": {"GBP"}, "amount": {"10"}})
	require.Equal(t, http.StatusForbidden, res.StatusCode)

	res, _ = srv.Browser(t).Get(t, "/admin/gift-cards")
	require.Equal(t, http.StatusSeeOther, res.StatusCode, "a visitor is sent to sign in")
}

func TestAChainsManagerIssuesAndSeesOnlyTheirChainsCards(t *testing.T) {
	t.Parallel()
	srv := giftApp(t, "100", "100")
	mine := issueCard(t, srv, payments.IssueRequest{Amount: 10_00, ChainID: 31})
	theirs := issueCard(t, srv, payments.IssueRequest{Amount: 10_00, ChainID: 32})
	everywhere := issueCard(t, srv, payments.IssueRequest{Amount: 10_00})
	manager := staffOf(t, srv, "Mona", authz.TheaterManager, 31, 0)

	res, body := manager.Post(t, "/admin/gift-cards", url.Values{"chain": {"32"}, "currency": {"GBP"}, "amount": {"25"}})
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.Contains(t, body, "only for the chains you work for")
	res, _ = manager.Post(t, "/admin/gift-cards", url.Values{"currency": {"GBP"}, "amount": {"25"}})
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode, "a card for every cinema is Marquee's to issue")

	res, body = manager.Post(t, "/admin/gift-cards", url.Values{"chain": {"31"}, "currency": {"GBP"}, "amount": {"25"}})
	require.Equal(t, http.StatusCreated, res.StatusCode, body)
	require.Contains(t, body, "Chain #31")

	res, body = manager.Get(t, "/admin/gift-cards")
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, mine.Last4)
	require.NotContains(t, body, "/admin/gift-cards/"+giftCardID(theirs.ID)+`"`)
	require.NotContains(t, body, "/admin/gift-cards/"+giftCardID(everywhere.ID)+`"`)

	res, _ = manager.Get(t, "/admin/gift-cards/"+giftCardID(theirs.ID))
	require.Equal(t, http.StatusNotFound, res.StatusCode)

	// A card is the whole chain's money: a role at one of its theaters
	// does not reach it.
	oneTheater := staffOf(t, srv, "Theo", authz.TheaterManager, 31, 7)
	res, _ = oneTheater.Get(t, "/admin/gift-cards")
	require.Equal(t, http.StatusForbidden, res.StatusCode)
	res, _ = oneTheater.Get(t, "/admin/gift-cards/"+giftCardID(mine.ID))
	require.Equal(t, http.StatusForbidden, res.StatusCode)
	res, _ = manager.Post(t, "/admin/gift-cards/"+giftCardID(theirs.ID)+"/void", url.Values{"confirm": {"yes"}})
	require.Equal(t, http.StatusNotFound, res.StatusCode)
	_, err := srv.Payments.GiftCardBalance(context.Background(), theirs.Code)
	require.NoError(t, err, "another chain's card is untouched")
}

func TestAManagerVoidsACardOnlyOnceTheyConfirm(t *testing.T) {
	t.Parallel()
	srv := giftApp(t, "100", "100")
	card := issueCard(t, srv, payments.IssueRequest{Amount: 15_00, ChainID: 41})
	manager := staffOf(t, srv, "Mo", authz.ChainAdmin, 41, 0)
	clerk := staffOf(t, srv, "Cleo", authz.BoxOffice, 41, 0)
	path := "/admin/gift-cards/" + giftCardID(card.ID)

	res, body := clerk.Get(t, path)
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.NotContains(t, body, path+"/void", "box office staff see no void form")
	res, _ = clerk.Post(t, path+"/void", url.Values{"confirm": {"yes"}})
	require.Equal(t, http.StatusForbidden, res.StatusCode)

	res, body = manager.Post(t, path+"/void", url.Values{"reason": {"reported stolen"}})
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.Contains(t, body, "Tick the box to confirm.")
	_, err := srv.Payments.GiftCardBalance(context.Background(), card.Code)
	require.NoError(t, err, "not void yet")

	res, _ = manager.Post(t, path+"/void", url.Values{"reason": {"reported stolen"}, "confirm": {"yes"}})
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	_, err = srv.Payments.GiftCardBalance(context.Background(), card.Code)
	require.ErrorIs(t, err, payments.ErrGiftCardUnknown)

	res, body = manager.Get(t, path)
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, "reported stolen")
	require.Contains(t, body, "-£15.00", "the ledger shows the balance voided")
}

func giftCardID(n int64) string { return strconv.FormatInt(n, 10) }
