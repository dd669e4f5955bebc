package booking_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/app/apptest"
)

func TestAGuestCancelsTheirBookingAndHearsOfItByEmail(t *testing.T) {
	t.Parallel()
	b := httpSetup(t, apptest.Options{})
	b.Work(t)
	guest := b.Browser(t)
	id := b.guestHold(t, guest, "gil@example.org", "F3")
	b.guestPay(t, guest, id)

	stranger := b.Browser(t)
	b.guestHold(t, stranger, "sly@example.org", "F9")
	res, _ := stranger.Post(t, fmt.Sprintf("/bookings/%d/cancel", id), url.Values{})
	require.Equal(t, http.StatusNotFound, res.StatusCode, "another browser can't cancel it")
	require.Equal(t, "confirmed", b.statusOf(t, id))

	res, page := guest.Post(t, fmt.Sprintf("/bookings/%d/cancel", id), url.Values{})
	require.Less(t, res.StatusCode, 400, page)
	require.Equal(t, "cancelled", b.statusOf(t, id))
	var to string
	require.NoError(t, b.pool.QueryRow(context.Background(),
		"SELECT email FROM notify.messages WHERE dedup_key = $1", fmt.Sprintf("booking.cancelled:%d", id)).Scan(&to))
	require.Equal(t, "gil@example.org", to, "the cancellation goes to the guest's address")
}
