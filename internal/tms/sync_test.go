package tms_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/tms"
)

// TestTheFeedIsReconciledRunAfterRun: the first run schedules the TMS's
// sessions (and creates its film) and blocks the seats sold at its
// counter; then the TMS moves a session, drops one a buyer paid for,
// changes a price and sells more seats, and the second run moves the show,
// cancels the dropped one with a refund, reprices and blocks, leaving a
// seat our buyer holds with our buyer. A third run finds the feed unchanged.
func TestTheFeedIsReconciledRunAfterRun(t *testing.T) {
	t.Parallel()
	b := setup(t)
	workJobs(t, b.Server)
	ctx := context.Background()
	b.tms.change(func(f *tms.Feed) { *f = b.firstFeed() })

	run := b.sync(t)
	require.Equal(t, tms.StatusOK, run.Status, logText(run))
	require.Equal(t, tms.Counts{Scheduled: 3, SeatsBlocked: 2, Repriced: 3}, run.Counts, logText(run))
	s1, s2 := b.sessionShow(t, "S-1"), b.sessionShow(t, "S-2")
	movie, err := b.Catalog.Movie(ctx, s1.MovieID)
	require.NoError(t, err)
	require.Equal(t, "Northern Lights", movie.Title)
	require.Equal(t, b.at(0, 14, 0), s1.StartsAt.In(b.theater.Location()).Format(time.RFC3339))
	require.Equal(t, catalog.Prices{catalog.Standard: 1200, catalog.Premium: 1800}, s1.Prices, "the feed's prices, not the theater's rules")

	ada, adaUser := b.SignedIn(t, "Ada", account.Customer)
	_, err = b.Booking.Hold(ctx, adaUser.ID, s1.ID, []string{"A1"})
	require.ErrorContains(t, err, "Not for sale: A1", "a seat sold at the theater's counter cannot be held here")
	paid := hold(t, ada, s2.ID, "C4", "C5")
	pay(t, ada, paid, "4242424242424242")
	waitUntil(t, "Ada's booking is confirmed", func() bool {
		bk, err := b.Booking.Booking(ctx, adaUser.ID, paid)
		return err == nil && bk.Status == booking.Confirmed
	})
	held := hold(t, ada, s1.ID, "B5")

	b.tms.change(func(f *tms.Feed) {
		f.Sessions[0].StartsAt = b.at(0, 15, 0)                                    // S-1 moves an hour later
		f.Sessions[0].SeatsSold = []string{"A1", "B5", "C1"}                       // A2 back on sale, B5 and C1 sold
		f.Sessions[2].Prices = map[string]int64{"standard": 1500, "premium": 2000} // S-3 dearer
		f.Sessions = append(f.Sessions[:1], f.Sessions[2:]...)                     // S-2 dropped
	})
	run = b.sync(t)
	require.Equal(t, tms.StatusOK, run.Status, logText(run))
	require.Equal(t, tms.Counts{Moved: 1, Cancelled: 1, Repriced: 1, SeatsBlocked: 1}, run.Counts, logText(run))
	require.Contains(t, logText(run), `seat B5 was sold at the theater but is held by our booking`)

	s1 = b.sessionShow(t, "S-1")
	require.Equal(t, b.at(0, 15, 0), s1.StartsAt.In(b.theater.Location()).Format(time.RFC3339))
	require.Equal(t, catalog.Cancelled, b.sessionShow(t, "S-2").Status)
	require.Equal(t, catalog.Prices{catalog.Standard: 1500, catalog.Premium: 2000}, b.sessionShow(t, "S-3").Prices)
	waitUntil(t, "Ada's paid booking on the dropped session is cancelled and refunded", func() bool {
		bk, err := b.Booking.Booking(ctx, adaUser.ID, paid)
		return err == nil && (bk.Status == booking.Refunded || bk.Status == booking.Cancelled) &&
			b.count(t, "SELECT count(*) FROM payments.refunds") == 1
	})
	bea, beaUser := b.SignedIn(t, "Bea", account.Customer)
	_, err = b.Booking.Hold(ctx, beaUser.ID, s1.ID, []string{"C1"})
	require.ErrorContains(t, err, "Not for sale: C1", "C1 was sold at the counter")
	hold(t, bea, s1.ID, "A2") // back on sale
	bk, err := b.Booking.Booking(ctx, adaUser.ID, held)
	require.NoError(t, err)
	require.Equal(t, booking.Held, bk.Status, "B5 stays with Ada")
	waitUntil(t, "the job telling S-1's buyers it moved has run", func() bool {
		return b.count(t, "SELECT count(*) FROM river.river_job WHERE kind = 'booking.show_moved' AND state = 'completed' AND (args->>'show_id')::bigint = $1",
			s1.ID) == 1
	})
	require.Zero(t, b.count(t, "SELECT count(*) FROM notify.messages WHERE kind = 'booking.show_moved'"),
		"Ada only holds B5 on the moved session, unpaid: she sees the new time when she pays")

	run = b.sync(t)
	require.Equal(t, tms.StatusOK, run.Status)
	require.Contains(t, logText(run), "has not changed")
	require.Equal(t, 2, b.tms.not304, "the third fetch was answered 304")

	runs, err := b.TMS.Runs(ctx, b.conn.ID, 10)
	require.NoError(t, err)
	require.Len(t, runs, 3)
	require.Equal(t, 4, b.count(t, "SELECT count(*) FROM catalog.shows WHERE theater_id = $1", b.theater.ID),
		"the test's own show and the TMS's three")
}

// TestAFeedWithABadRowImportsNothingAndSaysWhy: one unknown screen and
// one unreadable time refuse the whole run: no movie, no show, no seat,
// and the log names each row and what is wrong with it.
func TestAFeedWithABadRowImportsNothingAndSaysWhy(t *testing.T) {
	t.Parallel()
	b := setup(t)
	feed := b.firstFeed()
	feed.Sessions[1].Screen = "Screen 9"
	feed.Sessions[2].StartsAt = "tomorrow at six"
	b.tms.change(func(f *tms.Feed) { *f = feed })
	shows := b.count(t, "SELECT count(*) FROM catalog.shows")
	movies := b.count(t, "SELECT count(*) FROM catalog.movies")

	run := b.sync(t)
	require.Equal(t, tms.StatusRefused, run.Status)
	require.Equal(t, 2, run.Refused)
	text := logText(run)
	require.Contains(t, text, `session "S-2" (#2): Test Cinema has no screen called "Screen 9"`)
	require.Contains(t, text, `session "S-3" (#3): starts_at "tomorrow at six" is not an RFC 3339 time`)
	require.Contains(t, text, "nothing of this run was applied")
	require.Equal(t, shows, b.count(t, "SELECT count(*) FROM catalog.shows"), "no show scheduled")
	require.Equal(t, movies, b.count(t, "SELECT count(*) FROM catalog.movies"), "no movie created")
	require.Zero(t, b.count(t, "SELECT count(*) FROM booking.show_seats WHERE state = 'blocked'"))

	// Fixed at the TMS, the same feed goes through on the next run (a
	// refused feed's ETag is not kept, so it is read again).
	b.tms.change(func(f *tms.Feed) { *f = b.firstFeed() })
	run = b.sync(t)
	require.Equal(t, tms.StatusOK, run.Status, logText(run))
	require.Equal(t, 3, run.Scheduled)
}

// TestAFeedThatCannotBeReadChangesNothing: a TMS answering 500, one that
// cannot be reached, a feed larger than the limit, a wrong key and a body
// that is not JSON each fail the run and leave the catalogue as it was.
func TestAFeedThatCannotBeReadChangesNothing(t *testing.T) {
	t.Parallel()
	b := setup(t)
	b.tms.change(func(f *tms.Feed) { *f = b.firstFeed() })
	shows := b.count(t, "SELECT count(*) FROM catalog.shows")
	cases := []struct {
		name, want string
		arrange    func()
	}{
		{"a server error", "the feed answered HTTP 500", func() { b.tms.fail = http.StatusInternalServerError }},
		{"a wrong key", "the feed refused the key (HTTP 401)", func() {
			b.tms.fail = 0
			_, err := b.TMS.SaveConnection(context.Background(), b.theater.ID, tms.ConnectionInput{
				FeedURL: b.tms.URL + "/feed", Key: "wrong", Enabled: true, IntervalMinutes: 15})
			require.NoError(t, err)
		}},
		{"a body that is not JSON", "the feed is not the documented JSON", func() {
			_, err := b.TMS.SaveConnection(context.Background(), b.theater.ID, tms.ConnectionInput{
				FeedURL: b.tms.URL + "/feed", Key: feedKey, Enabled: true, IntervalMinutes: 15})
			require.NoError(t, err)
			b.tms.raw = []byte("<html>maintenance</html>")
		}},
		{"a feed over the size limit", "the feed is larger than", func() {
			b.tms.raw = []byte(`{"films":[],"sessions":[],"pad":"` + strings.Repeat("x", 9<<20) + `"}`)
		}},
		{"an unreachable feed", "the feed could not be reached", func() { b.tms.Close() }},
	}
	for _, c := range cases {
		b.tms.mu.Lock()
		c.arrange()
		b.tms.mu.Unlock()
		run := b.sync(t)
		require.Equal(t, tms.StatusFailed, run.Status, c.name)
		require.Contains(t, logText(run), c.want, c.name)
		require.Contains(t, logText(run), "nothing was changed", c.name)
		require.Equal(t, shows, b.count(t, "SELECT count(*) FROM catalog.shows"), c.name)
	}
}
