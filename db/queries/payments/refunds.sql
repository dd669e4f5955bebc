-- name: RefundInsert :one
-- Records a refund request; a second request with the same key returns
-- nothing and changes nothing.
INSERT INTO payments.refunds (payment_id, key, amount_minor, reason, state, requested_by, provider_id)
VALUES (sqlc.arg(payment_id), sqlc.arg(key), sqlc.arg(amount_minor), sqlc.arg(reason), 'pending', sqlc.arg(requested_by),
        sqlc.narg(provider_id))
ON CONFLICT (key) DO NOTHING
RETURNING *;

-- name: RefundGet :one
SELECT * FROM payments.refunds WHERE id = $1;

-- name: RefundGetForUpdate :one
SELECT * FROM payments.refunds WHERE id = $1 FOR UPDATE;

-- name: RefundByProviderID :one
SELECT * FROM payments.refunds WHERE provider_id = $1;

-- name: RefundListForPayment :many
SELECT * FROM payments.refunds WHERE payment_id = $1 ORDER BY id;

-- name: RefundOutstanding :one
-- What is refunded or on its way back for a payment.
SELECT coalesce(sum(amount_minor), 0)::bigint FROM payments.refunds WHERE payment_id = $1 AND state <> 'failed';

-- name: RefundSetProviderID :exec
-- The provider took the refund: a failure noted while retrying is over.
UPDATE payments.refunds SET provider_id = sqlc.arg(provider_id), error = '', updated_at = now()
WHERE id = sqlc.arg(id) AND provider_id IS NULL;

-- name: RefundNoteRetry :exec
-- Notes, for staff, why a pending refund has not reached the provider yet
-- (its job retries); the state is left alone.
UPDATE payments.refunds SET error = sqlc.arg(error) WHERE id = sqlc.arg(id) AND state = 'pending' AND provider_id IS NULL;

-- name: RefundSetState :exec
UPDATE payments.refunds SET state = sqlc.arg(state), error = sqlc.arg(error), updated_at = now() WHERE id = sqlc.arg(id);

-- name: RefundPendingStale :many
-- Refunds still waiting for the provider's word after a while.
SELECT * FROM payments.refunds WHERE state = 'pending' AND updated_at < $1 ORDER BY id LIMIT 200;
