package booking

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
)

// apiEventsFor is how long one booking status stream stays open: event
// streams have no request deadline of their own, so this is theirs. An
// app still waiting reconnects (the retry field) or polls.
const apiEventsFor = 10 * time.Minute

// apiEventsRecheck is how often a stream reads the booking without being
// told of a change: starting a payment changes no seat, so nothing is
// announced for it, and a process not listening (Live not running) hears
// of nothing at all.
const apiEventsRecheck = 3 * time.Second

// apiBookingEvent is the data of a "status" event.
type apiBookingEvent struct {
	BookingID     int64  `json:"booking_id"`
	Status        Status `json:"status"`
	HoldExpiresAt string `json:"hold_expires_at"`
	// Final is true for the last event: the stream ends after it.
	Final bool `json:"final"`
}

// apiStatusFinal reports whether a booking's purchase is over, one way or
// the other, so its status stream has nothing more to say.
func apiStatusFinal(st Status) bool {
	return st != Held && st != PendingPayment
}

// apiBookingEvents is GET /api/v1/bookings/:id/events: server-sent events
// named "status" carrying the caller's booking status, once at once and
// again on every change (held, pending_payment, then confirmed,
// payment_failed, expired or cancelled), ending after a final status or
// after apiEventsFor. Changes are heard through the live seat maps'
// LISTEN/NOTIFY hub (confirmation, a failed payment, expiry and
// cancellation all announce their show's seats), with a slow re-read for
// the start of payment, which changes no seat. A hold that ran out reads
// as expired at once, before the sweeper frees its seats.
// Errors: ErrNotFound (also for another user's booking, before the stream
// starts).
func (h *Handler) apiBookingEvents(c echo.Context) error {
	id, err := apiID(c)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(c.Request().Context(), apiEventsFor)
	defer cancel()
	uid := h.apiBuyer(c, id)
	b, err := h.svc.Booking(ctx, uid, id)
	if err != nil {
		return err
	}
	// Subscribe before reading again, so a change between the two is not
	// missed.
	var updates <-chan []byte
	if h.opts.Live != nil {
		var stop func()
		updates, stop = h.opts.Live.subscribe(b.ShowID)
		defer stop()
	}
	if b, err = h.svc.Booking(ctx, uid, id); err != nil {
		return err
	}
	w := c.Response()
	rc := http.NewResponseController(w)
	if err := rc.SetWriteDeadline(time.Time{}); err != nil && !errors.Is(err, http.ErrNotSupported) {
		return fmt.Errorf("clear write deadline: %w", err)
	}
	hd := w.Header()
	hd.Set(echo.HeaderContentType, "text/event-stream")
	hd.Set("Cache-Control", "no-store")
	hd.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	send := func(frame string) bool {
		if _, err := w.Write([]byte(frame)); err != nil {
			return false
		}
		return rc.Flush() == nil
	}
	sent := Status("")
	// emit sends b's status if it changed and says whether to go on.
	emit := func(b Booking) bool {
		ev := apiBookingEvent{BookingID: b.ID, Status: h.apiLiveStatus(b), HoldExpiresAt: apiTime(b.HoldExpiresAt)}
		ev.Final = apiStatusFinal(ev.Status)
		if ev.Status == sent {
			return true
		}
		sent = ev.Status
		data, _ := json.Marshal(ev) // plain strings and numbers
		return send("event: status\ndata: "+string(data)+"\n\n") && !ev.Final
	}
	if !send("retry: 3000\n\n") || !emit(b) {
		return nil
	}
	recheck := time.NewTicker(apiEventsRecheck)
	defer recheck.Stop()
	beat := time.NewTicker(liveHeartbeat)
	defer beat.Stop()
	// The hold running out is a change too, announced by nobody at the
	// moment it happens.
	ranOut := time.NewTimer(max(time.Until(b.HoldExpiresAt), 0) + 10*time.Millisecond)
	defer ranOut.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-beat.C:
			if !send(": keep-alive\n\n") {
				return nil
			}
			continue
		case <-updates:
		case <-recheck.C:
		case <-ranOut.C:
		}
		if b, err = h.svc.Booking(ctx, uid, id); err != nil {
			return nil // the stream has started: a read that fails ends it, and the app reconnects or polls
		}
		if !emit(b) {
			return nil
		}
	}
}

// apiLiveStatus is b's status as its buyer should see it now: a hold that
// ran out is expired, even before the sweeper has marked it.
func (h *Handler) apiLiveStatus(b Booking) Status {
	if b.Status == Held && !h.svc.checkoutOpen(b.Status, b.HoldExpiresAt) {
		return Expired
	}
	return b.Status
}
