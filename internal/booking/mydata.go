package booking

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// Name labels booking's part of a personal data export.
func (s *Service) Name() string { return "bookings" }

// exportedBooking is one booking in a personal data export.
type exportedBooking struct {
	Code      string    `json:"code"`
	ShowID    int64     `json:"show_id"`
	Status    Status    `json:"status"`
	Seats     []string  `json:"seats"`
	Total     int64     `json:"total_minor"`
	Currency  string    `json:"currency"`
	PromoCode string    `json:"promo_code,omitempty"`
	CreatedAt time.Time `json:"created_at"`
}

// ExportUser returns every booking of the user, with seats and amounts (the
// account module's "download my data").
func (s *Service) ExportUser(ctx context.Context, userID int64) (any, error) {
	rows, err := s.q.BookingListAllForUser(ctx, s.pool, &userID)
	if err != nil {
		return nil, fmt.Errorf("export bookings of user %d: %w", userID, err)
	}
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	seats, err := s.q.BookingSeatListForBookings(ctx, s.pool, ids)
	if err != nil {
		return nil, fmt.Errorf("export seats of user %d: %w", userID, err)
	}
	bySeat := map[int64][]string{}
	for _, st := range seats {
		bySeat[st.BookingID] = append(bySeat[st.BookingID], st.Seat)
	}
	out := make([]exportedBooking, 0, len(rows))
	for _, r := range rows {
		e := exportedBooking{Code: r.Code, ShowID: r.ShowID, Status: Status(r.Status), Total: r.TotalMinor,
			Currency: r.Currency, CreatedAt: r.CreatedAt}
		if r.PromoCode != nil {
			e.PromoCode = *r.PromoCode
		}
		e.Seats = bySeat[r.ID]
		out = append(out, e)
	}
	return out, nil
}

// EraseUser anonymises the user's bookings and promo redemptions inside the
// account deletion's transaction: tickets stay valid and the cinema's
// books stay whole, but nothing links them to the person any more.
func (s *Service) EraseUser(ctx context.Context, tx pgx.Tx, userID int64) error {
	if err := s.q.BookingAnonymiseUser(ctx, tx, &userID); err != nil {
		return fmt.Errorf("anonymise bookings of user %d: %w", userID, err)
	}
	if err := s.q.PromoRedemptionAnonymiseUser(ctx, tx, &userID); err != nil {
		return fmt.Errorf("anonymise promo uses of user %d: %w", userID, err)
	}
	return nil
}
