package account

import (
	"context"
	"errors"
	"fmt"
	"net/url"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/account/accountdb"
	"github.com/marqueehq/marquee/internal/platform/i18n"
	"github.com/marqueehq/marquee/internal/platform/pg"
	"github.com/marqueehq/marquee/internal/platform/validate"
)

// ChangePassword sets a new password after checking the current one, and
// signs the user out of every session but keep and out of every app.
// Errors: ErrInvalid (fields current_password, new_password).
func (s *Service) ChangePassword(ctx context.Context, userID int64, current, next, keep string) error {
	u, err := s.User(ctx, userID)
	if err != nil {
		return err
	}
	if _, err := s.Authenticate(ctx, u.Email, current); errors.Is(err, ErrBadCredentials) {
		return validate.Errors{"current_password": i18n.Msg("That is not your current password.")}
	} else if err != nil {
		return err
	}
	if msg := checkPassword(next); msg != "" {
		return validate.Errors{"new_password": msg}
	}
	hash, err := s.hasher.hash(ctx, next)
	if err != nil {
		return err
	}
	return pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		if err := s.q.UserSetPassword(ctx, tx, accountdb.UserSetPasswordParams{ID: userID, PasswordHash: &hash}); err != nil {
			return fmt.Errorf("set password: %w", err)
		}
		if err := s.q.RefreshRevokeUser(ctx, tx, userID); err != nil {
			return fmt.Errorf("sign out apps: %w", err)
		}
		return s.q.UserSessionDeleteAllExcept(ctx, tx, accountdb.UserSessionDeleteAllExceptParams{UserID: userID, Token: keep})
	})
}

// RequestEmailChange checks the password and mails a confirmation link to
// the new address; the email changes only when that link is opened.
// Errors: ErrInvalid (fields new_email, email_password).
func (s *Service) RequestEmailChange(ctx context.Context, userID int64, newEmail, password string) error {
	var e validate.Errors
	addr := validEmail(&e, "new_email", newEmail)
	if err := e.Err(); err != nil {
		return err
	}
	u, err := s.User(ctx, userID)
	if err != nil {
		return err
	}
	if _, err := s.Authenticate(ctx, u.Email, password); errors.Is(err, ErrBadCredentials) {
		return validate.Errors{"email_password": msgNotYourPassword}
	} else if err != nil {
		return err
	}
	if _, err := s.UserByEmail(ctx, addr); err == nil {
		return validate.Errors{"new_email": i18n.Msg("You can't use that address.")}
	} else if !errors.Is(err, ErrNotFound) {
		return err
	}
	return pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		token, err := s.issueToken(ctx, tx, userID, "change_email", &addr, VerifyTokenTTL)
		if err != nil {
			return err
		}
		return s.opts.Mailer.Send(ctx, tx, Message{Kind: MsgEmailChange, To: addr, Name: u.Name,
			Link: s.opts.BaseURL + "/account/email/confirm?token=" + url.QueryEscape(token)})
	})
}

// ConfirmEmailChange consumes the link and switches the address.
// Errors: ErrBadToken, ErrEmailTaken.
func (s *Service) ConfirmEmailChange(ctx context.Context, token string) (User, error) {
	var id int64
	err := pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		t, err := s.q.EmailTokenUse(ctx, tx, accountdb.EmailTokenUseParams{TokenHash: hashToken(token), Purpose: "change_email"})
		if errors.Is(err, pgx.ErrNoRows) || (err == nil && t.NewEmail == nil) {
			return ErrBadToken
		}
		if err != nil {
			return fmt.Errorf("use email token: %w", err)
		}
		id = t.UserID
		err = s.q.UserSetEmail(ctx, tx, accountdb.UserSetEmailParams{ID: id, Email: *t.NewEmail})
		if pg.IsUniqueViolation(err, "") {
			return ErrEmailTaken
		}
		return err
	})
	if err != nil {
		return User{}, fmt.Errorf("confirm email change: %w", err)
	}
	return s.User(ctx, id)
}
