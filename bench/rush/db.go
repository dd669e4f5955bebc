package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// show is the hot show of the rush.
type show struct {
	id                     int64
	title, theater, screen string
	startsAt               time.Time
}

// findShow reads the show from the catalogue's tables: -show, or the first
// scheduled show of -screen in -city that starts in more than an hour (it
// stays on sale through the run).
func findShow(ctx context.Context, pool *pgxpool.Pool, cfg config) (show, error) {
	var s show
	err := pool.QueryRow(ctx, `
		SELECT s.id, m.title, t.name, sc.name, s.starts_at
		FROM catalog.shows s
		JOIN catalog.movies m ON m.id = s.movie_id
		JOIN catalog.screens sc ON sc.id = s.screen_id
		JOIN catalog.theaters t ON t.id = s.theater_id
		WHERE CASE WHEN $1::bigint > 0 THEN s.id = $1
		           ELSE t.city_slug = $2 AND sc.name = $3 AND s.status = 'scheduled' AND s.starts_at > now() + interval '1 hour' END
		ORDER BY s.starts_at, s.id
		LIMIT 1`, cfg.showID, cfg.city, cfg.screen).Scan(&s.id, &s.title, &s.theater, &s.screen, &s.startsAt)
	if errors.Is(err, pgx.ErrNoRows) {
		if cfg.showID > 0 {
			return show{}, fmt.Errorf("no show %d", cfg.showID)
		}
		return show{}, fmt.Errorf("no show on a screen called %q in %s starting in more than an hour (is the demo data loaded?)", cfg.screen, cfg.city)
	}
	if err != nil {
		return show{}, fmt.Errorf("find the show: %w", err)
	}
	return s, nil
}

// invariants is what the database says after the run.
type invariants struct {
	oversold        int // seats sold twice, or sold seats their seat row does not point back to
	confirmedUnpaid int // confirmed bookings (not free) without a succeeded payment
	paidUnconfirmed int // succeeded payments whose booking is neither confirmed nor refunded, nor being refunded
	unsettled       int // payments still processing and events not applied when the check ran
}

// settleTimeout bounds the wait for background work (events, refunds)
// before the invariants are checked.
const settleTimeout = 30 * time.Second

// checkInvariants waits until the show's payments have settled (or
// settleTimeout passed), prints the show's bookings and payments by state,
// and checks the invariants. Reads across schemas are fine here: this is
// an auditor, not the application.
func checkInvariants(ctx context.Context, pool *pgxpool.Pool, showID int64, out io.Writer) (invariants, error) {
	var inv invariants
	for deadline := time.Now().Add(settleTimeout); ; {
		err := pool.QueryRow(ctx, `
			SELECT (SELECT count(*) FROM payments.payments p JOIN booking.bookings b ON b.id = p.booking_id
			        WHERE b.show_id = $1 AND p.state = 'processing')
			     + (SELECT count(*) FROM payments.events WHERE applied_at IS NULL)`, showID).Scan(&inv.unsettled)
		if err != nil {
			return inv, fmt.Errorf("settle check: %w", err)
		}
		if inv.unsettled == 0 || time.Now().After(deadline) {
			break
		}
		time.Sleep(250 * time.Millisecond)
	}
	var bookings, payments string
	err := pool.QueryRow(ctx, `
		SELECT coalesce((SELECT string_agg(status || '=' || n, ' ' ORDER BY status)
		                 FROM (SELECT status, count(*) n FROM booking.bookings WHERE show_id = $1 GROUP BY status) s), ''),
		       coalesce((SELECT string_agg(state || '=' || n, ' ' ORDER BY state)
		                 FROM (SELECT p.state, count(*) n FROM payments.payments p JOIN booking.bookings b ON b.id = p.booking_id
		                       WHERE b.show_id = $1 GROUP BY p.state) s), '')`, showID).Scan(&bookings, &payments)
	if err != nil {
		return inv, fmt.Errorf("count bookings and payments: %w", err)
	}
	fmt.Fprintf(out, "database: bookings %s; payments %s; unsettled %d\n", bookings, payments, inv.unsettled)
	err = pool.QueryRow(ctx, `
		SELECT
		  (SELECT count(*) FROM (SELECT bs.seat FROM booking.booking_seats bs JOIN booking.bookings b ON b.id = bs.booking_id
		                         WHERE bs.show_id = $1 AND b.status = 'confirmed' GROUP BY bs.seat HAVING count(*) > 1) twice)
		+ (SELECT count(*) FROM (SELECT seat FROM booking.booking_seats WHERE show_id = $1 AND live
		                         GROUP BY seat HAVING count(*) > 1) live_twice)
		+ (SELECT count(*) FROM booking.booking_seats bs JOIN booking.bookings b ON b.id = bs.booking_id
		   WHERE bs.show_id = $1 AND b.status = 'confirmed' AND NOT EXISTS (
		     SELECT 1 FROM booking.show_seats ss WHERE ss.show_id = bs.show_id AND ss.seat = bs.seat
		       AND ss.state = 'booked' AND ss.booking_id = b.id)),
		  (SELECT count(*) FROM booking.bookings b WHERE b.show_id = $1 AND b.status = 'confirmed' AND b.total_minor > 0
		   AND NOT EXISTS (SELECT 1 FROM payments.payments p WHERE p.booking_id = b.id AND p.state IN ('succeeded', 'partially_refunded'))),
		  (SELECT count(*) FROM payments.payments p JOIN booking.bookings b ON b.id = p.booking_id
		   WHERE b.show_id = $1 AND p.state IN ('succeeded', 'partially_refunded') AND b.status NOT IN ('confirmed', 'refunded')
		   AND NOT EXISTS (SELECT 1 FROM payments.refunds r WHERE r.payment_id = p.id))`,
		showID).Scan(&inv.oversold, &inv.confirmedUnpaid, &inv.paidUnconfirmed)
	if err != nil {
		return inv, fmt.Errorf("invariants: %w", err)
	}
	return inv, nil
}

// burstPayment reads what a provider event about the payment carries.
func burstPayment(ctx context.Context, pool *pgxpool.Pool, paymentID int64) (intentID string, bookingID, amount int64, currency string, err error) {
	err = pool.QueryRow(ctx, `SELECT coalesce(provider_id, ''), booking_id, amount_minor, currency FROM payments.payments WHERE id = $1`,
		paymentID).Scan(&intentID, &bookingID, &amount, &currency)
	if err != nil {
		return "", 0, 0, "", fmt.Errorf("payment %d: %w", paymentID, err)
	}
	return intentID, bookingID, amount, currency, nil
}

// anyPayment is the show's first payment with a provider intent, one
// still waiting for a card if there is one.
func anyPayment(ctx context.Context, pool *pgxpool.Pool, showID int64) (int64, error) {
	var id int64
	err := pool.QueryRow(ctx, `
		SELECT p.id FROM payments.payments p JOIN booking.bookings b ON b.id = p.booking_id
		WHERE b.show_id = $1 AND p.provider_id IS NOT NULL
		ORDER BY p.state <> 'requires_payment', p.id LIMIT 1`, showID).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("a payment for the webhook burst: %w", err)
	}
	return id, nil
}

// burstOutcome says whether the burst's payment ended paid with its
// booking confirmed, and how many of its events were stored.
func burstOutcome(ctx context.Context, pool *pgxpool.Pool, paymentID int64, intentID string) (confirmed bool, stored int, err error) {
	err = pool.QueryRow(ctx, `
		SELECT p.state = 'succeeded' AND b.status = 'confirmed',
		       (SELECT count(*) FROM payments.events e WHERE e.object_id = $2 AND e.event_id LIKE 'evt_rush_%')
		FROM payments.payments p JOIN booking.bookings b ON b.id = p.booking_id WHERE p.id = $1`,
		paymentID, intentID).Scan(&confirmed, &stored)
	if err != nil {
		return false, 0, fmt.Errorf("burst outcome of payment %d: %w", paymentID, err)
	}
	return confirmed, stored, nil
}
