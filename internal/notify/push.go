package notify

import (
	"context"
	"encoding/base64"
	"fmt"
	"net/url"
	"strings"

	"github.com/marqueehq/marquee/internal/notify/notifydb"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

// VAPIDPublicKey is the key browsers subscribe with ("" when push is off).
func (s *Service) VAPIDPublicKey() string {
	if !s.PushEnabled() {
		return ""
	}
	return s.opts.VAPIDPublicKey
}

// SubscribePush records a device of the user's for web push (a device
// that subscribed before, for anyone, now belongs to this user).
// Errors: ErrPushOff, ErrInvalid.
func (s *Service) SubscribePush(ctx context.Context, userID int64, sub PushSubscription, userAgent string) error {
	if !s.PushEnabled() {
		return ErrPushOff
	}
	var e validate.Errors
	u, err := url.Parse(sub.Endpoint)
	e.Check(err == nil && u.Scheme == "https" && u.Host != "" && len(sub.Endpoint) <= 1024, "endpoint", "That push subscription has no valid endpoint.")
	e.Check(validKey(sub.P256dh, 65) && validKey(sub.Auth, 16), "keys", "That push subscription's keys are not valid.")
	if err := e.Err(); err != nil {
		return err
	}
	if len(userAgent) > 300 {
		userAgent = userAgent[:300]
	}
	if _, err := s.q.PushSubscriptionUpsert(ctx, s.pool, notifydb.PushSubscriptionUpsertParams{UserID: userID,
		Endpoint: sub.Endpoint, P256dh: sub.P256dh, Auth: sub.Auth, UserAgent: userAgent}); err != nil {
		return fmt.Errorf("save push subscription: %w", err)
	}
	return nil
}

// UnsubscribePush forgets one of the user's devices (endpoint), or all of
// them when endpoint is "".
func (s *Service) UnsubscribePush(ctx context.Context, userID int64, endpoint string) error {
	if err := s.q.PushSubscriptionDeleteForUser(ctx, s.pool, notifydb.PushSubscriptionDeleteForUserParams{UserID: userID,
		Endpoint: endpoint}); err != nil {
		return fmt.Errorf("remove push subscription: %w", err)
	}
	return nil
}

// PushDevices counts the user's subscribed devices.
func (s *Service) PushDevices(ctx context.Context, userID int64) (int, error) {
	subs, err := s.q.PushSubscriptionListForUser(ctx, s.pool, userID)
	if err != nil {
		return 0, fmt.Errorf("push subscriptions of user %d: %w", userID, err)
	}
	return len(subs), nil
}

// validKey checks a base64url key (padded or not) of n bytes.
func validKey(k string, n int) bool {
	b, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(k, "="))
	return err == nil && len(b) == n
}
