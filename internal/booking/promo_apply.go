package booking

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/booking/bookingdb"
	"github.com/marqueehq/marquee/internal/platform/pg"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

// ApplyPromo redeems code on the user's held booking, replacing the code
// it had, and reprices the booking. It is safe when many buyers redeem the
// last use at once: one transaction locks the booking, then the code's row
// (always in that order), counts the code's live redemptions, and records
// this one, so exactly one of them gets it.
// Errors: ErrNotFound; ErrInvalid with validate.Errors{"code": message for
// the buyer} when the code is unknown, expired, not for this show, used up,
// already used by this buyer, or the hold has ended.
func (s *Service) ApplyPromo(ctx context.Context, userID, bookingID int64, code string) (Checkout, error) {
	code = NormalizePromoCode(code)
	if code == "" {
		return Checkout{}, validate.Errors{"code": msgPromoEmpty}
	}
	if !promoCodeFormat.MatchString(code) {
		return Checkout{}, validate.Errors{"code": msgPromoGarbage}
	}
	c, err := s.BookingDetail(ctx, userID, bookingID)
	if err != nil {
		return Checkout{}, err
	}
	use := newPromoUse(c.Show, len(c.Booking.Seats), s.opts.Now())
	err = pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		row, err := s.lockHeld(ctx, tx, bookingID)
		if err != nil {
			return err
		}
		promoRow, err := s.q.PromoGetByCodeForUpdate(ctx, tx, code)
		if errors.Is(err, pgx.ErrNoRows) {
			return validate.Errors{"code": "We don't recognise the code " + code + ". Check the spelling and try again."}
		}
		if err != nil {
			return fmt.Errorf("lock promo code: %w", err)
		}
		promo := promoFromRow(promoRow)
		if msg := promo.refusal(use); msg != "" {
			return validate.Errors{"code": msg}
		}
		// A guest's uses are their email's (any case), as an account's are its.
		var guest string
		if row.UserID == nil {
			guest = deref(row.GuestEmail)
		}
		n, err := s.q.PromoRedemptionCount(ctx, tx, bookingdb.PromoRedemptionCountParams{PromoID: promo.ID,
			UserID: userID, GuestEmail: guest, BookingID: bookingID})
		if err != nil {
			return fmt.Errorf("count redemptions of %s: %w", code, err)
		}
		if msg := promo.usageRefusal(int(n.Total), int(n.ByUser)); msg != "" {
			return validate.Errors{"code": msg}
		}
		if err := s.q.PromoRedemptionDelete(ctx, tx, bookingID); err != nil {
			return fmt.Errorf("drop previous code: %w", err)
		}
		if err := s.q.PromoRedemptionInsert(ctx, tx, bookingdb.PromoRedemptionInsertParams{PromoID: promo.ID,
			BookingID: bookingID, UserID: accountPtr(userID)}); err != nil {
			return fmt.Errorf("redeem %s: %w", code, err)
		}
		c.Price, err = s.repriceLocked(ctx, tx, row, c.Booking.Seats, &promo)
		if err != nil {
			return err
		}
		return s.q.BookingEventInsert(ctx, tx, bookingdb.BookingEventInsertParams{BookingID: bookingID,
			Status: string(Held), Note: "promo code " + promo.Code + " applied"})
	})
	if err != nil {
		return Checkout{}, fmt.Errorf("apply promo code to booking %d: %w", bookingID, err)
	}
	return checkoutPriced(c), nil
}

// RemovePromo takes the promo code off the user's held booking (its use
// goes back to the code) and reprices it. Removing when there is none is
// fine. Errors: ErrNotFound; ErrInvalid when the hold has ended.
func (s *Service) RemovePromo(ctx context.Context, userID, bookingID int64) (Checkout, error) {
	c, err := s.BookingDetail(ctx, userID, bookingID)
	if err != nil {
		return Checkout{}, err
	}
	err = pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		row, err := s.lockHeld(ctx, tx, bookingID)
		if err != nil {
			return err
		}
		if err := s.q.PromoRedemptionDelete(ctx, tx, bookingID); err != nil {
			return fmt.Errorf("drop promo code: %w", err)
		}
		c.Price, err = s.repriceLocked(ctx, tx, row, c.Booking.Seats, nil)
		if err != nil || row.PromoCode == nil {
			return err
		}
		return s.q.BookingEventInsert(ctx, tx, bookingdb.BookingEventInsertParams{BookingID: bookingID,
			Status: string(Held), Note: "promo code " + *row.PromoCode + " removed"})
	})
	if err != nil {
		return Checkout{}, fmt.Errorf("remove promo code from booking %d: %w", bookingID, err)
	}
	return checkoutPriced(c), nil
}

// lockHeld locks a booking whose hold is still running.
// Errors: ErrInvalid (validate.Errors{"code"}) when it is not.
func (s *Service) lockHeld(ctx context.Context, tx pgx.Tx, id int64) (bookingdb.BookingBooking, error) {
	row, err := s.q.BookingGetForUpdate(ctx, tx, id)
	if err != nil {
		return bookingdb.BookingBooking{}, fmt.Errorf("lock booking: %w", err)
	}
	if !s.checkoutOpen(Status(row.Status), row.HoldExpiresAt) {
		return bookingdb.BookingBooking{}, validate.Errors{"code": msgHoldOver}
	}
	return row, nil
}
