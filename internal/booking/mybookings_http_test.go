package booking_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/platform/pg"
)

// section is the part of a My bookings page under one heading: from
// data-list="name" to the next section (or the end).
func section(body, name string) string {
	at := strings.Index(body, `data-list="`+name+`"`)
	if at < 0 {
		return ""
	}
	rest := body[at+1:]
	if end := strings.Index(rest, `data-list="`); end >= 0 {
		return rest[:end]
	}
	return rest
}

func TestADeclinedCardReadsAsFailedAtOnceWithTryAgain(t *testing.T) {
	t.Parallel()
	cb := checkoutSetup(t)
	ctx := context.Background()
	ann := cb.browser(t, "Ann", account.Customer)
	bk := ann.hold(t, "C5", "C6")
	_, err := cb.svc.StartPayment(ctx, ann.id, bk.ID)
	require.NoError(t, err)

	_, body := ann.Get(t, "/account/bookings")
	require.Contains(t, section(body, "upcoming"), "Payment processing", "while the card is being charged")

	require.NoError(t, pg.InTx(ctx, cb.pool, func(ctx context.Context, tx pgx.Tx) error {
		return cb.svc.PaymentFailed(ctx, tx, bk.ID, "card declined", false)
	}))
	res, body := ann.Get(t, "/account/bookings")
	require.Equal(t, http.StatusOK, res.StatusCode)
	upcoming := section(body, "upcoming")
	require.Contains(t, upcoming, bk.Code, "the seats are still held: the buyer can still make it")
	require.Contains(t, upcoming, "Payment failed")
	require.NotContains(t, body, "Payment processing", "not 'processing' until the hold runs out")
	require.Contains(t, upcoming, "Try again")
	require.Contains(t, upcoming, checkoutURL(bk.ID))

	_, body = ann.Get(t, checkoutURL(bk.ID))
	require.Contains(t, body, "Your payment didn&#39;t go through")
	require.Contains(t, body, fmt.Sprintf(`action="/bookings/%d/pay"`, bk.ID), "try again pays the same booking")
	require.NotContains(t, body, "is being processed")
	_, body = ann.Get(t, fmt.Sprintf("/bookings/%d", bk.ID))
	require.Contains(t, body, "Payment failed")
	require.Contains(t, body, "Try again")

	_, body = ann.Get(t, fmt.Sprintf("/shows/%d/seats", cb.show.ID))
	require.Contains(t, body, `class="sm-msg sm-msg--hold"`, "the seat map knows the declined booking's seats are the buyer's")
	require.Contains(t, body, `href="`+checkoutURL(bk.ID)+`"`)

	_, err = cb.svc.StartPayment(ctx, ann.id, bk.ID) // another card
	require.NoError(t, err)
	_, body = ann.Get(t, "/account/bookings")
	require.Contains(t, section(body, "upcoming"), "Payment processing", "a new attempt is under way")

	require.NoError(t, pg.InTx(ctx, cb.pool, func(ctx context.Context, tx pgx.Tx) error {
		return cb.svc.PaymentFailed(ctx, tx, bk.ID, "card declined", false)
	}))
	cb.clock.advance(time.Hour) // the hold runs out before a third card
	_, body = ann.Get(t, "/account/bookings")
	require.Contains(t, section(body, "closed"), bk.Code, "a booking that can no longer be paid is no longer upcoming")
	require.NotContains(t, section(body, "upcoming"), bk.Code)
}

func TestRefundedAndCancelledBookingsAreNotUpcoming(t *testing.T) {
	t.Parallel()
	cb := checkoutSetup(t)
	ctx := context.Background()
	ann := cb.browser(t, "Ann", account.Customer)
	paid := func(seat string) booking.Booking {
		bk := ann.hold(t, seat)
		require.NoError(t, pg.InTx(ctx, cb.pool, func(ctx context.Context, tx pgx.Tx) error { return cb.svc.Confirm(ctx, tx, bk.ID) }))
		return bk
	}
	kept, cancelled, refunded := paid("C5"), paid("D5"), paid("E5")
	for _, bk := range []int64{cancelled.ID, refunded.ID} {
		_, err := cb.svc.Cancel(ctx, ann.id, bk)
		require.NoError(t, err)
	}
	require.NoError(t, pg.InTx(ctx, cb.pool, func(ctx context.Context, tx pgx.Tx) error {
		return cb.svc.PaymentRefunded(ctx, tx, refunded.ID, refunded.Total, true)
	}))

	_, body := ann.Get(t, "/account/bookings")
	upcoming, closed := section(body, "upcoming"), section(body, "closed")
	require.Contains(t, upcoming, kept.Code)
	require.NotContains(t, upcoming, cancelled.Code)
	require.NotContains(t, upcoming, refunded.Code)
	require.Contains(t, closed, cancelled.Code)
	require.Contains(t, closed, refunded.Code)
	require.Contains(t, closed, "Refunded")
	require.Contains(t, closed, "Cancelled")
	require.Contains(t, body, ">Cancelled, refunded or not paid<")
}

func TestCheckoutLeadsOnToPaymentAndStatesTheCancellationTermsFirst(t *testing.T) {
	t.Parallel()
	cb := checkoutSetup(t)
	ann := cb.browser(t, "Ann", account.Customer)
	bk := ann.hold(t, "J1", "J2")

	_, body := ann.Get(t, checkoutURL(bk.ID))
	require.Contains(t, body, "Continue to payment")
	require.NotContains(t, body, "Pay £31.50", "only the pay page says Pay and the amount")
	require.Contains(t, body, "You can cancel online up to 2 hours before the show for a full refund.")
	require.Contains(t, body, `class="co-pay paybar"`, "total and button in the bar that stays on screen on phones")
	require.Contains(t, body, `id="co-bar-total">£31.50<`)
}

func TestThePageAPaymentLandsOnGreetsTheBuyer(t *testing.T) {
	t.Parallel()
	cb := checkoutSetup(t)
	ann := cb.browser(t, "Ann", account.Customer)
	bk := ann.hold(t, "J1")
	require.NoError(t, pg.InTx(context.Background(), cb.pool, func(ctx context.Context, tx pgx.Tx) error { return cb.svc.Confirm(ctx, tx, bk.ID) }))

	_, body := ann.Get(t, fmt.Sprintf("/bookings/%d?paid=1", bk.ID))
	require.Contains(t, body, `id="paid-title" class="co-paid__title" tabindex="-1"`)
	require.Contains(t, body, "data-paid-announce")
	_, body = ann.Get(t, fmt.Sprintf("/bookings/%d", bk.ID))
	require.NotContains(t, body, "paid-title", "only right after paying")
}
