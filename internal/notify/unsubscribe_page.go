package notify

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/web"
	"github.com/marqueehq/marquee/web/static"
	views "github.com/marqueehq/marquee/web/templates/notify"
)

// unsubscribePage asks for the one click (a GET never changes anything:
// mail scanners open links).
func (h *Handler) unsubscribePage(c echo.Context) error {
	token := c.QueryParam("t")
	_, cat, err := h.svc.opts.Keys.VerifyUnsubscribe(token)
	if err != nil {
		return web.Render(c, http.StatusBadRequest, views.Unsubscribe(views.UnsubscribeProps{Invalid: true}))
	}
	return web.Render(c, http.StatusOK, views.Unsubscribe(views.UnsubscribeProps{Token: token, Category: i18n.T(c.Request().Context(), cat.Label())}))
}

func (h *Handler) unsubscribe(c echo.Context) error {
	cat, err := h.svc.Unsubscribe(c.Request().Context(), c.FormValue("t"))
	if errors.Is(err, ErrBadUnsubscribe) {
		return web.Render(c, http.StatusBadRequest, views.Unsubscribe(views.UnsubscribeProps{Invalid: true}))
	}
	if err != nil {
		return err
	}
	return web.Render(c, http.StatusOK, views.Unsubscribe(views.UnsubscribeProps{Done: true, Category: i18n.T(c.Request().Context(), cat.Label())}))
}

// unsubscribeOneClick answers a mail provider's List-Unsubscribe-Post.
func (h *Handler) unsubscribeOneClick(c echo.Context) error {
	if _, err := h.svc.Unsubscribe(c.Request().Context(), c.QueryParam("t")); err != nil {
		return err
	}
	return c.NoContent(http.StatusOK)
}

// serviceWorker serves the service worker at the site's root, so its
// scope is the whole site (static revalidates plain names every 5 minutes).
func serviceWorker(c echo.Context) error {
	r := c.Request().Clone(c.Request().Context())
	r.URL.Path = static.Prefix + "sw.js"
	c.Response().Header().Set("Service-Worker-Allowed", "/")
	c.Response().Header().Set("Content-Type", "text/javascript; charset=utf-8")
	static.Handler().ServeHTTP(c.Response(), r)
	return nil
}
