package booking_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

// seatmapLayoutShow schedules a show tomorrow on a new screen named name in
// the bundle's theater, with rows given front first in layout codes
// (s p r w c, upper case blocked, '.' a gap). Wheelchair spaces and
// companion seats cost as much as standard seats.
func seatmapLayoutShow(t *testing.T, b *testBundle, name string, rows ...string) int64 {
	t.Helper()
	ctx := context.Background()
	var l catalog.Layout
	for i, r := range rows {
		l.Rows = append(l.Rows, catalog.Row{Label: catalog.RowLabel(i), Cells: r})
	}
	for _, c := range []catalog.Category{catalog.Wheelchair, catalog.Companion} {
		require.NoError(t, b.catalog.SetPriceRule(ctx, catalog.PriceRule{TheaterID: b.show.TheaterID, Category: c,
			DayKind: catalog.AnyDay, Daypart: catalog.AnyTime, Amount: 1000}))
	}
	sc, err := b.catalog.CreateScreen(ctx, b.show.TheaterID, catalog.ScreenInput{Name: name, Formats: []string{"2D"}, Layout: l})
	require.NoError(t, err)
	show, err := b.catalog.ScheduleShow(ctx, catalog.ShowInput{MovieID: b.show.MovieID, ScreenID: sc.ID,
		StartsAt: time.Now().Add(30 * time.Hour), Language: "English", Format: "2D"})
	require.NoError(t, err)
	return show.ID
}

// bestField is the buyer-facing reason BestAvailable gave for no seats.
func bestField(t *testing.T, err error) string {
	t.Helper()
	fields, ok := validate.Fields(err)
	require.True(t, ok, "a validation error, got %v", err)
	return fields["best"]
}

func TestBestAvailablePrefersTheMiddleToBackRowsNearTheCentre(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	for n, want := range map[int][]string{
		1: {"G10"},
		2: {"G10", "G11"},
		4: {"G9", "G10", "G11", "G12"},
		5: {"G8", "G9", "G10", "G11", "G12"},
	} {
		got, err := b.svc.BestAvailable(ctx, b.show.ID, n, "")
		require.NoError(t, err)
		require.Equal(t, want, got, "%d seats in an empty 10-row house", n)
	}
	got, err := b.svc.BestAvailable(ctx, b.show.ID, 2, catalog.Premium)
	require.NoError(t, err)
	require.Equal(t, []string{"I10", "I11"}, got, "the best premium pair is in the nearer premium row")
}

func TestBestAvailableWorksAroundTakenSeats(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	_, err := b.svc.Hold(ctx, 1, b.show.ID, []string{"G9", "G10", "G11", "G12"})
	require.NoError(t, err)
	got, err := b.svc.BestAvailable(ctx, b.show.ID, 2, "")
	require.NoError(t, err)
	require.Equal(t, []string{"F10", "F11"}, got, "the centre of the next best row beats the edge of row G")

	_, err = b.svc.Hold(ctx, 2, b.show.ID, []string{"G1", "G2", "G3", "G4", "G5", "G6", "G7", "G8"})
	require.NoError(t, err)
	got, err = b.svc.BestAvailable(ctx, b.show.ID, 7, "")
	require.NoError(t, err)
	require.Equal(t, []string{"F7", "F8", "F9", "F10", "F11", "F12", "F13"}, got)
	for _, st := range got {
		require.NotEqual(t, 'G', rune(st[0]), "never a taken seat")
	}
}

func TestBestAvailableNeverSpansAnAisleOrStrandsTheAisleSeat(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	rows := make([]string, 8)
	for i := range rows {
		rows[i] = "sss.ssssss.sss"
	}
	show := seatmapLayoutShow(t, b, "Aisles", rows...)

	got, err := b.svc.BestAvailable(ctx, show, 6, "")
	require.NoError(t, err)
	require.Equal(t, []string{"E4", "E5", "E6", "E7", "E8", "E9"}, got, "the whole middle block of the best row")

	got, err = b.svc.BestAvailable(ctx, show, 4, "")
	require.NoError(t, err)
	require.Equal(t, []string{"E4", "E5", "E6", "E7"}, got, "E5-E8 is more central but would leave E4 alone by the aisle")
	require.NoError(t, b.svc.CheckStranded(ctx, show, got), "best available never suggests what the stranded rule refuses")

	_, err = b.svc.BestAvailable(ctx, show, 7, "")
	require.Contains(t, bestField(t, err), "There aren't 7 seats together", "no block crosses an aisle")
}

func TestBestAvailableLeavesNoSingleSeatBehind(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	show := seatmapLayoutShow(t, b, "Tiny", "sssss")
	_, err := b.svc.Hold(ctx, 1, show, []string{"A1"})
	require.NoError(t, err)
	_, err = b.svc.Hold(ctx, 2, show, []string{"A5"})
	require.NoError(t, err)

	_, err = b.svc.BestAvailable(ctx, show, 2, "")
	require.Contains(t, bestField(t, err), "There aren't 2 seats together", "any pair of A2-A4 would strand the third")
	got, err := b.svc.BestAvailable(ctx, show, 3, "")
	require.NoError(t, err)
	require.Equal(t, []string{"A2", "A3", "A4"}, got)
}

func TestBestAvailableChoosesWheelchairSpacesOnlyWhenAsked(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	show := seatmapLayoutShow(t, b, "Access", "ssssssss", "ssssssss", "ssssssss", "sscwwcss", "sscwwcss", "ssssssss")

	got, err := b.svc.BestAvailable(ctx, show, 2, "")
	require.NoError(t, err)
	require.Equal(t, []string{"C4", "C5"}, got, "the wheelchair spaces in the best rows are left alone")

	got, err = b.svc.BestAvailable(ctx, show, 2, catalog.Wheelchair)
	require.NoError(t, err)
	require.Equal(t, []string{"D3", "D4"}, got, "a wheelchair space with its companion seat")

	got, err = b.svc.BestAvailable(ctx, show, 1, catalog.Wheelchair)
	require.NoError(t, err)
	require.Equal(t, []string{"D4"}, got)

	got, err = b.svc.BestAvailable(ctx, show, 3, catalog.Wheelchair)
	require.NoError(t, err)
	require.Equal(t, []string{"D3", "D4", "D5"}, got)
}

func TestBestAvailableRefusesWhatItCannotAnswer(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	for _, tc := range []struct {
		n        int
		category catalog.Category
		want     string
	}{
		{0, "", "Choose between 1 and 10 seats"},
		{11, "", "Choose between 1 and 10 seats"},
		{2, "balcony", "Choose a kind of seat"},
		{2, catalog.Recliner, "There aren't 2 seats together left of that kind"},
	} {
		_, err := b.svc.BestAvailable(ctx, b.show.ID, tc.n, tc.category)
		require.Contains(t, bestField(t, err), tc.want, fmt.Sprintf("%d %q", tc.n, tc.category))
	}
	_, err := b.svc.BestAvailable(ctx, 987654, 2, "")
	require.ErrorIs(t, err, booking.ErrNotFound)
	_, err = b.catalog.CancelShow(ctx, b.show.ID)
	require.NoError(t, err)
	_, err = b.svc.BestAvailable(ctx, b.show.ID, 2, "")
	require.ErrorIs(t, err, booking.ErrNotOnSale)
}
