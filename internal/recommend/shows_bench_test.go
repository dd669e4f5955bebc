package recommend_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
)

// BenchmarkShowsForUser times serving "Showtimes for you" and "Theaters
// you may like" to a signed-in buyer with a confirmed booking, through
// the app's own wiring: their bookings read from the booking module, the
// movie list, the city's shows and theaters from the catalogue.
func BenchmarkShowsForUser(b *testing.B) {
	tb := setup(b)
	v := tb.venues(b)
	u := tb.srv.User(b, "Asha", account.Customer)
	tb.bookShow(b, u.ID, v.heatSunMorning, "A1", "A2")
	tb.recompute(b)
	ctx := context.Background()
	b.Run("shows", func(b *testing.B) {
		for b.Loop() {
			picks, err := tb.svc.ShowsForUser(ctx, u.ID, "pune", 0, 6)
			require.NoError(b, err)
			require.NotEmpty(b, picks)
		}
	})
	b.Run("theaters", func(b *testing.B) {
		for b.Loop() {
			picks, err := tb.svc.TheatersForUser(ctx, u.ID, "pune", 3)
			require.NoError(b, err)
			require.NotEmpty(b, picks)
		}
	})
}
