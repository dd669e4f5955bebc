package payments

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/platform/authz"
)

// Viewer is who asks to see a document: a signed-in user, the bookings a
// guest's session holds grants for, and where they work as staff.
type Viewer struct {
	UserID        int64
	GuestBookings []int64
	Scope         authz.Scope
}

// ReceiptFor returns document id when v may see it: the buyer who paid
// (a guest through their grant for the booking), staff who sell at its
// theater, and Marquee's own staff.
// Errors: ErrNotFound (also someone else's document).
func (s *Service) ReceiptFor(ctx context.Context, v Viewer, id int64) (Receipt, error) {
	row, err := s.q.ReceiptGet(ctx, s.pool, id)
	if errors.Is(err, pgx.ErrNoRows) {
		return Receipt{}, fmt.Errorf("document %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return Receipt{}, fmt.Errorf("get document %d: %w", id, err)
	}
	pay, err := s.q.PaymentGet(ctx, s.pool, row.PaymentID)
	if err != nil {
		return Receipt{}, fmt.Errorf("payment of document %d: %w", id, err)
	}
	owner := pay.UserID != nil && *pay.UserID != 0 && *pay.UserID == v.UserID
	guest := (pay.UserID == nil || *pay.UserID == 0) && s.guestReaches(ctx, v.GuestBookings, row.BookingID)
	staff := v.Scope.Can(authz.Sell, authz.Place{ChainID: row.ChainID, TheaterID: row.TheaterID})
	if !owner && !guest && !staff {
		return Receipt{}, fmt.Errorf("document %d: %w", id, ErrNotFound)
	}
	return receiptFromRow(row)
}

// guestReaches reports whether a guest holding grants for bookings may
// see booking id's documents: its own grant, or the grant of the booking
// it is a food order of.
func (s *Service) guestReaches(ctx context.Context, grants []int64, id int64) bool {
	if slices.Contains(grants, id) {
		return true
	}
	if len(grants) == 0 || s.opts.FoodOrderParent == nil {
		return false
	}
	parent, err := s.opts.FoodOrderParent(ctx, id)
	return err == nil && parent != 0 && slices.Contains(grants, parent)
}

// ReceiptsForBooking lists a booking's documents, oldest first, for its
// page to link to (the caller has checked the booking is the viewer's).
func (s *Service) ReceiptsForBooking(ctx context.Context, bookingID int64) ([]ReceiptLink, error) {
	rows, err := s.q.ReceiptListForBooking(ctx, s.pool, bookingID)
	if err != nil {
		return nil, fmt.Errorf("documents of booking %d: %w", bookingID, err)
	}
	out := make([]ReceiptLink, len(rows))
	for i, r := range rows {
		d := Receipt{ID: r.ID}
		out[i] = ReceiptLink{ID: r.ID, Kind: r.Kind, Number: r.DisplayNumber, Gross: r.GrossMinor, Currency: r.Currency,
			IssuedAt: r.IssuedAt, Path: d.Path(), PDFPath: d.Path() + "/pdf"}
	}
	return out, nil
}
