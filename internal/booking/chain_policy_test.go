package booking_test

import (
	"context"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/app/apptest"
	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/catalog/catalogtest"
)

// newChain makes a chain (its policy and brand as SQL assignments, "" for
// the defaults) and moves theater into it; it returns the chain's id.
func (b *testBundle) newChain(t *testing.T, slug string, theaterID int64, set string) int64 {
	t.Helper()
	ctx := context.Background()
	var id int64
	require.NoError(t, b.pool.QueryRow(ctx, "INSERT INTO catalog.chains (slug, name) VALUES ($1, $2) RETURNING id",
		slug, "Chain "+slug).Scan(&id))
	if set != "" {
		_, err := b.pool.Exec(ctx, "UPDATE catalog.chains SET "+set+" WHERE id = $1", id)
		require.NoError(t, err)
	}
	_, err := b.pool.Exec(ctx, "UPDATE catalog.theaters SET chain_id = $1 WHERE id = $2", id, theaterID)
	require.NoError(t, err)
	return id
}

func TestAChainsCancelWindowRefusesALateCancellationTheDefaultAllows(t *testing.T) {
	t.Parallel()
	clock := &testClock{at: time.Now()}
	b := setup(t, booking.Options{Now: clock.now, CancelWindow: 2 * time.Hour})
	strict := catalogtest.Show(t, b.catalog, catalogtest.ShowOptions{Title: "Strict House"})
	b.newChain(t, "strict", strict.TheaterID, "cancel_window_minutes = 1440")
	ctx := context.Background()

	easy, err := b.svc.Hold(ctx, 1, b.show.ID, []string{"E5"})
	require.NoError(t, err)
	require.NoError(t, b.confirm(t, easy.ID))
	late, err := b.svc.Hold(ctx, 1, strict.ID, []string{"C3"})
	require.NoError(t, err)
	require.NoError(t, b.confirm(t, late.ID))

	clock.set(strict.StartsAt.Add(-3 * time.Hour))
	q, err := b.svc.CancelQuote(ctx, 1, late.ID)
	require.NoError(t, err)
	require.False(t, q.Allowed)
	require.Equal(t, strict.StartsAt.Add(-24*time.Hour).Unix(), q.Deadline.Unix(), "the chain's deadline is a day before")
	_, err = b.svc.Cancel(ctx, 1, late.ID)
	require.ErrorIs(t, err, booking.ErrCancelClosed)

	clock.set(b.show.StartsAt.Add(-3 * time.Hour))
	_, err = b.svc.Cancel(ctx, 1, easy.ID)
	require.NoError(t, err, "the site's two hours still allow it")
}

func TestAChainsCancelFeeIsKeptFromTheRefund(t *testing.T) {
	t.Parallel()
	b := setup(t, booking.Options{CancelFee: 0})
	b.newChain(t, "feeish", b.show.TheaterID, "cancel_fee_minor = 250")
	ctx := context.Background()
	bk, err := b.svc.Hold(ctx, 1, b.show.ID, []string{"E5"})
	require.NoError(t, err)
	co, err := b.svc.Checkout(ctx, 1, bk.ID)
	require.NoError(t, err)
	require.NoError(t, b.confirm(t, bk.ID))
	out, err := b.svc.Cancel(ctx, 1, bk.ID)
	require.NoError(t, err)
	require.Equal(t, co.Price.Total-250, out.Refund)
}

func TestAChainsBookingFeeIsInTheCheckoutTotal(t *testing.T) {
	t.Parallel()
	b := setup(t)
	other := catalogtest.Show(t, b.catalog, catalogtest.ShowOptions{Title: "Fee House"})
	b.newChain(t, "feehouse", other.TheaterID, "booking_fee_minor = 150")
	ctx := context.Background()

	bk, err := b.svc.Hold(ctx, 1, other.ID, []string{"C3", "C4"})
	require.NoError(t, err)
	co, err := b.svc.Checkout(ctx, 1, bk.ID)
	require.NoError(t, err)
	require.Equal(t, int64(150), co.Price.FeePerTicket)
	require.Equal(t, int64(300), co.Price.Fee)
	require.Equal(t, int64(2000+300), co.Price.Total)
	stored, err := b.svc.BookingDetail(ctx, 1, bk.ID)
	require.NoError(t, err)
	require.Equal(t, int64(2300), stored.Booking.Total, "the booking is charged what checkout showed")

	plain, err := b.svc.Hold(ctx, 2, b.show.ID, []string{"E5", "E6"})
	require.NoError(t, err)
	co, err = b.svc.Checkout(ctx, 2, plain.ID)
	require.NoError(t, err)
	require.Equal(t, int64(2*75), co.Price.Fee, "the default chain keeps the site's fee")
}

func TestTheBuyerReadsTheChainsTermsAtCheckoutAndItsBrandOnTheTicket(t *testing.T) {
	t.Parallel()
	b := httpSetup(t, apptest.Options{})
	b.newChain(t, "brandco", b.show.TheaterID,
		"name = 'Brand Cinemas', brand_color = '#0a7d5a', ticket_note = 'Free refills on Tuesdays', cancel_window_minutes = 1440")
	buyer := b.browser(t, "Buyer", account.Customer)
	ctx := context.Background()
	bk, err := b.svc.Hold(ctx, buyer.id, b.show.ID, []string{"E5"})
	require.NoError(t, err)

	_, page := buyer.Get(t, "/bookings/"+strconv.FormatInt(bk.ID, 10)+"/checkout")
	require.Contains(t, page, "24 hours before the show")
	other, err := b.svc.Hold(ctx, buyer.id, b.show.ID, []string{"E6"})
	require.NoError(t, err)
	res, _ := buyer.Post(t, "/bookings/"+strconv.FormatInt(other.ID, 10)+"/pay", nil)
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	require.Contains(t, res.Header.Get("Location"), "/pay/", "the buyer is sent to the pay page")
	_, page = buyer.Get(t, res.Header.Get("Location"))
	require.Contains(t, page, "24 hours before the show", "the pay page states the chain's terms too")
	require.NoError(t, b.confirm(t, bk.ID))

	res, ticket := buyer.Get(t, "/bookings/"+strconv.FormatInt(bk.ID, 10)+"/ticket")
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, ticket, "Brand Cinemas")
	require.Contains(t, ticket, "Free refills on Tuesdays")
	require.Contains(t, ticket, `fill="#0a7d5a"`)
}
