-- name: HistoryInsert :exec
INSERT INTO payments.payment_history (payment_id, from_state, to_state, source, note)
VALUES (sqlc.arg(payment_id), sqlc.arg(from_state), sqlc.arg(to_state), sqlc.arg(source), sqlc.arg(note));

-- name: HistoryList :many
SELECT * FROM payments.payment_history WHERE payment_id = $1 ORDER BY id;

-- name: HistoryMismatchList :many
-- Successes held because their amount or currency was not the payment's,
-- newest first, with the payment's state now.
SELECT h.payment_id, h.at, h.note, p.state
FROM payments.payment_history h
JOIN payments.payments p ON p.id = h.payment_id
WHERE h.source LIKE sqlc.arg(source)::text
ORDER BY h.id DESC
LIMIT sqlc.arg(lim);
