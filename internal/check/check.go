// Package check is the invariant checker behind `server check`: it reads
// what booking, payments and notify record, each through its module's own
// read-only Audit, and reports every place where seats, bookings,
// payments, refunds and messages disagree. Fault tests run it at the end;
// admins run it on a live site (it takes no locks).
package check

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/notify"
	"github.com/marqueehq/marquee/internal/payments"
)

// The invariants, as findings name them.
const (
	SeatSoldTwice     = "seat sold twice"
	SeatMapAgrees     = "seat map agrees with bookings"
	ConfirmedIsPaid   = "confirmed booking is paid in full"
	PaidIsConfirmed   = "paid payment has a confirmed booking"
	PaidOnce          = "booking paid once"
	RefundsWithinPaid = "refunds never exceed the payment"
	MessageOnce       = "message sent once per booking event"
)

// Invariants lists every invariant Run checks, in report order.
var Invariants = []string{SeatSoldTwice, SeatMapAgrees, ConfirmedIsPaid, PaidIsConfirmed, PaidOnce,
	RefundsWithinPaid, MessageOnce}

// DefaultGrace is how long a payment may be ahead of its booking (a
// webhook on its way, a refund being retried) before it counts as broken.
const DefaultGrace = 15 * time.Minute

// Options tune a check; the zero value is the production check.
type Options struct {
	// Grace is DefaultGrace when zero.
	Grace time.Duration
	// Now is time.Now when nil.
	Now func() time.Time
}

// Finding is one broken invariant.
type Finding struct {
	Invariant string
	Detail    string
}

func (f Finding) String() string { return f.Invariant + ": " + f.Detail }

// Run checks every invariant against the database behind pool and returns
// what is broken; no findings means the data is consistent. The error is
// only for a database that could not be read.
func Run(ctx context.Context, pool *pgxpool.Pool, o Options) ([]Finding, error) {
	if o.Grace <= 0 {
		o.Grace = DefaultGrace
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	seats, bookings, err := booking.Audit(ctx, pool)
	if err != nil {
		return nil, fmt.Errorf("check bookings: %w", err)
	}
	pays, err := payments.Audit(ctx, pool)
	if err != nil {
		return nil, fmt.Errorf("check payments: %w", err)
	}
	dups, err := notify.Audit(ctx, pool)
	if err != nil {
		return nil, fmt.Errorf("check messages: %w", err)
	}
	var out []Finding
	for _, s := range seats {
		inv := SeatMapAgrees
		if s.SoldTwice {
			inv = SeatSoldTwice
		}
		out = append(out, Finding{inv, fmt.Sprintf("show %d seat %s: %s", s.ShowID, s.Seat, s.Detail)})
	}
	out = append(out, money(bookings, pays, o.Now().Add(-o.Grace))...)
	for _, d := range dups {
		if d.MessageID != 0 {
			out = append(out, Finding{MessageOnce, fmt.Sprintf("message %d (%s) sent %d times by %s", d.MessageID, d.Kind, d.Count, d.Channel)})
			continue
		}
		out = append(out, Finding{MessageOnce, fmt.Sprintf("booking %d: %d %s messages", d.BookingID, d.Count, d.Kind)})
	}
	return out, nil
}

// Print writes a report of findings to w: one line per finding, then a
// summary line.
func Print(w io.Writer, findings []Finding) {
	for _, f := range findings {
		fmt.Fprintln(w, f)
	}
	if len(findings) == 0 {
		fmt.Fprintf(w, "check: %d invariants hold (%s)\n", len(Invariants), strings.Join(Invariants, "; "))
		return
	}
	fmt.Fprintf(w, "check: %d findings\n", len(findings))
}
