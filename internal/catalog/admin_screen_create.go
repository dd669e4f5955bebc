package catalog

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/validate"
	"github.com/marqueehq/marquee/internal/platform/web"
	"github.com/marqueehq/marquee/internal/platform/webctx"
	views "github.com/marqueehq/marquee/web/templates/catalog/admin"
)

// adminScreenCreate is POST /admin/theaters/:id/screens: creates a screen
// with a rows x cols grid of standard seats and opens its layout editor, or
// brings the form back with the problems marked (422). Errors: ErrNotFound.
func (h *Handler) adminScreenCreate(c echo.Context) error {
	id, err := adminPathID(c, "id")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	t, err := h.svc.Theater(ctx, id)
	if err != nil {
		return err
	}
	form, err := c.FormParams()
	if err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, i18n.T(ctx, "The form could not be read."))
	}
	v := views.ScreenNewValues{
		Name: form.Get("name"), Formats: form["formats"],
		Rows: strings.TrimSpace(form.Get("rows")), Cols: strings.TrimSpace(form.Get("cols")),
	}
	var errs validate.Errors
	rows, err := strconv.Atoi(v.Rows)
	errs.Check(err == nil && rows >= 1 && rows <= MaxRows, "rows", i18n.T(ctx, "Enter 1 to {{.Max}} rows.", "Max", MaxRows))
	cols, err := strconv.Atoi(v.Cols)
	errs.Check(err == nil && cols >= 1 && cols <= MaxColumns, "cols", i18n.T(ctx, "Enter 1 to {{.Max}} seats per row.", "Max", MaxColumns))
	in := ScreenInput{Name: strings.TrimSpace(v.Name), Formats: v.Formats}
	if in.Layout, err = NewLayout(max(rows, 1), max(cols, 1)); err != nil {
		in.Layout, _ = NewLayout(1, 1) // the size is reported above; check the rest
	}
	var sc Screen
	if err := in.validate(); err != nil {
		fields, _ := validate.Fields(err)
		for f, msg := range fields {
			errs.Add(f, i18n.T(ctx, msg))
		}
	}
	if len(errs) == 0 {
		sc, err = h.svc.CreateScreen(ctx, id, in)
		if fields, ok := validate.Fields(err); ok {
			errs = localizedErrors(ctx, fields)
		} else if err != nil {
			return err
		}
	}
	if len(errs) > 0 {
		return web.Render(c, http.StatusUnprocessableEntity, views.ScreenNew(screenNewProps(t, v, errs)))
	}
	h.auth.Flash(c, webctx.FlashSuccess, i18n.T(ctx,
		"Created {{.Screen}} with {{.Seats}} seats. Now add aisles, premium rows and wheelchair spaces, then save.",
		"Screen", sc.Name, "Seats", i18n.Number(ctx, int64(sc.SeatCount))))
	return web.Redirect(c, fmt.Sprintf("/admin/screens/%d/edit", sc.ID))
}
