package catalog

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/web"
	views "github.com/marqueehq/marquee/web/templates/catalog/admin"
)

// adminScreenPreview is GET /admin/screens/:id/preview: the layout drawn
// read-only, as buyers will see it. While the admin has an unsaved draft,
// the draft is shown (and said to be one). Errors: ErrNotFound.
func (h *Handler) adminScreenPreview(c echo.Context) error {
	e, err := h.openLayoutEditor(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	t, err := h.svc.Theater(ctx, e.screen.TheaterID)
	if err != nil {
		return err
	}
	return web.Render(c, http.StatusOK, views.ScreenPreview(views.ScreenPreviewProps{
		ScreenID: e.screen.ID, TheaterID: t.ID, TheaterName: t.Name, ScreenName: e.screen.Name,
		Draft: e.dirty(), Board: layoutBoardProps(ctx, e.draft.Layout, ""),
	}))
}
