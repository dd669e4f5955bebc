package recommend_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/recommend"
)

type apiShowsBody struct {
	City  string `json:"city"`
	Items []struct {
		ShowID      int64  `json:"show_id"`
		TheaterName string `json:"theater_name"`
		Format      string `json:"format"`
		Reason      string `json:"reason"`
		Personal    bool   `json:"personal"`
	} `json:"items"`
}

type apiTheatersBody struct {
	Items []struct {
		TheaterID int64    `json:"theater_id"`
		Km        *float64 `json:"distance_km"`
		Reason    string   `json:"reason"`
	} `json:"items"`
}

func TestAnAppGetsShowtimesAndTheatersLearnedFromRealBookings(t *testing.T) {
	t.Parallel()
	b := setup(t)
	v := b.venues(t)
	app, u := b.srv.APIUser(t, "Asha", account.Customer)

	r := app.Do(t, http.MethodGet, "/api/v1/me/recommendations/shows", nil)
	require.Equal(t, http.StatusUnprocessableEntity, r.Status, "no city and no home city")
	require.Contains(t, r.Problem(t).Fields, "city")
	r = app.Do(t, http.MethodGet, "/api/v1/me/recommendations/shows?city=pune&limit=99", nil)
	require.Equal(t, http.StatusUnprocessableEntity, r.Status)
	require.Contains(t, r.Problem(t).Fields, "limit")
	r = app.Do(t, http.MethodGet, "/api/v1/me/recommendations/theaters?city=atlantis", nil)
	require.Equal(t, http.StatusNotFound, r.Status)
	r.Problem(t)
	r = b.srv.API(t).Do(t, http.MethodGet, "/api/v1/me/recommendations/shows?city=pune", nil)
	require.Equal(t, http.StatusUnauthorized, r.Status)

	b.bookShow(t, u.ID, v.heatSunMorning, "A1", "A2") // a weekend matinee in IMAX at Odeon, for two
	b.recompute(t)

	r = app.Do(t, http.MethodGet, "/api/v1/me/recommendations/shows?city=pune", nil)
	require.Equal(t, http.StatusOK, r.Status, "%s", r.Body)
	var shows apiShowsBody
	r.JSON(t, &shows)
	require.NotEmpty(t, shows.Items)
	require.Equal(t, v.odeonSatMatineeIMAX.ID, shows.Items[0].ShowID)
	require.True(t, shows.Items[0].Personal)
	require.Equal(t, "Weekend matinee in IMAX at Odeon Pune, like your last visit", shows.Items[0].Reason)

	r = app.Do(t, http.MethodGet, fmt.Sprintf("/api/v1/me/recommendations/shows?city=pune&movie_id=%d&limit=1", v.dune.ID), nil)
	require.Equal(t, http.StatusOK, r.Status, "%s", r.Body)
	r.JSON(t, &shows)
	require.Len(t, shows.Items, 1)

	r = app.Do(t, http.MethodGet, "/api/v1/me/recommendations/theaters?city=pune", nil)
	require.Equal(t, http.StatusOK, r.Status, "%s", r.Body)
	var theaters apiTheatersBody
	r.JSON(t, &theaters)
	require.Len(t, theaters.Items, 2)
	require.Equal(t, v.nearby.ID, theaters.Items[0].TheaterID)
	require.NotNil(t, theaters.Items[0].Km)
	require.Nil(t, theaters.Items[1].Km)
}

func TestPagesShowShowtimesAndTheatersAndCountClicksPerList(t *testing.T) {
	t.Parallel()
	b := setup(t)
	v := b.venues(t)
	ann := b.browser(t, "Ann", account.Customer)
	b.bookShow(t, ann.id, v.heatSunMorning, "B1", "B2")
	b.recompute(t)

	_, body := ann.Get(t, "/recommendations/home", "HX-Request", "true")
	require.Contains(t, body, "Showtimes for you")
	require.Contains(t, body, fmt.Sprintf(`href="/recommendations/click/show/%d?from=home"`, v.odeonSatMatineeIMAX.ID))
	require.Contains(t, body, "Weekend matinee in IMAX at Odeon Pune, like your last visit")
	require.Contains(t, body, "Theaters you may like")
	require.Contains(t, body, fmt.Sprintf(`href="/recommendations/click/theater/%d?from=home"`, v.nearby.ID))

	_, body = ann.Get(t, "/recommendations/movie/"+v.dune.Slug, "HX-Request", "true")
	require.Contains(t, body, "Showtimes for you")
	require.Contains(t, body, fmt.Sprintf(`href="/recommendations/click/show/%d?from=movie"`, v.odeonSatMatineeIMAX.ID))

	_, body = ann.Get(t, "/recommendations/after/movies/"+v.heat.Slug, "HX-Request", "true")
	require.Contains(t, body, "Theaters you may like")
	require.Contains(t, body, fmt.Sprintf(`href="/recommendations/click/theater/%d?from=booking"`, v.nearby.ID))

	visitor := b.browser(t, "", "")
	_, body = visitor.Get(t, "/recommendations/home", "HX-Request", "true")
	require.NotContains(t, body, "Showtimes for you", "visitors get the popular movies only")

	res, _ := ann.Get(t, fmt.Sprintf("/recommendations/click/show/%d?from=home", v.odeonSatMatineeIMAX.ID))
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	require.Equal(t, fmt.Sprintf("/shows/%d", v.odeonSatMatineeIMAX.ID), res.Header.Get("Location"), "on to the show")
	res, _ = ann.Get(t, fmt.Sprintf("/recommendations/click/theater/%d?from=booking", v.nearby.ID))
	require.Equal(t, "/theaters/"+v.nearby.Slug, res.Header.Get("Location"), "on to the theater")
	res, _ = ann.Get(t, "/recommendations/click/show/999999?from=home")
	require.Equal(t, http.StatusNotFound, res.StatusCode)

	// Booking Dune after the show click is attributed to "Showtimes for you".
	b.bookShow(t, ann.id, v.odeonSatMatineeIMAX, "C1", "C2")
	stats, err := b.svc.PerformanceByList(context.Background(), b.svcNow().AddDate(0, 0, -1))
	require.NoError(t, err)
	require.Contains(t, stats, recommend.ListStats{List: recommend.ListShows, Surface: recommend.SurfaceHome, Clicks: 1, Bookings: 1})
	require.Contains(t, stats, recommend.ListStats{List: recommend.ListTheaters, Surface: recommend.SurfaceBooking, Clicks: 1})

	// Booking at the suggested theater after clicking it is attributed to "Theaters you may like", once.
	b.bookShow(t, ann.id, v.nearbySatMatinee, "D1")
	b.bookShow(t, ann.id, v.nearbySatMatinee, "D3")
	stats, err = b.svc.PerformanceByList(context.Background(), b.svcNow().AddDate(0, 0, -1))
	require.NoError(t, err)
	require.Contains(t, stats, recommend.ListStats{List: recommend.ListTheaters, Surface: recommend.SurfaceBooking, Clicks: 1, Bookings: 1})

	staff := b.browser(t, "Sam", account.Admin)
	res, body = staff.Get(t, "/admin/reviews")
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, "Showtimes for you")
	require.Contains(t, body, "Theaters you may like")
}
