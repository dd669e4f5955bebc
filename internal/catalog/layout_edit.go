package catalog

import (
	"context"
	"fmt"
	"strings"

	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

// LayoutTool is what a click in the seat-layout editor does to a cell.
type LayoutTool string

// Layout editor tools: a seat of a category, a gap (aisle), or toggling a
// seat between sellable and blocked.
const (
	ToolStandard   LayoutTool = "standard"
	ToolPremium    LayoutTool = "premium"
	ToolRecliner   LayoutTool = "recliner"
	ToolWheelchair LayoutTool = "wheelchair"
	ToolCompanion  LayoutTool = "companion"
	ToolGap        LayoutTool = "gap"
	ToolBlock      LayoutTool = "block"
)

// LayoutTools lists the editor's tools in palette order.
func LayoutTools() []LayoutTool {
	return []LayoutTool{ToolStandard, ToolPremium, ToolRecliner, ToolWheelchair, ToolCompanion, ToolGap, ToolBlock}
}

// Valid reports whether t is one of LayoutTools.
func (t LayoutTool) Valid() bool {
	for _, x := range LayoutTools() {
		if x == t {
			return true
		}
	}
	return false
}

// Apply returns a copy of l with tool applied to the cells at (row, col).
// A negative col means every cell of the row, a negative row every cell of
// the column. A seat tool keeps a blocked seat blocked; the block tool
// blocks every seat of the selection unless all are blocked already, in
// which case it unblocks them, and leaves gaps alone. Errors: ErrInvalid.
func (l Layout) Apply(tool LayoutTool, row, col int) (Layout, error) {
	if !tool.Valid() {
		return l, fmt.Errorf("%w: unknown tool %q", ErrInvalid, tool)
	}
	if row >= len(l.Rows) || col >= l.Width() || (row < 0 && col < 0) {
		return l, fmt.Errorf("%w: no cell at row %d column %d", ErrInvalid, row+1, col+1)
	}
	cells := l.selection(row, col)
	block := tool == ToolBlock && !allBlocked(l, cells)
	out := l.clone()
	for _, rc := range cells {
		cur := out.Rows[rc[0]].Cells[rc[1]]
		next := cur
		switch tool {
		case ToolGap:
			next = '.'
		case ToolBlock:
			if cur != '.' {
				next = lower(cur)
				if block {
					next = upper(cur)
				}
			}
		default:
			next = Category(tool).Code()
			if cur >= 'A' && cur <= 'Z' {
				next = upper(next)
			}
		}
		b := []byte(out.Rows[rc[0]].Cells)
		b[rc[1]] = next
		out.Rows[rc[0]].Cells = string(b)
	}
	return out, nil
}

// selection lists the (row, column) cells at row, col; a negative index
// means every row or every column.
func (l Layout) selection(row, col int) [][2]int {
	var cells [][2]int
	for r := range l.Rows {
		for c := range l.Width() {
			if (row < 0 || r == row) && (col < 0 || c == col) {
				cells = append(cells, [2]int{r, c})
			}
		}
	}
	return cells
}

// allBlocked reports whether every seat among cells is blocked (false when
// there are no seats at all).
func allBlocked(l Layout, cells [][2]int) bool {
	seats := 0
	for _, rc := range cells {
		c := l.Rows[rc[0]].Cells[rc[1]]
		if c == '.' {
			continue
		}
		seats++
		if c < 'A' || c > 'Z' {
			return false
		}
	}
	return seats > 0
}

// AddRow returns l with a row of standard seats added at the back, labelled
// with the first conventional label not in use. Errors: ErrInvalid.
func (l Layout) AddRow() (Layout, error) {
	if len(l.Rows) >= MaxRows {
		return l, fmt.Errorf("%w: a layout has at most %d rows", ErrInvalid, MaxRows)
	}
	used := map[string]bool{}
	for _, r := range l.Rows {
		used[r.Label] = true
	}
	label := ""
	for i := len(l.Rows); label == ""; i++ {
		if !used[RowLabel(i)] {
			label = RowLabel(i)
		}
	}
	out := l.clone()
	out.Rows = append(out.Rows, Row{Label: label, Cells: strings.Repeat("s", max(l.Width(), 1))})
	return out, nil
}

// RemoveRow returns l without its back row. Errors: ErrInvalid.
func (l Layout) RemoveRow() (Layout, error) {
	if len(l.Rows) <= 1 {
		return l, fmt.Errorf("%w: a layout needs at least one row", ErrInvalid)
	}
	out := l.clone()
	out.Rows = out.Rows[:len(out.Rows)-1]
	return out, nil
}

// AddColumn returns l with a standard seat added at the right end of every
// row (as the audience faces the screen). Errors: ErrInvalid.
func (l Layout) AddColumn() (Layout, error) {
	if l.Width() >= MaxColumns {
		return l, fmt.Errorf("%w: a layout has at most %d columns", ErrInvalid, MaxColumns)
	}
	out := l.clone()
	for i := range out.Rows {
		out.Rows[i].Cells += "s"
	}
	return out, nil
}

// RemoveColumn returns l without its rightmost column. Errors: ErrInvalid.
func (l Layout) RemoveColumn() (Layout, error) {
	if l.Width() <= 1 {
		return l, fmt.Errorf("%w: a layout needs at least one column", ErrInvalid)
	}
	out := l.clone()
	for i := range out.Rows {
		out.Rows[i].Cells = out.Rows[i].Cells[:len(out.Rows[i].Cells)-1]
	}
	return out, nil
}

// Relabel returns l with its rows labelled A, B, C... starting from the
// front row, or from the back row when fromBack is set.
func (l Layout) Relabel(fromBack bool) Layout {
	out := l.clone()
	for i := range out.Rows {
		n := i
		if fromBack {
			n = len(out.Rows) - 1 - i
		}
		out.Rows[i].Label = RowLabel(n)
	}
	return out
}

// WithLabels returns l with the rows (front first) labelled labels, which
// are trimmed and upper-cased. Each must be 1-3 capital letters or digits,
// end with a letter (see endsWithLetter) and be used once; the
// validate.Errors name the fields "label_<index>", in ctx's language.
// Errors: ErrInvalid.
func (l Layout) WithLabels(ctx context.Context, labels []string) (Layout, error) {
	if len(labels) != len(l.Rows) {
		return l, validate.Errors{"labels": i18n.T(ctx, "The layout has {{.Rows}} rows but {{.Labels}} labels were sent. Reload the page and try again.",
			"Rows", len(l.Rows), "Labels", len(labels))}
	}
	var e validate.Errors
	seen := map[string]int{}
	out := l.clone()
	for i, raw := range labels {
		label := strings.ToUpper(strings.TrimSpace(raw))
		field := fmt.Sprintf("label_%d", i)
		ok := rowLabelChars(label)
		e.Check(ok, field, i18n.T(ctx, "Use 1-3 letters or digits."))
		if ok && !endsWithLetter(label) {
			e.Add(field, i18n.T(ctx, "End the label with a letter: seat numbers follow it (row A1 seat 12 and row A11 seat 2 would both be A112)."))
			ok = false
		}
		if prev, dup := seen[label]; dup && ok {
			e.Add(field, i18n.T(ctx, "Row {{.Label}} is already used by row {{.Number}} from the front.", "Label", label, "Number", prev+1))
		}
		seen[label] = i
		out.Rows[i].Label = label
	}
	if err := e.Err(); err != nil {
		return l, err
	}
	return out, nil
}

// clone copies l so edits never share a Rows array with the original.
func (l Layout) clone() Layout {
	out := Layout{Rows: make([]Row, len(l.Rows)), RightToLeft: l.RightToLeft}
	copy(out.Rows, l.Rows)
	return out
}

func upper(c byte) byte {
	if c >= 'a' && c <= 'z' {
		return c - 'a' + 'A'
	}
	return c
}
