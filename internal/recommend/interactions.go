package recommend

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/pg"
	"github.com/marqueehq/marquee/internal/recommend/recommenddb"
)

// attributionWindow is how long after clicking a recommendation a booking
// of that movie still counts as coming from it.
const attributionWindow = 7 * 24 * time.Hour

// from is where a click on a recommendation came from: the list (movies,
// shows or theaters) on a surface (home, movie, ...).
type from struct{ list, surface string }

// Booked records a confirmed booking inside the booking's transaction
// (booking.Interactions), attributes it to the recommendation (of the
// movie, or of one of its shows) the user clicked in the last week, and
// schedules a fresh list.
func (s *Service) Booked(ctx context.Context, tx pgx.Tx, userID, movieID int64) error {
	row, err := s.q.UserMovieBooked(ctx, tx, recommenddb.UserMovieBookedParams{
		UserID: userID, MovieID: movieID, ClickedSince: s.opts.Now().Add(-attributionWindow),
	})
	if err != nil {
		return fmt.Errorf("record booking of movie %d by user %d: %w", movieID, userID, err)
	}
	var f *from
	if row.Surface != "" {
		f = &from{list: row.List, surface: row.Surface}
	}
	return s.signal(ctx, tx, userID, movieID, "booking", f, true)
}

// BookedAt attributes a booking at theaterID, inside the booking's
// transaction, to the user's latest click on that theater in "Theaters
// you may like" within the attribution window (booking.TheaterBookings).
func (s *Service) BookedAt(ctx context.Context, tx pgx.Tx, userID, theaterID int64) error {
	if _, err := s.q.EventTheaterBooked(ctx, tx, recommenddb.EventTheaterBookedParams{UserID: userID, TheaterID: theaterID,
		ClickedSince: s.opts.Now().Add(-attributionWindow)}); err != nil {
		return fmt.Errorf("attribute booking at theater %d by user %d: %w", theaterID, userID, err)
	}
	return nil
}

// BookingCancelled records that a paid booking was cancelled, inside the
// cancelling transaction (booking.Interactions).
func (s *Service) BookingCancelled(ctx context.Context, tx pgx.Tx, userID, movieID int64) error {
	if err := s.q.UserMovieCancelled(ctx, tx, recommenddb.UserMovieCancelledParams{UserID: userID, MovieID: movieID}); err != nil {
		return fmt.Errorf("record cancellation of movie %d by user %d: %w", movieID, userID, err)
	}
	return s.signal(ctx, tx, userID, movieID, "cancellation", nil, true)
}

// Followed records a "Notify me" on a movie, inside the caller's
// transaction (notify.Interests).
func (s *Service) Followed(ctx context.Context, tx pgx.Tx, userID, movieID int64) error {
	if err := s.q.UserMovieFollowed(ctx, tx, recommenddb.UserMovieFollowedParams{UserID: userID, MovieID: movieID}); err != nil {
		return fmt.Errorf("record follow of movie %d by user %d: %w", movieID, userID, err)
	}
	return s.signal(ctx, tx, userID, movieID, "follow", nil, true)
}

// Viewed records that a signed-in user looked at a movie's page.
func (s *Service) Viewed(ctx context.Context, userID, movieID int64) error {
	return pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		if err := s.q.UserMovieViewed(ctx, tx, recommenddb.UserMovieViewedParams{UserID: userID, MovieID: movieID}); err != nil {
			return fmt.Errorf("record view of movie %d by user %d: %w", movieID, userID, err)
		}
		return s.signal(ctx, tx, userID, movieID, "view", nil, false)
	})
}

// Clicked records a click on a recommended movie shown on surface; a
// booking of the movie in the following week is attributed to it.
func (s *Service) Clicked(ctx context.Context, userID, movieID int64, surface string) error {
	return s.clicked(ctx, userID, movieID, ListMovies, surface)
}

// ShowClicked records a click on a show of "Showtimes for you" shown on
// surface; a booking of its movie in the following week is attributed to
// the list.
func (s *Service) ShowClicked(ctx context.Context, userID int64, show catalog.Show, surface string) error {
	return s.clicked(ctx, userID, show.MovieID, ListShows, surface)
}

func (s *Service) clicked(ctx context.Context, userID, movieID int64, list, surface string) error {
	if !validSurface(surface) {
		surface = SurfaceHome
	}
	return pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		if err := s.q.UserMovieClicked(ctx, tx, recommenddb.UserMovieClickedParams{UserID: userID, MovieID: movieID,
			Surface: &surface, List: &list}); err != nil {
			return fmt.Errorf("record click on movie %d by user %d: %w", movieID, userID, err)
		}
		return s.signal(ctx, tx, userID, movieID, "click", &from{list: list, surface: surface}, false)
	})
}

// TheaterClicked records a click on a suggested theater shown on surface.
func (s *Service) TheaterClicked(ctx context.Context, userID, theaterID int64, surface string) error {
	if !validSurface(surface) {
		surface = SurfaceHome
	}
	if err := s.q.EventInsertTheaterClick(ctx, s.pool, recommenddb.EventInsertTheaterClickParams{UserID: userID,
		TheaterID: &theaterID, FromRec: &surface}); err != nil {
		return fmt.Errorf("record click on theater %d by user %d: %w", theaterID, userID, err)
	}
	return nil
}

// Dismiss hides a movie from the user's recommendations for good ("Not
// interested"). Errors: ErrNotFound for an unknown movie.
func (s *Service) Dismiss(ctx context.Context, userID, movieID int64) error {
	if _, err := s.catalog.Movie(ctx, movieID); err != nil {
		return fmt.Errorf("dismiss movie %d: %w", movieID, ErrNotFound)
	}
	return pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		if err := s.q.UserMovieDismissed(ctx, tx, recommenddb.UserMovieDismissedParams{UserID: userID, MovieID: movieID}); err != nil {
			return fmt.Errorf("dismiss movie %d for user %d: %w", movieID, userID, err)
		}
		return s.signal(ctx, tx, userID, movieID, "dismiss", nil, true)
	})
}

// signal logs the event and, when it changes what the user should see,
// schedules their list to be recomputed.
func (s *Service) signal(ctx context.Context, tx pgx.Tx, userID, movieID int64, kind string, f *from, recompute bool) error {
	args := recommenddb.EventInsertParams{UserID: userID, MovieID: movieID, Kind: kind}
	if f != nil {
		args.FromRec, args.RecList = &f.surface, &f.list
	}
	if err := s.q.EventInsert(ctx, tx, args); err != nil {
		return fmt.Errorf("log %s of movie %d by user %d: %w", kind, movieID, userID, err)
	}
	if !recompute {
		return nil
	}
	if err := s.jobs.RecomputeUser(ctx, tx, userID); err != nil {
		return fmt.Errorf("schedule recommendations of user %d: %w", userID, err)
	}
	return nil
}
