package check

import (
	"fmt"
	"strings"
	"time"

	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/payments"
)

// money compares bookings with their payments and refunds. Payments that
// changed after settled (now minus the grace) may still be on their way to
// agreeing with their booking and are left alone.
func money(bookings []booking.BookingFact, pays []payments.PaymentFact, settled time.Time) []Finding {
	byBooking := map[int64][]payments.PaymentFact{}
	for _, p := range pays {
		byBooking[p.BookingID] = append(byBooking[p.BookingID], p)
	}
	known := map[int64]booking.BookingFact{}
	var out []Finding
	for _, b := range bookings {
		known[b.ID] = b
		// A counter sale is paid at the counter (its till records how):
		// it has no payment, and its seats are checked like any other.
		kept := keptPayments(byBooking[b.ID])
		if b.Status == booking.Confirmed && b.TotalMinor > 0 && !b.Counter && b.UpdatedAt.Before(settled) && !paidInFull(b, kept) {
			out = append(out, Finding{ConfirmedIsPaid, fmt.Sprintf("booking %d (%d %s) has no succeeded payment of that amount",
				b.ID, b.TotalMinor, b.Currency)})
		}
		if settledCount(kept, settled) > 1 {
			out = append(out, Finding{PaidOnce, fmt.Sprintf("booking %d has %d payments that kept the money", b.ID, len(kept))})
		}
	}
	for _, p := range pays {
		if p.RefundsMinor > p.AmountMinor || p.RefundedMinor > p.AmountMinor {
			out = append(out, Finding{RefundsWithinPaid, fmt.Sprintf("payment %d of %d %s: %d refunded, %d asked for",
				p.ID, p.AmountMinor, p.Currency, p.RefundedMinor, p.RefundsMinor)})
		}
		if !keeps(p) || !p.UpdatedAt.Before(settled) {
			continue
		}
		b, ok := known[p.BookingID]
		switch {
		case !ok:
			out = append(out, Finding{PaidIsConfirmed, fmt.Sprintf("payment %d (%s) is for booking %d, which does not exist",
				p.ID, p.State, p.BookingID)})
		case p.State == payments.Succeeded && b.Status != booking.Confirmed && b.Status != booking.Refunded,
			p.State == payments.PartiallyRefunded && b.Status != booking.Confirmed && b.Status != booking.Cancelled && b.Status != booking.Refunded:
			out = append(out, Finding{PaidIsConfirmed, fmt.Sprintf("payment %d (%s) but booking %d is %s",
				p.ID, p.State, p.BookingID, b.Status)})
		}
	}
	return out
}

// keeps reports whether p took money and still keeps some of it.
func keeps(p payments.PaymentFact) bool {
	return p.State == payments.Succeeded || p.State == payments.PartiallyRefunded
}

func keptPayments(ps []payments.PaymentFact) []payments.PaymentFact {
	var out []payments.PaymentFact
	for _, p := range ps {
		if keeps(p) {
			out = append(out, p)
		}
	}
	return out
}

// settledCount counts the payments that have not changed within the grace
// (a duplicate charge being refunded automatically is not yet a finding).
func settledCount(ps []payments.PaymentFact, settled time.Time) int {
	n := 0
	for _, p := range ps {
		if p.UpdatedAt.Before(settled) {
			n++
		}
	}
	return n
}

func paidInFull(b booking.BookingFact, kept []payments.PaymentFact) bool {
	for _, p := range kept {
		if p.AmountMinor == b.TotalMinor && strings.EqualFold(p.Currency, b.Currency) {
			return true
		}
	}
	return false
}
