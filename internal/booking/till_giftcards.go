package booking

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/booking/bookingdb"
	"github.com/marqueehq/marquee/internal/payments"
	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/pg"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

// Gift card amounts sold at the counter, in minor units: 1 to 1000 whole
// units, as the payments module issues them.
const (
	counterGiftCardMin = 100
	counterGiftCardMax = 1000_00
)

// GiftCardSale is a gift card sold at the box office: its amount in the
// till's currency, how it was paid and who it is for.
type GiftCardSale struct {
	// ChainID is the chain the card may be spent at: the till theater's.
	ChainID int64
	Amount  int64 // minor units
	// Method is PayCash or PayCard; Tendered is the cash handed over
	// (minor units, 0 means exact).
	Method   string
	Tendered int64
	// RecipientName, RecipientEmail and Message are optional.
	RecipientName, RecipientEmail, Message string
	// IssuedBy is the clerk's email (the card's ledger names it);
	// SellerName their name as the till shows it.
	IssuedBy, SellerName string
	// Token is the one-time token of the form that sold it
	// (NewGiftCardFormToken): the same token never sells twice.
	Token string
}

// GiftCardSold is a counter gift card sale as made. Code is the card's
// whole code, shown once; it is "" when Replayed: the form was sent
// before and its card was sold then (Last4 names that card).
type GiftCardSold struct {
	ID, TillID, CardID int64
	Code, Last4        string
	Amount             int64
	Currency, Method   string
	Tendered, Change   int64
	ExpiresAt          time.Time
	Replayed           bool
}

// NewGiftCardFormToken is a one-time token for a gift card sale form.
func NewGiftCardFormToken() (string, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("gift card form token: %w", err)
	}
	return hex.EncodeToString(b), nil
}

// validateGiftCardSale checks a sale's amount, payment and token and
// settles the cash: exact when nothing was typed, never less than the
// amount.
func validateGiftCardSale(sale *GiftCardSale) error {
	errs := validate.Errors{}
	errs.Check(sale.Amount >= counterGiftCardMin && sale.Amount <= counterGiftCardMax, "amount",
		i18n.Msg("Enter an amount from 1 to 1000, like 25.00."))
	switch sale.Method {
	case PayCash:
		if sale.Tendered == 0 {
			sale.Tendered = sale.Amount
		}
		errs.Check(sale.Tendered >= sale.Amount, "tendered", i18n.Msg("That is less than the total due."))
	case PayCard:
		sale.Tendered = 0
	default:
		errs["method"] = i18n.Msg("Choose how the customer paid: cash or card.")
	}
	errs.Check(len(sale.Token) >= 16 && len(sale.Token) <= 64, "token",
		i18n.Msg("This form has expired: check the details and sell again."))
	return errs.Err()
}

// SellGiftCard sells a gift card through till, in one transaction: the
// till is locked against its cash-up (ErrNoOpenTill once closed), cards
// issues the card (chain, the till's currency, the clerk as issuer, the
// currency's minimum validity) and the sale is recorded with its method,
// cash and form token. A token that sold before sells nothing and answers
// that sale, Replayed, without its code. cards is the payments module's
// issuer, which the handler holds (payments is built after booking).
// Errors: ErrNoOpenTill, ErrInvalid (validate.Errors: amount, method,
// tendered, token, and the card's recipient_name, recipient_email,
// message).
func (s *Service) SellGiftCard(ctx context.Context, cards GiftCardIssuer, clerkID int64, till Till, sale GiftCardSale) (GiftCardSold, error) {
	if err := validateGiftCardSale(&sale); err != nil {
		return GiftCardSold{}, err
	}
	var sold GiftCardSold
	err := pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		if _, err := s.q.TillSessionLockOpen(ctx, tx, till.ID); errors.Is(err, pgx.ErrNoRows) {
			return ErrNoOpenTill
		} else if err != nil {
			return fmt.Errorf("lock till %d: %w", till.ID, err)
		}
		if prev, err := s.q.TillGiftCardByToken(ctx, tx, sale.Token); err == nil {
			sold = giftCardSoldFromRow(prev)
			return nil
		} else if !errors.Is(err, pgx.ErrNoRows) {
			return fmt.Errorf("gift card sale by token: %w", err)
		}
		card, err := cards.IssueGiftCardTx(ctx, tx, payments.IssueRequest{ChainID: sale.ChainID, Currency: till.Currency,
			Amount: sale.Amount, RecipientName: sale.RecipientName, RecipientEmail: sale.RecipientEmail,
			Message: sale.Message, IssuedBy: sale.IssuedBy})
		if err != nil {
			return err
		}
		p := bookingdb.TillGiftCardInsertParams{TillSessionID: till.ID, GiftCardID: card.ID, CardLast4: card.Last4,
			AmountMinor: sale.Amount, Currency: till.Currency, Method: sale.Method, FormToken: sale.Token,
			SoldBy: clerkID, SellerName: sale.SellerName}
		if sale.Method == PayCash {
			change := sale.Tendered - sale.Amount
			p.TenderedMinor, p.ChangeMinor = &sale.Tendered, &change
		}
		row, err := s.q.TillGiftCardInsert(ctx, tx, p)
		if err != nil {
			return fmt.Errorf("record gift card %d in till %d: %w", card.ID, till.ID, err)
		}
		sold = giftCardSoldFromRow(row)
		sold.Code, sold.ExpiresAt, sold.Replayed = card.Code, card.ExpiresAt, false
		return nil
	})
	if pg.IsUniqueViolation(err, "till_gift_cards_form_token_key") {
		// The same form sent twice at once: the other sold the card and
		// this transaction, its card with it, rolled back.
		row, err := s.q.TillGiftCardByToken(ctx, s.pool, sale.Token)
		if err != nil {
			return GiftCardSold{}, fmt.Errorf("gift card sale by token: %w", err)
		}
		return giftCardSoldFromRow(row), nil
	}
	if err != nil {
		return GiftCardSold{}, fmt.Errorf("sell a gift card of %d %s in till %d: %w", sale.Amount, till.Currency, till.ID, err)
	}
	return sold, nil
}

// giftCardSoldFromRow is a recorded sale, without its code (Replayed).
func giftCardSoldFromRow(r bookingdb.BookingTillGiftCard) GiftCardSold {
	g := GiftCardSold{ID: r.ID, TillID: r.TillSessionID, CardID: r.GiftCardID, Last4: r.CardLast4, Amount: r.AmountMinor,
		Currency: r.Currency, Method: r.Method, Replayed: true}
	if r.TenderedMinor != nil && r.ChangeMinor != nil {
		g.Tendered, g.Change = *r.TenderedMinor, *r.ChangeMinor
	}
	return g
}
