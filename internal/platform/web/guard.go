package web

import "github.com/labstack/echo/v4"

// Guard returns mw, or when it was not wired (nil) a middleware that
// refuses every request with status: a guarded page is never served
// unguarded by mistake.
func Guard(mw echo.MiddlewareFunc, status int) echo.MiddlewareFunc {
	if mw != nil {
		return mw
	}
	return func(echo.HandlerFunc) echo.HandlerFunc {
		return func(echo.Context) error { return echo.NewHTTPError(status) }
	}
}
