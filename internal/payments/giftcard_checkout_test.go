package payments_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/payments"
)

// giftCard issues a card of amount (GBP, valid everywhere) and returns its
// code.
func (b *bundle) giftCard(t *testing.T, amount int64) string {
	t.Helper()
	c, err := b.pay.IssueGiftCard(context.Background(), payments.IssueRequest{Currency: "GBP", Amount: amount, IssuedBy: "test"})
	require.NoError(t, err)
	return c.Code
}

func (b *bundle) balance(t *testing.T, code string) int64 {
	t.Helper()
	st, err := b.pay.GiftCardBalance(context.Background(), code)
	require.NoError(t, err)
	return st.Balance
}

// TestAGiftCardPaysHalfAndTheCardPaysTheRest: a card worth half the
// booking is applied, the pay page asks for the other half, a card pays
// it, and the booking is confirmed with the card emptied; cancelling gives
// the card its half back and refunds the card payment the rest.
func TestAGiftCardPaysHalfAndTheCardPaysTheRest(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOpts{})
	ctx := context.Background()
	h, id := b.startPaying(t, "A1", "A2")
	total := b.payment(t, id).Amount
	code := b.giftCard(t, total/2)

	p, err := b.pay.ApplyGiftCard(ctx, buyer, id, code)
	require.NoError(t, err)
	require.NotEqual(t, id, p.ID, "the rest is a new attempt")
	require.Equal(t, total-total/2, p.Amount, "what is left to pay")
	require.Equal(t, payments.ProviderTest, p.Provider, "paid the way the buyer chose")
	require.Zero(t, b.balance(t, code), "the card's money is held for the booking")

	_, err = b.pay.PayWithTestCard(ctx, buyer, p.ID, card("4242424242424242"))
	require.NoError(t, err)
	eventually(t, func() bool { return b.status(t, h.ID) == booking.Confirmed }, "the booking is confirmed")
	require.Zero(t, b.balance(t, code), "the card paid its share")

	_, err = b.booking.Cancel(ctx, buyer, h.ID)
	require.NoError(t, err)
	eventually(t, func() bool { return b.balance(t, code) == total/2 }, "the card gets its share back")
	eventually(t, func() bool { return b.payment(t, p.ID).Refunded > 0 }, "the card payment is refunded the rest")
}

// TestAGiftCardThatCoversTheBookingPaysForItAtOnce: no card is asked for.
func TestAGiftCardThatCoversTheBookingPaysForItAtOnce(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOpts{})
	ctx := context.Background()
	h, id := b.startPaying(t, "B1")
	total := b.payment(t, id).Amount
	code := b.giftCard(t, total+5_00)

	p, err := b.pay.ApplyGiftCard(ctx, buyer, id, code)
	require.NoError(t, err)
	require.Equal(t, payments.ProviderGiftCard, p.Provider)
	require.Equal(t, payments.Succeeded, p.State)
	require.Equal(t, booking.Confirmed, b.status(t, h.ID), "confirmed in the same transaction")
	require.Equal(t, int64(5_00), b.balance(t, code), "the card keeps what the booking did not need")

	_, err = b.pay.ApplyGiftCard(ctx, buyer, id, code)
	require.ErrorIs(t, err, payments.ErrNotPayable, "the old attempt cannot take a second card")
}

// TestAPaymentThatFailsForGoodGivesTheGiftCardItsMoneyBack: three declined
// cards end the booking; the gift card held for it is whole again.
func TestAPaymentThatFailsForGoodGivesTheGiftCardItsMoneyBack(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOpts{})
	ctx := context.Background()
	h, id := b.startPaying(t, "C1", "C2")
	code := b.giftCard(t, 3_00)
	p, err := b.pay.ApplyGiftCard(ctx, buyer, id, code)
	require.NoError(t, err)
	require.Zero(t, b.balance(t, code))
	for try := range 3 {
		_, err = b.pay.PayWithTestCard(ctx, buyer, p.ID, card("4000000000000002"))
		require.NoError(t, err, "try %d", try)
		eventually(t, func() bool { return b.payment(t, p.ID).State == payments.Failed }, "declined")
		if try < 2 {
			req, err := b.booking.StartPayment(ctx, buyer, h.ID)
			require.NoError(t, err)
			path, err := b.pay.Begin(ctx, req)
			require.NoError(t, err)
			_, err = fmt.Sscanf(path, "/pay/%d", &p.ID)
			require.NoError(t, err)
			require.Equal(t, b.payment(t, id).Amount-3_00, b.payment(t, p.ID).Amount, "the card still pays its share")
		}
	}
	eventually(t, func() bool { return b.balance(t, code) == 3_00 }, "the card has its money back")
	require.Equal(t, booking.PaymentFailed, b.status(t, h.ID))
}

// TestAGiftCardIsRefusedWithItsReason: a code that is not a card, and a
// card in another currency.
func TestAGiftCardIsRefusedWithItsReason(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOpts{})
	ctx := context.Background()
	_, id := b.startPaying(t, "D1")
	_, err := b.pay.ApplyGiftCard(ctx, buyer, id, "NOPE-NOPE-NOPE-NOPE")
	require.ErrorIs(t, err, payments.ErrGiftCardUnknown)
	c, err := b.pay.IssueGiftCard(ctx, payments.IssueRequest{Currency: "INR", Amount: 500_00, IssuedBy: "test"})
	require.NoError(t, err)
	_, err = b.pay.ApplyGiftCard(ctx, buyer, id, c.Code)
	require.ErrorIs(t, err, payments.ErrGiftCardCurrency)
	_, err = b.pay.ApplyGiftCard(ctx, buyer+1, id, c.Code)
	require.ErrorIs(t, err, payments.ErrNotFound, "another buyer's payment")
}

// TestTheAppPutsAGiftCardTowardsAPayment: the app applies a card through
// the API and gets the payment for the rest; a code typed wrong gets a
// problem with its code, another buyer's payment is 404, and a method the
// booking is not offered is refused with the field.
func TestTheAppPutsAGiftCardTowardsAPayment(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOpts{})
	app := b.appBuyer(t, "Gifty")
	p := app.pay(t, app.hold(t, "E1", "E2"))
	require.Equal(t, []string{payments.ProviderTest}, p.Methods, "the ways to pay this booking")
	code := b.giftCard(t, 5_00)

	r := app.Do(t, http.MethodPost, fmt.Sprintf("/api/v1/payments/%d/gift-card", p.ID), map[string]any{"code": "NOPE-NOPE-NOPE-NOPE"})
	require.Equal(t, http.StatusNotFound, r.Status, r.Body)
	require.Contains(t, string(r.Body), "unknown_gift_card")

	other := b.appBuyer(t, "Stranger")
	r = other.Do(t, http.MethodPost, fmt.Sprintf("/api/v1/payments/%d/gift-card", p.ID), map[string]any{"code": code})
	require.Equal(t, http.StatusNotFound, r.Status, "another buyer's payment: %s", r.Body)
	require.Equal(t, int64(5_00), b.balance(t, code), "and the card is untouched")

	r = app.Do(t, http.MethodPost, fmt.Sprintf("/api/v1/payments/%d/method", p.ID), map[string]any{"method": "paypal"})
	require.Equal(t, http.StatusUnprocessableEntity, r.Status, "PayPal has no keys here: %s", r.Body)
	require.Contains(t, string(r.Body), `"method"`)

	r = app.Do(t, http.MethodPost, fmt.Sprintf("/api/v1/payments/%d/gift-card", p.ID), map[string]any{"code": code})
	require.Equal(t, http.StatusOK, r.Status, r.Body)
	rest := mustPayment(t, r)
	require.Equal(t, p.Amount-5_00, rest.Amount, "the payment for the rest")
	require.Equal(t, payments.ProviderTest, rest.Provider)
	require.Zero(t, b.balance(t, code))
}
