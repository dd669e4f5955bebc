package booking

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/booking/bookingdb"
	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/pg"
)

// Checkout is one of a buyer's bookings with its show and itemised price.
type Checkout struct {
	Booking Booking
	Show    catalog.ShowDetail
	Price   Price
	// Holding is true while the seats are held for the buyer: the booking
	// can still be changed and paid.
	Holding bool
	// Declined: the booking awaits payment but its last attempt failed
	// and none is under way; the buyer may try again while the hold runs.
	Declined bool
	// TicketTypes are the ticket types the buyer may choose for the show.
	TicketTypes []catalog.TicketType
}

// checkoutOpen reports whether a booking can still be checked out: its
// seats are held and the hold has not run out.
func (s *Service) checkoutOpen(status Status, expires time.Time) bool {
	return status == Held && expires.After(s.opts.Now())
}

// BookingDetail returns the user's booking with its show and the price it
// was last given, changing nothing. Errors: ErrNotFound (also for another
// user's booking).
func (s *Service) BookingDetail(ctx context.Context, userID, id int64) (Checkout, error) {
	b, err := s.Booking(ctx, userID, id)
	if err != nil {
		return Checkout{}, err
	}
	d, err := s.shows.ShowDetail(ctx, b.ShowID)
	if err != nil {
		return Checkout{}, fmt.Errorf("show of booking %d: %w", id, err)
	}
	promo, err := s.bookingPromo(ctx, s.pool, id)
	if err != nil {
		return Checkout{}, err
	}
	c := Checkout{Booking: b, Show: d, Holding: s.checkoutOpen(b.Status, b.HoldExpiresAt), TicketTypes: d.OfferedTicketTypes()}
	declined, err := s.paymentDeclined(ctx, s.pool, []Booking{b})
	if err != nil {
		return Checkout{}, err
	}
	c.Declined = declined[b.ID]
	food, err := s.bookingFood(ctx, s.pool, id)
	if err != nil {
		return Checkout{}, err
	}
	c.Price = s.pricingFor(d.Chain).Quote(b.Currency, b.Seats, Discount{}).WithFood(food)
	c.Price.Subtotal, c.Price.Discount, c.Price.Fee, c.Price.Tax, c.Price.Total = b.Subtotal, b.Discount, b.Fee, b.Tax, b.Total
	if promo != nil {
		c.Price.PromoCode = promo.Code
	}
	if c.Price.Tickets > 0 {
		c.Price.FeePerTicket = b.Fee / int64(c.Price.Tickets)
	}
	return c, nil
}

// Checkout returns the user's booking ready for payment: while its hold
// runs, the booking is priced afresh (tickets, fee, tax, promo discount)
// and the amounts are stored on it, under its row lock, so that payment
// charges exactly what the buyer was shown. Seats still sold as the
// built-in Adult take the chain's or theater's own Adult type. A booking that is no longer
// held comes back as it is. Errors: ErrNotFound.
func (s *Service) Checkout(ctx context.Context, userID, id int64) (Checkout, error) {
	c, err := s.BookingDetail(ctx, userID, id)
	if err != nil || !c.Holding {
		return c, err
	}
	err = pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		row, err := s.q.BookingGetForUpdate(ctx, tx, id)
		if err != nil {
			return fmt.Errorf("lock booking: %w", err)
		}
		c.Booking.Status = Status(row.Status)
		if c.Holding = s.checkoutOpen(c.Booking.Status, row.HoldExpiresAt); !c.Holding {
			return nil
		}
		if seats, changed := defaultTicketTypes(c.Booking.Seats, c.TicketTypes); changed {
			if err := s.storeSeatTickets(ctx, tx, id, seats); err != nil {
				return err
			}
			c.Booking.Seats = seats
		}
		promo, err := s.bookingPromo(ctx, tx, id)
		if err != nil {
			return err
		}
		c.Price, err = s.repriceLocked(ctx, tx, row, c.Booking.Seats, promo)
		return err
	})
	if err != nil {
		return Checkout{}, fmt.Errorf("price booking %d: %w", id, err)
	}
	if !c.Holding {
		return c, nil
	}
	return checkoutPriced(c), nil
}

// checkoutPriced is a held booking's checkout with its fresh price copied onto the
// booking.
func checkoutPriced(c Checkout) Checkout {
	c.Holding = true
	c.Booking.Subtotal, c.Booking.Discount, c.Booking.Fee, c.Booking.Tax, c.Booking.Total =
		c.Price.Subtotal, c.Price.Discount, c.Price.Fee, c.Price.Tax, c.Price.Total
	return c
}

// repriceLocked prices a locked booking with promo (nil for none) under
// its chain's policy and stores the amounts when they changed.
func (s *Service) repriceLocked(ctx context.Context, tx pgx.Tx, row bookingdb.BookingBooking, seats []BookedSeat, promo *Promo) (Price, error) {
	var d Discount
	if promo != nil {
		d = promo.Discount()
	}
	show, err := s.showTx(ctx, tx, row.ShowID)
	if err != nil {
		return Price{}, fmt.Errorf("show of booking %d: %w", row.ID, err)
	}
	food, err := s.bookingFood(ctx, tx, row.ID)
	if err != nil {
		return Price{}, err
	}
	p := s.pricingFor(show.Chain).Quote(row.Currency, seats, d).WithFood(food)
	var code *string
	if p.PromoCode != "" {
		code = &p.PromoCode
	}
	stored := row.PromoCode
	if row.SubtotalMinor == p.Subtotal && row.FeeMinor == p.Fee && row.TaxMinor == p.Tax && row.DiscountMinor == p.Discount &&
		row.TotalMinor == p.Total && (stored == nil) == (code == nil) && (stored == nil || *stored == *code) {
		return p, nil
	}
	if err := s.q.BookingSetAmounts(ctx, tx, bookingdb.BookingSetAmountsParams{ID: row.ID, SubtotalMinor: p.Subtotal,
		FeeMinor: p.Fee, TaxMinor: p.Tax, DiscountMinor: p.Discount, TotalMinor: p.Total, PromoCode: code}); err != nil {
		return Price{}, fmt.Errorf("store amounts of booking %d: %w", row.ID, err)
	}
	return p, nil
}

// bookingPromo returns the promo code a booking redeemed, nil if none.
func (s *Service) bookingPromo(ctx context.Context, db bookingdb.DBTX, id int64) (*Promo, error) {
	row, err := s.q.PromoForBooking(ctx, db, id)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("promo code of booking %d: %w", id, err)
	}
	p := promoFromRow(row)
	return &p, nil
}
