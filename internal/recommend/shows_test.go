package recommend_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/recommend"
)

func TestAProfileLearnsSlotFormatTheaterAndPartySize(t *testing.T) {
	t.Parallel()
	p := recommend.NewProfile([]recommend.Visit{
		{TheaterID: 1, StartsAt: lastAt(time.Saturday, 14, 1), TimeZone: "Asia/Kolkata", Format: "IMAX", Language: "English", Seats: 2},
		{TheaterID: 1, StartsAt: lastAt(time.Sunday, 11, 2), TimeZone: "Asia/Kolkata", Format: "IMAX", Language: "English", Seats: 2},
		{TheaterID: 2, StartsAt: lastAt(time.Wednesday, 19, 3), TimeZone: "Asia/Kolkata", Format: "2D", Language: "Hindi", Seats: 4},
	})
	require.False(t, p.Cold())
	require.Equal(t, 2, p.Slots[recommend.WeekendMatinee])
	require.Equal(t, 1, p.Slots[recommend.WeekdayEvening])
	require.Equal(t, map[int64]int{1: 2, 2: 1}, p.Theaters)
	require.Equal(t, "IMAX", p.TopFormat())
	require.Equal(t, 2, p.Seats, "they usually come as two")
	require.True(t, recommend.NewProfile(nil).Cold())
	require.Equal(t, 1, recommend.NewProfile(nil).Seats)
}

func TestWeekendMatineeIMAXRegularsGetThoseShowsFirstWithTheirReason(t *testing.T) {
	t.Parallel()
	b := setup(t)
	v := b.venues(t)
	vs := &visits{}
	svc := b.withVisits(vs)
	fan := b.user(t, "Fan")
	for w := 1; w <= 3; w++ {
		vs.add(fan, recommend.Visit{MovieID: v.heat.ID, TheaterID: v.odeon.ID, StartsAt: lastAt(time.Saturday, 14, w),
			TimeZone: "Asia/Kolkata", Format: "IMAX", Language: "English", Seats: 2})
	}
	ctx := context.Background()

	picks, err := svc.ShowsForUser(ctx, fan, "pune", v.dune.ID, 6)
	require.NoError(t, err)
	require.NotEmpty(t, picks)
	require.Equal(t, v.odeonSatMatineeIMAX.ID, picks[0].Show.ID, "their slot, format and theater")
	require.True(t, picks[0].Personal)
	require.Equal(t, "Weekend matinee in IMAX at Odeon Pune, like your last 3 visits", picks[0].Reason)
	for _, p := range picks {
		require.Equal(t, v.odeon.ID, p.Theater.ID, "only their usual theater: %s", p.Theater.Name)
	}
	require.Len(t, picks, 2, "at most two shows of a movie")
	require.Equal(t, "At Odeon Pune, where you went the last 3 times", picks[1].Reason)

	es := i18n.WithLang(ctx, "es")
	picks, err = svc.ShowsForUser(es, fan, "pune", v.dune.ID, 1)
	require.NoError(t, err)
	require.Equal(t, "Sesión de tarde en fin de semana en IMAX en Odeon Pune, como tus últimas 3 visitas", picks[0].Reason)

	// A fourth visit on a weekday evening in 2D changes the counts quoted.
	vs.add(fan, recommend.Visit{MovieID: v.heat.ID, TheaterID: v.odeon.ID, StartsAt: lastAt(time.Tuesday, 20, 1),
		TimeZone: "Asia/Kolkata", Format: "2D", Language: "English", Seats: 2})
	picks, err = svc.ShowsForUser(ctx, fan, "pune", v.dune.ID, 6)
	require.NoError(t, err)
	require.Equal(t, v.odeonSatMatineeIMAX.ID, picks[0].Show.ID)
	require.Equal(t, "Weekend matinee in IMAX at Odeon Pune, like 3 of your last 4 visits", picks[0].Reason)
	require.Equal(t, v.odeonTueEvening.ID, picks[1].Show.ID, "their weekday evening beats a weekend evening")
	require.Equal(t, "Weekday evening at Odeon Pune, like 1 of your last 4 visits", picks[1].Reason)
}

func TestShowsNeedTheSeatsTheUserUsuallyBooks(t *testing.T) {
	t.Parallel()
	b := setup(t)
	v := b.venues(t)
	vs := &visits{}
	svc := b.withVisits(vs)
	crowd := b.user(t, "Crowd")
	vs.add(crowd, recommend.Visit{TheaterID: v.odeon.ID, StartsAt: lastAt(time.Saturday, 14, 1), TimeZone: "Asia/Kolkata",
		Format: "IMAX", Language: "English", Seats: 51})

	picks, err := svc.ShowsForUser(context.Background(), crowd, "pune", v.dune.ID, 6)
	require.NoError(t, err)
	require.Empty(t, picks, "no screen has 51 seats")
}

func TestNewcomersGetPopularShowsClearlyWorded(t *testing.T) {
	t.Parallel()
	b := setup(t)
	v := b.venues(t)
	b.recompute(t)
	svc := b.withVisits(&visits{})
	ctx := context.Background()

	picks, err := svc.ShowsForUser(ctx, b.user(t, "New"), "pune", 0, 4)
	require.NoError(t, err)
	require.NotEmpty(t, picks)
	perMovie := map[int64]int{}
	for _, p := range picks {
		require.False(t, p.Personal)
		require.Equal(t, "Popular in Pune this week", p.Reason)
		perMovie[p.Movie.ID]++
	}
	require.Equal(t, map[int64]int{v.dune.ID: 2, v.heat.ID: 1}, perMovie, "two of Dune's shows at most, and Heat's one")

	picks, err = svc.ShowsForUser(ctx, 0, "pune", v.dune.ID, 4)
	require.NoError(t, err)
	require.Equal(t, "Playing in Pune this week", picks[0].Reason)

	_, err = svc.ShowsForUser(ctx, 0, "atlantis", 0, 4)
	require.ErrorIs(t, err, recommend.ErrNotFound)
}

func TestTheatersNearTheUsualOneWithTheirFormatComeFirst(t *testing.T) {
	t.Parallel()
	b := setup(t)
	v := b.venues(t)
	vs := &visits{}
	svc := b.withVisits(vs)
	fan := b.user(t, "Fan")
	ctx := context.Background()

	got, err := svc.TheatersForUser(ctx, fan, "pune", 3)
	require.NoError(t, err)
	require.Empty(t, got, "nothing to be near before a first visit")

	vs.add(fan, recommend.Visit{TheaterID: v.odeon.ID, StartsAt: lastAt(time.Saturday, 14, 1), TimeZone: "Asia/Kolkata",
		Format: "IMAX", Language: "English", Seats: 2})
	got, err = svc.TheatersForUser(ctx, fan, "pune", 3)
	require.NoError(t, err)
	require.Len(t, got, 2, "every Pune theater but Odeon")
	require.Equal(t, v.nearby.ID, got[0].Theater.ID)
	require.InDelta(t, 1.5, got[0].Km, 0.1)
	require.Equal(t, "1.5 km from Odeon Pune, with IMAX shows this week", got[0].Reason)
	require.Equal(t, v.plain.ID, got[1].Theater.ID)
	require.Equal(t, -1.0, got[1].Km, "no coordinates")
	require.Equal(t, "Another theater in Pune", got[1].Reason)
}
