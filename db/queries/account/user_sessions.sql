-- name: UserSessionInsert :exec
INSERT INTO account.user_sessions (token, user_id, user_agent, ip) VALUES ($1, $2, $3, $4)
ON CONFLICT (token) DO UPDATE SET user_id = EXCLUDED.user_id;

-- name: UserSessionList :many
-- The user's live sessions, newest first.
SELECT us.*, s.expiry FROM account.user_sessions us
JOIN account.sessions s ON s.token = us.token AND s.expiry > now()
WHERE us.user_id = $1
ORDER BY us.created_at DESC;

-- name: UserSessionDelete :exec
WITH gone AS (DELETE FROM account.user_sessions us WHERE us.token = $1 AND us.user_id = $2 RETURNING us.token)
DELETE FROM account.sessions WHERE token IN (SELECT token FROM gone);

-- name: UserSessionDeleteAllExcept :exec
WITH gone AS (DELETE FROM account.user_sessions us WHERE us.user_id = $1 AND us.token <> $2 RETURNING us.token)
DELETE FROM account.sessions WHERE token IN (SELECT token FROM gone);

-- name: UserSessionDeleteStale :execrows
DELETE FROM account.user_sessions us WHERE NOT EXISTS (SELECT 1 FROM account.sessions s WHERE s.token = us.token AND s.expiry > now())
  AND us.created_at < now() - interval '1 hour';

-- name: UserSessionListAll :many
SELECT * FROM account.user_sessions WHERE user_id = $1 ORDER BY created_at;
