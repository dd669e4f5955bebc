package notify_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/notify"
)

func TestUnsubscribeLinks(t *testing.T) {
	t.Parallel()
	b := httpSetup(t)
	u := b.user(t, "Asha Rao", "")
	b.wants(t, u, notify.Offers, "")
	visitor := b.srv.Browser(t)
	token := b.keys.UnsubscribeToken(u.ID, notify.Offers)

	res, page := visitor.Get(t, "/unsubscribe?t="+token)
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, page, "Offers and news")
	p, err := b.svc.Preferences(context.Background(), u.ID)
	require.NoError(t, err)
	require.True(t, p.Channels[notify.Offers].Email, "opening the link changes nothing")

	forged, err := http.NewRequest(http.MethodPost, b.srv.URL+"/api/v1/unsubscribe?t="+strings.Replace(token, "offers", "alerts", 1), nil)
	require.NoError(t, err)
	res, _ = visitor.Do(t, forged)
	require.Equal(t, http.StatusBadRequest, res.StatusCode)

	// The mail provider's one-click POST (RFC 8058) needs no cookie or CSRF token.
	req, err := http.NewRequest(http.MethodPost, b.srv.URL+"/api/v1/unsubscribe?t="+token, strings.NewReader("List-Unsubscribe=One-Click"))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	res, _ = visitor.Do(t, req)
	require.Equal(t, http.StatusOK, res.StatusCode)
	p, err = b.svc.Preferences(context.Background(), u.ID)
	require.NoError(t, err)
	require.False(t, p.Channels[notify.Offers].Any())
}

func TestFollowButtonForVisitorsAndGuards(t *testing.T) {
	t.Parallel()
	b := httpSetup(t)
	soon := b.catalogMovie(t, "Soon", catalog.ComingSoon)
	showing := b.catalogMovie(t, "Showing", catalog.NowShowing)
	visitor := b.srv.Browser(t)

	res, page := visitor.Get(t, "/movies/"+soon.Slug+"/follow")
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, page, "Sign in to be notified")
	require.Contains(t, page, "/login?next=/movies/"+soon.Slug)

	_, page = visitor.Get(t, "/movies/"+showing.Slug+"/follow")
	require.NotContains(t, page, "Notify me", "a movie on sale has no button")

	customer, _ := b.srv.SignedIn(t, "Cass", account.Customer)
	for _, path := range []string{"/admin/outbox", "/admin/announcements", "/account/notifications"} {
		res, _ = visitor.Get(t, path)
		require.Equal(t, http.StatusSeeOther, res.StatusCode, path)
		require.Equal(t, "/login?next="+path, res.Header.Get("Location"), "visitors are sent to sign in first")
		if strings.HasPrefix(path, "/admin/") {
			res, _ = customer.Get(t, path)
			require.Equal(t, http.StatusForbidden, res.StatusCode, "%s is for staff", path)
		}
	}
}

// catalogMovie adds a movie with status to the app's catalogue.
func (b *testBundle) catalogMovie(t testing.TB, title string, status catalog.MovieStatus) catalog.Movie {
	t.Helper()
	release := time.Now().AddDate(0, 0, -3)
	if status == catalog.ComingSoon {
		release = time.Now().AddDate(0, 1, 0)
	}
	m, err := b.srv.Catalog.CreateMovie(context.Background(), catalog.MovieInput{Title: title, RuntimeMinutes: 100,
		ReleaseDate: release, Certification: "PG", OriginalLanguage: "English", Genres: []string{"Drama"},
		Formats: []string{"2D"}, Status: status})
	require.NoError(t, err)
	return m
}
