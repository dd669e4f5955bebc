package booking_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/catalog/catalogtest"
)

func TestRacingExchangesAndHoldsSellEachSeatOnce(t *testing.T) {
	t.Parallel()
	b := exchangeSetup(t)
	ctx := context.Background()
	const exchangers, holders = 6, 4
	var ids []int64
	for i := range exchangers {
		ids = append(ids, b.book(t, int64(100+i), string(rune('A'+i))+"10", string(rune('A'+i))+"11").ID)
	}
	target := []string{"F1", "F2"}
	var wg sync.WaitGroup
	var mu sync.Mutex
	var won int
	var problems []string
	start := make(chan struct{})
	for i, id := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			_, _, err := b.svc.Exchange(ctx, int64(100+i), id, b.later.ID, target)
			var live, sold int
			qerr := b.pool.QueryRow(ctx, `
				SELECT (SELECT count(*) FROM booking.booking_seats WHERE booking_id = $1 AND live),
				       (SELECT count(*) FROM booking.show_seats WHERE booking_id = $1 AND state = 'booked')`, id).Scan(&live, &sold)
			mu.Lock()
			defer mu.Unlock()
			if err == nil {
				won++
			} else if !errors.Is(err, booking.ErrSeatTaken) {
				problems = append(problems, err.Error())
			}
			if qerr != nil {
				problems = append(problems, qerr.Error())
			}
			if live != 2 || sold != 2 {
				problems = append(problems, "booking "+itoa(id)+" has "+itoa(int64(live))+" live, "+itoa(int64(sold))+" sold seats")
			}
		}()
	}
	for i := range holders {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			if _, err := b.svc.Hold(ctx, int64(200+i), b.later.ID, target); err == nil {
				mu.Lock()
				won++
				mu.Unlock()
			}
		}()
	}
	close(start)
	wg.Wait()
	require.Empty(t, problems, "every booking has exactly one set of seats after every attempt")
	require.Equal(t, 1, won, "exactly one buyer gets F1 and F2")
	owners := b.owners(t, b.later.ID)
	require.Len(t, owners, 2)
	require.Equal(t, owners["F1"], owners["F2"])
	require.Zero(t, b.invariantViolations(t))
}

func TestTwoExchangesOfOneBookingAtOnceOneWins(t *testing.T) {
	t.Parallel()
	b := exchangeSetup(t)
	ctx := context.Background()
	bk := b.book(t, 7, "E5", "E6")
	var wg sync.WaitGroup
	errs := make([]error, 2)
	start := make(chan struct{})
	for i, seats := range [][]string{{"F1", "F2"}, {"G1", "G2"}} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			_, _, errs[i] = b.svc.Exchange(ctx, 7, bk.ID, b.later.ID, seats)
		}()
	}
	close(start)
	wg.Wait()
	require.True(t, (errs[0] == nil) != (errs[1] == nil), "exactly one wins: %v", errs)
	live, sold := b.seatSets(t, bk.ID)
	require.Equal(t, [2]int{2, 2}, [2]int{live, sold}, "one set of seats")
	require.Len(t, b.owners(t, b.later.ID), 2)
	require.Empty(t, b.owners(t, b.show.ID))
	var n int
	require.NoError(t, b.pool.QueryRow(ctx, "SELECT count(*) FROM booking.booking_exchanges WHERE booking_id = $1", bk.ID).Scan(&n))
	require.Equal(t, 1, n)
	require.Zero(t, b.invariantViolations(t))
}

// movieLog records what recommendations hear, by movie.
type movieLog struct {
	mu              sync.Mutex
	booked, dropped []int64
}

func (l *movieLog) Booked(_ context.Context, _ pgx.Tx, _, movieID int64) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.booked = append(l.booked, movieID)
	return nil
}

func (l *movieLog) BookingCancelled(_ context.Context, _ pgx.Tx, _, movieID int64) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.dropped = append(l.dropped, movieID)
	return nil
}

func TestAChainThatAllowsItLetsABookingMoveToAnotherMovie(t *testing.T) {
	t.Parallel()
	o := &exchangeOutbox{outbox: &outbox{}}
	recs := &movieLog{}
	b := setup(t, booking.Options{Refunds: o, Notifier: o, Interactions: recs})
	ctx := context.Background()
	other := catalogtest.Show(t, b.catalog, catalogtest.ShowOptions{Title: "Other Film", StartsIn: 40 * time.Hour})
	var chain int64
	require.NoError(t, b.pool.QueryRow(ctx, "INSERT INTO catalog.chains (slug, name) VALUES ('open', 'Open') RETURNING id").Scan(&chain))
	_, err := b.pool.Exec(ctx, "UPDATE catalog.theaters SET chain_id = $1 WHERE id = ANY($2)", chain, []int64{b.show.TheaterID, other.TheaterID})
	require.NoError(t, err)
	h, err := b.svc.Hold(ctx, 7, b.show.ID, []string{"E5"})
	require.NoError(t, err)
	require.NoError(t, b.confirm(t, h.ID))
	recs.booked = nil

	_, _, err = b.svc.Exchange(ctx, 7, h.ID, other.ID, []string{"C3"})
	require.ErrorIs(t, err, booking.ErrShowNotAllowed, "another movie, by default")
	_, err = b.pool.Exec(ctx, "UPDATE catalog.chains SET exchange_any_movie = true WHERE id = $1", chain)
	require.NoError(t, err)
	b2 := booking.NewService(b.pool, b.catalog, nil, booking.Options{Refunds: o, Notifier: o, Interactions: recs})
	_, shows, err := b2.ExchangeShows(ctx, 7, h.ID)
	require.NoError(t, err)
	require.Len(t, shows, 1)
	require.Equal(t, other.ID, shows[0].ID, "the chain's other movie is offered")
	got, _, err := b2.Exchange(ctx, 7, h.ID, other.ID, []string{"C3"})
	require.NoError(t, err)
	require.Equal(t, other.ID, got.ShowID)
	require.Equal(t, []int64{other.MovieID}, recs.booked, "recommendations hear of the new movie")
	require.Equal(t, []int64{b.show.MovieID}, recs.dropped, "and of the movie left")
	require.Zero(t, b.invariantViolations(t))
}
