package web

import (
	"context"
	"log/slog"
	"strconv"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

// accessLog writes one structured line per request. Query strings are left
// out: they can carry tokens.
func accessLog(log *slog.Logger) echo.MiddlewareFunc {
	return middleware.RequestLoggerWithConfig(middleware.RequestLoggerConfig{
		Skipper:      func(c echo.Context) bool { return c.Path() == "/healthz" || c.Path() == "/metrics" },
		LogStatus:    true,
		LogMethod:    true,
		LogURIPath:   true,
		LogRoutePath: true,
		LogRequestID: true,
		LogRemoteIP:  true,
		LogLatency:   true,
		LogUserAgent: true,
		HandleError:  true, // let the error handler set the status before we log it
		LogValuesFunc: func(c echo.Context, v middleware.RequestLoggerValues) error {
			level := slog.LevelInfo
			if v.Status >= 500 {
				level = slog.LevelError
			}
			log.LogAttrs(context.Background(), level, "request",
				slog.String("id", v.RequestID),
				slog.String("method", v.Method),
				slog.String("path", v.URIPath),
				slog.String("route", v.RoutePath),
				slog.Int("status", v.Status),
				slog.String("duration", strconv.FormatFloat(float64(v.Latency.Microseconds())/1000, 'f', 2, 64)+"ms"),
				slog.String("ip", v.RemoteIP),
				slog.String("ua", v.UserAgent),
			)
			return nil
		},
	})
}
