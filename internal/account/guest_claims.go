package account

import (
	"context"
	"fmt"
)

// GuestClaims hands bookings bought as a guest to the account whose
// verified email they were bought with (booking's Service, wired in the
// assembly: account does not import booking).
type GuestClaims interface {
	// ClaimGuestBookings gives userID the guest bookings made with email
	// and returns how many.
	ClaimGuestBookings(ctx context.Context, userID int64, email string) (int, error)
}

// claimGuestBookings claims the guest bookings of u's email when it is
// verified (an unverified account claims nothing).
func (h *Handler) claimGuestBookings(ctx context.Context, u User) error {
	if h.claims == nil || !u.EmailVerified || u.Email == "" {
		return nil
	}
	if _, err := h.claims.ClaimGuestBookings(ctx, u.ID, u.Email); err != nil {
		return fmt.Errorf("claim guest bookings of user %d: %w", u.ID, err)
	}
	return nil
}
