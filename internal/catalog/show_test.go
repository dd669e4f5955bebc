package catalog_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

func TestScheduleShowComputesEndAndPrices(t *testing.T) {
	t.Parallel()
	b := setup(t)
	th := newTheater(t, b, "Odeon Test")
	sc := newScreen(t, b, th.ID, "Screen 1")
	m := newMovie(t, b, "Long Night")
	start := b.now.Add(48 * time.Hour)

	show := newShow(t, b, m.ID, sc.ID, start)
	require.Equal(t, start.Add(135*time.Minute), show.EndsAt, "15 minutes of trailers + 120 of film")
	require.Equal(t, start.Add(150*time.Minute), show.CleanUntil, "plus 15 minutes of cleaning")
	require.Equal(t, int64(1000), show.Prices[catalog.Standard])
	require.Equal(t, int64(1500), show.Prices[catalog.Premium])
	require.Equal(t, 50, show.SeatsTotal)
}

func TestOverlappingShowIsRefusedNamingTheBlocker(t *testing.T) {
	t.Parallel()
	b := setup(t)
	th := newTheater(t, b, "Odeon Test")
	sc := newScreen(t, b, th.ID, "Screen 1")
	m := newMovie(t, b, "Long Night")
	start := b.now.Add(48 * time.Hour)
	first := newShow(t, b, m.ID, sc.ID, start)

	// Starts during the cleaning after the first show.
	_, err := b.Catalog.ScheduleShow(context.Background(), catalog.ShowInput{MovieID: m.ID, ScreenID: sc.ID,
		StartsAt: start.Add(140 * time.Minute), Language: "English", Format: "2D"})
	require.ErrorIs(t, err, catalog.ErrShowOverlap)
	var ce *catalog.ConflictError
	require.True(t, errors.As(err, &ce))
	require.Len(t, ce.Conflicts, 1)
	require.Equal(t, first.ID, ce.Conflicts[0].BlockingID)
	require.Equal(t, "Long Night", ce.Conflicts[0].BlockingTitle)

	// Right after cleaning is fine.
	newShow(t, b, m.ID, sc.ID, start.Add(150*time.Minute))
}

// TestRacingAdminsCannotBothWin schedules the same slot from many goroutines
// at once: the exclusion constraint lets exactly one through.
func TestRacingAdminsCannotBothWin(t *testing.T) {
	t.Parallel()
	b := setup(t)
	th := newTheater(t, b, "Odeon Test")
	sc := newScreen(t, b, th.ID, "Screen 1")
	m := newMovie(t, b, "Long Night")
	start := b.now.Add(72 * time.Hour)

	const admins = 8
	var wg sync.WaitGroup
	errs := make([]error, admins)
	for i := range admins {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = b.Catalog.ScheduleShow(context.Background(), catalog.ShowInput{MovieID: m.ID, ScreenID: sc.ID,
				StartsAt: start.Add(time.Duration(i) * time.Minute), Language: "English", Format: "2D"})
		}()
	}
	wg.Wait()
	won := 0
	for _, err := range errs {
		if err == nil {
			won++
		} else {
			require.ErrorIs(t, err, catalog.ErrShowOverlap)
		}
	}
	require.Equal(t, 1, won)
	var n int
	require.NoError(t, b.Pool.QueryRow(context.Background(), "SELECT count(*) FROM catalog.shows").Scan(&n))
	require.Equal(t, 1, n)
}

func TestShowFormatAndLanguageMustFit(t *testing.T) {
	t.Parallel()
	b := setup(t)
	th := newTheater(t, b, "Odeon Test")
	sc := newScreen(t, b, th.ID, "Screen 1", "2D")
	m := newMovie(t, b, "Long Night")
	_, err := b.Catalog.ScheduleShow(context.Background(), catalog.ShowInput{MovieID: m.ID, ScreenID: sc.ID,
		StartsAt: b.now.Add(24 * time.Hour), Language: "French", Format: "IMAX"})
	fields, ok := validate.Fields(err)
	require.True(t, ok, "got %v", err)
	require.Contains(t, fields["format"], "cannot play IMAX")
	require.Contains(t, fields["language"], "English, Hindi")

	_, err = b.Catalog.ScheduleShow(context.Background(), catalog.ShowInput{MovieID: m.ID, ScreenID: sc.ID,
		StartsAt: b.now.Add(-time.Hour), Language: "English", Format: "2D"})
	fields, _ = validate.Fields(err)
	require.Contains(t, fields["starts_at"], "future")
}

func TestBulkScheduleIsAllOrNothing(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	th := newTheater(t, b, "Odeon Test")
	s1 := newScreen(t, b, th.ID, "Screen 1")
	s2 := newScreen(t, b, th.ID, "Screen 2")
	m := newMovie(t, b, "Long Night")
	day := b.now.AddDate(0, 0, 2)
	// An existing show on screen 2 at 18:00 London time on the second day.
	london, _ := time.LoadLocation("Europe/London")
	blocker := newShow(t, b, m.ID, s2.ID, time.Date(day.Year(), day.Month(), day.Day()+1, 18, 30, 0, 0, london))

	_, err := b.Catalog.ScheduleShows(ctx, catalog.BulkShowInput{MovieID: m.ID, ScreenIDs: []int64{s1.ID, s2.ID},
		FirstDay: day, LastDay: day.AddDate(0, 0, 2), Times: []string{"12:00", "18:00"}, Language: "English", Format: "2D"})
	var ce *catalog.ConflictError
	require.True(t, errors.As(err, &ce), "got %v", err)
	require.Len(t, ce.Conflicts, 1)
	require.Equal(t, blocker.ID, ce.Conflicts[0].BlockingID)
	require.Equal(t, "Screen 2", ce.Conflicts[0].Screen)
	var n int
	require.NoError(t, b.Pool.QueryRow(ctx, "SELECT count(*) FROM catalog.shows").Scan(&n))
	require.Equal(t, 1, n, "nothing half-created")

	shows, err := b.Catalog.ScheduleShows(ctx, catalog.BulkShowInput{MovieID: m.ID, ScreenIDs: []int64{s1.ID},
		FirstDay: day, LastDay: day.AddDate(0, 0, 2), Times: []string{"12:00", "18:00"}, Language: "English", Format: "2D"})
	require.NoError(t, err)
	require.Len(t, shows, 6)
	require.Equal(t, 12, shows[0].StartsAt.In(london).Hour(), "times are the theater's local time")
}

func TestPriceRulesPickTheMostSpecific(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	th := newTheater(t, b, "Odeon Test")
	sc := newScreen(t, b, th.ID, "Screen 1")
	m := newMovie(t, b, "Long Night")
	require.NoError(t, b.Catalog.SetPriceRule(ctx, catalog.PriceRule{TheaterID: th.ID, Category: catalog.Standard,
		DayKind: catalog.Weekend, Daypart: catalog.AnyTime, Amount: 1200}))
	require.NoError(t, b.Catalog.SetPriceRule(ctx, catalog.PriceRule{TheaterID: th.ID, Category: catalog.Standard,
		DayKind: catalog.Weekend, Daypart: catalog.Matinee, Amount: 900}))
	london, _ := time.LoadLocation("Europe/London")
	sat := time.Date(2031, 3, 15, 0, 0, 0, 0, london) // a Saturday
	weekday := time.Date(2031, 3, 13, 20, 0, 0, 0, london)

	require.Equal(t, int64(900), newShow(t, b, m.ID, sc.ID, sat.Add(11*time.Hour)).Prices[catalog.Standard])
	require.Equal(t, int64(1200), newShow(t, b, m.ID, sc.ID, sat.Add(19*time.Hour)).Prices[catalog.Standard])
	require.Equal(t, int64(1000), newShow(t, b, m.ID, sc.ID, weekday).Prices[catalog.Standard])
}

func TestBulkScheduleKeepsLocalTimesAcrossTheClockChange(t *testing.T) {
	t.Parallel()
	b := setup(t)
	th := newTheater(t, b, "Odeon Test")
	sc := newScreen(t, b, th.ID, "Screen 1")
	m := newMovie(t, b, "Long Night")
	london, _ := time.LoadLocation("Europe/London")
	// British clocks go forward on Sunday 30 March 2031.
	shows, err := b.Catalog.ScheduleShows(context.Background(), catalog.BulkShowInput{MovieID: m.ID, ScreenIDs: []int64{sc.ID},
		FirstDay: time.Date(2031, 3, 29, 0, 0, 0, 0, time.UTC), LastDay: time.Date(2031, 3, 31, 0, 0, 0, 0, time.UTC),
		Times: []string{"18:00"}, Language: "English", Format: "2D"})
	require.NoError(t, err)
	require.Len(t, shows, 3)
	for _, s := range shows {
		require.Equal(t, "18:00", s.StartsAt.In(london).Format("15:04"))
	}
}
