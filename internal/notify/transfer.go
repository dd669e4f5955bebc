package notify

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// TransferMessage is a booking's tickets being passed to someone else:
// the offer emailed to the recipient (with the link to accept it) and, once
// accepted, the note to the sender. Booking hands it over; it keeps only
// the hash of the link's token, the message keeps the link as the email
// does (only Marquee's staff see the outbox).
type TransferMessage struct {
	TransferID int64 `json:"transfer_id"`
	BookingID  int64 `json:"booking_id"`
	// SenderID is the account that sent the tickets; SenderName is how
	// the offer names them to the recipient.
	SenderID   int64  `json:"sender_id"`
	SenderName string `json:"sender_name,omitempty"`
	// Email is the recipient's address.
	Email    string    `json:"email"`
	Movie    string    `json:"movie"`
	Theater  string    `json:"theater"`
	TimeZone string    `json:"time_zone"`
	StartsAt time.Time `json:"starts_at"`
	Seats    []string  `json:"seats"`
	// Path is the offer's page, "/transfers/<token>" (offers only).
	Path string `json:"path,omitempty"`
	// ExpiresAt is when the offer lapses.
	ExpiresAt time.Time `json:"expires_at"`
	Lang      string    `json:"lang,omitempty"`
	// Accepted marks the sender's note that the recipient took them.
	Accepted bool `json:"accepted,omitempty"`
	// Received marks the receiver's own e-ticket once they accepted: Code
	// is their booking's new code, Path its e-ticket (a guest's access
	// link), ReceiverID their account (0 for a guest, reached at Email).
	Received   bool   `json:"received,omitempty"`
	Code       string `json:"code,omitempty"`
	ReceiverID int64  `json:"receiver_id,omitempty"`
}

// TicketTransferOffered asks, inside tx, for the email that offers the
// tickets to m.Email with the link to accept them. Asking twice for one
// transfer sends one. Errors: ErrInvalid (no address or no link).
func (s *Service) TicketTransferOffered(ctx context.Context, tx pgx.Tx, m TransferMessage) error {
	if !strings.Contains(m.Email, "@") || !strings.HasPrefix(m.Path, "/transfers/") {
		return fmt.Errorf("transfer %d without its address or link: %w", m.TransferID, ErrInvalid)
	}
	m.Lang, m.Accepted = askedIn(ctx, m.Lang), false
	_, err := s.enqueue(ctx, tx, message{key: "transfer.offered:" + strconv.FormatInt(m.TransferID, 10), kind: KindTicketTransfer,
		category: Transactional, email: m.Email, data: payload{Transfer: &m}})
	return err
}

// TicketTransferAccepted asks, inside tx, for the email telling the
// sender (m.SenderID) that m.Email accepted their tickets. Asking twice
// for one transfer sends one. Errors: ErrInvalid (no sender).
func (s *Service) TicketTransferAccepted(ctx context.Context, tx pgx.Tx, m TransferMessage) error {
	if m.SenderID == 0 {
		return fmt.Errorf("transfer %d without its sender: %w", m.TransferID, ErrInvalid)
	}
	m.Lang, m.Accepted, m.Path = askedIn(ctx, m.Lang), true, ""
	_, err := s.enqueue(ctx, tx, message{key: "transfer.accepted:" + strconv.FormatInt(m.TransferID, 10), kind: KindTicketTransfer,
		category: Transactional, userID: m.SenderID, data: payload{Transfer: &m}})
	return err
}

// TicketTransferReceived asks, inside tx, for the email that gives the
// receiver of tickets (m.ReceiverID, or a guest at m.Email) their booking's
// new code and the link to their e-ticket (m.Path). Asking twice for one
// transfer sends one. Errors: ErrInvalid (no code or link, or nobody to
// send it to).
func (s *Service) TicketTransferReceived(ctx context.Context, tx pgx.Tx, m TransferMessage) error {
	if m.Code == "" || !strings.HasPrefix(m.Path, "/bookings/") || (m.ReceiverID == 0 && !strings.Contains(m.Email, "@")) {
		return fmt.Errorf("transfer %d without the receiver's code, link or address: %w", m.TransferID, ErrInvalid)
	}
	m.Lang, m.Accepted, m.Received = askedIn(ctx, m.Lang), false, true
	msg := message{key: "transfer.received:" + strconv.FormatInt(m.TransferID, 10), kind: KindTicketTransfer,
		category: Transactional, userID: m.ReceiverID, data: payload{Transfer: &m}}
	if m.ReceiverID == 0 {
		msg.email = m.Email
	}
	_, err := s.enqueue(ctx, tx, msg)
	return err
}
