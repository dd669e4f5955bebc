package booking_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/booking"
)

func TestTicketPageQRCodeGetsItsOwnerInOnce(t *testing.T) {
	t.Parallel()
	sb := staffSetup(t)
	ann, door := sb.browser(t, "Ann", account.Customer), sb.browser(t, "Dora", account.Staff)
	bk := sb.sold(t, ann.id, sb.show, "C5", "C6")
	ticketURL := fmt.Sprintf("/bookings/%d/ticket", bk.ID)

	res, page := ann.Get(t, ticketURL)
	require.Equal(t, http.StatusOK, res.StatusCode)
	starts := sb.show.StartsAt.In(mustLondon(t))
	for _, want := range []string{bk.Code, "Hold Tight", "Test Cinema", "Screen 1", "C5", "C6", "Admit 2",
		starts.Format("Monday 2 January 2006"), starts.Format("15:04"), starts.Add(-time.Hour).Format("15:04")} {
		require.Contains(t, page, want)
	}
	token := staffReadQR(t, page)

	sb.doorsOpen()
	status, verdict := door.scan(t, token, 0)
	require.Equal(t, http.StatusOK, status, verdict)
	require.Contains(t, verdict, "Admit 2")
	_, page = ann.Get(t, ticketURL)
	require.Contains(t, page, "Used: checked in at "+sb.clock.now().In(mustLondon(t)).Format("15:04"))
}

func TestTicketPageIsOnlyForTheOwnersConfirmedBooking(t *testing.T) {
	t.Parallel()
	sb := staffSetup(t)
	ann, bob := sb.browser(t, "Ann", account.Customer), sb.browser(t, "Bob", account.Customer)
	paid := sb.sold(t, ann.id, sb.show, "D1")
	held, err := sb.svc.Hold(context.Background(), ann.id, sb.show.ID, []string{"D2"})
	require.NoError(t, err)

	res, body := bob.Get(t, fmt.Sprintf("/bookings/%d/ticket", paid.ID))
	require.Equal(t, http.StatusNotFound, res.StatusCode)
	require.NotContains(t, body, paid.Code)
	res, body = ann.Get(t, fmt.Sprintf("/bookings/%d/ticket", held.ID))
	require.Equal(t, http.StatusConflict, res.StatusCode)
	require.Contains(t, body, "isn&#39;t paid for yet")
	require.NotContains(t, body, "tk__qr")
	res, _ = ann.Get(t, "/bookings/nope/ticket")
	require.Equal(t, http.StatusNotFound, res.StatusCode)
	res, _ = sb.browser(t, "", "").Get(t, fmt.Sprintf("/bookings/%d/ticket", paid.ID))
	require.Equal(t, http.StatusSeeOther, res.StatusCode, "visitors sign in first")
}

func TestSecondScanSaysWhenTheGuestCameIn(t *testing.T) {
	t.Parallel()
	sb := staffSetup(t)
	ann, door := sb.browser(t, "Ann", account.Customer), sb.browser(t, "Dora", account.Staff)
	bk := sb.sold(t, ann.id, sb.show, "E7", "E8", "E9")
	sb.doorsOpen()
	firstAt := sb.clock.now().In(mustLondon(t)).Format("15:04")

	status, verdict := door.scan(t, sb.ticket(t, bk), sb.show.ID)
	require.Equal(t, http.StatusOK, status)
	require.Contains(t, verdict, "Admit 3")
	require.Contains(t, verdict, "E7, E8, E9")
	require.Contains(t, verdict, `data-checkin-result="admitted"`)

	sb.clock.set(sb.clock.now().Add(7 * time.Minute))
	status, verdict = door.scan(t, sb.ticket(t, bk), sb.show.ID)
	require.Equal(t, http.StatusConflict, status)
	require.Contains(t, verdict, "Already checked in")
	require.Contains(t, verdict, firstAt, "when the guest came in, not the time now")
	require.Contains(t, verdict, `data-checkin-result="refused"`)

	typed := strings.ToLower(strings.ReplaceAll(bk.Code, "-", " "))
	status, verdict = door.scan(t, typed, 0)
	require.Equal(t, http.StatusConflict, status, "a typed code is the same ticket")
	require.Contains(t, verdict, "Already checked in")
	require.Contains(t, verdict, firstAt)

	res, page := door.Get(t, "/admin/bookings/"+bk.Code)
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, page, "Checked in at "+firstAt)
	require.Contains(t, page, fmt.Sprintf("checked in at the door by staff #%d", door.id))
	require.NotContains(t, page, "Check in now")
}

func TestDoorRefusesWhatMustNotGetIn(t *testing.T) {
	t.Parallel()
	sb := staffSetup(t)
	ann, door := sb.browser(t, "Ann", account.Customer), sb.browser(t, "Dora", account.Staff)
	paid := sb.sold(t, ann.id, sb.show, "F1", "F2")
	later := sb.sold(t, ann.id, sb.later, "F1")
	held, err := sb.svc.Hold(context.Background(), ann.id, sb.show.ID, []string{"F3"})
	require.NoError(t, err)
	token := sb.ticket(t, paid)
	body, mac, _ := strings.Cut(token, ".")
	forged, err := booking.NewTickets(mustTicketKeys(t, ticketKey("door1", 'x'))).Issue(paid)
	require.NoError(t, err)

	status, verdict := door.scan(t, token, 0)
	require.Equal(t, http.StatusConflict, status, "a day early")
	require.Contains(t, verdict, "Too early")
	require.Contains(t, verdict, "Doors open at "+sb.show.StartsAt.Add(-time.Hour).In(mustLondon(t)).Format("15:04"))

	sb.doorsOpen()
	for name, read := range map[string]string{
		"forged":   forged,
		"tampered": body + "x." + mac,
	} {
		status, verdict = door.scan(t, read, 0)
		require.Equal(t, http.StatusUnprocessableEntity, status, name)
		require.Contains(t, verdict, "Not a valid ticket", name)
	}
	status, verdict = door.scan(t, sb.ticket(t, later), sb.show.ID)
	require.Equal(t, http.StatusConflict, status)
	require.Contains(t, verdict, "Wrong show")
	require.Contains(t, verdict, sb.later.StartsAt.In(mustLondon(t)).Format("15:04"), "says which show the ticket is for")
	status, verdict = door.scan(t, held.Code, 0)
	require.Equal(t, http.StatusConflict, status)
	require.Contains(t, verdict, "Not a paid booking")
	status, verdict = door.scan(t, "ACD-EFG", 0)
	require.Equal(t, http.StatusNotFound, status)
	require.Contains(t, verdict, "Not a ticket for this theater")
	status, verdict = door.scan(t, "hello", 0)
	require.Equal(t, http.StatusUnprocessableEntity, status)
	require.Contains(t, verdict, "like K7M-4QX")
	require.Nil(t, sb.checkedInAt(t, paid.ID), "nothing refused was checked in")
	require.Nil(t, sb.checkedInAt(t, later.ID))

	sb.clock.set(sb.show.EndsAt.Add(time.Minute))
	status, verdict = door.scan(t, token, 0)
	require.Equal(t, http.StatusConflict, status)
	require.Contains(t, verdict, "Show is over")

	sb.clock.set(sb.later.StartsAt.Add(-10 * time.Minute))
	status, _ = door.scan(t, sb.ticket(t, later), sb.later.ID)
	require.Equal(t, http.StatusOK, status, "the later show's door lets its ticket in")
}

func TestConcurrentScansOfOneTicketAdmitOnce(t *testing.T) {
	t.Parallel()
	sb := staffSetup(t)
	ann := sb.browser(t, "Ann", account.Customer)
	doors := []*testBrowser{sb.browser(t, "Dora", account.Staff), sb.browser(t, "Dev", account.Staff)}
	bk := sb.sold(t, ann.id, sb.show, "G4", "G5")
	token := sb.ticket(t, bk)
	sb.doorsOpen()

	const scans = 12
	statuses := make([]int, scans)
	bodies := make([]string, scans)
	var wg sync.WaitGroup
	for i := range scans {
		wg.Go(func() { statuses[i], bodies[i] = doors[i%2].scan(t, token, 0) })
	}
	wg.Wait()
	admitted := 0
	for i, s := range statuses {
		if s == http.StatusOK {
			admitted++
			continue
		}
		require.Equal(t, http.StatusConflict, s)
		require.Contains(t, bodies[i], "Already checked in at")
	}
	require.Equal(t, 1, admitted, "exactly one scan lets the guests in")
	var events int
	require.NoError(t, sb.pool.QueryRow(context.Background(),
		"SELECT count(*) FROM booking.booking_events WHERE booking_id = $1 AND note LIKE 'checked in%'", bk.ID).Scan(&events))
	require.Equal(t, 1, events)
}

func TestStaffFindBookingsByCodeEmailAndShow(t *testing.T) {
	t.Parallel()
	sb := staffSetup(t)
	ann, bob := sb.browser(t, "Ann", account.Customer), sb.browser(t, "Bob", account.Customer)
	staff := sb.browser(t, "Dora", account.Staff)
	annFirst, annLater := sb.sold(t, ann.id, sb.show, "H1", "H2"), sb.sold(t, ann.id, sb.later, "J3")
	bobs := sb.sold(t, bob.id, sb.show, "H3")
	sb.doorsOpen()

	res, body := staff.Get(t, "/admin/bookings?q="+url.QueryEscape(strings.ToLower(strings.ReplaceAll(annFirst.Code, "-", ""))))
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, "1 booking with code "+annFirst.Code)
	require.Contains(t, body, "H1, H2")
	require.NotContains(t, body, bobs.Code)

	_, body = staff.Get(t, "/admin/bookings?q=ann%40example.com")
	require.Contains(t, body, "2 bookings for ann@example.com")
	for _, code := range []string{annFirst.Code, annLater.Code} {
		require.Contains(t, body, code)
	}
	require.NotContains(t, body, bobs.Code)
	require.Contains(t, body, fmt.Sprintf("Customer #%d", ann.id))
	_, body = staff.Get(t, "/admin/bookings?q=nobody%40example.com")
	require.Contains(t, body, "No bookings for nobody@example.com")

	_, body = staff.Get(t, fmt.Sprintf("/admin/bookings?show=%d", sb.show.ID))
	require.Contains(t, body, "2 bookings for Hold Tight")
	require.Contains(t, body, annFirst.Code)
	require.Contains(t, body, bobs.Code)
	require.NotContains(t, body, annLater.Code, "another show's booking")
	require.Contains(t, body, fmt.Sprintf(`<option value="%d" selected>`, sb.show.ID), "today's shows are offered")
	require.Contains(t, body, fmt.Sprintf("/admin/shows/%d/occupancy", sb.show.ID))

	res, body = staff.Get(t, "/admin/bookings?q=%3F%3F")
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.Contains(t, body, "Type a booking code like K7M-4QX")
	require.Contains(t, body, `value="??"`, "the input is kept")
	res, _ = staff.Get(t, "/admin/bookings?show=abc")
	require.Equal(t, http.StatusNotFound, res.StatusCode)
}

func TestStaffBookingPageAndOccupancy(t *testing.T) {
	t.Parallel()
	sb := staffSetup(t)
	ann, staff := sb.browser(t, "Ann", account.Customer), sb.browser(t, "Dora", account.Staff)
	bk := sb.sold(t, ann.id, sb.show, "I1", "I2")
	_, err := sb.svc.Hold(context.Background(), ann.id, sb.show.ID, []string{"B7"})
	require.NoError(t, err)
	sb.doorsOpen()

	res, page := staff.Get(t, "/admin/bookings/"+strings.ToLower(bk.Code))
	require.Equal(t, http.StatusOK, res.StatusCode)
	for _, want := range []string{bk.Code, "Confirmed", "I1", "I2", "Premium", "£30", "£31.50", "Booking fee",
		fmt.Sprintf("Customer #%d", ann.id), "Seats held", "Check in now"} {
		require.Contains(t, page, want)
	}
	res, _ = staff.Get(t, "/admin/bookings/ACD-EFG")
	require.Equal(t, http.StatusNotFound, res.StatusCode)

	occupancy := fmt.Sprintf("/admin/shows/%d/occupancy", sb.show.ID)
	_, page = staff.Get(t, occupancy)
	require.Contains(t, page, "2 of 199 seats sold · 0 checked in")
	require.Contains(t, page, `aria-label="I1 · sold · `+bk.Code+`"`)
	require.Contains(t, page, `aria-label="B7 · held · `)
	require.Contains(t, page, `aria-label="A1 · blocked"`)

	status, _ := staff.scan(t, bk.Code, 0)
	require.Equal(t, http.StatusOK, status)
	res, page = staff.Get(t, occupancy+"?refresh=1")
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, page, "2 of 199 seats sold · 2 checked in")
	require.Contains(t, page, "I1 · checked in at "+sb.clock.now().In(mustLondon(t)).Format("15:04"))
	req, err := http.NewRequest(http.MethodGet, sb.URL+occupancy, nil)
	require.NoError(t, err)
	req.Header.Set("HX-Request", "true")
	res, page = staff.Do(t, req)
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.True(t, strings.HasPrefix(strings.TrimSpace(page), `<div id="occ-live"`), "the refresh gets the grid alone")
	res, _ = staff.Get(t, "/admin/shows/999999/occupancy")
	require.Equal(t, http.StatusNotFound, res.StatusCode)
}

func TestCustomersCannotUseStaffBookingPages(t *testing.T) {
	t.Parallel()
	sb := staffSetup(t)
	ann := sb.browser(t, "Ann", account.Customer)
	bk := sb.sold(t, ann.id, sb.show, "C1")
	sb.doorsOpen()
	paths := []string{"/admin/bookings", "/admin/bookings?q=ann%40example.com", "/admin/bookings/" + bk.Code,
		fmt.Sprintf("/admin/bookings?show=%d", sb.show.ID), fmt.Sprintf("/admin/shows/%d/occupancy", sb.show.ID), "/admin/checkin"}
	for _, path := range paths {
		res, body := ann.Get(t, path)
		require.Equal(t, http.StatusForbidden, res.StatusCode, path)
		// The footer's language switcher returns to the path asked for,
		// which may hold the code the customer typed: nothing else may.
		body = strings.NewReplacer(url.QueryEscape(path), "", path, "").Replace(body)
		require.NotContains(t, body, bk.Code, path)
	}
	status, _ := ann.scan(t, sb.ticket(t, bk), 0)
	require.Equal(t, http.StatusForbidden, status)
	require.Nil(t, sb.checkedInAt(t, bk.ID), "a customer cannot check anyone in")
	res, _ := sb.browser(t, "", "").Get(t, "/admin/checkin")
	require.Equal(t, http.StatusSeeOther, res.StatusCode, "visitors sign in first")
}

func mustLondon(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/London")
	require.NoError(t, err)
	return loc
}

func mustTicketKeys(t *testing.T, spec string) *booking.TicketKeys {
	t.Helper()
	keys, err := booking.ParseTicketKeys(spec)
	require.NoError(t, err)
	return keys
}
