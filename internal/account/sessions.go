package account

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/marqueehq/marquee/internal/account/accountdb"
	"github.com/marqueehq/marquee/internal/platform/pg"
)

// SessionInfo is one of a user's signed-in browsers.
type SessionInfo struct {
	// ID is a public handle (a hash prefix); the token itself never reaches
	// a page.
	ID        string
	Current   bool
	UserAgent string
	IP        string
	SignedIn  time.Time
	Expires   time.Time
}

// RecordSession notes that web session token belongs to userID.
func (s *Service) RecordSession(ctx context.Context, token string, userID int64, userAgent, ip string) error {
	if len(userAgent) > 300 {
		userAgent = userAgent[:300]
	}
	err := s.q.UserSessionInsert(ctx, s.pool, accountdb.UserSessionInsertParams{Token: token, UserID: userID, UserAgent: userAgent, Ip: ip})
	if err != nil {
		return fmt.Errorf("record session: %w", err)
	}
	return nil
}

// Sessions lists the user's live sessions, marking the one with token current.
func (s *Service) Sessions(ctx context.Context, userID int64, current string) ([]SessionInfo, error) {
	rows, err := s.q.UserSessionList(ctx, s.pool, userID)
	if err != nil {
		return nil, fmt.Errorf("list sessions: %w", err)
	}
	out := make([]SessionInfo, len(rows))
	for i, r := range rows {
		out[i] = SessionInfo{ID: sessionID(r.Token), Current: r.Token == current, UserAgent: r.UserAgent,
			IP: r.Ip, SignedIn: r.CreatedAt, Expires: r.Expiry}
	}
	return out, nil
}

// EndSession signs the user out of the session with the public id.
// Errors: ErrNotFound.
func (s *Service) EndSession(ctx context.Context, userID int64, id string) error {
	rows, err := s.q.UserSessionList(ctx, s.pool, userID)
	if err != nil {
		return fmt.Errorf("list sessions: %w", err)
	}
	for _, r := range rows {
		if sessionID(r.Token) == id {
			if err := s.q.UserSessionDelete(ctx, s.pool, accountdb.UserSessionDeleteParams{Token: r.Token, UserID: userID}); err != nil {
				return fmt.Errorf("end session: %w", err)
			}
			return nil
		}
	}
	return fmt.Errorf("session %s: %w", id, ErrNotFound)
}

// EndOtherSessions signs the user out everywhere but the current session:
// other browsers and every app (their API tokens stop working at once).
func (s *Service) EndOtherSessions(ctx context.Context, userID int64, current string) error {
	err := pg.InTx(ctx, s.pool, func(ctx context.Context, tx pgx.Tx) error {
		if err := s.q.RefreshRevokeUser(ctx, tx, userID); err != nil {
			return fmt.Errorf("sign out apps: %w", err)
		}
		return s.q.UserSessionDeleteAllExcept(ctx, tx, accountdb.UserSessionDeleteAllExceptParams{UserID: userID, Token: current})
	})
	if err != nil {
		return fmt.Errorf("end other sessions: %w", err)
	}
	return nil
}

func sessionID(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:8])
}
