package app_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/app/apptest"
	"github.com/marqueehq/marquee/internal/platform/pg/pgtest"
	"github.com/marqueehq/marquee/internal/platform/redisx/redistest"
)

// apiMe asks s's API who is calling, without a token (401 unless
// limited), and returns the status.
func apiMe(t *testing.T, s *apptest.Server) int {
	t.Helper()
	res, _ := s.Browser(t).Get(t, "/api/v1/me")
	return res.StatusCode
}

func TestInstancesOnOneRedisSpendOneBudget(t *testing.T) {
	t.Parallel()
	pool, conn := pgtest.New(t), redistest.New(t)
	o := apptest.Options{Pool: pool, RedisConn: conn, Env: map[string]string{"RATE_API_PER_IP": "2"}}
	one, two := apptest.New(t, o), apptest.New(t, o)

	require.Equal(t, http.StatusUnauthorized, apiMe(t, one))
	require.Equal(t, http.StatusUnauthorized, apiMe(t, two))
	require.Equal(t, http.StatusTooManyRequests, apiMe(t, one), "the other instance spent the second")
	require.Equal(t, http.StatusTooManyRequests, apiMe(t, two))
}

func TestWithoutRedisEachInstanceCountsAlone(t *testing.T) {
	t.Parallel()
	o := apptest.Options{Pool: pgtest.New(t), Env: map[string]string{"RATE_API_PER_IP": "1"}}
	one, two := apptest.New(t, o), apptest.New(t, o)

	require.Equal(t, http.StatusUnauthorized, apiMe(t, one))
	require.Equal(t, http.StatusUnauthorized, apiMe(t, two), "a budget of its own")
	require.Equal(t, http.StatusTooManyRequests, apiMe(t, one))
}

func TestRefusalsAreCountedForOperators(t *testing.T) {
	t.Parallel()
	s := apptest.New(t, apptest.Options{Env: map[string]string{"RATE_API_PER_IP": "1"}})
	for range 3 {
		apiMe(t, s)
	}
	rec := scrape(s, "127.0.0.1:41000")
	require.Equal(t, http.StatusOK, rec.Code)
	require.Contains(t, rec.Body.String(), `marquee_rate_limited_total{limit="api_ip",route="/api/v1/me"} 2`)
}
