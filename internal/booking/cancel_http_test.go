package booking_test

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
)

func TestBuyerCancelsFromTheBookingPage(t *testing.T) {
	t.Parallel()
	sb := staffSetup(t)
	buyer := sb.browser(t, "Ada", account.Customer)
	bk := sb.sold(t, buyer.id, sb.show, "G4", "G5")
	page := fmt.Sprintf("/bookings/%d", bk.ID)

	res, body := buyer.Get(t, page)
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, "Show e-ticket")
	require.Contains(t, body, "Cancel this booking")

	stranger := sb.browser(t, "Eve", account.Customer)
	res, _ = stranger.Post(t, page+"/cancel", url.Values{})
	require.Equal(t, http.StatusNotFound, res.StatusCode, "only the buyer may cancel")

	res, _ = buyer.Post(t, page+"/cancel", url.Values{})
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	_, body = buyer.Get(t, page)
	require.Contains(t, body, "Cancelled")
	require.Contains(t, body, "is cancelled and its seats are back on sale")
	require.NotContains(t, body, "Cancel this booking")
	require.Empty(t, sb.seatOwners(t))
}

func TestStaffCancelForm(t *testing.T) {
	t.Parallel()
	sb := staffSetup(t)
	buyer := sb.browser(t, "Ada", account.Customer)
	bk := sb.sold(t, buyer.id, sb.show, "G4")
	staff := sb.browser(t, "Sam", account.Staff)
	action := "/admin/bookings/" + bk.Code + "/cancel"

	res, _ := buyer.Post(t, action, url.Values{"refund": {"1.00"}})
	require.Equal(t, http.StatusForbidden, res.StatusCode, "customers cannot cancel at the desk")

	res, body := staff.Post(t, action, url.Values{"refund": {"lots"}})
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.Contains(t, body, "Enter the refund as an amount like 12.50")
	res, body = staff.Post(t, action, url.Values{"refund": {"999.00"}})
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.Contains(t, body, "Enter a refund from 0 to")
	require.Equal(t, "confirmed", sb.status(t, bk.ID), "nothing changed")

	res, _ = staff.Post(t, action, url.Values{"refund": {"5.00"}, "reason": {"Sound system failure"}})
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	_, body = staff.Get(t, "/admin/bookings/"+bk.Code)
	require.Contains(t, body, "Sound system failure; refund")
	require.NotContains(t, body, "Cancel and refund")
	require.Equal(t, "cancelled", sb.status(t, bk.ID))
}
