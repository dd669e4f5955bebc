package booking

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	views "github.com/marqueehq/marquee/web/templates/booking"
)

// transfers lists the offers booking id sent and the one that gave it to
// its owner, oldest first, pending ones past their expiry read as expired.
// The caller has checked who may see the booking.
func (s *Service) transfers(ctx context.Context, id int64) ([]Transfer, error) {
	rows, err := s.q.TransferList(ctx, s.pool, id)
	if err != nil {
		return nil, fmt.Errorf("transfers of booking %d: %w", id, err)
	}
	now := s.opts.Now()
	out := make([]Transfer, len(rows))
	for i, r := range rows {
		out[i] = transferFromRow(r, now)
	}
	return out, nil
}

// transferExpiredEvents are booking id's offers that lapsed unanswered, as
// history steps at their expiry (nothing writes an event when an offer
// lapses, so staff history adds them here).
func (s *Service) transferExpiredEvents(ctx context.Context, id int64) ([]Event, error) {
	ts, err := s.transfers(ctx, id)
	if err != nil {
		return nil, err
	}
	var out []Event
	for _, t := range ts {
		if t.State == TransferExpired && t.BookingID == id {
			out = append(out, Event{At: t.ExpiresAt, Status: Confirmed,
				Note: fmt.Sprintf("offer of %s to %s expired unanswered", seatsNote(t.Seats), t.Email)})
		}
	}
	return out, nil
}

// withTransferEvents adds booking id's lapsed offers to its history evs,
// keeping it in time order.
func (s *Service) withTransferEvents(ctx context.Context, id int64, evs []Event) ([]Event, error) {
	more, err := s.transferExpiredEvents(ctx, id)
	if err != nil || len(more) == 0 {
		return evs, err
	}
	evs = append(evs, more...)
	slices.SortStableFunc(evs, func(a, b Event) int { return a.At.Compare(b.At) })
	return evs, nil
}

// transferHistory words booking co's offers for its page: to whom, which
// seats, when, and what became of each.
func (h *Handler) transferHistory(ctx context.Context, co Checkout) ([]views.TransferHistoryItem, error) {
	ts, err := h.svc.transfers(ctx, co.Booking.ID)
	if err != nil {
		return nil, err
	}
	loc := co.Show.Theater.Location()
	var out []views.TransferHistoryItem
	for _, t := range ts {
		seats := i18n.T(ctx, "all the tickets")
		if len(t.Seats) > 0 {
			seats = i18n.T(ctx, "seats {{.Seats}}", "Seats", strings.Join(t.Seats, ", "))
		}
		if t.BookingID != co.Booking.ID {
			out = append(out, views.TransferHistoryItem{When: i18n.DayTime(ctx, decided(t).In(loc)),
				Text: i18n.T(ctx, "You accepted {{.Seats}} sent to {{.Email}}.", "Seats", seats, "Email", t.Email)})
			continue
		}
		item := views.TransferHistoryItem{When: i18n.DayTime(ctx, t.CreatedAt.In(loc))}
		switch t.State {
		case TransferAccepted:
			item.Text = i18n.T(ctx, "{{.Seats}} offered to {{.Email}}: accepted {{.When}}.", "Seats", seats, "Email", t.Email,
				"When", i18n.DayTime(ctx, decided(t).In(loc)))
		case TransferCancelled:
			item.Text = i18n.T(ctx, "{{.Seats}} offered to {{.Email}}: cancelled {{.When}}.", "Seats", seats, "Email", t.Email,
				"When", i18n.DayTime(ctx, decided(t).In(loc)))
		case TransferExpired:
			item.Text = i18n.T(ctx, "{{.Seats}} offered to {{.Email}}: expired {{.When}}.", "Seats", seats, "Email", t.Email,
				"When", i18n.DayTime(ctx, t.ExpiresAt.In(loc)))
		default:
			item.Text = i18n.T(ctx, "{{.Seats}} offered to {{.Email}}: waiting for them until {{.When}}.", "Seats", seats,
				"Email", t.Email, "When", i18n.DayTime(ctx, t.ExpiresAt.In(loc)))
		}
		out = append(out, item)
	}
	return out, nil
}

// decided is when offer t was decided (its expiry when it lapsed unmarked).
func decided(t Transfer) time.Time {
	if t.DecidedAt != nil && t.State != TransferExpired {
		return *t.DecidedAt
	}
	return t.ExpiresAt
}
