package notify

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
)

// SendAccount asks, inside tx, for an account email to m.To. Each link is
// sent once (a new link, say a second reset request, is a new email).
// Errors: ErrInvalid for an unknown kind or an empty address.
func (s *Service) SendAccount(ctx context.Context, tx pgx.Tx, m AccountMessage) error {
	switch m.Kind {
	case KindVerifyEmail, KindPasswordReset, KindAccountExists, KindEmailChange:
	default:
		return fmt.Errorf("account message %q: %w", m.Kind, ErrInvalid)
	}
	if strings.TrimSpace(m.To) == "" {
		return fmt.Errorf("account message %s without an address: %w", m.Kind, ErrInvalid)
	}
	m.Lang = askedIn(ctx, m.Lang)
	sum := sha256.Sum256([]byte(m.To + "\x00" + m.Link))
	_, err := s.enqueue(ctx, tx, message{key: string(m.Kind) + ":" + hex.EncodeToString(sum[:12]), kind: m.Kind,
		category: Transactional, email: m.To, data: payload{Account: &m}})
	return err
}
