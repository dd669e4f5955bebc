package catalog_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/catalog"
)

func TestMoviePageShowsDetailsAndLocalShowtimes(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	th := newMumbaiTheater(t, b, "Orion Bandra")
	sc := newScreen(t, b, th.ID, "Audi 1")
	m := newMovie(t, b, "The Lantern Keeper")
	// 13:15 UTC is 18:45 in Mumbai (UTC+5:30).
	open := newShow(t, b, m.ID, sc.ID, time.Date(2031, 3, 12, 13, 15, 0, 0, time.UTC))
	full := newShow(t, b, m.ID, sc.ID, time.Date(2031, 3, 12, 16, 0, 0, 0, time.UTC))
	busy := newShow(t, b, m.ID, sc.ID, time.Date(2031, 3, 12, 10, 0, 0, 0, time.UTC))
	require.NoError(t, b.Catalog.SetAvailability(ctx, full.ID, 0))
	require.NoError(t, b.Catalog.SetAvailability(ctx, busy.ID, 4))

	res, body := b.get(t, "/movies/"+m.Slug, cityCookie("mumbai")...)
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, "<h1 class=\"movie-hero__title\">The Lantern Keeper</h1>")
	require.Contains(t, body, "Ada Quill")
	require.Contains(t, body, "Lead", "the cast shows characters")
	require.Contains(t, body, "Bo Reel")
	require.Equal(t, 7, count(body, `class="date-strip__day`), "a week of dates")
	require.Contains(t, body, `href="/movies/`+m.Slug+`?date=2031-03-18"`)
	require.Contains(t, body, "Orion Bandra")
	require.Contains(t, body, fmt.Sprintf(`href="/shows/%d/seats"`, open.ID))
	require.Contains(t, body, "18:45", "times are in the theater's local time")
	require.NotContains(t, body, "13:15")
	require.Contains(t, body, "21:30")
	require.Contains(t, body, "Sold out")
	require.NotContains(t, body, fmt.Sprintf(`href="/shows/%d/seats"`, full.ID), "a sold-out show is not offered")
	require.Contains(t, body, "Filling fast")
	require.Contains(t, body, fmt.Sprintf(`href="/shows/%d/seats"`, busy.ID))
}

func TestMoviePageOpensOnTheFirstDayWithShows(t *testing.T) {
	t.Parallel()
	b := setup(t)
	th := newTheater(t, b, "Riverside Picturehouse")
	sc := newScreen(t, b, th.ID, "Screen 1")
	m := newMovie(t, b, "The Lantern Keeper")
	tomorrow := newShow(t, b, m.ID, sc.ID, time.Date(2031, 3, 13, 20, 0, 0, 0, time.UTC))

	_, body := b.get(t, "/movies/"+m.Slug, cityCookie("london")...)
	require.NotContains(t, body, "No shows left", "not an empty today")
	require.Contains(t, body, fmt.Sprintf(`href="/shows/%d/seats"`, tomorrow.ID), "tomorrow's show, at once")
	require.Contains(t, body, "20:00")
	require.Equal(t, 7, count(body, `class="date-strip__day`), "the week of dates stays")
	require.Equal(t, 6, count(body, `is-empty`), "days without shows are marked")
	require.Regexp(t, `is-current[^"]*" href="/movies/`+m.Slug+`\?date=2031-03-13"|href="/movies/`+m.Slug+`\?date=2031-03-13"[^>]*is-current`, body,
		"the strip marks tomorrow as the day shown")

	_, body = b.get(t, "/movies/"+m.Slug+"?date=2031-03-12", cityCookie("london")...)
	require.Contains(t, body, "No shows left on Wednesday 12 March", "today, when asked for")
	require.Contains(t, body, `href="/movies/`+m.Slug+`?date=2031-03-13"`, "the next day with shows is offered")

	for _, bad := range []string{"yesterday", "2031-02-30", "2030-01-01", "2031-04-30"} {
		res, body := b.get(t, "/movies/"+m.Slug+"?date="+bad, cityCookie("london")...)
		require.Equal(t, http.StatusOK, res.StatusCode, bad)
		require.Contains(t, body, fmt.Sprintf(`href="/shows/%d/seats"`, tomorrow.ID), "%s means the first day with shows", bad)
	}
}

func TestMoviePageWithoutCityOrShowtimes(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	newTheater(t, b, "Riverside Picturehouse")
	m := newMovie(t, b, "The Lantern Keeper")

	_, body := b.get(t, "/movies/"+m.Slug)
	require.Contains(t, body, "Choose your city to see showtimes")
	require.Contains(t, body, `href="/cities?next=%2Fmovies%2F`+m.Slug+`"`)

	soon, err := b.Catalog.CreateMovie(ctx, catalog.MovieInput{Title: "Midnight at the Moonbeam Diner", RuntimeMinutes: 100,
		ReleaseDate: time.Date(2031, 4, 4, 0, 0, 0, 0, time.UTC), Certification: "PG-13", OriginalLanguage: "English",
		Genres: []string{"Comedy"}, Formats: []string{"2D"}, Status: catalog.ComingSoon, TrailerURL: "https://videos.example/moonbeam"})
	require.NoError(t, err)
	_, body = b.get(t, "/movies/"+soon.Slug, cityCookie("london")...)
	require.Contains(t, body, "Releases on Friday 4 April 2031")
	require.NotContains(t, body, "date-strip")
	require.Contains(t, body, `href="https://videos.example/moonbeam"`, "the trailer is a link")
	require.NotContains(t, body, "<iframe")

	require.NoError(t, b.Catalog.SetMovieStatus(ctx, m.ID, catalog.Archived))
	res, body := b.get(t, "/movies/"+m.Slug, cityCookie("london")...)
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, "no longer showing")
	require.NotContains(t, body, "date-strip")
}

func TestUnknownMovieIsNotFound(t *testing.T) {
	t.Parallel()
	b := setup(t)
	res, body := b.get(t, "/movies/no-such-movie")
	require.Equal(t, http.StatusNotFound, res.StatusCode)
	require.Contains(t, body, "This page has left the building")
}

func TestMoviePageInHindiNamesGenresLanguagesAndRuntime(t *testing.T) {
	t.Parallel()
	b := setup(t)
	m := newMovieWith(t, b, "The Lantern Keeper", func(in *catalog.MovieInput) {
		in.RuntimeMinutes, in.OriginalLanguage, in.DubbedLanguages = 127, "Korean", []string{"Hindi"}
		in.Genres = []string{"Horror", "Kaiju"}
	})

	res, body := b.get(t, "/movies/"+m.Slug, "Cookie", "lang=hi")
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, `<html lang="hi"`)
	require.Contains(t, body, "2 घं 07 मि", "the runtime in Hindi")
	require.Contains(t, body, "हॉरर · Kaiju", "a known genre in Hindi, one staff made up as stored")
	require.Contains(t, body, "कोरियाई · हिन्दी", "the languages in Hindi")
	require.NotContains(t, body, "Horror")
	require.NotContains(t, body, "Korean")

	_, body = b.get(t, "/movies/"+m.Slug, "Cookie", "lang=es")
	require.Contains(t, body, "2 h 07 min")
	require.Contains(t, body, "Terror · Kaiju")
	require.Contains(t, body, "Coreano · Hindi")

	_, body = b.get(t, "/movies/"+m.Slug)
	require.Contains(t, body, "2h 07m")
	require.Contains(t, body, "Horror · Kaiju")
	require.Contains(t, body, "Korean · Hindi")
}
