package search_test

import (
	"context"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/jobs"
	"github.com/marqueehq/marquee/internal/search"
)

// TestIndexFollowsCatalogueChanges runs the real River workers: an admin's
// change reaches search within seconds, and a sold-out or cancelled show
// changes what the filters say.
func TestIndexFollowsCatalogueChanges(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	// The app's catalogue already enqueues indexing jobs; work them.
	w := river.NewWorkers()
	search.Workers(w, b.Search)
	client, err := jobs.New(b.Pool, jobs.Options{Workers: w, RetryPolicy: jobs.QuickRetry{}})
	require.NoError(t, err)
	require.NoError(t, client.Start(ctx))
	t.Cleanup(func() { _ = client.Stop(context.Background()) })

	find := func(q search.Query) search.Results {
		q.Sort = search.SortRelevance
		res, err := b.Search.Search(ctx, q)
		require.NoError(t, err)
		return res
	}
	titles := func(q search.Query) []string {
		var out []string
		for _, m := range find(q).Movies {
			out = append(out, m.Title)
		}
		return out
	}

	// A renamed movie is found by its new title.
	movies, _, err := b.Catalog.Movies(ctx, catalog.MovieFilter{Query: "Hollow Pines"})
	require.NoError(t, err)
	m, err := b.Catalog.Movie(ctx, movies[0].ID)
	require.NoError(t, err)
	in := catalog.MovieInput{Title: "Hollow Pines Returns", Tagline: m.Tagline, Synopsis: m.Synopsis, RuntimeMinutes: m.RuntimeMinutes,
		ReleaseDate: m.ReleaseDate, Certification: m.Certification, OriginalLanguage: m.OriginalLanguage, Genres: m.Genres,
		Formats: m.Formats, Status: m.Status, Cast: m.Cast, Crew: m.Crew}
	_, err = b.Catalog.UpdateMovie(ctx, m.ID, in)
	require.NoError(t, err)
	require.Eventually(t, func() bool {
		got := titles(search.Query{Text: "hollow pines returns", City: "london"})
		return len(got) > 0 && got[0] == "Hollow Pines Returns"
	}, 2*time.Minute, 100*time.Millisecond)

	// Its shows are listed, and all have seats.
	res := find(search.Query{Text: "Hollow Pines Returns", City: "london"})
	require.NotEmpty(t, res.Movies[0].Shows)
	first := res.Movies[0].Shows[0]
	withSeats := search.Query{Text: "Hollow Pines Returns", City: "london", Seats: 1}
	require.Equal(t, res.Movies[0].ShowCount, find(withSeats).Movies[0].ShowCount)

	// Selling out a show drops it from "seats available" within seconds.
	require.NoError(t, b.Catalog.SetAvailability(ctx, first.ID, 0))
	require.Eventually(t, func() bool {
		r := find(withSeats)
		return len(r.Movies) > 0 && r.Movies[0].ShowCount == res.Movies[0].ShowCount-1
	}, 2*time.Minute, 100*time.Millisecond)

	// Cancelling it removes it from every count.
	_, err = b.Catalog.CancelShow(ctx, first.ID)
	require.NoError(t, err)
	require.Eventually(t, func() bool {
		r := find(search.Query{Text: "Hollow Pines Returns", City: "london"})
		return len(r.Movies) > 0 && r.Movies[0].ShowCount == res.Movies[0].ShowCount-1
	}, 2*time.Minute, 100*time.Millisecond)

	// Archiving a movie takes it out of search.
	require.NoError(t, b.Catalog.SetMovieStatus(ctx, m.ID, catalog.Archived))
	require.Eventually(t, func() bool {
		return len(titles(search.Query{Text: "hollow pines returns", City: "london"})) == 0
	}, 2*time.Minute, 100*time.Millisecond)
}

// TestAvailabilityChangesShareOneJob: a burst of seat-count changes to one
// show enqueues one indexing job, not one per change.
func TestAvailabilityChangesShareOneJob(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	client, err := jobs.New(b.Pool, jobs.Options{InsertOnly: true})
	require.NoError(t, err)
	// A catalogue of its own, whose only listener has a fixed clock, so the
	// burst falls in one coalescing window (the app's listener reads the
	// real clock).
	fixed := time.Date(2030, 1, 1, 12, 0, 0, 100, time.UTC)
	cat := catalog.NewService(b.Pool, catalog.Options{})
	cat.AddListener(&search.Listener{Client: client, Now: func() time.Time { return fixed }})
	res, err := b.Search.Search(ctx, search.Query{City: "london", Sort: search.SortRelevance})
	require.NoError(t, err)
	show := res.Movies[0].Shows[0].ID
	// Loading the demo catalogue queued jobs of its own.
	queued := func() int {
		var n int
		require.NoError(t, b.Pool.QueryRow(ctx, "SELECT count(*) FROM river.river_job WHERE kind = 'search.index'").Scan(&n))
		return n
	}
	before := queued()
	for n := 100; n > 80; n-- {
		require.NoError(t, cat.SetAvailability(ctx, show, n))
	}
	require.Equal(t, 1, queued()-before)
}

// TestSearchFollowsReindexElsewhere: a reindex run by another process
// (`server reindex`) reaches this server's searches within seconds,
// without a restart.
func TestSearchFollowsReindexElsewhere(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	movies, _, err := b.Catalog.Movies(ctx, catalog.MovieFilter{Query: "Velvet Knives"})
	require.NoError(t, err)
	m, err := b.Catalog.Movie(ctx, movies[0].ID)
	require.NoError(t, err)
	in := catalog.MovieInput{Title: "Velvet Scissors", Tagline: m.Tagline, Synopsis: m.Synopsis, RuntimeMinutes: m.RuntimeMinutes,
		ReleaseDate: m.ReleaseDate, Certification: m.Certification, OriginalLanguage: m.OriginalLanguage, Genres: m.Genres,
		Formats: m.Formats, Status: m.Status, Cast: m.Cast, Crew: m.Crew}
	_, err = b.Catalog.UpdateMovie(ctx, m.ID, in) // no worker runs the indexing job: the index does not know yet
	require.NoError(t, err)
	q := search.Query{Text: "velvet scissors", City: "london", Sort: search.SortRelevance}
	res, err := b.Search.Search(ctx, q)
	require.NoError(t, err)
	require.False(t, res.Exact)

	elsewhere := search.NewService(b.Pool, b.Catalog, search.Options{})
	_, err = elsewhere.Reindex(ctx)
	require.NoError(t, err)
	require.Eventually(t, func() bool {
		res, err := b.Search.Search(ctx, q)
		require.NoError(t, err)
		return res.Exact && len(res.Movies) > 0 && res.Movies[0].Title == "Velvet Scissors"
	}, 2*time.Minute, 100*time.Millisecond)
}
