package catalog

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"github.com/marqueehq/marquee/internal/platform/validate"
	"github.com/marqueehq/marquee/internal/platform/web"
	views "github.com/marqueehq/marquee/web/templates/catalog/admin"
)

// denseColumns is the width above which the grid draws smaller cells, so
// a wide auditorium still fits a laptop screen.
const denseColumns = 30

// layoutBoardProps draws l for the editor, whose buttons post to postURL,
// or read-only for the preview (postURL "").
func layoutBoardProps(l Layout, postURL string) views.LayoutBoardProps {
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
			cell := views.LayoutCell{Row: ri, Col: ci, Kind: "gap", Name: fmt.Sprintf("Row %s, column %d, gap", r.Label, ci+1)}
			if s, ok := seats[[2]int{ri, ci}]; ok {
				cell.Kind, cell.Number, cell.Blocked, cell.Name = string(s.Category), s.Number, s.Blocked, seatName(r.Label, s)
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
			p.Counts = append(p.Counts, views.LayoutCount{Kind: string(c), Label: c.Label(), Count: counts[c]})
		}
	}
	return p
}

// seatName is a seat for screen readers: "Row C seat 7, premium, blocked".
func seatName(row string, s Seat) string {
	name := fmt.Sprintf("Row %s seat %d, %s", row, s.Number, strings.ToLower(s.Category.Label()))
	if s.Blocked {
		name += ", blocked"
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
func layoutToolChoices() []views.CatalogChoice {
	labels := map[LayoutTool]string{
		ToolStandard: "Standard", ToolPremium: "Premium", ToolRecliner: "Recliner",
		ToolWheelchair: "Wheelchair space", ToolCompanion: "Companion seat", ToolGap: "Gap (aisle)", ToolBlock: "Block / unblock",
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
	return h.layoutChanged(c, e, "le-side", func() templ.Component {
		return views.LayoutEditorUpdate(layoutBoardProps(e.draft.Layout, layoutCellsURL(e.screen.ID)),
			layoutStatusProps(e), layoutSideProps(e, nil, nil), fmt.Sprintf("%s %d seats.", said, e.draft.Layout.SeatCount()))
	})
}
