package booking_test

import (
	"fmt"
	"net/http"
	"regexp"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/app/apptest"
	"github.com/marqueehq/marquee/internal/platform/redisx/redistest"
)

// seatState is the state a rendered seat map gives seat.
func seatState(t *testing.T, body, seat string) string {
	t.Helper()
	m := regexp.MustCompile(`data-state="([a-z]+)"[^>]*>\s*<input class="sm-seat__input"[^>]*value="` + seat + `"`).
		FindStringSubmatch(body)
	require.NotNil(t, m, "seat %s is on the map", seat)
	return m[1]
}

// TestASeatTakenIsNeverShownFreeFromACache: two instances share one
// database and one Redis, with their caches on. Every page around the
// show has been read (and cached) on both; a seat held through the API on
// one is held on the seat map page and in the live map's first snapshot
// at once, on that instance and the other.
func TestASeatTakenIsNeverShownFreeFromACache(t *testing.T) {
	t.Parallel()
	redis := redistest.New(t)
	one := httpSetup(t, apptest.Options{RedisConn: redis})
	two := &testBundle{Server: apptest.New(t, apptest.Options{Pool: one.pool, RedisConn: redis}),
		pool: one.pool, show: one.show}
	one.Start(t)
	two.Start(t)
	for _, sb := range []*testBundle{one, two} {
		for _, path := range []string{"/", fmt.Sprintf("/shows/%d", sb.show.ID), sb.seatsURL()} {
			for range 2 {
				res, _ := sb.Browser(t).Get(t, path, "Cookie", "city=london")
				require.Less(t, res.StatusCode, 400, path)
			}
		}
		res, body := sb.Browser(t).Get(t, sb.seatsURL())
		require.Equal(t, http.StatusOK, res.StatusCode)
		require.Equal(t, "free", seatState(t, body, "E10"))
	}

	buyer := one.buyer(t, "Ada")
	status, body := buyer.call(t, http.MethodPost, fmt.Sprintf("/api/v1/shows/%d/holds", one.show.ID),
		map[string][]string{"seats": {"E10", "E11"}})
	require.Equal(t, http.StatusCreated, status, string(body))

	for name, sb := range map[string]*testBundle{"this instance": one, "the other instance": two} {
		res, page := sb.Browser(t).Get(t, sb.seatsURL())
		require.Equal(t, http.StatusOK, res.StatusCode)
		require.Equal(t, "held", seatState(t, page, "E10"), "the seat map on %s", name)
		require.Equal(t, "held", seatState(t, page, "E11"), "the seat map on %s", name)
		snap := sb.seatmapSubscribe(t).next(t, "the first snapshot", func(map[string]string) bool { return true })
		require.Equal(t, "held", snap["E10"], "the live map's snapshot on %s", name)
		require.Equal(t, "held", snap["E11"], "the live map's snapshot on %s", name)
	}
}
