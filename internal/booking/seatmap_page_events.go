package booking

import (
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
)

// liveHeartbeat is how often an idle event stream sends a comment, so
// proxies and load balancers keep the connection open.
const liveHeartbeat = 15 * time.Second

// events streams a show's seat states as server-sent events: an event
// "seats" whose data is {"F12":"held",...} for every seat that is not
// free, once on connecting and again within a moment of every change made
// on any instance. It ends when the client goes away or the hub stops.
// Errors: ErrNotFound for an unknown show (before the stream starts).
func (l *Live) events(c echo.Context) error {
	id, err := seatMapShowID(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	// Subscribe before reading, so a change between the two is not missed.
	updates, cancel := l.subscribe(id)
	defer cancel()
	first, err := l.snapshot(ctx, id)
	if err != nil {
		return err
	}

	w := c.Response()
	rc := http.NewResponseController(w)
	// The server's write timeout is for pages; a stream lives as long as the page.
	if err := rc.SetWriteDeadline(time.Time{}); err != nil && !errors.Is(err, http.ErrNotSupported) {
		return fmt.Errorf("clear write deadline: %w", err)
	}
	h := w.Header()
	h.Set(echo.HeaderContentType, "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no") // nginx: do not buffer the stream
	w.WriteHeader(http.StatusOK)
	send := func(frame string) bool {
		if _, err := w.Write([]byte(frame)); err != nil {
			return false
		}
		return rc.Flush() == nil
	}
	if !send("retry: 3000\n\nevent: seats\ndata: " + string(first) + "\n\n") {
		return nil
	}
	beat := time.NewTicker(liveHeartbeat)
	defer beat.Stop()
	for {
		var ok bool
		select {
		case <-ctx.Done():
			return nil
		case <-l.done:
			return nil
		case snap := <-updates:
			ok = send("event: seats\ndata: " + string(snap) + "\n\n")
		case <-beat.C:
			ok = send(": keep-alive\n\n")
		}
		if !ok {
			return nil
		}
	}
}
