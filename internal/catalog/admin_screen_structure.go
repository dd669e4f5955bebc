package catalog

import (
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"
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
	l := e.draft.Layout
	var said string
	switch op := c.FormValue("op"); op {
	case "add_row":
		if l, err = l.AddRow(); err == nil {
			said = fmt.Sprintf("Added row %s at the back.", l.Rows[len(l.Rows)-1].Label)
		}
	case "remove_row":
		l, err = l.RemoveRow()
		said = "Removed the back row."
	case "add_col":
		l, err = l.AddColumn()
		said = "Added a column on the right."
	case "remove_col":
		l, err = l.RemoveColumn()
		said = "Removed the right-hand column."
	case "number_ltr", "number_rtl":
		l.RightToLeft = op == "number_rtl"
		said = map[bool]string{false: "Seat 1 is now on the left.", true: "Seat 1 is now on the right."}[l.RightToLeft]
	case "relabel_front", "relabel_back":
		l = l.Relabel(op == "relabel_back")
		said = fmt.Sprintf("Rows relabelled: %s at the front.", l.Rows[0].Label)
	default:
		return echo.NewHTTPError(http.StatusBadRequest, "Unknown layout change.")
	}
	if err != nil {
		// The buttons are disabled at the limits; a stale page can still
		// ask for one row too many or too few.
		return echo.NewHTTPError(http.StatusUnprocessableEntity, fmt.Sprintf(
			"A layout has 1-%d rows and 1-%d columns.", MaxRows, MaxColumns))
	}
	e.draft.Layout = l
	return h.layoutReshaped(c, e, said)
}
