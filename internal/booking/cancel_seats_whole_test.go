package booking_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/booking"
)

// TestWholeCancelAfterAPartialOneKeepsTheFeeOnce: after cancelling one
// seat of three (a third of the fee kept), the booking page's quote for
// cancelling the rest asks only the rest of the fee, and refunds what is
// left of the payment less that; once cancelled, the refunds and the fees
// kept add up to what was paid, the fee kept once.
func TestWholeCancelAfterAPartialOneKeepsTheFeeOnce(t *testing.T) {
	t.Parallel()
	o := &outbox{}
	b := setup(t, withOutbox(o, booking.Options{CancelFee: 150}))
	ctx := context.Background()
	bk := threeSeats(t, b)
	_, first, err := b.svc.CancelSeats(ctx, 7, bk.ID, []string{"E6"})
	require.NoError(t, err)
	require.Equal(t, int64(50), first.Fee, "a third of the fee for one seat of three")

	q, err := b.svc.CancelQuote(ctx, 7, bk.ID)
	require.NoError(t, err)
	require.True(t, q.Allowed)
	require.Equal(t, int64(100), q.Fee, "the rest of the fee, not all of it again")
	require.Equal(t, bk.Total-first.Refund-first.Fee-100, q.Refund, "what was paid, less what was refunded and both fees")

	got, err := b.svc.Cancel(ctx, 7, bk.ID)
	require.NoError(t, err)
	require.Equal(t, booking.Cancelled, got.Status)
	require.Equal(t, q.Refund, got.Refund, "the page's quote is what is refunded")
	require.Len(t, o.refunds, 2)
	require.Equal(t, bk.Total, o.refunds[0].Amount+o.refunds[1].Amount+first.Fee+q.Fee, "refunds and fees kept make what was paid")
	require.Equal(t, int64(150), first.Fee+q.Fee, "the chain's fee, kept once")
	require.Empty(t, b.seatOwners(t), "every seat back on sale")
	require.Zero(t, b.invariantViolations(t))
}
