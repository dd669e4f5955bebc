package booking

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/booking/bookingdb"
	"github.com/marqueehq/marquee/internal/platform/pg"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

// ErrNoOpenTill: the staff member has no open till session, which selling
// or refunding at the counter needs.
var ErrNoOpenTill = errors.New("open your till first: counter sales and refunds go through a till")

// Counter payment methods: how a counter sale was paid (recorded, not
// processed).
const (
	PayCash    = "cash"
	PayCard    = "card"
	PayVoucher = "voucher"
)

// PaymentMethods lists the counter payment methods in till order.
var PaymentMethods = []string{PayCash, PayCard, PayVoucher}

// Till is one staff member's till session at one theater.
type Till struct {
	ID          int64
	TheaterID   int64
	UserID      int64
	OpenedAt    time.Time
	ClosedAt    *time.Time
	Currency    string
	Float       int64
	CountedCash *int64
	Note        string
}

// Open reports whether the till still takes sales.
func (t Till) Open() bool { return t.ClosedAt == nil }

// MethodTotal is what a till took or gave back by one payment method.
type MethodTotal struct {
	Method string
	Count  int
	Amount int64
}

// TillSummary is a till's cash-up: takings and refunds by method, the cash
// the drawer should hold and, once counted, the variance.
type TillSummary struct {
	Till
	Takings []MethodTotal
	Refunds []MethodTotal
	// GiftCards is what gift cards sold in the till took, by method.
	GiftCards []MethodTotal
	// ExpectedCash is float + cash takings (seats and gift cards) - cash
	// refunds; Variance is counted - expected (nil until the till is
	// closed).
	ExpectedCash  int64
	Variance      *int64
	Sales         []bookingdb.CounterSalesForTillRow
	GiftCardSales []GiftCardSold
}

func tillFromRow(r bookingdb.BookingTillSession) Till {
	return Till{ID: r.ID, TheaterID: r.TheaterID, UserID: r.UserID, OpenedAt: r.OpenedAt, ClosedAt: r.ClosedAt,
		Currency: r.Currency, Float: r.FloatMinor, CountedCash: r.CountedCashMinor, Note: r.CloseNote}
}

// OpenTill opens a till for userID at theaterID with a float (minor units)
// in the theater's city's currency. Errors: ErrInvalid (a till is open
// already, or the float is negative), ErrNotFound (no such theater).
func (s *Service) OpenTill(ctx context.Context, userID, theaterID int64, float int64, currency string) (Till, error) {
	if float < 0 {
		return Till{}, validate.Errors{"float": "Enter the opening float as an amount like 100.00."}
	}
	row, err := s.q.TillSessionOpen(ctx, s.pool, bookingdb.TillSessionOpenParams{TheaterID: theaterID, UserID: userID,
		Currency: currency, FloatMinor: float})
	if pg.IsUniqueViolation(err, "till_sessions_open_idx") {
		return Till{}, validate.Errors{"theater": "You have a till open already: close it before opening another."}
	}
	if err != nil {
		return Till{}, fmt.Errorf("open till for user %d at theater %d: %w", userID, theaterID, err)
	}
	return tillFromRow(row), nil
}

// OpenTillOf is userID's open till. Errors: ErrNoOpenTill.
func (s *Service) OpenTillOf(ctx context.Context, userID int64) (Till, error) {
	row, err := s.q.TillSessionOpenForUser(ctx, s.pool, userID)
	if errors.Is(err, pgx.ErrNoRows) {
		return Till{}, ErrNoOpenTill
	}
	if err != nil {
		return Till{}, fmt.Errorf("open till of user %d: %w", userID, err)
	}
	return tillFromRow(row), nil
}

// CloseTill cashes up userID's open till with the cash counted (minor
// units) and a note, and returns its summary. Errors: ErrNoOpenTill,
// ErrInvalid (a negative count).
func (s *Service) CloseTill(ctx context.Context, userID, counted int64, note string) (TillSummary, error) {
	if counted < 0 {
		return TillSummary{}, validate.Errors{"counted": "Enter the cash counted as an amount like 250.00."}
	}
	t, err := s.OpenTillOf(ctx, userID)
	if err != nil {
		return TillSummary{}, err
	}
	row, err := s.q.TillSessionClose(ctx, s.pool, bookingdb.TillSessionCloseParams{ID: t.ID, Counted: counted, Note: note})
	if errors.Is(err, pgx.ErrNoRows) {
		return TillSummary{}, ErrNoOpenTill // closed in another tab meanwhile
	}
	if err != nil {
		return TillSummary{}, fmt.Errorf("close till %d: %w", t.ID, err)
	}
	return s.summary(ctx, tillFromRow(row))
}

// TillSummary is till id's takings, refunds and cash-up. Errors: ErrNotFound.
func (s *Service) TillSummary(ctx context.Context, id int64) (TillSummary, error) {
	row, err := s.q.TillSessionGet(ctx, s.pool, id)
	if errors.Is(err, pgx.ErrNoRows) {
		return TillSummary{}, fmt.Errorf("till %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return TillSummary{}, fmt.Errorf("get till %d: %w", id, err)
	}
	return s.summary(ctx, tillFromRow(row))
}

func (s *Service) summary(ctx context.Context, t Till) (TillSummary, error) {
	sum := TillSummary{Till: t, ExpectedCash: t.Float}
	in, err := s.q.TillSessionTakings(ctx, s.pool, &t.ID)
	if err != nil {
		return TillSummary{}, fmt.Errorf("takings of till %d: %w", t.ID, err)
	}
	for _, r := range in {
		sum.Takings = append(sum.Takings, MethodTotal{Method: r.PaymentMethod, Count: int(r.Sales), Amount: r.AmountMinor})
		if r.PaymentMethod == PayCash {
			sum.ExpectedCash += r.AmountMinor
		}
	}
	cards, err := s.q.TillGiftCardTakings(ctx, s.pool, t.ID)
	if err != nil {
		return TillSummary{}, fmt.Errorf("gift cards sold in till %d: %w", t.ID, err)
	}
	for _, r := range cards {
		sum.GiftCards = append(sum.GiftCards, MethodTotal{Method: r.Method, Count: int(r.Sales), Amount: r.AmountMinor})
		if r.Method == PayCash {
			sum.ExpectedCash += r.AmountMinor
		}
	}
	out, err := s.q.TillSessionRefunds(ctx, s.pool, t.ID)
	if err != nil {
		return TillSummary{}, fmt.Errorf("refunds of till %d: %w", t.ID, err)
	}
	for _, r := range out {
		sum.Refunds = append(sum.Refunds, MethodTotal{Method: r.Method, Count: int(r.Refunds), Amount: r.AmountMinor})
		if r.Method == PayCash {
			sum.ExpectedCash -= r.AmountMinor
		}
	}
	if t.CountedCash != nil {
		v := *t.CountedCash - sum.ExpectedCash
		sum.Variance = &v
	}
	if sum.Sales, err = s.q.CounterSalesForTill(ctx, s.pool, &t.ID); err != nil {
		return TillSummary{}, fmt.Errorf("sales of till %d: %w", t.ID, err)
	}
	sold, err := s.q.TillGiftCardList(ctx, s.pool, t.ID)
	if err != nil {
		return TillSummary{}, fmt.Errorf("gift card sales of till %d: %w", t.ID, err)
	}
	for _, r := range sold {
		sum.GiftCardSales = append(sum.GiftCardSales, giftCardSoldFromRow(r))
	}
	return sum, nil
}

// TillListItem is one till in a manager's list, with its variance (nil
// while open).
type TillListItem struct {
	Till
	Expected int64
	Variance *int64
}

// Tills lists the till sessions of the theaters given (every theater when
// all), newest first.
func (s *Service) Tills(ctx context.Context, all bool, theaterIDs []int64) ([]TillListItem, error) {
	rows, err := s.q.TillSessionList(ctx, s.pool, bookingdb.TillSessionListParams{AllTheaters: all, TheaterIds: theaterIDs})
	if err != nil {
		return nil, fmt.Errorf("list tills: %w", err)
	}
	out := make([]TillListItem, len(rows))
	for i, r := range rows {
		t := Till{ID: r.ID, TheaterID: r.TheaterID, UserID: r.UserID, OpenedAt: r.OpenedAt, ClosedAt: r.ClosedAt,
			Currency: r.Currency, Float: r.FloatMinor, CountedCash: r.CountedCashMinor, Note: r.CloseNote}
		out[i] = TillListItem{Till: t, Expected: r.FloatMinor + r.CashInMinor - r.CashOutMinor}
		if t.CountedCash != nil {
			v := *t.CountedCash - out[i].Expected
			out[i].Variance = &v
		}
	}
	return out, nil
}
