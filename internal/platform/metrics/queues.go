package metrics

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/riverqueue/river"
)

// queueCountCap bounds the rows one look at the queues reads: past it the
// depth reads as the cap ("at least"), which is far beyond any alert or
// autoscaling threshold.
const queueCountCap = 100_000

// queueLookTimeout bounds one look at the queues.
const queueLookTimeout = 5 * time.Second

// queueStats reads, outside any transaction, how many jobs wait to run in
// each queue and how long the oldest has waited; the oldest queueCountCap
// waiting jobs are all it reads.
const queueStats = `
SELECT queue, count(*), coalesce(extract(epoch FROM greatest(now() - min(scheduled_at), '0s')), 0)::float8
FROM (SELECT queue, scheduled_at FROM river.river_job WHERE state = 'available'
      ORDER BY scheduled_at LIMIT $1) AS waiting
GROUP BY queue`

// queues are the gauges of River's queues, shared by every instance that
// watches them (each reports the same database-wide figures).
type queues struct {
	depth, lag *prometheus.GaugeVec
	// seen are the queues reported before; one that empties reads 0.
	seen map[string]bool
}

func newQueues() *queues {
	q := &queues{
		depth: prometheus.NewGaugeVec(prometheus.GaugeOpts{Namespace: "marquee", Name: "river_queue_depth",
			Help: "Background jobs waiting to run, by queue (the same figure on every worker)."}, []string{"queue"}),
		lag: prometheus.NewGaugeVec(prometheus.GaugeOpts{Namespace: "marquee", Name: "river_queue_lag_seconds",
			Help: "How long the oldest job waiting to run has waited, by queue (0 when none waits)."}, []string{"queue"}),
		seen: map[string]bool{river.QueueDefault: true},
	}
	q.depth.WithLabelValues(river.QueueDefault)
	q.lag.WithLabelValues(river.QueueDefault)
	return q
}

// look reads the queues once and sets the gauges.
func (q *queues) look(ctx context.Context, db querier) error {
	ctx, cancel := context.WithTimeout(ctx, queueLookTimeout)
	defer cancel()
	rows, err := db.Query(ctx, queueStats, queueCountCap)
	if err != nil {
		return fmt.Errorf("read job queues: %w", err)
	}
	defer rows.Close()
	now := map[string]bool{}
	for rows.Next() {
		var name string
		var depth int64
		var lag float64
		if err := rows.Scan(&name, &depth, &lag); err != nil {
			return fmt.Errorf("read job queues: %w", err)
		}
		now[name] = true
		q.depth.WithLabelValues(name).Set(float64(depth))
		q.lag.WithLabelValues(name).Set(lag)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read job queues: %w", err)
	}
	for name := range q.seen {
		if !now[name] {
			q.depth.WithLabelValues(name).Set(0)
			q.lag.WithLabelValues(name).Set(0)
		}
	}
	for name := range now {
		q.seen[name] = true
	}
	return nil
}

// watch looks at the queues now and then every interval until ctx ends.
func (q *queues) watch(ctx context.Context, db querier, every time.Duration, log *slog.Logger) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if err := q.look(ctx, db); err != nil && ctx.Err() == nil {
			log.Warn("job queue metrics not updated", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
