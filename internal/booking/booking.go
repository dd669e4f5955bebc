// Package booking sells seats: each show's seat inventory, holds taken with
// SELECT ... FOR UPDATE, bookings and their life (held -> pending_payment ->
// confirmed -> cancelled/refunded; held -> expired), tickets and check-in.
// It owns the booking schema; it reads shows from the catalogue through the
// Shows interface.
package booking

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/marqueehq/marquee/internal/booking/bookingdb"
	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/authz"
	"github.com/marqueehq/marquee/internal/platform/metrics"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

// Sentinel errors. Their messages are written for buyers.
var (
	// ErrNotFound: no such show or booking (or not yours).
	ErrNotFound = errors.New("we couldn't find that booking")
	// ErrInvalid: the request failed validation (validate.Fields has details).
	ErrInvalid = validate.ErrInvalid
	// ErrSeatTaken: a chosen seat is held or sold (see *SeatsTakenError).
	ErrSeatTaken = errors.New("some of those seats were just taken")
	// ErrNotOnSale: the show is cancelled, started or over.
	ErrNotOnSale = errors.New("tickets for this show are no longer on sale")
)

// SeatsTakenError names the seats that went. It matches ErrSeatTaken.
type SeatsTakenError struct{ Seats []string }

func (e *SeatsTakenError) Error() string {
	return "seat " + strings.Join(e.Seats, ", ") + " was just taken by someone else; please pick again"
}

// Is makes errors.Is(err, ErrSeatTaken) true.
func (e *SeatsTakenError) Is(target error) bool { return target == ErrSeatTaken }

// Shows is what booking needs from the catalogue (*catalog.Service).
type Shows interface {
	ShowDetail(ctx context.Context, id int64) (catalog.ShowDetail, error)
	// ShowDetailTx reads a show inside the caller's transaction (the pool
	// rule: code in a transaction never asks the pool for a connection).
	ShowDetailTx(ctx context.Context, tx pgx.Tx, id int64) (catalog.ShowDetail, error)
	SetAvailability(ctx context.Context, showID int64, available int) error
	// ShowsForAdmin looks up many shows at once with the names a list
	// prints, so a list of bookings costs one catalogue query.
	ShowsForAdmin(ctx context.Context, ids []int64) (map[int64]catalog.AdminShow, error)
	// ScheduleChoices lists movies and theaters (promo code limits).
	ScheduleChoices(ctx context.Context) (catalog.ScheduleChoices, error)
	// TheaterIDsIn expands where staff may act into theater ids: all for
	// every theater, otherwise the theaters of f's chains and f's own.
	TheaterIDsIn(ctx context.Context, f authz.Filter) (all bool, ids []int64, err error)
	// AdminShows lists shows by start time (the box office's show list).
	AdminShows(ctx context.Context, f catalog.ShowFilter) ([]catalog.AdminShow, error)
	// Cities lists the cities with their currencies (a till's currency).
	Cities(ctx context.Context) ([]catalog.City, error)
	// ReportSource reads the theaters a manager's scope covers and, when
	// asked, the live shows of one or all of them in a window (reports).
	ReportSource(ctx context.Context, a catalog.ReportAsk) (catalog.ReportSource, error)
	// TheaterMenu reads a theater's food and drink, unavailable items too.
	TheaterMenu(ctx context.Context, theaterID int64) ([]catalog.MenuItem, error)
	// MenuStockTx takes (delta < 0) or gives back menu stock in the
	// caller's transaction, never below zero. Errors: catalog.ErrSoldOut.
	MenuStockTx(ctx context.Context, tx pgx.Tx, itemID int64, delta int) error
}

// Jobs enqueues background work inside a transaction (River's InsertTx).
type Jobs interface {
	ScheduleShowCancellation(ctx context.Context, tx pgx.Tx, showID int64) error
	ScheduleShowMoved(ctx context.Context, tx pgx.Tx, a ShowMovedArgs) error
}

// Options configure the Service.
type Options struct {
	// HoldTTL is how long chosen seats stay held (default 8 minutes).
	HoldTTL time.Duration
	// MaxSeats is the most seats one booking may have (default 10).
	MaxSeats int
	// Pricing sets the booking fee and tax (DefaultPricingPolicy when nil).
	Pricing *PricingPolicy
	// Now is the clock (tests); time.Now when nil.
	Now func() time.Time
	// Log receives errors of background work (discarded when nil).
	Log *slog.Logger
	// CancelWindow is how long before the show a buyer may still cancel
	// (default 2 hours); CancelFee is kept from the refund (minor units).
	CancelWindow time.Duration
	CancelFee    int64
	// FoodCutoff is how long before the show a buyer may still add food
	// to a paid booking (default 30 minutes).
	FoodCutoff time.Duration
	// Refunds gives money back for cancelled bookings; Notifier tells
	// buyers; Interactions feeds recommendations. Each is optional (nil: not
	// connected), for tests of one module.
	Refunds      Refunds
	Notifier     Notifier
	Interactions Interactions
	// Tickets signs the e-ticket a confirmation message carries.
	Tickets *Tickets
	// MaxUnpaidHolds caps the shows one account holds seats for, unpaid,
	// at once (0: no cap).
	MaxUnpaidHolds int
	// Events counts holds and purchases (nil: not counted).
	Events *metrics.Events
	// WaitlistOfferTTL is how long seats offered to a show's waitlist stay
	// held for the buyer (DefaultWaitlistOfferTTL when 0).
	WaitlistOfferTTL time.Duration
}

// Service sells seats.
type Service struct {
	pool  *pgxpool.Pool
	q     *bookingdb.Queries
	shows Shows
	jobs  Jobs
	opts  Options
	// avail and news coalesce a hot show's seat count for the catalogue
	// and its announcements to live seat maps; cache keeps shows on sale.
	avail *coalescer
	news  *coalescer
	cache *showCache
}

// NewService returns the booking service.
func NewService(pool *pgxpool.Pool, shows Shows, jobs Jobs, o Options) *Service {
	if o.HoldTTL <= 0 {
		o.HoldTTL = 8 * time.Minute
	}
	if o.MaxSeats <= 0 {
		o.MaxSeats = 10
	}
	if o.CancelWindow <= 0 {
		o.CancelWindow = 2 * time.Hour
	}
	if o.FoodCutoff <= 0 {
		o.FoodCutoff = 30 * time.Minute
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	if o.Refunds != nil {
		o.Refunds = exchangeRefunds{inner: o.Refunds, q: bookingdb.New()}
	}
	return &Service{pool: pool, q: bookingdb.New(), shows: shows, jobs: jobs, opts: o,
		avail: newCoalescer(availabilityEvery), news: newCoalescer(announceEvery), cache: newShowCache()}
}

// Status is where a booking is in its life.
type Status string

// Booking statuses.
const (
	Held           Status = "held"
	PendingPayment Status = "pending_payment"
	Confirmed      Status = "confirmed"
	Cancelled      Status = "cancelled"
	Refunded       Status = "refunded"
	Expired        Status = "expired"
	PaymentFailed  Status = "payment_failed"
)

// Booking is a buyer's claim on seats of one show.
type Booking struct {
	ID            int64
	Code          string
	ShowID        int64
	UserID        int64 // 0 when the buyer's account was deleted
	Status        Status
	HoldExpiresAt time.Time
	Currency      string
	Subtotal      int64
	Fee           int64
	Tax           int64
	Discount      int64
	Total         int64
	// Refund and CancelReason say what a cancellation gave back and why.
	Refund       int64
	CancelReason string
	Seats        []BookedSeat
	CreatedAt    time.Time
	// TicketEpoch is how often the booking was passed on (transfer.go):
	// signed into its e-ticket, so a transfer re-issues the ticket.
	TicketEpoch int
}

// BookedSeat is one seat of a booking with the price it was sold at.
type BookedSeat struct {
	Seat     string
	Category catalog.Category
	Price    int64
	// Ticket is the ticket type the seat is sold as, copied when chosen
	// (zero until the seat is loaded with it: read as Adult).
	Ticket SeatTicket
	// ListPrice is the seat's full price before its ticket type applied.
	ListPrice int64
}

func bookingFromRow(r bookingdb.BookingBooking) Booking {
	b := Booking{ID: r.ID, Code: r.Code, ShowID: r.ShowID, Status: Status(r.Status), HoldExpiresAt: r.HoldExpiresAt,
		Currency: r.Currency, Subtotal: r.SubtotalMinor, Fee: r.FeeMinor, Tax: r.TaxMinor, Discount: r.DiscountMinor,
		Total: r.TotalMinor, Refund: r.RefundMinor, CancelReason: r.CancelReason, CreatedAt: r.CreatedAt}
	if r.UserID != nil {
		b.UserID = *r.UserID
	}
	return b
}

// Booking returns a booking with its seats if it belongs to userID.
// Errors: ErrNotFound.
func (s *Service) Booking(ctx context.Context, userID, id int64) (Booking, error) {
	row, err := s.q.BookingGet(ctx, s.pool, id)
	if errors.Is(err, pgx.ErrNoRows) || (err == nil && !ownedBy(row.UserID, userID)) {
		return Booking{}, fmt.Errorf("booking %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return Booking{}, fmt.Errorf("get booking %d: %w", id, err)
	}
	b := bookingFromRow(row)
	seats, err := s.q.BookingSeatList(ctx, s.pool, id)
	if err != nil {
		return Booking{}, fmt.Errorf("seats of booking %d: %w", id, err)
	}
	for _, st := range seats {
		b.Seats = append(b.Seats, bookedSeatFromRow(st))
	}
	return b, nil
}
