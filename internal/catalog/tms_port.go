package catalog

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/catalog/catalogdb"
	"github.com/marqueehq/marquee/internal/platform/pg"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

// What a theater management system's sync (the tms module) needs of the
// catalogue beyond the import: check a feed's films and sessions before
// anything is created, schedule rows and learn the shows they became, and
// move a show to a new time.

// ValidateMovie checks a movie exactly as CreateMovie does, without
// creating it. Errors: ErrInvalid (validate.Errors).
func (s *Service) ValidateMovie(in MovieInput) error { return in.Validate(s.certs) }

// ValidateImportWith checks rows exactly as ValidateImport does, where a
// row's movie may also be one of pending: movies not created yet, keyed by
// the name rows give them in the movie column. Errors: ErrInvalid
// (*ImportError listing every bad line, or validate.Errors{"file"}).
func (s *Service) ValidateImportWith(ctx context.Context, rows []ImportRow, pending map[string]MovieInput) error {
	keys := make([]string, 0, len(pending))
	for k := range pending {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	movies := make([]Movie, len(keys))
	for i, k := range keys {
		in := pending[k]
		// Negative ids: no real movie has one, so a pending movie never
		// passes for a real one.
		movies[i] = Movie{ID: -int64(i + 1), Slug: k, Title: in.Title, RuntimeMinutes: in.RuntimeMinutes,
			OriginalLanguage: in.OriginalLanguage, DubbedLanguages: in.DubbedLanguages, Formats: in.Formats,
			Genres: in.Genres, Status: in.Status}
	}
	_, err := s.checkImportWith(ctx, rows, movies)
	return err
}

// ScheduleImport schedules every row as ImportShows does, all or none, and
// returns the shows in the order of the rows. Errors: as ImportShows.
func (s *Service) ScheduleImport(ctx context.Context, rows []ImportRow) ([]Show, error) {
	items, err := s.checkImport(ctx, rows)
	if err != nil {
		return nil, err
	}
	inputs := make([]ShowInput, len(items))
	for i, it := range items {
		inputs[i] = it.in
	}
	shows, err := s.schedule(ctx, inputs)
	var ce *ConflictError
	if errors.As(err, &ce) {
		return nil, importConflictError(items, ce)
	}
	if err != nil {
		return nil, fmt.Errorf("schedule %d imported shows: %w", len(inputs), err)
	}
	return shows, nil
}

// moveTimes is where a show moved to startsAt ends and is cleaned.
type moveTimes struct {
	show             Show
	ends, cleanUntil time.Time
	screen           Screen
}

// CheckMoveShow checks that the show can move to start at startsAt: it is
// scheduled, the new start is in the future and the screen is free then
// (cleaning included), other than for the show itself. Errors:
// ErrNotFound, ErrShowCancelled, ErrInvalid (validate.Errors{"starts_at"}),
// ErrShowOverlap (*ConflictError).
func (s *Service) CheckMoveShow(ctx context.Context, id int64, startsAt time.Time) error {
	_, err := s.checkMove(ctx, s.pool, id, startsAt)
	return err
}

func (s *Service) checkMove(ctx context.Context, db catalogdb.DBTX, id int64, startsAt time.Time) (moveTimes, error) {
	show, err := s.show(ctx, db, id)
	if err != nil {
		return moveTimes{}, err
	}
	if show.Status != Scheduled {
		return moveTimes{}, fmt.Errorf("move show %d: %w", id, ErrShowCancelled)
	}
	if !startsAt.After(s.now()) {
		return moveTimes{}, validate.Errors{"starts_at": "Choose a start time in the future."}
	}
	movie, err := s.q.MovieGet(ctx, db, show.MovieID)
	if err != nil {
		return moveTimes{}, fmt.Errorf("movie of show %d: %w", id, err)
	}
	th, err := s.q.TheaterGet(ctx, db, show.TheaterID)
	if err != nil {
		return moveTimes{}, fmt.Errorf("theater of show %d: %w", id, err)
	}
	screen, err := s.q.ScreenGet(ctx, db, show.ScreenID)
	if err != nil {
		return moveTimes{}, fmt.Errorf("screen of show %d: %w", id, err)
	}
	ends := startsAt.Add(time.Duration(th.TrailerMinutes+movie.RuntimeMinutes) * time.Minute)
	m := moveTimes{show: show, ends: ends, cleanUntil: ends.Add(time.Duration(th.CleaningMinutes) * time.Minute),
		screen: Screen{ID: screen.ID, Name: screen.Name}}
	others, err := s.q.ShowOverlappingOthers(ctx, db, catalogdb.ShowOverlappingOthersParams{
		ScreenID: show.ScreenID, ID: id, Starts: startsAt.UTC(), CleanUntil: m.cleanUntil.UTC()})
	if err != nil {
		return moveTimes{}, fmt.Errorf("shows in the way of show %d: %w", id, err)
	}
	if len(others) > 0 {
		var ce ConflictError
		for _, x := range others {
			ce.Conflicts = append(ce.Conflicts, Conflict{Screen: screen.Name, StartsAt: startsAt, BlockingID: x.ID,
				BlockingTitle: x.MovieTitle, BlockingStart: x.StartsAt, BlockingUntil: x.CleanUntil})
		}
		return moveTimes{}, &ce
	}
	return m, nil
}

// MoveShow moves a scheduled show to start at startsAt (its end and
// cleaning move with it); listeners hear of it as a ShowChanged carrying
// the old start (OldStartsAt) in the same transaction, so booking tells the
// buyers exactly when the move commits. Errors: as CheckMoveShow.
func (s *Service) MoveShow(ctx context.Context, id int64, startsAt time.Time) (Show, error) {
	var moved Show
	err := pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		m, err := s.checkMove(ctx, tx, id, startsAt)
		if err != nil {
			return err
		}
		row, err := s.q.ShowMove(ctx, tx, catalogdb.ShowMoveParams{ID: id, StartsAt: startsAt.UTC(),
			EndsAt: m.ends.UTC(), CleanUntil: m.cleanUntil.UTC()})
		if pg.IsExclusionViolation(err, "shows_no_overlap") {
			return &ConflictError{Conflicts: []Conflict{{Screen: m.screen.Name, StartsAt: startsAt,
				BlockingTitle: "a show scheduled a moment ago"}}}
		}
		if err != nil {
			return fmt.Errorf("move show: %w", err)
		}
		if moved, err = showFromRow(row); err != nil {
			return err
		}
		c := Change{Kind: ShowChanged, MovieID: row.MovieID, ShowIDs: []int64{id}}
		if !m.show.StartsAt.Equal(moved.StartsAt) {
			c.OldStartsAt = m.show.StartsAt
		}
		return s.changed(ctx, tx, c)
	})
	if err != nil {
		return Show{}, fmt.Errorf("move show %d: %w", id, err)
	}
	return moved, nil
}
