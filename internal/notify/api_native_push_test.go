package notify_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/notify"
)

// nativeProvider is an FCM stand-in in the test: it records what it is
// asked to send and reports tokens in gone as no longer valid.
type nativeProvider struct {
	mu   sync.Mutex
	sent map[string]notify.Push
	gone map[string]bool
}

func (p *nativeProvider) Send(_ context.Context, token string, m notify.Push) (string, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.gone[token] {
		return "", fmt.Errorf("fcm: UNREGISTERED: %w", notify.ErrGone)
	}
	p.sent[token] = m
	return "projects/marquee/messages/" + token, nil
}

func (*nativeProvider) Provider() string { return "fcm-test" }

func (p *nativeProvider) count() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.sent)
}

// pushFan opts u in to push for transactional messages and confirms a
// booking for them.
func pushFan(t *testing.T, b *testBundle, userID int64) {
	t.Helper()
	ctx := context.Background()
	p, err := b.svc.Preferences(ctx, userID)
	require.NoError(t, err)
	p.Channels[notify.Transactional] = notify.Channels{Email: true, Push: true}
	require.NoError(t, b.svc.SavePreferences(ctx, userID, p))
	b.inTx(t, func(ctx context.Context, tx pgx.Tx) error {
		return b.svc.BookingConfirmed(ctx, tx, b.booking(userID, 48*time.Hour))
	})
}

func TestNativePushWithoutAProviderIsRecordedAsSkippedWithTheReason(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	u := b.user(t, "Asha Rao", "")
	_, created, err := b.svc.RegisterDevice(ctx, u.ID, notify.Device{Platform: notify.PlatformAPNs, Token: "apns-asha"})
	require.NoError(t, err)
	require.True(t, created)
	pushFan(t, b, u.ID)

	eventually(t, func() bool { return b.jobsIdle(t) && b.deliveries(t, "sent") == 1 && b.deliveries(t, "skipped") == 1 }, "email sent, app push skipped")
	var provider, reason string
	require.NoError(t, b.pool.QueryRow(ctx, "SELECT provider, error FROM notify.deliveries WHERE status = 'skipped'").Scan(&provider, &reason))
	require.Equal(t, "apns", provider)
	require.Contains(t, reason, "no APNs provider is configured")
}

func TestNativePushGoesThroughTheConfiguredProviderAndForgetsInvalidTokens(t *testing.T) {
	t.Parallel()
	fcm := &nativeProvider{sent: map[string]notify.Push{}, gone: map[string]bool{"fcm-old-phone": true}}
	b := setup(t, func(o *notify.Options) { o.FCM = fcm })
	ctx := context.Background()
	u := b.user(t, "Asha Rao", "")
	for _, token := range []string{"fcm-new-phone", "fcm-old-phone"} {
		_, _, err := b.svc.RegisterDevice(ctx, u.ID, notify.Device{Platform: notify.PlatformFCM, Token: token})
		require.NoError(t, err)
	}
	pushFan(t, b, u.ID)

	eventually(t, func() bool { return b.jobsIdle(t) && b.deliveries(t, "sent") == 2 && b.deliveries(t, "failed") == 1 }, "pushes")
	require.Equal(t, 1, fcm.count())
	require.Contains(t, fcm.sent["fcm-new-phone"].Title, "Hold Tight", "the booking's push reached the app")
	devices, err := b.svc.Devices(ctx, u.ID)
	require.NoError(t, err)
	require.Len(t, devices, 1, "the token the provider rejected is forgotten")
	require.Equal(t, "fcm-new-phone", devices[0].Token)
}

func TestDeletingAnAccountForgetsItsAppDevices(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	u := b.user(t, "Asha Rao", "")
	_, _, err := b.svc.RegisterDevice(ctx, u.ID, notify.Device{Platform: notify.PlatformFCM, Token: "fcm-asha", DeviceName: "Pixel"})
	require.NoError(t, err)
	b.inTx(t, func(ctx context.Context, tx pgx.Tx) error { return b.svc.EraseUser(ctx, tx, u.ID) })
	devices, err := b.svc.Devices(ctx, u.ID)
	require.NoError(t, err)
	require.Empty(t, devices)
}
