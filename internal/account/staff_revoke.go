package account

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/authz"
	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/web"
	"github.com/marqueehq/marquee/internal/platform/webctx"
)

// staffRevoke takes a role away. A role outside the places the viewer
// manages does not exist for them (404); one they manage but could not
// have granted (a fellow manager's, their own) is 403.
func (h *Handler) staffRevoke(c echo.Context) error {
	ctx := c.Request().Context()
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil {
		return echo.ErrNotFound
	}
	places, err := h.staffPlaces(c)
	if err != nil {
		return err
	}
	err = h.svc.RevokeRole(ctx, granter(c), id, func(g authz.Grant) string { return placeOf(places, g).Label() })
	switch {
	case errors.Is(err, ErrNotFound):
		return echo.ErrNotFound
	case errors.Is(err, ErrGrantSelf), errors.Is(err, ErrGrantNotAllowed):
		return echo.NewHTTPError(http.StatusForbidden, i18n.T(ctx, "You cannot revoke that role."))
	case err != nil:
		return err
	}
	web.SetFlash(c, h.sessions, webctx.FlashSuccess, i18n.T(ctx, "Role revoked."))
	return web.Redirect(c, "/admin/staff")
}
