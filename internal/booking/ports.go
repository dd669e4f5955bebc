package booking

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
)

// Payments takes and returns money for bookings (the payments module,
// connected in main). Booking never holds a database lock while Begin runs.
type Payments interface {
	// Begin starts, or resumes, paying for a booking that is pending
	// payment and returns the path of the page where the buyer pays.
	Begin(ctx context.Context, p PaymentRequest) (payPath string, err error)
	// Refund asks, inside tx, for amount (minor units) of the booking's
	// payment back; the provider is called later by a job. Asking again
	// with the same Key changes nothing.
	Refund(ctx context.Context, tx pgx.Tx, r RefundRequest) error
}

// PaymentRequest is what a payment needs to know about its booking.
type PaymentRequest struct {
	BookingID int64
	Code      string
	UserID    int64
	Amount    int64 // minor units
	Currency  string
	// Description is what the buyer's statement and the card page show.
	Description string
	// ReturnPath is where the buyer goes once the payment has an outcome.
	ReturnPath string
	// HoldExpiresAt is when the seats go back on sale if nothing is paid.
	HoldExpiresAt time.Time
}

// RefundRequest asks for money back on a booking.
type RefundRequest struct {
	BookingID int64
	Amount    int64 // minor units; the whole payment when equal to it
	Reason    string
	// Key makes the request idempotent (e.g. "cancel:<booking id>").
	Key string
}

// Notifier sends the buyer messages about their booking (the notify
// module). Each call runs inside the transaction that made the change, so a
// message goes out exactly when the change commits.
type Notifier interface {
	BookingConfirmed(ctx context.Context, tx pgx.Tx, m BookingMessage) error
	BookingCancelled(ctx context.Context, tx pgx.Tx, m BookingMessage) error
	PaymentFailed(ctx context.Context, tx pgx.Tx, m BookingMessage) error
}

// BookingMessage carries everything a message about a booking shows, so the
// notify module never reads booking tables.
type BookingMessage struct {
	BookingID int64
	UserID    int64
	Code      string
	MovieID   int64
	Movie     string
	Theater   string
	Screen    string
	TimeZone  string // the theater's IANA zone
	StartsAt  time.Time
	Seats     []string
	Total     int64 // minor units
	Refund    int64 // minor units (cancellations)
	Currency  string
	// TicketPath is the e-ticket page; TicketToken is the QR code's payload.
	TicketPath  string
	TicketToken string
	// Reason explains a cancellation or failed payment in a sentence.
	Reason string
	// ByCinema is true when the cinema cancelled the show.
	ByCinema bool
}

// Interactions records what buyers do for recommendations (the recommend
// module), inside the transaction that made the change.
type Interactions interface {
	Booked(ctx context.Context, tx pgx.Tx, userID, movieID int64) error
	BookingCancelled(ctx context.Context, tx pgx.Tx, userID, movieID int64) error
}
