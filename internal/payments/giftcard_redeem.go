package payments

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/payments/paymentsdb"
)

// Gift cards pay for a booking in three steps, each inside the caller's
// transaction: a hold takes the money off the card at once (so two
// bookings can never spend the same balance), the payment's success
// captures it, and a payment that fails or runs out releases it back.
// Refunds of a paid booking give captured money back to its cards.
//
// Lock order: a card's row first, then its redemption. Functions touching
// all of a booking's cards lock them in ascending id order. holdGiftCard
// locks the one card it is given; a caller holding several cards in one
// transaction should hold them in ascending code order or accept that two
// bookings sharing two cards may deadlock (PostgreSQL then fails one).

// holdGiftCard holds up to upTo (minor units) of the card with code towards
// bookingID, at a cinema of chainID, in currency: held is min(balance,
// upTo). Holding a card the booking already holds (or has paid with)
// answers that hold's amount and takes nothing more, so applying a card
// twice is harmless; a card whose hold was released is held afresh.
// Errors: ErrGiftCardUnknown (no such card, void, or not a code),
// ErrGiftCardExpired, ErrGiftCardChain, ErrGiftCardCurrency,
// ErrGiftCardEmpty, ErrInvalid (upTo is not positive).
func (s *Service) holdGiftCard(ctx context.Context, tx pgx.Tx, code string, bookingID, chainID int64, currency string, upTo int64) (held int64, err error) {
	wrap := func(err error) error { return fmt.Errorf("hold gift card for booking %d: %w", bookingID, err) }
	if upTo <= 0 {
		return 0, wrap(fmt.Errorf("nothing to pay (%d): %w", upTo, ErrInvalid))
	}
	norm, ok := normaliseGiftCardCode(code)
	if !ok {
		return 0, wrap(ErrGiftCardUnknown)
	}
	card, err := s.q.GiftCardByHashForUpdate(ctx, tx, giftCardHash(norm))
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, wrap(ErrGiftCardUnknown)
	}
	if err != nil {
		return 0, wrap(err)
	}
	switch c := s.giftCardOf(card); {
	case c.State == GiftCardVoid:
		return 0, wrap(ErrGiftCardUnknown)
	case c.State == GiftCardExpired:
		return 0, wrap(ErrGiftCardExpired)
	case c.ChainID != 0 && c.ChainID != chainID:
		return 0, wrap(ErrGiftCardChain)
	case c.Currency != currency:
		return 0, wrap(ErrGiftCardCurrency)
	}
	red, err := s.q.GiftCardRedemptionGetForUpdate(ctx, tx, paymentsdb.GiftCardRedemptionGetForUpdateParams{BookingID: bookingID, CardID: card.ID})
	found := err == nil
	if err != nil && !errors.Is(err, pgx.ErrNoRows) {
		return 0, wrap(err)
	}
	if found && red.State != "released" {
		return red.AmountMinor - red.RefundedMinor, nil
	}
	if card.BalanceMinor == 0 {
		return 0, wrap(ErrGiftCardEmpty)
	}
	take := min(card.BalanceMinor, upTo)
	if err := s.q.GiftCardSetBalance(ctx, tx, paymentsdb.GiftCardSetBalanceParams{ID: card.ID, BalanceMinor: card.BalanceMinor - take}); err != nil {
		return 0, wrap(err)
	}
	if found {
		err = s.q.GiftCardRedemptionRehold(ctx, tx, paymentsdb.GiftCardRedemptionReholdParams{ID: red.ID, AmountMinor: take})
	} else {
		err = s.q.GiftCardRedemptionInsert(ctx, tx, paymentsdb.GiftCardRedemptionInsertParams{CardID: card.ID, BookingID: bookingID, AmountMinor: take})
	}
	if err != nil {
		return 0, wrap(err)
	}
	if err := s.giftCardLedger(ctx, tx, card.ID, "hold", -take, card.BalanceMinor-take, bookingID, "", ""); err != nil {
		return 0, wrap(err)
	}
	return take, nil
}

// giftCardsHeld is what bookingID's cards pay towards it: held and
// captured money, less what was refunded to them. Errors: the database's.
func (s *Service) giftCardsHeld(ctx context.Context, tx pgx.Tx, bookingID int64) (int64, error) {
	n, err := s.q.GiftCardHeldForBooking(ctx, tx, bookingID)
	if err != nil {
		return 0, fmt.Errorf("gift cards held for booking %d: %w", bookingID, err)
	}
	return n, nil
}

// captureGiftCards turns bookingID's held cards into payment (its payment
// succeeded). The money left the cards at hold; the ledger notes the sale
// with a capture line of 0. Errors: the database's.
func (s *Service) captureGiftCards(ctx context.Context, tx pgx.Tx, bookingID int64) error {
	err := s.eachHeldGiftCard(ctx, tx, bookingID, func(r paymentsdb.PaymentsGiftCardRedemption, card *paymentsdb.PaymentsGiftCard) error {
		if err := s.q.GiftCardRedemptionSetState(ctx, tx, paymentsdb.GiftCardRedemptionSetStateParams{ID: r.ID, State: "captured"}); err != nil {
			return err
		}
		return s.giftCardLedger(ctx, tx, card.ID, "capture", 0, card.BalanceMinor, bookingID, "", "")
	})
	if err != nil {
		return fmt.Errorf("capture gift cards of booking %d: %w", bookingID, err)
	}
	return nil
}

// releaseGiftCards gives bookingID's held money back to its cards (the
// booking was not paid for); why is noted in each card's ledger. Errors:
// the database's.
func (s *Service) releaseGiftCards(ctx context.Context, tx pgx.Tx, bookingID int64, why string) error {
	err := s.eachHeldGiftCard(ctx, tx, bookingID, func(r paymentsdb.PaymentsGiftCardRedemption, card *paymentsdb.PaymentsGiftCard) error {
		if err := s.q.GiftCardRedemptionSetState(ctx, tx, paymentsdb.GiftCardRedemptionSetStateParams{ID: r.ID, State: "released"}); err != nil {
			return err
		}
		card.BalanceMinor += r.AmountMinor
		if err := s.q.GiftCardSetBalance(ctx, tx, paymentsdb.GiftCardSetBalanceParams{ID: card.ID, BalanceMinor: card.BalanceMinor}); err != nil {
			return err
		}
		return s.giftCardLedger(ctx, tx, card.ID, "release", r.AmountMinor, card.BalanceMinor, bookingID, "", why)
	})
	if err != nil {
		return fmt.Errorf("release gift cards of booking %d: %w", bookingID, err)
	}
	return nil
}

// eachHeldGiftCard locks bookingID's cards and calls fn for each of its
// held redemptions with its card (fn may change the card's balance; the
// next redemption of the same card sees it).
func (s *Service) eachHeldGiftCard(ctx context.Context, tx pgx.Tx, bookingID int64,
	fn func(paymentsdb.PaymentsGiftCardRedemption, *paymentsdb.PaymentsGiftCard) error) error {
	cards, reds, err := s.lockBookingGiftCards(ctx, tx, bookingID)
	if err != nil {
		return err
	}
	for _, r := range reds {
		if r.State != "held" {
			continue
		}
		if err := fn(r, cards[r.CardID]); err != nil {
			return err
		}
	}
	return nil
}

// lockBookingGiftCards locks bookingID's cards (ascending id) and returns
// them by id, with its redemptions newest first.
func (s *Service) lockBookingGiftCards(ctx context.Context, tx pgx.Tx, bookingID int64) (map[int64]*paymentsdb.PaymentsGiftCard, []paymentsdb.PaymentsGiftCardRedemption, error) {
	rows, err := s.q.GiftCardsOfBookingForUpdate(ctx, tx, bookingID)
	if err != nil {
		return nil, nil, err
	}
	cards := make(map[int64]*paymentsdb.PaymentsGiftCard, len(rows))
	for i := range rows {
		cards[rows[i].ID] = &rows[i]
	}
	reds, err := s.q.GiftCardRedemptionsOfBooking(ctx, tx, bookingID)
	return cards, reds, err
}

// refundToGiftCards gives up to amount of bookingID's captured gift card
// money back to its cards, newest redemption first, and answers how much
// went back; the caller refunds the rest to the booking's other payment.
// Void cards get nothing back (their money is gone with them). It is
// idempotent by refundKey: a key that gave money back before answers that
// amount again and changes nothing (a key that gave nothing records
// nothing). Errors: the database's.
func (s *Service) refundToGiftCards(ctx context.Context, tx pgx.Tx, bookingID, amount int64, refundKey string) (refunded int64, err error) {
	wrap := func(err error) error {
		return fmt.Errorf("refund %d to gift cards of booking %d (%s): %w", amount, bookingID, refundKey, err)
	}
	// The cards' locks make two refunds of one booking take turns, so the
	// second sees the first's ledger lines.
	cards, reds, err := s.lockBookingGiftCards(ctx, tx, bookingID)
	if err != nil {
		return 0, wrap(err)
	}
	done, err := s.q.GiftCardLedgerRefunded(ctx, tx, paymentsdb.GiftCardLedgerRefundedParams{BookingID: &bookingID, RefundKey: &refundKey})
	if err != nil {
		return 0, wrap(err)
	}
	if done.Rows > 0 {
		return done.Amount, nil
	}
	for _, r := range reds {
		card := cards[r.CardID]
		left := r.AmountMinor - r.RefundedMinor
		if refunded >= amount || r.State != "captured" || left <= 0 || card.Status == string(GiftCardVoid) {
			continue
		}
		give := min(left, amount-refunded)
		if err := s.q.GiftCardRedemptionAddRefunded(ctx, tx, paymentsdb.GiftCardRedemptionAddRefundedParams{ID: r.ID, AmountMinor: give}); err != nil {
			return 0, wrap(err)
		}
		card.BalanceMinor += give
		if err := s.q.GiftCardSetBalance(ctx, tx, paymentsdb.GiftCardSetBalanceParams{ID: card.ID, BalanceMinor: card.BalanceMinor}); err != nil {
			return 0, wrap(err)
		}
		if err := s.giftCardLedger(ctx, tx, card.ID, "refund", give, card.BalanceMinor, bookingID, refundKey, ""); err != nil {
			return 0, wrap(err)
		}
		refunded += give
	}
	return refunded, nil
}

// giftCardLedger writes one ledger line; refundKey "" is none. Holds,
// captures and releases are the checkout's doing, refunds the refund's.
func (s *Service) giftCardLedger(ctx context.Context, tx pgx.Tx, cardID int64, kind string, amount, after, bookingID int64, refundKey, note string) error {
	p := paymentsdb.GiftCardLedgerInsertParams{CardID: cardID, Kind: kind, AmountMinor: amount, BalanceAfter: after,
		BookingID: &bookingID, Actor: "booking " + strconv.FormatInt(bookingID, 10), Note: note}
	if refundKey != "" {
		p.RefundKey = &refundKey
	}
	return s.q.GiftCardLedgerInsert(ctx, tx, p)
}
