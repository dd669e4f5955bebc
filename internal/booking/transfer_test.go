package booking_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/app/apptest"
	"github.com/marqueehq/marquee/internal/booking"
)

// offerLink is the /transfers/<token> link the offer email to email
// carries (the token itself is only ever in that email).
func (sb *testBundle) offerLink(t *testing.T, email string) string {
	t.Helper()
	var path string
	require.NoError(t, sb.pool.QueryRow(context.Background(), `SELECT data->'transfer'->>'path' FROM notify.messages
		WHERE kind = 'booking.transfer' AND email = $1 ORDER BY id DESC LIMIT 1`, email).Scan(&path))
	require.True(t, strings.HasPrefix(path, "/transfers/"), path)
	return path
}

// ownerOf is the account that owns booking id now.
func (sb *testBundle) ownerOf(t *testing.T, id int64) int64 {
	t.Helper()
	var uid int64
	require.NoError(t, sb.pool.QueryRow(context.Background(), "SELECT user_id FROM booking.bookings WHERE id = $1", id).Scan(&uid))
	return uid
}

func TestAFriendAcceptsTheTicketsAndOnlyTheirNewETicketGetsIn(t *testing.T) {
	t.Parallel()
	sb := staffSetup(t)
	ann, bob, door := sb.browser(t, "Ann", account.Customer), sb.browser(t, "Bob", account.Customer), sb.browser(t, "Dora", account.Staff)
	bk := sb.sold(t, ann.id, sb.show, "C5", "C6")
	page := fmt.Sprintf("/bookings/%d", bk.ID)
	_, ticket := ann.Get(t, page+"/ticket")
	oldToken := staffReadQR(t, ticket)

	res, body := ann.Get(t, page)
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, "Send to a friend")
	res, body = ann.Post(t, page+"/transfers", url.Values{"email": {"not an address"}})
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.Contains(t, body, "Enter the email address of the person")
	res, _ = ann.Post(t, page+"/transfers", url.Values{"email": {"Bob.Friend@example.com"}, "seats": {"C5", "C6"}})
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	_, body = ann.Get(t, page)
	require.Contains(t, body, "Offered to bob.friend@example.com")
	res, _ = bob.Post(t, page+"/transfers", url.Values{"email": {"x@example.com"}})
	require.Equal(t, http.StatusNotFound, res.StatusCode, "someone else's booking is not found")

	link := sb.offerLink(t, "bob.friend@example.com")
	res, body = sb.browser(t, "", "").Get(t, link)
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, "Hold Tight")
	require.Contains(t, body, "C5, C6")
	require.Contains(t, body, "Sign in to accept")
	res, body = bob.Get(t, link)
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, "Accept tickets")
	require.Contains(t, body, "first paid with")
	res, _ = bob.Post(t, link+"/accept", url.Values{})
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	require.Equal(t, page, res.Header.Get("Location"))

	require.Equal(t, bob.id, sb.ownerOf(t, bk.ID))
	var booked int
	require.NoError(t, sb.pool.QueryRow(context.Background(), `SELECT count(*) FROM recommend.events
		WHERE user_id = $1 AND movie_id = $2 AND kind = 'booking'`, bob.id, sb.show.MovieID).Scan(&booked))
	require.Equal(t, 1, booked, "recommendations hear that Bob is going to see the movie")
	res, _ = ann.Get(t, page)
	require.Equal(t, http.StatusNotFound, res.StatusCode, "the sender no longer sees the booking")
	_, list := ann.Get(t, "/account/bookings")
	require.NotContains(t, list, bk.Code)
	res, body = bob.Get(t, page)
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, "can&#39;t be cancelled online")
	require.NotContains(t, body, "Cancel this booking")
	res, _ = bob.Post(t, page+"/cancel", url.Values{})
	require.Equal(t, http.StatusConflict, res.StatusCode, "tickets passed on are not cancelled online")
	require.Equal(t, "confirmed", sb.statusOf(t, bk.ID))

	var told int
	require.NoError(t, sb.pool.QueryRow(context.Background(), `SELECT count(*) FROM notify.messages
		WHERE kind = 'booking.transfer' AND user_id = $1 AND (data->'transfer'->>'accepted')::boolean`, ann.id).Scan(&told))
	require.Equal(t, 1, told, "the sender is told by email")
	var events int
	require.NoError(t, sb.pool.QueryRow(context.Background(), `SELECT count(*) FROM booking.booking_events
		WHERE booking_id = $1 AND (note LIKE 'tickets passed on%' OR note LIKE 'tickets accepted%')`, bk.ID).Scan(&events))
	require.Equal(t, 2, events)

	_, ticket = bob.Get(t, page+"/ticket")
	newToken := staffReadQR(t, ticket)
	sb.doorsOpen()
	status, verdict := door.scan(t, oldToken, 0)
	require.NotEqual(t, http.StatusOK, status, verdict)
	require.Nil(t, sb.checkedInAt(t, bk.ID), "the sender's old QR code gets nobody in")
	status, verdict = door.scan(t, newToken, 0)
	require.Equal(t, http.StatusOK, status, verdict)
	require.Contains(t, verdict, "Admit 2")

	res, body = bob.Get(t, link)
	require.Equal(t, http.StatusSeeOther, res.StatusCode, "the new owner opening the used link lands on the booking: %s", body)
	res, body = sb.browser(t, "Cy", account.Customer).Get(t, link)
	require.Equal(t, http.StatusGone, res.StatusCode)
	require.Contains(t, body, "already been accepted")
	res, _ = sb.browser(t, "", "").Get(t, "/transfers/not-a-real-token")
	require.Equal(t, http.StatusNotFound, res.StatusCode)
}

func TestTheSenderCancelsAPendingOfferAndItsLinkStopsWorking(t *testing.T) {
	t.Parallel()
	sb := staffSetup(t)
	ann, bob := sb.browser(t, "Ann", account.Customer), sb.browser(t, "Bob", account.Customer)
	bk := sb.sold(t, ann.id, sb.show, "D4")
	ctx := context.Background()
	sent, err := sb.svc.SendTransfer(ctx, booking.Sender{ID: ann.id, Name: "Ann"}, bk.ID, "bob@example.com", nil)
	require.NoError(t, err)
	_, err = sb.svc.SendTransfer(ctx, booking.Sender{ID: ann.id}, bk.ID, "cy@example.com", nil)
	require.ErrorIs(t, err, booking.ErrTransferPending, "one offer at a time")

	res, _ := bob.Post(t, fmt.Sprintf("/bookings/%d/transfers/%d/cancel", bk.ID, sent.ID), url.Values{})
	require.Equal(t, http.StatusNotFound, res.StatusCode, "only the sender withdraws it")
	res, _ = ann.Post(t, fmt.Sprintf("/bookings/%d/transfers/%d/cancel", bk.ID, sent.ID), url.Values{})
	require.Equal(t, http.StatusSeeOther, res.StatusCode)

	res, body := bob.Get(t, "/transfers/"+sent.Token)
	require.Equal(t, http.StatusGone, res.StatusCode)
	require.Contains(t, body, "cancelled this offer")
	res, _ = bob.Post(t, "/transfers/"+sent.Token+"/accept", url.Values{})
	require.Equal(t, http.StatusGone, res.StatusCode)
	require.Equal(t, ann.id, sb.ownerOf(t, bk.ID))
	require.ErrorIs(t, sb.svc.CancelTransfer(ctx, ann.id, bk.ID, sent.ID), booking.ErrTransferGone)
}

func TestAnExpiredOfferCannotBeAccepted(t *testing.T) {
	t.Parallel()
	sb := staffSetup(t)
	ann, bob := sb.browser(t, "Ann", account.Customer), sb.browser(t, "Bob", account.Customer)
	bk := sb.sold(t, ann.id, sb.show, "E2")
	sent, err := sb.svc.SendTransfer(context.Background(), booking.Sender{ID: ann.id}, bk.ID, "bob@example.com", nil)
	require.NoError(t, err)
	require.False(t, sent.ExpiresAt.After(sb.show.StartsAt), "an offer lapses when the show starts at the latest")
	require.False(t, sent.ExpiresAt.After(sb.clock.now().Add(booking.TransferLife)))

	sb.clock.set(sent.ExpiresAt.Add(time.Second))
	res, body := bob.Get(t, "/transfers/"+sent.Token)
	require.Equal(t, http.StatusGone, res.StatusCode)
	require.Contains(t, body, "has expired")
	_, err = sb.svc.AcceptTransfer(context.Background(), bob.id, "bob@example.com", sent.Token)
	require.ErrorIs(t, err, booking.ErrTransferGone)
	require.Equal(t, ann.id, sb.ownerOf(t, bk.ID))
}

func TestTwoRacingAcceptsOfOneOfferGiveTheTicketsToExactlyOne(t *testing.T) {
	t.Parallel()
	sb := staffSetup(t)
	ann := sb.browser(t, "Ann", account.Customer)
	bk := sb.sold(t, ann.id, sb.show, "F1", "F2")
	sent, err := sb.svc.SendTransfer(context.Background(), booking.Sender{ID: ann.id}, bk.ID, "friends@example.com", nil)
	require.NoError(t, err)
	takers := []int64{sb.browser(t, "Bob", account.Customer).id, sb.browser(t, "Cy", account.Customer).id}

	errs := make([]error, len(takers))
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i, uid := range takers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			_, errs[i] = sb.svc.AcceptTransfer(context.Background(), uid, "friends@example.com", sent.Token)
		}()
	}
	close(start)
	wg.Wait()

	won := -1
	for i, err := range errs {
		if err == nil {
			require.Equal(t, -1, won, "only one accept wins")
			won = i
			continue
		}
		require.ErrorIs(t, err, booking.ErrTransferGone)
	}
	require.NotEqual(t, -1, won, "one accept wins")
	require.Equal(t, takers[won], sb.ownerOf(t, bk.ID))
	var accepted int
	require.NoError(t, sb.pool.QueryRow(context.Background(),
		"SELECT count(*) FROM booking.booking_transfers WHERE booking_id = $1 AND state = 'accepted'", bk.ID).Scan(&accepted))
	require.Equal(t, 1, accepted)
}

func TestACheckedInBookingCannotBePassedOn(t *testing.T) {
	t.Parallel()
	sb := staffSetup(t)
	ann, bob := sb.browser(t, "Ann", account.Customer), sb.browser(t, "Bob", account.Customer)
	bk := sb.sold(t, ann.id, sb.show, "G7")
	ctx := context.Background()
	sent, err := sb.svc.SendTransfer(ctx, booking.Sender{ID: ann.id}, bk.ID, "bob@example.com", nil)
	require.NoError(t, err)
	sb.doorsOpen()
	ci, err := sb.svc.CheckIn(ctx, booking.CheckInInput{Code: bk.Code})
	require.NoError(t, err)
	require.Equal(t, booking.Admitted, ci.Outcome)

	_, err = sb.svc.AcceptTransfer(ctx, bob.id, "bob@example.com", sent.Token)
	require.ErrorIs(t, err, booking.ErrNotTransferable, "an offer made before check-in is refused after it")
	require.NoError(t, sb.svc.CancelTransfer(ctx, ann.id, bk.ID, sent.ID))
	_, err = sb.svc.SendTransfer(ctx, booking.Sender{ID: ann.id}, bk.ID, "bob@example.com", nil)
	require.ErrorIs(t, err, booking.ErrNotTransferable)
	require.Equal(t, ann.id, sb.ownerOf(t, bk.ID))
}

func TestABookingIsPassedOnAtMostThreeTimesAndOfferedAtMostThreeTimesAnHour(t *testing.T) {
	t.Parallel()
	sb := staffSetup(t)
	ctx := context.Background()
	owner := sb.browser(t, "Ann", account.Customer).id
	bk := sb.sold(t, owner, sb.show, "H1")
	for i := range booking.DefaultTransferLimit {
		sb.clock.advance(time.Hour) // past the hourly cap on offers
		sent, err := sb.svc.SendTransfer(ctx, booking.Sender{ID: owner}, bk.ID, fmt.Sprintf("friend%d@example.com", i), nil)
		require.NoError(t, err)
		next := sb.browser(t, fmt.Sprintf("Friend%d", i), account.Customer).id
		_, err = sb.svc.AcceptTransfer(ctx, next, "", sent.Token)
		require.NoError(t, err)
		owner = next
	}
	sb.clock.advance(time.Hour)
	_, err := sb.svc.SendTransfer(ctx, booking.Sender{ID: owner}, bk.ID, "one-more@example.com", nil)
	require.ErrorIs(t, err, booking.ErrTransferLimit)

	other := sb.browser(t, "Bea", account.Customer).id
	bk2 := sb.sold(t, other, sb.show, "H5")
	for i := range booking.TransferOffersPerHour {
		sent, err := sb.svc.SendTransfer(ctx, booking.Sender{ID: other}, bk2.ID, fmt.Sprintf("x%d@example.com", i), nil)
		require.NoError(t, err)
		require.NoError(t, sb.svc.CancelTransfer(ctx, other, bk2.ID, sent.ID))
	}
	_, err = sb.svc.SendTransfer(ctx, booking.Sender{ID: other}, bk2.ID, "again@example.com", nil)
	require.ErrorIs(t, err, booking.ErrTransferLimit, "at most a few offer emails an hour")
	sb.clock.advance(time.Hour + time.Second)
	_, err = sb.svc.SendTransfer(ctx, booking.Sender{ID: other}, bk2.ID, "again@example.com", nil)
	require.NoError(t, err)
}

func TestTheAppSendsCancelsAndAcceptsTransfers(t *testing.T) {
	t.Parallel()
	sb := staffSetup(t)
	signIn := func(name string) (*apiBuyer, int64) {
		u := sb.User(t, name, account.Customer)
		b := sb.buyerAs(t, u.Email)
		return b, u.ID
	}
	ann, annID := signIn("Ann")
	bob, bobID := signIn("Bob")
	bk := sb.sold(t, annID, sb.show, "J3")
	path := fmt.Sprintf("/api/v1/bookings/%d/transfers", bk.ID)

	p := ann.problem(t, http.MethodPost, path, map[string]string{"email": "nope"})
	require.Equal(t, http.StatusUnprocessableEntity, p.Status)
	require.Contains(t, p.Fields, "email")
	require.Equal(t, http.StatusNotFound, bob.problem(t, http.MethodPost, path, map[string]string{"email": "a@example.com"}).Status)

	status, body := ann.call(t, http.MethodPost, path, map[string]string{"email": "bob@example.com"})
	require.Equal(t, http.StatusCreated, status, "%s", body)
	require.Contains(t, string(body), `"state":"pending"`)
	require.NotContains(t, string(body), "token", "the link's token only goes by email")
	require.Equal(t, http.StatusConflict, ann.problem(t, http.MethodPost, path, map[string]string{"email": "c@example.com"}).Status)

	var tid int64
	require.NoError(t, sb.pool.QueryRow(context.Background(),
		"SELECT id FROM booking.booking_transfers WHERE booking_id = $1", bk.ID).Scan(&tid))
	status, _ = ann.call(t, http.MethodDelete, fmt.Sprintf("%s/%d", path, tid), nil)
	require.Equal(t, http.StatusNoContent, status)
	require.Equal(t, "transfer_gone", ann.problem(t, http.MethodDelete, fmt.Sprintf("%s/%d", path, tid), nil).Code)

	status, _ = ann.call(t, http.MethodPost, path, map[string]string{"email": "bob@example.com"})
	require.Equal(t, http.StatusCreated, status)
	link := sb.offerLink(t, "bob@example.com")
	require.Equal(t, http.StatusNotFound, bob.problem(t, http.MethodPost, "/api/v1/transfers/accept", map[string]string{"token": "wrong"}).Status)
	status, body = bob.call(t, http.MethodPost, "/api/v1/transfers/accept", map[string]string{"token": strings.TrimPrefix(link, "/transfers/")})
	require.Equal(t, http.StatusOK, status, "%s", body)
	require.Contains(t, string(body), sb.codeOf(t, bk.ID))
	require.NotContains(t, string(body), bk.Code, "the booking was given a new code")
	require.Equal(t, bobID, sb.ownerOf(t, bk.ID))
	require.Equal(t, "transferred_no_cancel", bob.problem(t, http.MethodPost, fmt.Sprintf("/api/v1/bookings/%d/cancel", bk.ID), nil).Code)
	require.Equal(t, http.StatusNotFound, ann.problem(t, http.MethodGet, fmt.Sprintf("/api/v1/bookings/%d", bk.ID), nil).Status)
}

// buyerAs signs the app in as the account with email.
func (sb *testBundle) buyerAs(t *testing.T, email string) *apiBuyer {
	t.Helper()
	anon := &apiBuyer{ab: sb}
	status, body := anon.call(t, http.MethodPost, "/api/v1/auth/token", map[string]string{"email": email, "password": apptest.Password})
	require.Equal(t, http.StatusOK, status, "signed in: %s", body)
	var pair struct {
		AccessToken string `json:"access_token"`
	}
	require.NoError(t, json.Unmarshal(body, &pair))
	return &apiBuyer{ab: sb, token: pair.AccessToken}
}
