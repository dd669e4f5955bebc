package booking_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/app/apptest"
	"github.com/marqueehq/marquee/internal/platform/web/webtest"
)

// guestHold holds seats as a guest through the seat map: Hold offers the
// choice, the guest form holds. It returns the booking id.
func (b *testBundle) guestHold(t *testing.T, br *webtest.Browser, email string, seats ...string) int64 {
	t.Helper()
	res, page := br.Post(t, fmt.Sprintf("/shows/%d/hold", b.show.ID), url.Values{"seats": seats})
	require.Equal(t, http.StatusOK, res.StatusCode, page)
	require.Contains(t, page, "Continue as guest")
	require.Contains(t, page, "/login?next=")
	res, page = br.Post(t, fmt.Sprintf("/shows/%d/hold/guest", b.show.ID),
		url.Values{"seats": {strings.Join(seats, ",")}, "email": {email}})
	require.Equal(t, http.StatusSeeOther, res.StatusCode, page)
	var id int64
	_, err := fmt.Sscanf(res.Header.Get("Location"), "/bookings/%d/checkout", &id)
	require.NoError(t, err)
	return id
}

// guestPay pays a booking with the test card and waits for it to be
// confirmed; it returns the pay page's path.
func (b *testBundle) guestPay(t *testing.T, br *webtest.Browser, id int64) string {
	t.Helper()
	res, page := br.Post(t, fmt.Sprintf("/bookings/%d/pay", id), url.Values{})
	require.Equal(t, http.StatusSeeOther, res.StatusCode, page)
	payPath := res.Header.Get("Location")
	res, page = br.Post(t, payPath+"/card", url.Values{"number": {"4242 4242 4242 4242"}, "expiry": {"12/40"},
		"cvc": {"123"}, "name": {"Guest Buyer"}})
	require.Less(t, res.StatusCode, 400, page)
	deadline := time.Now().Add(10 * time.Second)
	for b.statusOf(t, id) != "confirmed" {
		require.True(t, time.Now().Before(deadline), "the guest booking is confirmed")
		time.Sleep(20 * time.Millisecond)
	}
	return payPath
}

func TestGuestHoldsPaysAndSeesTheTicketWhileOthersGet404(t *testing.T) {
	t.Parallel()
	b := httpSetup(t, apptest.Options{})
	b.Work(t)
	guest := b.Browser(t)
	id := b.guestHold(t, guest, "Guest@Example.com", "C5", "C6")

	res, page := guest.Get(t, checkoutURL(id))
	require.Equal(t, http.StatusOK, res.StatusCode, page)
	require.Contains(t, page, "C5")

	other := b.Browser(t)
	otherID := b.guestHold(t, other, "other@example.com", "J1")
	for _, path := range []string{checkoutURL(id), fmt.Sprintf("/bookings/%d", id)} {
		res, page := other.Get(t, path)
		require.Equal(t, http.StatusNotFound, res.StatusCode, path)
		require.NotContains(t, page, "C5")
	}
	res, _ = other.Post(t, fmt.Sprintf("/bookings/%d/release", id), url.Values{})
	require.Equal(t, http.StatusNotFound, res.StatusCode, "another browser can't release the guest's seats")
	require.Equal(t, id, b.seatOwners(t)["C5"])
	require.NotEqual(t, id, otherID)

	payPath := b.guestPay(t, guest, id)
	res, page = guest.Get(t, fmt.Sprintf("/bookings/%d/ticket", id))
	require.Equal(t, http.StatusOK, res.StatusCode, page)
	require.Contains(t, page, "C6")
	res, _ = other.Get(t, payPath)
	require.Equal(t, http.StatusNotFound, res.StatusCode, "another guest's browser can't open the pay page")
	res, _ = other.Get(t, fmt.Sprintf("/bookings/%d/ticket", id))
	require.Equal(t, http.StatusNotFound, res.StatusCode)

	var email, to string
	require.NoError(t, b.pool.QueryRow(context.Background(),
		"SELECT guest_email FROM booking.bookings WHERE id = $1 AND user_id IS NULL", id).Scan(&email))
	require.Equal(t, "Guest@Example.com", email)
	require.NoError(t, b.pool.QueryRow(context.Background(),
		"SELECT email FROM notify.messages WHERE dedup_key = $1", fmt.Sprintf("booking.confirmed:%d", id)).Scan(&to))
	require.Equal(t, "Guest@Example.com", to, "the confirmation goes to the guest's address")
}

func TestGuestAccessLinkAndFindByCodeGrantAFreshBrowser(t *testing.T) {
	t.Parallel()
	b := httpSetup(t, apptest.Options{})
	b.Work(t)
	guest := b.Browser(t)
	id := b.guestHold(t, guest, "ann@example.net", "D4")
	b.guestPay(t, guest, id)

	var code, data string
	require.NoError(t, b.pool.QueryRow(context.Background(), "SELECT code FROM booking.bookings WHERE id = $1", id).Scan(&code))
	require.NoError(t, b.pool.QueryRow(context.Background(),
		"SELECT data::text FROM notify.messages WHERE dedup_key = $1", fmt.Sprintf("booking.confirmed:%d", id)).Scan(&data))
	i := strings.Index(data, "/bookings/access/")
	require.Positive(t, i, "the confirmation carries the access link")
	link := data[i : i+strings.IndexByte(data[i:], '"')]

	fresh := b.Browser(t)
	res, _ := fresh.Get(t, fmt.Sprintf("/bookings/%d", id))
	require.Equal(t, http.StatusSeeOther, res.StatusCode, "a fresh browser is sent to sign in")
	res, _ = fresh.Get(t, link)
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	require.Equal(t, fmt.Sprintf("/bookings/%d", id), res.Header.Get("Location"))
	res, page := fresh.Get(t, fmt.Sprintf("/bookings/%d", id))
	require.Equal(t, http.StatusOK, res.StatusCode, page)
	require.Contains(t, page, code)
	require.NotContains(t, page, "Change show", "changing show needs an account")
	res, _ = b.Browser(t).Get(t, link[:len(link)-2]+"xx")
	require.Equal(t, http.StatusNotFound, res.StatusCode, "a tampered link opens nothing")

	finder := b.Browser(t)
	res, wrongEmail := finder.Post(t, "/bookings/find", url.Values{"code": {code}, "email": {"bob@example.net"}})
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	res, wrongCode := finder.Post(t, "/bookings/find", url.Values{"code": {"NOPE99"}, "email": {"ann@example.net"}})
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.Contains(t, wrongEmail, "We couldn&#39;t find a booking with that code and email.")
	require.Contains(t, wrongCode, "We couldn&#39;t find a booking with that code and email.")
	res, _ = finder.Post(t, "/bookings/find", url.Values{"code": {strings.ToLower(code)}, "email": {"ANN@example.net"}})
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	res, _ = finder.Get(t, fmt.Sprintf("/bookings/%d/ticket", id))
	require.Equal(t, http.StatusOK, res.StatusCode, "the right code and email open the ticket")
}

func TestFindingABookingIsRateLimitedPerNetwork(t *testing.T) {
	t.Parallel()
	b := httpSetup(t, apptest.Options{Env: map[string]string{"RATE_SIGNIN_PER_IP": "3"}})
	br := b.Browser(t)
	for range 3 {
		res, _ := br.Post(t, "/bookings/find", url.Values{"code": {"NOPE99"}, "email": {"x@example.net"}})
		require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	}
	res, _ := br.Post(t, "/bookings/find", url.Values{"code": {"NOPE99"}, "email": {"x@example.net"}})
	require.Equal(t, http.StatusTooManyRequests, res.StatusCode)
}

func TestAVerifiedAccountClaimsItsGuestBookingsAndAnUnverifiedOneDoesNot(t *testing.T) {
	t.Parallel()
	b := httpSetup(t, apptest.Options{})
	b.Work(t)
	guest := b.Browser(t)
	id := b.guestHold(t, guest, "Cleo@Example.com", "E1")
	b.guestPay(t, guest, id)

	ctx := context.Background()
	_, err := b.Account.CreateUser(ctx, account.NewUser{Email: "cleo@example.com", Name: "Cleo", Password: apptest.Password})
	require.NoError(t, err)
	unverified := b.Browser(t)
	unverified.SignIn(t, "cleo@example.com", apptest.Password)
	_, page := unverified.Get(t, "/account/bookings")
	require.NotContains(t, page, "E1", "an unverified account claims nothing")
	res, _ := unverified.Get(t, fmt.Sprintf("/bookings/%d", id))
	require.Equal(t, http.StatusNotFound, res.StatusCode)

	_, err = b.pool.Exec(ctx, "UPDATE account.users SET email_verified_at = now() WHERE lower(email) = 'cleo@example.com'")
	require.NoError(t, err)
	verified := guest // the browser that bought as a guest signs in
	verified.SignIn(t, "cleo@example.com", apptest.Password)
	_, page = verified.Get(t, "/account/bookings")
	require.Contains(t, page, "Hold Tight", "the guest booking is in My bookings")
	res, page = verified.Get(t, fmt.Sprintf("/bookings/%d", id))
	require.Equal(t, http.StatusOK, res.StatusCode, page)
	var note string
	require.NoError(t, b.pool.QueryRow(ctx, "SELECT note FROM booking.booking_events WHERE booking_id = $1 ORDER BY id DESC LIMIT 1",
		id).Scan(&note))
	require.Equal(t, "claimed by account", note)
}

func TestTheGuestFormChecksTheAddressAndASecondHoldByTheSameEmailReplacesTheFirst(t *testing.T) {
	t.Parallel()
	b := httpSetup(t, apptest.Options{})
	br := b.Browser(t)
	res, page := br.Post(t, fmt.Sprintf("/shows/%d/hold/guest", b.show.ID),
		url.Values{"seats": {"C5"}, "email": {"not-an-email"}, "phone": {"12"}})
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.Contains(t, page, "Enter an email address like name@example.com.")
	require.Contains(t, page, "Enter the phone number with its country code")
	require.Empty(t, b.seatOwners(t), "nothing is held")

	first := b.guestHold(t, br, "dan@example.com", "C5")
	again := b.guestHold(t, b.Browser(t), "DAN@example.com", "C6")
	require.NotEqual(t, first, again)
	require.Equal(t, "expired", b.statusOf(t, first), "a new hold by the same email replaces the old one")
}
