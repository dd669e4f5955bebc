package notify

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/marqueehq/marquee/internal/notify/notifydb"
)

// Duplicate is a booking event that reached its buyer more than once.
type Duplicate struct {
	Kind      Kind
	BookingID int64 // 0 when MessageID names the message
	MessageID int64 // 0 when the event was recorded as several messages
	Channel   string
	Count     int
}

// Audit finds the booking events recorded as more than one message and
// the messages sent more than once on a channel, for `server check`. It
// only reads (no locks).
func Audit(ctx context.Context, pool *pgxpool.Pool) ([]Duplicate, error) {
	q := notifydb.New()
	msgs, err := q.AuditBookingMessageTwice(ctx, pool)
	if err != nil {
		return nil, fmt.Errorf("audit booking messages: %w", err)
	}
	var out []Duplicate
	for _, r := range msgs {
		out = append(out, Duplicate{Kind: Kind(r.Kind), BookingID: r.BookingID, Count: int(r.Messages)})
	}
	sent, err := q.AuditDeliverySentTwice(ctx, pool)
	if err != nil {
		return nil, fmt.Errorf("audit deliveries: %w", err)
	}
	for _, r := range sent {
		out = append(out, Duplicate{Kind: Kind(r.Kind), MessageID: r.MessageID, Channel: r.Channel, Count: int(r.Sent)})
	}
	return out, nil
}
