package catalog

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/marqueehq/marquee/internal/platform/i18n"
)

// Category is a kind of seat, priced separately.
type Category string

// Seat categories.
const (
	Standard   Category = "standard"
	Premium    Category = "premium"
	Recliner   Category = "recliner"
	Wheelchair Category = "wheelchair" // a space for a wheelchair user
	Companion  Category = "companion"  // the seat beside a wheelchair space
)

// Categories lists every category in display order.
func Categories() []Category {
	return []Category{Standard, Premium, Recliner, Wheelchair, Companion}
}

// categoryOf maps a layout code (either case) to its category; "" for none.
func categoryOf(code byte) Category {
	switch lower(code) {
	case 's':
		return Standard
	case 'p':
		return Premium
	case 'r':
		return Recliner
	case 'w':
		return Wheelchair
	case 'c':
		return Companion
	}
	return ""
}

// Code returns the single-letter layout code of the category.
func (c Category) Code() byte { return c[0] }

// Label is the category's name for people.
func (c Category) Label() string {
	switch c {
	case Wheelchair:
		return "Wheelchair space"
	case Companion:
		return "Companion seat"
	}
	return strings.ToUpper(string(c[:1])) + string(c[1:])
}

// categoryName is a seat category in a sentence, lower case in English:
// "premium", "wheelchair space".
func categoryName(ctx context.Context, c Category) string {
	switch c {
	case Premium:
		return i18n.T(ctx, "premium")
	case Recliner:
		return i18n.T(ctx, "recliner")
	case Wheelchair:
		return i18n.T(ctx, "wheelchair space")
	case Companion:
		return i18n.T(ctx, "companion seat")
	}
	return i18n.T(ctx, "standard")
}

// Layout is a screen's seating plan. Rows run from the front (nearest the
// screen) to the back. Each cell of a row is one layout code: s p r w c for
// a seat of that category, upper case when the seat is blocked (broken,
// house seat), '.' for a gap (aisle or no seat). All rows have the same width.
type Layout struct {
	Rows []Row `json:"rows"`
	// RightToLeft numbers seats from the right as the audience faces the
	// screen (seat 1 on the right).
	RightToLeft bool `json:"right_to_left,omitempty"`
}

// Row is one row of a layout.
type Row struct {
	Label string `json:"label"`
	Cells string `json:"cells"`
}

// Seat is one seat of a layout.
type Seat struct {
	Label    string // row label + number, e.g. "F12"
	Row      int    // 0 = front
	Col      int    // 0 = leftmost column as the audience faces the screen
	Number   int
	Category Category
	Blocked  bool
}

// Limits on layouts.
const (
	MaxRows    = 40
	MaxColumns = 60
)

// NewLayout returns a rows x cols layout of standard seats with rows
// labelled A, B, C... from the front.
func NewLayout(rows, cols int) (Layout, error) {
	if rows < 1 || rows > MaxRows || cols < 1 || cols > MaxColumns {
		return Layout{}, fmt.Errorf("%w: a layout has 1-%d rows and 1-%d columns", ErrInvalid, MaxRows, MaxColumns)
	}
	l := Layout{Rows: make([]Row, rows)}
	for i := range l.Rows {
		l.Rows[i] = Row{Label: RowLabel(i), Cells: strings.Repeat("s", cols)}
	}
	return l, nil
}

// RowLabel gives the conventional label of the i-th row: A..Z, then AA, AB...
func RowLabel(i int) string {
	if i < 26 {
		return string(rune('A' + i))
	}
	return RowLabel(i/26-1) + string(rune('A'+i%26))
}

// Width is the number of columns.
func (l Layout) Width() int {
	if len(l.Rows) == 0 {
		return 0
	}
	return len(l.Rows[0].Cells)
}

// Validate checks the layout's shape, codes and labels.
func (l Layout) Validate() error {
	if len(l.Rows) == 0 || len(l.Rows) > MaxRows {
		return fmt.Errorf("%w: a layout has 1-%d rows", ErrInvalid, MaxRows)
	}
	w := l.Width()
	if w == 0 || w > MaxColumns {
		return fmt.Errorf("%w: a layout has 1-%d columns", ErrInvalid, MaxColumns)
	}
	labels := map[string]bool{}
	for i, r := range l.Rows {
		if len(r.Cells) != w {
			return fmt.Errorf("%w: row %d has %d columns, the first row has %d", ErrInvalid, i+1, len(r.Cells), w)
		}
		if !rowLabelChars(r.Label) || !endsWithLetter(r.Label) {
			return fmt.Errorf("%w: row label %q must be 1-3 capital letters or digits, ending with a letter", ErrInvalid, r.Label)
		}
		if labels[r.Label] {
			return fmt.Errorf("%w: row label %q is used twice", ErrInvalid, r.Label)
		}
		labels[r.Label] = true
		for j := 0; j < w; j++ {
			c := r.Cells[j]
			if c != '.' && categoryOf(c) == "" {
				return fmt.Errorf("%w: row %s column %d has unknown code %q", ErrInvalid, r.Label, j+1, c)
			}
		}
	}
	if len(l.Seats()) == 0 {
		return fmt.Errorf("%w: %s", ErrInvalid, i18n.Msg("a layout needs at least one seat"))
	}
	return nil
}

// rowLabelChars reports whether s is 1-3 ASCII capital letters or digits.
func rowLabelChars(s string) bool {
	return s != "" && len(s) <= 3 && strings.IndexFunc(s, func(c rune) bool {
		return (c < 'A' || c > 'Z') && (c < '0' || c > '9')
	}) < 0
}

// endsWithLetter reports whether a row label ends with a letter. A seat's
// label is its row's label followed by its number, and booking reads the
// trailing digits as the number, so a row label ending in a digit would
// give seats no buyer can choose (row 1 seat 2 reads as "12", no row at
// all) or two seats one label (row A1 seat 12 and row A11 seat 2 are both
// A112).
func endsWithLetter(s string) bool {
	return s != "" && s[len(s)-1] >= 'A' && s[len(s)-1] <= 'Z'
}

// Seats lists every seat, front row first, left to right. Seats are numbered
// 1.. along each row, skipping gaps, from the left or (RightToLeft) the right.
func (l Layout) Seats() []Seat {
	var seats []Seat
	for ri, r := range l.Rows {
		n := strings.Count(r.Cells, ".")
		total := len(r.Cells) - n
		num := 0
		for ci := 0; ci < len(r.Cells); ci++ {
			c := r.Cells[ci]
			if c == '.' {
				continue
			}
			num++
			number := num
			if l.RightToLeft {
				number = total - num + 1
			}
			seats = append(seats, Seat{
				Label:    r.Label + strconv.Itoa(number),
				Row:      ri,
				Col:      ci,
				Number:   number,
				Category: categoryOf(c),
				Blocked:  c >= 'A' && c <= 'Z',
			})
		}
	}
	return seats
}

// SeatCount counts the seats that can be sold (not blocked).
func (l Layout) SeatCount() int {
	n := 0
	for _, s := range l.Seats() {
		if !s.Blocked {
			n++
		}
	}
	return n
}

// CategoriesUsed lists the categories that have at least one seat.
func (l Layout) CategoriesUsed() []Category {
	used := map[Category]bool{}
	for _, s := range l.Seats() {
		used[s.Category] = true
	}
	var out []Category
	for _, c := range Categories() {
		if used[c] {
			out = append(out, c)
		}
	}
	return out
}

// Cell returns the code at row r, column c.
func (l Layout) Cell(r, c int) byte { return l.Rows[r].Cells[c] }

// WithCell returns a copy of l with the cell at (r, c) set to code.
func (l Layout) WithCell(r, c int, code byte) (Layout, error) {
	if r < 0 || r >= len(l.Rows) || c < 0 || c >= l.Width() {
		return l, fmt.Errorf("%w: no cell at row %d column %d", ErrInvalid, r+1, c+1)
	}
	if code != '.' && categoryOf(code) == "" {
		return l, fmt.Errorf("%w: unknown layout code %q", ErrInvalid, code)
	}
	out := Layout{Rows: make([]Row, len(l.Rows)), RightToLeft: l.RightToLeft}
	copy(out.Rows, l.Rows)
	b := []byte(out.Rows[r].Cells)
	b[c] = code
	out.Rows[r].Cells = string(b)
	return out, nil
}

// RemovedSeats lists the labels of seats in l that next no longer has as a
// sellable seat (gone, relabelled or blocked).
func (l Layout) RemovedSeats(next Layout) []string {
	keep := map[string]bool{}
	for _, s := range next.Seats() {
		if !s.Blocked {
			keep[s.Label] = true
		}
	}
	var gone []string
	for _, s := range l.Seats() {
		if !s.Blocked && !keep[s.Label] {
			gone = append(gone, s.Label)
		}
	}
	return gone
}

func lower(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// Fingerprint identifies the layout's content (rows, labels, numbering), so
// an editor can tell whether the saved layout changed under it.
func (l Layout) Fingerprint() string {
	b, _ := json.Marshal(l) // a Layout always encodes
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:8])
}
