// Package idempotency makes the API's unsafe requests safe to retry: a
// request sent with an Idempotency-Key header is handled once per caller
// and key, and every retry gets that first answer back (with
// Idempotent-Replayed: true) instead of doing the work again, also when
// the retries race each other or the first request is still running.
//
// The contract (api/base.yaml says it to app developers):
//   - POST, PUT, PATCH and DELETE with an Idempotency-Key of 1 to 255
//     visible ASCII characters take part; GET and HEAD ignore the header,
//     and a malformed key answers 400 bad_idempotency_key.
//   - The same key with the same request (method, path with its query, and
//     SHA-256 of the body) answers the stored first answer: its status, its
//     body and the headers in ReplayedHeaders.
//   - The same key with a different request answers 422
//     idempotency_key_reused.
//   - A retry while the first request runs waits for it (polling the key
//     every 50 ms) for as long as its own deadline allows, then answers 409
//     idempotency_in_progress.
//   - Answers of 5xx, 429 (retry later) and of a client that went away are
//     not kept: the claim is let go, so a retry runs the work again. So is
//     an answer whose body is over 1 MiB.
//   - Keys are kept for KeepFor (24 hours) from their first use, per caller
//     (the scope), then pruned by the PruneArgs periodic job.
//
// No transaction is held while the handler runs (the pool rule: a
// transaction never waits for a second pooled connection): the key is
// claimed with one INSERT ... ON CONFLICT, the handler runs, and its answer
// is stored with one UPDATE (or the claim deleted).
//
// Wiring: build one Store per app with New; guard routes with
// Store.Middleware(scope) placed after the guard that knows the caller.
// Bearer-token users are scoped by UserScope ("user:<id>"), which the
// account module's web.Auth.API already applies. Staff API keys are
// scoped by APIKeyScope ("key:<id>", KeyScope of the key web.Auth.Key put
// in the request), applied after that guard:
//
//	keyed := store.Middleware(idempotency.APIKeyScope)
//	g.POST("/shows/import", h.importShows, auth.Key("shows:write"), keyed)
//
// A scope function answering "" (no caller) lets the request through
// untouched. Join ErrorStatuses into the app's error table, register
// Workers and PeriodicJobs with River.
package idempotency

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/marqueehq/marquee/internal/platform/web"
)

// Header is the request header that carries the key.
const Header = "Idempotency-Key"

// HeaderReplayed marks a stored answer sent again ("true").
const HeaderReplayed = "Idempotent-Replayed"

// KeepFor is how long a key and its answer are kept after first use.
const KeepFor = 24 * time.Hour

// ReplayedHeaders are the response headers stored with an answer and sent
// again with it; the others (request id, rate limits) belong to each
// response.
var ReplayedHeaders = []string{echo.HeaderContentType, echo.HeaderLocation, "Cache-Control"}

// maxStoredBody is the largest answer body kept; the answers of creating
// requests are a few KB.
const maxStoredBody = 1 << 20

// staleClaim is how old a running claim must be before a retry takes it
// over: far past any request's deadline (REQUEST_TIMEOUT, 15 s by
// default), so its request is gone (the process died before it stored an
// answer or let go of the key).
const staleClaim = 10 * time.Minute

// pollEvery is how often a waiting retry looks at the key again.
const pollEvery = 50 * time.Millisecond

var (
	// ErrBadKey is a malformed Idempotency-Key header (400).
	ErrBadKey = errors.New("the Idempotency-Key header must be sent once, with 1 to 255 visible ASCII characters (a UUID is a good key)")
	// ErrKeyReused is a key sent again with a different request (422).
	ErrKeyReused = errors.New("that Idempotency-Key was already used for a different request: use a new key for a new action")
	// ErrInProgress is a retry that ran out of time waiting for the first
	// request with its key to finish (409).
	ErrInProgress = errors.New("a request with that Idempotency-Key is still being handled: try again in a moment to get its answer")
)

// ErrorStatuses maps the package's errors to HTTP statuses and API codes.
var ErrorStatuses = []web.ErrorStatus{
	{Err: ErrBadKey, Status: http.StatusBadRequest, Code: "bad_idempotency_key"},
	{Err: ErrKeyReused, Status: http.StatusUnprocessableEntity, Code: "idempotency_key_reused"},
	{Err: ErrInProgress, Status: http.StatusConflict, Code: "idempotency_in_progress"},
}

// Store keeps the keys and their answers in PostgreSQL (api.idempotency_keys),
// so every instance of the app honours a key sent to any other.
type Store struct {
	pool    *pgxpool.Pool
	now     func() time.Time
	log     *slog.Logger
	replays prometheus.Counter
}

// Options shape a Store.
type Options struct {
	// Now is the clock keys are dated by (nil: time.Now).
	Now func() time.Time
	// Log hears of answers that could not be stored (nil: discarded).
	Log *slog.Logger
	// Registerer receives the replay counter
	// (marquee_api_idempotent_replays_total); nil: not exported.
	Registerer prometheus.Registerer
}

// New returns a Store over pool. Errors: the counter's registration failed.
func New(pool *pgxpool.Pool, o Options) (*Store, error) {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Log == nil {
		o.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	s := &Store{pool: pool, now: o.Now, log: o.Log,
		replays: prometheus.NewCounter(prometheus.CounterOpts{Namespace: "marquee", Subsystem: "api", Name: "idempotent_replays_total",
			Help: "API requests answered with the stored answer of an earlier request with the same Idempotency-Key."})}
	if o.Registerer != nil {
		if err := o.Registerer.Register(s.replays); err != nil {
			return nil, fmt.Errorf("register idempotency replay counter: %w", err)
		}
	}
	return s, nil
}

// UserScope is the scope of a bearer-token user ("user:<id>"), "" when the
// request has no user.
func UserScope(c echo.Context) string {
	if id := web.UserID(c); id != 0 {
		return "user:" + strconv.FormatInt(id, 10)
	}
	return ""
}

// KeyScope is the scope of a staff API key ("key:<id>").
func KeyScope(keyID int64) string {
	return "key:" + strconv.FormatInt(keyID, 10)
}

// APIKeyScope is the scope of the staff API key web.Auth.Key put in the
// request (KeyScope of its id), "" when there is none.
func APIKeyScope(c echo.Context) string {
	if k, ok := web.APIKeyFrom(c); ok {
		return KeyScope(k.ID)
	}
	return ""
}
