package booking

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/booking/bookingdb"
	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/payments"
	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

// Exchange errors. Their messages are written for buyers.
var (
	// ErrExchangeClosed: the show starts too soon to change it online (the
	// cancellation cut-off has passed).
	ErrExchangeClosed = errors.New("this booking can no longer be moved to another show: the show starts too soon")
	// ErrNotExchangeable: the booking is not a paid, unused online booking
	// of the buyer's own (cancelled, checked in, sold at the counter or
	// passed on by someone else).
	ErrNotExchangeable = errors.New("this booking can't be moved to another show")
	// ErrSameShow: the booking is already for the show chosen.
	ErrSameShow = errors.New("your booking is already for this show: choose another one")
	// ErrShowNotAllowed: the show chosen is not one the booking may move
	// to (another movie, chain, city or currency, started, or not on sale).
	ErrShowNotAllowed = errors.New("your booking can't be moved to that show: choose one from the list")
	// ErrTicketTypeNotOffered: a ticket type of the booking (a child's, a
	// matinee's) is not sold for the show chosen.
	ErrTicketTypeNotOffered = errors.New("some of your tickets' types (such as child or senior) are not sold for that show: choose another show")
	// ErrExchangeChanged: the booking changed (another exchange of it won)
	// while this one was being made.
	ErrExchangeChanged = errors.New("your booking changed while you were choosing: please look at it again")
)

// exchangeHorizon is how far ahead the shows a booking may move to are
// listed, and exchangeChoices how many at most.
const (
	exchangeHorizon = 14 * 24 * time.Hour
	exchangeChoices = 24
)

// ExchangeQuote is what moving a booking to new seats of another show
// would mean for its buyer.
type ExchangeQuote struct {
	// Allowed is true while the booking may be moved (before Deadline).
	Allowed  bool
	Deadline time.Time
	From, To catalog.ShowDetail
	// OldSeats are the booking's seats now, Seats the new ones, in order.
	OldSeats, Seats []string
	// OldAmount is what the old seats cost, NewAmount the new ones at the
	// new show's prices; Difference is NewAmount - OldAmount: below zero
	// it is refunded, above zero it is paid before the exchange is made.
	OldAmount, NewAmount, Difference int64
	Currency                         string
	// Awaiting, after Exchange, is the payment of the difference the
	// exchange waits for (nil: it was made); the payment makes it.
	Awaiting *payments.PaymentRequest
	// tickets are the new seats sold as the old ones' ticket types.
	tickets []BookedSeat
}

// Refund is what the exchange gives back (0 when it costs the same).
func (q ExchangeQuote) Refund() int64 { return max(-q.Difference, 0) }

// exchangeWindow is when booking row of show d may still be moved: until
// the chain's cancellation cut-off.
func (s *Service) exchangeWindow(row bookingdb.BookingBooking, d catalog.ShowDetail) (deadline time.Time, open bool) {
	window, _ := s.cancelPolicy(d.Chain)
	deadline = d.StartsAt.Add(-window)
	return deadline, Status(row.Status) == Confirmed && row.CheckedInAt == nil && row.Channel != channelCounter &&
		d.Status != catalog.Cancelled && s.opts.Now().Before(deadline)
}

// exchangeTarget says why show to may not take a booking of show from at
// now (nil: it may): same chain, city and currency, on sale and not
// started, and the same movie unless the chain lets buyers change movie.
func exchangeTarget(from, to catalog.ShowDetail, now time.Time) error {
	switch {
	case to.ID == from.ID:
		return ErrSameShow
	case to.Chain.ID != from.Chain.ID, to.City.Slug != from.City.Slug, to.City.Currency != from.City.Currency,
		to.Movie.ID != from.Movie.ID && !from.Chain.Policy.ExchangeAnyMovie,
		to.Status != catalog.Scheduled, !now.Before(to.StartsAt):
		return fmt.Errorf("show %d for a booking of show %d: %w", to.ID, from.ID, ErrShowNotAllowed)
	}
	return nil
}

// ownBooking reads booking id if it is userID's. Errors: ErrNotFound.
func (s *Service) ownBooking(ctx context.Context, db bookingdb.DBTX, userID, id int64) (bookingdb.BookingBooking, error) {
	row, err := s.q.BookingGet(ctx, db, id)
	if errors.Is(err, pgx.ErrNoRows) || (err == nil && (userID == 0 || !ownedBy(row.UserID, userID))) {
		return row, fmt.Errorf("booking %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return row, fmt.Errorf("get booking %d: %w", id, err)
	}
	return row, nil
}

// exchangeable says whether booking row may be exchanged at all: a paid
// online booking of the buyer's own, not a food order, never passed on
// (a refund would go to whoever first paid). Errors: ErrNotFound (a food
// order), ErrNotExchangeable.
func (s *Service) exchangeable(ctx context.Context, db bookingdb.DBTX, row bookingdb.BookingBooking) error {
	if addon, err := s.isFoodAddon(ctx, db, row.ID); err != nil {
		return err
	} else if addon {
		return fmt.Errorf("food order %d: %w", row.ID, ErrNotFound)
	}
	if Status(row.Status) != Confirmed || row.CheckedInAt != nil || row.Channel == channelCounter || row.UserID == nil {
		return fmt.Errorf("booking %d is %s: %w", row.ID, row.Status, ErrNotExchangeable)
	}
	if epoch, err := s.ticketEpoch(ctx, db, row.ID); err != nil {
		return err
	} else if epoch > 0 {
		return fmt.Errorf("booking %d was passed on: %w", row.ID, ErrNotExchangeable)
	}
	return nil
}

// ExchangeOpen says whether userID may move booking id to another show
// now (the booking page shows "Change show" then). Errors: ErrNotFound.
func (s *Service) ExchangeOpen(ctx context.Context, userID, id int64) (bool, error) {
	row, err := s.ownBooking(ctx, s.pool, userID, id)
	if err != nil {
		return false, err
	}
	if err := s.exchangeable(ctx, s.pool, row); errors.Is(err, ErrNotExchangeable) || errors.Is(err, ErrNotFound) {
		return false, nil
	} else if err != nil {
		return false, err
	}
	d, err := s.shows.ShowDetail(ctx, row.ShowID)
	if err != nil {
		return false, fmt.Errorf("show of booking %d: %w", id, err)
	}
	_, open := s.exchangeWindow(row, d)
	return open, nil
}

// ExchangeShows lists the shows userID's booking id may move to: on sale,
// of the same chain, city and currency, of the same movie (any movie when
// the chain allows it), in the next two weeks, those nearest in time to
// the booking's show first kept, listed by start time. Errors:
// ErrNotFound, ErrNotExchangeable, ErrExchangeClosed.
func (s *Service) ExchangeShows(ctx context.Context, userID, id int64) (catalog.ShowDetail, []catalog.ShowDetail, error) {
	row, err := s.ownBooking(ctx, s.pool, userID, id)
	if err != nil {
		return catalog.ShowDetail{}, nil, err
	}
	if err := s.exchangeable(ctx, s.pool, row); err != nil {
		return catalog.ShowDetail{}, nil, err
	}
	from, err := s.shows.ShowDetail(ctx, row.ShowID)
	if err != nil {
		return catalog.ShowDetail{}, nil, fmt.Errorf("show of booking %d: %w", id, err)
	}
	if _, open := s.exchangeWindow(row, from); !open {
		return from, nil, fmt.Errorf("booking %d: %w", id, ErrExchangeClosed)
	}
	now := s.opts.Now()
	f := catalog.ShowFilter{MovieID: from.Movie.ID, From: now, Until: now.Add(exchangeHorizon)}
	if from.Chain.Policy.ExchangeAnyMovie {
		f.MovieID = 0
	}
	listed, err := s.shows.AdminShows(ctx, f)
	if err != nil {
		return from, nil, fmt.Errorf("shows for booking %d: %w", id, err)
	}
	slices.SortStableFunc(listed, func(a, b catalog.AdminShow) int {
		return int(from.StartsAt.Sub(a.StartsAt).Abs()/time.Second - from.StartsAt.Sub(b.StartsAt).Abs()/time.Second)
	})
	var out []catalog.ShowDetail
	for _, a := range listed {
		if len(out) == exchangeChoices {
			break
		}
		if a.ID == from.ID || a.Status != catalog.Scheduled || a.Currency != from.City.Currency {
			continue
		}
		d, err := s.shows.ShowDetail(ctx, a.ID)
		if err != nil {
			return from, nil, fmt.Errorf("show %d: %w", a.ID, err)
		}
		if exchangeTarget(from, d, now) == nil && d.Bookable(now) {
			out = append(out, d)
		}
	}
	slices.SortFunc(out, func(a, b catalog.ShowDetail) int { return a.StartsAt.Compare(b.StartsAt) })
	return from, out, nil
}

// exchangeSeats cleans the seats chosen: upper case, no repeats, in
// order, exactly as many as the booking has. Errors: validate.Errors.
func exchangeSeats(chosen []string, want int) ([]string, error) {
	var seats []string
	for _, c := range chosen {
		for _, one := range strings.Split(c, ",") {
			if one = strings.ToUpper(strings.TrimSpace(one)); one != "" && !slices.Contains(seats, one) {
				if !validSeatLabel(one) {
					return nil, validate.Errors{"seats": i18n.Msg("Choose seats from the seat map.")}
				}
				seats = append(seats, one)
			}
		}
	}
	if len(seats) != want {
		return nil, validate.Errors{"seats": i18n.Msg("Choose as many seats as your booking has.")}
	}
	slices.Sort(seats)
	return seats, nil
}
