package catalog

import (
	"fmt"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/web"
	"github.com/marqueehq/marquee/internal/platform/webctx"
)

// adminScreenDiscard is POST /admin/screens/:id/layout/discard: forgets the
// admin's draft, back to the saved layout. Errors: ErrNotFound.
func (h *Handler) adminScreenDiscard(c echo.Context) error {
	id, err := adminPathID(c, "id")
	if err != nil {
		return err
	}
	if _, err := h.svc.Screen(c.Request().Context(), id); err != nil {
		return err
	}
	h.dropDraft(c, id)
	h.auth.Flash(c, webctx.FlashInfo, i18n.T(c.Request().Context(), "Draft discarded. This is the saved layout."))
	return web.Redirect(c, fmt.Sprintf("/admin/screens/%d/edit", id))
}
