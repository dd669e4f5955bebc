package recommend_test

import (
	"context"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/pg"
	"github.com/marqueehq/marquee/internal/recommend"
)

// world is a small catalogue: two sci-fi films by one director that
// audiences book together, a thriller, a Hindi comedy, and a film that
// only plays in Mumbai.
type world struct {
	arrival, dune, heat, golmaal, mumbaiOnly catalog.Movie
}

func (b *testBundle) world(t *testing.T) world {
	t.Helper()
	w := world{
		arrival:    b.movie(t, "Arrival", "English", "Denis Villeneuve", []string{"Sci-Fi", "Drama"}, "Amy Adams"),
		dune:       b.movie(t, "Dune", "English", "Denis Villeneuve", []string{"Sci-Fi", "Adventure"}, "Zendaya"),
		heat:       b.movie(t, "Heat", "English", "Michael Mann", []string{"Thriller", "Crime"}, "Al Pacino"),
		golmaal:    b.movie(t, "Golmaal", "Hindi", "Rohit Shetty", []string{"Comedy"}, "Ajay Devgn"),
		mumbaiOnly: b.movie(t, "Sairat", "Marathi", "Nagraj Manjule", []string{"Romance", "Sci-Fi"}, "Rinku Rajguru"),
	}
	for _, m := range []catalog.Movie{w.arrival, w.dune, w.heat, w.golmaal} {
		b.show(t, m, "pune")
	}
	b.show(t, w.mumbaiOnly, "mumbai")
	return w
}

func TestRecommendationsFollowCoBookingsAndSayWhy(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	w := b.world(t)
	for range 4 { // audiences who booked Arrival booked Dune too
		b.booked(t, b.user(t, "Fan"), w.arrival, w.dune)
	}
	b.booked(t, b.user(t, "Other"), w.heat)
	ann := b.user(t, "Ann")
	b.booked(t, ann, w.arrival)
	b.recompute(t)

	picks, err := b.svc.ForUser(ctx, ann, "pune", 6)
	require.NoError(t, err)
	names, reasons := titles(picks)
	require.Equal(t, "Dune", names[0], "the movie booked with Arrival comes first: %v", names)
	require.Equal(t, "Because you booked Arrival", reasons["Dune"])
	require.NotContains(t, names, "Arrival", "never what she already booked")
	require.NotContains(t, names, "Sairat", "only movies with shows in her city")
	require.True(t, picks[0].Personal)

	like, err := b.svc.MoreLikeThis(ctx, w.arrival.ID, 0, "pune", 6)
	require.NoError(t, err)
	names, reasons = titles(like)
	require.Equal(t, "Dune", names[0])
	require.Equal(t, "People who booked Arrival booked this too", reasons["Dune"])
}

func TestVisitorsAndNewUsersGetWhatIsPopularInTheirCity(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	w := b.world(t)
	for range 3 {
		b.booked(t, b.user(t, "Fan"), w.golmaal)
	}
	b.booked(t, b.user(t, "Fan"), w.heat)
	b.recompute(t)

	picks, err := b.svc.ForUser(ctx, 0, "pune", 3)
	require.NoError(t, err)
	names, reasons := titles(picks)
	require.Equal(t, []string{"Golmaal", "Heat"}, names[:2], "most booked first")
	require.Equal(t, "Popular in Pune this week", reasons["Golmaal"])
	require.False(t, picks[0].Personal)

	newbie := b.user(t, "Newbie")
	picks, err = b.svc.ForUser(ctx, newbie, "pune", 3)
	require.NoError(t, err)
	names, _ = titles(picks)
	require.Equal(t, "Golmaal", names[0], "a new user with no history gets the city's favourites")

	_, err = b.svc.ForUser(ctx, 0, "atlantis", 3)
	require.ErrorIs(t, err, recommend.ErrNotFound)
}

func TestStatedTasteServesANewUserAtOnce(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	w := b.world(t)
	for range 3 {
		b.booked(t, b.user(t, "Fan"), w.golmaal)
	}
	b.recompute(t)
	priya := b.user(t, "Priya")
	require.NoError(t, b.accounts.UpdateProfile(ctx, priya, account.Profile{Name: "Priya", PreferredGenres: []string{"Thriller"}}))

	picks, err := b.svc.ForUser(ctx, priya, "pune", 3)
	require.NoError(t, err)
	names, reasons := titles(picks)
	require.Equal(t, "Heat", names[0], "her stated taste outranks raw popularity: %v", names)
	require.Equal(t, "Matches your taste for thrillers", reasons["Heat"])
}

func TestNotInterestedHidesTheMovieForGood(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	w := b.world(t)
	for range 3 {
		b.booked(t, b.user(t, "Fan"), w.arrival, w.dune)
	}
	ann := b.user(t, "Ann")
	b.booked(t, ann, w.arrival)
	b.recompute(t)

	require.NoError(t, b.svc.Dismiss(ctx, ann, w.dune.ID))
	picks, err := b.svc.ForUser(ctx, ann, "pune", 6)
	require.NoError(t, err)
	names, _ := titles(picks)
	require.NotContains(t, names, "Dune", "gone at once, before any recompute")
	like, err := b.svc.MoreLikeThis(ctx, w.arrival.ID, ann, "pune", 6)
	require.NoError(t, err)
	names, _ = titles(like)
	require.NotContains(t, names, "Dune")

	b.recompute(t)
	picks, err = b.svc.ForUser(ctx, ann, "pune", 6)
	require.NoError(t, err)
	names, _ = titles(picks)
	require.NotContains(t, names, "Dune", "and after it")
	require.ErrorIs(t, b.svc.Dismiss(ctx, ann, 999999), recommend.ErrNotFound)
}

func TestBookingAfterAClickIsAttributedToTheRecommendation(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	w := b.world(t)
	ann := b.user(t, "Ann")
	require.NoError(t, b.svc.Clicked(ctx, ann, w.heat.ID, recommend.SurfaceHome))
	b.booked(t, ann, w.heat)
	b.booked(t, ann, w.golmaal) // not clicked: not attributed

	stats, err := b.svc.Performance(ctx, b.svcNow().AddDate(0, 0, -1))
	require.NoError(t, err)
	require.Equal(t, []recommend.RecStats{{Surface: "home", Clicks: 1, Bookings: 1}}, stats)

	// Cancelling takes the movie out of her bookings again.
	require.NoError(t, pg.InTx(ctx, b.pool, func(ctx context.Context, tx pgx.Tx) error {
		return b.svc.BookingCancelled(ctx, tx, ann, w.heat.ID)
	}))
	ok, err := b.svc.CanRate(ctx, ann, w.heat)
	require.NoError(t, err)
	require.False(t, ok, "a cancelled booking does not let her rate")
}

func TestEachSignalSchedulesOneRefreshOfTheUsersList(t *testing.T) {
	t.Parallel()
	b := setup(t)
	w := b.world(t)
	ann := b.user(t, "Ann")
	b.booked(t, ann, w.heat, w.arrival)
	var n int
	require.NoError(t, b.pool.QueryRow(context.Background(),
		"SELECT count(*) FROM river.river_job WHERE kind = 'recommend.recompute_user' AND (args->>'user_id')::bigint = $1",
		ann).Scan(&n))
	require.Equal(t, 1, n, "two bookings, one queued refresh")
}

func TestRatingsNeedABookingAndReachTheCatalogue(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	w := b.world(t)
	ann, bob := b.user(t, "Ann Kapoor"), b.user(t, "Bob")

	_, err := b.svc.Rate(ctx, ann, "Ann Kapoor", w.heat.ID, recommend.RatingInput{Stars: 5})
	require.ErrorIs(t, err, recommend.ErrCannotRate, "no booking, no rating")

	b.booked(t, ann, w.heat)
	b.booked(t, bob, w.heat)
	_, err = b.svc.Rate(ctx, ann, "Ann Kapoor", w.heat.ID, recommend.RatingInput{Stars: 0})
	require.ErrorIs(t, err, recommend.ErrInvalid)
	_, err = b.svc.Rate(ctx, ann, "Ann Kapoor", w.heat.ID, recommend.RatingInput{Stars: 4, Review: strings.Repeat("x", 1001)})
	require.ErrorIs(t, err, recommend.ErrInvalid)

	r, err := b.svc.Rate(ctx, ann, "Ann Kapoor", w.heat.ID, recommend.RatingInput{Stars: 3, Review: "  Tense.  "})
	require.NoError(t, err)
	require.Equal(t, "Ann K.", r.Author)
	require.Equal(t, "Tense.", r.Review)
	_, err = b.svc.Rate(ctx, ann, "Ann Kapoor", w.heat.ID, recommend.RatingInput{Stars: 5, Review: "Tense and brilliant."})
	require.NoError(t, err, "a rating can be edited")
	_, err = b.svc.Rate(ctx, bob, "Bob", w.heat.ID, recommend.RatingInput{Stars: 4})
	require.NoError(t, err)

	m, err := b.catalog.Movie(ctx, w.heat.ID)
	require.NoError(t, err)
	require.NotNil(t, m.Rating)
	require.InDelta(t, 9.0, *m.Rating, 0.001, "(5+4)/2 stars is 9 out of 10")
	require.Equal(t, 2, m.RatingCount, "one rating per user")

	reviews, err := b.svc.Reviews(ctx, w.heat.ID, 10)
	require.NoError(t, err)
	require.Len(t, reviews, 1, "a rating without text is not a review")
	require.Equal(t, "Tense and brilliant.", reviews[0].Review)

	_, err = b.svc.SetReviewHidden(ctx, reviews[0].ID, true)
	require.NoError(t, err)
	reviews, err = b.svc.Reviews(ctx, w.heat.ID, 10)
	require.NoError(t, err)
	require.Empty(t, reviews, "hidden by staff")
	sum, err := b.svc.Summary(ctx, w.heat.ID)
	require.NoError(t, err)
	require.Equal(t, 2, sum.Count, "hidden reviews' stars still count")
	_, err = b.svc.SetReviewHidden(ctx, 999999, true)
	require.ErrorIs(t, err, recommend.ErrNotFound)
}

func TestDeletingAnAccountErasesItsSignalsAndRatings(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	w := b.world(t)
	ann := b.user(t, "Ann")
	b.booked(t, ann, w.heat)
	_, err := b.svc.Rate(ctx, ann, "Ann", w.heat.ID, recommend.RatingInput{Stars: 4, Review: "Good"})
	require.NoError(t, err)

	data, err := b.svc.ExportUser(ctx, ann)
	require.NoError(t, err)
	require.Contains(t, strings.ToLower(jsonOf(t, data)), `"review":"good"`)

	require.NoError(t, pg.InTx(ctx, b.pool, func(ctx context.Context, tx pgx.Tx) error { return b.svc.EraseUser(ctx, tx, ann) }))
	data, err = b.svc.ExportUser(ctx, ann)
	require.NoError(t, err)
	require.Equal(t, `{"ratings":[],"interactions":[]}`, jsonOf(t, data))
	sum, err := b.svc.Summary(ctx, w.heat.ID)
	require.NoError(t, err)
	require.Zero(t, sum.Count)
}
