package booking_test

import (
	"context"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/notify"
)

// offerBox is an outbox that also records waitlist offers.
type offerBox struct {
	*outbox
	omu    sync.Mutex
	offers []notify.WaitlistOfferMessage
}

func (o *offerBox) WaitlistOffer(_ context.Context, _ pgx.Tx, m notify.WaitlistOfferMessage) error {
	o.omu.Lock()
	defer o.omu.Unlock()
	o.offers = append(o.offers, m)
	return nil
}

// waitlistSetup is setup with an offerBox and the clock the test sets.
func waitlistSetup(t *testing.T) (*testBundle, *offerBox, *testClock) {
	t.Helper()
	box := &offerBox{outbox: &outbox{}}
	c := &testClock{at: time.Now()}
	o := withOutbox(box.outbox, booking.Options{Now: c.now})
	o.Notifier = box
	return setup(t, o), box, c
}

// sellOut leaves only the seats keep on sale (the rest blocked, as a
// house would) and sells each of them to a buyer of its own (ids 1000+),
// returning the bookings by seat.
func (b *testBundle) sellOut(t *testing.T, keep ...string) map[string]booking.Booking {
	t.Helper()
	ctx := context.Background()
	_, err := b.svc.SeatMap(ctx, b.show.ID) // the show's seats exist
	require.NoError(t, err)
	_, err = b.pool.Exec(ctx, "UPDATE booking.show_seats SET state = 'blocked' WHERE show_id = $1 AND state = 'free' AND NOT (seat = ANY($2))",
		b.show.ID, keep)
	require.NoError(t, err)
	out := map[string]booking.Booking{}
	for i, seat := range keep {
		h, err := b.svc.Hold(ctx, int64(1000+i), b.show.ID, []string{seat})
		require.NoError(t, err)
		require.NoError(t, b.confirm(t, h.ID))
		out[seat] = h
	}
	return out
}

// join puts user in the line and returns the entry.
func (b *testBundle) join(t *testing.T, user int64, j booking.WaitlistJoin) booking.WaitlistEntry {
	t.Helper()
	e, err := b.svc.JoinWaitlist(context.Background(), user, b.show.ID, j)
	require.NoError(t, err)
	return e
}

// cancelSeat has the buyer of seat cancel it and runs the job it queued.
func (b *testBundle) cancelSeat(t *testing.T, bk booking.Booking) {
	t.Helper()
	ctx := context.Background()
	before := b.waitlistJobs(t)
	_, err := b.svc.Cancel(ctx, bk.UserID, bk.ID)
	require.NoError(t, err)
	require.Equal(t, before+1, b.waitlistJobs(t), "the cancellation queued the waitlist's job")
	_, err = b.svc.MatchWaitlist(ctx, b.show.ID)
	require.NoError(t, err)
}

// waitlistJobs counts the waitlist jobs queued for the show.
func (b *testBundle) waitlistJobs(t *testing.T) int {
	t.Helper()
	var n int
	require.NoError(t, b.pool.QueryRow(context.Background(),
		"SELECT count(*) FROM river.river_job WHERE kind = 'booking.waitlist_offer' AND (args->>'show_id')::bigint = $1",
		b.show.ID).Scan(&n))
	return n
}

// entry is the user's entry as they see it (state, position, offer).
func (b *testBundle) entry(t *testing.T, user int64) booking.WaitlistEntry {
	t.Helper()
	es, err := b.svc.MyWaitlist(context.Background(), user)
	require.NoError(t, err)
	require.NotEmpty(t, es)
	return es[0]
}

// heldFor is the user's held offer seats.
func (b *testBundle) heldFor(t *testing.T, user int64) []string {
	t.Helper()
	e := b.entry(t, user)
	if e.OfferBookingID == 0 {
		return nil
	}
	bk, err := b.svc.Booking(context.Background(), user, e.OfferBookingID)
	require.NoError(t, err)
	require.Equal(t, booking.Held, bk.Status)
	var out []string
	for _, s := range bk.Seats {
		out = append(out, s.Seat)
	}
	return out
}

func TestJoiningTheWaitlistNeedsTooFewFreeSeatsAndOneEntryEach(t *testing.T) {
	t.Parallel()
	b, _, _ := waitlistSetup(t)
	ctx := context.Background()
	_, err := b.svc.JoinWaitlist(ctx, 1, b.show.ID, booking.WaitlistJoin{Seats: 2})
	require.ErrorIs(t, err, booking.ErrNotSoldOut, "199 seats free")
	b.sellOut(t, "C5")
	_, err = b.svc.JoinWaitlist(ctx, 1, b.show.ID, booking.WaitlistJoin{Seats: 0})
	require.ErrorIs(t, err, booking.ErrInvalid)
	_, err = b.svc.JoinWaitlist(ctx, 1, b.show.ID, booking.WaitlistJoin{Seats: 11})
	require.ErrorIs(t, err, booking.ErrInvalid)
	first := b.join(t, 1, booking.WaitlistJoin{Seats: 2, Together: true, MaxPrice: 1200})
	require.Equal(t, booking.WaitlistWaiting, first.State)
	require.Equal(t, 1, first.Position)
	_, err = b.svc.JoinWaitlist(ctx, 1, b.show.ID, booking.WaitlistJoin{Seats: 1})
	require.ErrorIs(t, err, booking.ErrAlreadyWaiting)
	require.Equal(t, 2, b.join(t, 2, booking.WaitlistJoin{Seats: 1}).Position)
	require.NoError(t, b.svc.LeaveWaitlist(ctx, 1, b.show.ID))
	me, err := b.svc.MyWaitlistEntry(ctx, 2, b.show.ID)
	require.NoError(t, err)
	require.Equal(t, 1, me.Position, "the one before left")
	_, err = b.svc.MyWaitlistEntry(ctx, 1, b.show.ID)
	require.ErrorIs(t, err, booking.ErrNotFound)
	require.Equal(t, 2, b.join(t, 1, booking.WaitlistJoin{Seats: 1}).Position, "rejoining goes to the back")
}

func TestACancelledSeatIsOfferedToTheFirstInLineAndNoOneElseCanHoldIt(t *testing.T) {
	t.Parallel()
	b, box, _ := waitlistSetup(t)
	ctx := context.Background()
	sold := b.sellOut(t, "C5", "C6")
	for u := int64(1); u <= 3; u++ {
		b.join(t, u, booking.WaitlistJoin{Seats: 1})
	}
	b.cancelSeat(t, sold["C6"])
	require.Equal(t, []string{"C6"}, b.heldFor(t, 1), "the first in line")
	require.Equal(t, booking.WaitlistOffered, b.entry(t, 1).State)
	require.Equal(t, booking.WaitlistWaiting, b.entry(t, 2).State)
	require.Equal(t, 2, b.entry(t, 2).Position, "the offered entry is still ahead until it is decided")
	_, err := b.svc.Hold(ctx, 99, b.show.ID, []string{"C6"})
	require.ErrorIs(t, err, booking.ErrSeatTaken, "the public cannot take an offered seat")
	require.Len(t, box.offers, 1)
	require.Equal(t, int64(1), box.offers[0].UserID)
	require.Equal(t, "/waitlist/offers/"+strconv.FormatInt(b.entry(t, 1).ID, 10), box.offers[0].Path)
	require.Equal(t, []string{"C6"}, box.offers[0].Seats)

	// The offer is paid: the entry is done, the next cancellation goes to
	// the second in line.
	require.NoError(t, b.confirm(t, b.entry(t, 1).OfferBookingID))
	require.Equal(t, booking.WaitlistBooked, b.entry(t, 1).State)
	b.cancelSeat(t, sold["C5"])
	require.Equal(t, []string{"C5"}, b.heldFor(t, 2))
	require.Equal(t, booking.WaitlistWaiting, b.entry(t, 3).State)
	require.Equal(t, 2, b.entry(t, 3).Position)
	require.Zero(t, b.invariantViolations(t))
}

func TestFreedSeatsSkipEntriesTheyCannotServeByCountTogetherOrPrice(t *testing.T) {
	t.Parallel()
	b, _, _ := waitlistSetup(t)
	sold := b.sellOut(t, "C5", "C7", "J5") // C5, C7 1000; J5 premium 1500
	b.join(t, 1, booking.WaitlistJoin{Seats: 3, Together: true})
	b.join(t, 2, booking.WaitlistJoin{Seats: 2, Together: true})
	b.join(t, 3, booking.WaitlistJoin{Seats: 1, MaxPrice: 1200})
	b.join(t, 4, booking.WaitlistJoin{Seats: 1})
	b.join(t, 5, booking.WaitlistJoin{Seats: 2})

	b.cancelSeat(t, sold["J5"])
	require.Empty(t, b.heldFor(t, 3), "J5 costs more than 3's limit")
	require.Equal(t, []string{"J5"}, b.heldFor(t, 4), "the first entry J5 can serve")

	b.cancelSeat(t, sold["C7"])
	require.Equal(t, []string{"C7"}, b.heldFor(t, 3))
	b.cancelSeat(t, sold["C5"])
	for u := int64(1); u <= 2; u++ {
		require.Equal(t, booking.WaitlistWaiting, b.entry(t, u).State, "C5 alone serves no one wanting seats together")
	}
	require.Equal(t, booking.WaitlistWaiting, b.entry(t, 5).State, "one seat is not two")
	require.Equal(t, 1, b.entry(t, 1).Position)
	require.Zero(t, b.invariantViolations(t))
}

func TestTwoSeatsTogetherGoToTheEntryThatWantsThemTogether(t *testing.T) {
	t.Parallel()
	b, _, _ := waitlistSetup(t)
	sold := b.sellOut(t, "D3", "D4")
	b.join(t, 1, booking.WaitlistJoin{Seats: 3, Together: true})
	b.join(t, 2, booking.WaitlistJoin{Seats: 2, Together: true})
	b.cancelSeat(t, sold["D3"])
	require.Empty(t, b.heldFor(t, 2), "one seat is not two together")
	b.cancelSeat(t, sold["D4"])
	require.Equal(t, []string{"D3", "D4"}, b.heldFor(t, 2))
	require.Equal(t, booking.WaitlistWaiting, b.entry(t, 1).State)
}

func TestAnUnansweredOfferPassesToTheNextAndSoDoesADeclinedOne(t *testing.T) {
	t.Parallel()
	b, _, c := waitlistSetup(t)
	ctx := context.Background()
	sold := b.sellOut(t, "C5")
	for u := int64(1); u <= 3; u++ {
		b.join(t, u, booking.WaitlistJoin{Seats: 1})
	}
	// The offer to 1 is made as if 20 minutes ago: its 15 minutes are up.
	c.set(time.Now().Add(-20 * time.Minute))
	b.cancelSeat(t, sold["C5"])
	c.set(time.Now())
	require.Equal(t, booking.WaitlistOffered, b.entry(t, 1).State)
	before := b.waitlistJobs(t)
	n, err := b.svc.SweepHolds(ctx, 100)
	require.NoError(t, err)
	require.Equal(t, 1, n, "the sweeper reclaims the offer's hold")
	require.Equal(t, before+1, b.waitlistJobs(t), "and queues the waitlist's job")
	_, err = b.svc.MatchWaitlist(ctx, b.show.ID)
	require.NoError(t, err)
	require.Equal(t, booking.WaitlistExpired, b.entry(t, 1).State)
	require.Equal(t, []string{"C5"}, b.heldFor(t, 2), "passed to the next")

	// 2 turns it down: it goes to 3 at once.
	e2 := b.entry(t, 2)
	require.ErrorIs(t, b.svc.DeclineWaitlistOffer(ctx, 3, e2.ID), booking.ErrNotFound, "not 3's to decline")
	require.NoError(t, b.svc.DeclineWaitlistOffer(ctx, 2, e2.ID))
	require.Equal(t, booking.WaitlistDeclined, b.entry(t, 2).State)
	require.Equal(t, "expired", b.status(t, e2.OfferBookingID))
	_, err = b.svc.MatchWaitlist(ctx, b.show.ID)
	require.NoError(t, err)
	require.Equal(t, []string{"C5"}, b.heldFor(t, 3))
	require.Zero(t, b.invariantViolations(t))
}

func TestAFreedSeatIsKeptForTheLineUntilItsOfferIsMade(t *testing.T) {
	t.Parallel()
	b, _, _ := waitlistSetup(t)
	ctx := context.Background()
	sold := b.sellOut(t, "C5", "C6")
	b.join(t, 1, booking.WaitlistJoin{Seats: 1})
	_, err := b.svc.Cancel(ctx, sold["C6"].UserID, sold["C6"].ID)
	require.NoError(t, err)
	_, err = b.svc.Hold(ctx, 99, b.show.ID, []string{"C6"})
	require.ErrorIs(t, err, booking.ErrSeatTaken, "a buyer refreshing the map cannot beat the line to it")
	_, err = b.svc.MatchWaitlist(ctx, b.show.ID)
	require.NoError(t, err)
	require.Equal(t, []string{"C6"}, b.heldFor(t, 1))

	// Nobody else waits: a seat given back is anyone's at once.
	_, err = b.svc.Cancel(ctx, sold["C5"].UserID, sold["C5"].ID)
	require.NoError(t, err)
	_, err = b.svc.Hold(ctx, 99, b.show.ID, []string{"C5"})
	require.NoError(t, err)
	require.Zero(t, b.invariantViolations(t))
}
