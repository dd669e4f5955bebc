package booking

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/booking/bookingdb"
	"github.com/marqueehq/marquee/internal/catalog"
)

// transferLimit is chain c's TransferLimit, or DefaultTransferLimit.
func transferLimit(c catalog.Chain) int {
	if c.Policy.TransferLimit != nil {
		return *c.Policy.TransferLimit
	}
	return DefaultTransferLimit
}

// TransferInfo is what a booking's page says about passing it on.
type TransferInfo struct {
	// Pending is the offer waiting for its recipient, if any.
	Pending *Transfer
	// Received: the booking was passed on (to its owner now).
	Received bool
	// CanSend: it may be offered now (paid, not checked in, show ahead).
	CanSend bool
}

// TransferInfoFor says whether userID's booking id was passed on, has an
// offer waiting and may be offered now. Errors: ErrNotFound (not theirs).
func (s *Service) TransferInfoFor(ctx context.Context, userID, id int64) (TransferInfo, error) {
	row, err := s.q.BookingGet(ctx, s.pool, id)
	if errors.Is(err, pgx.ErrNoRows) || (err == nil && (userID == 0 || !ownedBy(row.UserID, userID))) {
		return TransferInfo{}, fmt.Errorf("booking %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return TransferInfo{}, fmt.Errorf("get booking %d: %w", id, err)
	}
	var info TransferInfo
	if info.Received, err = s.Transferred(ctx, id); err != nil {
		return TransferInfo{}, err
	}
	now := s.opts.Now()
	r, err := s.q.TransferPending(ctx, s.pool, id)
	switch {
	case err == nil:
		if t := transferFromRow(r, now); t.State == TransferPending {
			info.Pending = &t
		}
	case !errors.Is(err, pgx.ErrNoRows):
		return TransferInfo{}, fmt.Errorf("pending transfer of booking %d: %w", id, err)
	}
	d, err := s.shows.ShowDetail(ctx, row.ShowID)
	if err != nil {
		return TransferInfo{}, fmt.Errorf("show of booking %d: %w", id, err)
	}
	lock := bookingdb.TransferBookingLockRow{ID: row.ID, UserID: row.UserID, Status: row.Status, CheckedInAt: row.CheckedInAt}
	info.CanSend = info.Pending == nil && transferable(lock, d, now) == nil
	return info, nil
}

// Transferred reports whether booking id was ever passed on, whole or in
// part, or split off another booking: its tickets then cannot be
// cancelled online, since the payment stays with the booking first paid.
func (s *Service) Transferred(ctx context.Context, id int64) (bool, error) {
	moved, err := s.q.TransferInvolved(ctx, s.pool, id)
	if err != nil {
		return false, fmt.Errorf("transfers of booking %d: %w", id, err)
	}
	return moved, nil
}

// ticketEpoch is booking id's ticket epoch (see Booking.TicketEpoch), read
// with db (the caller's transaction, or the pool).
func (s *Service) ticketEpoch(ctx context.Context, db bookingdb.DBTX, id int64) (int, error) {
	n, err := s.q.TransferTicketEpoch(ctx, db, id)
	if err != nil {
		return 0, fmt.Errorf("ticket epoch of booking %d: %w", id, err)
	}
	return int(n), nil
}

// scannedEpoch is the ticket epoch a scanned ticket of booking id must
// carry to get in (0 for a typed code, which names no epoch).
func (s *Service) scannedEpoch(ctx context.Context, in CheckInInput, id int64) (int, error) {
	if in.TicketShowID == 0 {
		return 0, nil
	}
	return s.ticketEpoch(ctx, s.pool, id)
}
