package payments_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/payments"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

func card(number string) payments.Card {
	return payments.Card{Number: number, Expiry: "12/40", CVC: "123", Name: "Ann Buyer"}
}

// appliedEvents counts the test provider's events applied by the job.
func (b *bundle) appliedEvents(t *testing.T) int {
	t.Helper()
	var n int
	require.NoError(t, b.pool.QueryRow(context.Background(),
		"SELECT count(*) FROM payments.events WHERE provider = 'test' AND applied_at IS NOT NULL").Scan(&n))
	return n
}

func TestTestCardSucceedsThroughTheEventPath(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOpts{})
	h, id := b.startPaying(t, "B3", "B4")
	require.Equal(t, booking.PendingPayment, b.status(t, h.ID))

	p, err := b.pay.PayWithTestCard(context.Background(), buyer, id, card("4242 4242 4242 4242"))
	require.NoError(t, err)
	require.Equal(t, payments.Processing, p.State, "the buyer waits while the event is applied")
	eventually(t, func() bool { return b.status(t, h.ID) == booking.Confirmed }, "the booking is confirmed by the event's job")
	require.Equal(t, payments.Succeeded, b.payment(t, id).State)
	require.Equal(t, 1, b.appliedEvents(t))
	require.Equal(t, 1, b.confirmations(t, h.ID))

	_, err = b.pay.PayWithTestCard(context.Background(), buyer, id, card("4242424242424242"))
	require.ErrorIs(t, err, payments.ErrNotPayable, "a second submission charges nothing")
}

func TestDeclinedCardsSayWhyAndAllowAnotherCard(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ number, says string }{
		{"4000 0000 0000 0002", "declined"},
		{"4000 0000 0000 9995", "insufficient funds"},
	} {
		t.Run(tc.says, func(t *testing.T) {
			t.Parallel()
			b := setup(t, setupOpts{})
			ctx := context.Background()
			h, id := b.startPaying(t, "C1")
			_, err := b.pay.PayWithTestCard(ctx, buyer, id, card(tc.number))
			require.NoError(t, err)
			eventually(t, func() bool { return b.payment(t, id).State == payments.Failed }, "the decline arrives")
			c, err := b.pay.PaymentForBuyer(ctx, buyer, id)
			require.NoError(t, err)
			require.Contains(t, c.Payment.FailureMessage, tc.says)
			require.True(t, c.Retry, "the buyer may try another card while the hold lasts")
			require.Equal(t, booking.PendingPayment, b.status(t, h.ID), "the booking stays payable")

			// Another card: a new attempt on the same booking.
			req, err := b.booking.StartPayment(ctx, buyer, h.ID)
			require.NoError(t, err)
			path, err := b.pay.Begin(ctx, req)
			require.NoError(t, err)
			require.NotEqual(t, c.Payment.Path(), path)
			var second int64
			for _, p := range mustList(t, b, h.ID) {
				second = p.ID
			}
			_, err = b.pay.PayWithTestCard(ctx, buyer, second, card("4242424242424242"))
			require.NoError(t, err)
			eventually(t, func() bool { return b.status(t, h.ID) == booking.Confirmed }, "the second card pays")
		})
	}
}

func mustList(t *testing.T, b *bundle, bookingID int64) []payments.Payment {
	t.Helper()
	ps, err := b.pay.Payments(context.Background(), "", bookingID, 10, 0)
	require.NoError(t, err)
	// Newest first from the list; oldest first here.
	for i, j := 0, len(ps)-1; i < j; i, j = i+1, j-1 {
		ps[i], ps[j] = ps[j], ps[i]
	}
	return ps
}

func TestTheLastFailedAttemptFailsTheBooking(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOpts{})
	ctx := context.Background()
	h, id := b.startPaying(t, "C2")
	for attempt := 1; attempt <= 3; attempt++ {
		_, err := b.pay.PayWithTestCard(ctx, buyer, id, card("4000000000000002"))
		require.NoError(t, err)
		eventually(t, func() bool { return b.payment(t, id).State == payments.Failed }, "declined")
		if attempt < 3 {
			req, err := b.booking.StartPayment(ctx, buyer, h.ID)
			require.NoError(t, err)
			_, err = b.pay.Begin(ctx, req)
			require.NoError(t, err)
			ps := mustList(t, b, h.ID)
			id = ps[len(ps)-1].ID
		}
	}
	eventually(t, func() bool { return b.status(t, h.ID) == booking.PaymentFailed }, "the third decline is final")
	c, err := b.pay.PaymentForBuyer(ctx, buyer, id)
	require.NoError(t, err)
	require.False(t, c.Retry, "no attempt is left")
}

func TestCardAskingForConfirmation(t *testing.T) {
	t.Parallel()
	for _, approve := range []bool{true, false} {
		t.Run(map[bool]string{true: "approved", false: "failed"}[approve], func(t *testing.T) {
			t.Parallel()
			b := setup(t, setupOpts{})
			ctx := context.Background()
			h, id := b.startPaying(t, "D5")
			p, err := b.pay.PayWithTestCard(ctx, buyer, id, card("4000 0000 0000 3220"))
			require.NoError(t, err)
			require.True(t, p.RequiresAction, "the bank asks for confirmation first")
			require.Equal(t, payments.RequiresPayment, b.payment(t, id).State)
			_, err = b.pay.Authenticate(ctx, buyer, id, approve)
			require.NoError(t, err)
			if approve {
				eventually(t, func() bool { return b.status(t, h.ID) == booking.Confirmed }, "confirmed after authentication")
				return
			}
			eventually(t, func() bool { return b.payment(t, id).State == payments.Failed }, "authentication failed")
			require.Contains(t, b.payment(t, id).FailureMessage, "authentication failed")
		})
	}
}

func TestOtherCardNumbersAreRefused(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOpts{})
	_, id := b.startPaying(t, "E1")
	_, err := b.pay.PayWithTestCard(context.Background(), buyer, id, card("5555 5555 5555 4444"))
	var fields validate.Errors
	require.ErrorAs(t, err, &fields)
	require.Contains(t, fields["number"], "isn't accepted")
	require.Equal(t, payments.RequiresPayment, b.payment(t, id).State, "nothing was charged")

	_, err = b.pay.PayWithTestCard(context.Background(), buyer+1, id, card("4242424242424242"))
	require.ErrorIs(t, err, payments.ErrNotFound, "only the buyer may pay their payment")
}
