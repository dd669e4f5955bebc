package idempotency

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/web"
)

// Middleware honours the Idempotency-Key header of unsafe requests for the
// caller scope names (see the package doc). Place it after the guard that
// puts the caller in the request. Errors: ErrBadKey (400), ErrKeyReused
// (422), ErrInProgress (409), and the database's (503 when busy).
func (s *Store) Middleware(scope func(echo.Context) string) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			r := c.Request()
			if !unsafe(r.Method) {
				return next(c)
			}
			keys := r.Header.Values(Header)
			if len(keys) == 0 {
				return next(c)
			}
			if len(keys) > 1 || !validKey(keys[0]) {
				return ErrBadKey
			}
			who := scope(c)
			if who == "" {
				return next(c)
			}
			fp, err := requestFingerprint(c)
			if err != nil {
				return err
			}
			return s.serve(c, next, who, keys[0], fp)
		}
	}
}

func unsafe(method string) bool {
	switch method {
	case http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete:
		return true
	}
	return false
}

// validKey admits 1 to 255 visible ASCII characters (and spaces inside):
// what fits a header everywhere and the table's text column.
func validKey(k string) bool {
	if k == "" || len(k) > 255 {
		return false
	}
	for i := 0; i < len(k); i++ {
		if k[i] < 0x20 || k[i] > 0x7e {
			return false
		}
	}
	return true
}

// requestFingerprint hashes the body and puts it back for the handler.
func requestFingerprint(c echo.Context) (fingerprint, error) {
	r := c.Request()
	var body []byte
	if r.Body != nil {
		b, err := io.ReadAll(r.Body)
		if err != nil {
			// Over the body limit (the limit middleware's 413), or the
			// client stopped sending.
			var he *echo.HTTPError
			if errors.As(err, &he) {
				return fingerprint{}, he
			}
			return fingerprint{}, echo.NewHTTPError(http.StatusBadRequest, "We couldn't read the request's body.").SetInternal(err)
		}
		body = b
		r.Body = io.NopCloser(bytes.NewReader(body))
	}
	sum := sha256.Sum256(body)
	return fingerprint{method: r.Method, path: r.URL.RequestURI(), bodySHA256: sum[:]}, nil
}

// serve claims the key and runs the handler, or answers what the key's
// first request answered, waiting for it while it runs.
func (s *Store) serve(c echo.Context, next echo.HandlerFunc, scope, key string, fp fingerprint) error {
	ctx := c.Request().Context()
	for {
		token, claimed, err := s.claim(ctx, scope, key, fp)
		if err != nil {
			return err
		}
		if claimed {
			return s.run(c, next, scope, key, token)
		}
		rec, found, err := s.get(ctx, scope, key)
		switch {
		case err != nil:
			return err
		case !found:
			continue // the first request failed and let go: this one runs
		case !rec.fp.matches(fp):
			return ErrKeyReused
		case rec.done:
			return s.replay(c, rec)
		}
		if err := wait(ctx); err != nil {
			return err
		}
	}
}

// wait sleeps until the key is worth another look. It answers
// ErrInProgress when the request's deadline would pass before then, so
// the caller hears 409 rather than a timeout.
func wait(ctx context.Context) error {
	if dl, ok := ctx.Deadline(); ok && time.Until(dl) < 2*pollEvery {
		return ErrInProgress
	}
	t := time.NewTimer(pollEvery)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return ErrInProgress
		}
		return ctx.Err()
	}
}

// run handles the request whose claim token holds, then keeps its answer
// or lets go of the key. An error the handler returns is rendered here
// (echo would render it after every middleware returned), so the
// problem+json a retry gets back is the one the first request got; the
// error is still returned for the outer middleware (logs, metrics), whose
// error handling finds the response written.
func (s *Store) run(c echo.Context, next echo.HandlerFunc, scope, key string, token int64) (err error) {
	res := c.Response()
	rec := &recorder{ResponseWriter: res.Writer}
	res.Writer = rec
	settled := false
	defer func() {
		res.Writer = rec.ResponseWriter
		if !settled { // the handler panicked: nothing is known, a retry runs again
			s.settle(c, func(ctx context.Context) error { return s.release(ctx, scope, key, token) })
		}
	}()
	if err = next(c); err != nil {
		c.Error(err)
	}
	settled = true
	if !keep(res.Status) || rec.over {
		s.settle(c, func(ctx context.Context) error { return s.release(ctx, scope, key, token) })
		return err
	}
	headers := map[string]string{}
	for _, h := range ReplayedHeaders {
		if v := res.Header().Get(h); v != "" {
			headers[h] = v
		}
	}
	body := append([]byte{}, rec.body.Bytes()...) // an empty body is stored empty, not NULL
	s.settle(c, func(ctx context.Context) error { return s.save(ctx, scope, key, token, res.Status, headers, body) })
	return err
}

// keep reports whether an answer with status is kept for retries: not a
// failure of ours (5xx) nor "retry later" (429), whose retry should run
// again, nor the answer to a client that left.
func keep(status int) bool {
	return status < 500 && status != http.StatusTooManyRequests && status != web.StatusClientClosed
}

// settle stores an answer or lets go of a key even when the request's
// deadline has passed or its client left, within settleTimeout. A failure
// is logged: the answer was sent, and the claim stays running until a
// retry takes it over as stale.
func (s *Store) settle(c echo.Context, f func(ctx context.Context) error) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(c.Request().Context()), settleTimeout)
	defer cancel()
	if err := f(ctx); err != nil {
		s.log.Error("idempotency key not settled", "id", c.Response().Header().Get(echo.HeaderXRequestID),
			"method", c.Request().Method, "path", c.Request().URL.Path, "err", err)
	}
}

// replay sends a stored answer again.
func (s *Store) replay(c echo.Context, rec record) error {
	h := c.Response().Header()
	for name, v := range rec.headers {
		h.Set(name, v)
	}
	h.Set(HeaderReplayed, "true")
	s.replays.Inc()
	c.Response().WriteHeader(rec.status)
	if len(rec.body) == 0 {
		return nil
	}
	if _, err := c.Response().Write(rec.body); err != nil {
		return fmt.Errorf("replay idempotent answer: %w", err)
	}
	return nil
}

// recorder passes the response through to the client and keeps a copy of
// its body, up to maxStoredBody.
type recorder struct {
	http.ResponseWriter
	body bytes.Buffer
	over bool
}

func (r *recorder) Write(b []byte) (int, error) {
	if !r.over {
		if r.body.Len()+len(b) > maxStoredBody {
			r.over = true
			r.body = bytes.Buffer{}
		} else {
			r.body.Write(b)
		}
	}
	return r.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController (echo's Flush) reach the writer.
func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }
