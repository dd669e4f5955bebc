package catalog_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/catalog"
)

func TestLayoutNumbersSeatsSkippingAisles(t *testing.T) {
	t.Parallel()
	l := catalog.Layout{Rows: []catalog.Row{
		{Label: "A", Cells: "ss.ss"},
		{Label: "B", Cells: "wc.Sp"},
	}}
	require.NoError(t, l.Validate())
	var labels []string
	for _, s := range l.Seats() {
		labels = append(labels, s.Label)
	}
	require.Equal(t, []string{"A1", "A2", "A3", "A4", "B1", "B2", "B3", "B4"}, labels)
	seats := l.Seats()
	require.Equal(t, catalog.Wheelchair, seats[4].Category)
	require.Equal(t, catalog.Companion, seats[5].Category)
	require.True(t, seats[6].Blocked)
	require.Equal(t, catalog.Standard, seats[6].Category)
	require.Equal(t, 7, l.SeatCount(), "blocked seats are not for sale")
	require.Equal(t, []catalog.Category{catalog.Standard, catalog.Premium, catalog.Wheelchair, catalog.Companion}, l.CategoriesUsed())

	l.RightToLeft = true
	require.Equal(t, "A4", l.Seats()[0].Label, "seat 1 is on the right")
}

func TestLayoutValidationExplainsTheProblem(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		layout catalog.Layout
		want   string
	}{
		"ragged":      {catalog.Layout{Rows: []catalog.Row{{Label: "A", Cells: "sss"}, {Label: "B", Cells: "ss"}}}, "row 2 has 2 columns"},
		"bad code":    {catalog.Layout{Rows: []catalog.Row{{Label: "A", Cells: "sqs"}}}, `unknown code 'q'`},
		"dup label":   {catalog.Layout{Rows: []catalog.Row{{Label: "A", Cells: "s"}, {Label: "A", Cells: "s"}}}, `"A" is used twice`},
		"no seats":    {catalog.Layout{Rows: []catalog.Row{{Label: "A", Cells: "..."}}}, "at least one seat"},
		"empty":       {catalog.Layout{}, "1-40 rows"},
		"lower label": {catalog.Layout{Rows: []catalog.Row{{Label: "a", Cells: "s"}}}, "capital letters"},
	} {
		err := tc.layout.Validate()
		require.ErrorIs(t, err, catalog.ErrInvalid, name)
		require.ErrorContains(t, err, tc.want, name)
	}
}

func TestRemovedSeatsFindsWhatAnEditTakesAway(t *testing.T) {
	t.Parallel()
	before := catalog.Layout{Rows: []catalog.Row{{Label: "A", Cells: "ssss"}}}
	gap, err := before.WithCell(0, 1, '.')
	require.NoError(t, err)
	// A gap renumbers the row: A4 disappears, and A2..A3 now name other chairs
	// but still exist, so only A4 is lost.
	require.Equal(t, []string{"A4"}, before.RemovedSeats(gap))
	blocked, err := before.WithCell(0, 0, 'S')
	require.NoError(t, err)
	require.Equal(t, []string{"A1"}, before.RemovedSeats(blocked))
	premium, err := before.WithCell(0, 0, 'p')
	require.NoError(t, err)
	require.Empty(t, before.RemovedSeats(premium), "a category change keeps the seat")
	_, err = before.WithCell(3, 0, 's')
	require.ErrorIs(t, err, catalog.ErrInvalid)
}

func TestNewLayoutAndRowLabels(t *testing.T) {
	t.Parallel()
	l, err := catalog.NewLayout(28, 12)
	require.NoError(t, err)
	require.Equal(t, 28*12, l.SeatCount())
	require.Equal(t, "AB", l.Rows[27].Label)
	_, err = catalog.NewLayout(0, 10)
	require.ErrorIs(t, err, catalog.ErrInvalid)
}

func TestUpdateScreenRefusesAStaleEdit(t *testing.T) {
	t.Parallel()
	b := setup(t)
	th := newTheater(t, b, "Odeon Test")
	sc := newScreen(t, b, th.ID, "Screen 1")
	base := sc.Layout.Fingerprint()

	mine, err := sc.Layout.WithCell(0, 0, 'p')
	require.NoError(t, err)
	theirs, err := sc.Layout.WithCell(0, 1, '.')
	require.NoError(t, err)
	_, err = b.Catalog.UpdateScreen(context.Background(), sc.ID, catalog.ScreenInput{Name: sc.Name, Formats: sc.Formats, Layout: theirs, BaseFingerprint: base})
	require.NoError(t, err)
	_, err = b.Catalog.UpdateScreen(context.Background(), sc.ID, catalog.ScreenInput{Name: sc.Name, Formats: sc.Formats, Layout: mine, BaseFingerprint: base})
	require.ErrorIs(t, err, catalog.ErrLayoutChanged, "the second editor started from a layout that is gone")
}
