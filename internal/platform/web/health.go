package web

import (
	"context"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
)

// HealthRoutes registers /healthz (the process answers) and /readyz (ready
// to serve traffic: ready returns nil).
func HealthRoutes(e *echo.Echo, ready func(context.Context) error) {
	e.GET("/healthz", func(c echo.Context) error {
		return c.String(http.StatusOK, "ok")
	})
	e.GET("/readyz", func(c echo.Context) error {
		ctx, cancel := context.WithTimeout(c.Request().Context(), 2*time.Second)
		defer cancel()
		if err := ready(ctx); err != nil {
			return c.String(http.StatusServiceUnavailable, "not ready: "+err.Error())
		}
		return c.String(http.StatusOK, "ready")
	})
}
