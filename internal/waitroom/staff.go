package waitroom

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/validate"
	"github.com/marqueehq/marquee/internal/waitroom/waitroomdb"
)

// MaxRate is the highest admission rate staff may set, per minute.
const MaxRate = 60_000

// Room is a waiting room as staff see it.
type Room struct {
	ID       int64
	ShowID   int64 // one of ShowID and MovieID is set
	MovieID  int64
	Label    string
	TimeZone string
	OnSaleAt time.Time
	Rate     int // buyers admitted per minute
	Waiting  int // buyers in the queue now
	Admitted int // buyers let in so far
}

// RoomInput is what staff set. OnSaleAt is read in TimeZone.
type RoomInput struct {
	ShowID   int64
	MovieID  int64
	OnSaleAt time.Time
	TimeZone string
	Rate     int
}

// Rooms lists the rooms, latest on-sale first, with their queues now.
func (s *Service) Rooms(ctx context.Context) ([]Room, error) {
	rows, err := s.q.RoomList(ctx, s.pool, s.opts.Now())
	if err != nil {
		return nil, fmt.Errorf("list waiting rooms: %w", err)
	}
	out := make([]Room, len(rows))
	for i, r := range rows {
		out[i] = Room{ID: r.ID, ShowID: deref(r.ShowID), MovieID: deref(r.MovieID), Label: r.Label, TimeZone: r.TimeZone,
			OnSaleAt: r.OnSaleAt, Rate: int(r.RatePerMinute), Waiting: int(r.Waiting), Admitted: int(r.Admitted)}
	}
	return out, nil
}

// Room returns room id. Errors: ErrNotFound.
func (s *Service) Room(ctx context.Context, id int64) (Room, error) {
	r, err := s.q.RoomGet(ctx, s.pool, id)
	if errors.Is(err, pgx.ErrNoRows) {
		return Room{}, fmt.Errorf("waiting room %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return Room{}, fmt.Errorf("read waiting room %d: %w", id, err)
	}
	return Room{ID: r.ID, ShowID: deref(r.ShowID), MovieID: deref(r.MovieID), Label: r.Label, TimeZone: r.TimeZone,
		OnSaleAt: r.OnSaleAt, Rate: int(r.RatePerMinute)}, nil
}

// SaveRoom puts a room in front of a show or of every show of a movie, or
// changes the on-sale time and rate of the one there. Places already given
// keep their admission times; new ones follow the new settings.
// Errors: ErrInvalid (validate.Errors by form field: scope, show_id,
// movie_id, on_sale_at, time_zone, rate).
func (s *Service) SaveRoom(ctx context.Context, in RoomInput) (Room, error) {
	label, errs := s.checkRoom(ctx, in)
	if err := errs.Err(); err != nil {
		return Room{}, err
	}
	var row waitroomdb.WaitroomRoom
	var err error
	if in.ShowID != 0 {
		row, err = s.q.RoomSaveForShow(ctx, s.pool, waitroomdb.RoomSaveForShowParams{ShowID: &in.ShowID, Label: label,
			TimeZone: in.TimeZone, OnSaleAt: in.OnSaleAt, RatePerMinute: int32(in.Rate)})
	} else {
		row, err = s.q.RoomSaveForMovie(ctx, s.pool, waitroomdb.RoomSaveForMovieParams{MovieID: &in.MovieID, Label: label,
			TimeZone: in.TimeZone, OnSaleAt: in.OnSaleAt, RatePerMinute: int32(in.Rate)})
	}
	if err != nil {
		return Room{}, fmt.Errorf("save waiting room: %w", err)
	}
	s.rooms.forget()
	s.passes.forgetRoom(row.ID)
	return Room{ID: row.ID, ShowID: deref(row.ShowID), MovieID: deref(row.MovieID), Label: row.Label,
		TimeZone: row.TimeZone, OnSaleAt: row.OnSaleAt, Rate: int(row.RatePerMinute)}, nil
}

// checkRoom validates the input and names the show or movie for the list.
func (s *Service) checkRoom(ctx context.Context, in RoomInput) (string, validate.Errors) {
	var errs validate.Errors
	errs.Check(in.Rate >= 1 && in.Rate <= MaxRate, "rate", i18n.T(ctx, "Enter how many buyers to let in per minute, from 1 to {{.Max}}.", "Max", MaxRate))
	errs.Check(!in.OnSaleAt.IsZero(), "on_sale_at", i18n.T(ctx, "Enter the date and time tickets go on sale."))
	if _, err := time.LoadLocation(in.TimeZone); err != nil || in.TimeZone == "" {
		errs.Add("time_zone", i18n.T(ctx, "Choose a time zone from the list."))
	}
	var label string
	switch {
	case (in.ShowID == 0) == (in.MovieID == 0):
		errs.Add("scope", i18n.T(ctx, "Choose either one show or a movie's opening."))
	case in.ShowID != 0:
		d, err := s.opts.Catalog.ShowDetail(ctx, in.ShowID)
		if errors.Is(err, catalog.ErrNotFound) || (err == nil && d.Status == catalog.Cancelled) {
			errs.Add("show_id", i18n.T(ctx, "There is no show with that number that is still on."))
			break
		}
		if err != nil {
			errs.Add("show_id", i18n.T(ctx, "We couldn't look that show up just now. Try again in a moment."))
			break
		}
		label = d.Movie.Title + " · " + d.Theater.Name + " · " + d.Screen.Name + " · " +
			d.StartsAt.In(d.Theater.Location()).Format("Mon 2 Jan 15:04")
	default:
		label = s.movieTitle(ctx, in.MovieID)
		if label == "" {
			errs.Add("movie_id", i18n.T(ctx, "Choose a movie from the list."))
		}
		label += " · all shows"
	}
	return label, errs
}

// movieTitle names a movie of the catalogue, "" if there is none.
func (s *Service) movieTitle(ctx context.Context, id int64) string {
	ch, err := s.opts.Catalog.ScheduleChoices(ctx)
	if err != nil {
		return ""
	}
	for _, m := range ch.Movies {
		if m.ID == id {
			return m.Title
		}
	}
	return ""
}

// DeleteRoom removes a room and its queue: the show sells without one.
// Errors: ErrNotFound.
func (s *Service) DeleteRoom(ctx context.Context, id int64) error {
	n, err := s.q.RoomDelete(ctx, s.pool, id)
	if err != nil {
		return fmt.Errorf("remove waiting room %d: %w", id, err)
	}
	if n == 0 {
		return fmt.Errorf("waiting room %d: %w", id, ErrNotFound)
	}
	s.rooms.forget()
	s.queues.forget(id)
	s.passes.forgetRoom(id)
	return nil
}

func deref(p *int64) int64 {
	if p == nil {
		return 0
	}
	return *p
}

// Location is the time zone the room's on-sale time is shown in.
func (r Room) Location() *time.Location {
	if loc, err := time.LoadLocation(r.TimeZone); err == nil {
		return loc
	}
	return time.UTC
}
