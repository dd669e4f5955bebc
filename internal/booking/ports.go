package booking

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/notify"
	"github.com/marqueehq/marquee/internal/payments"
)

// Refunds gives money back for cancelled bookings: *payments.Refunds, which
// needs only the job queue, so booking gets it at construction even though
// the payments service is built after booking (it reports outcomes to it).
type Refunds interface {
	// Refund asks, inside tx, for amount (minor units) of the booking's
	// payment back; the provider is called later by a job. Asking again
	// with the same Key changes nothing.
	Refund(ctx context.Context, tx pgx.Tx, r payments.RefundRequest) error
}

// PaymentPages is what the Pay button needs from the payments module
// (*payments.Service, whose own request type the port takes). Booking never
// holds a database lock while Begin runs.
type PaymentPages interface {
	// Begin starts, or resumes, paying for a booking that is pending
	// payment and returns the path of the page where the buyer pays.
	Begin(ctx context.Context, p payments.PaymentRequest) (payPath string, err error)
	// BeginForApp is Begin for the mobile apps: it returns the payment as
	// the app shows it (what the native SDKs or the test cards need).
	BeginForApp(ctx context.Context, p payments.PaymentRequest) (payments.AppPayment, error)
	// ReceiptsForBooking lists the receipts, tax invoices and credit notes
	// issued for the booking's payments, oldest first.
	ReceiptsForBooking(ctx context.Context, bookingID int64) ([]payments.ReceiptLink, error)
}

// Notifier sends the buyer messages about their booking: *notify.Service,
// whose own message type the port takes. Each call runs inside the
// transaction that made the change, so a message goes out exactly when the
// change commits.
type Notifier interface {
	BookingConfirmed(ctx context.Context, tx pgx.Tx, m notify.BookingMessage) error
	BookingCancelled(ctx context.Context, tx pgx.Tx, m notify.BookingMessage) error
	// ShowMoved tells the buyer their show now starts at m.StartsAt
	// instead of m.OldStartsAt; asking twice about one move sends once.
	ShowMoved(ctx context.Context, tx pgx.Tx, m notify.BookingMessage) error
	PaymentFailed(ctx context.Context, tx pgx.Tx, m notify.BookingMessage) error
}

// Interactions records what buyers do for recommendations (the recommend
// module), inside the transaction that made the change.
type Interactions interface {
	Booked(ctx context.Context, tx pgx.Tx, userID, movieID int64) error
	BookingCancelled(ctx context.Context, tx pgx.Tx, userID, movieID int64) error
}

// TheaterBookings is the part of an Interactions that hears at which
// theater a buyer booked (recommend attributes it to a suggested theater
// they clicked). An Interactions without it hears only the movie.
type TheaterBookings interface {
	BookedAt(ctx context.Context, tx pgx.Tx, userID, theaterID int64) error
}

// Interests is the part of an Interactions that records a buyer wanting
// a movie they could not book yet: joining a sold-out show's waitlist
// counts as following the movie. An Interactions without it records
// nothing for a waitlist.
type Interests interface {
	Followed(ctx context.Context, tx pgx.Tx, userID, movieID int64) error
}

// GiftCardIssuer issues gift cards (*payments.Service, whose own request
// and result types the port takes). A card sold at the counter is issued
// inside the transaction that records the sale in the till, so the sale
// and its card commit together or not at all.
type GiftCardIssuer interface {
	// IssueGiftCardTx makes a new card of r.Amount in tx and returns it
	// with its code, which is never readable again. Errors: ErrInvalid
	// (validate.Errors: amount, recipient_name, recipient_email, message, ...).
	IssueGiftCardTx(ctx context.Context, tx pgx.Tx, r payments.IssueRequest) (payments.IssuedCard, error)
}
