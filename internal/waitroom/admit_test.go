package waitroom_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/waitroom"
)

func TestAShowWithoutARoomAdmitsEveryone(t *testing.T) {
	t.Parallel()
	b := setup(t)
	b.room(t, time.Hour, 60) // in front of show 100 only
	for _, user := range []int64{0, 1} {
		d, err := b.svc.Admit(context.Background(), 555, 8, user)
		require.NoError(t, err)
		require.True(t, d.Admitted)
		require.Zero(t, d.RoomID)
	}
}

func TestBuyersAreAdmittedInArrivalOrderAtTheSetRate(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	r := b.room(t, 10*time.Second, 60) // one buyer a second, from 10 s from now
	for i := int64(1); i <= 5; i++ {
		d, err := b.svc.Admit(ctx, 100, 7, i)
		require.NoError(t, err)
		require.False(t, d.Admitted, "buyer %d before the on-sale", i)
		require.Equal(t, int(i), d.Position, "buyer %d", i)
		admitAt := r.OnSaleAt.Add(time.Duration(i-1) * time.Second)
		require.Equal(t, admitAt.Sub(b.clock.Now()), d.Wait, "buyer %d", i)
		b.clock.Advance(10 * time.Millisecond) // they arrive one after another
	}

	b.clock.Advance(10*time.Second - 50*time.Millisecond) // the on-sale time
	admitted := func() []int64 {
		var in []int64
		for i := int64(1); i <= 5; i++ {
			d, err := b.svc.Admit(ctx, 100, 7, i)
			require.NoError(t, err)
			if d.Admitted {
				in = append(in, i)
			}
		}
		return in
	}
	require.Equal(t, []int64{1}, admitted())
	b.clock.Advance(2 * time.Second)
	require.Equal(t, []int64{1, 2, 3}, admitted())
	d, err := b.svc.Admit(ctx, 100, 7, 5)
	require.NoError(t, err)
	require.Equal(t, 2, d.Position, "buyers 4 and 5 are left")
	require.Equal(t, 2*time.Second, d.Wait)
	b.clock.Advance(2 * time.Second)
	require.Equal(t, []int64{1, 2, 3, 4, 5}, admitted())
}

func TestABuyerHasOnePlacePerAccount(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	r := b.room(t, time.Minute, 60)
	first, err := b.svc.Join(ctx, r.ID, 42)
	require.NoError(t, err)
	other, err := b.svc.Join(ctx, r.ID, 43)
	require.NoError(t, err)
	b.clock.Advance(5 * time.Second)

	again, err := b.svc.Join(ctx, r.ID, 42) // a reload, or a second tab
	require.NoError(t, err)
	require.Equal(t, first.AdmitAt, again.AdmitAt)
	require.Equal(t, 1, again.Position)
	d, err := b.svc.Admit(ctx, 100, 7, 42)
	require.NoError(t, err)
	require.Equal(t, first.AdmitAt.Sub(b.clock.Now()), d.Wait)
	require.True(t, other.AdmitAt.After(first.AdmitAt))

	// Eight tabs of a newcomer at once: one place between them.
	places := make(chan time.Time, 8)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			p, err := b.svc.Join(ctx, r.ID, 44)
			assert.NoError(t, err)
			places <- p.AdmitAt
		})
	}
	wg.Wait()
	close(places)
	first44 := <-places
	for p := range places {
		require.Equal(t, first44, p)
	}
	var n int
	require.NoError(t, b.pool.QueryRow(ctx, "SELECT count(*) FROM waitroom.entries WHERE user_id IN (42, 44)").Scan(&n))
	require.Equal(t, 2, n)
}

func TestAPlaceIsKeptOnEveryAppInstance(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	r := b.room(t, time.Minute, 30)
	second := newService(t, b.pool, b.clock) // another instance, same database

	for i := int64(1); i <= 3; i++ {
		_, err := b.svc.Join(ctx, r.ID, i)
		require.NoError(t, err)
	}
	mine, err := second.Join(ctx, r.ID, 4) // joins on the other instance: still the back of the queue
	require.NoError(t, err)
	require.Equal(t, 4, mine.Position)
	there, err := b.svc.Join(ctx, r.ID, 2)
	require.NoError(t, err)
	here, err := second.Join(ctx, r.ID, 2)
	require.NoError(t, err)
	require.Equal(t, there.AdmitAt, here.AdmitAt)
	require.Equal(t, 2, here.Position)
}

func TestAnAdmittedBuyerGetsThroughUntilTheirPassRunsOut(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	b.room(t, 0, 1) // one buyer a minute
	d, err := b.svc.Admit(ctx, 100, 7, 1)
	require.NoError(t, err)
	require.True(t, d.Admitted, "the first buyer after the on-sale goes straight in")
	d, err = b.svc.Admit(ctx, 100, 7, 2)
	require.NoError(t, err)
	require.False(t, d.Admitted, "the next one waits a minute")

	b.clock.Advance(14 * time.Minute)
	d, err = b.svc.Admit(ctx, 100, 7, 1)
	require.NoError(t, err)
	require.True(t, d.Admitted, "within the pass")
	b.clock.Advance(2 * time.Minute)
	d, err = b.svc.Admit(ctx, 100, 7, 1)
	require.NoError(t, err)
	require.True(t, d.Admitted, "nobody waits, so queueing again lets them straight back in")

	for i := int64(3); i <= 22; i++ { // a rush: 20 buyers, 20 minutes' worth
		_, err = b.svc.Admit(ctx, 100, 7, i)
		require.NoError(t, err)
	}
	b.clock.Advance(15 * time.Minute)
	d, err = b.svc.Admit(ctx, 100, 7, 1)
	require.NoError(t, err)
	require.False(t, d.Admitted, "the pass ran out during the rush: back of the queue")
	require.Equal(t, 6, d.Position, "behind the 5 of the rush still waiting")
}

func TestAVisitorWaitsUntilTheOnSaleAndNobodyIsQueued(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	r := b.room(t, time.Minute, 60)
	d, err := b.svc.Admit(ctx, 100, 7, 0)
	require.NoError(t, err)
	require.False(t, d.Admitted)
	require.Equal(t, "/waiting/"+itoa(r.ID), d.WaitPath)
	require.Equal(t, time.Minute, d.Wait)

	b.clock.Advance(time.Minute)
	d, err = b.svc.Admit(ctx, 100, 7, 0)
	require.NoError(t, err)
	require.True(t, d.Admitted)
}

func TestAMovieRoomStandsInFrontOfEveryShowOfTheMovie(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	_, err := b.svc.SaveRoom(ctx, waitroom.RoomInput{MovieID: 7, OnSaleAt: b.clock.Now().Add(time.Hour), TimeZone: "UTC", Rate: 100})
	require.NoError(t, err)
	for _, show := range []int64{100, 101, 9999} {
		d, err := b.svc.Admit(ctx, show, 7, 1)
		require.NoError(t, err)
		require.False(t, d.Admitted, "show %d", show)
		require.Equal(t, 1, d.Position, "one place for the whole opening")
	}
}

func TestATamperedPlaceTokenIsRefused(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	r := b.room(t, time.Minute, 60)
	p, err := b.svc.Join(ctx, r.ID, 1)
	require.NoError(t, err)
	got, err := b.svc.PlaceOf(ctx, p.Token)
	require.NoError(t, err)
	require.Equal(t, p.AdmitAt, got.AdmitAt)
	require.Equal(t, 1, got.Position)

	forged := "1" + p.Token // another room, same signature
	_, err = b.svc.PlaceOf(ctx, forged)
	require.ErrorIs(t, err, waitroom.ErrInvalid)
}

func TestStaffSettingsAreValidated(t *testing.T) {
	t.Parallel()
	b := setup(t)
	_, err := b.svc.SaveRoom(context.Background(), waitroom.RoomInput{ShowID: 5, MovieID: 7, TimeZone: "Mars/Olympus", Rate: 0})
	fields, ok := validateFields(err)
	require.True(t, ok, "%v", err)
	require.Contains(t, fields, "scope")
	require.Contains(t, fields, "rate")
	require.Contains(t, fields, "on_sale_at")
	require.Contains(t, fields, "time_zone")
	_, err = b.svc.SaveRoom(context.Background(), waitroom.RoomInput{ShowID: 5, OnSaleAt: b.clock.Now(), TimeZone: "UTC", Rate: 10})
	fields, _ = validateFields(err)
	require.Contains(t, fields, "show_id", "an unknown show")
}
