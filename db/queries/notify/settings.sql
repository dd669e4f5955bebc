-- name: SettingsGet :one
SELECT * FROM notify.settings WHERE user_id = $1;

-- name: SettingsUpsert :exec
INSERT INTO notify.settings (user_id, quiet_on, quiet_from, quiet_to, time_zone)
VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (user_id) DO UPDATE
SET quiet_on = excluded.quiet_on, quiet_from = excluded.quiet_from, quiet_to = excluded.quiet_to,
    time_zone = excluded.time_zone, updated_at = now();

-- name: SettingsDeleteForUser :exec
DELETE FROM notify.settings WHERE user_id = $1;
