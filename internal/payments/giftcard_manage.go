package payments

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/payments/paymentsdb"
	"github.com/marqueehq/marquee/internal/platform/pg"
)

// GiftCardChains says whose cards a list shows: every card (All), or the
// cards of ChainIDs (cards valid at every cinema only with All).
type GiftCardChains struct {
	All      bool
	ChainIDs []int64
}

// GiftCards lists cards newest first, of chains, those whose code ends in
// last4 only when it is not "". Errors: the database's.
func (s *Service) GiftCards(ctx context.Context, chains GiftCardChains, last4 string, limit, offset int) ([]GiftCard, error) {
	ids := chains.ChainIDs
	if ids == nil {
		ids = []int64{}
	}
	rows, err := s.q.GiftCardList(ctx, s.pool, paymentsdb.GiftCardListParams{AllChains: chains.All, ChainIds: ids,
		Last4: last4, Lim: int32(limit), Off: int32(offset)}) // #nosec G115 -- page sizes and offsets of a list page
	if err != nil {
		return nil, fmt.Errorf("list gift cards: %w", err)
	}
	out := make([]GiftCard, len(rows))
	for i, r := range rows {
		out[i] = s.giftCardOf(r)
	}
	return out, nil
}

// GiftCardEntry is one line of a card's ledger. Amount is signed: negative
// took from the balance.
type GiftCardEntry struct {
	ID           int64
	Kind         string
	Amount       int64
	BalanceAfter int64
	BookingID    int64 // 0: none
	RefundKey    string
	Actor        string
	Note         string
	At           time.Time
}

// GiftCardDetail is a card with its ledger, oldest line first.
func (s *Service) GiftCardDetail(ctx context.Context, id int64) (GiftCard, []GiftCardEntry, error) {
	row, err := s.q.GiftCardGet(ctx, s.pool, id)
	if errors.Is(err, pgx.ErrNoRows) {
		return GiftCard{}, nil, fmt.Errorf("gift card %d: %w", id, ErrGiftCardUnknown)
	}
	if err != nil {
		return GiftCard{}, nil, fmt.Errorf("gift card %d: %w", id, err)
	}
	lines, err := s.q.GiftCardLedgerList(ctx, s.pool, id)
	if err != nil {
		return GiftCard{}, nil, fmt.Errorf("gift card %d ledger: %w", id, err)
	}
	out := make([]GiftCardEntry, len(lines))
	for i, l := range lines {
		e := GiftCardEntry{ID: l.ID, Kind: l.Kind, Amount: l.AmountMinor, BalanceAfter: l.BalanceAfter, Actor: l.Actor,
			Note: l.Note, At: l.CreatedAt}
		if l.BookingID != nil {
			e.BookingID = *l.BookingID
		}
		if l.RefundKey != nil {
			e.RefundKey = *l.RefundKey
		}
		out[i] = e
	}
	return s.giftCardOf(row), out, nil
}

// VoidGiftCard cancels a card: its balance goes to nothing (a "void" line
// in the ledger says how much), and its code answers as unknown from now
// on. Voiding a void card changes nothing. Errors: ErrGiftCardUnknown (no
// such card), ErrGiftCardInUse (it holds money for a booking being paid
// for: voiding it would leave that money nowhere).
func (s *Service) VoidGiftCard(ctx context.Context, id int64, actor, reason string) error {
	err := pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		card, err := s.q.GiftCardGetForUpdate(ctx, tx, id)
		if errors.Is(err, pgx.ErrNoRows) {
			return ErrGiftCardUnknown
		}
		if err != nil || card.Status == string(GiftCardVoid) {
			return err
		}
		open, err := s.q.GiftCardOpenHolds(ctx, tx, id)
		if err != nil {
			return err
		}
		if open > 0 {
			return ErrGiftCardInUse
		}
		if err := s.q.GiftCardVoid(ctx, tx, id); err != nil {
			return err
		}
		return s.q.GiftCardLedgerInsert(ctx, tx, paymentsdb.GiftCardLedgerInsertParams{CardID: id, Kind: "void",
			AmountMinor: -card.BalanceMinor, BalanceAfter: 0, Actor: actor, Note: reason})
	})
	if err != nil {
		return fmt.Errorf("void gift card %d: %w", id, err)
	}
	return nil
}
