package booking_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/catalog/catalogtest"
)

// chainOf is the chain a theater belongs to.
func (b *testBundle) chainOf(t *testing.T, theaterID int64) int64 {
	t.Helper()
	var id int64
	require.NoError(t, b.pool.QueryRow(context.Background(), "SELECT chain_id FROM catalog.theaters WHERE id = $1", theaterID).Scan(&id))
	return id
}

// staffAt signs in a new account named name with role at a theater (or
// its whole chain when theaterID is 0).
func (b *testBundle) staffAt(t *testing.T, name, role string, chainID, theaterID int64) *testBrowser {
	t.Helper()
	br := b.browser(t, name, account.Customer)
	var theater *int64
	if theaterID != 0 {
		theater = &theaterID
	}
	_, err := b.pool.Exec(context.Background(), "INSERT INTO account.staff_roles (user_id, role, chain_id, theater_id) VALUES ($1, $2, $3, $4)",
		br.id, role, chainID, theater)
	require.NoError(t, err)
	return br
}

// twoTheaters is staffSetup with a second theater ("Elsewhere", in a chain
// of its own) showing a film, a buyer's booking at each, and the chains.
type twoTheaters struct {
	*testBundle
	other          catalog.Show
	chainA, chainB int64
	buyer          *testBrowser
	atA, atB       string // booking codes
	idA, idB       int64
}

func twoTheatersSetup(t *testing.T) *twoTheaters {
	t.Helper()
	sb := staffSetup(t)
	tt := &twoTheaters{testBundle: sb}
	tt.other = catalogtest.Show(t, sb.catalog, catalogtest.ShowOptions{Title: "Elsewhere"})
	tt.chainA = sb.chainOf(t, sb.show.TheaterID)
	tt.chainB = sb.newChain(t, "riverside", tt.other.TheaterID, "")
	tt.buyer = sb.browser(t, "Buyer", account.Customer)
	a := sb.sold(t, tt.buyer.id, sb.show, "E5")
	b := sb.sold(t, tt.buyer.id, tt.other, "C3")
	tt.atA, tt.atB = staffCode(t, sb, a.ID), staffCode(t, sb, b.ID)
	tt.idA, tt.idB = a.ID, b.ID
	return tt
}

// staffCode is a booking's code as staff type it.
func staffCode(t *testing.T, b *testBundle, id int64) string {
	t.Helper()
	var code string
	require.NoError(t, b.pool.QueryRow(context.Background(), "SELECT code FROM booking.bookings WHERE id = $1", id).Scan(&code))
	return code
}

func TestBoxOfficeOfOneTheaterSeesOnlyItsOwnBookings(t *testing.T) {
	t.Parallel()
	tt := twoTheatersSetup(t)
	clerk := tt.staffAt(t, "Clerk", "box_office", tt.chainA, tt.show.TheaterID)

	res, body := clerk.Get(t, "/admin/bookings?q="+url.QueryEscape("buyer@example.com"))
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, tt.atA)
	require.NotContains(t, body, tt.atB, "another theater's booking is not listed")
	require.NotContains(t, body, "Elsewhere", "nor is its show offered")

	res, _ = clerk.Get(t, "/admin/bookings/"+tt.atA)
	require.Equal(t, http.StatusOK, res.StatusCode)
	res, _ = clerk.Get(t, "/admin/bookings/"+tt.atB)
	require.Equal(t, http.StatusNotFound, res.StatusCode)
	res, body = clerk.Get(t, "/admin/bookings?q="+tt.atB)
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.NotContains(t, body, "/admin/bookings/"+tt.atB, "searching another theater's code finds nothing")
	res, _ = clerk.Get(t, "/admin/bookings?show="+strconv.FormatInt(tt.other.ID, 10))
	require.Equal(t, http.StatusNotFound, res.StatusCode)

	res, _ = clerk.Get(t, "/admin/shows/"+strconv.FormatInt(tt.show.ID, 10)+"/occupancy")
	require.Equal(t, http.StatusOK, res.StatusCode)
	res, _ = clerk.Get(t, "/admin/shows/"+strconv.FormatInt(tt.other.ID, 10)+"/occupancy")
	require.Equal(t, http.StatusNotFound, res.StatusCode)
}

func TestChainWideBoxOfficeSeesEveryTheaterOfItsChainOnly(t *testing.T) {
	t.Parallel()
	tt := twoTheatersSetup(t)
	clerk := tt.staffAt(t, "Riverclerk", "box_office", tt.chainB, 0)

	_, body := clerk.Get(t, "/admin/bookings?q="+url.QueryEscape("buyer@example.com"))
	require.Contains(t, body, tt.atB)
	require.NotContains(t, body, tt.atA)
	res, _ := clerk.Get(t, "/admin/bookings/"+tt.atB)
	require.Equal(t, http.StatusOK, res.StatusCode)
	res, _ = clerk.Get(t, "/admin/bookings/"+tt.atA)
	require.Equal(t, http.StatusNotFound, res.StatusCode)
}

func TestDoorStaffCheckInTheirTheatersTicketsAndAreToldOthersAreNotTheirs(t *testing.T) {
	t.Parallel()
	tt := twoTheatersSetup(t)
	tt.doorsOpen()
	door := tt.staffAt(t, "Door", "door", tt.chainA, tt.show.TheaterID)

	res, _ := door.Get(t, "/admin/checkin")
	require.Equal(t, http.StatusOK, res.StatusCode)

	status, verdict := door.scan(t, tt.atB, 0)
	require.Equal(t, http.StatusNotFound, status)
	require.Contains(t, verdict, "Not a ticket for this theater")
	require.NotContains(t, verdict, "Elsewhere", "the other theater's show is not revealed")
	require.Nil(t, tt.checkedInAt(t, tt.idB), "the other theater's guest is not let in")

	status, verdict = door.scan(t, "K7M-4QX", 0)
	require.Equal(t, http.StatusNotFound, status)
	require.Contains(t, verdict, "Not a ticket for this theater", "an unknown code gets the same answer")

	status, verdict = door.scan(t, tt.atA, 0)
	require.Equal(t, http.StatusOK, status, verdict)
	require.NotNil(t, tt.checkedInAt(t, tt.idA))
}

func TestOnlyAManagerOfTheTheaterCancelsABooking(t *testing.T) {
	t.Parallel()
	tt := twoTheatersSetup(t)
	clerk := tt.staffAt(t, "Clerk", "box_office", tt.chainA, tt.show.TheaterID)
	manager := tt.staffAt(t, "Manager", "theater_manager", tt.chainA, tt.show.TheaterID)
	form := url.Values{"refund": {"0"}, "reason": {"asked at the desk"}}

	_, page := clerk.Get(t, "/admin/bookings/"+tt.atA)
	require.NotContains(t, page, "/admin/bookings/"+tt.atA+"/cancel", "a clerk is offered no cancel form")
	res, _ := clerk.Post(t, "/admin/bookings/"+tt.atA+"/cancel", form)
	require.Equal(t, http.StatusNotFound, res.StatusCode)
	res, _ = manager.Post(t, "/admin/bookings/"+tt.atB+"/cancel", form)
	require.Equal(t, http.StatusNotFound, res.StatusCode, "another theater's booking")
	require.Equal(t, "confirmed", tt.statusOf(t, tt.idA))
	require.Equal(t, "confirmed", tt.statusOf(t, tt.idB))

	_, page = manager.Get(t, "/admin/bookings/"+tt.atA)
	require.Contains(t, page, "/admin/bookings/"+tt.atA+"/cancel")
	res, _ = manager.Post(t, "/admin/bookings/"+tt.atA+"/cancel", form)
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	require.Equal(t, "cancelled", tt.statusOf(t, tt.idA))
}

func TestPromoCodePagesAreForMarqueesOwnStaffOnly(t *testing.T) {
	t.Parallel()
	tt := twoTheatersSetup(t)
	admin := tt.staffAt(t, "Chainboss", "chain_admin", tt.chainA, 0)
	res, _ := admin.Get(t, "/admin/promos")
	require.Equal(t, http.StatusForbidden, res.StatusCode)
	res, _ = admin.Post(t, "/admin/promos", url.Values{"code": {"FREE"}})
	require.Equal(t, http.StatusForbidden, res.StatusCode)

	staff := tt.browser(t, "Marquee", account.Staff)
	res, _ = staff.Get(t, "/admin/promos")
	require.Equal(t, http.StatusOK, res.StatusCode)
}

// statusOf is a booking's status in the database.
func (b *testBundle) statusOf(t *testing.T, id int64) string {
	t.Helper()
	var st string
	require.NoError(t, b.pool.QueryRow(context.Background(), "SELECT status FROM booking.bookings WHERE id = $1", id).Scan(&st))
	return st
}
