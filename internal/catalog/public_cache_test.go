package catalog_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/app/apptest"
	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/catalog/catalogtest"
)

// cachedMoviePage is a movie page of the show's local day in London, with
// the show and the movie's slug.
func cachedMoviePage(t *testing.T, s *apptest.Server, show catalog.Show, day time.Time) string {
	t.Helper()
	m, err := s.Catalog.Movie(context.Background(), show.MovieID)
	require.NoError(t, err)
	london, err := time.LoadLocation("Europe/London")
	require.NoError(t, err)
	res, body := s.Browser(t).Get(t, "/movies/"+m.Slug+"?date="+day.In(london).Format(time.DateOnly), "Cookie", "city=london")
	require.Equal(t, http.StatusOK, res.StatusCode)
	return body
}

// addShow schedules another show of first's movie on its screen, as staff
// do, three hours later.
func addShow(t *testing.T, s *apptest.Server, first catalog.Show) catalog.Show {
	t.Helper()
	show, err := s.Catalog.ScheduleShow(context.Background(), catalog.ShowInput{MovieID: first.MovieID,
		ScreenID: first.ScreenID, StartsAt: first.StartsAt.Add(3 * time.Hour), Language: "English", Format: "2D"})
	require.NoError(t, err)
	return show
}

func showLink(id int64) string { return fmt.Sprintf(`href="/shows/%d/seats"`, id) }

// lookups reads the cache's counter for scope and result from /metrics.
func lookups(t *testing.T, s *apptest.Server, scope, result string) int {
	t.Helper()
	return metric(t, s, `marquee_cache_lookups_total\{result="`+result+`",scope="`+scope+`"\}`)
}

// metric reads the value of the series matching expr from /metrics (0
// when it is not there yet).
func metric(t *testing.T, s *apptest.Server, expr string) int {
	t.Helper()
	res, err := http.Get(s.URL + "/metrics")
	require.NoError(t, err)
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	m := regexp.MustCompile(expr + ` (\d+)`).FindSubmatch(b)
	if m == nil {
		return 0
	}
	n, err := strconv.Atoi(string(m[1]))
	require.NoError(t, err)
	return n
}

// invalidations reads how often scope was dropped on s.
func invalidations(t *testing.T, s *apptest.Server, scope string) int {
	t.Helper()
	return metric(t, s, `marquee_cache_invalidations_total\{scope="`+scope+`"\}`)
}

func TestACachedMoviePageShowsANewShowRightAfterStaffAddIt(t *testing.T) {
	t.Parallel()
	s := apptest.New(t, apptest.Options{})
	first := catalogtest.Show(t, s.Catalog, catalogtest.ShowOptions{})
	next := first.StartsAt.Add(3 * time.Hour)

	missesBefore := lookups(t, s, "showtimes", "miss")
	cachedMoviePage(t, s, first, next)
	hitsBefore := lookups(t, s, "showtimes", "memory_hit")
	cachedMoviePage(t, s, first, next)
	require.Greater(t, lookups(t, s, "showtimes", "miss"), missesBefore, "the first visit read the database")
	require.Greater(t, lookups(t, s, "showtimes", "memory_hit"), hitsBefore, "the second visit was served from the cache")

	added := addShow(t, s, first)
	require.Contains(t, cachedMoviePage(t, s, first, next), showLink(added.ID), "the new show is listed at once")
}

func TestAShowAddedOnOneInstanceAppearsOnAnotherInstancesCachedPage(t *testing.T) {
	t.Parallel()
	one := apptest.New(t, apptest.Options{})
	two := apptest.New(t, apptest.Options{Pool: one.Pool})
	one.Start(t)
	two.Start(t)
	for _, s := range []*apptest.Server{one, two} {
		// Each instance drops everything once it listens; wait for it, so
		// only the change below can drop the entry filled next.
		require.Eventually(t, func() bool { return invalidations(t, s, "showtimes") > 0 }, 10*time.Second, 10*time.Millisecond)
	}
	first := catalogtest.Show(t, one.Catalog, catalogtest.ShowOptions{})
	next := first.StartsAt.Add(3 * time.Hour)
	cachedMoviePage(t, two, first, next)

	added := addShow(t, one, first)
	require.Eventually(t, func() bool {
		return regexp.MustCompile(showLink(added.ID)).MatchString(cachedMoviePage(t, two, first, next))
	}, 10*time.Second, 20*time.Millisecond, "the other instance hears the change and drops its entry")
}
