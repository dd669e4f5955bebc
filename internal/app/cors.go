package app

import (
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

// corsHeaders are what a browser client of the API may send and read.
var (
	corsAllowHeaders  = []string{"Authorization", "Content-Type", "Idempotency-Key", "If-None-Match", "X-API-Key", "X-Guest-Token"}
	corsExposeHeaders = []string{"ETag", "Location", "Retry-After", "RateLimit", "RateLimit-Policy",
		"Idempotent-Replayed", "X-Request-Id"}
)

// apiCORS lets the configured web origins (CORS_ORIGINS, checked by
// config) call /api/v1 from a browser. The API authenticates with bearer
// tokens and keys, never cookies, so credentials are not allowed: a page on
// another origin cannot ride a signed-in visitor's session. Without origins
// it does nothing, and browsers refuse cross-origin reads.
func apiCORS(origins []string) echo.MiddlewareFunc {
	if len(origins) == 0 {
		return func(next echo.HandlerFunc) echo.HandlerFunc { return next }
	}
	return middleware.CORSWithConfig(middleware.CORSConfig{
		Skipper:       func(c echo.Context) bool { return !strings.HasPrefix(c.Request().URL.Path, "/api/v1/") },
		AllowOrigins:  origins,
		AllowMethods:  []string{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"},
		AllowHeaders:  corsAllowHeaders,
		ExposeHeaders: corsExposeHeaders,
		MaxAge:        600,
	})
}
