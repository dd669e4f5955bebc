package catalog

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/web"
	views "github.com/marqueehq/marquee/web/templates/catalog/admin"
)

// adminScreenCells is POST /admin/screens/:id/cells, the editor's clicks.
// A tool (the palette's buttons) becomes the admin's current tool; a
// target applies the tool given, else the current one, to one cell of the
// draft or a whole row or column. The target comes as cell=row:col from
// the grid's buttons ("*" for every row or column), or as separate row and
// col fields (empty for every one). Rows and columns count from 0, front
// row and leftmost column first. Errors: ErrNotFound.
func (h *Handler) adminScreenCells(c echo.Context) error {
	e, err := h.openLayoutEditor(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	tool := h.layoutTool(c)
	if t := c.FormValue("tool"); t != "" {
		if tool = LayoutTool(t); !tool.Valid() {
			return echo.NewHTTPError(http.StatusUnprocessableEntity, i18n.T(ctx, "Choose one of the tools."))
		}
		h.auth.Sessions.Put(ctx, layoutToolKey, string(tool))
	}
	rowS, colS, cell := c.FormValue("row"), c.FormValue("col"), c.FormValue("cell")
	if cell == "" && rowS == "" && colS == "" {
		return h.layoutToolChosen(c, e, tool)
	}
	if cell != "" {
		var ok bool
		if rowS, colS, ok = strings.Cut(cell, ":"); !ok {
			return echo.NewHTTPError(http.StatusBadRequest, i18n.T(ctx, "That cell does not exist."))
		}
	}
	row, okR := cellIndex(rowS)
	col, okC := cellIndex(colS)
	if !okR || !okC {
		return echo.NewHTTPError(http.StatusBadRequest, i18n.T(ctx, "That cell does not exist."))
	}
	before := e.draft.Layout
	next, err := before.Apply(tool, row, col)
	if err != nil {
		// Only a page older than the draft (another tab removed the row
		// or column) can aim outside the grid.
		return echo.NewHTTPError(http.StatusUnprocessableEntity, i18n.T(ctx, "That cell is no longer in the layout. Reload the page to see the current draft."))
	}
	e.draft.Layout = next
	said, anchor := describeEdit(ctx, next, tool, row, col)
	return h.layoutChanged(c, e, anchor, func() templ.Component {
		url := layoutCellsURL(e.screen.ID)
		board := layoutBoardProps(ctx, next, url)
		return views.LayoutCellsUpdate(changedCells(layoutBoardProps(ctx, before, url), board), board, layoutStatusProps(e),
			said+" "+i18n.N(ctx, "{{.Count}} seats.", next.SeatCount()))
	})
}

// changedCells lists the cells of after that look or read differently in
// before: the edited ones, and seats renumbered beside them.
func changedCells(before, after views.LayoutBoardProps) []views.LayoutCell {
	var out []views.LayoutCell
	for r, row := range after.Rows {
		for c, cell := range row.Cells {
			if before.Rows[r].Cells[c] != cell {
				out = append(out, cell)
			}
		}
	}
	return out
}

// layoutToolChosen answers a change of tool: htmx gets the palette's
// marks, a browser without JavaScript the editor again.
func (h *Handler) layoutToolChosen(c echo.Context, e layoutEditor, tool LayoutTool) error {
	if !web.IsHTMX(c) {
		return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/admin/screens/%d/edit", e.screen.ID))
	}
	ctx := c.Request().Context()
	tools := layoutToolChoices(ctx)
	label := tools[slices.IndexFunc(tools, func(t views.CatalogChoice) bool { return t.Value == string(tool) })].Label
	return web.Render(c, http.StatusOK, views.LayoutToolUpdate(tools, string(tool), i18n.T(ctx, "Tool: {{.Tool}}.", "Tool", label)))
}

// cellIndex parses a row or column index; "" and "*" mean all (-1).
func cellIndex(s string) (int, bool) {
	if s == "" || s == "*" {
		return -1, true
	}
	n, err := strconv.Atoi(s)
	return n, err == nil && n >= 0
}

// describeEdit says what an edit did, for screen readers, and names the
// element to return to without JavaScript.
func describeEdit(ctx context.Context, l Layout, tool LayoutTool, row, col int) (said, anchor string) {
	var what string
	switch tool {
	case ToolGap:
		what = i18n.T(ctx, "gap")
	case ToolBlock:
		what = i18n.T(ctx, "unblocked")
		if selectionBlocked(l, row, col) {
			what = i18n.T(ctx, "blocked")
		}
	default:
		what = categoryName(ctx, Category(tool))
	}
	switch {
	case col < 0:
		return i18n.T(ctx, "Row {{.Row}}: {{.What}}.", "Row", l.Rows[row].Label, "What", what), fmt.Sprintf("le-row-%d-l", row)
	case row < 0:
		return i18n.T(ctx, "Column {{.Column}}: {{.What}}.", "Column", col+1, "What", what), fmt.Sprintf("le-col-%d", col+1)
	}
	anchor = fmt.Sprintf("le-c-%d-%d", row, col)
	for _, s := range l.Seats() {
		if s.Row == row && s.Col == col {
			return seatName(ctx, l.Rows[row].Label, s) + ".", anchor
		}
	}
	return i18n.T(ctx, "Row {{.Row}}, column {{.Column}} is now a gap.", "Row", l.Rows[row].Label, "Column", col+1), anchor
}

// selectionBlocked reports whether every seat of the row or column (a
// negative index means all) is blocked.
func selectionBlocked(l Layout, row, col int) bool {
	return allBlocked(l, l.selection(row, col))
}
