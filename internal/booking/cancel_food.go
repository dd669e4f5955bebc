package booking

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/booking/bookingdb"
	"github.com/marqueehq/marquee/internal/payments"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

// Cancelling food lines of a confirmed booking, alone or with some of its
// seats (CancelSeats). The policy: food still to serve (not collected) is
// refunded in full, its price and its tax (food never shares a booking's
// discount nor its cancellation fee, which stay with the seats), until
// the food cut-off (Options.FoodCutoff before the show); afterwards the
// kitchen may have started and cancelling food is ErrFoodCancelClosed.
// A line bought with the booking is refunded from the booking's payment,
// a line of a food order added later from that order's own payment. The
// units go back into the menu's stock.

var (
	// ErrFoodCancelClosed: the food cut-off has passed, so food can no
	// longer be cancelled online.
	ErrFoodCancelClosed = errors.New("food can no longer be cancelled online: the show starts too soon")
	// ErrNothingToCancel: a partial cancellation named neither seats nor
	// food.
	ErrNothingToCancel = errors.New("choose at least one seat or item to cancel")
)

// FoodCancel is how many units (Qty) of the food line Line, a line's id
// as CancellableFood lists it, to cancel.
type FoodCancel struct {
	Line int64 `json:"line"`
	Qty  int   `json:"qty"`
}

// CancellableLine is a line of food of a booking that can still be
// cancelled: bought with it or in a food order added later (FromOrder),
// not collected.
type CancellableLine struct {
	ID        int64
	FromOrder bool
	Title     string
	Qty       int
	// Refund is what cancelling the whole line gives back (price and tax).
	Refund int64
}

// CancelledFood is a line of food in a quote: Qty units of it and what
// they give back.
type CancelledFood struct {
	Line   int64
	Title  string
	Qty    int
	Refund int64
	// row is the line as read, order the booking whose payment refunds it.
	row bookingdb.FoodCancellableLinesRow
}

// cancellableLines reads booking id's food still to serve.
func (s *Service) cancellableLines(ctx context.Context, db bookingdb.DBTX, id int64) ([]bookingdb.FoodCancellableLinesRow, error) {
	rows, err := s.q.FoodCancellableLines(ctx, db, id)
	if err != nil {
		return nil, fmt.Errorf("food of booking %d: %w", id, err)
	}
	return rows, nil
}

// lineTitle is a line as the buyer reads it ("Popcorn (Large) — Sweet").
func lineTitle(r bookingdb.FoodCancellableLinesRow) string {
	return FoodLine{Name: r.Name, Variant: r.Variant, Options: r.Options}.Title()
}

// foodRefund is what qty units of line r give back: their price and their
// share of the line's tax (the last units take the rest of it).
func foodRefund(r bookingdb.FoodCancellableLinesRow, qty int) (tax, refund int64) {
	tax = r.TaxMinor
	if int32(qty) < r.Qty {
		tax = share(r.TaxMinor, int64(qty), int64(r.Qty))
	}
	return tax, r.UnitPriceMinor*int64(qty) + tax
}

// CancellableFood lists the food of userID's confirmed booking id that
// can still be cancelled, and until when. Errors: ErrNotFound.
func (s *Service) CancellableFood(ctx context.Context, userID, id int64) ([]CancellableLine, time.Time, error) {
	row, err := s.q.BookingGet(ctx, s.pool, id)
	if errors.Is(err, pgx.ErrNoRows) || (err == nil && (userID == 0 || !ownedBy(row.UserID, userID))) {
		return nil, time.Time{}, fmt.Errorf("booking %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, time.Time{}, fmt.Errorf("get booking %d: %w", id, err)
	}
	d, err := s.shows.ShowDetail(ctx, row.ShowID)
	if err != nil {
		return nil, time.Time{}, fmt.Errorf("show of booking %d: %w", id, err)
	}
	rows, err := s.cancellableLines(ctx, s.pool, id)
	if err != nil {
		return nil, time.Time{}, err
	}
	out := make([]CancellableLine, len(rows))
	for i, r := range rows {
		_, refund := foodRefund(r, int(r.Qty))
		out[i] = CancellableLine{ID: r.ID, FromOrder: r.OrderID != id, Title: lineTitle(r), Qty: int(r.Qty), Refund: refund}
	}
	return out, d.StartsAt.Add(-s.opts.FoodCutoff), nil
}

// priceFoodCancel checks the chosen lines against the booking's food
// still to serve and prices them, adding them to q. Choices of one line
// add up. Errors: validate.Errors under "items" (a line not in the
// booking or already collected, a quantity out of 1..what is left).
func (s *Service) priceFoodCancel(q *SeatsCancelQuote, lines []bookingdb.FoodCancellableLinesRow, chosen []FoodCancel) error {
	for _, ch := range chosen {
		i := slices.IndexFunc(lines, func(r bookingdb.FoodCancellableLinesRow) bool { return r.ID == ch.Line })
		if i < 0 {
			return validate.Errors{"items": "Item " + strconv.FormatInt(ch.Line, 10) + " is not in this booking, or was collected."}
		}
		if ch.Qty < 1 {
			return validate.Errors{"items": "Choose from 1 to " + strconv.Itoa(int(lines[i].Qty)) + " of " + lineTitle(lines[i]) + "."}
		}
		if j := slices.IndexFunc(q.Food, func(f CancelledFood) bool { return f.Line == ch.Line }); j >= 0 {
			ch.Qty += q.Food[j].Qty
			q.Food = slices.Delete(q.Food, j, j+1)
		}
		if ch.Qty > int(lines[i].Qty) {
			return validate.Errors{"items": "Choose from 1 to " + strconv.Itoa(int(lines[i].Qty)) + " of " + lineTitle(lines[i]) + "."}
		}
		q.Food = append(q.Food, CancelledFood{Line: ch.Line, Title: lineTitle(lines[i]), Qty: ch.Qty, row: lines[i]})
	}
	slices.SortFunc(q.Food, func(a, b CancelledFood) int { return int(a.Line - b.Line) })
	q.FoodRefund = 0
	for i := range q.Food {
		_, q.Food[i].Refund = foodRefund(q.Food[i].row, q.Food[i].Qty)
		q.FoodRefund += q.Food[i].Refund
	}
	return nil
}

// foodItems are the lines of q as the buyer's message names them.
func foodItems(q SeatsCancelQuote) []string {
	out := make([]string, len(q.Food))
	for i, f := range q.Food {
		out[i] = strconv.Itoa(f.Qty) + " × " + f.Title
	}
	return out
}

// cancelFoodLocked takes the food of pc off booking b (locked, and its
// food orders locked by the caller) as the n-th cancellation: each line's
// units leave it (a racing cancellation that took them first makes this
// one fail, so a unit is never refunded twice), are recorded with their
// refund, go back into stock, and lower the total of the booking that was
// paid for them. Lines of food orders are refunded here from each order's
// payment; it returns what the booking's own payment gives back.
func (s *Service) cancelFoodLocked(ctx context.Context, tx pgx.Tx, b bookingdb.BookingBooking, n int32, food []CancelledFood) (int64, error) {
	byOrder := map[int64]int64{}
	for _, f := range food {
		r := f.row
		tax, refund := foodRefund(r, f.Qty)
		var err error
		if int32(f.Qty) == r.Qty {
			_, err = s.q.BookingItemTakeAll(ctx, tx, bookingdb.BookingItemTakeAllParams{ID: r.ID, OrderID: r.OrderID, Qty: r.Qty})
		} else {
			_, err = s.q.BookingItemTakeSome(ctx, tx, bookingdb.BookingItemTakeSomeParams{ID: r.ID, OrderID: r.OrderID,
				Qty: int32(f.Qty), Tax: tax})
		}
		if errors.Is(err, pgx.ErrNoRows) {
			return 0, validate.Errors{"items": "Item " + strconv.FormatInt(r.ID, 10) + " is not in this booking, or was collected."}
		}
		if err != nil {
			return 0, fmt.Errorf("take %d of line %d: %w", f.Qty, r.ID, err)
		}
		if err := s.q.BookingItemCancellationInsert(ctx, tx, bookingdb.BookingItemCancellationInsertParams{BookingID: b.ID,
			OrderID: r.OrderID, N: n, ItemID: r.ID, MenuItemID: r.MenuItemID, Name: r.Name, Variant: r.Variant,
			Options: append([]string{}, r.Options...), Qty: int32(f.Qty), UnitPriceMinor: r.UnitPriceMinor, TaxMinor: tax,
			RefundMinor: refund, RefundKey: foodRefundKey(b.ID, r.OrderID, n)}); err != nil {
			return 0, fmt.Errorf("record cancelled line %d: %w", r.ID, err)
		}
		if err := s.shows.MenuStockTx(ctx, tx, r.MenuItemID, f.Qty); err != nil {
			return 0, fmt.Errorf("stock of line %d back: %w", r.ID, err)
		}
		byOrder[r.OrderID] += refund
	}
	for order, refund := range byOrder {
		if _, err := s.q.BookingFoodRefundLower(ctx, tx, bookingdb.BookingFoodRefundLowerParams{ID: order, Refund: refund}); err != nil {
			return 0, fmt.Errorf("lower total of booking %d by its food: %w", order, err)
		}
		if order == b.ID || refund == 0 || s.opts.Refunds == nil {
			continue
		}
		if err := s.opts.Refunds.Refund(ctx, tx, payments.RefundRequest{BookingID: order, Amount: refund,
			Reason: "Food cancelled by you", Key: foodRefundKey(b.ID, order, n)}); err != nil {
			return 0, fmt.Errorf("request refund of food order %d: %w", order, err)
		}
	}
	return byOrder[b.ID], nil
}

// foodRefundKey is the idempotency key of the refund, from order's
// payment, of booking's n-th cancellation: the booking's own key
// ("cancel-seats:<booking>:<n>", shared with its seats) or the food
// order's ("cancel-food:<order>:<n>").
func foodRefundKey(booking, order int64, n int32) string {
	if order == booking {
		return "cancel-seats:" + strconv.FormatInt(booking, 10) + ":" + strconv.Itoa(int(n))
	}
	return "cancel-food:" + strconv.FormatInt(order, 10) + ":" + strconv.Itoa(int(n))
}

// lockFoodOrders locks booking id's food orders when lines of them are
// cancelled (after the booking: the order the whole cancellation takes).
func (s *Service) lockFoodOrders(ctx context.Context, tx pgx.Tx, id int64, food []FoodCancel) error {
	if len(food) == 0 {
		return nil
	}
	if _, err := s.q.FoodAddonsForUpdate(ctx, tx, id); err != nil {
		return fmt.Errorf("lock food orders of booking %d: %w", id, err)
	}
	return nil
}
