package booking

import (
	"context"
	"fmt"
	"time"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	views "github.com/marqueehq/marquee/web/templates/booking"
)

// SeatCancellation is one partial cancellation of a booking, for its
// history: when, which seats, what was refunded and what fee was kept.
type SeatCancellation struct {
	At     time.Time
	Seats  []string
	Refund int64
	Fee    int64
}

// seatCancellations lists the partial cancellations of booking id, oldest
// first (the caller has checked who may see the booking).
func (s *Service) seatCancellations(ctx context.Context, id int64) ([]SeatCancellation, error) {
	rows, err := s.q.BookingSeatCancellationList(ctx, s.pool, id)
	if err != nil {
		return nil, fmt.Errorf("partial cancellations of booking %d: %w", id, err)
	}
	var out []SeatCancellation
	var n int32
	for _, r := range rows {
		if len(out) == 0 || r.N != n {
			out, n = append(out, SeatCancellation{At: r.CancelledAt}), r.N
		}
		c := &out[len(out)-1]
		c.Seats = append(c.Seats, r.Seat)
		c.Refund += r.RefundMinor
		c.Fee += r.CancelFeeMinor
	}
	return out, nil
}

// seatCancellationViews is the booking page's list of booking id's
// partial cancellations, times in loc and money in currency.
func (h *Handler) seatCancellationViews(ctx context.Context, id int64, loc *time.Location, currency string) ([]views.SeatCancellationView, error) {
	list, err := h.svc.seatCancellations(ctx, id)
	if err != nil {
		return nil, err
	}
	out := make([]views.SeatCancellationView, len(list))
	for i, c := range list {
		out[i] = views.SeatCancellationView{At: i18n.LongDateTime(ctx, c.At.In(loc)), Seats: c.Seats,
			Refund: i18n.Money(ctx, c.Refund, currency), Fee: i18n.Money(ctx, c.Fee, currency)}
	}
	return out, nil
}
