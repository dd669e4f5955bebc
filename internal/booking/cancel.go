package booking

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/booking/bookingdb"
	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/payments"
	"github.com/marqueehq/marquee/internal/platform/money"
	"github.com/marqueehq/marquee/internal/platform/pg"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

// Cancellation errors. Their messages are written for buyers.
var (
	// ErrCancelClosed: the show starts too soon to cancel online.
	ErrCancelClosed = errors.New("this booking can no longer be cancelled online: the show starts too soon")
	// ErrNotCancellable: the booking is not active (already cancelled,
	// refunded or expired), so there is nothing to cancel.
	ErrNotCancellable = errors.New("this booking is no longer active, so there is nothing to cancel")
)

// CancelQuote is what cancelling a booking now would mean for its buyer.
type CancelQuote struct {
	// Allowed is true while the cancellation window is open.
	Allowed bool
	// Deadline is the last moment the buyer may cancel online.
	Deadline time.Time
	Fee      int64
	Refund   int64
	Currency string
}

// cancelPolicy is the cancellation window and fee of a chain's bookings:
// the chain's own where it sets them, the site's (Options) otherwise.
func (s *Service) cancelPolicy(c catalog.Chain) (window time.Duration, fee int64) {
	window, fee = s.opts.CancelWindow, s.opts.CancelFee
	if c.Policy.CancelWindow != nil {
		window = *c.Policy.CancelWindow
	}
	if c.Policy.CancelFee != nil {
		fee = *c.Policy.CancelFee
	}
	return window, fee
}

// quote applies the cancellation policy of the show's chain to a
// confirmed booking of show d, of which partial cancellations already kept
// kept of the fee. The chain's fee is kept once over the booking: Fee is
// the rest of it, and Refund what is left of the payment (the total, which
// their refunds lowered and which still holds what they kept) less kept
// and Fee.
func (s *Service) quote(row bookingdb.BookingBooking, d catalog.ShowDetail, kept int64) CancelQuote {
	window, fee := s.cancelPolicy(d.Chain)
	q := CancelQuote{Deadline: d.StartsAt.Add(-window), Currency: row.Currency}
	q.Allowed = Status(row.Status) == Confirmed && s.opts.Now().Before(q.Deadline)
	left := max(row.TotalMinor-kept, 0)
	q.Fee = min(max(fee-kept, 0), left)
	q.Refund = left - q.Fee
	return q
}

// CancelQuote says whether userID may cancel booking id now and what they
// would get back. Errors: ErrNotFound.
func (s *Service) CancelQuote(ctx context.Context, userID, id int64) (CancelQuote, error) {
	row, err := s.q.BookingGet(ctx, s.pool, id)
	if errors.Is(err, pgx.ErrNoRows) || (err == nil && !ownedBy(row.UserID, userID)) {
		return CancelQuote{}, fmt.Errorf("booking %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return CancelQuote{}, fmt.Errorf("get booking %d: %w", id, err)
	}
	d, err := s.shows.ShowDetail(ctx, row.ShowID)
	if err != nil {
		return CancelQuote{}, fmt.Errorf("show of booking %d: %w", id, err)
	}
	prior, err := s.q.BookingSeatCancellationSummary(ctx, s.pool, id)
	if err != nil {
		return CancelQuote{}, fmt.Errorf("cancellations of booking %d: %w", id, err)
	}
	return s.quote(row, d, prior.CancelFeeMinor), nil
}

// Cancel cancels a buyer's confirmed booking within the cancellation
// window: the seats are on sale again at once, the refund (the total less
// the cancellation fee) is requested, and the buyer is told. Errors:
// ErrNotFound (not theirs), ErrNotCancellable, ErrCancelClosed.
func (s *Service) Cancel(ctx context.Context, userID, id int64) (Booking, error) {
	if userID == 0 {
		// Nobody: a buyer's cancel always names its buyer (0 would skip
		// the owner check, which is for the cinema's cancels).
		return Booking{}, fmt.Errorf("booking %d: %w", id, ErrNotFound)
	}
	return s.cancel(ctx, cancelRequest{id: id, userID: userID, reason: "Cancelled by you",
		refund: func(row bookingdb.BookingBooking, d catalog.ShowDetail, kept int64) (int64, error) {
			if Status(row.Status) != Confirmed {
				return 0, ErrNotCancellable
			}
			q := s.quote(row, d, kept)
			if !q.Allowed {
				return 0, ErrCancelClosed
			}
			return q.Refund, nil
		}})
}

// CancelByStaff cancels any live booking and refunds amount of what was
// paid (minor units, from 0 to the total). Errors: ErrNotFound,
// ErrNotCancellable, ErrInvalid (an amount out of range).
func (s *Service) CancelByStaff(ctx context.Context, id, amount int64, reason string) (Booking, error) {
	return s.CancelByStaffMember(ctx, 0, id, amount, reason)
}

// CancelByStaffMember is CancelByStaff by staff member staffID: a counter
// sale's refund is paid from their open till (recorded there, in the way
// the sale was paid), never through a payment provider. Errors: those of
// CancelByStaff, and ErrNoOpenTill (a counter sale to refund, no till open).
func (s *Service) CancelByStaffMember(ctx context.Context, staffID, id, amount int64, reason string) (Booking, error) {
	if reason == "" {
		reason = "Cancelled by the cinema"
	}
	return s.cancel(ctx, cancelRequest{id: id, reason: reason, staffID: staffID,
		refund: func(row bookingdb.BookingBooking, _ catalog.ShowDetail, _ int64) (int64, error) {
			if Status(row.Status) != Confirmed {
				return 0, nil // nothing was paid
			}
			if amount < 0 || amount > row.TotalMinor {
				return 0, validate.Errors{"refund": "Enter a refund from 0 to " + money.Format(row.TotalMinor, row.Currency) + "."}
			}
			return amount, nil
		}})
}

// cancelRequest says which booking to cancel, for whom and how much goes
// back: refund decides (and may refuse) given the locked booking and the
// cancellation fee its partial cancellations already kept.
type cancelRequest struct {
	id       int64
	userID   int64 // the buyer; 0 for staff and the cinema
	reason   string
	byCinema bool
	// staffID is the staff member cancelling (0: none), whose open till
	// refunds a counter sale.
	staffID int64
	refund  func(row bookingdb.BookingBooking, d catalog.ShowDetail, kept int64) (int64, error)
}

// cancel locks the booking (seats first, as everywhere), cancels it, frees
// its seats, asks for the refund and queues the messages, in one
// transaction: a confirmation racing it either lands first (and is
// refunded) or finds the booking cancelled (and its payment is refunded).
func (s *Service) cancel(ctx context.Context, r cancelRequest) (Booking, error) {
	var out bookingdb.BookingBooking
	err := pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		b, err := s.lockBooking(ctx, tx, r.id)
		if errors.Is(err, pgx.ErrNoRows) || (err == nil && r.userID != 0 && !ownedBy(b.UserID, r.userID)) {
			return ErrNotFound
		}
		if err != nil {
			return fmt.Errorf("lock booking: %w", err)
		}
		// A food order is cancelled with its booking, never alone.
		if addon, err := s.isFoodAddon(ctx, tx, b.ID); err != nil {
			return err
		} else if addon {
			return ErrNotFound
		}
		switch Status(b.Status) {
		case Held, PendingPayment, PaymentFailed, Confirmed:
		default:
			return ErrNotCancellable
		}
		d, err := s.showTx(ctx, tx, b.ShowID)
		if err != nil {
			return fmt.Errorf("show of booking: %w", err)
		}
		prior, err := s.q.BookingSeatCancellationSummary(ctx, tx, b.ID)
		if err != nil {
			return fmt.Errorf("partial cancellations: %w", err)
		}
		refund, err := r.refund(b, d, prior.CancelFeeMinor)
		if err != nil {
			return err
		}
		wasPaid := Status(b.Status) == Confirmed
		if out, err = s.q.BookingCancel(ctx, tx, bookingdb.BookingCancelParams{ID: b.ID, Refund: refund, Reason: r.reason}); err != nil {
			return fmt.Errorf("cancel: %w", err)
		}
		if _, err := s.q.ShowSeatFree(ctx, tx, &b.ID); err != nil {
			return fmt.Errorf("free seats: %w", err)
		}
		if err := s.q.BookingSeatRetire(ctx, tx, []int64{b.ID}); err != nil {
			return fmt.Errorf("retire seats: %w", err)
		}
		// The food's money is in the total refunded above; uncollected
		// items go back into stock.
		if err := s.refundFood(ctx, tx, b.ID, wasPaid); err != nil {
			return err
		}
		// Food added since: each order refunded from its own payment.
		if err := s.cancelFoodAddons(ctx, tx, b, refund, r.reason); err != nil {
			return err
		}
		note := r.reason
		if wasPaid {
			note += "; refund " + money.Format(refund, b.Currency)
		}
		if err := s.q.BookingEventInsert(ctx, tx, bookingdb.BookingEventInsertParams{BookingID: b.ID,
			Status: string(Cancelled), Note: note}); err != nil {
			return fmt.Errorf("record event: %w", err)
		}
		if wasPaid && refund > 0 && b.Channel == channelCounter {
			// Paid at the counter: given back at the counter, never by a provider.
			if err := s.refundAtCounter(ctx, tx, r.staffID, b, refund); err != nil {
				return err
			}
		} else if wasPaid && refund > 0 && s.opts.Refunds != nil {
			if err := s.opts.Refunds.Refund(ctx, tx, payments.RefundRequest{BookingID: b.ID, Amount: refund, Reason: r.reason,
				Key: "cancel:" + strconv.FormatInt(b.ID, 10)}); err != nil {
				return fmt.Errorf("request refund: %w", err)
			}
		}
		if err := s.cancelled(ctx, tx, out, d, r.byCinema, wasPaid); err != nil {
			return err
		}
		return s.announceFreed(ctx, tx, b.ShowID)
	})
	if err != nil {
		return Booking{}, fmt.Errorf("cancel booking %d: %w", r.id, err)
	}
	s.publishAvailability(ctx, out.ShowID)
	return bookingFromRow(out), nil
}

// CancelTermsOf states, in ctx's language, the cancellation policy of the
// chain booking id is with (for the pay page, which shows it before the
// buyer pays). Errors: ErrNotFound.
func (s *Service) CancelTermsOf(ctx context.Context, id int64) (string, error) {
	row, err := s.q.BookingGet(ctx, s.pool, id)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", fmt.Errorf("booking %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("get booking %d: %w", id, err)
	}
	d, err := s.shows.ShowDetail(ctx, row.ShowID)
	if err != nil {
		return "", fmt.Errorf("show of booking %d: %w", id, err)
	}
	window, fee := s.cancelPolicy(d.Chain)
	return CancelTerms(ctx, window, fee, row.Currency), nil
}
