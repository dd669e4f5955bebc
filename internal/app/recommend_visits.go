package app

import (
	"context"
	"fmt"

	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/recommend"
)

// recommendVisits tells recommend which shows a user booked (for
// "Showtimes for you" and "Theaters you may like"). It reads a.Booking
// when asked: booking is built after recommend, which it records
// bookings in.
type recommendVisits struct{ a *App }

// Visits are the user's confirmed bookings, newest show first: the ones
// still to come, then the past ones.
func (v recommendVisits) Visits(ctx context.Context, userID int64) ([]recommend.Visit, error) {
	lists, err := v.a.Booking.BookingsByShowTime(ctx, userID)
	if err != nil {
		return nil, fmt.Errorf("bookings of user %d: %w", userID, err)
	}
	var out []recommend.Visit
	for i := len(lists.Upcoming) - 1; i >= 0; i-- {
		out = appendVisit(out, lists.Upcoming[i])
	}
	for _, l := range lists.Past {
		out = appendVisit(out, l)
	}
	return out, nil
}

func appendVisit(out []recommend.Visit, l booking.BookingLine) []recommend.Visit {
	if l.Status != booking.Confirmed || len(l.Seats) == 0 {
		return out
	}
	return append(out, recommend.Visit{MovieID: l.Show.MovieID, TheaterID: l.Show.TheaterID, StartsAt: l.Show.StartsAt,
		TimeZone: l.Show.TimeZone, Format: l.Show.Format, Language: l.Show.Language, Subtitles: l.Show.Subtitles,
		Seats: len(l.Seats)})
}
