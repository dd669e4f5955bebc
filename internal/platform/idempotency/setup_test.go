package idempotency_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/platform/idempotency"
	"github.com/marqueehq/marquee/internal/platform/pg/pgtest"
	"github.com/marqueehq/marquee/internal/platform/web"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// clock is a test's movable clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// testBundle is a tiny API behind the middleware, over a database of its
// own. The caller is named by the X-Caller header (the scope); handlers
// count their runs.
type testBundle struct {
	pool    *pgxpool.Pool
	store   *idempotency.Store
	clock   *clock
	reg     *prometheus.Registry
	url     string
	runs    atomic.Int64
	entered chan struct{} // /slow says it started
	release chan struct{} // /slow waits for it
	fail    atomic.Int64  // /flaky answers this status (then 201) while > 0
}

type setupOptions struct {
	// requestTimeout is every request's deadline (none when 0).
	requestTimeout time.Duration
}

func setup(t *testing.T, o setupOptions) *testBundle {
	t.Helper()
	b := &testBundle{pool: pgtest.New(t), clock: &clock{t: time.Now()}, reg: prometheus.NewRegistry(),
		entered: make(chan struct{}, 16), release: make(chan struct{})}
	logs := &lockedBuffer{}
	store, err := idempotency.New(b.pool, idempotency.Options{Now: b.clock.Now, Registerer: b.reg,
		Log: slog.New(slog.NewTextHandler(logs, nil))})
	require.NoError(t, err)
	t.Cleanup(func() { require.Empty(t, logs.String(), "every key was settled") })
	b.store = store
	e := web.New(web.Options{Log: slog.New(slog.NewTextHandler(io.Discard, nil)), MaxBodyBytes: 1 << 20,
		Statuses: slices.Concat(web.CommonStatuses, idempotency.ErrorStatuses), RequestTimeout: o.requestTimeout})
	caller := func(c echo.Context) string { return c.Request().Header.Get("X-Caller") }
	api := e.Group("/api/v1", store.Middleware(caller))

	// things creates a thing: its number and the body it was sent.
	things := func(c echo.Context) error {
		n := b.runs.Add(1)
		body, err := io.ReadAll(c.Request().Body)
		if err != nil {
			return err
		}
		c.Response().Header().Set(echo.HeaderLocation, "/api/v1/things/"+strconv.FormatInt(n, 10))
		c.Response().Header().Set("X-Not-Replayed", "first")
		return c.JSON(http.StatusCreated, map[string]any{"n": n, "sent": string(body)})
	}
	api.POST("/things", things)
	api.PUT("/things/:id", things)
	api.GET("/things", things)
	api.DELETE("/things/:id", func(c echo.Context) error {
		b.runs.Add(1)
		return c.NoContent(http.StatusNoContent)
	})
	api.POST("/slow", func(c echo.Context) error {
		n := b.runs.Add(1)
		b.entered <- struct{}{}
		<-b.release
		return c.JSON(http.StatusCreated, map[string]any{"n": n})
	})
	api.POST("/flaky", func(c echo.Context) error {
		n := b.runs.Add(1)
		if status := b.fail.Swap(0); status != 0 {
			if status == http.StatusInternalServerError {
				return errors.New("the database fell over")
			}
			return echo.NewHTTPError(int(status), "not now")
		}
		return c.JSON(http.StatusCreated, map[string]any{"n": n})
	})
	api.POST("/refused", func(c echo.Context) error {
		b.runs.Add(1)
		return echo.NewHTTPError(http.StatusConflict, "that show is sold out")
	})
	api.POST("/panics", func(c echo.Context) error {
		if b.runs.Add(1) == 1 {
			panic("a bug")
		}
		return c.JSON(http.StatusCreated, map[string]any{"ok": true})
	})
	srv := httptest.NewServer(e)
	t.Cleanup(srv.Close)
	b.url = srv.URL
	return b
}

// lockedBuffer collects the store's logs from the server's goroutines.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// answer is what a client sees.
type answer struct {
	status int
	header http.Header
	body   string
}

func (a answer) replayed() bool { return a.header.Get(idempotency.HeaderReplayed) == "true" }

// do sends a request as caller with key (none when "") and body.
func (b *testBundle) do(t *testing.T, method, path, caller, key, body string) answer {
	t.Helper()
	var headers []string
	if key != "" {
		headers = []string{idempotency.Header, key}
	}
	return b.doHeaders(t, method, path, caller, body, headers...)
}

func (b *testBundle) doHeaders(t *testing.T, method, path, caller, body string, headers ...string) answer {
	t.Helper()
	req, err := http.NewRequestWithContext(context.Background(), method, b.url+path, strings.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Caller", caller)
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Add(headers[i], headers[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	out, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return answer{status: res.StatusCode, header: res.Header, body: string(out)}
}

// keys counts the stored keys.
func (b *testBundle) keys(t *testing.T) int {
	t.Helper()
	var n int
	require.NoError(t, b.pool.QueryRow(context.Background(), `SELECT count(*) FROM api.idempotency_keys`).Scan(&n))
	return n
}

// replays reads the replay counter.
func (b *testBundle) replays(t *testing.T) float64 {
	t.Helper()
	n, err := testutil.GatherAndCount(b.reg, "marquee_api_idempotent_replays_total")
	require.NoError(t, err)
	require.Equal(t, 1, n)
	mfs, err := b.reg.Gather()
	require.NoError(t, err)
	return mfs[0].GetMetric()[0].GetCounter().GetValue()
}
