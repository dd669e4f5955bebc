// Package metrics exposes Prometheus metrics at /metrics: HTTP requests by
// route (count and latency), the database pool, River jobs by kind and
// outcome and its queues' depth and lag, the business's events (holds,
// purchases, payments, refunds), and the Go runtime.
package metrics

import (
	"context"
	"log/slog"
	"time"

	"github.com/IBM/pgxpoolprometheus"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo-contrib/echoprometheus"
	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/riverqueue/river"

	"github.com/marqueehq/marquee/internal/platform/jobs"
)

// Metrics owns a registry of its own (no global default registry), so tests
// can build several servers in one process.
type Metrics struct {
	reg      *prometheus.Registry
	pool     *pgxpool.Pool
	jobs     *prometheus.CounterVec
	duration *prometheus.HistogramVec
	queues   *queues
	events   *Events
}

// querier runs a query outside any transaction (the pool).
type querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
}

// New registers the runtime and database pool collectors, and reads
// River's queues through pool once WatchJobs runs.
func New(pool *pgxpool.Pool) *Metrics {
	reg := prometheus.NewRegistry()
	m := &Metrics{
		reg:    reg,
		pool:   pool,
		queues: newQueues(),
		events: newEvents(),
		jobs: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: "marquee", Name: "river_jobs_total",
			Help: "Background jobs finished on this instance, by kind and outcome.",
		}, []string{"kind", "outcome"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Namespace: "marquee", Name: "river_job_duration_seconds",
			Help:    "Run time of background jobs on this instance, by kind.",
			Buckets: prometheus.DefBuckets,
		}, []string{"kind"}),
	}
	reg.MustRegister(
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		pgxpoolprometheus.NewCollector(pool, map[string]string{"db": "primary"}),
		m.jobs, m.duration, m.queues.depth, m.queues.lag,
	)
	reg.MustRegister(m.events.collectors()...)
	return m
}

// Events are the business's counters, for the modules to count with.
func (m *Metrics) Events() *Events { return m.events }

// Registerer is the registry other packages add their collectors to (the
// cache's hit and miss counters).
func (m *Metrics) Registerer() prometheus.Registerer { return m.reg }

// Middleware counts and times every HTTP request by method, route and status.
func (m *Metrics) Middleware() echo.MiddlewareFunc {
	return echoprometheus.NewMiddlewareWithConfig(echoprometheus.MiddlewareConfig{
		Namespace:  "marquee",
		Subsystem:  "http",
		Registerer: m.reg,
		Skipper:    func(c echo.Context) bool { return c.Path() == "/metrics" },
	})
}

// Handler serves the registry in the Prometheus text format.
func (m *Metrics) Handler() echo.HandlerFunc {
	return echoprometheus.NewHandlerWithConfig(echoprometheus.HandlerConfig{Gatherer: m.reg})
}

// WatchJobs counts River job outcomes until ctx ends, and reads how many
// jobs wait in each queue and how long the oldest has waited, now and
// then every interval (one bounded query, outside any transaction).
// Call it once per Metrics; log hears of a look that failed.
func (m *Metrics) WatchJobs(ctx context.Context, client *jobs.Client, every time.Duration, log *slog.Logger) {
	go m.queues.watch(ctx, m.pool, every, log)
	events, cancel := client.Subscribe(river.EventKindJobCompleted, river.EventKindJobFailed,
		river.EventKindJobCancelled, river.EventKindJobSnoozed)
	go func() {
		defer cancel()
		for {
			select {
			case <-ctx.Done():
				return
			case ev, ok := <-events:
				if !ok {
					return
				}
				m.jobs.WithLabelValues(ev.Job.Kind, string(ev.Kind)).Inc()
				if ev.JobStats != nil {
					m.duration.WithLabelValues(ev.Job.Kind).Observe(ev.JobStats.RunDuration.Seconds())
				}
			}
		}
	}()
}
