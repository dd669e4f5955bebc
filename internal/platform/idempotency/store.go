package idempotency

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/jackc/pgx/v5"
)

// fingerprint is what makes two requests the same request.
type fingerprint struct {
	method, path string
	bodySHA256   []byte
}

func (f fingerprint) matches(g fingerprint) bool {
	return f.method == g.method && f.path == g.path && bytes.Equal(f.bodySHA256, g.bodySHA256)
}

// record is a key's row: a running claim, or a stored answer.
type record struct {
	fp      fingerprint
	done    bool
	status  int
	headers map[string]string
	body    []byte
}

// claimSQL takes the key for this request: a new key, a key older than
// KeepFor (forgotten, even if the prune job has not run yet), or a running
// claim of the same request too old to be alive. It answers a row only
// when the key is now this request's.
const claimSQL = `
INSERT INTO api.idempotency_keys AS k
    (scope, key, method, path, body_sha256, created_at, claimed_at, claim_token)
VALUES ($1, $2, $3, $4, $5, $6, $6, $7)
ON CONFLICT (scope, key) DO UPDATE
SET method = EXCLUDED.method, path = EXCLUDED.path, body_sha256 = EXCLUDED.body_sha256,
    state = 'running', status = NULL, headers = NULL, body = NULL,
    created_at = EXCLUDED.created_at, claimed_at = EXCLUDED.claimed_at, claim_token = EXCLUDED.claim_token
WHERE k.created_at < $8
   OR (k.state = 'running' AND k.claimed_at < $9 AND k.method = EXCLUDED.method
       AND k.path = EXCLUDED.path AND k.body_sha256 = EXCLUDED.body_sha256)
RETURNING k.claim_token`

// claim reports whether this request now holds the key, and the token of
// its claim.
func (s *Store) claim(ctx context.Context, scope, key string, fp fingerprint) (token int64, ok bool, err error) {
	now := s.now()
	token = rand.Int64() // #nosec G404 -- names a claim; guessing one gains nothing
	err = s.pool.QueryRow(ctx, claimSQL, scope, key, fp.method, fp.path, fp.bodySHA256, now, token,
		now.Add(-KeepFor), now.Add(-staleClaim)).Scan(&token)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("claim idempotency key: %w", err)
	}
	return token, true, nil
}

// get reads the key's row; found is false when there is none (its first
// request failed and let go of it).
func (s *Store) get(ctx context.Context, scope, key string) (rec record, found bool, err error) {
	var state string
	var status *int32
	err = s.pool.QueryRow(ctx, `
SELECT method, path, body_sha256, state, status, coalesce(headers, '{}'), coalesce(body, '')
FROM api.idempotency_keys WHERE scope = $1 AND key = $2`, scope, key).
		Scan(&rec.fp.method, &rec.fp.path, &rec.fp.bodySHA256, &state, &status, &rec.headers, &rec.body)
	if errors.Is(err, pgx.ErrNoRows) {
		return record{}, false, nil
	}
	if err != nil {
		return record{}, false, fmt.Errorf("read idempotency key: %w", err)
	}
	rec.done = state == "done"
	if status != nil {
		rec.status = int(*status)
	}
	return rec, true, nil
}

// save stores the answer of the claim token holds.
func (s *Store) save(ctx context.Context, scope, key string, token int64, status int, headers map[string]string, body []byte) error {
	_, err := s.pool.Exec(ctx, `
UPDATE api.idempotency_keys SET state = 'done', status = $4, headers = $5, body = $6
WHERE scope = $1 AND key = $2 AND claim_token = $3 AND state = 'running'`,
		scope, key, token, status, headers, body)
	if err != nil {
		return fmt.Errorf("store idempotent answer: %w", err)
	}
	return nil
}

// release lets go of the claim token holds, so a retry runs again.
func (s *Store) release(ctx context.Context, scope, key string, token int64) error {
	_, err := s.pool.Exec(ctx, `DELETE FROM api.idempotency_keys WHERE scope = $1 AND key = $2 AND claim_token = $3`,
		scope, key, token)
	if err != nil {
		return fmt.Errorf("release idempotency key: %w", err)
	}
	return nil
}

// pruneBatch bounds one DELETE of the prune job, so it never holds many
// row locks or writes a huge WAL record at once.
const pruneBatch = 5000

// Prune deletes the keys first used more than KeepFor ago and reports how
// many went.
func (s *Store) Prune(ctx context.Context) (int64, error) {
	before := s.now().Add(-KeepFor)
	var total int64
	for {
		tag, err := s.pool.Exec(ctx, `
DELETE FROM api.idempotency_keys k
USING (SELECT scope, key FROM api.idempotency_keys WHERE created_at < $1 LIMIT $2) old
WHERE k.scope = old.scope AND k.key = old.key`, before, pruneBatch)
		if err != nil {
			return total, fmt.Errorf("prune idempotency keys: %w", err)
		}
		total += tag.RowsAffected()
		if tag.RowsAffected() < pruneBatch {
			return total, nil
		}
	}
}

// settleTimeout bounds storing an answer or letting go of a key, which
// happens even when the request's own deadline has passed.
const settleTimeout = 5 * time.Second
