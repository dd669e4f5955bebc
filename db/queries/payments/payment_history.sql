-- name: HistoryInsert :exec
INSERT INTO payments.payment_history (payment_id, from_state, to_state, source, note)
VALUES (sqlc.arg(payment_id), sqlc.arg(from_state), sqlc.arg(to_state), sqlc.arg(source), sqlc.arg(note));

-- name: HistoryList :many
SELECT * FROM payments.payment_history WHERE payment_id = $1 ORDER BY id;
