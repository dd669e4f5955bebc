package pg

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Reconnect runs session until ctx ends, and again after each failure with
// a pause that grows from 250 ms to 5 seconds (back to 250 ms after a
// session that got connected). It is the loop around a LISTEN connection:
// session connects, listens and returns when the connection fails. what
// names the listener in the log. Reconnect returns once ctx ends.
func Reconnect(ctx context.Context, log *slog.Logger, what string, session func(context.Context) (connected bool, err error)) {
	pause := 250 * time.Millisecond
	for {
		connected, err := session(ctx)
		if ctx.Err() != nil {
			return
		}
		if connected {
			pause = 250 * time.Millisecond
		}
		log.Warn(what+": lost the notification connection", "err", err, "retry_in", pause)
		select {
		case <-ctx.Done():
			return
		case <-time.After(pause):
		}
		pause = min(pause*2, 5*time.Second)
	}
}

// Listener is what Listen does on its connection: Ready runs after LISTEN
// (so nothing changed before it falls between), Notified for each
// notification. An error from either ends the connection (it is opened
// again).
type Listener struct {
	Ready    func(ctx context.Context) error
	Notified func(ctx context.Context, payload string) error
}

// Listen LISTENs on channel until ctx ends, on a connection of its own made
// with pool's settings (outside the pool, so it never takes a slot from
// requests), reconnecting after failures (see Reconnect). what names it in
// the log.
func Listen(ctx context.Context, log *slog.Logger, what string, pool *pgxpool.Pool, channel string, l Listener) {
	Reconnect(ctx, log, what, func(ctx context.Context) (bool, error) {
		conn, err := pgx.ConnectConfig(ctx, pool.Config().ConnConfig.Copy())
		if err != nil {
			return false, fmt.Errorf("connect: %w", err)
		}
		defer func() {
			closeCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Second)
			defer cancel()
			_ = conn.Close(closeCtx)
		}()
		if _, err := conn.Exec(ctx, "LISTEN "+pgx.Identifier{channel}.Sanitize()); err != nil {
			return false, fmt.Errorf("listen: %w", err)
		}
		if err := l.Ready(ctx); err != nil {
			return true, err
		}
		for {
			n, err := conn.WaitForNotification(ctx)
			if err != nil {
				return true, fmt.Errorf("wait for notification: %w", err)
			}
			if err := l.Notified(ctx, n.Payload); err != nil {
				return true, err
			}
		}
	})
}
