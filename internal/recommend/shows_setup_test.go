package recommend_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/pg"
	"github.com/marqueehq/marquee/internal/recommend"
)

// venues is Pune with three theaters: Odeon (IMAX and 2D screens,
// recliners and parking), Nearby Cinema a kilometre and a half away (IMAX,
// recliners) and the setup's Pune Cinema (2D, no coordinates), and Dune
// playing at all three in the coming week; Heat plays at Odeon on Sunday
// morning, for a booking.
type venues struct {
	odeon, nearby, plain catalog.Theater
	dune, heat           catalog.Movie
	// Dune's shows: Odeon IMAX Saturday 14:00, Odeon 2D Tuesday 20:00 and
	// Saturday 20:00, Nearby IMAX Saturday 14:00, Pune Cinema Sunday 15:00.
	odeonSatMatineeIMAX, odeonTueEvening, odeonSatEvening, nearbySatMatinee, plainSun catalog.Show
	heatSunMorning                                                                    catalog.Show
}

var kolkata = func() *time.Location { l, _ := time.LoadLocation("Asia/Kolkata"); return l }()

// nextAt is the next day at hour:00 in Pune, at least two hours away.
func nextAt(day time.Weekday, hour int) time.Time {
	now := time.Now().In(kolkata)
	t := time.Date(now.Year(), now.Month(), now.Day(), hour, 0, 0, 0, kolkata)
	for t.Weekday() != day || t.Before(now.Add(2*time.Hour)) {
		t = t.AddDate(0, 0, 1)
	}
	return t
}

// lastAt is the day at hour:00 in Pune, weeks weeks ago.
func lastAt(day time.Weekday, hour, weeks int) time.Time {
	return nextAt(day, hour).AddDate(0, 0, -7*weeks)
}

func (b *testBundle) venues(t testing.TB) venues {
	t.Helper()
	ctx := context.Background()
	var v venues
	var odeonIMAX, odeon2D, nearbyIMAX catalog.Screen
	v.odeon, odeonIMAX, odeon2D = b.theater(t, "Odeon Pune", 18.5204, 73.8567, []string{"recliners", "parking"}, "IMAX", "2D")
	v.nearby, nearbyIMAX, _ = b.theater(t, "Nearby Cinema", 18.5304, 73.8667, []string{"recliners"}, "IMAX", "")
	var err error
	v.plain, err = b.catalog.Theater(ctx, b.screens["pune"].TheaterID)
	require.NoError(t, err)
	movie := func(title string) catalog.Movie {
		m, err := b.catalog.CreateMovie(ctx, catalog.MovieInput{Title: title, RuntimeMinutes: 100,
			ReleaseDate: time.Now().AddDate(0, 0, -7), Certification: "PG", OriginalLanguage: "English",
			Genres: []string{"Drama"}, Formats: []string{"2D", "IMAX"}, Status: catalog.NowShowing})
		require.NoError(t, err)
		return m
	}
	v.dune, v.heat = movie("Dune"), movie("Heat")
	show := func(m catalog.Movie, sc catalog.Screen, at time.Time, format string) catalog.Show {
		s, err := b.catalog.ScheduleShow(ctx, catalog.ShowInput{MovieID: m.ID, ScreenID: sc.ID, StartsAt: at,
			Language: "English", Format: format})
		require.NoError(t, err)
		return s
	}
	v.odeonSatMatineeIMAX = show(v.dune, odeonIMAX, nextAt(time.Saturday, 14), "IMAX")
	v.odeonTueEvening = show(v.dune, odeon2D, nextAt(time.Tuesday, 20), "2D")
	v.odeonSatEvening = show(v.dune, odeon2D, nextAt(time.Saturday, 20), "2D")
	v.nearbySatMatinee = show(v.dune, nearbyIMAX, nextAt(time.Saturday, 14), "IMAX")
	v.plainSun = show(v.dune, b.screens["pune"], nextAt(time.Sunday, 15), "2D")
	v.heatSunMorning = show(v.heat, odeonIMAX, nextAt(time.Sunday, 10), "IMAX")
	return v
}

// theater makes a Pune theater with a screen per format ("" for none).
func (b *testBundle) theater(t testing.TB, name string, lat, lon float64, amenities []string, f1, f2 string) (catalog.Theater, catalog.Screen, catalog.Screen) {
	t.Helper()
	ctx := context.Background()
	th, err := b.catalog.CreateTheater(ctx, catalog.TheaterInput{Name: name, CitySlug: "pune", TimeZone: "Asia/Kolkata",
		Latitude: &lat, Longitude: &lon, Amenities: amenities, TrailerMinutes: 10, CleaningMinutes: 10})
	require.NoError(t, err)
	require.NoError(t, b.catalog.SetPriceRule(ctx, catalog.PriceRule{TheaterID: th.ID, Category: catalog.Standard,
		DayKind: catalog.AnyDay, Daypart: catalog.AnyTime, Amount: 20000}))
	screens := make([]catalog.Screen, 2)
	for i, f := range []string{f1, f2} {
		if f == "" {
			continue
		}
		layout, err := catalog.NewLayout(5, 10)
		require.NoError(t, err)
		screens[i], err = b.catalog.CreateScreen(ctx, th.ID, catalog.ScreenInput{Name: f + " screen", Formats: []string{f}, Layout: layout})
		require.NoError(t, err)
	}
	return th, screens[0], screens[1]
}

// visits is a Visits the test fills in.
type visits struct {
	mu sync.Mutex
	by map[int64][]recommend.Visit
}

func (v *visits) Visits(_ context.Context, userID int64) ([]recommend.Visit, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.by[userID], nil
}

func (v *visits) add(userID int64, vs ...recommend.Visit) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.by == nil {
		v.by = map[int64][]recommend.Visit{}
	}
	v.by[userID] = append(v.by[userID], vs...)
}

// withVisits is a recommendations service over the app's database and
// catalogue that reads visits from vs instead of bookings.
func (b *testBundle) withVisits(vs *visits) *recommend.Service {
	return recommend.NewService(b.pool, b.catalog, noJobs{}, recommend.Options{Visits: vs})
}

type noJobs struct{}

func (noJobs) RecomputeUser(context.Context, pgx.Tx, int64) error      { return nil }
func (noJobs) RepublishRatings(context.Context, pgx.Tx, []int64) error { return nil }

// bookShow holds seats of the show for the user and confirms the booking
// as a payment would.
func (b *testBundle) bookShow(t testing.TB, userID int64, show catalog.Show, seats ...string) {
	t.Helper()
	ctx := context.Background()
	h, err := b.srv.Booking.Hold(ctx, userID, show.ID, seats)
	require.NoError(t, err)
	require.NoError(t, pg.InTx(ctx, b.pool, func(ctx context.Context, tx pgx.Tx) error {
		return b.srv.Booking.Confirm(ctx, tx, h.ID)
	}))
}
