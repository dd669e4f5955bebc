package tms_test

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/tms"
)

// TestAdminsConnectATheaterAndStaffSyncAndReadTheRuns: an admin saves the
// feed's address and key on the theater's page; staff see the settings and
// the runs with their logs and may sync now, but not change the settings;
// a moviegoer is not let in; an http address elsewhere is refused.
func TestAdminsConnectATheaterAndStaffSyncAndReadTheRuns(t *testing.T) {
	t.Parallel()
	b := setup(t)
	page := fmt.Sprintf("/admin/theaters/%d/tms", b.theater.ID)
	b.tms.change(func(f *tms.Feed) { *f = b.firstFeed() })
	b.sync(t)

	admin, _ := b.SignedIn(t, "Ana", account.Admin)
	res, body := admin.Post(t, page, url.Values{"feed_url": {"http://tms.example.com/feed"}, "interval_minutes": {"10"}, "enabled": {"1"}})
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.Contains(t, body, "Enter the feed&#39;s https:// address.")
	res, body = admin.Post(t, page, url.Values{"feed_url": {b.tms.URL + "/feed"}, "interval_minutes": {"10"}, "enabled": {"1"}})
	require.Equal(t, http.StatusSeeOther, res.StatusCode, body)
	conn, err := b.TMS.Connection(t.Context(), b.theater.ID)
	require.NoError(t, err)
	require.Equal(t, 10, conn.IntervalMinutes)
	require.True(t, conn.HasKey, "an empty key field keeps the key")

	staff, _ := b.SignedIn(t, "Sam", account.Staff)
	res, body = staff.Get(t, page)
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, "Sync now")
	require.Contains(t, body, `session &#34;S-1&#34;: scheduled show`)
	require.NotContains(t, body, `name="feed_url"`, "staff do not edit the settings")
	res, _ = staff.Post(t, page, url.Values{"feed_url": {"https://elsewhere.example/feed"}, "interval_minutes": {"5"}})
	require.Equal(t, http.StatusForbidden, res.StatusCode)
	res, _ = staff.Post(t, page+"/sync", url.Values{})
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	require.Equal(t, 1, b.count(t, "SELECT count(*) FROM river.river_job WHERE kind = 'tms.sync'"), "a sync is queued")

	buyer, _ := b.SignedIn(t, "Mo", account.Customer)
	res, _ = buyer.Get(t, page)
	require.Equal(t, http.StatusForbidden, res.StatusCode)
}
