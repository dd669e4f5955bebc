package booking_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/booking"
)

// splitOff is the booking that transfer offer of booking id gave its
// receiver, with its seats and total.
func (sb *testBundle) splitOff(t *testing.T, id int64) (int64, []string, int64) {
	t.Helper()
	var to, total int64
	var seats []string
	require.NoError(t, sb.pool.QueryRow(context.Background(), `SELECT b.id, b.total_minor,
		(SELECT array_agg(seat ORDER BY seat) FROM booking.booking_seats WHERE booking_id = b.id)
		FROM booking.booking_transfers tr JOIN booking.bookings b ON b.id = tr.to_booking_id
		WHERE tr.booking_id = $1 AND tr.state = 'accepted' ORDER BY tr.id DESC LIMIT 1`, id).Scan(&to, &total, &seats))
	return to, seats, total
}

// totalOf is booking id's total now.
func (sb *testBundle) totalOf(t *testing.T, id int64) int64 {
	t.Helper()
	var total int64
	require.NoError(t, sb.pool.QueryRow(context.Background(), "SELECT total_minor FROM booking.bookings WHERE id = $1", id).Scan(&total))
	return total
}

func TestAfterAWholeTransferTheSendersTypedCodeGetsNobodyInAndTheReceiversAdmitsOnce(t *testing.T) {
	t.Parallel()
	sb := staffSetup(t)
	ann, bob, door := sb.browser(t, "Ann", account.Customer), sb.browser(t, "Bob", account.Customer), sb.browser(t, "Dora", account.Staff)
	bk := sb.sold(t, ann.id, sb.show, "D4")
	ctx := context.Background()
	sent, err := sb.svc.SendTransfer(ctx, booking.Sender{ID: ann.id}, bk.ID, "bob@example.com", nil)
	require.NoError(t, err)
	got, err := sb.svc.AcceptTransfer(ctx, bob.id, "bob@example.com", sent.Token)
	require.NoError(t, err)
	require.Equal(t, bk.ID, got, "a whole transfer gives the booking itself")
	code := sb.codeOf(t, bk.ID)
	require.NotEqual(t, bk.Code, code, "the booking was given a new code")

	sb.doorsOpen()
	status, verdict := door.scan(t, bk.Code, 0)
	require.NotEqual(t, http.StatusOK, status, verdict)
	require.Nil(t, sb.checkedInAt(t, bk.ID), "the code the sender knew gets nobody in")
	status, verdict = door.scan(t, code, 0)
	require.Equal(t, http.StatusOK, status, verdict)
	require.Contains(t, verdict, "Admit 1")
	status, verdict = door.scan(t, code, 0)
	require.NotContains(t, verdict, "Admit 1", "the receiver's code admits once (%d)", status)
}

func TestSendingOneOfTwoSeatsToAGuestSplitsTheBookingAndReissuesBothTickets(t *testing.T) {
	t.Parallel()
	sb := staffSetup(t)
	ann, door := sb.browser(t, "Ann", account.Customer), sb.browser(t, "Dora", account.Staff)
	bk := sb.sold(t, ann.id, sb.show, "C5", "C6")
	before := sb.totalOf(t, bk.ID)
	page := fmt.Sprintf("/bookings/%d", bk.ID)
	_, ticket := ann.Get(t, page+"/ticket")
	oldToken := staffReadQR(t, ticket)

	_, body := ann.Get(t, page)
	require.Contains(t, body, `name="seats" value="C6"`)
	res, body := ann.Post(t, page+"/transfers", url.Values{"email": {"gus@example.com"}})
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode, "no seat ticked")
	require.Contains(t, body, "Choose at least one seat")
	res, _ = ann.Post(t, page+"/transfers", url.Values{"email": {"gus@example.com"}, "seats": {"Z9"}})
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode, "a seat not in the booking")
	res, _ = ann.Post(t, page+"/transfers", url.Values{"email": {"gus@example.com"}, "seats": {"C6"}})
	require.Equal(t, http.StatusSeeOther, res.StatusCode)

	link := sb.offerLink(t, "gus@example.com")
	guest := sb.browser(t, "", "")
	res, body = guest.Get(t, link)
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, "C6")
	require.NotContains(t, body, "C5")
	require.Contains(t, body, `value="gus@example.com"`, "the guest form has the offer's address")
	res, body = guest.Post(t, link+"/accept", url.Values{"email": {"someone@example.com"}})
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.Contains(t, body, "the email address these tickets were sent to")
	res, _ = guest.Post(t, link+"/accept", url.Values{"email": {"Gus@Example.com"}})
	require.Equal(t, http.StatusSeeOther, res.StatusCode)

	newID, seats, total := sb.splitOff(t, bk.ID)
	require.Equal(t, fmt.Sprintf("/bookings/%d/ticket", newID), res.Header.Get("Location"))
	require.Equal(t, []string{"C6"}, seats)
	require.Equal(t, before, total+sb.totalOf(t, bk.ID), "the amounts are split, not copied")
	res, body = guest.Get(t, res.Header.Get("Location"))
	require.Equal(t, http.StatusOK, res.StatusCode, "the guest sees their e-ticket")
	guestToken := staffReadQR(t, body)
	var mailed int
	require.NoError(t, sb.pool.QueryRow(context.Background(), `SELECT count(*) FROM notify.messages WHERE kind = 'booking.transfer'
		AND email = 'gus@example.com' AND (data->'transfer'->>'received')::boolean
		AND data->'transfer'->>'path' LIKE '/bookings/access/%'`).Scan(&mailed))
	require.Equal(t, 1, mailed, "the guest is emailed their code and e-ticket link")

	res, body = ann.Get(t, page)
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, "seats C6 offered to gus@example.com: accepted")
	require.NotContains(t, body, ">C6<", "the sender's booking lost the seat sent")
	_, ticket = ann.Get(t, page+"/ticket")
	annToken := staffReadQR(t, ticket)
	require.NotEqual(t, oldToken, annToken, "the sender's ticket is re-issued")

	sb.doorsOpen()
	status, verdict := door.scan(t, oldToken, 0)
	require.Equal(t, http.StatusConflict, status, verdict)
	require.Nil(t, sb.checkedInAt(t, bk.ID), "the sender's old QR admits nobody")
	status, verdict = door.scan(t, guestToken, 0)
	require.Equal(t, http.StatusOK, status, verdict)
	require.Contains(t, verdict, "Admit 1")
	status, verdict = door.scan(t, annToken, 0)
	require.Equal(t, http.StatusOK, status, verdict)
	require.Contains(t, verdict, "Admit 1")

	res, _ = ann.Post(t, page+"/cancel", url.Values{})
	require.Equal(t, http.StatusConflict, res.StatusCode, "the payment stays with the first booking: no online cancel")
	staff := sb.browser(t, "Sam", account.Staff)
	_, body = staff.Get(t, "/admin/bookings/"+bk.Code)
	require.Contains(t, body, "seats C6 passed on by user")
}

func TestTheAppSendsSomeSeatsAndAGuestAcceptsThemWithTheOffersAddress(t *testing.T) {
	t.Parallel()
	sb := staffSetup(t)
	u := sb.User(t, "Ann", account.Customer)
	ann := sb.buyerAs(t, u.Email)
	bk := sb.sold(t, u.ID, sb.show, "J3", "J4")
	path := fmt.Sprintf("/api/v1/bookings/%d/transfers", bk.ID)

	p := ann.problem(t, http.MethodPost, path, map[string]any{"email": "gus@example.com", "seats": []string{"Q1"}})
	require.Equal(t, http.StatusUnprocessableEntity, p.Status)
	require.Contains(t, p.Fields, "seats")
	status, body := ann.call(t, http.MethodPost, path, map[string]any{"email": "gus@example.com", "seats": []string{"J4"}})
	require.Equal(t, http.StatusCreated, status, "%s", body)
	require.Contains(t, string(body), `"seats":["J4"]`)
	token := strings.TrimPrefix(sb.offerLink(t, "gus@example.com"), "/transfers/")

	app := sb.API(t)
	r := app.Do(t, http.MethodPost, "/api/v1/transfers/accept/guest", map[string]string{"token": token, "email": "x@example.com"})
	require.Equal(t, http.StatusUnprocessableEntity, r.Status, "%s", r.Body)
	r = app.Do(t, http.MethodPost, "/api/v1/transfers/accept/guest", map[string]string{"token": token, "email": "gus@example.com"})
	require.Equal(t, http.StatusOK, r.Status, "%s", r.Body)
	var got struct {
		ID         int64  `json:"id"`
		GuestToken string `json:"guest_token"`
	}
	r.JSON(t, &got)
	require.NotEqual(t, bk.ID, got.ID)
	r = app.Do(t, http.MethodGet, fmt.Sprintf("/api/v1/bookings/%d", got.ID), nil, "X-Guest-Token", got.GuestToken)
	require.Equal(t, http.StatusOK, r.Status, "%s", r.Body)
	require.Contains(t, string(r.Body), `"J4"`)
	require.NotContains(t, string(r.Body), `"J3"`)
	r = app.Do(t, http.MethodPost, "/api/v1/transfers/accept/guest", map[string]string{"token": token, "email": "gus@example.com"})
	require.Equal(t, http.StatusGone, r.Status, "an offer is accepted once")
}

func TestAChainsTransferLimitReplacesTheDefault(t *testing.T) {
	t.Parallel()
	sb := staffSetup(t)
	ctx := context.Background()
	_, err := sb.pool.Exec(ctx, `UPDATE catalog.chains SET transfer_limit = 1`)
	require.NoError(t, err)
	owner := sb.browser(t, "Ann", account.Customer).id
	bk := sb.sold(t, owner, sb.later, "H1")
	sent, err := sb.svc.SendTransfer(ctx, booking.Sender{ID: owner}, bk.ID, "bob@example.com", nil)
	require.NoError(t, err)
	bob := sb.browser(t, "Bob", account.Customer).id
	_, err = sb.svc.AcceptTransfer(ctx, bob, "bob@example.com", sent.Token)
	require.NoError(t, err)
	_, err = sb.svc.SendTransfer(ctx, booking.Sender{ID: bob}, bk.ID, "cy@example.com", nil)
	require.ErrorIs(t, err, booking.ErrTransferLimit, "the chain allows one transfer")
}

func TestASplitOffBookingCountsTheTransfersBeforeItAgainstTheLimit(t *testing.T) {
	t.Parallel()
	sb := staffSetup(t)
	ctx := context.Background()
	_, err := sb.pool.Exec(ctx, `UPDATE catalog.chains SET transfer_limit = 1`)
	require.NoError(t, err)
	owner := sb.browser(t, "Ann", account.Customer).id
	bk := sb.sold(t, owner, sb.later, "H1", "H2")
	sent, err := sb.svc.SendTransfer(ctx, booking.Sender{ID: owner}, bk.ID, "bob@example.com", []string{"H2"})
	require.NoError(t, err)
	bob := sb.browser(t, "Bob", account.Customer).id
	_, err = sb.svc.AcceptTransfer(ctx, bob, "bob@example.com", sent.Token)
	require.NoError(t, err)
	split, seats, _ := sb.splitOff(t, bk.ID)
	require.Equal(t, []string{"H2"}, seats)
	_, err = sb.svc.SendTransfer(ctx, booking.Sender{ID: bob}, split, "cy@example.com", nil)
	require.ErrorIs(t, err, booking.ErrTransferLimit, "H2 was passed on once already: splitting does not reset the count")
}
