package booking_test

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
)

// TestPartialCancellationShowsInTheBookingsHistory: once the buyer has
// cancelled a seat, their booking page lists it under Cancelled seats with
// the refund and the fee kept, and the staff booking page's history says
// which seats the buyer cancelled, the refund and the fee.
func TestPartialCancellationShowsInTheBookingsHistory(t *testing.T) {
	t.Parallel()
	sb := staffSetup(t)
	buyer := sb.browser(t, "Ada", account.Customer)
	bk := sb.sold(t, buyer.id, sb.show, "G4", "G5", "G6")
	page := fmt.Sprintf("/bookings/%d", bk.ID)
	_, body := buyer.Get(t, page)
	require.NotContains(t, body, "Cancelled seats", "nothing cancelled yet")

	res, _ := buyer.Post(t, page+"/cancel-seats", url.Values{"seats": {"G5"}, "confirm": {"1"}})
	require.Equal(t, http.StatusSeeOther, res.StatusCode)

	_, body = buyer.Get(t, page)
	require.Contains(t, body, "Cancelled seats")
	require.Contains(t, body, "you cancelled seats G5.")
	require.Regexp(t, `Refunded [^;<]+; cancellation fee kept [^<]+\.`, body)

	staff := sb.browser(t, "Sam", account.Staff)
	_, body = staff.Get(t, "/admin/bookings/"+bk.Code)
	require.Regexp(t, `Seats G5 cancelled by the buyer; refund [^;<]+; cancellation fee kept `, body)
}
