package metrics

import (
	"crypto/subtle"
	"net"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
)

// Guard keeps /metrics (every route, its latencies, the pool and the jobs)
// from the public. With a token, a scraper must send it as
// "Authorization: Bearer <token>" from anywhere. Without one, only a
// client on this machine is served: the connection's own peer must be a
// loopback address and the request must not have come through a proxy
// (a proxy on the same host connects from loopback too, and adds the
// forwarding headers). Anyone else gets 404, as if there were nothing.
func Guard(token string) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			r := c.Request()
			if token != "" {
				if !bearer(r, token) {
					c.Response().Header().Set("WWW-Authenticate", `Bearer realm="metrics"`)
					return echo.NewHTTPError(http.StatusUnauthorized, "Metrics need a token.")
				}
				return next(c)
			}
			if !local(r) {
				return echo.ErrNotFound
			}
			return next(c)
		}
	}
}

// bearer reports whether r carries token as its bearer credential (the
// scheme is case-insensitive, RFC 9110).
func bearer(r *http.Request, token string) bool {
	scheme, cred, ok := strings.Cut(r.Header.Get(echo.HeaderAuthorization), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return false
	}
	return subtle.ConstantTimeCompare([]byte(strings.TrimSpace(cred)), []byte(token)) == 1
}

// local reports whether r came straight from this machine.
func local(r *http.Request) bool {
	for _, h := range []string{"Forwarded", echo.HeaderXForwardedFor, echo.HeaderXRealIP} {
		if r.Header.Get(h) != "" {
			return false
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return false
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
