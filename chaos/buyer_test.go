package chaos

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptrace"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"
	"github.com/stripe/stripe-go/v76/webhook"
)

const (
	adminEmail    = "admin@chaos.test"
	adminPassword = "chaos-admin-password"
)

// buyer is a signed-in visitor whose requests may meet a dead server: a
// failed request is an error, not a failed test, since the tests kill the
// server under it.
type buyer struct {
	base   string
	client *http.Client
}

func newBuyer(t *testing.T, base string) *buyer {
	t.Helper()
	jar, err := cookiejar.New(nil)
	require.NoError(t, err)
	b := &buyer{base: base, client: &http.Client{Jar: jar, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	status, _, err := b.post(context.Background(), "/login", url.Values{"email": {adminEmail}, "password": {adminPassword}}, nil)
	require.NoError(t, err)
	require.Equal(t, http.StatusSeeOther, status, "signed in")
	return b
}

// post sends a form as a same-origin page does and returns the status and
// Location; firstByte, when set, is called as the answer starts to arrive.
func (b *buyer) post(ctx context.Context, path string, form url.Values, firstByte func()) (int, string, error) {
	if firstByte != nil {
		ctx = httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{GotFirstResponseByte: firstByte})
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, b.base+path, strings.NewReader(form.Encode()))
	if err != nil {
		return 0, "", err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return b.do(req)
}

// get fetches path and returns its status and body.
func (b *buyer) get(path string) (int, string, error) {
	res, err := b.client.Get(b.base + path)
	if err != nil {
		return 0, "", err
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	return res.StatusCode, string(body), err
}

func (b *buyer) do(req *http.Request) (int, string, error) {
	res, err := b.client.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer res.Body.Close()
	if _, err := io.Copy(io.Discard, res.Body); err != nil {
		return 0, "", err
	}
	return res.StatusCode, res.Header.Get("Location"), nil
}

// payment is what the tests read of a booking's payment.
type payment struct {
	ID         int64
	ProviderID string
	Amount     int64
	Currency   string
	State      string
}

// latestPayment is the booking's newest payment attempt; ok is false when
// there is none yet (or its intent was not made at the provider yet).
func latestPayment(t *testing.T, db *pgxpool.Pool, bookingID int64) (payment, bool) {
	t.Helper()
	var p payment
	err := db.QueryRow(context.Background(), `SELECT id, coalesce(provider_id, ''), amount_minor, currency, state
		FROM payments.payments WHERE booking_id = $1 ORDER BY attempt DESC LIMIT 1`, bookingID).
		Scan(&p.ID, &p.ProviderID, &p.Amount, &p.Currency, &p.State)
	if err != nil {
		return payment{}, false
	}
	return p, p.ProviderID != ""
}

// succeededEvent is the payment_intent.succeeded event Stripe sends for p.
func succeededEvent(eventID string, p payment) []byte {
	return []byte(fmt.Sprintf(`{"id":%q,"object":"event","type":"payment_intent.succeeded","api_version":"2023-10-16",`+
		`"created":%d,"data":{"object":{"id":%q,"object":"payment_intent","status":"succeeded","amount":%d,`+
		`"currency":%q,"metadata":{"payment_id":%q}}}}`, eventID, time.Now().Unix(), p.ProviderID, p.Amount,
		strings.ToLower(p.Currency), strconv.FormatInt(p.ID, 10)))
}

// deliver posts a webhook once, signed as Stripe signs it, and returns the
// status (0 when the server did not answer).
func deliver(ctx context.Context, base string, payload []byte, firstByte func()) int {
	signed := webhook.GenerateTestSignedPayload(&webhook.UnsignedPayload{Payload: payload, Secret: webhookSecret,
		Timestamp: time.Now()})
	if firstByte != nil {
		ctx = httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{GotFirstResponseByte: firstByte})
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/webhooks/stripe", bytes.NewReader(payload))
	if err != nil {
		return 0
	}
	req.Header.Set("Stripe-Signature", signed.Header)
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0
	}
	defer res.Body.Close()
	_, _ = io.Copy(io.Discard, res.Body)
	return res.StatusCode
}

// deliverUntilAccepted retries a webhook as Stripe does until the server
// answers 2xx (with a short backoff: the server may be starting).
func deliverUntilAccepted(t *testing.T, base string, payload []byte) {
	t.Helper()
	waitFor(t, "the webhook is accepted", func() bool {
		s := deliver(context.Background(), base, payload, nil)
		return s >= 200 && s < 300
	})
}
