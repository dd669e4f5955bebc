package notify_test

import (
	"context"
	"crypto/ecdh"
	"crypto/rand"
	"encoding/base64"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/notify"
)

// twilioServer checks what a Twilio API would: the account, basic auth and
// the form.
type twilioServer struct {
	mu   sync.Mutex
	sent []map[string]string
}

func startTwilio(t *testing.T) (*twilioServer, string) {
	ts := &twilioServer{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		user, pass, ok := r.BasicAuth()
		if r.Method != http.MethodPost || r.URL.Path != "/2010-04-01/Accounts/AC123/Messages.json" ||
			!ok || user != "AC123" || pass != "secret-token" {
			http.Error(w, `{"code":20003,"message":"Authenticate"}`, http.StatusUnauthorized)
			return
		}
		require.NoError(t, r.ParseForm())
		if r.PostForm.Get("To") == "+15005550001" { // Twilio's magic "invalid number"
			w.WriteHeader(http.StatusBadRequest)
			io.WriteString(w, `{"code":21211,"message":"The 'To' number is not a valid phone number."}`)
			return
		}
		ts.mu.Lock()
		ts.sent = append(ts.sent, map[string]string{"To": r.PostForm.Get("To"), "From": r.PostForm.Get("From"), "Body": r.PostForm.Get("Body")})
		ts.mu.Unlock()
		w.WriteHeader(http.StatusCreated)
		io.WriteString(w, `{"sid":"SM0001","status":"queued"}`)
	}))
	t.Cleanup(srv.Close)
	return ts, srv.URL
}

func (ts *twilioServer) count() int {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return len(ts.sent)
}

func TestSMSGoesToThoseWhoOptedIn(t *testing.T) {
	t.Parallel()
	tw, url := startTwilio(t)
	b := setup(t, func(o *notify.Options) { o.SMS = notify.NewTwilio(url, "AC123", "secret-token", "+15005550006") })
	ctx := context.Background()
	optedIn := b.user(t, "Asha Rao", "+44 7700 900123")
	notOptedIn := b.user(t, "Ben Ode", "+44 7700 900456")
	p, err := b.svc.Preferences(ctx, optedIn.ID)
	require.NoError(t, err)
	p.Channels[notify.Transactional] = notify.Channels{Email: true, SMS: true}
	require.NoError(t, b.svc.SavePreferences(ctx, optedIn.ID, p))

	for _, u := range []int64{optedIn.ID, notOptedIn.ID} {
		b.inTx(t, func(ctx context.Context, tx pgx.Tx) error {
			return b.svc.BookingConfirmed(ctx, tx, b.booking(u, 48*time.Hour))
		})
	}
	eventually(t, func() bool { return tw.count() == 1 && b.jobsIdle(t) && b.deliveries(t, "sent") == 3 }, "two emails and one text")
	require.Equal(t, "+447700900123", tw.sent[0]["To"])
	require.Equal(t, "+15005550006", tw.sent[0]["From"])
	require.Contains(t, tw.sent[0]["Body"], "Hold Tight")
	var recipient, providerID string
	require.NoError(t, b.pool.QueryRow(ctx, "SELECT recipient, provider_id FROM notify.deliveries WHERE channel = 'sms'").
		Scan(&recipient, &providerID))
	require.Equal(t, "+44••••••0123", recipient, "the log never shows the whole number")
	require.Equal(t, "SM0001", providerID)
}

func TestSMSToABadNumberFailsForGood(t *testing.T) {
	t.Parallel()
	_, url := startTwilio(t)
	b := setup(t, func(o *notify.Options) { o.SMS = notify.NewTwilio(url, "AC123", "secret-token", "+15005550006") })
	ctx := context.Background()
	u := b.user(t, "Asha Rao", "+15005550001")
	p, err := b.svc.Preferences(ctx, u.ID)
	require.NoError(t, err)
	p.Channels[notify.Transactional] = notify.Channels{Email: true, SMS: true}
	require.NoError(t, b.svc.SavePreferences(ctx, u.ID, p))
	b.inTx(t, func(ctx context.Context, tx pgx.Tx) error {
		return b.svc.BookingConfirmed(ctx, tx, b.booking(u.ID, 48*time.Hour))
	})
	eventually(t, func() bool { return b.deliveries(t, "failed") == 1 && b.deliveries(t, "sent") == 1 && b.jobsIdle(t) }, "email sent, SMS failed")
	var errText string
	require.NoError(t, b.pool.QueryRow(ctx, "SELECT error FROM notify.deliveries WHERE channel = 'sms'").Scan(&errText))
	require.Contains(t, errText, "21211")
}

// pushService checks what a browser's push service would: a VAPID
// Authorization header with our public key, an encrypted body, a TTL.
type pushService struct {
	mu       sync.Mutex
	received int
	gone     map[string]bool
}

func TestPushReachesDevicesAndForgetsExpiredOnes(t *testing.T) {
	t.Parallel()
	public, private, err := notify.GenerateVAPIDKeys()
	require.NoError(t, err)
	ps := &pushService{gone: map[string]bool{"/gone": true}}
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		auth := r.Header.Get("Authorization")
		body, _ := io.ReadAll(r.Body)
		if !strings.HasPrefix(auth, "vapid t=") || !strings.Contains(auth, ", k="+public) ||
			r.Header.Get("Content-Encoding") != "aes128gcm" || r.Header.Get("TTL") == "" || len(body) < 100 ||
			strings.Contains(string(body), "Hold Tight") {
			http.Error(w, "bad push request", http.StatusBadRequest)
			return
		}
		if ps.gone[r.URL.Path] {
			w.WriteHeader(http.StatusGone)
			return
		}
		ps.mu.Lock()
		ps.received++
		ps.mu.Unlock()
		w.Header().Set("Location", "https://push.example/m/1")
		w.WriteHeader(http.StatusCreated)
	}))
	t.Cleanup(srv.Close)
	wp := notify.NewWebPush(public, private, "mailto:ops@marquee.test")
	notify.UsePushClient(wp, srv.Client())
	b := setup(t, func(o *notify.Options) { o.Push, o.VAPIDPublicKey = wp, public })
	ctx := context.Background()
	u := b.user(t, "Asha Rao", "")
	require.NoError(t, b.svc.SubscribePush(ctx, u.ID, browserSubscription(t, srv.URL+"/live"), "Firefox"))
	require.NoError(t, b.svc.SubscribePush(ctx, u.ID, browserSubscription(t, srv.URL+"/gone"), "Old phone"))
	p, err := b.svc.Preferences(ctx, u.ID)
	require.NoError(t, err)
	p.Channels[notify.Transactional] = notify.Channels{Email: true, Push: true}
	require.NoError(t, b.svc.SavePreferences(ctx, u.ID, p))

	b.inTx(t, func(ctx context.Context, tx pgx.Tx) error {
		return b.svc.BookingConfirmed(ctx, tx, b.booking(u.ID, 48*time.Hour))
	})
	eventually(t, func() bool { return b.jobsIdle(t) && b.deliveries(t, "sent") == 2 && b.deliveries(t, "failed") == 1 }, "pushes")
	require.Equal(t, 1, ps.received)
	n, err := b.svc.PushDevices(ctx, u.ID)
	require.NoError(t, err)
	require.Equal(t, 1, n, "the expired subscription is removed")
}

// browserSubscription makes keys the way a browser does.
func browserSubscription(t *testing.T, endpoint string) notify.PushSubscription {
	key, err := ecdh.P256().GenerateKey(rand.Reader)
	require.NoError(t, err)
	auth := make([]byte, 16)
	_, _ = rand.Read(auth)
	return notify.PushSubscription{Endpoint: endpoint, P256dh: base64.RawURLEncoding.EncodeToString(key.PublicKey().Bytes()),
		Auth: base64.RawURLEncoding.EncodeToString(auth)}
}
