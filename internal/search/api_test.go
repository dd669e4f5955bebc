package search_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/app/apptest"
)

type searchPage struct {
	Total int `json:"total"`
	Items []struct {
		MovieID int64  `json:"movie_id"`
		Title   string `json:"title"`
	} `json:"items"`
	Facets struct {
		Genre []struct {
			Value string `json:"value"`
		} `json:"genre"`
	} `json:"facets"`
	NextCursor string `json:"next_cursor"`
}

func TestAnAppSearchingWithoutWordsBrowsesEveryMoviePageByPage(t *testing.T) {
	t.Parallel()
	b := setup(t)
	app := b.API(t)

	seen := map[int64]bool{}
	var total int
	path := "/api/v1/search?city=london"
	for range 20 {
		r := app.Do(t, http.MethodGet, path, nil)
		require.Equal(t, http.StatusOK, r.Status, "%s", r.Body)
		var page searchPage
		r.JSON(t, &page)
		total = page.Total
		require.NotEmpty(t, page.Items)
		require.NotEmpty(t, page.Facets.Genre, "facets come with the results")
		for _, m := range page.Items {
			require.False(t, seen[m.MovieID], "movie %d on two pages", m.MovieID)
			seen[m.MovieID] = true
		}
		if page.NextCursor == "" {
			break
		}
		path = "/api/v1/search?city=london&cursor=" + page.NextCursor
	}
	require.NotZero(t, total)
	require.Len(t, seen, total, "the pages together hold every movie counted")
}

func TestSearchAPIRefusesABadCursorAndNamesBadFilters(t *testing.T) {
	t.Parallel()
	b := setup(t)
	app := b.API(t)

	r := app.Do(t, http.MethodGet, "/api/v1/search?q=night&cursor=not-ours", nil)
	require.Equal(t, http.StatusBadRequest, r.Status)
	require.Equal(t, "bad_cursor", r.Problem(t).Code)

	r = app.Do(t, http.MethodGet, "/api/v1/search?q=night&seats=99&date=tomorrow", nil)
	require.Equal(t, http.StatusUnprocessableEntity, r.Status)
	p := r.Problem(t)
	require.Contains(t, p.Fields, "seats")
	require.Contains(t, p.Fields, "date")
}

func TestSearchAnswersAtOnceWhenItsIndexIsNotRunning(t *testing.T) {
	t.Parallel()
	// The app's loops are not started: the in-memory index never loads.
	s := apptest.New(t, apptest.Options{})
	r := s.API(t).Do(t, http.MethodGet, "/api/v1/search", nil)
	require.Equal(t, http.StatusServiceUnavailable, r.Status)
	require.Equal(t, "search_unavailable", r.Problem(t).Code)
	require.NotEmpty(t, r.Header.Get("Retry-After"), "the app is told when to try again")
}

func TestSuggestionsAnswerWhatIsTypedAndCanBeRevalidated(t *testing.T) {
	t.Parallel()
	b := setup(t)
	app := b.API(t)

	r := app.Do(t, http.MethodGet, "/api/v1/suggestions?q=cartog&city=london", nil)
	require.Equal(t, http.StatusOK, r.Status, "%s", r.Body)
	var s struct {
		Movies []struct {
			MovieID  int64  `json:"movie_id"`
			Title    string `json:"title"`
			NextShow *struct {
				Theater string `json:"theater"`
			} `json:"next_show"`
		} `json:"movies"`
		People []struct {
			Name string `json:"name"`
		} `json:"people"`
	}
	r.JSON(t, &s)
	require.NotEmpty(t, s.Movies)
	require.Equal(t, "The Last Cartographer", s.Movies[0].Title)
	require.NotZero(t, s.Movies[0].MovieID)
	require.Contains(t, r.Header.Get("Cache-Control"), "public")
	etag := r.Header.Get("ETag")
	require.NotEmpty(t, etag)

	r = app.Do(t, http.MethodGet, "/api/v1/suggestions?q=cartog&city=london", nil, "If-None-Match", etag)
	require.Equal(t, http.StatusNotModified, r.Status)

	r = app.Do(t, http.MethodGet, "/api/v1/suggestions?q=imogen", nil)
	require.Equal(t, http.StatusOK, r.Status)
	r.JSON(t, &s)
	require.NotEmpty(t, s.People)
	require.Equal(t, "Imogen Sallow", s.People[0].Name)

	r = app.Do(t, http.MethodGet, "/api/v1/suggestions?q=a", nil)
	require.Equal(t, http.StatusOK, r.Status)
	require.JSONEq(t, `{"query":"a","movies":[],"people":[],"theaters":[]}`, string(r.Body))

	r = app.Do(t, http.MethodGet, "/api/v1/suggestions?q="+strings.Repeat("x", 201), nil)
	require.Equal(t, http.StatusUnprocessableEntity, r.Status)
	require.Contains(t, r.Problem(t).Fields, "q")
}
