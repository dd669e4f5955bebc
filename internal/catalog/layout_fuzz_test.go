package catalog

import (
	"context"
	"encoding/json"
	"regexp"
	"strings"
	"testing"
)

// bookableSeat is a seat label as booking reads a buyer's choice (its
// validSeatLabel): 1-3 capital letters or digits, the last a letter, then
// 1-3 digits.
var bookableSeat = regexp.MustCompile(`^[A-Z0-9]{0,2}[A-Z][0-9]{1,3}$`)

// FuzzLayoutDraft feeds a screen editor's draft (the JSON kept in the
// admin's session) and a run of editor actions through the layout code:
// a draft that decodes to a grid stays a grid within MaxRows x MaxColumns
// after any action, and every layout Validate accepts, the one that goes
// to buyers, has distinct seat labels that booking accepts from a seat
// map, so every seat on it can be sold, and a stable fingerprint.
func FuzzLayoutDraft(f *testing.F) {
	for _, seed := range []struct {
		draft string
		ops   []byte
	}{
		{`{"base":"x","layout":{"rows":[{"label":"A","cells":"ss.ss"},{"label":"B","cells":"pp.PP"}]}}`, []byte{0, 1, 2, 3, 4}},
		{`{"layout":{"rows":[{"label":"A","cells":"rwc"}],"right_to_left":true}}`, []byte{6, 0xff, 7, 8, 9}},
		{`{"layout":{"rows":[{"label":"A","cells":"sx"},{"label":"A","cells":"s"}]}}`, []byte{1}},
		{`{"layout":{"rows":[]}}`, []byte{2}},
		{`{"layout":{"rows":[{"label":"ZZ","cells":"` + strings.Repeat("s", 60) + `"}]}}`, []byte{3, 3, 5, 10, 11}},
		{`{"layout":{"rows":null}}`, nil},
		{`not json`, nil},
	} {
		f.Add([]byte(seed.draft), seed.ops)
	}
	f.Fuzz(func(t *testing.T, draft, ops []byte) {
		var d layoutDraft
		if json.Unmarshal(draft, &d) != nil || !rectangular(d.Layout) {
			return // openLayoutEditor starts again from the saved layout
		}
		l := d.Layout
		checkLayout(t, l)
		for i := 0; i+2 < len(ops) && i < 3*64; i += 3 {
			l = layoutAction(l, ops[i], ops[i+1], ops[i+2])
			if !rectangular(l) {
				t.Fatalf("after action %v the draft is no grid: %+v", ops[i:i+3], l)
			}
			checkLayout(t, l)
		}
	})
}

// layoutAction applies one editor action chosen by op to l (an action the
// editor refuses leaves the draft as it was, as the handlers do).
func layoutAction(l Layout, op, a, b byte) Layout {
	row, col := int(a)%(MaxRows+2)-1, int(b)%(MaxColumns+2)-1
	var next Layout
	var err error
	switch op % 12 {
	case 0, 1, 2, 3, 4, 5, 6:
		next, err = l.Apply(LayoutTools()[op%12], row, col)
	case 7:
		next, err = l.AddRow()
	case 8:
		next, err = l.RemoveRow()
	case 9:
		next, err = l.AddColumn()
	case 10:
		next, err = l.RemoveColumn()
	case 11:
		labels := make([]string, len(l.Rows))
		for i := range labels {
			labels[i] = string([]byte{'0' + (a+byte(i))%10, 'A' + (b+byte(i*7))%26})[:1+int(a+byte(i))%2]
		}
		if op%2 == 0 {
			return l.Relabel(b%2 == 0)
		}
		next, err = l.WithLabels(context.Background(), labels)
	}
	if err != nil {
		return l
	}
	return next
}

// checkLayout asserts what must hold of a layout Validate accepts.
func checkLayout(t *testing.T, l Layout) {
	t.Helper()
	if l.Validate() != nil {
		return
	}
	seats := l.Seats()
	labels := map[string]bool{}
	for _, s := range seats {
		if !bookableSeat.MatchString(s.Label) {
			t.Fatalf("row %q: seat %q cannot be chosen on a seat map (booking refuses the label)", l.Rows[s.Row].Label, s.Label)
		}
		if labels[s.Label] {
			t.Fatalf("two seats are labelled %q in rows %v", s.Label, rowLabels(l))
		}
		labels[s.Label] = true
		if s.Number < 1 || s.Number > l.Width() || s.Row < 0 || s.Row >= len(l.Rows) || s.Col < 0 || s.Col >= l.Width() {
			t.Fatalf("seat %+v outside the %dx%d grid", s, len(l.Rows), l.Width())
		}
	}
	if n := l.SeatCount(); n < 0 || n > len(seats) || len(seats) > MaxRows*MaxColumns {
		t.Fatalf("%d sellable of %d seats", n, len(seats))
	}
	b, err := json.Marshal(layoutDraft{Layout: l})
	if err != nil {
		t.Fatal(err)
	}
	var back layoutDraft
	if err := json.Unmarshal(b, &back); err != nil || back.Layout.Fingerprint() != l.Fingerprint() {
		t.Fatalf("layout %+v changes when stored as a draft and read back: %+v, %v", l, back.Layout, err)
	}
}

func rowLabels(l Layout) []string {
	var out []string
	for _, r := range l.Rows {
		out = append(out, r.Label)
	}
	return out
}
