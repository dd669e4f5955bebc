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
	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/payments"
	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/money"
)

// Exchanges to dearer seats are paid first. Exchange then holds the new
// seats for an order of the difference (a booking row of its own, with
// no account, like a food order) and returns its payment; the old seats
// stay the buyer's. When the payment succeeds, Confirm finds the order
// and makes the exchange in the payment's transaction, as Exchange does
// for a cheaper one: the buyer never has both sets of seats, or neither.
// A payment that comes when the exchange can no longer be made (the
// booking changed, was cancelled or used, a show was called off, the new
// seats were taken after the hold ran out) is refunded in full.

// exchangeRefunds lets a booking's refunds take from the payments of its
// paid exchange orders what its own payment cannot cover: their
// differences are part of its total.
type exchangeRefunds struct {
	inner Refunds
	q     *bookingdb.Queries
}

// Refund is the inner Refund, with the booking's paid exchange orders as
// further payments to refund from.
func (r exchangeRefunds) Refund(ctx context.Context, tx pgx.Tx, req payments.RefundRequest) error {
	orders, err := r.q.ExchangeOrdersPaid(ctx, tx, req.BookingID)
	if err != nil {
		return fmt.Errorf("exchange orders of booking %d: %w", req.BookingID, err)
	}
	req.AlsoFrom = append(req.AlsoFrom, orders...)
	if err := r.inner.Refund(ctx, tx, req); err != nil {
		return fmt.Errorf("refund booking %d: %w", req.BookingID, err)
	}
	return nil
}

// openExchangeOrders reads booking id's orders still awaiting payment
// (replayOf picks the one a repeated request asks for again).
func (s *Service) openExchangeOrders(ctx context.Context, tx pgx.Tx, id int64) ([]bookingdb.ExchangeOrdersOpenRow, error) {
	rows, err := s.q.ExchangeOrdersOpen(ctx, tx, id)
	if err != nil {
		return nil, fmt.Errorf("open exchange orders of booking %d: %w", id, err)
	}
	return rows, nil
}

// replayOf is the open order (of open) for exactly seats of show toShowID
// whose hold still runs: the same exchange asked again (0: none).
func (s *Service) replayOf(open []bookingdb.ExchangeOrdersOpenRow, toShowID int64, seats []string) int64 {
	for _, r := range open {
		if r.ToShowID == toShowID && slices.Equal(r.NewSeats, seats) && s.opts.Now().Before(r.HoldExpiresAt) {
			return r.ID
		}
	}
	return 0
}

// dropExchangeOrders gives up the open orders ids of a booking (another
// exchange of it is being made): their seats first, then the orders, the
// order a hold takes them in. A payment arriving for one is refunded.
func (s *Service) dropExchangeOrders(ctx context.Context, tx pgx.Tx, ids []int64) error {
	for _, id := range ids {
		if _, err := s.q.ExchangeOrderRelease(ctx, tx, id); err != nil {
			return fmt.Errorf("release seats of exchange order %d: %w", id, err)
		}
	}
	return s.expire(ctx, tx, ids, "replaced by another change of show")
}

// exchangeOrder holds the new seats of quote q for an order of the
// difference of locked booking b (bought by userID) and returns the
// payment the buyer makes.
func (s *Service) exchangeOrder(ctx context.Context, tx pgx.Tx, userID int64, b bookingdb.BookingBooking, q ExchangeQuote) (payments.PaymentRequest, error) {
	code, err := newCode()
	if err != nil {
		return payments.PaymentRequest{}, err
	}
	expires := s.opts.Now().Add(s.opts.HoldTTL)
	order, err := s.q.ExchangeOrderInsert(ctx, tx, bookingdb.ExchangeOrderInsertParams{Code: code, ToShowID: q.To.ID,
		TheaterID: q.To.Theater.ID, ExpiresAt: expires, Total: q.Difference, ParentID: b.ID, FromShowID: b.ShowID,
		OldSeats: q.OldSeats, NewSeats: q.Seats, OldAmountMinor: q.OldAmount, NewAmountMinor: q.NewAmount})
	if err != nil {
		return payments.PaymentRequest{}, fmt.Errorf("record exchange order: %w", err)
	}
	held, err := s.q.ExchangeOrderHold(ctx, tx, bookingdb.ExchangeOrderHoldParams{OrderID: order.ID, ExpiresAt: expires,
		ShowID: q.To.ID, Seats: q.Seats})
	if err != nil {
		return payments.PaymentRequest{}, fmt.Errorf("hold new seats: %w", err)
	}
	if int(held) != len(q.Seats) {
		return payments.PaymentRequest{}, fmt.Errorf("hold %v for exchange order %d: held %d", q.Seats, order.ID, held)
	}
	// The order's seat rows carry the tickets it prices, for its payment to sell.
	if err := s.sellAsTickets(ctx, tx, order.ID, q.To.ID, q.tickets); err != nil {
		return payments.PaymentRequest{}, err
	}
	for _, e := range []bookingdb.BookingEventInsertParams{
		{BookingID: order.ID, Status: string(PendingPayment), Note: "difference of moving booking " + b.Code + " to show #" +
			strconv.FormatInt(q.To.ID, 10) + "; payment started"},
		{BookingID: b.ID, Status: b.Status, Note: "change to show #" + strconv.FormatInt(q.To.ID, 10) + " awaits a payment of " +
			money.Format(q.Difference, b.Currency)},
	} {
		if err := s.q.BookingEventInsert(ctx, tx, e); err != nil {
			return payments.PaymentRequest{}, fmt.Errorf("record event: %w", err)
		}
	}
	if err := announce(ctx, tx, q.To.ID); err != nil {
		return payments.PaymentRequest{}, err
	}
	return s.exchangeOrderPayment(ctx, userID, b, order.ID, order.Code, order.TotalMinor, expires, q.To), nil
}

// exchangeOrderPayment is the payment of exchange order id (code, of
// total in currency, held until expires) for booking b.
func (s *Service) exchangeOrderPayment(ctx context.Context, userID int64, b bookingdb.BookingBooking, id int64, code string,
	total int64, expires time.Time, to catalog.ShowDetail,
) payments.PaymentRequest {
	return payments.PaymentRequest{BookingID: id, Code: code, UserID: accountID(userID), Amount: total, Currency: b.Currency,
		HoldExpiresAt: expires, ReturnPath: "/bookings/" + strconv.FormatInt(b.ID, 10),
		Description: to.Movie.Title + " · " + i18n.T(ctx, "Change of show") + " · " + b.Code}
}

// replayExchangeOrder is the payment of booking b's open order id, asked
// for again with the same seats.
func (s *Service) replayExchangeOrder(ctx context.Context, tx pgx.Tx, userID int64, b bookingdb.BookingBooking, id int64, to catalog.ShowDetail) (payments.PaymentRequest, error) {
	order, err := s.q.BookingGet(ctx, tx, id)
	if err != nil {
		return payments.PaymentRequest{}, fmt.Errorf("exchange order %d: %w", id, err)
	}
	return s.exchangeOrderPayment(ctx, userID, b, order.ID, order.Code, order.TotalMinor, order.HoldExpiresAt, to), nil
}

// confirmExchangeOrder makes, inside the payment's transaction, the
// exchange order o paid for. It locks as Exchange does: the booking's
// seats and the new ones in one statement, then the booking, then the
// order. Errors: ErrSeatsGone when the exchange can no longer be made
// (the payment is then refunded in full).
func (s *Service) confirmExchangeOrder(ctx context.Context, tx pgx.Tx, o bookingdb.BookingExchangeOrder) error {
	locked, err := s.q.ExchangeSeatLock(ctx, tx, bookingdb.ExchangeSeatLockParams{FromShowID: o.FromShowID,
		BookingID: o.BookingID, ToShowID: o.ToShowID, Seats: o.NewSeats})
	if err != nil {
		return fmt.Errorf("lock seats: %w", err)
	}
	b, err := s.q.BookingGetForUpdate(ctx, tx, o.BookingID)
	if err != nil {
		return fmt.Errorf("lock booking %d: %w", o.BookingID, err)
	}
	order, err := s.q.BookingGetForUpdate(ctx, tx, o.OrderID)
	if err != nil {
		return fmt.Errorf("lock exchange order %d: %w", o.OrderID, err)
	}
	switch Status(order.Status) {
	case Confirmed:
		return nil
	case Held, PendingPayment, Expired, PaymentFailed:
	default:
		return fmt.Errorf("confirm exchange order %d in state %s: %w", o.OrderID, order.Status, ErrSeatsGone)
	}
	q, stale, err := s.exchangeOrderQuote(ctx, tx, o, b, locked)
	if err != nil {
		return err
	}
	if len(stale) > 0 {
		if err := s.expire(ctx, tx, stale, "a change of show took the seats after the hold ran out"); err != nil {
			return err
		}
	}
	if _, err := s.q.ExchangeOrderRelease(ctx, tx, o.OrderID); err != nil {
		return fmt.Errorf("release seats of exchange order %d: %w", o.OrderID, err)
	}
	var out bookingdb.BookingBooking
	if err := s.exchangeLocked(ctx, tx, b, q, o.OrderID, &out); err != nil {
		return err
	}
	if err := s.q.BookingConfirm(ctx, tx, o.OrderID); err != nil {
		return fmt.Errorf("confirm exchange order %d: %w", o.OrderID, err)
	}
	return s.q.BookingEventInsert(ctx, tx, bookingdb.BookingEventInsertParams{BookingID: o.OrderID, Status: string(Confirmed),
		Note: "paid; booking " + b.Code + " moved"})
}

// exchangeOrderQuote checks that the exchange order o pays for can still
// be made on locked booking b (seats as locked) and returns it, with the
// holds that ran out on the new seats. Errors: ErrSeatsGone.
func (s *Service) exchangeOrderQuote(ctx context.Context, tx pgx.Tx, o bookingdb.BookingExchangeOrder, b bookingdb.BookingBooking,
	locked []bookingdb.ExchangeSeatLockRow,
) (ExchangeQuote, []int64, error) {
	gone := func(why string) error {
		return fmt.Errorf("exchange order %d of booking %d: %s: %w", o.OrderID, b.ID, why, ErrSeatsGone)
	}
	if b.ShowID != o.FromShowID {
		return ExchangeQuote{}, nil, gone("the booking moved meanwhile")
	}
	if err := s.exchangeable(ctx, tx, b); errors.Is(err, ErrNotExchangeable) || errors.Is(err, ErrNotFound) {
		return ExchangeQuote{}, nil, gone(err.Error())
	} else if err != nil {
		return ExchangeQuote{}, nil, err
	}
	from, to, err := s.exchangeShows(ctx, b.ShowID, o.ToShowID, func(ctx context.Context, id int64) (catalog.ShowDetail, error) {
		return s.shows.ShowDetailTx(ctx, tx, id)
	})
	if errors.Is(err, ErrShowNotAllowed) || errors.Is(err, ErrSameShow) {
		return ExchangeQuote{}, nil, gone("the new show can no longer be booked")
	} else if err != nil {
		return ExchangeQuote{}, nil, err
	}
	if from.Status == catalog.Cancelled || !s.opts.Now().Before(from.StartsAt) {
		return ExchangeQuote{}, nil, gone("the booking's show was called off or started")
	}
	q := ExchangeQuote{From: from, To: to, Currency: b.Currency, Seats: o.NewSeats, OldAmount: o.OldAmountMinor,
		NewAmount: o.NewAmountMinor, Difference: o.NewAmountMinor - o.OldAmountMinor, Allowed: true}
	q.Deadline, _ = s.exchangeWindow(b, from)
	var stale []int64
	for _, l := range locked {
		switch {
		case l.ShowID == o.FromShowID:
			q.OldSeats = append(q.OldSeats, l.Seat)
		case l.BookingID != nil && *l.BookingID == o.OrderID:
		case !l.Available:
			return q, nil, gone("seat " + l.Seat + " was taken after the hold ran out")
		case l.BookingID != nil:
			stale = append(stale, *l.BookingID)
		}
	}
	if !slices.Equal(q.OldSeats, o.OldSeats) {
		return q, nil, gone("the booking's seats changed meanwhile")
	}
	// The tickets priced when the order was made, on its seat rows (live
	// or not: a hold that ran out still sells its seats if they are free).
	rows, err := s.q.BookingSeatList(ctx, tx, o.OrderID)
	if err != nil {
		return q, nil, fmt.Errorf("seats of exchange order %d: %w", o.OrderID, err)
	}
	for _, r := range rows {
		q.tickets = append(q.tickets, bookedSeatFromRow(r))
	}
	if len(q.tickets) != len(q.Seats) {
		return q, nil, fmt.Errorf("exchange order %d has %d seat rows for %d seats", o.OrderID, len(q.tickets), len(q.Seats))
	}
	return q, stale, nil
}

// refuseExchangeOrder records, inside the payment's transaction, that a
// paid exchange order could not be made (cause, from Confirm): the order
// is marked refunded in full and its booking's history says why. It
// reports false for a booking that is not an exchange order.
func (s *Service) refuseExchangeOrder(ctx context.Context, tx pgx.Tx, id int64, cause error) (bool, error) {
	o, err := s.q.ExchangeOrderGet(ctx, tx, id)
	if errors.Is(err, pgx.ErrNoRows) {
		return false, nil
	} else if err != nil {
		return false, fmt.Errorf("is booking %d an exchange order: %w", id, err)
	}
	order, err := s.q.BookingGetForUpdate(ctx, tx, id)
	if err != nil {
		return true, fmt.Errorf("lock exchange order %d: %w", id, err)
	}
	parent, err := s.q.BookingGet(ctx, tx, o.BookingID)
	if err != nil {
		return true, fmt.Errorf("booking of exchange order %d: %w", id, err)
	}
	if _, err := s.q.ExchangeOrderRelease(ctx, tx, id); err != nil {
		return true, fmt.Errorf("release seats of exchange order %d: %w", id, err)
	}
	if err := s.q.BookingMarkRefunded(ctx, tx, bookingdb.BookingMarkRefundedParams{ID: id, Refund: order.TotalMinor}); err != nil {
		return true, fmt.Errorf("mark exchange order %d refunded: %w", id, err)
	}
	note := "payment arrived but the change of show could no longer be made; refunding " +
		money.Format(order.TotalMinor, order.Currency)
	s.opts.Log.InfoContext(ctx, "exchange order refused", "order", id, "booking", o.BookingID, "cause", cause)
	for _, e := range []bookingdb.BookingEventInsertParams{
		{BookingID: id, Status: string(Refunded), Note: note},
		{BookingID: o.BookingID, Status: parent.Status, Note: note},
	} {
		if err := s.q.BookingEventInsert(ctx, tx, e); err != nil {
			return true, fmt.Errorf("record event: %w", err)
		}
	}
	return true, announce(ctx, tx, o.ToShowID)
}
