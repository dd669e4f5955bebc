package payments_test

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
	"github.com/marqueehq/marquee/internal/payments"
)

// TestPayPalOnThePayPage: the pay page shows PayPal's buttons for the
// payment's order (the SDK with our client id, the currency and intent
// capture) and says PayPal needs JavaScript; the buyer's approval posted
// to /pay/:id/paypal/capture takes the money and sends the buyer on to
// the booking. Posting before approving takes nothing; another buyer gets
// 404, and a post from another site is refused.
func TestPayPalOnThePayPage(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pb := paypalSetup(t, paypalOpts{})
	web, user := pb.srv.SignedIn(t, "Paula", account.Customer)
	h, err := pb.booking.Hold(ctx, user.ID, pb.show.ID, []string{"D1", "D2"})
	require.NoError(t, err)
	_, err = pb.booking.Checkout(ctx, user.ID, h.ID)
	require.NoError(t, err)
	req, err := pb.booking.StartPayment(ctx, user.ID, h.ID)
	require.NoError(t, err)
	path, err := pb.pay.Begin(ctx, req)
	require.NoError(t, err)
	co, err := pb.pay.PaymentForBuyer(ctx, user.ID, paymentID(t, path))
	require.NoError(t, err)
	p := co.Payment

	res, page := web.Get(t, path)
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, page, `data-paypal`)
	require.Contains(t, page, `data-order="`+p.ProviderID+`"`)
	require.Contains(t, page, `data-capture="`+path+`/paypal/capture"`)
	sdk := pb.pp.SDKURL + "?" + url.Values{"client-id": {paypalClientID}, "components": {"buttons"}, "currency": {"GBP"},
		"intent": {"capture"}}.Encode()
	require.Contains(t, page, `src="`+strings.ReplaceAll(sdk, "&", "&amp;")+`"`)
	require.Contains(t, page, "js/paypal-pay.")
	require.Contains(t, page, "PayPal needs JavaScript")

	other, _ := pb.srv.SignedIn(t, "Otto", account.Customer)
	res, _ = other.Post(t, path+"/paypal/capture", nil)
	require.Equal(t, http.StatusNotFound, res.StatusCode, "another buyer's payment")
	res, _ = web.Post(t, path+"/paypal/capture", nil, "Sec-Fetch-Site", "cross-site")
	require.Equal(t, http.StatusForbidden, res.StatusCode, "a post from another site")

	res, _ = web.Post(t, path+"/paypal/capture", nil)
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	require.Equal(t, path, res.Header.Get("Location"))
	require.Empty(t, pb.requests(http.MethodPost, "/v2/checkout/orders/"+p.ProviderID+"/capture"), "nothing to capture before approval")
	require.Equal(t, payments.RequiresPayment, pb.paymentOf(t, user.ID, p.ID).State)

	pb.approve(t, p)
	res, _ = web.Post(t, path+"/paypal/capture", nil)
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	require.Equal(t, payments.Succeeded, pb.paymentOf(t, user.ID, p.ID).State, "captured at once")
	res, _ = web.Get(t, path)
	require.Equal(t, http.StatusSeeOther, res.StatusCode, "the paid page goes on to the booking")
	require.Contains(t, res.Header.Get("Location"), p.ReturnPath)
	bk, err := pb.booking.Booking(ctx, user.ID, h.ID)
	require.NoError(t, err)
	require.Equal(t, booking.Confirmed, bk.Status)
}

// TestPayPalInTheApp: the app gets the order and its approve link with
// the payment, and captures with POST /api/v1/payments/:id/paypal/capture
// once its buyer approved (another user's payment is 404).
func TestPayPalInTheApp(t *testing.T) {
	t.Parallel()
	pb := paypalSetup(t, paypalOpts{})
	app := pb.appBuyer(t, "Appie")
	bookingID := app.hold(t, "D5")
	ap := app.pay(t, bookingID)
	require.Equal(t, payments.ProviderPayPal, ap.Provider)
	require.NotNil(t, ap.PayPal)
	require.NotEmpty(t, ap.PayPal.OrderID)
	require.Equal(t, pb.pp.URL+"/checkoutnow?token="+ap.PayPal.OrderID, ap.PayPal.ApproveURL)
	capture := fmt.Sprintf("/api/v1/payments/%d/paypal/capture", ap.ID)

	stranger := pb.appBuyer(t, "Stranger")
	require.Equal(t, http.StatusNotFound, stranger.Do(t, http.MethodPost, capture, nil).Status)

	r := app.Do(t, http.MethodPost, capture, nil)
	require.Equal(t, http.StatusOK, r.Status, "%s", r.Body)
	require.Equal(t, "requires_payment", mustPayment(t, r).Status, "not approved yet: nothing taken")

	require.True(t, pb.pp.Approve(ap.PayPal.OrderID))
	r = app.Do(t, http.MethodPost, capture, nil)
	require.Equal(t, http.StatusOK, r.Status, "%s", r.Body)
	require.Equal(t, "succeeded", mustPayment(t, r).Status)
	require.Equal(t, "confirmed", app.bookingStatus(t, bookingID))
	r = app.Do(t, http.MethodPost, capture, nil)
	require.Equal(t, "succeeded", mustPayment(t, r).Status, "capturing again changes nothing")
	require.Len(t, pb.requests(http.MethodPost, "/v2/checkout/orders/"+ap.PayPal.OrderID+"/capture"), 1)
}

// paymentOf is the payment as user sees it.
func (pb *paypalBundle) paymentOf(t *testing.T, user, id int64) payments.Payment {
	t.Helper()
	c, err := pb.pay.PaymentForBuyer(context.Background(), user, id)
	require.NoError(t, err)
	return c.Payment
}

func paymentID(t *testing.T, path string) int64 {
	t.Helper()
	var id int64
	_, err := fmt.Sscanf(path, "/pay/%d", &id)
	require.NoError(t, err)
	return id
}
