package booking

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/booking/bookingdb"
	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/pg"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

// transferReceiver is who accepts an offer: an account, or a guest known
// by the offer's address only.
type transferReceiver struct {
	userID int64  // 0 for a guest
	email  string // lower case
	lang   string // a guest's language, for their messages
}

func (r transferReceiver) userPtr() *int64 { return accountPtr(r.userID) }

// guestFields are the guest columns of the receiver's booking (nil for an
// account).
func (r transferReceiver) guestFields() (email, lang *string) {
	if r.userID != 0 {
		return nil, nil
	}
	return &r.email, &r.lang
}

// chooseSeats checks the seats a sender picked against the booking's live
// seats: it returns them upper-cased and sorted, or nil for all of them
// (nothing picked, or every seat). Errors: validate.Errors (field seats: a
// seat not in the booking).
func chooseSeats(picked []string, live []bookingdb.BookingBookingSeat) ([]string, error) {
	var want []string
	for _, p := range picked {
		if p = strings.ToUpper(strings.TrimSpace(p)); p != "" && !slices.Contains(want, p) {
			want = append(want, p)
		}
	}
	for _, seat := range want {
		if !slices.ContainsFunc(live, func(st bookingdb.BookingBookingSeat) bool { return st.Live && st.Seat == seat }) {
			return nil, validate.Errors{"seats": i18n.Msg("Choose the seats to send from this booking's seats.")}
		}
	}
	if len(want) == 0 || len(want) == len(live) {
		return nil, nil
	}
	slices.Sort(want)
	return want, nil
}

// withNewCode runs write with a fresh booking code inside a savepoint of
// tx, drawing again on the rare clash with an existing code.
func withNewCode(ctx context.Context, tx pgx.Tx, write func(code string) error) (string, error) {
	for range 5 {
		code, err := newCode()
		if err != nil {
			return "", err
		}
		sp, err := tx.Begin(ctx)
		if err != nil {
			return "", fmt.Errorf("savepoint: %w", err)
		}
		err = write(code)
		if pg.IsUniqueViolation(err, "bookings_code_key") {
			if rbErr := sp.Rollback(ctx); rbErr != nil {
				return "", fmt.Errorf("roll back to savepoint: %w", rbErr)
			}
			continue
		}
		if err != nil {
			return "", err
		}
		if err := sp.Commit(ctx); err != nil {
			return "", fmt.Errorf("release savepoint: %w", err)
		}
		return code, nil
	}
	return "", fmt.Errorf("no free booking code after 5 tries")
}

// giveBooking hands the whole locked booking id to the receiver under a new
// code, so the code and QR its sender knew find nothing at the door.
func (s *Service) giveBooking(ctx context.Context, tx pgx.Tx, id int64, to transferReceiver) error {
	ge, gl := to.guestFields()
	_, err := withNewCode(ctx, tx, func(code string) error {
		return s.q.TransferGiveBooking(ctx, tx, bookingdb.TransferGiveBookingParams{ID: id, ToUserID: to.userPtr(),
			GuestEmail: ge, GuestLang: gl, Code: code})
	})
	if err != nil {
		return fmt.Errorf("give booking %d: %w", id, err)
	}
	return nil
}

// splitBooking moves seats of the locked booking row to a new confirmed
// booking of the receiver's, with their shares of its amounts (as a
// partial cancellation prices them, seatShare), and lowers the sender's
// booking by as much. It returns the new booking's id. The payment stays
// with row: neither booking is then cancelled online.
func (s *Service) splitBooking(ctx context.Context, tx pgx.Tx, row bookingdb.BookingBooking,
	live []bookingdb.BookingBookingSeat, seats []string, to transferReceiver,
) (int64, error) {
	var subtotal int64
	for _, st := range live {
		subtotal += st.PriceMinor
	}
	var sum bookingdb.TransferSplitInsertParams
	for _, st := range live {
		if !slices.Contains(seats, st.Seat) {
			continue
		}
		part, whole := st.PriceMinor, subtotal
		if whole == 0 { // free seats: shares by count
			part, whole = 1, int64(len(live))
		}
		sh := seatShare{row: st, fee: share(row.FeeMinor, part, whole), tax: share(row.TaxMinor, part, whole),
			discount: share(row.DiscountMinor, part, whole)}
		sh.cost = max(st.PriceMinor+sh.fee+sh.tax-sh.discount, 0)
		sum.SubtotalMinor += st.PriceMinor
		sum.FeeMinor, sum.TaxMinor, sum.DiscountMinor = sum.FeeMinor+sh.fee, sum.TaxMinor+sh.tax, sum.DiscountMinor+sh.discount
		sum.TotalMinor += sh.cost
	}
	sum.TotalMinor = min(sum.TotalMinor, row.TotalMinor)
	sum.ToUserID, sum.FromID = to.userPtr(), row.ID
	sum.GuestEmail, sum.GuestLang = to.guestFields()
	var newID int64
	_, err := withNewCode(ctx, tx, func(code string) error {
		p := sum
		p.Code = code
		var err error
		newID, err = s.q.TransferSplitInsert(ctx, tx, p)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("split booking %d: %w", row.ID, err)
	}
	n, err := s.q.TransferMoveSeats(ctx, tx, bookingdb.TransferMoveSeatsParams{ToID: newID, FromID: row.ID, Seats: seats})
	if err != nil {
		return 0, fmt.Errorf("move seats %v of booking %d: %w", seats, row.ID, err)
	}
	if n != int64(len(seats)) {
		return 0, fmt.Errorf("booking %d holds %d of seats %v: %w", row.ID, n, seats, ErrNotTransferable)
	}
	if err := s.q.TransferMoveShowSeats(ctx, tx, bookingdb.TransferMoveShowSeatsParams{ToID: &newID,
		ShowID: row.ShowID, FromID: &row.ID, Seats: seats}); err != nil {
		return 0, fmt.Errorf("seat map of booking %d: %w", row.ID, err)
	}
	if err := s.q.TransferSplitShrink(ctx, tx, bookingdb.TransferSplitShrinkParams{ID: row.ID,
		SubtotalMinor: sum.SubtotalMinor, FeeMinor: sum.FeeMinor, TaxMinor: sum.TaxMinor,
		DiscountMinor: sum.DiscountMinor, TotalMinor: sum.TotalMinor}); err != nil {
		return 0, fmt.Errorf("lower booking %d: %w", row.ID, err)
	}
	return newID, nil
}
