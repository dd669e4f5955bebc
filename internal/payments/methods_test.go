package payments_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/app/apptest"
	"github.com/marqueehq/marquee/internal/platform/authz"
)

// TestAChainAdminSetsTheirChainsWaysToPayOnly: a chain's admin sees and
// sets their chain's setting, and nobody else's; another chain's, a
// city's and the site's are 404 to them, and a theater's manager is
// refused the page.
func TestAChainAdminSetsTheirChainsWaysToPayOnly(t *testing.T) {
	t.Parallel()
	srv := apptest.New(t, apptest.Options{})
	ctx := context.Background()
	var mine, theirs int64
	require.NoError(t, srv.Pool.QueryRow(ctx, "INSERT INTO catalog.chains (slug, name) VALUES ('mine', 'Mine Cinemas') RETURNING id").Scan(&mine))
	require.NoError(t, srv.Pool.QueryRow(ctx, "INSERT INTO catalog.chains (slug, name) VALUES ('theirs', 'Their Cinemas') RETURNING id").Scan(&theirs))
	require.NoError(t, srv.Payments.SetMethods(ctx, "chain:"+strconv.FormatInt(theirs, 10), "test", nil, "admin@example.com"))

	admin := staffOf(t, srv, "chainboss", authz.ChainAdmin, mine, 0)
	res, body := admin.Get(t, "/admin/payment-methods")
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, "Mine Cinemas")
	require.NotContains(t, body, "Their Cinemas", "another chain's setting is not shown")

	res, body = admin.Post(t, "/admin/payment-methods", url.Values{"scope": {"chain:" + strconv.FormatInt(mine, 10)}, "first": {"test"}})
	require.Less(t, res.StatusCode, 400, body)
	for _, scope := range []string{"chain:" + strconv.FormatInt(theirs, 10), "default", "city:london"} {
		res, _ = admin.Post(t, "/admin/payment-methods", url.Values{"scope": {scope}, "first": {"test"}})
		require.Equal(t, http.StatusNotFound, res.StatusCode, "setting %s", scope)
		res, _ = admin.Post(t, "/admin/payment-methods/clear", url.Values{"scope": {scope}})
		require.Equal(t, http.StatusNotFound, res.StatusCode, "clearing %s", scope)
	}
	settings, err := srv.Payments.MethodSettings(ctx)
	require.NoError(t, err)
	require.Len(t, settings, 2, "their chain's setting is untouched and mine is saved")

	manager := staffOf(t, srv, "theaterboss", authz.TheaterManager, mine, 0)
	res, _ = manager.Get(t, "/admin/payment-methods")
	require.Equal(t, http.StatusForbidden, res.StatusCode)
}
