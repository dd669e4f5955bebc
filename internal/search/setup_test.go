package search_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/catalog/demo"
	"github.com/marqueehq/marquee/internal/platform/pg/pgtest"
	"github.com/marqueehq/marquee/internal/search"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

type testBundle struct {
	pool    *pgxpool.Pool
	catalog *catalog.Service
	svc     *search.Service
	now     time.Time
}

// setup loads the demo catalogue into a fresh database and indexes it.
func setup(t testing.TB) *testBundle {
	t.Helper()
	ctx := context.Background()
	pool := pgtest.New(t)
	now := time.Now()
	cat := catalog.NewService(pool, catalog.Options{})
	_, err := demo.Load(ctx, cat, now)
	require.NoError(t, err)
	svc := search.NewService(pool, cat, search.Options{})
	_, err = svc.Reindex(ctx)
	require.NoError(t, err)
	run(t, svc)
	return &testBundle{pool: pool, catalog: cat, svc: svc, now: now}
}

// run keeps svc's in-memory index current for the test (it releases its
// connection before the database is dropped).
func run(t testing.TB, svc *search.Service) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	stopped := make(chan error, 1)
	go func() { stopped <- svc.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		require.NoError(t, <-stopped)
	})
}

// titles runs q and returns the result titles in order.
func (b *testBundle) titles(t testing.TB, q search.Query) []string {
	t.Helper()
	if q.Sort == "" {
		q.Sort = search.SortRelevance
	}
	res, err := b.svc.Search(context.Background(), q)
	require.NoError(t, err)
	out := make([]string, len(res.Movies))
	for i, m := range res.Movies {
		out[i] = m.Title
	}
	return out
}
