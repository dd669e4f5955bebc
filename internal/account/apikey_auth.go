package account

import (
	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/web"
)

// apiKeyHeader carries a staff API key.
const apiKeyHeader = "X-API-Key"

// RequireAPIKey admits requests with a live staff API key in X-API-Key
// that has scope, and puts the key in the request (web.APIKeyFrom) so
// handlers can keep a key limited to some theaters to those theaters.
// Unsafe requests then honour Idempotency-Key per key (the handler's
// idempotent middleware, whose scope names the key: idempotency.APIKeyScope).
// Errors: ErrAPIKeyInvalid (401), ErrAPIKeyScope (403).
func (h *Handler) RequireAPIKey(scope string) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			secret := c.Request().Header.Get(apiKeyHeader)
			if secret == "" {
				return ErrAPIKeyInvalid
			}
			k, err := h.svc.APIKeyBySecret(c.Request().Context(), secret)
			if err != nil {
				return err
			}
			if !k.HasScope(scope) {
				return ErrAPIKeyScope
			}
			web.SetAPIKey(c, web.APIKey{ID: k.ID, Name: k.Name, Scopes: k.Scopes, TheaterIDs: k.TheaterIDs})
			if h.idempotent != nil {
				// Idempotency-Key per key, as per user on bearer routes.
				return h.idempotent(next)(c)
			}
			return next(c)
		}
	}
}
