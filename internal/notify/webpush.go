package notify

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/SherClockHolmes/webpush-go"
)

// WebPush sends notifications to browsers' push services, signed with the
// server's VAPID keys.
type WebPush struct {
	publicKey  string
	privateKey string
	subject    string
	client     *http.Client
}

// NewWebPush returns the push channel. subject is VAPID_SUBJECT, a
// mailto: or https: contact for the push services.
func NewWebPush(publicKey, privateKey, subject string) *WebPush {
	return &WebPush{publicKey: publicKey, privateKey: privateKey, subject: subject,
		client: &http.Client{Timeout: 15 * time.Second}}
}

// Provider is "webpush".
func (*WebPush) Provider() string { return "webpush" }

// SendPush encrypts p for the subscription and posts it. 404 and 410 mean
// the subscription is gone (ErrGone); other 4xx but 429 are permanent.
func (w *WebPush) SendPush(ctx context.Context, sub PushSubscription, p Push) (string, error) {
	body, err := json.Marshal(p)
	if err != nil {
		return "", fmt.Errorf("encode push: %w", err)
	}
	resp, err := webpush.SendNotificationWithContext(ctx, body,
		&webpush.Subscription{Endpoint: sub.Endpoint, Keys: webpush.Keys{P256dh: sub.P256dh, Auth: sub.Auth}},
		&webpush.Options{HTTPClient: w.client, Subscriber: w.subject, VAPIDPublicKey: w.publicKey,
			VAPIDPrivateKey: w.privateKey, TTL: 12 * 3600, Urgency: webpush.UrgencyNormal, Topic: p.Tag})
	if err != nil {
		return "", fmt.Errorf("web push: %w", err)
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	switch {
	case resp.StatusCode >= 200 && resp.StatusCode < 300:
		return resp.Header.Get("Location"), nil
	case resp.StatusCode == http.StatusGone || resp.StatusCode == http.StatusNotFound:
		return "", fmt.Errorf("web push: %w (%d)", ErrGone, resp.StatusCode)
	case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500:
		return "", fmt.Errorf("web push: %d", resp.StatusCode)
	default:
		return "", fmt.Errorf("web push: %w: %d", ErrPermanent, resp.StatusCode)
	}
}

// GenerateVAPIDKeys makes a new key pair for VAPID_PUBLIC_KEY and
// VAPID_PRIVATE_KEY.
func GenerateVAPIDKeys() (publicKey, privateKey string, err error) {
	privateKey, publicKey, err = webpush.GenerateVAPIDKeys()
	if err != nil {
		return "", "", fmt.Errorf("generate VAPID keys: %w", err)
	}
	return publicKey, privateKey, nil
}
