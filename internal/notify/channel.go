package notify

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
)

// Channel errors. A sender wraps them so the send job knows what to do.
var (
	// ErrPermanent: the provider refused for good (a bad address, a number
	// that cannot receive texts); the delivery is not retried.
	ErrPermanent = errors.New("refused for good")
	// ErrGone: the push subscription expired (410/404); it is removed.
	ErrGone = errors.New("push subscription expired")
)

// Email is one rendered email.
type Email struct {
	To      string
	ToName  string
	Subject string
	Text    string
	HTML    string
	Inline  []Inline
	Headers map[string]string
	// MessageID is stable per delivery, so a mail server or client that
	// sees it twice can tell.
	MessageID string
}

// Inline is an image the HTML part shows through cid:ContentID.
type Inline struct {
	ContentID   string
	ContentType string
	Data        []byte
}

// EmailSender sends email (SMTP, or the development Outbox).
type EmailSender interface {
	// SendEmail returns the provider's id for the message. Errors wrap
	// ErrPermanent when retrying cannot help.
	SendEmail(ctx context.Context, e Email) (providerID string, err error)
	// Provider names the implementation in the delivery log.
	Provider() string
}

// SMS is one text message.
type SMS struct {
	To   string // E.164
	Body string
}

// SMSSender sends text messages (Twilio).
type SMSSender interface {
	// SendSMS returns the provider's message id. Errors wrap ErrPermanent
	// when retrying cannot help.
	SendSMS(ctx context.Context, m SMS) (providerID string, err error)
	Provider() string
}

// PushSubscription is a browser's push endpoint and keys.
type PushSubscription struct {
	ID       int64
	Endpoint string
	P256dh   string
	Auth     string
}

// Push is one notification for the service worker to show.
type Push struct {
	Title string `json:"title"`
	Body  string `json:"body"`
	URL   string `json:"url"`
	Tag   string `json:"tag"`
}

// PushSender sends web push (VAPID).
type PushSender interface {
	// SendPush returns the push service's id for the message, if any.
	// Errors wrap ErrGone for an expired subscription, ErrPermanent when
	// retrying cannot help.
	SendPush(ctx context.Context, sub PushSubscription, p Push) (providerID string, err error)
	Provider() string
}

// Outbox is the development channel: nothing leaves the machine; each
// message is logged, and recorded like any delivery, so the admin Outbox
// page shows it in full.
type Outbox struct{ Log *slog.Logger }

// SendEmail logs e.
func (o Outbox) SendEmail(ctx context.Context, e Email) (string, error) {
	o.Log.InfoContext(ctx, "development mail (no SMTP_URL): read it at /admin/outbox", "to", e.To, "subject", e.Subject)
	return "outbox", nil
}

// SendSMS logs m (the number masked).
func (o Outbox) SendSMS(ctx context.Context, m SMS) (string, error) {
	o.Log.InfoContext(ctx, "development text message (no Twilio): read it at /admin/outbox", "to", maskPhone(m.To))
	return "outbox", nil
}

// Provider is "outbox".
func (Outbox) Provider() string { return "outbox" }

// maskPhone keeps a number's country code and last digits:
// "+44••••••0123".
func maskPhone(p string) string {
	if len(p) < 7 {
		return "••••"
	}
	return fmt.Sprintf("%s%s%s", p[:3], "••••••", p[len(p)-4:])
}
