-- name: CheckInsert :one
INSERT INTO payments.checks (bookings, found) VALUES ($1, $2) RETURNING *;

-- name: CheckLatest :one
SELECT * FROM payments.checks ORDER BY id DESC LIMIT 1;
