package account

import (
	"context"
	"errors"
	"fmt"
	"net/mail"
	"net/url"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/account/accountdb"
	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/pg"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

// Token lifetimes.
const (
	VerifyTokenTTL = 48 * time.Hour
	ResetTokenTTL  = time.Hour
)

// SignUp creates a customer account and mails a verification link. When the
// email already has an account, that account's owner is told instead, and
// SignUp answers exactly as for a new account: the form never reveals who
// has an account. Errors: ErrInvalid.
func (s *Service) SignUp(ctx context.Context, in NewUser) error {
	in.Role, in.Verified = Customer, false
	u, err := s.CreateUser(ctx, in)
	if errors.Is(err, ErrEmailTaken) {
		existing, err := s.UserByEmail(ctx, in.Email)
		if err != nil {
			return err
		}
		return pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
			return s.opts.Mailer.Send(ctx, tx, Message{Kind: MsgAccountExists, To: existing.Email, Name: existing.Name,
				Link: s.opts.BaseURL + "/password/forgot"})
		})
	}
	if err != nil {
		return err
	}
	return s.sendVerification(ctx, u)
}

// ResendVerification mails a new verification link to an unverified user.
func (s *Service) ResendVerification(ctx context.Context, userID int64) error {
	u, err := s.User(ctx, userID)
	if err != nil || u.EmailVerified {
		return err
	}
	return s.sendVerification(ctx, u)
}

func (s *Service) sendVerification(ctx context.Context, u User) error {
	return pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		token, err := s.issueToken(ctx, tx, u.ID, "verify_email", nil, VerifyTokenTTL)
		if err != nil {
			return err
		}
		return s.opts.Mailer.Send(ctx, tx, Message{Kind: MsgVerifyEmail, To: u.Email, Name: u.Name,
			Link: s.opts.BaseURL + "/verify?token=" + url.QueryEscape(token)})
	})
}

// ErrBadToken: the link is unknown, already used or expired.
var ErrBadToken = errors.New("that link has expired or was already used")

// VerifyEmail consumes a verification token and marks the email verified.
// Errors: ErrBadToken.
func (s *Service) VerifyEmail(ctx context.Context, token string) (User, error) {
	var id int64
	err := pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		t, err := s.q.EmailTokenUse(ctx, tx, accountdb.EmailTokenUseParams{TokenHash: hashToken(token), Purpose: "verify_email"})
		if errors.Is(err, pgx.ErrNoRows) {
			return ErrBadToken
		}
		if err != nil {
			return fmt.Errorf("use verification token: %w", err)
		}
		id = t.UserID
		return s.q.UserMarkVerified(ctx, tx, t.UserID)
	})
	if err != nil {
		return User{}, fmt.Errorf("verify email: %w", err)
	}
	return s.User(ctx, id)
}

// issueToken stores a new single-use token and returns it (only its hash is
// kept). Earlier live tokens of the same purpose are revoked.
func (s *Service) issueToken(ctx context.Context, tx pgx.Tx, userID int64, purpose string, newEmail *string, ttl time.Duration) (string, error) {
	if err := s.q.EmailTokenRevokeForUser(ctx, tx, accountdb.EmailTokenRevokeForUserParams{UserID: userID, Purpose: purpose}); err != nil {
		return "", fmt.Errorf("revoke old tokens: %w", err)
	}
	token, hash, err := newToken()
	if err != nil {
		return "", err
	}
	if err := s.q.EmailTokenInsert(ctx, tx, accountdb.EmailTokenInsertParams{
		UserID: userID, Purpose: purpose, TokenHash: hash, NewEmail: newEmail, ExpiresAt: time.Now().Add(ttl),
	}); err != nil {
		return "", fmt.Errorf("store token: %w", err)
	}
	return token, nil
}

// validEmail normalises an address, or says what is wrong with it.
func validEmail(e *validate.Errors, field, raw string) string {
	a, err := mail.ParseAddress(strings.TrimSpace(raw))
	if err != nil || a.Name != "" {
		e.Add(field, i18n.Msg("Enter an email address like name@example.com."))
		return ""
	}
	return a.Address
}
