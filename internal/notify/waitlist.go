package notify

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// WaitlistOfferMessage tells a buyer on a sold-out show's waitlist that
// seats freed up and are held for them until ExpiresAt: the link opens the
// offer, which goes on to checkout.
type WaitlistOfferMessage struct {
	EntryID   int64     `json:"entry_id"`
	BookingID int64     `json:"booking_id"`
	UserID    int64     `json:"user_id"`
	Movie     string    `json:"movie"`
	Theater   string    `json:"theater"`
	TimeZone  string    `json:"time_zone"`
	StartsAt  time.Time `json:"starts_at"`
	Seats     []string  `json:"seats"`
	// Path is the offer's page, "/waitlist/offers/<entry id>".
	Path      string    `json:"path"`
	ExpiresAt time.Time `json:"expires_at"`
	Lang      string    `json:"lang,omitempty"`
}

// WaitlistOffer asks, inside tx, for the message (on the channels the
// buyer chose) that offers them the seats held for them. Asking twice for
// one offer (one entry, one held booking) sends one.
// Errors: ErrInvalid (no account or no link).
func (s *Service) WaitlistOffer(ctx context.Context, tx pgx.Tx, m WaitlistOfferMessage) error {
	if m.UserID == 0 || !strings.HasPrefix(m.Path, "/waitlist/offers/") {
		return fmt.Errorf("waitlist offer %d without its buyer or link: %w", m.EntryID, ErrInvalid)
	}
	m.Lang = askedIn(ctx, m.Lang)
	key := "waitlist.offer:" + strconv.FormatInt(m.EntryID, 10) + ":" + strconv.FormatInt(m.BookingID, 10)
	_, err := s.enqueue(ctx, tx, message{key: key, kind: KindWaitlistOffer, category: Transactional,
		userID: m.UserID, data: payload{Waitlist: &m}})
	return err
}
