package notify

import (
	"context"
	"fmt"
	"strconv"

	"github.com/jackc/pgx/v5"
)

// GiftCardMessage is a gift card bought on the site, with its code: for
// its recipient (Email) and a copy for its buyer (UserID). Payments hands
// it over when the card is issued, and keeps only the code's hash.
type GiftCardMessage struct {
	OrderID int64 `json:"order_id"`
	// UserID is the buyer; Email the recipient's address ("": the card is
	// the buyer's own), Name the recipient's.
	UserID  int64  `json:"user_id"`
	Email   string `json:"email,omitempty"`
	Name    string `json:"name,omitempty"`
	Message string `json:"message,omitempty"`
	Code    string `json:"code"`
	// Amount is what the card holds, formatted ("£25.00").
	Amount string `json:"amount"`
	// ExpiresOn is its last day, "2027-12-06".
	ExpiresOn string `json:"expires_on"`
	// Lang is the language the buyer ordered in, for the recipient.
	Lang string `json:"lang,omitempty"`
	// Copy marks the buyer's copy of a card sent to someone else.
	Copy bool `json:"copy,omitempty"`
}

// GiftCardBought asks, inside tx, for the email with a bought card's code:
// to its recipient, and a copy to its buyer; to the buyer alone when
// there is no recipient. Asking twice for one order sends each once.
// Errors: ErrInvalid (no code or no buyer).
func (s *Service) GiftCardBought(ctx context.Context, tx pgx.Tx, m GiftCardMessage) error {
	if m.Code == "" || m.UserID == 0 {
		return fmt.Errorf("gift card order %d without its code or buyer: %w", m.OrderID, ErrInvalid)
	}
	key := "giftcard.bought:" + strconv.FormatInt(m.OrderID, 10)
	m.Lang = askedIn(ctx, m.Lang)
	if m.Email != "" {
		to := m
		if _, err := s.enqueue(ctx, tx, message{key: key + ":recipient", kind: KindGiftCard, category: Transactional,
			email: m.Email, data: payload{GiftCard: &to}}); err != nil {
			return err
		}
		m.Copy = true
	}
	_, err := s.enqueue(ctx, tx, message{key: key + ":buyer", kind: KindGiftCard, category: Transactional,
		userID: m.UserID, data: payload{GiftCard: &m}})
	return err
}
