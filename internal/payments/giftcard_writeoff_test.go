package payments_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/payments"
)

func TestAnExpiredCardsBalanceIsWrittenOffInItsLedger(t *testing.T) {
	t.Parallel()
	srv := giftApp(t, "100", "100")
	ctx := context.Background()
	old := issueCard(t, srv, payments.IssueRequest{Amount: 12_00})
	live := issueCard(t, srv, payments.IssueRequest{Amount: 8_00})
	_, err := srv.Pool.Exec(ctx, "UPDATE payments.gift_cards SET expires_at = now() - interval '1 day' WHERE id = $1", old.ID)
	require.NoError(t, err)

	n, err := srv.Payments.WriteOffExpiredGiftCards(ctx)
	require.NoError(t, err)
	require.Equal(t, 1, n, "only the expired card")
	card, ledger, err := srv.Payments.GiftCardDetail(ctx, old.ID)
	require.NoError(t, err)
	require.Zero(t, card.Balance)
	last := ledger[len(ledger)-1]
	require.Equal(t, "expire", last.Kind)
	require.Equal(t, int64(-12_00), last.Amount)
	var sum int64
	for _, l := range ledger {
		sum += l.Amount
	}
	require.Zero(t, sum, "the ledger still sums to the balance")

	card, _, err = srv.Payments.GiftCardDetail(ctx, live.ID)
	require.NoError(t, err)
	require.Equal(t, int64(8_00), card.Balance, "a valid card keeps its money")
	n, err = srv.Payments.WriteOffExpiredGiftCards(ctx)
	require.NoError(t, err)
	require.Zero(t, n, "a second run finds nothing to write off")
}
