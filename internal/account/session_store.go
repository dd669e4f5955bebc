package account

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/marqueehq/marquee/internal/account/accountdb"
)

// sessionStore is an scs.CtxStore on account.sessions. scs's own pgxstore
// queries an unqualified "sessions" table without the request context; this
// one keeps the table in the account schema and honours cancellation.
type sessionStore struct {
	pool *pgxpool.Pool
	q    *accountdb.Queries
}

func (s *sessionStore) FindCtx(ctx context.Context, token string) ([]byte, bool, error) {
	b, err := s.q.SessionGet(ctx, s.pool, token)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("find session: %w", err)
	}
	return b, true, nil
}

func (s *sessionStore) CommitCtx(ctx context.Context, token string, b []byte, expiry time.Time) error {
	err := s.q.SessionUpsert(ctx, s.pool, accountdb.SessionUpsertParams{Token: token, Data: b, Expiry: expiry})
	if err != nil {
		return fmt.Errorf("save session: %w", err)
	}
	return nil
}

func (s *sessionStore) DeleteCtx(ctx context.Context, token string) error {
	if err := s.q.SessionDelete(ctx, s.pool, token); err != nil {
		return fmt.Errorf("delete session: %w", err)
	}
	return nil
}

// The context-free methods complete scs.Store; scs calls the Ctx ones.

func (s *sessionStore) Find(token string) ([]byte, bool, error) {
	return s.FindCtx(context.Background(), token)
}

func (s *sessionStore) Commit(token string, b []byte, expiry time.Time) error {
	return s.CommitCtx(context.Background(), token, b, expiry)
}

func (s *sessionStore) Delete(token string) error {
	return s.DeleteCtx(context.Background(), token)
}
