package notify_test

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/notify"
	"github.com/marqueehq/marquee/internal/platform/web"
)

// router serves notify's pages as cmd/server does; visitors only (the
// guards refuse everyone).
func (b *testBundle) router() *echo.Echo {
	e := web.New(web.Options{Log: slog.New(slog.DiscardHandler), MaxBodyBytes: 1 << 20, Statuses: slices.Concat(web.CommonStatuses, notify.ErrorStatuses)})
	deny := func(echo.HandlerFunc) echo.HandlerFunc {
		return func(echo.Context) error { return echo.NewHTTPError(http.StatusUnauthorized, "sign in") }
	}
	notify.NewHandler(b.svc, notify.HandlerOptions{RequireUser: deny, RequireStaff: deny, RequireAdmin: deny,
		UserID: func(echo.Context) int64 { return 0 }}).Routes(e)
	return e
}

func TestUnsubscribeLinks(t *testing.T) {
	t.Parallel()
	b := setup(t)
	u := b.user(t, "Asha Rao", "")
	b.wants(t, u, notify.Offers, "")
	e := b.router()
	token := b.keys.UnsubscribeToken(u.ID, notify.Offers)

	get := httptest.NewRecorder()
	e.ServeHTTP(get, httptest.NewRequest(http.MethodGet, "/unsubscribe?t="+token, nil))
	require.Equal(t, http.StatusOK, get.Code)
	require.Contains(t, get.Body.String(), "Offers and news")
	p, err := b.svc.Preferences(context.Background(), u.ID)
	require.NoError(t, err)
	require.True(t, p.Channels[notify.Offers].Email, "opening the link changes nothing")

	forged := httptest.NewRecorder()
	e.ServeHTTP(forged, httptest.NewRequest(http.MethodPost, "/api/v1/unsubscribe?t="+strings.Replace(token, "offers", "alerts", 1), nil))
	require.Equal(t, http.StatusBadRequest, forged.Code)

	// The mail provider's one-click POST (RFC 8058) needs no cookie or CSRF token.
	req := httptest.NewRequest(http.MethodPost, "/api/v1/unsubscribe?t="+token, strings.NewReader("List-Unsubscribe=One-Click"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, req)
	require.Equal(t, http.StatusOK, rec.Code)
	p, err = b.svc.Preferences(context.Background(), u.ID)
	require.NoError(t, err)
	require.False(t, p.Channels[notify.Offers].Any())
}

func TestFollowButtonForVisitorsAndGuards(t *testing.T) {
	t.Parallel()
	b := setup(t)
	b.movies.byID[9] = notify.Movie{ID: 9, Slug: "soon", Title: "Soon", Status: "coming_soon"}
	b.movies.byID[10] = notify.Movie{ID: 10, Slug: "showing", Title: "Showing", Status: "now_showing"}
	e := b.router()

	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/movies/soon/follow", nil))
	require.Equal(t, http.StatusOK, rec.Code)
	require.Contains(t, rec.Body.String(), "Sign in to be notified")
	require.Contains(t, rec.Body.String(), "/login?next=/movies/soon")

	rec = httptest.NewRecorder()
	e.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/movies/showing/follow", nil))
	require.NotContains(t, rec.Body.String(), "Notify me", "a movie on sale has no button")

	for _, path := range []string{"/admin/outbox", "/admin/announcements", "/account/notifications"} {
		rec = httptest.NewRecorder()
		e.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		require.Equal(t, http.StatusUnauthorized, rec.Code, path)
	}
}
