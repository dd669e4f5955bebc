package catalog

import (
	"net/http"

	"github.com/marqueehq/marquee/internal/platform/i18n"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/validate"
	"github.com/marqueehq/marquee/internal/platform/web"
	views "github.com/marqueehq/marquee/web/templates/catalog/admin"
)

// adminScreenLabels is POST /admin/screens/:id/labels: renames the draft's
// rows, one "label" field per row, front row first. Bad or repeated labels
// bring the panel (or, without JavaScript, the page) back with the input
// and a message on each offending row (422). Errors: ErrNotFound.
func (h *Handler) adminScreenLabels(c echo.Context) error {
	e, err := h.openLayoutEditor(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	form, err := c.FormParams()
	if err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, i18n.T(ctx, "The form could not be read."))
	}
	labels := form["label"]
	next, err := e.draft.Layout.WithLabels(ctx, labels)
	if errs, ok := validate.Fields(err); ok {
		side := layoutSideProps(e, labels, errs)
		if web.IsHTMX(c) {
			c.Response().Header().Set("HX-Retarget", "#le-side")
			c.Response().Header().Set("HX-Reswap", "outerHTML")
			return web.Render(c, http.StatusUnprocessableEntity, views.LayoutSidePanel(side))
		}
		p, err := h.screenEditorProps(c, e)
		if err != nil {
			return err
		}
		p.Side = side
		return web.Render(c, http.StatusUnprocessableEntity, views.ScreenEditor(p))
	}
	if err != nil {
		return err
	}
	e.draft.Layout = next
	return h.layoutReshaped(c, e, i18n.T(ctx, "Row labels updated."))
}
