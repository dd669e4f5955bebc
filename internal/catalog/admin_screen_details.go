package catalog

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/validate"
	"github.com/marqueehq/marquee/internal/platform/web"
	"github.com/marqueehq/marquee/internal/platform/webctx"
	views "github.com/marqueehq/marquee/web/templates/catalog/admin"
)

// adminScreenDetails is POST /admin/screens/:id: renames the screen and
// sets the formats it plays, keeping the saved layout (a draft stays a
// draft). Problems come back on the editor page (422); dropping a format
// that scheduled shows use is refused by the service. Errors: ErrNotFound.
func (h *Handler) adminScreenDetails(c echo.Context) error {
	e, err := h.openLayoutEditor(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	form, err := c.FormParams()
	if err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, i18n.T(ctx, "The form could not be read."))
	}
	name, formats := strings.TrimSpace(form.Get("name")), form["formats"]
	sc, err := h.svc.UpdateScreen(ctx, e.screen.ID,
		ScreenInput{Name: name, Formats: formats, Layout: e.screen.Layout})
	if errs, ok := validate.Fields(err); ok {
		p, err := h.screenEditorProps(c, e)
		if err != nil {
			return err
		}
		p.Details = views.ScreenDetailsProps{Name: name, Formats: formats, AllFormats: adminChoices(Formats()), Errors: localizedErrors(ctx, errs)}
		return web.Render(c, http.StatusUnprocessableEntity, views.ScreenEditor(p))
	}
	if err != nil {
		return err
	}
	h.auth.Flash(c, webctx.FlashSuccess, i18n.T(ctx, "Saved {{.Screen}}: {{.Formats}}.", "Screen", sc.Name, "Formats", strings.Join(sc.Formats, ", ")))
	return web.Redirect(c, fmt.Sprintf("/admin/screens/%d/edit", sc.ID))
}
