package booking

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	views "github.com/marqueehq/marquee/web/templates/booking"
)

// SeatCancellation is one partial cancellation of a booking, for its
// history: when, which seats and food ("2 × Nachos"), what was refunded
// and what fee was kept.
type SeatCancellation struct {
	N      int32
	At     time.Time
	Seats  []string
	Food   []string
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
	food, err := s.q.BookingItemCancellationList(ctx, s.pool, id)
	if err != nil {
		return nil, fmt.Errorf("food cancelled from booking %d: %w", id, err)
	}
	var out []SeatCancellation
	// at finds (or adds) cancellation n, which took seats or food or both.
	at := func(n int32, when time.Time) *SeatCancellation {
		i := slices.IndexFunc(out, func(c SeatCancellation) bool { return c.N == n })
		if i < 0 {
			out, i = append(out, SeatCancellation{N: n, At: when}), len(out)
		}
		return &out[i]
	}
	for _, r := range rows {
		c := at(r.N, r.CancelledAt)
		c.Seats = append(c.Seats, r.Seat)
		c.Refund += r.RefundMinor
		c.Fee += r.CancelFeeMinor
	}
	for _, r := range food {
		c := at(r.N, r.CancelledAt)
		title := FoodLine{Name: r.Name, Variant: r.Variant, Options: r.Options}.Title()
		c.Food = append(c.Food, strconv.Itoa(int(r.Qty))+" × "+title)
		c.Refund += r.RefundMinor
	}
	slices.SortFunc(out, func(a, b SeatCancellation) int { return int(a.N - b.N) })
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
		out[i] = views.SeatCancellationView{At: i18n.LongDateTime(ctx, c.At.In(loc)), Seats: c.Seats, Food: c.Food,
			Refund: i18n.Money(ctx, c.Refund, currency), Fee: i18n.Money(ctx, c.Fee, currency)}
	}
	return out, nil
}
