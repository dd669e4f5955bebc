package booking_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/pg"
)

func TestCheckoutPageShowsItemisedTotalAndCountdown(t *testing.T) {
	t.Parallel()
	cb := checkoutSetup(t)
	ann := cb.browser(t, "Ann", account.Customer)
	bk := ann.hold(t, "C5", "C6", "J1")

	res, body := ann.Get(t, checkoutURL(bk.ID))
	require.Equal(t, http.StatusOK, res.StatusCode)
	for _, want := range []string{"Hold Tight", "Test Cinema", "C5", "C6", "J1",
		"Standard", "× 2", "£10.00 each", "£20.00", "Premium", "£15.00", "Booking fee", "3 × £0.75", "£2.25", "£37.25",
		`data-deadline="` + bk.HoldExpiresAt.UTC().Format(time.RFC3339) + `"`, "Change seats", `name="code"`} {
		require.Contains(t, body, want)
	}
	var total, fee int64
	require.NoError(t, cb.pool.QueryRow(context.Background(), "SELECT total_minor, fee_minor FROM booking.bookings WHERE id = $1",
		bk.ID).Scan(&total, &fee))
	require.Equal(t, []int64{3725, 225}, []int64{total, fee}, "the page's total is stored for payment")
}

func TestAnotherUsersBookingIsNotFound(t *testing.T) {
	t.Parallel()
	cb := checkoutSetup(t)
	ann, bob := cb.browser(t, "Ann", account.Customer), cb.browser(t, "Bob", account.Customer)
	bk := ann.hold(t, "C5")
	for _, path := range []string{checkoutURL(bk.ID), fmt.Sprintf("/bookings/%d", bk.ID)} {
		res, body := bob.Get(t, path)
		require.Equal(t, http.StatusNotFound, res.StatusCode, path)
		require.NotContains(t, body, "C5")
	}
	for _, path := range []string{"/promo", "/promo/remove", "/release"} {
		res, _ := bob.Post(t, fmt.Sprintf("/bookings/%d%s", bk.ID, path), url.Values{"code": {"ANY"}})
		require.Equal(t, http.StatusNotFound, res.StatusCode, path)
	}
	require.Equal(t, bk.ID, cb.seatOwners(t)["C5"], "Ann still holds her seat")
	res, _ := cb.browser(t, "", "").Get(t, checkoutURL(bk.ID))
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	require.Equal(t, "/login?next="+checkoutURL(bk.ID), res.Header.Get("Location"), "visitors sign in first")
}

func TestPromoFormWorksWithAndWithoutHTMX(t *testing.T) {
	t.Parallel()
	cb := checkoutSetup(t)
	_, err := cb.svc.CreatePromo(context.Background(), booking.PromoInput{Code: "SPRING25", Kind: booking.PercentOff, PercentOff: 25})
	require.NoError(t, err)
	ann := cb.browser(t, "Ann", account.Customer)
	bk := ann.hold(t, "C5", "C6")
	promo := fmt.Sprintf("/bookings/%d/promo", bk.ID)

	res, _ := ann.Post(t, promo, url.Values{"code": {"spring25"}})
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	require.Equal(t, checkoutURL(bk.ID), res.Header.Get("Location"))
	_, body := ann.Get(t, checkoutURL(bk.ID))
	require.Contains(t, body, "Code SPRING25 applied: you save £5.00.", "the flash says what happened")
	require.Contains(t, body, "−£5.00")
	require.Contains(t, body, "£16.50", "£20 - £5 + £1.50 fee")

	res, body = ann.Post(t, promo+"/remove", nil, "HX-Request", "true")
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.True(t, strings.HasPrefix(strings.TrimSpace(body), `<section id="checkout-price"`), "htmx gets the price panel only")
	require.Contains(t, body, "Promo code removed.")
	require.Contains(t, body, "£21.50")

	res, body = ann.Post(t, promo, url.Values{"code": {"NOSUCH"}}, "HX-Request", "true")
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.NotContains(t, body, "<html")
	require.Contains(t, body, "We don&#39;t recognise the code NOSUCH.")
	require.Contains(t, body, `value="NOSUCH"`, "what was typed is kept")

	res, body = ann.Post(t, promo, url.Values{"code": {strings.Repeat("<script>", 60)}})
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode, "garbage is a 422, not a 500")
	require.Contains(t, body, "<html", "without htmx the whole page comes back")
	require.Contains(t, body, "doesn&#39;t look like a promo code")
	require.NotContains(t, body, "<script><script>", "and the input is escaped")
}

func TestChangeSeatsReleasesThemAndReturnsToTheSeatMap(t *testing.T) {
	t.Parallel()
	cb := checkoutSetup(t)
	ann := cb.browser(t, "Ann", account.Customer)
	bk := ann.hold(t, "C5", "C6")
	res, _ := ann.Post(t, fmt.Sprintf("/bookings/%d/release", bk.ID), nil)
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	require.Equal(t, fmt.Sprintf("/shows/%d/seats", cb.show.ID), res.Header.Get("Location"))
	require.Empty(t, cb.seatOwners(t), "the seats are free for everyone")

	_, body := ann.Get(t, checkoutURL(bk.ID))
	require.Contains(t, body, "Your seats were released")
	require.Contains(t, body, fmt.Sprintf(`href="/shows/%d/seats"`, cb.show.ID))
	require.NotContains(t, body, "Change seats")
}

func TestCheckoutAfterTheHoldRanOutLinksBackToTheSeatMap(t *testing.T) {
	t.Parallel()
	cb := checkoutSetup(t)
	ann := cb.browser(t, "Ann", account.Customer)
	bk := ann.hold(t, "C5")
	_, body := ann.Get(t, checkoutURL(bk.ID))
	require.Contains(t, body, "data-when-released hidden", "the released message waits for the countdown")
	cb.clock.advance(9 * time.Minute)
	res, body := ann.Get(t, checkoutURL(bk.ID))
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, "Your seats were released")
	require.Contains(t, body, "Choose seats again")
	require.NotContains(t, body, `name="code"`, "nothing left to pay for")
}

func TestPaidBookingLinksToItsPage(t *testing.T) {
	t.Parallel()
	cb := checkoutSetup(t)
	ann := cb.browser(t, "Ann", account.Customer)
	bk := ann.hold(t, "J1", "J2")
	_, _ = ann.Get(t, checkoutURL(bk.ID))
	require.NoError(t, pg.InTx(context.Background(), cb.pool, func(ctx context.Context, tx pgx.Tx) error { return cb.svc.Confirm(ctx, tx, bk.ID) }))

	_, body := ann.Get(t, checkoutURL(bk.ID))
	require.Contains(t, body, "You&#39;re all set")
	require.Contains(t, body, fmt.Sprintf(`href="/bookings/%d"`, bk.ID))
	res, body := ann.Get(t, fmt.Sprintf("/bookings/%d", bk.ID))
	require.Equal(t, http.StatusOK, res.StatusCode)
	for _, want := range []string{bk.Code, "Confirmed", "Paid", "J1", "J2", "£31.50", "Hold Tight"} {
		require.Contains(t, body, want)
	}
}

func TestMyBookingsSplitsUpcomingAndPast(t *testing.T) {
	t.Parallel()
	cb := checkoutSetup(t)
	ctx := context.Background()
	later, err := cb.catalog.ScheduleShow(ctx, catalog.ShowInput{MovieID: cb.show.MovieID, ScreenID: cb.show.ScreenID,
		StartsAt: time.Now().Add(74 * time.Hour), Language: "English", Format: "2D"})
	require.NoError(t, err)
	ann, bob := cb.browser(t, "Ann", account.Customer), cb.browser(t, "Bob", account.Customer)
	_, body := ann.Get(t, "/account/bookings")
	require.Contains(t, body, "No bookings yet")

	seen := ann.hold(t, "C5")
	require.NoError(t, pg.InTx(ctx, cb.pool, func(ctx context.Context, tx pgx.Tx) error { return cb.svc.Confirm(ctx, tx, seen.ID) }))
	theirs := bob.hold(t, "C7")
	cb.clock.advance(48 * time.Hour) // the first show is over
	next, err := cb.svc.Hold(ctx, ann.id, later.ID, []string{"D4", "D5"})
	require.NoError(t, err)

	res, body := ann.Get(t, "/account/bookings")
	require.Equal(t, http.StatusOK, res.StatusCode)
	upcoming, past := strings.Index(body, ">Upcoming<"), strings.Index(body, ">Past<")
	require.True(t, upcoming >= 0 && past > upcoming, "both sections, upcoming first")
	at := strings.Index(body, next.Code)
	require.True(t, at > upcoming && at < past, "the held booking for the later show is upcoming")
	require.Contains(t, body[upcoming:past], "Continue to checkout")
	require.Contains(t, body[upcoming:past], checkoutURL(next.ID))
	require.Contains(t, body[past:], seen.Code)
	require.Contains(t, body[past:], "Confirmed")
	require.NotContains(t, body, theirs.Code, "only Ann's bookings")
}

func TestBadBookingURLsAre4xx(t *testing.T) {
	t.Parallel()
	cb := checkoutSetup(t)
	ann := cb.browser(t, "Ann", account.Customer)
	for _, path := range []string{"/bookings/abc/checkout", "/bookings/-1", "/bookings/0/checkout",
		"/bookings/99999999999999999999", "/bookings/999999/checkout", "/bookings/1e3"} {
		res, _ := ann.Get(t, path)
		require.Equal(t, http.StatusNotFound, res.StatusCode, path)
	}
	for _, path := range []string{"/bookings/abc/promo", "/bookings/999999/promo", "/bookings/%27/release"} {
		res, _ := ann.Post(t, path, url.Values{"code": {"X"}})
		require.Equal(t, http.StatusNotFound, res.StatusCode, path)
	}
}

func TestStaffCreateListAndSwitchOffPromoCodes(t *testing.T) {
	t.Parallel()
	cb := checkoutSetup(t)
	staff := cb.browser(t, "Sam", account.Staff)
	_, body := staff.Get(t, "/admin/promos")
	require.Contains(t, body, "No promo codes yet")
	res, body := staff.Get(t, "/admin/promos/new")
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, ">Hold Tight</option>")
	require.Contains(t, body, ">Test Cinema</option>")

	form := url.Values{"code": {"summer10"}, "kind": {"percent"}, "percent_off": {"abc"}, "description": {"Summer offer"},
		"movie_ids": {fmt.Sprint(cb.show.MovieID)}, "min_tickets": {"2"}, "max_uses": {"50"}, "max_uses_per_user": {"1"},
		"valid_from": {"2031-02-30"}}
	res, body = staff.Post(t, "/admin/promos", form)
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.Contains(t, body, "Enter a percentage from 1 to 100.")
	require.Contains(t, body, "Enter a date like 2031-03-14.")
	require.Contains(t, body, `value="Summer offer"`, "input is kept")

	form.Set("percent_off", "10")
	form.Set("valid_from", "")
	res, _ = staff.Post(t, "/admin/promos", form)
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	_, body = staff.Get(t, "/admin/promos")
	for _, want := range []string{"Promo code SUMMER10 created.", "SUMMER10", "10% off tickets", "Only Hold Tight",
		"At least 2 tickets", "0 of 50 uses taken", "Once per person", "Switch off"} {
		require.Contains(t, body, want)
	}
	res, _ = staff.Post(t, "/admin/promos", form)
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode, "the same code twice is refused")

	promos, err := cb.svc.Promos(context.Background())
	require.NoError(t, err)
	res, _ = staff.Post(t, fmt.Sprintf("/admin/promos/%d/deactivate", promos[0].ID), nil)
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	_, body = staff.Get(t, "/admin/promos")
	require.Contains(t, body, "Switched off")
	res, _ = staff.Post(t, "/admin/promos/abc/deactivate", nil)
	require.Equal(t, http.StatusNotFound, res.StatusCode)

	res, _ = cb.browser(t, "Ann", account.Customer).Get(t, "/admin/promos")
	require.Equal(t, http.StatusForbidden, res.StatusCode, "customers can't see promo codes")
	res, _ = cb.browser(t, "", "").Post(t, "/admin/promos", form)
	require.Equal(t, http.StatusUnauthorized, res.StatusCode)
}
