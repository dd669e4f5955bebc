package catalog

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/catalog/catalogdb"
	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/pg"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

// Cities lists every city, by name.
func (s *Service) Cities(ctx context.Context) ([]City, error) {
	rows, err := s.q.CityList(ctx, s.pool)
	if err != nil {
		return nil, fmt.Errorf("list cities: %w", err)
	}
	out := make([]City, len(rows))
	for i, r := range rows {
		out[i] = City{Slug: r.Slug, Name: r.Name, TimeZone: r.TimeZone, Currency: r.Currency}
	}
	return out, nil
}

// City returns the city with slug. Errors: ErrNotFound.
func (s *Service) City(ctx context.Context, slug string) (City, error) {
	return s.city(ctx, s.pool, slug)
}

func (s *Service) city(ctx context.Context, db catalogdb.DBTX, slug string) (City, error) {
	r, err := s.q.CityGet(ctx, db, slug)
	if errors.Is(err, pgx.ErrNoRows) {
		return City{}, fmt.Errorf("city %q: %w", slug, ErrNotFound)
	}
	if err != nil {
		return City{}, fmt.Errorf("get city %q: %w", slug, err)
	}
	return City{Slug: r.Slug, Name: r.Name, TimeZone: r.TimeZone, Currency: r.Currency}, nil
}

// SaveCity creates or updates a city. Errors: ErrInvalid.
func (s *Service) SaveCity(ctx context.Context, c City) error {
	var e validate.Errors
	e.Check(strings.TrimSpace(c.Name) != "", "name", "Enter the city's name.")
	_, tzErr := time.LoadLocation(c.TimeZone)
	e.Check(c.TimeZone != "" && tzErr == nil, "time_zone", "Enter an IANA time zone such as Europe/London.")
	e.Check(len(c.Currency) == 3 && strings.ToUpper(c.Currency) == c.Currency, "currency", "Enter a three-letter currency code such as GBP.")
	if err := e.Err(); err != nil {
		return err
	}
	if c.Slug == "" {
		c.Slug = Slugify(c.Name)
	}
	err := s.q.CityUpsert(ctx, s.pool, catalogdb.CityUpsertParams{Slug: c.Slug, Name: c.Name, TimeZone: c.TimeZone, Currency: c.Currency})
	if err != nil {
		return fmt.Errorf("save city %q: %w", c.Name, err)
	}
	return nil
}

// TheaterInput is what an admin edits about a theater.
type TheaterInput struct {
	// ChainID is the chain the theater belongs to (0: the independents);
	// it is set when the theater is created and not changed by edits.
	ChainID         int64
	Name            string
	CitySlug        string
	Address         string
	Latitude        *float64
	Longitude       *float64
	TimeZone        string
	Amenities       []string
	TrailerMinutes  int
	CleaningMinutes int
}

func (in TheaterInput) validate() error {
	var e validate.Errors
	e.Check(strings.TrimSpace(in.Name) != "" && len(in.Name) <= 120, "name", i18n.Msg("Enter the theater's name (up to 120 characters)."))
	e.Check(in.CitySlug != "", "city", i18n.Msg("Choose a city."))
	_, tzErr := time.LoadLocation(in.TimeZone)
	e.Check(in.TimeZone != "" && tzErr == nil, "time_zone", i18n.Msg("Enter an IANA time zone such as Asia/Kolkata."))
	e.Check(in.Latitude == nil || (*in.Latitude >= -90 && *in.Latitude <= 90), "latitude", i18n.Msg("Latitude is between -90 and 90."))
	e.Check(in.Longitude == nil || (*in.Longitude >= -180 && *in.Longitude <= 180), "longitude", i18n.Msg("Longitude is between -180 and 180."))
	e.Check(in.TrailerMinutes >= 0 && in.TrailerMinutes <= 60, "trailer_minutes", i18n.Msg("Trailers last 0-60 minutes."))
	e.Check(in.CleaningMinutes >= 0 && in.CleaningMinutes <= 120, "cleaning_minutes", i18n.Msg("Cleaning takes 0-120 minutes."))
	for _, a := range in.Amenities {
		_, ok := Amenities()[a]
		e.Check(ok, "amenities", i18n.Msg("Choose amenities from the list."))
	}
	return e.Err()
}

// CreateTheater adds a theater. Errors: ErrInvalid.
func (s *Service) CreateTheater(ctx context.Context, in TheaterInput) (Theater, error) {
	if err := in.validate(); err != nil {
		return Theater{}, err
	}
	var t Theater
	err := pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		if _, err := s.q.CityGet(ctx, tx, in.CitySlug); err != nil {
			return validate.Errors{"city": i18n.Msg("Choose a city.")}
		}
		slug, err := s.uniqueSlug(ctx, tx, in.Name, time.Time{}, s.q.TheaterSlugExists)
		if err != nil {
			return err
		}
		row, err := s.q.TheaterInsert(ctx, tx, catalogdb.TheaterInsertParams{
			Slug: slug, Name: strings.TrimSpace(in.Name), CitySlug: in.CitySlug, Address: in.Address,
			Latitude: in.Latitude, Longitude: in.Longitude, TimeZone: in.TimeZone, Amenities: nonNil(in.Amenities),
			TrailerMinutes: int32(in.TrailerMinutes), CleaningMinutes: int32(in.CleaningMinutes), ChainID: in.ChainID,
		})
		if err != nil {
			return err
		}
		t = theaterFromRow(row)
		return s.changed(ctx, tx, Change{Kind: TheaterSaved, TheaterID: t.ID, Created: true})
	})
	if err != nil {
		return Theater{}, fmt.Errorf("create theater %q: %w", in.Name, err)
	}
	return t, nil
}

// UpdateTheater changes a theater's details. Errors: ErrNotFound, ErrInvalid.
func (s *Service) UpdateTheater(ctx context.Context, id int64, in TheaterInput) (Theater, error) {
	if err := in.validate(); err != nil {
		return Theater{}, err
	}
	if _, err := s.City(ctx, in.CitySlug); err != nil {
		return Theater{}, validate.Errors{"city": i18n.Msg("Choose a city.")}
	}
	var row catalogdb.CatalogTheater
	err := pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		var err error
		row, err = s.q.TheaterUpdate(ctx, tx, catalogdb.TheaterUpdateParams{
			ID: id, Name: strings.TrimSpace(in.Name), CitySlug: in.CitySlug, Address: in.Address,
			Latitude: in.Latitude, Longitude: in.Longitude, TimeZone: in.TimeZone, Amenities: nonNil(in.Amenities),
			TrailerMinutes: int32(in.TrailerMinutes), CleaningMinutes: int32(in.CleaningMinutes),
		})
		if err != nil {
			return err
		}
		return s.changed(ctx, tx, Change{Kind: TheaterSaved, TheaterID: id})
	})
	if errors.Is(err, pgx.ErrNoRows) {
		return Theater{}, fmt.Errorf("theater %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return Theater{}, fmt.Errorf("update theater %d: %w", id, err)
	}
	return theaterFromRow(row), nil
}

// Theater returns a theater. Errors: ErrNotFound.
func (s *Service) Theater(ctx context.Context, id int64) (Theater, error) {
	return s.theater(ctx, s.pool, id)
}

func (s *Service) theater(ctx context.Context, db catalogdb.DBTX, id int64) (Theater, error) {
	row, err := s.q.TheaterGet(ctx, db, id)
	return theaterOrNotFound(row, err, fmt.Sprint(id))
}

// TheaterBySlug returns a theater for its public page (from the read
// pool, which may lag a little). Errors: ErrNotFound.
func (s *Service) TheaterBySlug(ctx context.Context, slug string) (Theater, error) {
	row, err := s.q.TheaterGetBySlug(ctx, s.read, slug)
	return theaterOrNotFound(row, err, slug)
}

// Theaters lists theaters in citySlug, or all when citySlug is "".
func (s *Service) Theaters(ctx context.Context, citySlug string) ([]Theater, error) {
	var rows []catalogdb.CatalogTheater
	var err error
	if citySlug == "" {
		rows, err = s.q.TheaterList(ctx, s.pool)
	} else {
		rows, err = s.q.TheaterListInCity(ctx, s.pool, citySlug)
	}
	if err != nil {
		return nil, fmt.Errorf("list theaters: %w", err)
	}
	out := make([]Theater, len(rows))
	for i, r := range rows {
		out[i] = theaterFromRow(r)
	}
	return out, nil
}

func theaterOrNotFound(row catalogdb.CatalogTheater, err error, key string) (Theater, error) {
	if errors.Is(err, pgx.ErrNoRows) {
		return Theater{}, fmt.Errorf("theater %s: %w", key, ErrNotFound)
	}
	if err != nil {
		return Theater{}, fmt.Errorf("get theater %s: %w", key, err)
	}
	return theaterFromRow(row), nil
}

func theaterFromRow(r catalogdb.CatalogTheater) Theater {
	return Theater{
		ID: r.ID, ChainID: r.ChainID, Slug: r.Slug, Name: r.Name, CitySlug: r.CitySlug, Address: r.Address,
		Latitude: r.Latitude, Longitude: r.Longitude, TimeZone: r.TimeZone, Amenities: r.Amenities,
		TrailerMinutes: int(r.TrailerMinutes), CleaningMinutes: int(r.CleaningMinutes),
	}
}

// ScreenInput is what an admin edits about a screen.
type ScreenInput struct {
	Name    string
	Formats []string
	Layout  Layout
	// BaseFingerprint, when set, is the Fingerprint of the layout the edit
	// started from: UpdateScreen refuses with ErrLayoutChanged if the saved
	// layout is no longer that one (someone else saved in between).
	BaseFingerprint string
}

func (in ScreenInput) validate() error {
	var e validate.Errors
	e.Check(strings.TrimSpace(in.Name) != "" && len(in.Name) <= 60, "name", i18n.Msg("Enter the screen's name (up to 60 characters)."))
	e.Check(len(in.Formats) > 0, "formats", i18n.Msg("Choose at least one format the screen plays."))
	for _, f := range in.Formats {
		e.Check(slices.Contains(Formats(), f), "formats", "Unknown format "+f+".")
	}
	if err := in.Layout.Validate(); err != nil {
		e.Add("layout", strings.TrimPrefix(err.Error(), ErrInvalid.Error()+": "))
	}
	return e.Err()
}

// CreateScreen adds a screen to a theater. Errors: ErrNotFound, ErrInvalid.
func (s *Service) CreateScreen(ctx context.Context, theaterID int64, in ScreenInput) (Screen, error) {
	if err := in.validate(); err != nil {
		return Screen{}, err
	}
	if _, err := s.Theater(ctx, theaterID); err != nil {
		return Screen{}, err
	}
	layout, err := json.Marshal(in.Layout)
	if err != nil {
		return Screen{}, fmt.Errorf("encode layout: %w", err)
	}
	var row catalogdb.CatalogScreen
	err = pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		var err error
		row, err = s.q.ScreenInsert(ctx, tx, catalogdb.ScreenInsertParams{
			TheaterID: theaterID, Name: strings.TrimSpace(in.Name), Formats: in.Formats,
			Layout: layout, SeatCount: int32(in.Layout.SeatCount()),
		})
		if err != nil {
			return err
		}
		return s.changed(ctx, tx, Change{Kind: TheaterSaved, TheaterID: theaterID})
	})
	if pg.IsUniqueViolation(err, "") {
		return Screen{}, validate.Errors{"name": i18n.Msg("This theater already has a screen with that name.")}
	}
	if err != nil {
		return Screen{}, fmt.Errorf("create screen %q: %w", in.Name, err)
	}
	return screenFromRow(row)
}

// UpdateScreen changes a screen. A layout change that would remove (or
// block, or relabel) a seat booked for a show still to come is refused, and
// so is dropping a format that scheduled shows use.
// Errors: ErrNotFound, ErrInvalid, ErrSeatsBooked (*SeatsBookedError),
// ErrLayoutChanged.
func (s *Service) UpdateScreen(ctx context.Context, id int64, in ScreenInput) (Screen, error) {
	if err := in.validate(); err != nil {
		return Screen{}, err
	}
	layout, err := json.Marshal(in.Layout)
	if err != nil {
		return Screen{}, fmt.Errorf("encode layout: %w", err)
	}
	var out Screen
	err = pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		row, err := s.q.ScreenGetForUpdate(ctx, tx, id)
		if errors.Is(err, pgx.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return fmt.Errorf("lock screen: %w", err)
		}
		cur, err := screenFromRow(row)
		if err != nil {
			return err
		}
		if in.BaseFingerprint != "" && in.BaseFingerprint != cur.Layout.Fingerprint() {
			return ErrLayoutChanged
		}
		if err := s.checkBookedSeats(ctx, tx, id, cur.Layout.RemovedSeats(in.Layout)); err != nil {
			return err
		}
		updated, err := s.q.ScreenUpdate(ctx, tx, catalogdb.ScreenUpdateParams{
			ID: id, Name: strings.TrimSpace(in.Name), Formats: in.Formats, Layout: layout,
			SeatCount: int32(in.Layout.SeatCount()),
		})
		if pg.IsUniqueViolation(err, "") {
			return validate.Errors{"name": i18n.Msg("This theater already has a screen with that name.")}
		}
		if err != nil {
			return fmt.Errorf("update screen: %w", err)
		}
		if out, err = screenFromRow(updated); err != nil {
			return err
		}
		return s.changed(ctx, tx, Change{Kind: TheaterSaved, TheaterID: updated.TheaterID})
	})
	if err != nil {
		return Screen{}, fmt.Errorf("update screen %d: %w", id, err)
	}
	return out, nil
}

// checkBookedSeats asks the listeners (booking) whether any seat a layout
// edit removes is held or sold for an upcoming show of the screen: one that
// is refuses the edit with a *SeatsBookedError.
func (s *Service) checkBookedSeats(ctx context.Context, tx pgx.Tx, screenID int64, removed []string) error {
	if len(removed) == 0 {
		return nil
	}
	shows, err := s.q.ShowIDsUpcomingOnScreen(ctx, tx, screenID)
	if err != nil {
		return fmt.Errorf("upcoming shows of screen %d: %w", screenID, err)
	}
	if len(shows) == 0 {
		return nil
	}
	return s.changed(ctx, tx, Change{Kind: SeatsRemoving, ShowIDs: shows, Seats: removed})
}

// Screen returns a screen with its layout. Errors: ErrNotFound.
func (s *Service) Screen(ctx context.Context, id int64) (Screen, error) {
	return s.screen(ctx, s.pool, id)
}

func (s *Service) screen(ctx context.Context, db catalogdb.DBTX, id int64) (Screen, error) {
	row, err := s.q.ScreenGet(ctx, db, id)
	if errors.Is(err, pgx.ErrNoRows) {
		return Screen{}, fmt.Errorf("screen %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return Screen{}, fmt.Errorf("get screen %d: %w", id, err)
	}
	return screenFromRow(row)
}

// Screens lists a theater's screens.
func (s *Service) Screens(ctx context.Context, theaterID int64) ([]Screen, error) {
	rows, err := s.q.ScreenListForTheater(ctx, s.pool, theaterID)
	if err != nil {
		return nil, fmt.Errorf("list screens of theater %d: %w", theaterID, err)
	}
	out := make([]Screen, len(rows))
	for i, r := range rows {
		if out[i], err = screenFromRow(r); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func screenFromRow(r catalogdb.CatalogScreen) (Screen, error) {
	var l Layout
	if err := json.Unmarshal(r.Layout, &l); err != nil {
		return Screen{}, fmt.Errorf("decode layout of screen %d: %w", r.ID, err)
	}
	return Screen{ID: r.ID, TheaterID: r.TheaterID, Name: r.Name, Formats: r.Formats, Layout: l, SeatCount: int(r.SeatCount)}, nil
}
