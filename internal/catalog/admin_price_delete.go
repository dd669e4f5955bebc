package catalog

import (
	"fmt"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/web"
	"github.com/marqueehq/marquee/internal/platform/webctx"
)

// adminPriceDelete is POST /admin/theaters/:id/prices/:rule/delete. Shows
// already scheduled keep the prices they were given. Errors: ErrNotFound.
func (h *Handler) adminPriceDelete(c echo.Context) error {
	id, err := adminPathID(c, "id")
	if err != nil {
		return err
	}
	ruleID, err := adminPathID(c, "rule")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	if _, err := h.svc.Theater(ctx, id); err != nil {
		return err
	}
	if err := h.svc.DeletePriceRule(ctx, id, ruleID); err != nil {
		return err
	}
	h.auth.Flash(c, webctx.FlashSuccess, i18n.T(ctx, "Price deleted. Shows already scheduled keep their prices."))
	return web.Redirect(c, fmt.Sprintf("/admin/theaters/%d#prices", id))
}
