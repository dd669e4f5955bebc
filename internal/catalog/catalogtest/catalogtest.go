// Package catalogtest makes catalogue fixtures for other modules' tests: a
// show with its city, theater, prices, screen and movie in one call.
package catalogtest

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/catalog"
)

// ShowOptions shape the show Show makes; the zero value is a 5x10 screen
// at 10.00 a standard seat, 26 hours from now.
type ShowOptions struct {
	// Rows and Seats size the screen's layout (5 and 10 when 0).
	Rows, Seats int
	// Shape adjusts the layout (premium rows, blocked seats).
	Shape func(*catalog.Layout)
	// Prices are the theater's seat prices by category, in minor units
	// (standard 1000 when empty).
	Prices map[catalog.Category]int64
	// Title is the movie's title ("Test Movie" when empty).
	Title string
	// StartsIn is how long from now the show starts (26 hours when 0).
	StartsIn time.Duration
}

// Show makes London, its "Test Cinema" with the prices, a 2D "Screen 1",
// a drama now showing and one show of it, and returns the show.
func Show(t testing.TB, cat *catalog.Service, o ShowOptions) catalog.Show {
	t.Helper()
	ctx := context.Background()
	if o.Rows == 0 {
		o.Rows, o.Seats = 5, 10
	}
	if len(o.Prices) == 0 {
		o.Prices = map[catalog.Category]int64{catalog.Standard: 1000}
	}
	if o.Title == "" {
		o.Title = "Test Movie"
	}
	if o.StartsIn == 0 {
		o.StartsIn = 26 * time.Hour
	}
	require.NoError(t, cat.SaveCity(ctx, catalog.City{Name: "London", TimeZone: "Europe/London", Currency: "GBP"}))
	th, err := cat.CreateTheater(ctx, catalog.TheaterInput{Name: "Test Cinema", CitySlug: "london", TimeZone: "Europe/London",
		TrailerMinutes: 10, CleaningMinutes: 10})
	require.NoError(t, err)
	for _, c := range []catalog.Category{catalog.Standard, catalog.Premium} {
		if amount, ok := o.Prices[c]; ok {
			require.NoError(t, cat.SetPriceRule(ctx, catalog.PriceRule{TheaterID: th.ID, DayKind: catalog.AnyDay,
				Daypart: catalog.AnyTime, Category: c, Amount: amount}))
		}
	}
	layout, err := catalog.NewLayout(o.Rows, o.Seats)
	require.NoError(t, err)
	if o.Shape != nil {
		o.Shape(&layout)
	}
	sc, err := cat.CreateScreen(ctx, th.ID, catalog.ScreenInput{Name: "Screen 1", Formats: []string{"2D"}, Layout: layout})
	require.NoError(t, err)
	m, err := cat.CreateMovie(ctx, catalog.MovieInput{Title: o.Title, RuntimeMinutes: 100, ReleaseDate: time.Now().AddDate(0, 0, -3),
		Certification: "PG", OriginalLanguage: "English", Genres: []string{"Drama"}, Formats: []string{"2D"}, Status: catalog.NowShowing})
	require.NoError(t, err)
	show, err := cat.ScheduleShow(ctx, catalog.ShowInput{MovieID: m.ID, ScreenID: sc.ID, StartsAt: time.Now().Add(o.StartsIn),
		Language: "English", Format: "2D"})
	require.NoError(t, err)
	return show
}
