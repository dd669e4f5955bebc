package catalog

import (
	"context"
	"fmt"
	"net/http"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/validate"
	"github.com/marqueehq/marquee/internal/platform/web"
	views "github.com/marqueehq/marquee/web/templates/catalog/admin"
)

// denseColumns is the width above which the grid draws smaller cells, so
// a wide auditorium still fits a laptop screen.
const denseColumns = 30

// layoutBoardProps draws l for the editor, whose buttons post to postURL,
// or read-only for the preview (postURL "").
func layoutBoardProps(ctx context.Context, l Layout, postURL string) views.LayoutBoardProps {
	p := views.LayoutBoardProps{Editable: postURL != "", PostURL: postURL, Dense: l.Width() > denseColumns}
	seats := map[[2]int]Seat{}
	counts := map[Category]int{}
	for _, s := range l.Seats() {
		seats[[2]int{s.Row, s.Col}] = s
		if s.Blocked {
			p.Blocked++
		} else {
			counts[s.Category]++
		}
	}
	for ri, r := range l.Rows {
		row := views.LayoutBoardRow{Index: ri, Label: r.Label, Cells: make([]views.LayoutCell, len(r.Cells))}
		for ci := range r.Cells {
			cell := views.LayoutCell{Row: ri, Col: ci, Kind: "gap", Name: i18n.T(ctx, "Row {{.Row}}, column {{.Column}}, gap", "Row", r.Label, "Column", ci+1)}
			if s, ok := seats[[2]int{ri, ci}]; ok {
				cell.Kind, cell.Number, cell.Blocked, cell.Name = string(s.Category), s.Number, s.Blocked, seatName(ctx, r.Label, s)
			}
			row.Cells[ci] = cell
		}
		p.Rows = append(p.Rows, row)
	}
	for i := range l.Width() {
		p.Columns = append(p.Columns, i+1)
	}
	for _, c := range Categories() {
		if counts[c] > 0 {
			p.Counts = append(p.Counts, views.LayoutCount{Kind: string(c), Label: i18n.T(ctx, c.Label()), Count: counts[c]})
		}
	}
	return p
}

// seatName is a seat for screen readers: "Row C seat 7, premium, blocked".
func seatName(ctx context.Context, row string, s Seat) string {
	name := i18n.T(ctx, "Row {{.Row}} seat {{.Number}}, {{.Kind}}", "Row", row, "Number", s.Number, "Kind", categoryName(ctx, s.Category))
	if s.Blocked {
		name += ", " + i18n.T(ctx, "blocked")
	}
	return name
}

// layoutStatusProps is the status bar of e.
func layoutStatusProps(e layoutEditor) views.LayoutStatusProps {
	l := e.draft.Layout
	return views.LayoutStatusProps{
		ScreenID: e.screen.ID, Dirty: e.dirty(), Stale: e.stale(),
		Seats: l.SeatCount(), Rows: len(l.Rows), Cols: l.Width(),
	}
}

// layoutSideProps is the side panel of e; labels, when not nil, are the
// row labels as typed in a rejected relabel.
func layoutSideProps(e layoutEditor, labels []string, errs validate.Errors) views.LayoutSideProps {
	l := e.draft.Layout
	p := views.LayoutSideProps{
		ScreenID: e.screen.ID, RightToLeft: l.RightToLeft, Errors: errs,
		MaxRows: MaxRows, MaxCols: MaxColumns, Cols: l.Width(),
	}
	for i, r := range l.Rows {
		label := r.Label
		if i < len(labels) {
			label = labels[i]
		}
		p.Rows = append(p.Rows, views.LayoutRowLabel{Index: i, Label: label})
	}
	return p
}

// layoutToolChoices are the palette's tools with their labels.
func layoutToolChoices(ctx context.Context) []views.CatalogChoice {
	labels := map[LayoutTool]string{
		ToolStandard: i18n.T(ctx, "Standard"), ToolPremium: i18n.T(ctx, "Premium"), ToolRecliner: i18n.T(ctx, "Recliner"),
		ToolWheelchair: i18n.T(ctx, "Wheelchair space"), ToolCompanion: i18n.T(ctx, "Companion seat"),
		ToolGap: i18n.T(ctx, "Gap (aisle)"), ToolBlock: i18n.T(ctx, "Block / unblock"),
	}
	var out []views.CatalogChoice
	for _, t := range LayoutTools() {
		out = append(out, views.CatalogChoice{Value: string(t), Label: labels[t]})
	}
	return out
}

// layoutCellsURL is where the editor's grid posts cell edits.
func layoutCellsURL(screenID int64) string { return fmt.Sprintf("/admin/screens/%d/cells", screenID) }

// layoutChanged keeps the edited draft and answers htmx with update; a
// browser without JavaScript goes back to the editor (at anchor, if given).
func (h *Handler) layoutChanged(c echo.Context, e layoutEditor, anchor string, update func() templ.Component) error {
	if err := h.keepDraft(c, e); err != nil {
		return err
	}
	if !web.IsHTMX(c) {
		url := fmt.Sprintf("/admin/screens/%d/edit", e.screen.ID)
		if anchor != "" {
			url += "#" + anchor
		}
		return c.Redirect(http.StatusSeeOther, url)
	}
	return web.Render(c, http.StatusOK, update())
}

// layoutReshaped answers a change of shape, labels or numbering: the whole
// board, the status bar and the side panel are redrawn.
func (h *Handler) layoutReshaped(c echo.Context, e layoutEditor, said string) error {
	ctx := c.Request().Context()
	return h.layoutChanged(c, e, "le-side", func() templ.Component {
		return views.LayoutEditorUpdate(layoutBoardProps(ctx, e.draft.Layout, layoutCellsURL(e.screen.ID)),
			layoutStatusProps(e), layoutSideProps(e, nil, nil), said+" "+i18n.N(ctx, "{{.Count}} seats.", e.draft.Layout.SeatCount()))
	})
}
