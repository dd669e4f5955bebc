package payments

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"

	"github.com/marqueehq/marquee/internal/payments/paymentsdb"
	"github.com/marqueehq/marquee/internal/platform/pg"
)

// writeOffBatch is how many expired cards one transaction writes off.
const writeOffBatch = 200

// WriteOffExpiredGiftCards takes what is left on every card past its
// expiry off it, as an "expire" line of its ledger (the chain's accounts
// call it breakage), and returns how many cards it wrote off. A card's
// money that comes back later (a hold released) is written off by the
// next run.
func (s *Service) WriteOffExpiredGiftCards(ctx context.Context) (int, error) {
	n := 0
	for {
		ids, err := s.q.GiftCardsToWriteOff(ctx, s.pool, paymentsdb.GiftCardsToWriteOffParams{Now: s.opts.Now(), Lim: writeOffBatch})
		if err != nil {
			return n, fmt.Errorf("expired gift cards: %w", err)
		}
		for _, id := range ids {
			if err := pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
				return s.writeOff(ctx, tx, id)
			}); err != nil {
				return n, err
			}
		}
		n += len(ids)
		if len(ids) < writeOffBatch {
			return n, nil
		}
	}
}

// writeOff takes card id's balance off it inside tx, if it is still an
// expired active card with money on it.
func (s *Service) writeOff(ctx context.Context, tx pgx.Tx, id int64) error {
	card, err := s.q.GiftCardGetForUpdate(ctx, tx, id)
	if err != nil {
		return fmt.Errorf("lock gift card %d: %w", id, err)
	}
	if card.Status != string(GiftCardActive) || card.BalanceMinor == 0 || !card.ExpiresAt.Before(s.opts.Now()) {
		return nil
	}
	if err := s.q.GiftCardSetBalance(ctx, tx, paymentsdb.GiftCardSetBalanceParams{ID: id}); err != nil {
		return fmt.Errorf("write off gift card %d: %w", id, err)
	}
	return s.q.GiftCardLedgerInsert(ctx, tx, paymentsdb.GiftCardLedgerInsertParams{CardID: id, Kind: "expire",
		AmountMinor: -card.BalanceMinor, Actor: "system", Note: "Expired on " + card.ExpiresAt.Format(time.DateOnly) + "."})
}

// GiftCardWriteOffArgs writes off the balances of expired gift cards.
type GiftCardWriteOffArgs struct{}

// Kind names the job in River.
func (GiftCardWriteOffArgs) Kind() string { return "payments.gift_card_write_off" }

type giftCardWriteOffWorker struct {
	river.WorkerDefaults[GiftCardWriteOffArgs]
	svc *Service
}

// Work writes off the expired cards' balances.
func (w *giftCardWriteOffWorker) Work(ctx context.Context, _ *river.Job[GiftCardWriteOffArgs]) error {
	_, err := w.svc.WriteOffExpiredGiftCards(ctx)
	return err
}
