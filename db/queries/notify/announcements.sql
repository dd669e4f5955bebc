-- name: AnnouncementInsert :one
INSERT INTO notify.announcements (subject, body, link_url, segment, segment_value, segment_label, created_by)
VALUES ($1, $2, $3, $4, $5, $6, $7)
RETURNING *;

-- name: AnnouncementGet :one
SELECT * FROM notify.announcements WHERE id = $1;

-- name: AnnouncementList :many
SELECT * FROM notify.announcements ORDER BY id DESC LIMIT 50;

-- name: AnnouncementAddRecipients :exec
UPDATE notify.announcements SET recipients = recipients + sqlc.arg(n)::int WHERE id = $1;

-- name: AnnouncementFinish :exec
UPDATE notify.announcements SET status = 'sent', finished_at = now() WHERE id = $1;

-- name: AnnouncementForgetAuthor :exec
-- An admin deleted their account: their offers stay, written by nobody (0).
UPDATE notify.announcements SET created_by = 0 WHERE created_by = $1;
