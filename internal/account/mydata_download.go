package account

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/web"
	"github.com/marqueehq/marquee/internal/platform/webctx"
	views "github.com/marqueehq/marquee/web/templates/account"
)

// downloadData sends everything we hold about the user as a JSON file.
func (h *Handler) downloadData(c echo.Context) error {
	ctx := c.Request().Context()
	data, err := h.svc.ExportData(ctx, webctx.From(ctx).User.ID)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Content-Disposition", `attachment; filename="marquee-my-data.json"`)
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSONPretty(http.StatusOK, data, "  ")
}

func (h *Handler) deleteForm(c echo.Context) error {
	return web.Render(c, http.StatusOK, views.DeleteAccount(""))
}

func (h *Handler) deleteAccount(c echo.Context) error {
	ctx := c.Request().Context()
	err := h.svc.DeleteAccount(ctx, webctx.From(ctx).User.ID, c.FormValue("password"))
	switch {
	case errors.Is(err, ErrBadCredentials):
		return web.Render(c, http.StatusUnprocessableEntity, views.DeleteAccount(msgNotYourPassword))
	case errors.Is(err, ErrLastAdmin):
		return web.Render(c, http.StatusConflict, views.DeleteAccount(i18n.Msg("You are the only admin. Make someone else admin first.")))
	case err != nil:
		return err
	}
	if err := h.sessions.Destroy(ctx); err != nil {
		return err
	}
	return web.Render(c, http.StatusOK, views.Notice(i18n.T(ctx, "Your account is deleted"),
		i18n.T(ctx, "Everything that identified you is gone. Thank you for watching with us."), i18n.T(ctx, "Back to the movies"), "/"))
}
