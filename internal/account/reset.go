package account

import (
	"context"
	"errors"
	"fmt"
	"net/url"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/account/accountdb"
	"github.com/marqueehq/marquee/internal/platform/pg"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

// RequestPasswordReset mails a reset link if the email has an account. It
// answers the same either way. Errors: ErrInvalid (a malformed address).
func (s *Service) RequestPasswordReset(ctx context.Context, email string) error {
	var e validate.Errors
	addr := validEmail(&e, "email", email)
	if err := e.Err(); err != nil {
		return err
	}
	u, err := s.UserByEmail(ctx, addr)
	if errors.Is(err, ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	return pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		token, err := s.issueToken(ctx, tx, u.ID, "reset_password", nil, ResetTokenTTL)
		if err != nil {
			return err
		}
		return s.opts.Mailer.Send(ctx, tx, Message{Kind: MsgPasswordReset, To: u.Email, Name: u.Name,
			Link: s.opts.BaseURL + "/password/reset?token=" + url.QueryEscape(token)})
	})
}

// CheckResetToken reports whether a reset link is still good, without
// using it (to show the form or an "expired" page). Errors: ErrBadToken.
func (s *Service) CheckResetToken(ctx context.Context, token string) error {
	_, err := s.q.EmailTokenPeek(ctx, s.pool, accountdb.EmailTokenPeekParams{TokenHash: hashToken(token), Purpose: "reset_password"})
	if errors.Is(err, pgx.ErrNoRows) {
		return ErrBadToken
	}
	if err != nil {
		return fmt.Errorf("check reset token: %w", err)
	}
	return nil
}

// ResetPassword consumes a reset token, sets the new password, marks the
// email verified (the link proved it) and ends every session and app
// sign-in of the user.
// Errors: ErrBadToken, ErrInvalid.
func (s *Service) ResetPassword(ctx context.Context, token, password string) (User, error) {
	if msg := checkPassword(password); msg != "" {
		return User{}, validate.Errors{"password": msg}
	}
	hash, err := s.hasher.hash(ctx, password)
	if err != nil {
		return User{}, err
	}
	var id int64
	err = pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		t, err := s.q.EmailTokenUse(ctx, tx, accountdb.EmailTokenUseParams{TokenHash: hashToken(token), Purpose: "reset_password"})
		if errors.Is(err, pgx.ErrNoRows) {
			return ErrBadToken
		}
		if err != nil {
			return fmt.Errorf("use reset token: %w", err)
		}
		id = t.UserID
		if err := s.q.UserSetPassword(ctx, tx, accountdb.UserSetPasswordParams{ID: id, PasswordHash: &hash}); err != nil {
			return fmt.Errorf("set password: %w", err)
		}
		if err := s.q.UserMarkVerified(ctx, tx, id); err != nil {
			return fmt.Errorf("mark verified: %w", err)
		}
		if err := s.q.RefreshRevokeUser(ctx, tx, id); err != nil {
			return fmt.Errorf("sign out apps: %w", err)
		}
		return s.q.UserSessionDeleteAllExcept(ctx, tx, accountdb.UserSessionDeleteAllExceptParams{UserID: id, Token: ""})
	})
	if err != nil {
		return User{}, fmt.Errorf("reset password: %w", err)
	}
	return s.User(ctx, id)
}
