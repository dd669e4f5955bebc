-- name: LoginFailureGet :one
SELECT * FROM account.login_failures WHERE key = $1;

-- name: LoginFailureRecord :one
-- Counts one failure for key: a window older than window restarts the count;
-- reaching max_failures locks the key for lock.
INSERT INTO account.login_failures AS f (key, failures, window_start)
VALUES (sqlc.arg(key), 1, now())
ON CONFLICT (key) DO UPDATE SET
    failures     = CASE WHEN f.window_start < now() - sqlc.arg(win)::interval THEN 1 ELSE f.failures + 1 END,
    window_start = CASE WHEN f.window_start < now() - sqlc.arg(win)::interval THEN now() ELSE f.window_start END,
    locked_until = CASE
        WHEN (CASE WHEN f.window_start < now() - sqlc.arg(win)::interval THEN 1 ELSE f.failures + 1 END) >= sqlc.arg(max_failures)::int
        THEN now() + sqlc.arg(lock_for)::interval
        ELSE f.locked_until END
RETURNING *;

-- name: LoginFailureClear :exec
DELETE FROM account.login_failures WHERE key = $1;

-- name: LoginFailureDeleteStale :execrows
DELETE FROM account.login_failures
WHERE window_start < now() - interval '1 day' AND (locked_until IS NULL OR locked_until < now());
