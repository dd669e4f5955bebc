package booking

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/booking/bookingdb"
	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/notify"
	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/pg"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

// maxTransferTokenLen bounds what is hashed (a real token is 43 characters).
const maxTransferTokenLen = 128

// TransferOffer is what the offer's page shows: the show and the seats.
type TransferOffer struct {
	Transfer
	Show catalog.ShowDetail
	// Seats are the seats offered: some of the booking's, or all it holds.
	Seats []string
	// OwnerID is the booking's owner now (the sender while it is pending).
	OwnerID int64
	// ToBookingID is the receiver's booking once accepted.
	ToBookingID int64
}

// TransferReceivedNotifier sends the receiver of tickets their new code
// and e-ticket link (*notify.Service), inside the accepting transaction.
// A Notifier without it sends nothing.
type TransferReceivedNotifier interface {
	TicketTransferReceived(ctx context.Context, tx pgx.Tx, m notify.TransferMessage) error
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
	o := TransferOffer{Transfer: transferFromRow(r, s.opts.Now()), Show: d, Seats: r.Seats}
	if row.UserID != nil {
		o.OwnerID = *row.UserID
	}
	if r.ToBookingID != nil {
		o.ToBookingID = *r.ToBookingID
	}
	if len(o.Seats) == 0 {
		seats, err := s.q.BookingSeatList(ctx, s.pool, row.ID)
		if err != nil {
			return TransferOffer{}, fmt.Errorf("seats of booking %d: %w", row.ID, err)
		}
		for _, st := range seats {
			o.Seats = append(o.Seats, st.Seat)
		}
	}
	return o, nil
}

// AcceptTransfer gives the seats offered by token to account userID
// (email is their address, for the history): see acceptTransfer. It
// returns the id of the receiver's booking. Errors: ErrNotFound (no such
// link), ErrTransferGone, ErrNotTransferable (also when userID already
// owns the booking).
func (s *Service) AcceptTransfer(ctx context.Context, userID int64, email, token string) (int64, error) {
	if userID == 0 {
		return 0, fmt.Errorf("accept transfer without an account: %w", ErrNotFound)
	}
	return s.acceptTransfer(ctx, transferReceiver{userID: userID, email: strings.ToLower(strings.TrimSpace(email))}, token)
}

// AcceptTransferGuest gives the seats offered by token to a guest: email
// must be the address the offer was sent to (the link alone is not
// enough), lang is the language of their messages. The receiver's booking
// is a guest booking, opened by its access link (GuestAccessToken), which
// is emailed to them with the new code. Errors: as AcceptTransfer, and
// validate.Errors (field email: not the offer's address).
func (s *Service) AcceptTransferGuest(ctx context.Context, email, lang, token string) (int64, error) {
	email = strings.ToLower(strings.TrimSpace(email))
	if !i18n.Supported(lang) {
		lang = i18n.Lang(ctx)
	}
	return s.acceptTransfer(ctx, transferReceiver{email: email, lang: lang}, token)
}

// errTransferEmail refuses a guest whose address is not the offer's.
func errTransferEmail() error {
	return validate.Errors{"email": i18n.Msg("Enter the email address these tickets were sent to.")}
}

// acceptTransfer gives the seats offered by token to the receiver. In one
// transaction it locks the booking, checks the offer is still open and the
// booking still the sender's, paid, not checked in, its show not started
// and the seats offered still in it; then it gives the whole booking to
// the receiver under a new code, or splits the seats offered off into a
// new booking of theirs (the sender keeps the rest). Either way the
// sender's booking's ticket epoch goes up, so the e-ticket the sender
// holds is refused at the door from the commit on and a new one issued;
// the code the sender knows never admits the seats sent. It writes both
// bookings' history, tells the sender and sends the receiver their
// e-ticket. Of two accepts of one offer exactly one wins; the other gets
// ErrTransferGone.
func (s *Service) acceptTransfer(ctx context.Context, to transferReceiver, token string) (int64, error) {
	first, err := s.transferByToken(ctx, s.pool, token)
	if err != nil {
		return 0, err
	}
	id := first.BookingID
	var out int64
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
		if to.userID == 0 && to.email != r.ToEmail {
			return errTransferEmail()
		}
		if b.UserID == nil || *b.UserID != r.FromUserID || *b.UserID == to.userID {
			return fmt.Errorf("booking %d is no longer the sender's, or is already yours: %w", id, ErrNotTransferable)
		}
		d, err := s.shows.ShowDetailTx(ctx, tx, b.ShowID)
		if err != nil {
			return fmt.Errorf("show of booking %d: %w", id, err)
		}
		if err := transferable(b, d, now); err != nil {
			return err
		}
		if out, err = s.passOn(ctx, tx, id, r, to); err != nil {
			return err
		}
		if err := s.q.TransferDecide(ctx, tx, bookingdb.TransferDecideParams{ID: r.ID, State: string(TransferAccepted),
			ToUserID: to.userPtr(), ToBookingID: &out, Now: now}); err != nil {
			return fmt.Errorf("accept transfer %d: %w", r.ID, err)
		}
		return s.transferAccepted(ctx, tx, r, b, d, out, to)
	})
	if err != nil {
		return 0, err
	}
	return out, nil
}

// passOn gives the seats of offer r of the locked booking id to the
// receiver: the whole booking, or a new one split off it. It returns the
// receiver's booking. Errors: ErrNotTransferable (a seat offered is no
// longer in the booking).
func (s *Service) passOn(ctx context.Context, tx pgx.Tx, id int64, r bookingdb.BookingBookingTransfer, to transferReceiver) (int64, error) {
	row, err := s.q.BookingGet(ctx, tx, id)
	if err != nil {
		return 0, fmt.Errorf("get booking %d: %w", id, err)
	}
	live, err := s.q.BookingSeatList(ctx, tx, id)
	if err != nil {
		return 0, fmt.Errorf("seats of booking %d: %w", id, err)
	}
	seats, err := chooseSeats(r.Seats, live)
	if err != nil {
		return 0, fmt.Errorf("seats %v of transfer %d are no longer all in booking %d: %w", r.Seats, r.ID, id, ErrNotTransferable)
	}
	if seats == nil {
		return id, s.giveBooking(ctx, tx, id, to)
	}
	return s.splitBooking(ctx, tx, row, live, seats, to)
}

// transferAccepted writes the history of offer r's acceptance on the
// sender's booking b and the receiver's booking toID, tells the sender and
// sends the receiver their code and e-ticket link.
func (s *Service) transferAccepted(ctx context.Context, tx pgx.Tx, r bookingdb.BookingBookingTransfer,
	b bookingdb.TransferBookingLockRow, d catalog.ShowDetail, toID int64, to transferReceiver,
) error {
	who := "guest " + to.email
	if to.userID != 0 {
		who = fmt.Sprintf("user #%d (%s)", to.userID, to.email)
	}
	m, err := s.transferMessage(ctx, tx, r, b, d)
	if err != nil {
		return err
	}
	if len(r.Seats) > 0 { // split off: no longer in b to list
		m.Seats = r.Seats
	}
	seats := strings.Join(m.Seats, ", ")
	notes := []struct {
		id   int64
		note string
	}{
		{b.ID, fmt.Sprintf("tickets passed on by user #%d to %s: the sender's e-ticket no longer admits", r.FromUserID, r.ToEmail)},
		{toID, fmt.Sprintf("tickets accepted by %s; new code and e-ticket issued", who)},
	}
	if toID != b.ID {
		notes[0].note = fmt.Sprintf("seats %s passed on by user #%d to %s as booking #%d: a new e-ticket issued for the rest", seats, r.FromUserID, r.ToEmail, toID)
		notes[1].note = fmt.Sprintf("seats %s of booking #%d accepted by %s; own code and e-ticket issued", seats, b.ID, who)
	}
	for _, n := range notes {
		if err := s.q.BookingEventInsert(ctx, tx, bookingdb.BookingEventInsertParams{BookingID: n.id,
			Status: string(Confirmed), Note: n.note}); err != nil {
			return fmt.Errorf("history of booking %d: %w", n.id, err)
		}
	}
	// The receiver is going to see the movie: their recommendations learn
	// it as a booking (a guest has no account to learn for).
	if s.opts.Interactions != nil && to.userID != 0 {
		if err := s.opts.Interactions.Booked(ctx, tx, to.userID, d.Movie.ID); err != nil {
			return fmt.Errorf("recommendations of user %d: %w", to.userID, err)
		}
	}
	if n, ok := s.opts.Notifier.(TransferNotifier); ok {
		if err := n.TicketTransferAccepted(ctx, tx, m); err != nil {
			return err
		}
	}
	n, ok := s.opts.Notifier.(TransferReceivedNotifier)
	if !ok {
		return nil
	}
	row, err := s.q.BookingGet(ctx, tx, toID)
	if err != nil {
		return fmt.Errorf("get booking %d: %w", toID, err)
	}
	m.BookingID, m.Code, m.ReceiverID, m.Email, m.Lang = toID, row.Code, to.userID, to.email, to.lang
	m.Path = "/bookings/" + strconv.FormatInt(toID, 10) + "/ticket"
	if to.userID == 0 && s.opts.Tickets != nil {
		m.Path = "/bookings/access/" + s.GuestAccessToken(toID, to.email)
	}
	return n.TicketTransferReceived(ctx, tx, m)
}
