package payments

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/payments/paymentsdb"
)

// GiftCardMail is a bought card's code for its recipient (or the buyer,
// when the card is their own), written in Lang.
type GiftCardMail struct {
	OrderID int64
	// UserID is the buyer; Email the recipient's address ("": the buyer's).
	UserID    int64
	Email     string
	Name      string
	Message   string
	Code      string
	Amount    int64
	Currency  string
	ExpiresAt string // "2027-12-06"
	Lang      string
}

// subject is who hears about booking id's payments: the booking module,
// or, for a gift card order, giftOrders.
func (s *Service) subject(id int64) Bookings {
	if _, ok := giftOrderOf(id); ok {
		return giftOrders{s}
	}
	return s.bookings
}

// giftOrders is the Bookings of gift card orders: a paid order issues its
// card, a refund takes the money back off it.
type giftOrders struct{ s *Service }

// PaymentSucceeded issues the order's card (once) and hands its code to
// GiftCardBought. An order is never too late: nothing was held for it.
func (g giftOrders) PaymentSucceeded(ctx context.Context, tx pgx.Tx, bookingID int64) (bool, error) {
	id, _ := giftOrderOf(bookingID)
	row, err := g.s.q.GiftOrderGetForUpdate(ctx, tx, id)
	if err != nil {
		return false, fmt.Errorf("lock gift card order %d: %w", id, err)
	}
	if row.State == GiftOrderPaid || row.State == GiftOrderRefunded {
		return true, nil
	}
	card, err := g.s.IssueGiftCardTx(ctx, tx, IssueRequest{ChainID: row.ChainID, Currency: row.Currency,
		Amount: row.AmountMinor, RecipientName: row.RecipientName, RecipientEmail: row.RecipientEmail,
		Message: row.Message, IssuedBy: GiftOrderCode(id)})
	if err != nil {
		return false, err
	}
	if err := g.s.q.GiftOrderPaid(ctx, tx, paymentsdb.GiftOrderPaidParams{ID: id, CardID: &card.ID}); err != nil {
		return false, fmt.Errorf("gift card order %d paid: %w", id, err)
	}
	if g.s.opts.GiftCardBought == nil {
		return true, nil
	}
	return true, g.s.opts.GiftCardBought(ctx, tx, GiftCardMail{OrderID: id, UserID: row.UserID, Email: row.RecipientEmail,
		Name: row.RecipientName, Message: row.Message, Code: card.Code, Amount: card.Initial, Currency: card.Currency,
		ExpiresAt: card.ExpiresAt.Format("2006-01-02"), Lang: row.Lang})
}

// PaymentFailed marks the order failed once no attempt is left.
func (g giftOrders) PaymentFailed(ctx context.Context, tx pgx.Tx, bookingID int64, _ string, final bool) error {
	id, _ := giftOrderOf(bookingID)
	if !final {
		return nil
	}
	row, err := g.s.q.GiftOrderGetForUpdate(ctx, tx, id)
	if err != nil {
		return fmt.Errorf("lock gift card order %d: %w", id, err)
	}
	if row.State != GiftOrderPending {
		return nil
	}
	return g.s.q.GiftOrderSetState(ctx, tx, paymentsdb.GiftOrderSetStateParams{ID: id, State: GiftOrderFailed})
}

// PaymentRefunded takes what was refunded off the order's card (what is
// left of it, when some was spent), and voids the card on a full refund.
func (g giftOrders) PaymentRefunded(ctx context.Context, tx pgx.Tx, bookingID int64, amount int64, full bool) error {
	id, _ := giftOrderOf(bookingID)
	row, err := g.s.q.GiftOrderGetForUpdate(ctx, tx, id)
	if err != nil {
		return fmt.Errorf("lock gift card order %d: %w", id, err)
	}
	if row.CardID == nil {
		return nil
	}
	card, err := g.s.q.GiftCardGetForUpdate(ctx, tx, *row.CardID)
	if err != nil {
		return fmt.Errorf("lock gift card %d: %w", *row.CardID, err)
	}
	take := min(amount, card.BalanceMinor)
	if full {
		take = card.BalanceMinor
	}
	if take > 0 {
		if err := g.s.q.GiftCardSetBalance(ctx, tx, paymentsdb.GiftCardSetBalanceParams{ID: card.ID,
			BalanceMinor: card.BalanceMinor - take}); err != nil {
			return fmt.Errorf("take refund off gift card %d: %w", card.ID, err)
		}
		if err := g.s.q.GiftCardLedgerInsert(ctx, tx, paymentsdb.GiftCardLedgerInsertParams{CardID: card.ID, Kind: "void",
			AmountMinor: -take, BalanceAfter: card.BalanceMinor - take, Actor: GiftOrderCode(id),
			Note: "Its purchase was refunded."}); err != nil {
			return fmt.Errorf("ledger of gift card %d: %w", card.ID, err)
		}
	}
	if !full {
		return nil
	}
	if err := g.s.q.GiftCardVoid(ctx, tx, card.ID); err != nil {
		return fmt.Errorf("void gift card %d: %w", card.ID, err)
	}
	return g.s.q.GiftOrderSetState(ctx, tx, paymentsdb.GiftOrderSetStateParams{ID: id, State: GiftOrderRefunded})
}

// BookingStates says each order's state in a booking's words, for the
// daily check.
func (g giftOrders) BookingStates(ctx context.Context, ids []int64) (map[int64]string, error) {
	orders := make([]int64, len(ids))
	for i, b := range ids {
		orders[i], _ = giftOrderOf(b)
	}
	rows, err := g.s.q.GiftOrderStates(ctx, g.s.pool, orders)
	if err != nil {
		return nil, fmt.Errorf("gift card order states: %w", err)
	}
	words := map[string]string{GiftOrderPending: "pending_payment", GiftOrderPaid: "confirmed",
		GiftOrderFailed: "payment_failed", GiftOrderRefunded: "refunded"}
	out := make(map[int64]string, len(rows))
	for _, r := range rows {
		out[giftOrderSubject(r.ID)] = words[r.State]
	}
	return out, nil
}

// bookingStates is BookingStates of bookings and orders alike.
func (s *Service) bookingStates(ctx context.Context, ids []int64) (map[int64]string, error) {
	var bookings, orders []int64
	for _, id := range ids {
		if _, ok := giftOrderOf(id); ok {
			orders = append(orders, id)
		} else {
			bookings = append(bookings, id)
		}
	}
	out, err := s.bookings.BookingStates(ctx, bookings)
	if err != nil || len(orders) == 0 {
		return out, err
	}
	more, err := giftOrders{s}.BookingStates(ctx, orders)
	if out == nil {
		out = map[int64]string{}
	}
	for k, v := range more {
		out[k] = v
	}
	return out, err
}
