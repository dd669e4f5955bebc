package catalog

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/catalog/catalogdb"
)

// ShowDetail is a show with everything needed to describe it to a buyer:
// the movie (without credits), the theater and its chain, the screen with its seat layout
// and the city (its time zone and currency).
type ShowDetail struct {
	Show
	Movie   Movie
	Theater Theater
	Chain   Chain
	Screen  Screen
	City    City
	// TicketTypes are the active types sold at the theater (its own list,
	// else its chain's; empty: only the built-in Adult).
	TicketTypes []TicketType
}

// ShowDetail returns show id with its movie, theater, screen and city, in a
// constant number of queries. It returns cancelled and past shows too; the
// caller decides what they may still do with them. It always reads the
// primary, never the read pool: booking decides from it whether a show is
// on sale.
// Errors: ErrNotFound when there is no such show; any other error is a
// database failure (wrapped).
func (s *Service) ShowDetail(ctx context.Context, id int64) (ShowDetail, error) {
	return s.showDetail(ctx, s.pool, id)
}

// ShowDetailTx is ShowDetail read inside the caller's transaction, for a
// caller that must not ask the pool for a second connection.
// Errors: as ShowDetail.
func (s *Service) ShowDetailTx(ctx context.Context, tx pgx.Tx, id int64) (ShowDetail, error) {
	return s.showDetail(ctx, tx, id)
}

func (s *Service) showDetail(ctx context.Context, db catalogdb.DBTX, id int64) (ShowDetail, error) {
	show, err := s.show(ctx, db, id)
	if err != nil {
		return ShowDetail{}, err
	}
	d := ShowDetail{Show: show}
	movie, err := s.q.MovieGet(ctx, db, show.MovieID)
	if err != nil {
		return ShowDetail{}, fmt.Errorf("movie of show %d: %w", id, notFoundIsInternal(err))
	}
	d.Movie = movieFromRow(movie)
	if d.Theater, err = s.theater(ctx, db, show.TheaterID); err != nil {
		return ShowDetail{}, fmt.Errorf("theater of show %d: %w", id, notFoundIsInternal(err))
	}
	if d.Chain, err = s.chain(ctx, db, d.Theater.ChainID); err != nil {
		return ShowDetail{}, fmt.Errorf("chain of show %d: %w", id, notFoundIsInternal(err))
	}
	if d.Screen, err = s.screen(ctx, db, show.ScreenID); err != nil {
		return ShowDetail{}, fmt.Errorf("screen of show %d: %w", id, notFoundIsInternal(err))
	}
	if d.City, err = s.city(ctx, db, d.Theater.CitySlug); err != nil {
		return ShowDetail{}, fmt.Errorf("city of show %d: %w", id, notFoundIsInternal(err))
	}
	if d.TicketTypes, err = s.ticketTypesInEffect(ctx, db, d.Theater.ChainID, d.Theater.ID); err != nil {
		return ShowDetail{}, fmt.Errorf("show %d: %w", id, err)
	}
	return d, nil
}

// notFoundIsInternal hides ErrNotFound for rows a foreign key guarantees: if
// one is missing the database is inconsistent, which is our fault (500), not
// a bad link (404).
func notFoundIsInternal(err error) error {
	if errors.Is(err, ErrNotFound) || errors.Is(err, pgx.ErrNoRows) {
		return fmt.Errorf("inconsistent catalogue: %s", err.Error())
	}
	return err
}
