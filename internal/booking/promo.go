package booking

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgtype"

	"github.com/marqueehq/marquee/internal/booking/bookingdb"
	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/pg"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

// PromoKind says how a promo code takes money off.
type PromoKind string

// Promo kinds.
const (
	PercentOff PromoKind = "percent"
	AmountOff  PromoKind = "fixed"
)

// Promo is a promo code staff hand out. Its limits are optional: empty
// MovieIDs / TheaterIDs mean any, zero dates mean open-ended, zero MaxUses
// / MaxUsesPerUser mean unlimited.
type Promo struct {
	ID          int64
	Code        string
	Description string
	Kind        PromoKind
	PercentOff  int64
	AmountOff   int64  // minor units of Currency
	Currency    string // of AmountOff
	MovieIDs    []int64
	TheaterIDs  []int64
	// ValidFrom and ValidUntil bound the show's local date (inclusive);
	// they are dates at midnight UTC.
	ValidFrom      time.Time
	ValidUntil     time.Time
	MinTickets     int
	MaxUses        int
	MaxUsesPerUser int
	Active         bool
	// Uses counts live redemptions (filled by Promos).
	Uses      int
	CreatedAt time.Time
}

// Discount is the promo's effect on a booking's tickets.
func (p Promo) Discount() Discount {
	return Discount{Code: p.Code, PercentOff: p.PercentOff, AmountOff: p.AmountOff, Currency: p.Currency}
}

// PromoInput is a new promo code as staff describe it (see Promo).
type PromoInput struct {
	Code           string
	Description    string
	Kind           PromoKind
	PercentOff     int64
	AmountOff      int64
	Currency       string
	MovieIDs       []int64
	TheaterIDs     []int64
	ValidFrom      time.Time
	ValidUntil     time.Time
	MinTickets     int
	MaxUses        int
	MaxUsesPerUser int
}

var promoCodeFormat = regexp.MustCompile(`^[A-Z0-9][A-Z0-9_-]{2,31}$`)

// NormalizePromoCode is the form a code is stored and compared in.
func NormalizePromoCode(code string) string { return strings.ToUpper(strings.TrimSpace(code)) }

// Validate checks the input (after NormalizePromoCode on the code) and
// returns a message per field (English, marked for the catalogues and
// translated where the form shows them); empty when it is fine.
func (in PromoInput) Validate() validate.Errors {
	var e validate.Errors
	e.Check(promoCodeFormat.MatchString(NormalizePromoCode(in.Code)), "code",
		i18n.Msg("Use 3 to 32 letters or digits (dashes and underscores allowed after the first)."))
	e.Check(len(in.Description) <= 200, "description", i18n.Msg("Keep the description under 200 characters."))
	switch in.Kind {
	case PercentOff:
		e.Check(in.PercentOff >= 1 && in.PercentOff <= 100, "percent_off", i18n.Msg("Enter a percentage from 1 to 100."))
	case AmountOff:
		e.Check(in.AmountOff > 0 && in.AmountOff <= 10_000_000, "amount_off", i18n.Msg("Enter an amount above zero, like 2.50."))
		e.Check(len(in.Currency) == 3 && strings.ToUpper(in.Currency) == in.Currency, "currency", i18n.Msg("Choose the currency of the amount."))
	default:
		e.Add("kind", i18n.Msg("Choose a percentage or a fixed amount off."))
	}
	e.Check(in.MinTickets >= 0 && in.MinTickets <= 50, "min_tickets", i18n.Msg("Enter a number of tickets from 1 to 50."))
	e.Check(in.MaxUses >= 0, "max_uses", i18n.Msg("Enter how many times the code may be used, or leave it empty."))
	e.Check(in.MaxUsesPerUser >= 0, "max_uses_per_user", i18n.Msg("Enter how many times one person may use it, or leave it empty."))
	if in.MaxUses > 0 && in.MaxUsesPerUser > in.MaxUses {
		e.Add("max_uses_per_user", i18n.Msg("One person can't use it more often than it may be used in all."))
	}
	if !in.ValidFrom.IsZero() && !in.ValidUntil.IsZero() && in.ValidUntil.Before(in.ValidFrom) {
		e.Add("valid_until", i18n.Msg("The last day must be on or after the first."))
	}
	e.Check(len(in.MovieIDs) <= 200, "movie_ids", i18n.Msg("Choose at most 200 movies."))
	e.Check(len(in.TheaterIDs) <= 200, "theater_ids", i18n.Msg("Choose at most 200 theaters."))
	return e
}

// CreatePromo adds a promo code. Errors: ErrInvalid (validate.Errors, also
// when the code exists already in any letter case).
func (s *Service) CreatePromo(ctx context.Context, in PromoInput) (Promo, error) {
	if err := in.Validate().Err(); err != nil {
		return Promo{}, err
	}
	p := bookingdb.PromoInsertParams{Code: NormalizePromoCode(in.Code), Description: strings.TrimSpace(in.Description),
		Kind: string(in.Kind), MovieIds: promoIDs(in.MovieIDs), TheaterIds: promoIDs(in.TheaterIDs),
		ValidFrom: promoDate(in.ValidFrom), ValidUntil: promoDate(in.ValidUntil), MinTickets: int32(max(in.MinTickets, 1)),
		MaxUses: promoLimit(in.MaxUses), MaxUsesPerUser: promoLimit(in.MaxUsesPerUser)}
	if in.Kind == PercentOff {
		pct := int32(in.PercentOff)
		p.PercentOff = &pct
	} else {
		p.AmountOffMinor, p.Currency = &in.AmountOff, &in.Currency
	}
	row, err := s.q.PromoInsert(ctx, s.pool, p)
	if pg.IsUniqueViolation(err, "promo_codes_code_key") {
		return Promo{}, validate.Errors{"code": "There is already a promo code " + p.Code + "."}
	}
	if err != nil {
		return Promo{}, fmt.Errorf("create promo code %s: %w", p.Code, err)
	}
	return promoFromRow(row), nil
}

// Promos lists every promo code, active ones first, newest first, with
// how many live bookings use each.
func (s *Service) Promos(ctx context.Context) ([]Promo, error) {
	rows, err := s.q.PromoListWithUses(ctx, s.pool)
	if err != nil {
		return nil, fmt.Errorf("list promo codes: %w", err)
	}
	out := make([]Promo, len(rows))
	for i, r := range rows {
		out[i] = promoFromRow(bookingdb.BookingPromoCode{ID: r.ID, Code: r.Code, Description: r.Description, Kind: r.Kind,
			PercentOff: r.PercentOff, AmountOffMinor: r.AmountOffMinor, Currency: r.Currency, MovieIds: r.MovieIds,
			TheaterIds: r.TheaterIds, ValidFrom: r.ValidFrom, ValidUntil: r.ValidUntil, MinTickets: r.MinTickets,
			MaxUses: r.MaxUses, MaxUsesPerUser: r.MaxUsesPerUser, Active: r.Active, CreatedAt: r.CreatedAt})
		out[i].Uses = int(r.Uses)
	}
	return out, nil
}

// DeactivatePromo stops a code being applied from now on; bookings that
// already use it keep their discount. Deactivating twice is fine.
// Errors: ErrNotFound.
func (s *Service) DeactivatePromo(ctx context.Context, id int64) error {
	n, err := s.q.PromoDeactivate(ctx, s.pool, id)
	if err != nil {
		return fmt.Errorf("deactivate promo code %d: %w", id, err)
	}
	if n > 0 {
		return nil
	}
	ok, err := s.q.PromoExists(ctx, s.pool, id)
	if err != nil {
		return fmt.Errorf("find promo code %d: %w", id, err)
	}
	if !ok {
		return fmt.Errorf("promo code %d: %w", id, ErrNotFound)
	}
	return nil
}

func promoFromRow(r bookingdb.BookingPromoCode) Promo {
	p := Promo{ID: r.ID, Code: r.Code, Description: r.Description, Kind: PromoKind(r.Kind), MovieIDs: r.MovieIds,
		TheaterIDs: r.TheaterIds, MinTickets: int(r.MinTickets), Active: r.Active, CreatedAt: r.CreatedAt}
	if r.PercentOff != nil {
		p.PercentOff = int64(*r.PercentOff)
	}
	if r.AmountOffMinor != nil && r.Currency != nil {
		p.AmountOff, p.Currency = *r.AmountOffMinor, *r.Currency
	}
	if r.ValidFrom.Valid {
		p.ValidFrom = r.ValidFrom.Time
	}
	if r.ValidUntil.Valid {
		p.ValidUntil = r.ValidUntil.Time
	}
	if r.MaxUses != nil {
		p.MaxUses = int(*r.MaxUses)
	}
	if r.MaxUsesPerUser != nil {
		p.MaxUsesPerUser = int(*r.MaxUsesPerUser)
	}
	return p
}

func promoDate(t time.Time) pgtype.Date {
	if t.IsZero() {
		return pgtype.Date{}
	}
	return pgtype.Date{Time: time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), Valid: true}
}

func promoLimit(n int) *int32 {
	if n <= 0 {
		return nil
	}
	v := int32(n)
	return &v
}

func promoIDs(ids []int64) []int64 {
	if ids == nil {
		return []int64{}
	}
	return ids
}
