package catalog_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/catalog"
)

func TestShowPageShowsPricesAndTheSeatLayout(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	th := newTheater(t, b, "Riverside Picturehouse")
	l, err := catalog.NewLayout(4, 9)
	require.NoError(t, err)
	l.Rows[0].Cells = "ssss.ssSs" // an aisle and a blocked seat
	l.Rows[1].Cells = "ssss.ssss"
	l.Rows[2].Cells = "ssss.ssss"
	l.Rows[3].Cells = "pppp.pppp"
	sc, err := b.Catalog.CreateScreen(ctx, th.ID, catalog.ScreenInput{Name: "Screen 7", Formats: []string{"2D"}, Layout: l})
	require.NoError(t, err)
	m := newMovie(t, b, "The Lantern Keeper")
	show := newShow(t, b, m.ID, sc.ID, time.Date(2031, 3, 12, 18, 45, 0, 0, time.UTC))

	res, body := b.get(t, fmt.Sprintf("/shows/%d", show.ID))
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, "The Lantern Keeper")
	require.Contains(t, body, "Riverside Picturehouse")
	require.Contains(t, body, "Screen 7")
	require.Contains(t, body, "18:45")
	require.Contains(t, body, "Wednesday 12 March 2031")
	require.Regexp(t, `Standard</th>\s*<td>£10</td>`, body)
	require.Regexp(t, `Premium</th>\s*<td>£15</td>`, body)
	require.Contains(t, body, "SCREEN")
	for _, row := range []string{"A", "B", "C", "D"} {
		require.Equal(t, 2, count(body, `<span class="seatplan__label">`+row+`</span>`), "row %s is labelled on both sides", row)
	}
	require.Equal(t, 4, count(body, `seat seat--gap`), "one aisle per row")
	require.Equal(t, 1, count(body, `seat--blocked" title="A7`), "the blocked seat is greyed")
	require.Equal(t, 8, count(body, `seat seat--premium" title=`))
	require.Contains(t, body, "31 of 31 seats available")
}

func TestCancelledOrPastShowOffersOtherShowtimes(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	th := newTheater(t, b, "Riverside Picturehouse")
	sc := newScreen(t, b, th.ID, "Screen 1")
	m := newMovie(t, b, "The Lantern Keeper")
	cancelled := newShow(t, b, m.ID, sc.ID, time.Date(2031, 3, 12, 14, 0, 0, 0, time.UTC))
	other := newShow(t, b, m.ID, sc.ID, time.Date(2031, 3, 13, 20, 15, 0, 0, time.UTC))
	_, err := b.Catalog.CancelShow(ctx, cancelled.ID)
	require.NoError(t, err)

	res, body := b.get(t, fmt.Sprintf("/shows/%d", cancelled.ID))
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, "This show has been cancelled")
	require.Contains(t, body, "Other showtimes on Thursday 13 March")
	require.Contains(t, body, fmt.Sprintf(`href="/shows/%d"`, other.ID))
	require.Contains(t, body, "20:15")

	for _, id := range []string{"999999", "abc", "-1", "0"} {
		res, _ := b.get(t, "/shows/"+id)
		require.Equal(t, http.StatusNotFound, res.StatusCode, id)
	}
}
