package notify

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/notify/notifydb"
	"github.com/marqueehq/marquee/internal/platform/pg"
)

// Following reports whether the user follows the movie.
func (s *Service) Following(ctx context.Context, userID, movieID int64) (bool, error) {
	ok, err := s.q.FollowExists(ctx, s.pool, notifydb.FollowExistsParams{UserID: userID, MovieID: movieID})
	if err != nil {
		return false, fmt.Errorf("follow of movie %d: %w", movieID, err)
	}
	return ok, nil
}

// SetFollow starts or stops following a movie: the user hears when its
// bookings open. Starting tells Interests (recommendations).
func (s *Service) SetFollow(ctx context.Context, userID, movieID int64, follow bool) error {
	return pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		if !follow {
			if err := s.q.FollowDelete(ctx, tx, notifydb.FollowDeleteParams{UserID: userID, MovieID: movieID}); err != nil {
				return fmt.Errorf("unfollow movie %d: %w", movieID, err)
			}
			return nil
		}
		n, err := s.q.FollowInsert(ctx, tx, notifydb.FollowInsertParams{UserID: userID, MovieID: movieID})
		if err != nil {
			return fmt.Errorf("follow movie %d: %w", movieID, err)
		}
		if n == 1 && s.opts.Interests != nil {
			if err := s.opts.Interests.Followed(ctx, tx, userID, movieID); err != nil {
				return fmt.Errorf("record interest: %w", err)
			}
		}
		return nil
	})
}
