package booking

import (
	"slices"
	"strings"

	"github.com/marqueehq/marquee/internal/booking/bookingdb"
	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

// seatShare is a seat's part of the booking's amounts.
type seatShare struct {
	row                      bookingdb.BookingBookingSeat
	fee, tax, discount, cost int64
}

// seatsCancel is a priced partial cancellation: the quote and each seat's
// shares.
type seatsCancel struct {
	quote  SeatsCancelQuote
	shares []seatShare
	n      int32 // the booking's n-th partial cancellation
}

// share is x * part / whole rounded half up (whole > 0).
func share(x, part, whole int64) int64 { return (2*x*part + whole) / (2 * whole) }

// chosenSeats cleans the buyer's seat names: upper case, no blanks, no
// repeats, in seat order.
func chosenSeats(chosen []string) []string {
	var want []string
	for _, c := range chosen {
		if c = strings.ToUpper(strings.TrimSpace(c)); c != "" && !slices.Contains(want, c) {
			want = append(want, c)
		}
	}
	slices.Sort(want)
	return want
}

// priceSeatsCancel checks the chosen seats against the booking's seats
// (live) and the chosen food against its food still to serve (lines), and
// prices their cancellation: each seat gives back what it cost less its
// share of the chain's fee, the shares of all partial cancellations of
// the booking adding up to the fee (the share of n seats out of the
// booking's original count, less what earlier cancellations kept); food
// gives back its price and tax, without a fee (cancel_food.go). Errors:
// ErrNothingToCancel (with the quote's deadlines and Allowed, whether
// anything may still be cancelled), validate.Errors (a seat not in the booking, a food
// line not in it or a quantity out of range).
func (s *Service) priceSeatsCancel(row bookingdb.BookingBooking, live []bookingdb.BookingBookingSeat,
	prior bookingdb.BookingSeatCancellationSummaryRow, d catalog.ShowDetail, chosen []string,
	lines []bookingdb.FoodCancellableLinesRow, food []FoodCancel,
) (seatsCancel, error) {
	window, fee := s.cancelPolicy(d.Chain)
	out := seatsCancel{n: prior.Cancellations + 1}
	q := &out.quote
	q.Deadline, q.Currency = d.StartsAt.Add(-window), row.Currency
	q.FoodDeadline = d.StartsAt.Add(-s.opts.FoodCutoff)
	now := s.opts.Now()
	confirmed := Status(row.Status) == Confirmed
	want := chosenSeats(chosen)
	if len(want) == 0 && len(food) == 0 {
		// The quote says whether anything may still be cancelled.
		q.Allowed = confirmed && (now.Before(q.Deadline) || now.Before(q.FoodDeadline))
		return out, ErrNothingToCancel
	}
	if err := s.priceFoodCancel(q, lines, food); err != nil {
		return out, err
	}
	q.Allowed = confirmed && (len(want) == 0 || now.Before(q.Deadline)) && (len(food) == 0 || now.Before(q.FoodDeadline))
	var subtotal, seatCost int64
	for _, st := range live {
		subtotal += st.PriceMinor
	}
	for _, seat := range want {
		i := slices.IndexFunc(live, func(st bookingdb.BookingBookingSeat) bool { return st.Seat == seat })
		if i < 0 {
			return out, validate.Errors{"seats": "Seat " + seat + " is not in this booking."}
		}
		sh := seatShare{row: live[i]}
		part, whole := live[i].PriceMinor, subtotal
		if whole == 0 { // free seats: shares by count
			part, whole = 1, int64(len(live))
		}
		sh.fee, sh.tax = share(row.FeeMinor, part, whole), share(row.TaxMinor, part, whole)
		sh.discount = share(row.DiscountMinor, part, whole)
		sh.cost = max(sh.row.PriceMinor+sh.fee+sh.tax-sh.discount, 0)
		out.shares = append(out.shares, sh)
		q.Seats = append(q.Seats, seat)
		seatCost += sh.cost
	}
	if len(want) == len(live) {
		// Every seat left: the whole booking, food included, on a whole
		// cancellation's terms (what is left of the payment, less the rest
		// of the fee).
		wq := s.quote(row, d, prior.CancelFeeMinor)
		q.Whole, q.Cost, q.Fee, q.Refund = true, wq.Fee+wq.Refund, wq.Fee, wq.Refund
		q.Food, q.FoodRefund = nil, 0
		q.Allowed = confirmed && now.Before(q.Deadline)
		return out, nil
	}
	if len(want) > 0 {
		// The booking's seats before any partial cancellation, and the share
		// of the fee this cancellation brings the kept total to.
		seats := int64(len(live)) + int64(prior.Seats)
		kept := share(fee, int64(prior.Seats)+int64(len(want)), seats) - prior.CancelFeeMinor
		q.Fee = min(max(kept, 0), seatCost)
	}
	q.Cost = seatCost + q.FoodRefund
	q.Refund = q.Cost - q.Fee
	return out, nil
}
