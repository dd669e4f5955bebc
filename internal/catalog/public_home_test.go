package catalog_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestHomeListsMoviesPlayingInTheChosenCity(t *testing.T) {
	t.Parallel()
	b := setup(t)
	london := newTheater(t, b, "Riverside Picturehouse")
	londonScreen := newScreen(t, b, london.ID, "Screen 1")
	mumbai := newMumbaiTheater(t, b, "Orion Bandra")
	mumbaiScreen := newScreen(t, b, mumbai.ID, "Audi 1")
	here := newMovie(t, b, "The Lantern Keeper")
	elsewhere := newMovie(t, b, "Monsoon Letters")
	newShow(t, b, here.ID, londonScreen.ID, b.now.Add(6*time.Hour))
	newShow(t, b, elsewhere.ID, mumbaiScreen.ID, b.now.Add(6*time.Hour))

	res, body := b.get(t, "/", cityCookie("london")...)
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, "Now showing in London")
	require.Contains(t, body, "The Lantern Keeper")
	require.Contains(t, body, `href="/movies/`+here.Slug+`"`)
	require.Contains(t, body, `src="/media/posters/`+here.Slug+`.svg"`)
	require.NotContains(t, body, "Monsoon Letters", "a movie playing only in Mumbai is not listed in London")
	require.Contains(t, body, "PG-13")
	require.Contains(t, body, `<span class="city-pill__name">London</span>`, "the header pill names the city")
}

func TestHomeAsksForACityFirst(t *testing.T) {
	t.Parallel()
	b := setup(t)
	th := newTheater(t, b, "Riverside Picturehouse")
	sc := newScreen(t, b, th.ID, "Screen 1")
	m := newMovie(t, b, "The Lantern Keeper")
	newShow(t, b, m.ID, sc.ID, b.now.Add(6*time.Hour))

	_, body := b.get(t, "/")
	require.Contains(t, body, "Where are you watching?")
	require.Contains(t, body, `name="city" value="london"`)
	require.Contains(t, body, "1 cinema")
	require.NotContains(t, body, "The Lantern Keeper", "nothing is listed as showing before a city is chosen")

	_, body = b.get(t, "/", cityCookie("atlantis")...)
	require.Contains(t, body, "Where are you watching?", "a stale city cookie counts as no city")
}

func TestHomeWithAnEmptyCatalogue(t *testing.T) {
	t.Parallel()
	b := setup(t)
	res, body := b.get(t, "/")
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, "No movies are showing yet")
}
