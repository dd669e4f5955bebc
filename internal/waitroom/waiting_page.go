package waitroom

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/web"
	views "github.com/marqueehq/marquee/web/templates/waitroom"
)

// waitingPage is GET /waiting/:id?next=/shows/12/seats: the buyer's place
// in the queue (taken now if they have none), live while the page is open,
// or straight on to next once they are admitted.
// Errors: ErrNotFound.
func (h *Handler) waitingPage(c echo.Context) error {
	id, err := roomID(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	next := cmp.Or(web.LocalPath(c.QueryParam("next")), "/")
	p, err := h.svc.Join(ctx, id, web.UserID(c))
	if err != nil {
		return err
	}
	if p.Admitted {
		return web.Redirect(c, next)
	}
	room, err := h.svc.Room(ctx, id)
	if err != nil {
		return err
	}
	loc := room.Location()
	props := views.WaitingProps{Label: room.Label, Next: next, Position: positionText(p.Position), Wait: waitText(p.Wait),
		Rate: strconv.Itoa(room.Rate), Events: fmt.Sprintf("/waiting/%d/events?t=%s", id, url.QueryEscape(p.Token)),
		Pass: fmt.Sprintf("%d minutes", int(h.svc.opts.Pass/time.Minute))}
	if now := h.svc.opts.Now(); now.Before(room.OnSaleAt) {
		props.OnSale = room.OnSaleAt.In(loc).Format("Mon 2 Jan, 15:04 MST")
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return web.Render(c, http.StatusOK, views.Waiting(props))
}

// placeEvent is the data of an event "place" on the waiting page's stream.
type placeEvent struct {
	Admitted bool   `json:"admitted"`
	Position string `json:"position"`
	Wait     string `json:"wait"`
}

// waitingTick is how often the waiting page hears where it stands.
const waitingTick = time.Second

// waitingEvents is GET /waiting/:id/events?t=token: an event "place" with
// the buyer's position and wait now and whenever they change, up to the
// event that says they are admitted, which ends the stream. The signed
// token says whose place it is, so the stream reads no session and no row
// of its own (all open pages of a room share one read a second).
// Errors: ErrInvalid for a bad token (400), ErrNotFound.
func (h *Handler) waitingEvents(c echo.Context) error {
	ctx := c.Request().Context()
	first, err := h.svc.PlaceOf(ctx, c.QueryParam("t"))
	if errors.Is(err, ErrInvalid) {
		return echo.NewHTTPError(http.StatusBadRequest, "That link to a place in the queue is not valid.")
	}
	if err != nil {
		return err
	}
	w := c.Response()
	rc := http.NewResponseController(w)
	// The server's write timeout is for pages; a stream lives as long as the page.
	if err := rc.SetWriteDeadline(time.Time{}); err != nil && !errors.Is(err, http.ErrNotSupported) {
		return fmt.Errorf("clear write deadline: %w", err)
	}
	w.Header().Set(echo.HeaderContentType, "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	var last string
	send := func(p Place) bool {
		b, _ := json.Marshal(placeEvent{Admitted: p.Admitted, Position: positionText(p.Position), Wait: waitText(p.Wait)})
		frame := "event: place\ndata: " + string(b) + "\n\n"
		if frame == last {
			frame = ": tick\n\n" // unchanged: keep the connection warm
		} else {
			last = frame
		}
		if _, err := w.Write([]byte(frame)); err != nil {
			return false
		}
		return rc.Flush() == nil
	}
	if _, err := w.Write([]byte("retry: 2000\n\n")); err != nil || !send(first) || first.Admitted {
		return nil
	}
	tick := time.NewTicker(waitingTick)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-tick.C:
		}
		p, err := h.svc.PlaceOf(ctx, first.Token)
		if err != nil {
			return nil // the room went away: the page's own refresh says so
		}
		if !send(p) || p.Admitted {
			return nil
		}
	}
}

// positionText is a position with thousands separated ("1,234").
func positionText(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// waitText says how long, roughly, for people ("about 4 minutes").
func waitText(d time.Duration) string {
	switch {
	case d < 45*time.Second:
		return "less than a minute"
	case d < 90*time.Second:
		return "about a minute"
	case d < time.Hour:
		return fmt.Sprintf("about %d minutes", int((d+30*time.Second)/time.Minute))
	}
	h, m := int(d/time.Hour), int((d%time.Hour+30*time.Second)/time.Minute)
	if m == 60 {
		h, m = h+1, 0
	}
	out := "about 1 hour"
	if h > 1 {
		out = fmt.Sprintf("about %d hours", h)
	}
	if m > 0 {
		out += fmt.Sprintf(" %d minutes", m)
	}
	return out
}
