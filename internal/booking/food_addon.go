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
	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/money"
	"github.com/marqueehq/marquee/internal/platform/pg"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

// Food added to a paid booking after its purchase: each order is a
// booking row of its own (no seats, no account), tied to the booking by
// booking.food_addons and paid by a payment of its own through the same
// payments state machine as any booking. Its stock is taken when that
// payment confirms it; it is collected under the booking's code and
// cancelled (and refunded) with the booking.

// Refusals of a food order, for the buyer.
var (
	msgFoodAddClosed   = i18n.Msg("Food can no longer be added: the show starts too soon.")
	msgFoodAddUnpaid   = i18n.Msg("Food can be added to a paid booking only.")
	msgFoodAddNoChoice = i18n.Msg("Choose at least one item.")
)

// FoodAddon is a food order added to a paid booking.
type FoodAddon struct {
	ID       int64
	Code     string
	Status   Status
	Food     []FoodLine
	Total    int64
	Currency string
}

// foodAddCutoff is the last moment food may be added to a booking of a
// show starting at startsAt.
func (s *Service) foodAddCutoff(startsAt time.Time) time.Time {
	return startsAt.Add(-s.opts.FoodCutoff)
}

// FoodAddOpen says whether food may still be added to booking co: it is
// paid, its show is on and the cut-off before it has not passed.
func (s *Service) FoodAddOpen(co Checkout) bool {
	return co.Booking.Status == Confirmed && co.Show.Status != catalog.Cancelled &&
		s.opts.Now().Before(s.foodAddCutoff(co.Show.StartsAt))
}

// isFoodAddon reports whether booking id is a food order added to another.
func (s *Service) isFoodAddon(ctx context.Context, db bookingdb.DBTX, id int64) (bool, error) {
	_, err := s.q.FoodAddonParent(ctx, db, id)
	if errors.Is(err, pgx.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("is booking %d a food order: %w", id, err)
	}
	return true, nil
}

// FoodOrderParent returns the booking food order id was added to, or 0
// when id is not a food order (payments lets a booking's app guest pay
// the food orders added to it).
func (s *Service) FoodOrderParent(ctx context.Context, id int64) (int64, error) {
	parent, err := s.q.FoodAddonParent(ctx, s.pool, id)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("parent of food order %d: %w", id, err)
	}
	return parent, nil
}

// AddFood orders choices for userID's paid booking id and returns the
// payment the new order needs (its own, for its own total). Errors:
// ErrNotFound (not theirs, or itself a food order); validate.Errors
// under "food" for a booking not paid, past the cut-off, or a refused
// choice (not on the menu, no such size, quantity out of range, sold out).
func (s *Service) AddFood(ctx context.Context, userID, id int64, choices []FoodChoice) (payments.PaymentRequest, error) {
	co, err := s.BookingDetail(ctx, userID, id)
	if err != nil {
		return payments.PaymentRequest{}, err
	}
	addon, err := s.isFoodAddon(ctx, s.pool, id)
	if err != nil {
		return payments.PaymentRequest{}, err
	}
	if addon {
		return payments.PaymentRequest{}, fmt.Errorf("booking %d is a food order: %w", id, ErrNotFound)
	}
	if co.Booking.Status != Confirmed {
		return payments.PaymentRequest{}, validate.Errors{"food": msgFoodAddUnpaid}
	}
	if !s.FoodAddOpen(co) {
		return payments.PaymentRequest{}, validate.Errors{"food": msgFoodAddClosed}
	}
	menu, err := s.shows.TheaterMenu(ctx, co.Show.Theater.ID)
	if err != nil {
		return payments.PaymentRequest{}, fmt.Errorf("menu for booking %d: %w", id, err)
	}
	lines, err := priceFood(menu, choices)
	if err != nil {
		return payments.PaymentRequest{}, err
	}
	if len(lines) == 0 {
		return payments.PaymentRequest{}, validate.Errors{"food": msgFoodAddNoChoice}
	}
	total := Price{}.WithFood(lines).Total
	expires := s.opts.Now().Add(s.opts.HoldTTL)
	var req payments.PaymentRequest
	err = pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		parent, err := s.q.BookingGetForUpdate(ctx, tx, id)
		if err != nil {
			return fmt.Errorf("lock booking: %w", err)
		}
		if Status(parent.Status) != Confirmed {
			return validate.Errors{"food": msgFoodAddUnpaid}
		}
		code, err := newCode()
		if err != nil {
			return err
		}
		order, err := s.q.FoodAddonInsert(ctx, tx, bookingdb.FoodAddonInsertParams{Code: code, ExpiresAt: expires,
			Total: total, ParentID: id})
		if err != nil {
			return fmt.Errorf("record food order: %w", err)
		}
		for _, l := range lines {
			if err := s.q.BookingItemInsertWithOptions(ctx, tx, bookingdb.BookingItemInsertWithOptionsParams{BookingID: order.ID,
				MenuItemID: l.MenuItemID, Name: l.Name, Variant: l.Variant, Qty: int32(l.Qty), UnitPriceMinor: l.Unit, TaxMinor: l.Tax,
				Options: append([]string{}, l.Options...)}); err != nil {
				return fmt.Errorf("add %s: %w", l.Name, err)
			}
		}
		if err := s.q.BookingEventInsert(ctx, tx, bookingdb.BookingEventInsertParams{BookingID: order.ID,
			Status: string(PendingPayment), Note: "food added to booking " + parent.Code + "; payment started"}); err != nil {
			return fmt.Errorf("record event: %w", err)
		}
		req = payments.PaymentRequest{BookingID: order.ID, Code: order.Code, UserID: accountID(userID), Amount: total,
			Currency: parent.Currency, HoldExpiresAt: expires, ReturnPath: "/bookings/" + strconv.FormatInt(id, 10),
			Description: co.Show.Movie.Title + " · " + i18n.T(ctx, "Food and drink") + " · " + parent.Code}
		return nil
	})
	if err != nil {
		return payments.PaymentRequest{}, fmt.Errorf("add food to booking %d: %w", id, err)
	}
	return req, nil
}

// FoodAddons lists the food orders added to booking id, oldest first
// (no owner check: callers have found the booking already).
func (s *Service) FoodAddons(ctx context.Context, id int64) ([]FoodAddon, error) {
	rows, err := s.q.FoodAddonsOf(ctx, s.pool, id)
	if err != nil {
		return nil, fmt.Errorf("food orders of booking %d: %w", id, err)
	}
	out := make([]FoodAddon, 0, len(rows))
	for _, r := range rows {
		food, err := s.bookingFood(ctx, s.pool, r.ID)
		if err != nil {
			return nil, err
		}
		out = append(out, FoodAddon{ID: r.ID, Code: r.Code, Status: Status(r.Status), Food: food, Total: r.TotalMinor,
			Currency: r.Currency})
	}
	return out, nil
}

// BookingFoodWithAddons is the food of booking id and of the food orders
// paid for it since: everything to collect under its code.
func (s *Service) BookingFoodWithAddons(ctx context.Context, id int64) ([]FoodLine, error) {
	food, err := s.bookingFood(ctx, s.pool, id)
	if err != nil {
		return nil, err
	}
	addons, err := s.FoodAddons(ctx, id)
	if err != nil {
		return nil, err
	}
	for _, a := range addons {
		if a.Status == Confirmed {
			food = append(food, a.Food...)
		}
	}
	return food, nil
}

// confirmFoodAddon marks a food order paid inside the payment's
// transaction (Confirm, with order locked): its stock is taken under the
// same guarded update as a checkout's. Errors: ErrSeatsGone when the
// booking was cancelled or the show called off meanwhile, ErrFoodSoldOut;
// the payment is then refunded in full.
func (s *Service) confirmFoodAddon(ctx context.Context, tx pgx.Tx, order bookingdb.BookingBooking, parentID int64) error {
	switch Status(order.Status) {
	case Confirmed:
		return nil
	case Held, PendingPayment, Expired, PaymentFailed:
	default:
		return fmt.Errorf("confirm food order %d in state %s: %w", order.ID, order.Status, ErrSeatsGone)
	}
	// The booking is read, not locked: a cancellation locks it before its
	// orders, and finds this one paid (and refunds it) once we commit.
	parent, err := s.q.BookingGet(ctx, tx, parentID)
	if err != nil {
		return fmt.Errorf("booking of food order %d: %w", order.ID, err)
	}
	d, err := s.shows.ShowDetailTx(ctx, tx, order.ShowID)
	if err != nil {
		return fmt.Errorf("show of food order %d: %w", order.ID, err)
	}
	if Status(parent.Status) != Confirmed || d.Status == catalog.Cancelled {
		return fmt.Errorf("confirm food order %d: booking %s is %s: %w", order.ID, parent.Code, parent.Status, ErrSeatsGone)
	}
	if err := s.takeFoodStock(ctx, tx, order.ID); err != nil {
		return err
	}
	if err := s.q.BookingConfirm(ctx, tx, order.ID); err != nil {
		return fmt.Errorf("confirm food order %d: %w", order.ID, err)
	}
	for _, e := range []bookingdb.BookingEventInsertParams{
		{BookingID: order.ID, Status: string(Confirmed), Note: "paid"},
		{BookingID: parent.ID, Status: parent.Status, Note: "food order " + order.Code + " paid: " + money.Format(order.TotalMinor, order.Currency)},
	} {
		if err := s.q.BookingEventInsert(ctx, tx, e); err != nil {
			return fmt.Errorf("record event: %w", err)
		}
	}
	return nil
}

// refuseFoodAddon records, inside the payment's transaction, that a paid
// food order could not be confirmed (cause, from Confirm): it is marked
// refunded in full, with the reason among its events, which the booking
// page shows. It reports false for a booking that is not a food order.
func (s *Service) refuseFoodAddon(ctx context.Context, tx pgx.Tx, id int64, cause error) (bool, error) {
	if addon, err := s.isFoodAddon(ctx, tx, id); err != nil || !addon {
		return false, err
	}
	row, err := s.q.BookingGetForUpdate(ctx, tx, id)
	if err != nil {
		return true, fmt.Errorf("lock food order %d: %w", id, err)
	}
	note := "payment arrived but the booking is no longer active; refunding "
	if errors.Is(cause, ErrFoodSoldOut) {
		note = "payment arrived but some of the food sold out; refunding "
	}
	if err := s.q.BookingMarkRefunded(ctx, tx, bookingdb.BookingMarkRefundedParams{ID: id, Refund: row.TotalMinor}); err != nil {
		return true, fmt.Errorf("mark food order %d refunded: %w", id, err)
	}
	if err := s.q.BookingEventInsert(ctx, tx, bookingdb.BookingEventInsertParams{BookingID: id, Status: string(Refunded),
		Note: note + money.Format(row.TotalMinor, row.Currency)}); err != nil {
		return true, fmt.Errorf("record event: %w", err)
	}
	return true, nil
}

// cancelFoodAddons cancels the food orders of a booking being cancelled
// (parent, locked), in its transaction. A paid order is refunded in full
// from its own payment and its uncollected items go back into stock,
// unless the booking itself gives nothing back (staff refunding 0); an
// unpaid one is cancelled, so a payment arriving later is refunded.
func (s *Service) cancelFoodAddons(ctx context.Context, tx pgx.Tx, parent bookingdb.BookingBooking, parentRefund int64, reason string) error {
	orders, err := s.q.FoodAddonsForUpdate(ctx, tx, parent.ID)
	if err != nil {
		return fmt.Errorf("food orders of booking %d: %w", parent.ID, err)
	}
	for _, o := range orders {
		st := Status(o.Status)
		if st != Held && st != PendingPayment && st != PaymentFailed && st != Confirmed {
			continue
		}
		paid := st == Confirmed
		var refund int64
		if paid && (parentRefund > 0 || parent.TotalMinor == 0) {
			refund = o.TotalMinor
		}
		if _, err := s.q.BookingCancel(ctx, tx, bookingdb.BookingCancelParams{ID: o.ID, Refund: refund, Reason: reason}); err != nil {
			return fmt.Errorf("cancel food order %d: %w", o.ID, err)
		}
		if err := s.refundFood(ctx, tx, o.ID, paid); err != nil {
			return err
		}
		note := reason
		if paid {
			note += "; refund " + money.Format(refund, o.Currency)
		}
		if err := s.q.BookingEventInsert(ctx, tx, bookingdb.BookingEventInsertParams{BookingID: o.ID,
			Status: string(Cancelled), Note: note}); err != nil {
			return fmt.Errorf("record event: %w", err)
		}
		if refund > 0 && s.opts.Refunds != nil {
			if err := s.opts.Refunds.Refund(ctx, tx, payments.RefundRequest{BookingID: o.ID, Amount: refund, Reason: reason,
				Key: "cancel:" + strconv.FormatInt(o.ID, 10)}); err != nil {
				return fmt.Errorf("request refund of food order %d: %w", o.ID, err)
			}
		}
	}
	return nil
}
