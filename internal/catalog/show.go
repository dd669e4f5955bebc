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

// ShowInput schedules one show.
type ShowInput struct {
	MovieID   int64
	ScreenID  int64
	StartsAt  time.Time // an instant; callers convert the theater's local time
	Language  string
	Format    string
	Subtitles string
	// Prices overrides the price rules per category (optional).
	Prices Prices
}

// Conflict is a planned show that cannot be scheduled because another show
// (already scheduled, or earlier in the same request) holds the screen.
type Conflict struct {
	Screen        string
	StartsAt      time.Time
	BlockingID    int64 // 0 when the blocker is another show of the same request
	BlockingTitle string
	BlockingStart time.Time
	BlockingUntil time.Time // cleaning included
}

// ConflictError lists every conflict of a scheduling request. It matches
// ErrShowOverlap with errors.Is.
type ConflictError struct{ Conflicts []Conflict }

func (e *ConflictError) Error() string {
	return fmt.Sprintf("%s (%d conflicts)", ErrShowOverlap, len(e.Conflicts))
}

// Is makes errors.Is(err, ErrShowOverlap) true.
func (e *ConflictError) Is(target error) bool { return target == ErrShowOverlap }

// plan is a show ready to insert.
type plan struct {
	movie   Movie
	screen  Screen
	theater Theater
	row     catalogdb.ShowInsertParams
}

// ScheduleShow schedules one show. Errors: ErrInvalid, ErrNotFound,
// ErrShowOverlap (as *ConflictError naming the show in the way).
func (s *Service) ScheduleShow(ctx context.Context, in ShowInput) (Show, error) {
	shows, err := s.schedule(ctx, []ShowInput{in})
	if err != nil {
		return Show{}, err
	}
	return shows[0], nil
}

// BulkShowInput schedules a movie on several screens, every day of a date
// range, at several local times.
type BulkShowInput struct {
	MovieID   int64
	ScreenIDs []int64
	FirstDay  time.Time // dates; only year, month and day are used
	LastDay   time.Time
	Times     []string // "HH:MM", the theater's local time
	Language  string
	Format    string
	Subtitles string
}

// MaxBulkShows bounds one bulk request.
const MaxBulkShows = 1000

// ScheduleShows schedules every combination of the input, or nothing: when
// any would overlap, the error lists them all. Errors: ErrInvalid,
// ErrNotFound, ErrShowOverlap (*ConflictError).
func (s *Service) ScheduleShows(ctx context.Context, in BulkShowInput) ([]Show, error) {
	var e validate.Errors
	e.Check(len(in.ScreenIDs) > 0, "screens", i18n.T(ctx, "Choose at least one screen."))
	e.Check(!in.FirstDay.IsZero() && !in.LastDay.IsZero() && !in.LastDay.Before(in.FirstDay), "dates", i18n.T(ctx, "Choose a first and a last day, in that order."))
	e.Check(len(in.Times) > 0, "times", i18n.T(ctx, "Enter at least one start time, like 10:30."))
	var clock []time.Duration
	for _, t := range in.Times {
		d, err := parseClock(t)
		if err != nil {
			e.Add("times", i18n.T(ctx, "“{{.Time}}” is not a time like 18:45.", "Time", t))
			continue
		}
		clock = append(clock, d)
	}
	if err := e.Err(); err != nil {
		return nil, err
	}
	days := int(in.LastDay.Sub(in.FirstDay).Hours()/24) + 1
	if n := days * len(in.ScreenIDs) * len(clock); n > MaxBulkShows {
		return nil, validate.Errors{"dates": i18n.T(ctx, "That would be {{.Shows}} shows; schedule at most {{.Max}} at once.",
			"Shows", i18n.Number(ctx, int64(n)), "Max", i18n.Number(ctx, MaxBulkShows))}
	}
	var inputs []ShowInput
	for _, screenID := range in.ScreenIDs {
		screen, err := s.Screen(ctx, screenID)
		if err != nil {
			return nil, err
		}
		theater, err := s.Theater(ctx, screen.TheaterID)
		if err != nil {
			return nil, err
		}
		loc := theater.Location()
		for d := 0; d < days; d++ {
			day := in.FirstDay.AddDate(0, 0, d)
			for _, c := range clock {
				// Wall-clock hour and minute on that date: right on the days
				// the clocks change, unlike midnight plus a duration.
				start := time.Date(day.Year(), day.Month(), day.Day(), int(c/time.Hour), int(c%time.Hour/time.Minute), 0, 0, loc)
				inputs = append(inputs, ShowInput{MovieID: in.MovieID, ScreenID: screenID, StartsAt: start,
					Language: in.Language, Format: in.Format, Subtitles: in.Subtitles})
			}
		}
	}
	return s.schedule(ctx, inputs)
}

// schedule validates and inserts inputs in one transaction, all or nothing.
func (s *Service) schedule(ctx context.Context, inputs []ShowInput) ([]Show, error) {
	plans := make([]plan, len(inputs))
	pc := &planCache{movies: map[int64]Movie{}, screens: map[int64]Screen{}, theaters: map[int64]Theater{}, rules: map[int64][]PriceRule{}}
	for i, in := range inputs {
		p, err := s.planShow(ctx, pc, in)
		if err != nil {
			return nil, err
		}
		plans[i] = p
	}
	var shows []Show
	err := pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		shows = shows[:0]
		if conflicts, err := s.conflicts(ctx, tx, plans); err != nil {
			return err
		} else if len(conflicts) > 0 {
			return &ConflictError{Conflicts: conflicts}
		}
		for _, p := range plans {
			row, err := s.q.ShowInsert(ctx, tx, p.row)
			if pg.IsExclusionViolation(err, "shows_no_overlap") {
				// Someone scheduled the same screen between our check and
				// our insert; the constraint keeps the screen single-booked.
				return &ConflictError{Conflicts: []Conflict{{Screen: p.screen.Name, StartsAt: p.row.StartsAt,
					BlockingTitle: "a show scheduled a moment ago"}}}
			}
			if err != nil {
				return fmt.Errorf("insert show: %w", err)
			}
			show, err := showFromRow(row)
			if err != nil {
				return err
			}
			shows = append(shows, show)
		}
		return s.scheduled(ctx, tx, shows)
	})
	if err != nil {
		return nil, fmt.Errorf("schedule %d shows: %w", len(inputs), err)
	}
	return shows, nil
}

// scheduled tells listeners about new shows, one change per movie.
func (s *Service) scheduled(ctx context.Context, tx pgx.Tx, shows []Show) error {
	byMovie := map[int64][]int64{}
	var order []int64
	for _, sh := range shows {
		if _, ok := byMovie[sh.MovieID]; !ok {
			order = append(order, sh.MovieID)
		}
		byMovie[sh.MovieID] = append(byMovie[sh.MovieID], sh.ID)
	}
	for _, m := range order {
		if err := s.changed(ctx, tx, Change{Kind: ShowsScheduled, MovieID: m, ShowIDs: byMovie[m]}); err != nil {
			return err
		}
	}
	return nil
}

// planCache keeps what planning a batch of shows reads, so a bulk request
// reads each movie, screen, theater and rule set once.
type planCache struct {
	movies   map[int64]Movie
	screens  map[int64]Screen
	theaters map[int64]Theater
	rules    map[int64][]PriceRule
}

func cached[T any](m map[int64]T, id int64, load func(context.Context, int64) (T, error), ctx context.Context) (T, error) {
	if v, ok := m[id]; ok {
		return v, nil
	}
	v, err := load(ctx, id)
	if err == nil {
		m[id] = v
	}
	return v, err
}

// planShow checks one input against its movie, screen and theater and
// prices it.
func (s *Service) planShow(ctx context.Context, pc *planCache, in ShowInput) (plan, error) {
	movie, err := cached(pc.movies, in.MovieID, s.Movie, ctx)
	if err != nil {
		return plan{}, validate.Errors{"movie": i18n.T(ctx, "Choose a movie.")}
	}
	screen, err := cached(pc.screens, in.ScreenID, s.Screen, ctx)
	if err != nil {
		return plan{}, validate.Errors{"screen": i18n.T(ctx, "Choose a screen.")}
	}
	theater, err := cached(pc.theaters, screen.TheaterID, s.Theater, ctx)
	if err != nil {
		return plan{}, err
	}
	var e validate.Errors
	e.Check(movie.Status != Archived, "movie", i18n.T(ctx, "{{.Movie}} is archived; restore it before scheduling.", "Movie", movie.Title))
	e.Check(screen.Plays(in.Format), "format", i18n.T(ctx, "{{.Screen}} cannot play {{.Format}}; it plays {{.Formats}}.",
		"Screen", screen.Name, "Format", orDash(in.Format), "Formats", strings.Join(screen.Formats, ", ")))
	e.Check(in.Language != "" && slices.Contains(movie.Languages(), in.Language), "language",
		i18n.T(ctx, "{{.Movie}} is available in {{.Languages}}.", "Movie", movie.Title, "Languages", strings.Join(movie.Languages(), ", ")))
	e.Check(in.StartsAt.After(s.now()), "starts_at", i18n.T(ctx, "Choose a start time in the future."))
	rules, err := cached(pc.rules, theater.ID, s.PriceRules, ctx)
	if err != nil {
		return plan{}, err
	}
	cats := screen.Layout.CategoriesUsed()
	prices, missing := priceFor(rules, cats, in.StartsAt.In(theater.Location()))
	for c, amount := range in.Prices {
		e.Check(amount >= 0, "prices", i18n.T(ctx, "Prices cannot be negative."))
		prices[c] = amount
	}
	for _, c := range missing {
		if _, ok := in.Prices[c]; !ok {
			e.Add("prices", i18n.T(ctx, "No price for {{.Kind}} seats at {{.Theater}}: add a price rule or set the price for this show.",
				"Kind", categoryName(ctx, c), "Theater", theater.Name))
		}
	}
	if err := e.Err(); err != nil {
		return plan{}, err
	}
	ends := in.StartsAt.Add(time.Duration(theater.TrailerMinutes+movie.RuntimeMinutes) * time.Minute)
	pricesJSON, err := json.Marshal(prices)
	if err != nil {
		return plan{}, fmt.Errorf("encode prices: %w", err)
	}
	return plan{movie: movie, screen: screen, theater: theater, row: catalogdb.ShowInsertParams{
		MovieID: movie.ID, ScreenID: screen.ID, TheaterID: theater.ID,
		StartsAt: in.StartsAt.UTC(), EndsAt: ends.UTC(),
		CleanUntil: ends.Add(time.Duration(theater.CleaningMinutes) * time.Minute).UTC(),
		Language:   in.Language, Format: in.Format, Subtitles: in.Subtitles, Prices: pricesJSON,
		SeatsTotal: int32(screen.Layout.SeatCount()),
	}}, nil
}

// conflicts lists every plan that overlaps an existing live show or an
// earlier plan on the same screen.
func (s *Service) conflicts(ctx context.Context, tx pgx.Tx, plans []plan) ([]Conflict, error) {
	var out []Conflict
	for i, p := range plans {
		existing, err := s.q.ShowOverlapping(ctx, tx, catalogdb.ShowOverlappingParams{
			ScreenID: p.screen.ID, Starts: p.row.StartsAt, CleanUntil: p.row.CleanUntil,
		})
		if err != nil {
			return nil, fmt.Errorf("find overlapping shows: %w", err)
		}
		for _, x := range existing {
			out = append(out, Conflict{Screen: p.screen.Name, StartsAt: p.row.StartsAt, BlockingID: x.ID,
				BlockingTitle: x.MovieTitle, BlockingStart: x.StartsAt, BlockingUntil: x.CleanUntil})
		}
		for _, q := range plans[:i] {
			if q.screen.ID == p.screen.ID && q.row.StartsAt.Before(p.row.CleanUntil) && p.row.StartsAt.Before(q.row.CleanUntil) {
				out = append(out, Conflict{Screen: p.screen.Name, StartsAt: p.row.StartsAt,
					BlockingTitle: q.movie.Title + " (in this request)", BlockingStart: q.row.StartsAt, BlockingUntil: q.row.CleanUntil})
			}
		}
	}
	return out, nil
}

// Show returns one show. Errors: ErrNotFound.
func (s *Service) Show(ctx context.Context, id int64) (Show, error) {
	return s.show(ctx, s.pool, id)
}

func (s *Service) show(ctx context.Context, db catalogdb.DBTX, id int64) (Show, error) {
	row, err := s.q.ShowGet(ctx, db, id)
	if errors.Is(err, pgx.ErrNoRows) {
		return Show{}, fmt.Errorf("show %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return Show{}, fmt.Errorf("get show %d: %w", id, err)
	}
	return showFromRow(row)
}

// CancelShow cancels a scheduled show; listeners hear of it in the same
// transaction (booking cancels and refunds its bookings). Errors:
// ErrNotFound, ErrShowCancelled.
func (s *Service) CancelShow(ctx context.Context, id int64) (Show, error) {
	var row catalogdb.CatalogShow
	err := pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		var err error
		row, err = s.q.ShowCancel(ctx, tx, id)
		if err != nil {
			return err
		}
		return s.changed(ctx, tx, Change{Kind: ShowCancelled, MovieID: row.MovieID, ShowIDs: []int64{id}})
	})
	if errors.Is(err, pgx.ErrNoRows) {
		if _, err := s.Show(ctx, id); err != nil {
			return Show{}, err
		}
		return Show{}, fmt.Errorf("cancel show %d: %w", id, ErrShowCancelled)
	}
	if err != nil {
		return Show{}, fmt.Errorf("cancel show %d: %w", id, err)
	}
	return showFromRow(row)
}

// SetShowPrices overrides a show's prices. Errors: ErrNotFound, ErrInvalid.
func (s *Service) SetShowPrices(ctx context.Context, id int64, prices Prices) error {
	show, err := s.Show(ctx, id)
	if err != nil {
		return err
	}
	screen, err := s.Screen(ctx, show.ScreenID)
	if err != nil {
		return err
	}
	var e validate.Errors
	for _, c := range screen.Layout.CategoriesUsed() {
		amount, ok := prices[c]
		e.Check(ok && amount >= 0 && amount <= 100_000_00, "prices_"+string(c), i18n.T(ctx, "Enter a price for {{.Kind}} seats.", "Kind", categoryName(ctx, c)))
	}
	if err := e.Err(); err != nil {
		return err
	}
	b, err := json.Marshal(prices)
	if err != nil {
		return fmt.Errorf("encode prices: %w", err)
	}
	err = pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		if err := s.q.ShowSetPrices(ctx, tx, catalogdb.ShowSetPricesParams{ID: id, Prices: b}); err != nil {
			return err
		}
		return s.changed(ctx, tx, Change{Kind: ShowChanged, MovieID: show.MovieID, ShowIDs: []int64{id}})
	})
	if err != nil {
		return fmt.Errorf("set prices of show %d: %w", id, err)
	}
	return nil
}

// SetAvailability records how many seats of a show are still for sale; the
// booking module calls it as seats are held, sold and released.
func (s *Service) SetAvailability(ctx context.Context, showID int64, available int) error {
	err := pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		err := s.q.ShowSetAvailability(ctx, tx, catalogdb.ShowSetAvailabilityParams{ID: showID, SeatsAvailable: int32(max(available, 0))})
		if err != nil {
			return err
		}
		return s.changed(ctx, tx, Change{Kind: ShowChanged, ShowIDs: []int64{showID}})
	})
	if err != nil {
		return fmt.Errorf("set availability of show %d: %w", showID, err)
	}
	return nil
}

func showFromRow(r catalogdb.CatalogShow) (Show, error) {
	var p Prices
	if err := json.Unmarshal(r.Prices, &p); err != nil {
		return Show{}, fmt.Errorf("decode prices of show %d: %w", r.ID, err)
	}
	return Show{ID: r.ID, MovieID: r.MovieID, ScreenID: r.ScreenID, TheaterID: r.TheaterID,
		StartsAt: r.StartsAt.UTC(), EndsAt: r.EndsAt.UTC(), CleanUntil: r.CleanUntil.UTC(), Language: r.Language,
		Format: r.Format, Subtitles: r.Subtitles, Prices: p, Status: ShowStatus(r.Status),
		SeatsTotal: int(r.SeatsTotal), SeatsAvailable: int(r.SeatsAvailable)}, nil
}

// parseClock reads "HH:MM" as a duration after midnight.
func parseClock(s string) (time.Duration, error) {
	t, err := time.Parse("15:04", strings.TrimSpace(s))
	if err != nil {
		return 0, fmt.Errorf("parse time %q: %w", s, err)
	}
	return time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute, nil
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
