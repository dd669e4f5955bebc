package pg

import (
	"context"
	"log/slog"
	"time"
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
