package notify

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/notify/notifydb"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

// Native push platforms: Firebase Cloud Messaging (Android, and iOS apps
// built on Firebase) and Apple Push Notification service.
const (
	PlatformFCM  = "fcm"
	PlatformAPNs = "apns"
)

// NativePush sends a notification to one installed app through FCM or
// APNs. Options.FCM and Options.APNs hold one each; while one is nil, the
// deliveries to that platform's devices are recorded as skipped, with the
// reason, and nothing is sent.
type NativePush interface {
	// Send returns the provider's id for the message. Errors wrap ErrGone
	// when the token is no longer valid (the device is forgotten),
	// ErrPermanent when retrying cannot help.
	Send(ctx context.Context, token string, m Push) (providerID string, err error)
	// Provider names the implementation in the delivery log.
	Provider() string
}

// Device is an installed app registered for native push.
type Device struct {
	ID         int64
	Platform   string // PlatformFCM or PlatformAPNs
	Token      string
	AppID      string
	DeviceName string
	CreatedAt  time.Time
}

// RegisterDevice records an app install's push token for the user and
// reports whether it is new for them: the same token again returns the
// existing device (with its app id and name updated), and a token another
// account registered moves to this one, since one install has one
// signed-in user. Errors: ErrInvalid.
func (s *Service) RegisterDevice(ctx context.Context, userID int64, d Device) (Device, bool, error) {
	var e validate.Errors
	d.Token, d.AppID, d.DeviceName = strings.TrimSpace(d.Token), strings.TrimSpace(d.AppID), strings.TrimSpace(d.DeviceName)
	e.Check(d.Platform == PlatformFCM || d.Platform == PlatformAPNs, "kind", `Choose "webpush", "fcm" or "apns".`)
	e.Check(d.Token != "" && len(d.Token) <= 4096 && !strings.ContainsAny(d.Token, " \t\r\n"), "token",
		"Send the device's push token as the platform gave it.")
	e.Check(len(d.AppID) <= 255, "app_id", "The app id is too long (up to 255 characters).")
	e.Check(len(d.DeviceName) <= 100, "device_name", "The device name is too long (up to 100 characters).")
	if err := e.Err(); err != nil {
		return Device{}, false, err
	}
	before, err := s.q.DeviceTokenGetByToken(ctx, s.pool, notifydb.DeviceTokenGetByTokenParams{Platform: d.Platform, Token: d.Token})
	existed := err == nil && before.UserID == userID
	if err != nil && !errors.Is(err, pgx.ErrNoRows) {
		return Device{}, false, fmt.Errorf("look up device token: %w", err)
	}
	row, err := s.q.DeviceTokenUpsert(ctx, s.pool, notifydb.DeviceTokenUpsertParams{UserID: userID, Platform: d.Platform,
		Token: d.Token, AppID: d.AppID, DeviceName: d.DeviceName})
	if err != nil {
		return Device{}, false, fmt.Errorf("save device token: %w", err)
	}
	return deviceOf(row), !existed, nil
}

// Devices lists the user's registered app installs, oldest first.
func (s *Service) Devices(ctx context.Context, userID int64) ([]Device, error) {
	rows, err := s.q.DeviceTokenListForUser(ctx, s.pool, userID)
	if err != nil {
		return nil, fmt.Errorf("devices of user %d: %w", userID, err)
	}
	out := make([]Device, len(rows))
	for i, r := range rows {
		out[i] = deviceOf(r)
	}
	return out, nil
}

// RemoveDevice forgets one of the user's devices of a platform.
// Errors: ErrNotFound (no such device of theirs).
func (s *Service) RemoveDevice(ctx context.Context, userID int64, platform string, id int64) error {
	n, err := s.q.DeviceTokenDeleteForUser(ctx, s.pool, notifydb.DeviceTokenDeleteForUserParams{ID: id, UserID: userID,
		Platform: platform})
	if err != nil {
		return fmt.Errorf("remove device %d: %w", id, err)
	}
	if n == 0 {
		return fmt.Errorf("device %d of user %d: %w", id, userID, ErrNotFound)
	}
	return nil
}

// nativeFor is the configured provider of a platform, nil when none.
func (s *Service) nativeFor(platform string) NativePush {
	switch platform {
	case PlatformFCM:
		return s.opts.FCM
	case PlatformAPNs:
		return s.opts.APNs
	}
	return nil
}

// nativeName names a platform in the delivery log and skip reasons.
func nativeName(platform string) string {
	if platform == PlatformAPNs {
		return "APNs"
	}
	return "FCM"
}

func deviceOf(r notifydb.NotifyDeviceToken) Device {
	return Device{ID: r.ID, Platform: r.Platform, Token: r.Token, AppID: r.AppID, DeviceName: r.DeviceName, CreatedAt: r.CreatedAt}
}

// WebPushDevice is a browser subscribed to web push.
type WebPushDevice struct {
	ID        int64
	Endpoint  string
	UserAgent string
	CreatedAt time.Time
}

// WebPushDevices lists the user's push subscriptions, oldest first.
func (s *Service) WebPushDevices(ctx context.Context, userID int64) ([]WebPushDevice, error) {
	subs, err := s.q.PushSubscriptionListForUser(ctx, s.pool, userID)
	if err != nil {
		return nil, fmt.Errorf("push subscriptions of user %d: %w", userID, err)
	}
	out := make([]WebPushDevice, len(subs))
	for i, sub := range subs {
		out[i] = WebPushDevice{ID: sub.ID, Endpoint: sub.Endpoint, UserAgent: sub.UserAgent, CreatedAt: sub.CreatedAt}
	}
	return out, nil
}

// RemoveWebPushDevice forgets one of the user's push subscriptions by id.
// Errors: ErrNotFound (no such subscription of theirs).
func (s *Service) RemoveWebPushDevice(ctx context.Context, userID, id int64) error {
	sub, err := s.q.PushSubscriptionGet(ctx, s.pool, id)
	if errors.Is(err, pgx.ErrNoRows) || (err == nil && sub.UserID != userID) {
		return fmt.Errorf("push subscription %d of user %d: %w", id, userID, ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("get push subscription %d: %w", id, err)
	}
	return s.UnsubscribePush(ctx, userID, sub.Endpoint)
}
