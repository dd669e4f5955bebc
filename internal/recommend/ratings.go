package recommend

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/pg"
	"github.com/marqueehq/marquee/internal/platform/validate"
	"github.com/marqueehq/marquee/internal/recommend/recommenddb"
)

// MaxReview is the longest review, in characters.
const MaxReview = 1000

// Rating is one user's stars and review of a movie.
type Rating struct {
	ID        int64
	UserID    int64
	MovieID   int64
	Stars     int
	Review    string
	Author    string // the name shown with the review
	Hidden    bool   // hidden by staff: the review is not shown, the stars count
	UpdatedAt time.Time
}

// RatingInput is what a user submits.
type RatingInput struct {
	Stars  int
	Review string
}

// Validate checks the stars and the review's length.
func (in RatingInput) Validate() error {
	var e validate.Errors
	e.Check(in.Stars >= 1 && in.Stars <= 5, "stars", i18n.Msg("Choose from one to five stars."))
	e.Check(utf8.ValidString(in.Review) && !strings.ContainsRune(in.Review, 0), "review", i18n.Msg("Remove unusual characters from your review."))
	e.Check(utf8.RuneCountInString(in.Review) <= MaxReview, "review", i18n.Msg("Keep your review under 1,000 characters.") /* MaxReview */)
	return e.Err()
}

// Summary is a movie's audience rating.
type Summary struct {
	Average float64 // stars, 1-5
	Count   int
}

func ratingFromRow(r recommenddb.RecommendRating) Rating {
	return Rating{ID: r.ID, UserID: r.UserID, MovieID: r.MovieID, Stars: int(r.Stars), Review: r.Review,
		Author: r.Author, Hidden: r.Hidden, UpdatedAt: r.UpdatedAt}
}

// CanRate reports whether the user may rate the movie: they have a booking
// of it that was not cancelled, and the movie has been released.
func (s *Service) CanRate(ctx context.Context, userID int64, m catalog.Movie) (bool, error) {
	if userID == 0 || m.ReleaseDate.After(s.opts.Now()) {
		return false, nil
	}
	um, err := s.q.UserMovieGet(ctx, s.pool, recommenddb.UserMovieGetParams{UserID: userID, MovieID: m.ID})
	if errors.Is(err, pgx.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("bookings of movie %d by user %d: %w", m.ID, userID, err)
	}
	return um.Bookings > 0, nil
}

// Rate saves the user's rating of a movie (replacing an earlier one; an
// edited review is shown again until staff hide it) and publishes the
// movie's new average to the catalogue. author is the name shown with the
// review. Errors: ErrNotFound, ErrInvalid, ErrCannotRate.
func (s *Service) Rate(ctx context.Context, userID int64, author string, movieID int64, in RatingInput) (Rating, error) {
	in.Review = strings.TrimSpace(in.Review)
	if err := in.Validate(); err != nil {
		return Rating{}, err
	}
	m, err := s.catalog.Movie(ctx, movieID)
	if err != nil {
		return Rating{}, fmt.Errorf("rate movie %d: %w", movieID, ErrNotFound)
	}
	ok, err := s.CanRate(ctx, userID, m)
	if err != nil {
		return Rating{}, err
	}
	if !ok {
		return Rating{}, ErrCannotRate
	}
	var saved Rating
	err = pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		row, err := s.q.RatingUpsert(ctx, tx, recommenddb.RatingUpsertParams{UserID: userID, MovieID: movieID,
			Stars: int16(in.Stars), Review: in.Review, Author: shortName(author)})
		if err != nil {
			return fmt.Errorf("save rating: %w", err)
		}
		saved = ratingFromRow(row)
		stars := int16(in.Stars)
		if err := s.q.UserMovieRated(ctx, tx, recommenddb.UserMovieRatedParams{UserID: userID, MovieID: movieID, Stars: &stars}); err != nil {
			return fmt.Errorf("record rating: %w", err)
		}
		return s.signal(ctx, tx, userID, movieID, "rating", nil, true)
	})
	if err != nil {
		return Rating{}, fmt.Errorf("rate movie %d: %w", movieID, err)
	}
	if err := s.publishRating(ctx, movieID); err != nil {
		return Rating{}, err
	}
	return saved, nil
}

// publishRating pushes a movie's average (out of 10) and count to the
// catalogue, whose pages show it.
func (s *Service) publishRating(ctx context.Context, movieID int64) error {
	sum, err := s.Summary(ctx, movieID)
	if err != nil {
		return err
	}
	if err := s.catalog.SetRating(ctx, movieID, sum.Average*2, sum.Count); err != nil {
		return fmt.Errorf("publish rating of movie %d: %w", movieID, err)
	}
	return nil
}

// Summary returns a movie's average stars and number of ratings.
func (s *Service) Summary(ctx context.Context, movieID int64) (Summary, error) {
	row, err := s.q.RatingSummary(ctx, s.pool, movieID)
	if err != nil {
		return Summary{}, fmt.Errorf("rating of movie %d: %w", movieID, err)
	}
	return Summary{Average: row.Average, Count: int(row.N)}, nil
}

// MyRating returns the user's rating of the movie, and false when they
// have not rated it.
func (s *Service) MyRating(ctx context.Context, userID, movieID int64) (Rating, bool, error) {
	row, err := s.q.RatingGet(ctx, s.pool, recommenddb.RatingGetParams{UserID: userID, MovieID: movieID})
	if errors.Is(err, pgx.ErrNoRows) {
		return Rating{}, false, nil
	}
	if err != nil {
		return Rating{}, false, fmt.Errorf("rating of movie %d by user %d: %w", movieID, userID, err)
	}
	return ratingFromRow(row), true, nil
}

// Reviews returns the latest limit reviews of a movie that staff have not
// hidden.
func (s *Service) Reviews(ctx context.Context, movieID int64, limit int) ([]Rating, error) {
	rows, err := s.q.RatingListVisibleForMovie(ctx, s.pool, recommenddb.RatingListVisibleForMovieParams{MovieID: movieID, Limit: int32(limit)})
	if err != nil {
		return nil, fmt.Errorf("reviews of movie %d: %w", movieID, err)
	}
	out := make([]Rating, len(rows))
	for i, r := range rows {
		out[i] = ratingFromRow(r)
	}
	return out, nil
}

// shortName is how a reviewer is named: first name and initial ("Asha K.").
func shortName(full string) string {
	parts := strings.Fields(full)
	switch len(parts) {
	case 0:
		return "A Marquee member"
	case 1:
		return truncate(parts[0], 60)
	}
	last, _ := utf8.DecodeRuneInString(parts[len(parts)-1])
	return truncate(parts[0], 60) + " " + string(last) + "."
}

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}
