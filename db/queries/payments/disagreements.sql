-- name: DisagreementInsert :exec
INSERT INTO payments.disagreements (check_id, booking_id, payment_id, payment_state, booking_state, note)
VALUES ($1, $2, $3, $4, $5, $6);

-- name: DisagreementList :many
SELECT * FROM payments.disagreements WHERE check_id = $1 ORDER BY booking_id;
