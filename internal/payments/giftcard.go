package payments

import (
	"context"
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/payments/paymentsdb"
	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/pg"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

// Gift card errors. Their messages are written for buyers and staff.
var (
	// ErrGiftCardUnknown: no card has that code, or it was voided (the
	// two answer alike, so a code's answer tells nobody which).
	ErrGiftCardUnknown = errors.New(i18n.Msg("We don't recognise that gift card code. Check it and try again."))
	// ErrGiftCardExpired: the card's validity has ended.
	ErrGiftCardExpired = errors.New(i18n.Msg("This gift card has expired, so it can't be used."))
	// ErrGiftCardEmpty: nothing is left on the card.
	ErrGiftCardEmpty = errors.New(i18n.Msg("This gift card has no balance left."))
	// ErrGiftCardCurrency: the card is in another currency than the booking.
	ErrGiftCardCurrency = errors.New(i18n.Msg("This gift card is in a different currency from this booking."))
	// ErrGiftCardChain: the card is for another chain's cinemas.
	ErrGiftCardChain = errors.New(i18n.Msg("This gift card can't be used at this cinema."))
	// ErrGiftCardInUse: the card is paying for a booking right now.
	ErrGiftCardInUse = errors.New(i18n.Msg("This gift card is paying for a booking right now. Try again once that payment has finished."))
	// ErrGiftCardForGiftCard: a gift card cannot buy another.
	ErrGiftCardForGiftCard = errors.New(i18n.Msg("A gift card cannot pay for another gift card."))
)

// GiftCardState is where a card stands.
type GiftCardState string

// Gift card states; Expired is an active card past its expiry.
const (
	GiftCardActive  GiftCardState = "active"
	GiftCardExpired GiftCardState = "expired"
	GiftCardVoid    GiftCardState = "void"
)

// GiftCard is a card as staff see it (never its code).
type GiftCard struct {
	ID    int64
	Last4 string
	// ChainID is the chain the card may be spent at; 0: every cinema.
	ChainID        int64
	Currency       string
	Initial        int64 // minor units
	Balance        int64 // minor units
	ExpiresAt      time.Time
	State          GiftCardState
	IssuedBy       string
	RecipientName  string
	RecipientEmail string
	Message        string
	CreatedAt      time.Time
}

// GiftCardStatus is what the holder of a code may learn about its card.
type GiftCardStatus struct {
	Last4     string
	Balance   int64 // minor units
	Currency  string
	ExpiresAt time.Time
	ChainID   int64 // 0: every cinema
	// Status is GiftCardActive or GiftCardExpired.
	Status GiftCardState
}

// IssueRequest asks for a new gift card.
type IssueRequest struct {
	// ChainID is the chain the card may be spent at; 0: every cinema.
	ChainID  int64
	Currency string
	Amount   int64 // minor units, 1 to 1000 whole units
	// ValidMonths is the validity; 0: the currency's minimum
	// (giftCardMinValidity), and never less than it.
	ValidMonths    int
	RecipientName  string
	RecipientEmail string
	Message        string
	// IssuedBy names the staff member (their email).
	IssuedBy string
}

// IssuedCard is a new card with its code, which is shown (and may be
// emailed) now and never again: only its hash is kept.
type IssuedCard struct {
	GiftCard
	// Code is the whole code, as XXXX-XXXX-XXXX-XXXX.
	Code string
}

// Gift card amounts, in minor units: 1 to 1000 whole units.
const (
	giftCardMinAmount = 100
	giftCardMaxAmount = 1000_00
)

// validate checks r and fills ValidMonths' default.
func (r *IssueRequest) validate() error {
	var errs validate.Errors
	minMonths, known := giftCardMinValidity(r.Currency)
	errs.Check(known, "currency", i18n.Msg("Choose one of the currencies listed."))
	errs.Check(r.ChainID >= 0, "chain", i18n.Msg("Choose where the card may be used."))
	errs.Check(r.Amount >= giftCardMinAmount && r.Amount <= giftCardMaxAmount, "amount",
		i18n.Msg("Enter an amount from 1 to 1000, like 25.00."))
	if r.ValidMonths == 0 {
		r.ValidMonths = minMonths
	}
	if known {
		errs.Check(r.ValidMonths >= minMonths, "valid_months",
			i18n.Msg("Cards in this currency must stay valid for at least the months shown."))
	}
	errs.Check(r.ValidMonths <= giftCardMaxValidity, "valid_months", i18n.Msg("A card may be valid for at most 120 months."))
	r.RecipientName, r.RecipientEmail = strings.TrimSpace(r.RecipientName), strings.TrimSpace(r.RecipientEmail)
	r.Message = strings.TrimSpace(r.Message)
	errs.Check(utf8.RuneCountInString(r.RecipientName) <= 100, "recipient_name", i18n.Msg("A name has at most 100 characters."))
	if r.RecipientEmail != "" {
		a, err := mail.ParseAddress(r.RecipientEmail)
		errs.Check(err == nil && a.Address == r.RecipientEmail && len(r.RecipientEmail) <= 254, "recipient_email",
			i18n.Msg("Enter an email address like name@example.com, or leave it empty."))
	}
	errs.Check(utf8.RuneCountInString(r.Message) <= 500, "message", i18n.Msg("A message has at most 500 characters."))
	return errs.Err()
}

// IssueGiftCard makes a gift card of r.Amount with a new code, its issue in
// its ledger. Errors: ErrInvalid (validate.Errors: currency, chain, amount,
// valid_months, recipient_name, recipient_email, message).
func (s *Service) IssueGiftCard(ctx context.Context, r IssueRequest) (IssuedCard, error) {
	var card IssuedCard
	err := pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		var err error
		card, err = s.IssueGiftCardTx(ctx, tx, r)
		return err
	})
	return card, err
}

// IssueGiftCardTx is IssueGiftCard inside the caller's transaction (a card
// sold at the counter is issued with the sale, or not at all).
func (s *Service) IssueGiftCardTx(ctx context.Context, tx pgx.Tx, r IssueRequest) (IssuedCard, error) {
	if err := r.validate(); err != nil {
		return IssuedCard{}, fmt.Errorf("issue gift card: %w", err)
	}
	code, err := newGiftCardCode()
	if err != nil {
		return IssuedCard{}, err
	}
	var chain *int64
	if r.ChainID != 0 {
		chain = &r.ChainID
	}
	row, err := s.q.GiftCardInsert(ctx, tx, paymentsdb.GiftCardInsertParams{CodeHash: giftCardHash(code),
		CodeLast4: code[giftCardCodeLen-4:], ChainID: chain, Currency: r.Currency, AmountMinor: r.Amount,
		ExpiresAt: giftCardExpiry(s.opts.Now(), r.ValidMonths), IssuedBy: r.IssuedBy, RecipientName: r.RecipientName,
		RecipientEmail: r.RecipientEmail, Message: r.Message})
	if err == nil {
		err = s.q.GiftCardLedgerInsert(ctx, tx, paymentsdb.GiftCardLedgerInsertParams{CardID: row.ID, Kind: "issue",
			AmountMinor: r.Amount, BalanceAfter: r.Amount, Actor: r.IssuedBy})
	}
	if err != nil {
		return IssuedCard{}, fmt.Errorf("issue gift card of %d %s: %w", r.Amount, r.Currency, err)
	}
	return IssuedCard{GiftCard: s.giftCardOf(row), Code: formatGiftCardCode(code)}, nil
}

// giftCardExpiry is when a card issued at now for months expires.
func giftCardExpiry(now time.Time, months int) time.Time { return now.AddDate(0, months, 0) }

// GiftCardBalance answers what is on the card with the code typed (any
// case, spaces or dashes). Errors: ErrGiftCardUnknown (no such card, or
// void, or not a code at all).
func (s *Service) GiftCardBalance(ctx context.Context, code string) (GiftCardStatus, error) {
	norm, ok := normaliseGiftCardCode(code)
	if !ok {
		return GiftCardStatus{}, fmt.Errorf("gift card balance: %w", ErrGiftCardUnknown)
	}
	row, err := s.q.GiftCardByHash(ctx, s.pool, giftCardHash(norm))
	if errors.Is(err, pgx.ErrNoRows) || (err == nil && row.Status == string(GiftCardVoid)) {
		return GiftCardStatus{}, fmt.Errorf("gift card balance: %w", ErrGiftCardUnknown)
	}
	if err != nil {
		return GiftCardStatus{}, fmt.Errorf("gift card balance: %w", err)
	}
	c := s.giftCardOf(row)
	return GiftCardStatus{Last4: c.Last4, Balance: c.Balance, Currency: c.Currency, ExpiresAt: c.ExpiresAt,
		ChainID: c.ChainID, Status: c.State}, nil
}

// giftCardOf converts a row, deciding whether it has expired by now.
func (s *Service) giftCardOf(r paymentsdb.PaymentsGiftCard) GiftCard {
	c := GiftCard{ID: r.ID, Last4: r.CodeLast4, Currency: r.Currency, Initial: r.InitialMinor, Balance: r.BalanceMinor,
		ExpiresAt: r.ExpiresAt, State: GiftCardState(r.Status), IssuedBy: r.IssuedBy, RecipientName: r.RecipientName,
		RecipientEmail: r.RecipientEmail, Message: r.Message, CreatedAt: r.CreatedAt}
	if r.ChainID != nil {
		c.ChainID = *r.ChainID
	}
	if c.State == GiftCardActive && !s.opts.Now().Before(r.ExpiresAt) {
		c.State = GiftCardExpired
	}
	return c
}
