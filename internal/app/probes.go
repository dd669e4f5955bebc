package app

import (
	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/metrics"
	"github.com/marqueehq/marquee/internal/platform/web"
)

// Probes is what a worker-role process answers on its port: /healthz and
// /readyz for the orchestrator's probes and /metrics for the scraper (job
// counts and pools), under the same guard as on a web process. Every other
// URL is not found: a worker serves no pages.
func (a *App) Probes() *echo.Echo {
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	web.HealthRoutes(e, a.deps.Ready)
	e.GET("/metrics", a.Metrics.Handler(), metrics.Guard(a.deps.Config.MetricsToken))
	return e
}
