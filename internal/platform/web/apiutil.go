package web

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
)

// ErrBadCursor answers a `cursor` parameter this server did not hand out
// (400 bad_cursor).
var ErrBadCursor = errors.New("that cursor isn't one we gave out: start again from the first page")

// ErrBadLimit answers a `limit` outside 1..MaxPageLimit (400 bad_limit).
var ErrBadLimit = fmt.Errorf("the limit must be a whole number from 1 to %d", MaxPageLimit)

// DefaultPageLimit and MaxPageLimit bound an API list page.
const (
	DefaultPageLimit = 20
	MaxPageLimit     = 100
)

// PageLimit reads the `limit` query parameter of an API list: 20 when
// absent. Errors: ErrBadLimit.
func PageLimit(c echo.Context) (int, error) {
	s := c.QueryParam("limit")
	if s == "" {
		return DefaultPageLimit, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > MaxPageLimit {
		return 0, ErrBadLimit
	}
	return n, nil
}

// EncodeCursor makes the opaque `next_cursor` of an API list from the
// keyset position v (any JSON-encodable value).
func EncodeCursor(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		// Cursors are small structs of ids and times; failing to encode
		// one is a programming error.
		panic(fmt.Sprintf("encode cursor: %v", err))
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// DecodeCursor reads the `cursor` query parameter into v; without one v is
// left as it is (the first page). Errors: ErrBadCursor.
func DecodeCursor(c echo.Context, v any) error {
	s := c.QueryParam("cursor")
	if s == "" {
		return nil
	}
	if len(s) > 200 {
		return ErrBadCursor
	}
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return ErrBadCursor
	}
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return ErrBadCursor
	}
	return nil
}

// CacheableJSON answers a public catalogue read: v as JSON with a strong
// ETag and `Cache-Control: public, max-age`, or 304 Not Modified when the
// request's If-None-Match already names that ETag.
func CacheableJSON(c echo.Context, maxAge time.Duration, v any) error {
	body, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encode %s: %w", c.Path(), err)
	}
	sum := sha256.Sum256(body)
	etag := `"` + base64.RawURLEncoding.EncodeToString(sum[:18]) + `"`
	h := c.Response().Header()
	h.Set(echo.HeaderCacheControl, fmt.Sprintf("public, max-age=%d", int(maxAge.Seconds())))
	h.Set("ETag", etag)
	h.Add(echo.HeaderVary, echo.HeaderAcceptEncoding)
	if etagMatches(c.Request().Header.Get("If-None-Match"), etag) {
		return c.NoContent(http.StatusNotModified)
	}
	return c.JSONBlob(http.StatusOK, body)
}

// etagMatches applies If-None-Match's weak comparison (RFC 9110, 13.1.2).
func etagMatches(header, etag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == "*" || t == etag {
			return true
		}
	}
	return false
}
