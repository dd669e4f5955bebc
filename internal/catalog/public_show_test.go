package catalog_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestShowOnSaleGoesStraightToItsSeatMap(t *testing.T) {
	t.Parallel()
	b := setup(t)
	th := newTheater(t, b, "Riverside Picturehouse")
	sc := newScreen(t, b, th.ID, "Screen 7")
	m := newMovie(t, b, "The Lantern Keeper")
	show := newShow(t, b, m.ID, sc.ID, time.Date(2031, 3, 12, 18, 45, 0, 0, time.UTC))

	res, _ := b.get(t, fmt.Sprintf("/shows/%d", show.ID))
	require.Equal(t, http.StatusFound, res.StatusCode, "the old show address still works")
	require.Equal(t, fmt.Sprintf("/shows/%d/seats", show.ID), res.Header.Get("Location"))

	_, body := b.get(t, "/movies/"+m.Slug, cityCookie("london")...)
	require.Contains(t, body, fmt.Sprintf(`class="chip" href="/shows/%d/seats"`, show.ID), "a showtime links to the seat map")
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
	require.Contains(t, body, fmt.Sprintf(`href="/shows/%d/seats"`, other.ID))
	require.Contains(t, body, "20:15")

	for _, id := range []string{"999999", "abc", "-1", "0"} {
		res, _ := b.get(t, "/shows/"+id)
		require.Equal(t, http.StatusNotFound, res.StatusCode, id)
	}
}
