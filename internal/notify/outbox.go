package notify

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/notify/notifydb"
)

// Delivery is one message on one channel to one recipient, as recorded.
type Delivery struct {
	ID         int64
	Kind       Kind
	Category   Category
	Channel    string
	Recipient  string
	Provider   string
	Status     string // pending, sending, sent, failed
	Attempts   int
	ProviderID string
	Error      string
	Subject    string
	Text       string
	HTML       string
	UpdatedAt  time.Time
}

// OutboxFilter narrows the delivery log.
type OutboxFilter struct {
	Status  string
	Channel string
	Query   string // part of the recipient or subject
	Before  int64  // deliveries older than this id (paging)
}

// OutboxPage is how many deliveries the log shows at once.
const OutboxPage = 50

// Outbox lists deliveries, newest first.
func (s *Service) Outbox(ctx context.Context, f OutboxFilter) ([]Delivery, error) {
	rows, err := s.q.DeliveryList(ctx, s.pool, notifydb.DeliveryListParams{Status: orNil(f.Status), Channel: orNil(f.Channel),
		Query: orNil(f.Query), Before: idOrNil(f.Before), Lim: OutboxPage})
	if err != nil {
		return nil, fmt.Errorf("list deliveries: %w", err)
	}
	out := make([]Delivery, len(rows))
	for i, r := range rows {
		out[i] = Delivery{ID: r.ID, Kind: Kind(r.Kind), Category: Category(r.Category), Channel: r.Channel, Recipient: r.Recipient,
			Provider: r.Provider, Status: r.Status, Attempts: int(r.Attempts), ProviderID: r.ProviderID, Error: r.Error,
			Subject: r.Subject, UpdatedAt: r.UpdatedAt}
	}
	return out, nil
}

// OutboxCounts counts deliveries sent, failed for good, and waiting.
func (s *Service) OutboxCounts(ctx context.Context) (sent, failed, waiting int, err error) {
	c, err := s.q.DeliveryCounts(ctx, s.pool)
	if err != nil {
		return 0, 0, 0, fmt.Errorf("count deliveries: %w", err)
	}
	return int(c.Sent), int(c.Failed), int(c.Waiting), nil
}

// Delivery returns one delivery with its text and HTML. Errors: ErrNotFound.
func (s *Service) Delivery(ctx context.Context, id int64) (Delivery, error) {
	r, err := s.q.DeliveryGet(ctx, s.pool, id)
	if errors.Is(err, pgx.ErrNoRows) {
		return Delivery{}, fmt.Errorf("delivery %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return Delivery{}, fmt.Errorf("get delivery %d: %w", id, err)
	}
	return Delivery{ID: r.ID, Kind: Kind(r.Kind), Category: Category(r.Category), Channel: r.Channel, Recipient: r.Recipient,
		Provider: r.Provider, Status: r.Status, Attempts: int(r.Attempts), ProviderID: r.ProviderID, Error: r.Error,
		Subject: r.Subject, Text: r.BodyText, HTML: r.BodyHtml, UpdatedAt: r.UpdatedAt}, nil
}

// Development reports whether email stops at the Outbox (no SMTP_URL).
func (s *Service) Development() bool { return s.opts.Email.Provider() == "outbox" }

func orNil(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func idOrNil(id int64) *int64 {
	if id <= 0 {
		return nil
	}
	return &id
}
