package notify

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"

	"github.com/marqueehq/marquee/internal/notify/notifydb"
)

// BookingMessage is everything a message about a booking shows (booking
// hands it over, so notify never reads booking's tables).
type BookingMessage struct {
	BookingID int64     `json:"booking_id"`
	UserID    int64     `json:"user_id"`
	Code      string    `json:"code"`
	MovieID   int64     `json:"movie_id"`
	Movie     string    `json:"movie"`
	Theater   string    `json:"theater"`
	Screen    string    `json:"screen"`
	TimeZone  string    `json:"time_zone"`
	StartsAt  time.Time `json:"starts_at"`
	// OldStartsAt is when a moved show was to start (KindShowMoved).
	OldStartsAt time.Time `json:"old_starts_at"`
	Seats       []string  `json:"seats"`
	// SeatTypes names each seat's ticket type ("Child"), in the order of
	// Seats; empty, or "" for a seat, when none was chosen.
	SeatTypes   []string `json:"seat_types,omitempty"`
	Total       int64    `json:"total"`
	Refund      int64    `json:"refund"`
	Currency    string   `json:"currency"`
	TicketPath  string   `json:"ticket_path"`
	TicketToken string   `json:"ticket_token"`
	Reason      string   `json:"reason"`
	ByCinema    bool     `json:"by_cinema"`
	// Lang is the language the booking was made in; notify records the
	// asking request's when it is empty. The account's choice comes first.
	Lang string `json:"lang,omitempty"`
	// The cinema chain's brand: its name, colour ("#rrggbb") and the note
	// it prints on tickets (shown with the confirmation and reminder).
	ChainName  string `json:"chain_name,omitempty"`
	BrandColor string `json:"brand_color,omitempty"`
	TicketNote string `json:"ticket_note,omitempty"`
	// Guest is the recipient of a guest booking (UserID 0): its messages
	// go to this address, in this language. TicketPath is then the
	// booking's access link.
	Guest *Recipient `json:"guest,omitempty"`
}

// Recipient is whom a message about a booking without an account goes to.
type Recipient struct {
	Email string `json:"email"`
	Phone string `json:"phone,omitempty"`
	Lang  string `json:"lang,omitempty"`
}

// guestEmail is the address of a guest booking's messages ("" for an
// account's booking, or a booking nobody can be told about).
func (m BookingMessage) guestEmail() string {
	if m.UserID != 0 || m.Guest == nil {
		return ""
	}
	return m.Guest.Email
}

// AccountMessage is an account email: verification, password reset, a
// sign-up with a taken address, an email change.
type AccountMessage struct {
	Kind Kind   `json:"kind"`
	To   string `json:"to"`
	Name string `json:"name"`
	Link string `json:"link"`
	// Lang is the language the email is written in (the asking request's
	// when empty); the account's choice comes first once there is one.
	Lang string `json:"lang,omitempty"`
}

// MovieNews is the movie an alert is about.
type MovieNews struct {
	ID      int64    `json:"id"`
	Slug    string   `json:"slug"`
	Title   string   `json:"title"`
	Tagline string   `json:"tagline"`
	Genres  []string `json:"genres"`
}

// Offer is an announcement written by the cinema.
type Offer struct {
	ID      int64  `json:"id"`
	Subject string `json:"subject"`
	Body    string `json:"body"`
	Link    string `json:"link"`
}

// payload is a message's data: exactly one part is set.
type payload struct {
	Booking *BookingMessage `json:"booking,omitempty"`
	Account *AccountMessage `json:"account,omitempty"`
	Movie   *MovieNews      `json:"movie,omitempty"`
	Offer   *Offer          `json:"offer,omitempty"`
	Receipt *ReceiptMessage `json:"receipt,omitempty"`
	// GiftCard carries a card's code, kept with its message as the email
	// keeps it (only Marquee's staff, who issue cards, see the outbox).
	GiftCard *GiftCardMessage `json:"gift_card,omitempty"`
	// Transfer carries an offer's link, kept as the email keeps it.
	Transfer *TransferMessage `json:"transfer,omitempty"`
	// Waitlist carries a waitlist offer.
	Waitlist *WaitlistOfferMessage `json:"waitlist,omitempty"`
	// SeatsCancelled is a partial cancellation of a booking.
	SeatsCancelled *SeatsCancelledMessage `json:"seats_cancelled,omitempty"`
	// Exchange is a booking moved to another show.
	Exchange *ExchangeMessage `json:"exchange,omitempty"`
	// Picks and Shows are chosen when the message is sent, never stored.
	Picks []Pick     `json:"-"`
	Shows []ShowPick `json:"-"`
}

// lang is the language the message was asked for in ("" for none).
func (p payload) lang() string {
	switch {
	case p.Booking != nil:
		return p.Booking.Lang
	case p.Account != nil:
		return p.Account.Lang
	case p.Receipt != nil:
		return p.Receipt.Lang
	case p.GiftCard != nil:
		return p.GiftCard.Lang
	case p.Transfer != nil:
		return p.Transfer.Lang
	case p.Waitlist != nil:
		return p.Waitlist.Lang
	case p.SeatsCancelled != nil:
		return p.SeatsCancelled.Booking.Lang
	case p.Exchange != nil:
		return p.Exchange.Booking.Lang
	}
	return ""
}

// SendArgs is the job that delivers one message on every channel its
// recipient wants.
type SendArgs struct {
	MessageID int64 `json:"message_id"`
}

// Kind names the job in River.
func (SendArgs) Kind() string { return "notify.send" }

// sendMaxAttempts bounds the retries of a message (about two days with
// River's backoff).
const sendMaxAttempts = 12

// message is one message to record and send.
type message struct {
	key      string
	kind     Kind
	category Category
	userID   int64  // 0 for an address without an account
	email    string // the address when userID is 0
	data     payload
	at       time.Time // zero: now
}

// enqueue records m and its send job inside tx. A message whose key was
// already recorded is not asked for again: it returns 0.
func (s *Service) enqueue(ctx context.Context, tx pgx.Tx, m message) (jobID int64, err error) {
	data, err := json.Marshal(m.data)
	if err != nil {
		return 0, fmt.Errorf("encode message %s: %w", m.key, err)
	}
	var user *int64
	if m.userID != 0 {
		user = &m.userID
	}
	id, err := s.q.MessageInsert(ctx, tx, notifydb.MessageInsertParams{DedupKey: m.key, Kind: string(m.kind),
		Category: string(m.category), UserID: user, Email: m.email, Data: data})
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("record message %s: %w", m.key, err)
	}
	opts := &river.InsertOpts{MaxAttempts: sendMaxAttempts}
	if !m.at.IsZero() {
		opts.ScheduledAt = m.at
	}
	res, err := s.jobs.InsertTx(ctx, tx, SendArgs{MessageID: id}, opts)
	if err != nil {
		return 0, fmt.Errorf("enqueue message %s: %w", m.key, err)
	}
	return res.Job.ID, nil
}

// enqueueMany records one message per user (keys keyPrefix+userID, so a
// repeated batch asks nobody twice) and their send jobs inside tx, and
// returns how many were new.
func (s *Service) enqueueMany(ctx context.Context, tx pgx.Tx, keyPrefix string, kind Kind, cat Category, data payload, users []int64) (int, error) {
	if len(users) == 0 {
		return 0, nil
	}
	raw, err := json.Marshal(data)
	if err != nil {
		return 0, fmt.Errorf("encode %s messages: %w", kind, err)
	}
	ids, err := s.q.MessageInsertMany(ctx, tx, notifydb.MessageInsertManyParams{KeyPrefix: keyPrefix, Kind: string(kind),
		Category: string(cat), Data: raw, UserIds: users})
	if err != nil {
		return 0, fmt.Errorf("record %d %s messages: %w", len(users), kind, err)
	}
	params := make([]river.InsertManyParams, len(ids))
	for i, id := range ids {
		params[i] = river.InsertManyParams{Args: SendArgs{MessageID: id}, InsertOpts: &river.InsertOpts{MaxAttempts: sendMaxAttempts}}
	}
	if len(params) > 0 {
		if _, err := s.jobs.InsertManyFastTx(ctx, tx, params); err != nil {
			return 0, fmt.Errorf("enqueue %d %s messages: %w", len(params), kind, err)
		}
	}
	return len(ids), nil
}
