package booking

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/booking/bookingdb"
	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/pg"
)

// maxTransferTokenLen bounds what is hashed (a real token is 43 characters).
const maxTransferTokenLen = 128

// TransferOffer is what the offer's page shows: the show and the seats.
type TransferOffer struct {
	Transfer
	Show  catalog.ShowDetail
	Seats []string
	// OwnerID is the booking's owner now (the sender while it is pending).
	OwnerID int64
}

// transferByToken finds the offer of token. Errors: ErrNotFound.
func (s *Service) transferByToken(ctx context.Context, db bookingdb.DBTX, token string) (bookingdb.BookingBookingTransfer, error) {
	token = strings.TrimSpace(token)
	if token == "" || len(token) > maxTransferTokenLen {
		return bookingdb.BookingBookingTransfer{}, fmt.Errorf("transfer token: %w", ErrNotFound)
	}
	r, err := s.q.TransferGetByHash(ctx, db, transferTokenHash(token))
	if errors.Is(err, pgx.ErrNoRows) {
		return r, fmt.Errorf("transfer token: %w", ErrNotFound)
	}
	if err != nil {
		return r, fmt.Errorf("get transfer by token: %w", err)
	}
	return r, nil
}

// TransferOfferByToken reads the offer behind a link, whatever its state
// (the page says when it is no longer open). Errors: ErrNotFound (no such
// link).
func (s *Service) TransferOfferByToken(ctx context.Context, token string) (TransferOffer, error) {
	r, err := s.transferByToken(ctx, s.pool, token)
	if err != nil {
		return TransferOffer{}, err
	}
	row, err := s.q.BookingGet(ctx, s.pool, r.BookingID)
	if err != nil {
		return TransferOffer{}, fmt.Errorf("booking %d of transfer %d: %w", r.BookingID, r.ID, err)
	}
	d, err := s.shows.ShowDetail(ctx, row.ShowID)
	if err != nil {
		return TransferOffer{}, fmt.Errorf("show of booking %d: %w", row.ID, err)
	}
	seats, err := s.q.BookingSeatList(ctx, s.pool, row.ID)
	if err != nil {
		return TransferOffer{}, fmt.Errorf("seats of booking %d: %w", row.ID, err)
	}
	o := TransferOffer{Transfer: transferFromRow(r, s.opts.Now()), Show: d}
	if row.UserID != nil {
		o.OwnerID = *row.UserID
	}
	for _, st := range seats {
		o.Seats = append(o.Seats, st.Seat)
	}
	return o, nil
}

// AcceptTransfer gives the booking offered by token to account userID
// (email is their address, for the history). In one transaction it locks
// the booking, checks the offer is still open and the booking still the
// sender's, paid, not checked in and its show not started, moves it,
// re-issues its ticket (the epoch signed into it goes up, so the sender's
// QR code is refused at the door from the commit on), writes the history
// and tells the sender. Of two accepts of one offer exactly one wins; the
// other gets ErrTransferGone. It returns the booking's id.
// Errors: ErrNotFound (no such link), ErrTransferGone, ErrNotTransferable
// (also when userID already owns it).
func (s *Service) AcceptTransfer(ctx context.Context, userID int64, email, token string) (int64, error) {
	if userID == 0 {
		return 0, fmt.Errorf("accept transfer without an account: %w", ErrNotFound)
	}
	first, err := s.transferByToken(ctx, s.pool, token)
	if err != nil {
		return 0, err
	}
	id := first.BookingID
	err = pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		b, err := s.q.TransferBookingLock(ctx, tx, id)
		if err != nil {
			return fmt.Errorf("lock booking %d: %w", id, err)
		}
		// Read again under the booking's lock: another accept or a cancel
		// may have decided the offer while this one waited.
		r, err := s.q.TransferGetForUpdate(ctx, tx, first.ID)
		if err != nil {
			return fmt.Errorf("get transfer %d: %w", first.ID, err)
		}
		now := s.opts.Now()
		if transferFromRow(r, now).State != TransferPending {
			return fmt.Errorf("transfer %d is %s: %w", r.ID, r.State, ErrTransferGone)
		}
		if b.UserID == nil || *b.UserID != r.FromUserID || *b.UserID == userID {
			return fmt.Errorf("booking %d is no longer the sender's, or is already yours: %w", id, ErrNotTransferable)
		}
		d, err := s.shows.ShowDetailTx(ctx, tx, b.ShowID)
		if err != nil {
			return fmt.Errorf("show of booking %d: %w", id, err)
		}
		if err := transferable(b, d, now); err != nil {
			return err
		}
		if err := s.q.TransferMoveBooking(ctx, tx, bookingdb.TransferMoveBookingParams{ID: id, ToUserID: &userID}); err != nil {
			return fmt.Errorf("move booking %d: %w", id, err)
		}
		if err := s.q.TransferDecide(ctx, tx, bookingdb.TransferDecideParams{ID: r.ID, State: string(TransferAccepted),
			ToUserID: &userID, Now: now}); err != nil {
			return fmt.Errorf("accept transfer %d: %w", r.ID, err)
		}
		for _, note := range []string{
			fmt.Sprintf("tickets passed on by user #%d to %s; the sender's e-ticket no longer admits", r.FromUserID, r.ToEmail),
			fmt.Sprintf("tickets accepted by user #%d (%s); new e-ticket issued", userID, strings.ToLower(strings.TrimSpace(email))),
		} {
			if err := s.q.BookingEventInsert(ctx, tx, bookingdb.BookingEventInsertParams{BookingID: id,
				Status: string(Confirmed), Note: note}); err != nil {
				return fmt.Errorf("history of booking %d: %w", id, err)
			}
		}
		if n, ok := s.opts.Notifier.(TransferNotifier); ok {
			m, err := s.transferMessage(ctx, tx, r, b, d)
			if err != nil {
				return err
			}
			return n.TicketTransferAccepted(ctx, tx, m)
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return id, nil
}
