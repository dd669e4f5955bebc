package idempotency_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/labstack/echo/v4"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/platform/idempotency"
	"github.com/marqueehq/marquee/internal/platform/web"
	"github.com/marqueehq/marquee/internal/platform/webctx"
)

func TestScopesNameTheCallerOrNoOne(t *testing.T) {
	t.Parallel()
	newContext := func() echo.Context {
		req := httptest.NewRequest(http.MethodPost, "/api/v1/x", nil)
		req = req.WithContext(webctx.With(req.Context(), &webctx.Request{}))
		return echo.New().NewContext(req, httptest.NewRecorder())
	}
	c := newContext()
	require.Empty(t, idempotency.UserScope(c), "no user, no scope")
	require.Empty(t, idempotency.APIKeyScope(c), "no key, no scope")

	webctx.From(c.Request().Context()).User = &webctx.User{ID: 42}
	require.Equal(t, "user:42", idempotency.UserScope(c))

	c = newContext()
	web.SetAPIKey(c, web.APIKey{ID: 7})
	require.Equal(t, "key:7", idempotency.APIKeyScope(c))
	require.Equal(t, "key:7", idempotency.KeyScope(7))
}
