-- name: TestIntentInsert :exec
INSERT INTO payments.test_intents (id, amount_minor, currency, status, payment_id)
VALUES ($1, $2, $3, 'requires_payment_method', $4)
ON CONFLICT (id) DO NOTHING;

-- name: TestIntentGet :one
SELECT * FROM payments.test_intents WHERE id = $1;

-- name: TestIntentSetStatus :exec
UPDATE payments.test_intents SET status = sqlc.arg(status), decline_code = sqlc.arg(decline_code), updated_at = now()
WHERE id = sqlc.arg(id);
