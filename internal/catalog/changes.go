package catalog

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// Listener hears about catalogue changes inside the transaction that makes
// them, so what it does (enqueue an indexing job, cancel a show's bookings,
// alert followers) commits or rolls back with the change. Other modules
// satisfy it; main connects them with AddListener.
type Listener interface {
	CatalogChanged(ctx context.Context, tx pgx.Tx, c Change) error
}

// ChangeKind says what changed.
type ChangeKind string

// Catalogue changes.
const (
	// MovieSaved: a movie was created or edited (MovieID; Created,
	// OldStatus and NewStatus tell a new movie or a status move).
	MovieSaved ChangeKind = "movie_saved"
	// TheaterSaved: a theater or one of its screens was created or edited.
	TheaterSaved ChangeKind = "theater_saved"
	// ShowsScheduled: new shows (ShowIDs, all of MovieID when set).
	ShowsScheduled ChangeKind = "shows_scheduled"
	// ShowChanged: a show's prices or availability changed (ShowIDs), or
	// it moved to another time (one ShowID and its MovieID, OldStartsAt
	// set): a listener that only drops caches needs no case of its own.
	ShowChanged ChangeKind = "show_changed"
	// ShowCancelled: the cinema cancelled a show (ShowIDs, MovieID).
	ShowCancelled ChangeKind = "show_cancelled"
	// SeatsRemoving: a layout edit is about to remove Seats from the
	// screen of the upcoming ShowIDs. A listener that holds or sold any of
	// them refuses with a *SeatsBookedError, and nothing is saved.
	SeatsRemoving ChangeKind = "seats_removing"
)

// Change describes one catalogue change.
type Change struct {
	Kind      ChangeKind
	MovieID   int64
	TheaterID int64
	ShowIDs   []int64
	// Seats are seat labels (SeatsRemoving).
	Seats []string
	// Created is true for a new movie or theater.
	Created bool
	// OldStatus and NewStatus are a movie's status before and after.
	OldStatus, NewStatus MovieStatus
	// OldStartsAt is when a moved show started before (ShowChanged by
	// MoveShow); zero for every other change.
	OldStartsAt time.Time
}

// AddListener registers l for every later change (called from main before
// the server starts).
func (s *Service) AddListener(l Listener) { s.listeners = append(s.listeners, l) }

// changed tells every listener about c, inside tx.
func (s *Service) changed(ctx context.Context, tx pgx.Tx, c Change) error {
	for _, l := range s.listeners {
		if err := l.CatalogChanged(ctx, tx, c); err != nil {
			return fmt.Errorf("catalogue change %s: %w", c.Kind, err)
		}
	}
	return nil
}
