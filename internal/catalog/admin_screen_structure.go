package catalog

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
)

// adminScreenStructure is POST /admin/screens/:id/structure: a change to the
// draft's shape, numbering or labels, named by op: add_row, remove_row
// (at the back), add_col, remove_col (at the right), number_ltr,
// number_rtl, relabel_front, relabel_back. Errors: ErrNotFound.
func (h *Handler) adminScreenStructure(c echo.Context) error {
	e, err := h.openLayoutEditor(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	l := e.draft.Layout
	var said string
	switch op := c.FormValue("op"); op {
	case "add_row":
		if l, err = l.AddRow(); err == nil {
			said = i18n.T(ctx, "Added row {{.Row}} at the back.", "Row", l.Rows[len(l.Rows)-1].Label)
		}
	case "remove_row":
		l, err = l.RemoveRow()
		said = i18n.T(ctx, "Removed the back row.")
	case "add_col":
		l, err = l.AddColumn()
		said = i18n.T(ctx, "Added a column on the right.")
	case "remove_col":
		l, err = l.RemoveColumn()
		said = i18n.T(ctx, "Removed the right-hand column.")
	case "number_ltr", "number_rtl":
		l.RightToLeft = op == "number_rtl"
		said = i18n.T(ctx, "Seat 1 is now on the left.")
		if l.RightToLeft {
			said = i18n.T(ctx, "Seat 1 is now on the right.")
		}
	case "relabel_front", "relabel_back":
		l = l.Relabel(op == "relabel_back")
		said = i18n.T(ctx, "Rows relabelled: {{.Row}} at the front.", "Row", l.Rows[0].Label)
	default:
		return echo.NewHTTPError(http.StatusBadRequest, i18n.T(ctx, "Unknown layout change."))
	}
	if err != nil {
		// The buttons are disabled at the limits; a stale page can still
		// ask for one row too many or too few.
		return echo.NewHTTPError(http.StatusUnprocessableEntity, i18n.T(ctx,
			"A layout has 1-{{.Rows}} rows and 1-{{.Columns}} columns.", "Rows", MaxRows, "Columns", MaxColumns))
	}
	e.draft.Layout = l
	return h.layoutReshaped(c, e, said)
}
