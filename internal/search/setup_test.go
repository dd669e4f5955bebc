package search_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/app/apptest"
	"github.com/marqueehq/marquee/internal/catalog/demo"
	"github.com/marqueehq/marquee/internal/platform/pg/pgtest"
	"github.com/marqueehq/marquee/internal/search"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// testBundle is the whole server over the demo catalogue, its search index
// built and kept current.
type testBundle struct {
	*apptest.Server
	now time.Time
}

// setup loads the demo catalogue into the app's catalogue on a fresh
// database, then starts the app's loops, which build the index and keep it
// current (they release their connections before the database is dropped).
func setup(t testing.TB) *testBundle {
	t.Helper()
	s := apptest.New(t, apptest.Options{})
	now := time.Now()
	_, err := demo.Load(context.Background(), s.Catalog, now)
	require.NoError(t, err)
	s.Start(t)
	return &testBundle{Server: s, now: now}
}

// titles runs q and returns the result titles in order.
func (b *testBundle) titles(t testing.TB, q search.Query) []string {
	t.Helper()
	if q.Sort == "" {
		q.Sort = search.SortRelevance
	}
	res, err := b.Search.Search(context.Background(), q)
	require.NoError(t, err)
	out := make([]string, len(res.Movies))
	for i, m := range res.Movies {
		out[i] = m.Title
	}
	return out
}
