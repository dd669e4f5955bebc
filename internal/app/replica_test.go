package app_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/app/apptest"
	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/catalog/catalogtest"
	"github.com/marqueehq/marquee/internal/platform/devdb"
	"github.com/marqueehq/marquee/internal/platform/pg"
)

// replicaSetup starts a private primary cluster, migrates it, makes a
// streaming replica of it (pg_basebackup -R) and returns a pool on each.
// It never touches the machine's shared PostgreSQL.
func replicaSetup(t *testing.T) (primary, replica *pgxpool.Pool) {
	t.Helper()
	ctx := context.Background()
	// Not t.TempDir: when we are root the servers run as the postgres
	// user, who must reach the directories.
	dir, err := os.MkdirTemp("", "marquee-replica-")
	require.NoError(t, err)
	t.Cleanup(func() { os.RemoveAll(dir) })
	require.NoError(t, os.Chmod(dir, 0o755))

	p, err := devdb.Start(ctx, filepath.Join(dir, "primary"), devdb.Options{Ephemeral: true, Database: "marquee"})
	if errors.Is(err, devdb.ErrNoPostgres) {
		t.Skip(err)
	}
	require.NoError(t, err)
	t.Cleanup(func() { p.Stop(context.Background()) })
	primary, err = pg.Connect(ctx, p.URL("marquee"), pg.PoolOptions{Name: "web", Guard: &pg.Guard{Strict: true}})
	require.NoError(t, err)
	t.Cleanup(primary.Close)
	m, err := pg.NewMigrator(primary, nil)
	require.NoError(t, err)
	require.NoError(t, m.Up(ctx))
	m.Close()

	r, err := p.StartReplica(ctx, filepath.Join(dir, "replica"), devdb.Options{Ephemeral: true})
	require.NoError(t, err)
	t.Cleanup(func() { r.Stop(context.Background()) })
	replica, err = pg.Connect(ctx, r.URL("marquee"), pg.PoolOptions{Name: "replica", Guard: &pg.Guard{Strict: true}})
	require.NoError(t, err)
	t.Cleanup(replica.Close)
	return primary, replica
}

func inRecovery(t *testing.T, pool *pgxpool.Pool) bool {
	t.Helper()
	var yes bool
	require.NoError(t, pool.QueryRow(context.Background(), "SELECT pg_is_in_recovery()").Scan(&yes))
	return yes
}

func exec(t *testing.T, pool *pgxpool.Pool, sql string) {
	t.Helper()
	_, err := pool.Exec(context.Background(), sql)
	require.NoError(t, err)
}

// TestListingsReadTheReplicaAndBookingThePrimary runs the app on a real
// streaming replica and pauses its replay: a movie scheduled meanwhile is
// missing from the replica-served listings, yet a buyer can open its seat
// map, hold seats and see the hold on their booking pages, which read the
// primary. Search answers from the replica too. Once replay resumes the
// listings and search catch up.
func TestListingsReadTheReplicaAndBookingThePrimary(t *testing.T) {
	t.Parallel()
	primary, replica := replicaSetup(t)
	require.False(t, inRecovery(t, primary), "the primary pool is on the primary")
	require.True(t, inRecovery(t, replica), "the read pool is on a standby")

	// The test polls the pages; and the replica stays paused past the
	// cache's wait for it (5 s), so entries refilled meanwhile live until
	// CACHE_TTL, kept short here.
	s := apptest.New(t, apptest.Options{Pool: primary, ReadPool: replica,
		Env: map[string]string{"RATE_SEARCH_PER_IP": "0", "CACHE_TTL": "2s"}})
	first := catalogtest.Show(t, s.Catalog, catalogtest.ShowOptions{Title: "Old Favourite"})
	visitor := s.Browser(t)
	visitor.SetCookie(t, "city", "london")
	home := func() string {
		res, body := visitor.Get(t, "/")
		require.Equal(t, http.StatusOK, res.StatusCode)
		return body
	}
	ctx := context.Background()
	_, err := s.Search.Reindex(ctx)
	require.NoError(t, err)
	s.Start(t)
	// found reports whether a search for q lists the movie at href. Until
	// the replica has the index, the city is unknown there (422).
	found := func(q, href string) bool {
		res, body := visitor.Get(t, "/search?q="+url.QueryEscape(q))
		return res.StatusCode == http.StatusOK && strings.Contains(body, `href="`+href+`"`)
	}
	waitFor(t, "the replica has the first movie", func() bool {
		return strings.Contains(home(), "Old Favourite") && found("favourite", "/movies/old-favourite")
	})

	exec(t, replica, "SELECT pg_wal_replay_pause()")
	waitFor(t, "replay is paused", func() bool {
		var state string
		require.NoError(t, replica.QueryRow(context.Background(), "SELECT pg_get_wal_replay_pause_state()").Scan(&state))
		return state == "paused"
	})
	m, err := s.Catalog.CreateMovie(ctx, catalog.MovieInput{Title: "Fresh Premiere", RuntimeMinutes: 100,
		ReleaseDate: time.Now().AddDate(0, 0, -1), Certification: "PG", OriginalLanguage: "English",
		Genres: []string{"Drama"}, Formats: []string{"2D"}, Status: catalog.NowShowing})
	require.NoError(t, err)
	show, err := s.Catalog.ScheduleShow(ctx, catalog.ShowInput{MovieID: m.ID, ScreenID: first.ScreenID,
		StartsAt: time.Now().Add(50 * time.Hour), Language: "English", Format: "2D"})
	require.NoError(t, err)
	_, err = s.Search.Reindex(ctx)
	require.NoError(t, err)

	require.NotContains(t, home(), "Fresh Premiere", "listings read the replica, which has not replayed the new movie")
	require.False(t, found("premiere", "/movies/fresh-premiere"), "search reads the replica too")
	require.True(t, found("favourite", "/movies/old-favourite"), "search still answers")
	res, _ := visitor.Get(t, "/movies/"+m.Slug)
	require.Equal(t, http.StatusNotFound, res.StatusCode, "the movie page reads the replica too")

	buyer, _ := s.SignedIn(t, "Grace", account.Customer)
	res, body := buyer.Get(t, fmt.Sprintf("/shows/%d/seats", show.ID))
	require.Equal(t, http.StatusOK, res.StatusCode, "the seat map reads the primary")
	require.Contains(t, body, "Fresh Premiere")
	res, _ = buyer.Post(t, fmt.Sprintf("/shows/%d/hold", show.ID), url.Values{"seats": {"C5", "C6"}})
	require.Equal(t, http.StatusSeeOther, res.StatusCode, "the hold is decided on the primary")
	checkout := res.Header.Get("Location")
	res, body = buyer.Get(t, checkout)
	require.Equal(t, http.StatusOK, res.StatusCode, "the buyer's checkout shows the hold at once")
	require.Contains(t, body, "Fresh Premiere")
	require.Contains(t, body, "C5")

	// Another buyer cannot take the seats the replica does not know are held.
	rival, _ := s.SignedIn(t, "Linus", account.Customer)
	res, _ = rival.Post(t, fmt.Sprintf("/shows/%d/hold", show.ID), url.Values{"seats": {"C5"}})
	require.NotEqual(t, http.StatusSeeOther, res.StatusCode, "a held seat is never sold twice")

	exec(t, replica, "SELECT pg_wal_replay_resume()")
	waitFor(t, "the listings and search catch up once replay resumes", func() bool {
		return strings.Contains(home(), "Fresh Premiere") && found("premiere", "/movies/fresh-premiere")
	})
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(time.Minute); !cond(); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting: %s", what)
		}
	}
}
