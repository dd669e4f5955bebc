-- name: LoginFailureGet :one
SELECT * FROM account.login_failures WHERE key = $1;

-- name: LoginFailureRecord :one
-- Counts one failure for key. A window older than win restarts the count.
-- From the (free+1)th failure of a window on, each failure locks the key for
-- base, doubled with every further failure, at most max_lock.
INSERT INTO account.login_failures AS f (key, failures, window_start, locked_until)
VALUES (sqlc.arg(key), 1, now(),
        CASE WHEN sqlc.arg(free)::int < 1 THEN now() + sqlc.arg(base)::interval END)
ON CONFLICT (key) DO UPDATE SET
    failures     = CASE WHEN f.window_start < now() - sqlc.arg(win)::interval THEN 1 ELSE f.failures + 1 END,
    window_start = CASE WHEN f.window_start < now() - sqlc.arg(win)::interval THEN now() ELSE f.window_start END,
    locked_until = CASE
        WHEN (CASE WHEN f.window_start < now() - sqlc.arg(win)::interval THEN 1 ELSE f.failures + 1 END) > sqlc.arg(free)::int
        THEN now() + least(sqlc.arg(max_lock)::interval, sqlc.arg(base)::interval * power(2, least(
            (CASE WHEN f.window_start < now() - sqlc.arg(win)::interval THEN 1 ELSE f.failures + 1 END) - sqlc.arg(free)::int - 1, 20)))
        ELSE f.locked_until END
RETURNING *;

-- name: LoginFailureClear :exec
DELETE FROM account.login_failures WHERE key = $1;

-- name: LoginFailureDeleteStale :execrows
DELETE FROM account.login_failures
WHERE window_start < now() - interval '1 day' AND (locked_until IS NULL OR locked_until < now());
