package booking

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"net/mail"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/booking/bookingdb"
	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/notify"
	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/pg"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

// DefaultTransferLimit is how many times one booking may be passed on
// when its chain sets no TransferLimit. Each transfer re-issues the
// ticket, so the cap bounds how long a chain of resellers can grow.
const DefaultTransferLimit = 3

// TransferOffersPerHour caps the offer emails one booking may send in an
// hour (sent, cancelled and re-sent ones all count), so the form cannot be
// used to mail strangers in bulk.
const TransferOffersPerHour = 3

// TransferLife is how long an offer stays open at most; it always lapses
// when the show starts.
const TransferLife = 7 * 24 * time.Hour

// Transfer errors. Their messages are written for buyers.
var (
	// ErrTransferGone: the offer was accepted, cancelled or has expired.
	ErrTransferGone = errors.New("this offer of tickets has already been accepted, cancelled or has expired")
	// ErrNotTransferable: the booking cannot be passed on now (not paid,
	// checked in, the show started or was cancelled, or a guest's booking).
	ErrNotTransferable = errors.New("these tickets can no longer be passed on")
	// ErrTransferLimit: passed on as often as its chain allows, or too many
	// offers sent in the last hour.
	ErrTransferLimit = errors.New("these tickets can't be sent again now")
	// ErrTransferPending: an offer is already waiting; cancel it first.
	ErrTransferPending = errors.New("these tickets are already on offer to someone: cancel that offer first")
	// ErrTransferredNoCancel: tickets passed on are not cancelled online
	// (the refund would go to the card of whoever first paid).
	ErrTransferredNoCancel = errors.New("tickets passed on from someone else can't be cancelled online: please ask the cinema")
)

// TransferState is where an offer is in its life.
type TransferState string

// Transfer states. A pending offer past its expiry reads as expired.
const (
	TransferPending   TransferState = "pending"
	TransferAccepted  TransferState = "accepted"
	TransferCancelled TransferState = "cancelled"
	TransferExpired   TransferState = "expired"
)

// Transfer is an offer of a booking's tickets to someone else.
type Transfer struct {
	ID        int64
	BookingID int64
	Email     string
	// Seats are the seats offered; nil for all the booking held.
	Seats     []string
	State     TransferState
	ExpiresAt time.Time
	CreatedAt time.Time
	// DecidedAt is when it was accepted, cancelled or marked expired.
	DecidedAt *time.Time
	// ToBookingID is the receiver's booking once accepted (BookingID when
	// the whole booking went); ToGuest: a guest accepted it.
	ToBookingID int64
	ToGuest     bool
}

// TransferNotifier emails transfer offers and tells senders they were
// accepted (*notify.Service), inside the transaction that made the change.
// The booking's Notifier is used when it also satisfies this; otherwise no
// email goes out (tests of the booking module alone).
type TransferNotifier interface {
	TicketTransferOffered(ctx context.Context, tx pgx.Tx, m notify.TransferMessage) error
	TicketTransferAccepted(ctx context.Context, tx pgx.Tx, m notify.TransferMessage) error
}

// Sender is the account sending tickets, as the offer names them.
type Sender struct {
	ID   int64
	Name string
}

// SentTransfer is an offer just made, with the token of its link (the
// only time it is known: only its hash is kept).
type SentTransfer struct {
	Transfer
	Token string
}

func transferFromRow(r bookingdb.BookingBookingTransfer, now time.Time) Transfer {
	t := Transfer{ID: r.ID, BookingID: r.BookingID, Email: r.ToEmail, Seats: r.Seats, State: TransferState(r.State),
		ExpiresAt: r.ExpiresAt, CreatedAt: r.CreatedAt, DecidedAt: r.DecidedAt}
	if r.ToBookingID != nil {
		t.ToBookingID, t.ToGuest = *r.ToBookingID, r.ToUserID == nil
	}
	if t.State == TransferPending && !now.Before(r.ExpiresAt) {
		t.State = TransferExpired
	}
	return t
}

func transferTokenHash(token string) []byte {
	h := sha256.Sum256([]byte(token))
	return h[:]
}

// parseTransferEmail checks the recipient's address; it returns it in
// lower case.
func parseTransferEmail(raw string) (string, error) {
	email := strings.TrimSpace(raw)
	a, err := mail.ParseAddress(email)
	if email == "" || err != nil || a.Address != email || len(email) > 254 {
		return "", validate.Errors{"email": i18n.Msg("Enter the email address of the person to send the tickets to, like name@example.com.")}
	}
	return strings.ToLower(email), nil
}

// transferable says why booking b of show d cannot be passed on at now
// (nil: it can).
func transferable(b bookingdb.TransferBookingLockRow, d catalog.ShowDetail, now time.Time) error {
	switch {
	case b.UserID == nil || Status(b.Status) != Confirmed:
		return fmt.Errorf("booking %d is %s: %w", b.ID, b.Status, ErrNotTransferable)
	case b.CheckedInAt != nil:
		return fmt.Errorf("booking %d is checked in: %w", b.ID, ErrNotTransferable)
	case d.Status == catalog.Cancelled || !now.Before(d.StartsAt):
		return fmt.Errorf("show %d started or was cancelled: %w", d.ID, ErrNotTransferable)
	}
	return nil
}

// SendTransfer offers seats of from's confirmed booking id (nil or all of
// them: the whole booking) to the person at email, until the show starts
// or TransferLife, and emails them the link. Errors: ErrNotFound (not
// from's), ErrInvalid (email: a bad address; seats: a seat not in the
// booking), ErrNotTransferable, ErrTransferPending, ErrTransferLimit.
func (s *Service) SendTransfer(ctx context.Context, from Sender, id int64, email string, seats []string) (SentTransfer, error) {
	to, err := parseTransferEmail(email)
	if err != nil {
		return SentTransfer{}, err
	}
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return SentTransfer{}, fmt.Errorf("transfer token: %w", err)
	}
	token := base64.RawURLEncoding.EncodeToString(raw)
	var out SentTransfer
	err = pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		b, err := s.q.TransferBookingLock(ctx, tx, id)
		if errors.Is(err, pgx.ErrNoRows) || (err == nil && (from.ID == 0 || !ownedBy(b.UserID, from.ID))) {
			return fmt.Errorf("booking %d: %w", id, ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("lock booking %d: %w", id, err)
		}
		d, err := s.shows.ShowDetailTx(ctx, tx, b.ShowID)
		if err != nil {
			return fmt.Errorf("show of booking %d: %w", id, err)
		}
		now := s.opts.Now()
		if err := transferable(b, d, now); err != nil {
			return err
		}
		live, err := s.q.BookingSeatList(ctx, tx, id)
		if err != nil {
			return fmt.Errorf("seats of booking %d: %w", id, err)
		}
		chosen, err := chooseSeats(seats, live)
		if err != nil {
			return err
		}
		if err := s.q.TransferExpireStale(ctx, tx, bookingdb.TransferExpireStaleParams{BookingID: id, Now: now}); err != nil {
			return fmt.Errorf("expire old offers of booking %d: %w", id, err)
		}
		n, err := s.q.TransferCounts(ctx, tx, bookingdb.TransferCountsParams{BookingID: id, Since: now.Add(-time.Hour)})
		if err != nil {
			return fmt.Errorf("count transfers of booking %d: %w", id, err)
		}
		if int(n.Accepted) >= transferLimit(d.Chain) || n.SentSince >= TransferOffersPerHour {
			return fmt.Errorf("booking %d passed on %d times, %d offers this hour: %w", id, n.Accepted, n.SentSince, ErrTransferLimit)
		}
		expires := now.Add(TransferLife)
		if d.StartsAt.Before(expires) {
			expires = d.StartsAt
		}
		row, err := s.q.TransferInsert(ctx, tx, bookingdb.TransferInsertParams{BookingID: id, FromUserID: from.ID,
			ToEmail: to, TokenHash: transferTokenHash(token), ExpiresAt: expires, Seats: chosen, Now: now})
		if pg.IsUniqueViolation(err, "booking_transfers_one_pending") {
			return fmt.Errorf("booking %d: %w", id, ErrTransferPending)
		}
		if err != nil {
			return fmt.Errorf("record transfer of booking %d: %w", id, err)
		}
		out = SentTransfer{Transfer: transferFromRow(row, now), Token: token}
		if err := s.q.BookingEventInsert(ctx, tx, bookingdb.BookingEventInsertParams{BookingID: id, Status: string(Confirmed),
			Note: fmt.Sprintf("%s offered to %s by user #%d", seatsNote(chosen), to, from.ID)}); err != nil {
			return fmt.Errorf("history of booking %d: %w", id, err)
		}
		if n, ok := s.opts.Notifier.(TransferNotifier); ok {
			m, err := s.transferMessage(ctx, tx, row, b, d)
			if err != nil {
				return err
			}
			m.SenderName, m.Path = from.Name, "/transfers/"+token
			return n.TicketTransferOffered(ctx, tx, m)
		}
		return nil
	})
	if err != nil {
		return SentTransfer{}, err
	}
	return out, nil
}

// seatsNote names the seats of an offer for the history.
func seatsNote(seats []string) string {
	if len(seats) == 0 {
		return "all the tickets"
	}
	return "seats " + strings.Join(seats, ", ")
}

// transferMessage describes transfer r of booking b (show d) for an email.
func (s *Service) transferMessage(ctx context.Context, tx pgx.Tx, r bookingdb.BookingBookingTransfer,
	b bookingdb.TransferBookingLockRow, d catalog.ShowDetail,
) (notify.TransferMessage, error) {
	seats, err := s.q.BookingSeatList(ctx, tx, b.ID)
	if err != nil {
		return notify.TransferMessage{}, fmt.Errorf("seats of booking %d: %w", b.ID, err)
	}
	m := notify.TransferMessage{TransferID: r.ID, BookingID: b.ID, SenderID: r.FromUserID, Email: r.ToEmail,
		Movie: d.Movie.Title, Theater: d.Theater.Name, TimeZone: d.Theater.TimeZone, StartsAt: d.StartsAt, ExpiresAt: r.ExpiresAt}
	for _, st := range seats {
		if len(r.Seats) == 0 || slices.Contains(r.Seats, st.Seat) {
			m.Seats = append(m.Seats, st.Seat)
		}
	}
	return m, nil
}

// CancelTransfer withdraws userID's pending offer tid of booking id; the
// link stops working at once. Errors: ErrNotFound (not theirs),
// ErrTransferGone (accepted, cancelled or expired already).
func (s *Service) CancelTransfer(ctx context.Context, userID, id, tid int64) error {
	return pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		b, err := s.q.TransferBookingLock(ctx, tx, id)
		if errors.Is(err, pgx.ErrNoRows) || (err == nil && (userID == 0 || !ownedBy(b.UserID, userID))) {
			return fmt.Errorf("booking %d: %w", id, ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("lock booking %d: %w", id, err)
		}
		r, err := s.q.TransferGetForUpdate(ctx, tx, tid)
		if errors.Is(err, pgx.ErrNoRows) || (err == nil && (r.BookingID != id || r.FromUserID != userID)) {
			return fmt.Errorf("transfer %d of booking %d: %w", tid, id, ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("get transfer %d: %w", tid, err)
		}
		now := s.opts.Now()
		if transferFromRow(r, now).State != TransferPending {
			return fmt.Errorf("transfer %d: %w", tid, ErrTransferGone)
		}
		if err := s.q.TransferDecide(ctx, tx, bookingdb.TransferDecideParams{ID: tid, State: string(TransferCancelled), Now: now}); err != nil {
			return fmt.Errorf("cancel transfer %d: %w", tid, err)
		}
		return s.q.BookingEventInsert(ctx, tx, bookingdb.BookingEventInsertParams{BookingID: id, Status: string(Confirmed),
			Note: fmt.Sprintf("offer of the tickets to %s withdrawn", r.ToEmail)})
	})
}
