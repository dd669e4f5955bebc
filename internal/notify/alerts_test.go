package notify_test

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/notify"
)

// wants switches on email for a category and sets the user's tastes.
func (b *testBundle) wants(t *testing.T, u account.User, c notify.Category, city string, genres ...string) {
	t.Helper()
	ctx := context.Background()
	require.NoError(t, b.accounts.UpdateProfile(ctx, u.ID, account.Profile{Name: u.Name, HomeCity: city, PreferredGenres: genres}))
	p, err := b.svc.Preferences(ctx, u.ID)
	require.NoError(t, err)
	p.Channels[c] = notify.Channels{Email: true}
	p.QuietOn = false
	require.NoError(t, b.svc.SavePreferences(ctx, u.ID, p))
}

func TestNewReleaseAlertsMatchTastesAndCanBeUnsubscribed(t *testing.T) {
	t.Parallel()
	b := setup(t)
	b.movies.byID[42] = notify.Movie{ID: 42, Slug: "rain-city", Title: "Rain City", Status: "now_showing",
		Genres: []string{"Drama"}, Languages: []string{"English"}, Cities: []string{"london"}}
	fan := b.user(t, "Asha Rao", "")
	b.wants(t, fan, notify.Alerts, "london", "Drama")
	otherTaste := b.user(t, "Ben Ode", "")
	b.wants(t, otherTaste, notify.Alerts, "london", "Comedy")
	otherCity := b.user(t, "Cy Lee", "")
	b.wants(t, otherCity, notify.Alerts, "mumbai", "Drama")
	notOptedIn := b.user(t, "Dee Fox", "")

	b.inTx(t, func(ctx context.Context, tx pgx.Tx) error {
		return b.svc.CatalogChanged(ctx, tx, notify.CatalogChange{Kind: "movie_saved", MovieID: 42, Created: true, NewStatus: "now_showing"})
	})
	eventually(t, func() bool { return len(b.smtp.to(fan.Email)) == 1 && b.jobsIdle(t) }, "the alert")
	for _, u := range []account.User{otherTaste, otherCity, notOptedIn} {
		require.Empty(t, b.smtp.to(u.Email), u.Name)
	}
	got := b.smtp.to(fan.Email)[0]
	require.Equal(t, "Now showing: Rain City", got.Subject)
	require.Equal(t, "List-Unsubscribe=One-Click", got.Header.Get("List-Unsubscribe-Post"))
	header := strings.Trim(got.Header.Get("List-Unsubscribe"), "<>")
	u, err := url.Parse(header)
	require.NoError(t, err)
	require.Equal(t, "/api/v1/unsubscribe", u.Path)
	token := u.Query().Get("t")
	text, _ := got.part("text/plain")
	require.Contains(t, string(text.Body), "http://marquee.test/unsubscribe?t="+token)

	// A forged token (another user's id, or another category) is refused.
	forged := strings.Replace(token, "alerts", "offers", 1)
	_, err = b.svc.Unsubscribe(context.Background(), forged)
	require.ErrorIs(t, err, notify.ErrBadUnsubscribe)
	c, err := b.svc.Unsubscribe(context.Background(), token)
	require.NoError(t, err)
	require.Equal(t, notify.Alerts, c)
	p, err := b.svc.Preferences(context.Background(), fan.ID)
	require.NoError(t, err)
	require.False(t, p.Channels[notify.Alerts].Any())

	// The next release reaches nobody.
	b.movies.byID[43] = notify.Movie{ID: 43, Slug: "dry-town", Title: "Dry Town", Status: "now_showing", Genres: []string{"Drama"}}
	b.inTx(t, func(ctx context.Context, tx pgx.Tx) error {
		return b.svc.CatalogChanged(ctx, tx, notify.CatalogChange{Kind: "movie_saved", MovieID: 43, OldStatus: "coming_soon", NewStatus: "now_showing"})
	})
	eventually(t, func() bool { return b.jobsIdle(t) }, "the second alert's fan-out")
	require.Len(t, b.smtp.to(fan.Email), 1)
}

func TestBookingsOpenReachesFollowersOnce(t *testing.T) {
	t.Parallel()
	b := setup(t)
	b.movies.byID[50] = notify.Movie{ID: 50, Slug: "soon", Title: "Soon", Status: "coming_soon"}
	ctx := context.Background()
	follower := b.user(t, "Asha Rao", "")
	b.wants(t, follower, notify.Follows, "")
	quitter := b.user(t, "Ben Ode", "")
	require.NoError(t, b.svc.SetFollow(ctx, follower.ID, 50, true))
	require.NoError(t, b.svc.SetFollow(ctx, quitter.ID, 50, true))
	require.NoError(t, b.svc.SetFollow(ctx, quitter.ID, 50, false))
	following, err := b.svc.Following(ctx, follower.ID, 50)
	require.NoError(t, err)
	require.True(t, following)

	for range 2 { // two rounds of scheduling: only the first opens bookings
		b.inTx(t, func(ctx context.Context, tx pgx.Tx) error {
			return b.svc.CatalogChanged(ctx, tx, notify.CatalogChange{Kind: "shows_scheduled", MovieID: 50})
		})
		eventually(t, func() bool { return b.jobsIdle(t) }, "the fan-out")
	}
	require.Len(t, b.smtp.to(follower.Email), 1)
	require.Equal(t, "Bookings are open for Soon", b.smtp.to(follower.Email)[0].Subject)
	require.Empty(t, b.smtp.to(quitter.Email))
}

func TestQuietHoursHoldMarketingButNotTickets(t *testing.T) {
	t.Parallel()
	// 23:30 in London: inside the default quiet hours (21:00-08:00).
	night := time.Date(2031, 1, 10, 23, 30, 0, 0, time.UTC)
	b := setup(t, func(o *notify.Options) { o.Now = func() time.Time { return night } })
	ctx := context.Background()
	u := b.user(t, "Asha Rao", "")
	p, err := b.svc.Preferences(ctx, u.ID)
	require.NoError(t, err)
	p.Channels[notify.Offers] = notify.Channels{Email: true}
	p.TimeZone = "Europe/London"
	require.NoError(t, b.svc.SavePreferences(ctx, u.ID, p))

	_, err = b.svc.SendAnnouncement(ctx, 1, notify.AnnouncementInput{Subject: "Half-price Tuesdays", Body: "Every Tuesday.",
		Segment: notify.Segment{Kind: "all"}})
	require.NoError(t, err)
	b.inTx(t, func(ctx context.Context, tx pgx.Tx) error {
		return b.svc.BookingConfirmed(ctx, tx, b.booking(u.ID, 48*time.Hour))
	})

	eventually(t, func() bool { return len(b.smtp.to(u.Email)) == 1 }, "the confirmation")
	var at time.Time
	eventually(t, func() bool {
		err := b.pool.QueryRow(ctx, `SELECT j.scheduled_at FROM river.river_job j JOIN notify.messages m
			ON m.id = (j.args->>'message_id')::bigint WHERE m.kind = 'offer' AND j.state = 'scheduled'`).Scan(&at)
		return err == nil
	}, "the offer to wait")
	require.Equal(t, "Your tickets for Hold Tight", strings.Split(b.smtp.to(u.Email)[0].Subject, " · ")[0])
	require.WithinDuration(t, time.Now().Add(8*time.Hour+30*time.Minute), at, time.Minute, "held until 08:00 London time")
}

func TestOffersGoToTheSegment(t *testing.T) {
	t.Parallel()
	b := setup(t, func(o *notify.Options) { o.BatchSize = 2 })
	ctx := context.Background()
	for range 5 {
		b.wants(t, b.user(t, "Lon Doner", ""), notify.Offers, "london")
	}
	elsewhere := b.user(t, "Mum Bai", "")
	b.wants(t, elsewhere, notify.Offers, "mumbai")
	seg := notify.Segment{Kind: "city", Value: "london", Label: "London"}
	n, err := b.svc.AudienceSize(ctx, seg)
	require.NoError(t, err)
	require.Equal(t, 5, n)

	_, err = b.svc.SendAnnouncement(ctx, 1, notify.AnnouncementInput{Subject: "Popcorn on us", Body: "Free popcorn this weekend.\n\nJust show this email.",
		Link: "/movies", Segment: seg})
	require.NoError(t, err)
	eventually(t, func() bool { return b.jobsIdle(t) && len(b.smtp.messages()) == 5 }, "five offers")
	require.Empty(t, b.smtp.to(elsewhere.Email))
	list, err := b.svc.Announcements(ctx)
	require.NoError(t, err)
	require.Equal(t, 5, list[0].Recipients)
	require.False(t, list[0].Sending)
}

// fixedPicks recommends the same movies to everyone.
type fixedPicks []notify.Pick

func (f fixedPicks) PicksFor(context.Context, int64, string, int) ([]notify.Pick, error) {
	return f, nil
}

// ShowsFor offers one Saturday matinee of the movie to everyone.
func (f fixedPicks) ShowsFor(_ context.Context, _ int64, _ string, movieID int64, _ int) ([]notify.ShowPick, error) {
	if movieID != 42 {
		return nil, nil
	}
	return []notify.ShowPick{{StartsAt: time.Date(2026, 12, 12, 14, 30, 0, 0, time.UTC), Theater: "Riverside",
		Reason: "Weekend matinee at Riverside, like your last 3 visits"}}, nil
}

func TestNewReleaseEmailSuggestsMoreForTheUser(t *testing.T) {
	t.Parallel()
	b := setup(t, func(o *notify.Options) {
		o.Picks = fixedPicks{{Title: "Rain City", Slug: "rain-city", Reason: "Matches your taste for drama"},
			{Title: "Harbour Lights", Slug: "harbour-lights", Reason: "Because you booked Rain City"}}
	})
	b.movies.byID[42] = notify.Movie{ID: 42, Slug: "rain-city", Title: "Rain City", Status: "now_showing",
		Genres: []string{"Drama"}, Languages: []string{"English"}, Cities: []string{"london"}}
	fan := b.user(t, "Asha Rao", "")
	b.wants(t, fan, notify.Alerts, "london", "Drama")
	b.inTx(t, func(ctx context.Context, tx pgx.Tx) error {
		return b.svc.CatalogChanged(ctx, tx, notify.CatalogChange{Kind: "movie_saved", MovieID: 42, Created: true, NewStatus: "now_showing"})
	})
	eventually(t, func() bool { return len(b.smtp.to(fan.Email)) == 1 }, "the alert")
	text, _ := b.smtp.to(fan.Email)[0].part("text/plain")
	body := string(text.Body)
	require.Contains(t, body, "Harbour Lights · Because you booked Rain City")
	require.Contains(t, body, "Showtimes for you")
	require.Contains(t, body, "14:30 · Riverside · Weekend matinee at Riverside, like your last 3 visits", "the new movie's shows that suit them")
	require.NotContains(t, body, "Rain City · Matches", "the movie the alert is about is not suggested again")
}
