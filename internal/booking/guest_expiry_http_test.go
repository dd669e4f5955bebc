package booking_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/app/apptest"
	"github.com/marqueehq/marquee/internal/booking"
)

// accessLink is the /bookings/access/ link in booking id's confirmation.
func (b *testBundle) accessLink(t *testing.T, id int64) string {
	t.Helper()
	var data string
	require.NoError(t, b.pool.QueryRow(context.Background(),
		"SELECT data::text FROM notify.messages WHERE dedup_key = $1", fmt.Sprintf("booking.confirmed:%d", id)).Scan(&data))
	i := strings.Index(data, "/bookings/access/")
	require.Positive(t, i, "the confirmation carries the access link")
	return data[i : i+strings.IndexByte(data[i:], '"')]
}

func TestTheEmailLinkStopsWorkingThirtyDaysAfterTheShowAndSaysHowToFindTheBooking(t *testing.T) {
	t.Parallel()
	b := clockedSetup(t, apptest.Options{})
	b.Work(t)
	guest := b.Browser(t)
	id := b.guestHold(t, guest, "hal@example.org", "G4")
	b.guestPay(t, guest, id)
	link := b.accessLink(t, id)
	end := b.show.EndsAt
	require.True(t, end.After(b.show.StartsAt), "the show has an end")

	b.clock.set(end.Add(booking.GuestLinkLife - time.Minute))
	res, _ := b.Browser(t).Get(t, link)
	require.Equal(t, http.StatusSeeOther, res.StatusCode, "the link works until 30 days after the show")

	b.clock.set(end.Add(booking.GuestLinkLife + time.Minute))
	late := b.Browser(t)
	res, page := late.Get(t, link)
	require.Equal(t, http.StatusGone, res.StatusCode, page)
	require.Contains(t, page, "This booking link has expired")
	require.Contains(t, page, "30 days after the show")
	require.Contains(t, page, `href="/bookings/find"`)
	res, _ = late.Get(t, fmt.Sprintf("/bookings/%d", id))
	require.NotEqual(t, http.StatusOK, res.StatusCode, "the expired link let this browser reach nothing")

	res, page = b.Browser(t).Get(t, link+"x")
	require.Equal(t, http.StatusNotFound, res.StatusCode, "a tampered old link is still not found: %s", page)
}

func TestTheSiteFooterLeadsAGuestToFindingTheirBooking(t *testing.T) {
	t.Parallel()
	b := httpSetup(t, apptest.Options{})
	for lang, words := range map[string]string{"en": "Find your booking", "es": "Encuentra tu reserva"} {
		res, page := b.Browser(t).Get(t, "/theaters", "Accept-Language", lang)
		require.Equal(t, http.StatusOK, res.StatusCode)
		footer := page[strings.Index(page, `<footer`):]
		require.Contains(t, footer, `<a href="/bookings/find">`+words+`</a>`, lang)
	}
}
