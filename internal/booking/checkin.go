package booking

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/booking/bookingdb"
	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/authz"
	"github.com/marqueehq/marquee/internal/platform/pg"
)

// DoorsOpen is how long before a show starts its guests are let in; they
// can come in until the film ends.
const DoorsOpen = time.Hour

// CheckInInput is one scan (or typed code) at the door.
type CheckInInput struct {
	// Code is the booking's code, from the verified ticket or typed.
	Code string
	// TicketShowID is the show a scanned ticket names, 0 for a typed code.
	TicketShowID int64
	// TicketEpoch is the ticket epoch a scanned ticket carries; a ticket
	// issued before the booking was passed on is refused (TicketMismatch).
	TicketEpoch int
	// TicketSeats are the seats a scanned ticket names (nil for a typed
	// code): a ticket naming a seat the booking no longer has (cancelled
	// since) is refused as TicketMismatch.
	TicketSeats []string
	// ShowID is the show this door lets in, 0 for any show whose doors
	// are open.
	ShowID int64
	// StaffID is who let the guest in (written to the booking's history).
	StaffID int64
	// Where is where the staff member may check guests in; a booking at
	// any other theater is not found, exactly like an unknown code. Nil
	// means everywhere.
	Where *authz.Filter
}

// CheckInOutcome says whether the guest may go in, and if not, why.
type CheckInOutcome string

// Check-in outcomes. Only Admitted lets the guest in.
const (
	Admitted         CheckInOutcome = "admitted"
	AlreadyCheckedIn CheckInOutcome = "already_checked_in"
	OtherShow        CheckInOutcome = "other_show"
	NotConfirmed     CheckInOutcome = "not_confirmed"
	ShowCancelled    CheckInOutcome = "show_cancelled"
	TooEarly         CheckInOutcome = "too_early"
	ShowOver         CheckInOutcome = "show_over"
	// TicketMismatch: a validly signed ticket names another show than its
	// booking has, or was issued before the booking was passed on (the
	// booking changed after the ticket was issued).
	TicketMismatch CheckInOutcome = "ticket_mismatch"
)

// CheckIn is the door's verdict on one booking.
type CheckIn struct {
	Outcome CheckInOutcome
	// Booking has CheckedInAt set when the guest is (now or already) in.
	Booking StaffBooking
	Show    catalog.ShowDetail
}

// CheckIn lets a booking's guests in, once. The booking must be confirmed,
// for the chosen show (if any), and its show not cancelled, with doors
// open (DoorsOpen before the start until the film ends). Marking it is a
// conditional UPDATE, so two devices scanning the same ticket at the same
// moment admit it exactly once; the other sees AlreadyCheckedIn.
// Refusals are outcomes, not errors. Errors: ErrNotFound (also for a
// booking outside in.Where).
func (s *Service) CheckIn(ctx context.Context, in CheckInInput) (CheckIn, error) {
	b, err := s.staffBooking(ctx, in.Code)
	if err != nil {
		return CheckIn{}, err
	}
	d, err := s.shows.ShowDetail(ctx, b.ShowID)
	if err != nil {
		return CheckIn{}, fmt.Errorf("show of booking %s: %w", b.Code, err)
	}
	if in.Where != nil && !in.Where.Allows(d.Theater.Place()) {
		return CheckIn{}, fmt.Errorf("booking %s at theater %d: %w", b.Code, d.Theater.ID, ErrNotFound)
	}
	ci := CheckIn{Booking: b, Show: d}
	epoch, err := s.scannedEpoch(ctx, in, b.ID)
	if err != nil {
		return CheckIn{}, err
	}
	now := s.opts.Now()
	switch {
	case in.TicketShowID != 0 && in.TicketEpoch != epoch:
		ci.Outcome = TicketMismatch
	case in.TicketShowID != 0 && in.TicketShowID != b.ShowID, !ticketSeatsHeld(in.TicketSeats, b.Seats):
		ci.Outcome = TicketMismatch
	case in.ShowID != 0 && in.ShowID != b.ShowID:
		ci.Outcome = OtherShow
	case b.Status != Confirmed:
		ci.Outcome = NotConfirmed
	case b.CheckedInAt != nil:
		ci.Outcome = AlreadyCheckedIn
	case d.Status == catalog.Cancelled:
		ci.Outcome = ShowCancelled
	case now.Before(d.StartsAt.Add(-DoorsOpen)):
		ci.Outcome = TooEarly
	case now.After(d.EndsAt):
		ci.Outcome = ShowOver
	}
	if ci.Outcome != "" {
		return ci, nil
	}
	err = pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		at, err := s.q.BookingCheckIn(ctx, tx, bookingdb.BookingCheckInParams{ID: b.ID, At: now})
		if errors.Is(err, pgx.ErrNoRows) {
			// Someone else got there first (or the booking was cancelled
			// meanwhile): read what happened.
			row, err := s.q.BookingGet(ctx, tx, b.ID)
			if err != nil {
				return fmt.Errorf("re-read booking %s: %w", b.Code, err)
			}
			ci.Booking.Status, ci.Booking.CheckedInAt, ci.Outcome = Status(row.Status), row.CheckedInAt, NotConfirmed
			if row.CheckedInAt != nil {
				ci.Outcome = AlreadyCheckedIn
			}
			return nil
		}
		if err != nil {
			return fmt.Errorf("check in booking %s: %w", b.Code, err)
		}
		ci.Booking.CheckedInAt, ci.Outcome = at, Admitted
		note := "checked in at the door"
		if in.StaffID != 0 {
			note = fmt.Sprintf("checked in at the door by staff #%d", in.StaffID)
		}
		return s.q.BookingEventInsert(ctx, tx, bookingdb.BookingEventInsertParams{BookingID: b.ID, Status: string(Confirmed), Note: note})
	})
	if err != nil {
		return CheckIn{}, err
	}
	return ci, nil
}

// ticketSeatsHeld says whether the booking still has every seat a ticket
// names (true for no ticket).
func ticketSeatsHeld(ticket []string, seats []BookedSeat) bool {
	for _, t := range ticket {
		if !slices.ContainsFunc(seats, func(st BookedSeat) bool { return st.Seat == t }) {
			return false
		}
	}
	return true
}
