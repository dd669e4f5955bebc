package catalog

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/web"
	views "github.com/marqueehq/marquee/web/templates/catalog/admin"
)

// adminScreenEdit is GET /admin/screens/:id/edit: the seat-layout editor,
// showing the admin's draft if they have one. Errors: ErrNotFound.
func (h *Handler) adminScreenEdit(c echo.Context) error {
	e, err := h.openLayoutEditor(c)
	if err != nil {
		return err
	}
	p, err := h.screenEditorProps(c, e)
	if err != nil {
		return err
	}
	return web.Render(c, http.StatusOK, views.ScreenEditor(p))
}

// screenEditorProps assembles the editor page for e; callers adjust the
// details or side panel to show a rejected form.
func (h *Handler) screenEditorProps(c echo.Context, e layoutEditor) (views.ScreenEditorProps, error) {
	ctx := c.Request().Context()
	t, err := h.svc.Theater(ctx, e.screen.TheaterID)
	if err != nil {
		return views.ScreenEditorProps{}, err
	}
	return views.ScreenEditorProps{
		ScreenID: e.screen.ID, TheaterID: t.ID, TheaterName: t.Name, ScreenName: e.screen.Name,
		Tools: layoutToolChoices(ctx), Tool: string(h.layoutTool(c)),
		Board:  layoutBoardProps(ctx, e.draft.Layout, layoutCellsURL(e.screen.ID)),
		Status: layoutStatusProps(e),
		Side:   layoutSideProps(e, nil, nil),
		Details: views.ScreenDetailsProps{
			Name: e.screen.Name, Formats: e.screen.Formats, AllFormats: adminChoices(Formats()),
		},
	}, nil
}
