package account_test

import (
	"context"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/platform/jobs"
	"github.com/marqueehq/marquee/internal/platform/pg/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// TestSessionPruneRunsThroughRiver runs the real River client and worker:
// an expired session is deleted, a live one is kept.
func TestSessionPruneRunsThroughRiver(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := pgtest.New(t)
	_, err := pool.Exec(ctx, `INSERT INTO account.sessions (token, data, expiry) VALUES
		('expired', '\x00', now() - interval '1 minute'),
		('live', '\x00', now() + interval '1 hour')`)
	require.NoError(t, err)

	workers := river.NewWorkers()
	account.Workers(workers, pool)
	client, err := jobs.New(pool, jobs.Options{Workers: workers, RetryPolicy: jobs.QuickRetry{}})
	require.NoError(t, err)
	completed, cancel := client.Subscribe(river.EventKindJobCompleted, river.EventKindJobFailed)
	defer cancel()
	require.NoError(t, client.Start(ctx))
	t.Cleanup(func() { client.Stop(context.Background()) })

	_, err = client.Insert(ctx, account.SessionPruneArgs{}, nil)
	require.NoError(t, err)
	select {
	case ev := <-completed:
		require.Equal(t, river.EventKindJobCompleted, ev.Kind)
		require.Equal(t, "account.session_prune", ev.Job.Kind)
	case <-time.After(2 * time.Minute):
		t.Fatal("the prune job never finished")
	}

	var tokens []string
	rows, err := pool.Query(ctx, "SELECT token FROM account.sessions ORDER BY token")
	require.NoError(t, err)
	for rows.Next() {
		var tok string
		require.NoError(t, rows.Scan(&tok))
		tokens = append(tokens, tok)
	}
	require.NoError(t, rows.Err())
	require.Equal(t, []string{"live"}, tokens)
}

func TestSessionsAreStoredInPostgres(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := pgtest.New(t)
	sm := account.NewSessionManager(pool, account.SessionOptions{})

	ctx, err := sm.Load(ctx, "")
	require.NoError(t, err)
	sm.Put(ctx, "city", "London")
	token, _, err := sm.Commit(ctx)
	require.NoError(t, err)

	// A second instance sharing the database sees the same session.
	other := account.NewSessionManager(pool, account.SessionOptions{})
	ctx2, err := other.Load(context.Background(), token)
	require.NoError(t, err)
	require.Equal(t, "London", other.GetString(ctx2, "city"))
}
