-- name: PaymentInsert :one
INSERT INTO payments.payments (booking_id, user_id, attempt, provider, idempotency_key, amount_minor, currency,
                               description, booking_code, return_path, hold_expires_at, state)
VALUES (sqlc.arg(booking_id), sqlc.narg(user_id), sqlc.arg(attempt), sqlc.arg(provider), sqlc.arg(idempotency_key),
        sqlc.arg(amount_minor), sqlc.arg(currency), sqlc.arg(description), sqlc.arg(booking_code),
        sqlc.arg(return_path), sqlc.arg(hold_expires_at), 'requires_payment')
RETURNING *;

-- name: PaymentGet :one
SELECT * FROM payments.payments WHERE id = $1;

-- name: PaymentLockForBooking :many
-- Locks every payment of a booking, in id order: whoever decides about a
-- booking's payments (a new attempt, an outcome) takes them all.
SELECT * FROM payments.payments WHERE booking_id = $1 ORDER BY id FOR NO KEY UPDATE;

-- name: PaymentListForBooking :many
SELECT * FROM payments.payments WHERE booking_id = $1 ORDER BY id;

-- name: PaymentBookingOf :one
SELECT booking_id FROM payments.payments WHERE id = $1;

-- name: PaymentByProviderID :one
SELECT * FROM payments.payments WHERE provider_id = $1 ORDER BY id DESC LIMIT 1;

-- name: PaymentSetIntent :exec
-- Stores what the provider made for the payment (the first answer wins:
-- a retried create call returns the same intent).
UPDATE payments.payments SET provider_id = sqlc.arg(provider_id), client_secret = sqlc.arg(client_secret), updated_at = now()
WHERE id = sqlc.arg(id) AND provider_id IS NULL;

-- name: PaymentSetState :exec
UPDATE payments.payments
SET state = sqlc.arg(state), failure_code = sqlc.arg(failure_code), failure_message = sqlc.arg(failure_message),
    requires_action = false, updated_at = now()
WHERE id = sqlc.arg(id);

-- name: PaymentSetCard :exec
UPDATE payments.payments SET card_brand = sqlc.arg(card_brand), card_last4 = sqlc.arg(card_last4),
    requires_action = sqlc.arg(requires_action), updated_at = now()
WHERE id = sqlc.arg(id);

-- name: PaymentSetNote :exec
UPDATE payments.payments SET outcome_note = sqlc.arg(outcome_note), updated_at = now() WHERE id = sqlc.arg(id);

-- name: PaymentAddRefunded :one
-- Adds a settled refund to the payment and returns the new total refunded.
UPDATE payments.payments SET refunded_minor = refunded_minor + sqlc.arg(amount), updated_at = now()
WHERE id = sqlc.arg(id)
RETURNING refunded_minor;

-- name: PaymentList :many
-- The admin list, newest first, optionally of one state.
SELECT * FROM payments.payments
WHERE (sqlc.arg(state)::text = '' OR state = sqlc.arg(state)::text)
  AND (sqlc.arg(booking_id)::bigint = 0 OR booking_id = sqlc.arg(booking_id)::bigint)
ORDER BY id DESC
LIMIT sqlc.arg(lim) OFFSET sqlc.arg(off);

-- name: PaymentStateCounts :many
SELECT state, count(*)::bigint AS n FROM payments.payments GROUP BY state ORDER BY state;

-- name: PaymentStuck :many
-- Payments to ask the provider about: processing for a while, or still
-- waiting for a card when the hold ran out.
SELECT * FROM payments.payments
WHERE (state = 'processing' AND updated_at < sqlc.arg(processing_before))
   OR (state = 'requires_payment' AND hold_expires_at < sqlc.arg(hold_before))
ORDER BY id
LIMIT 200;

-- name: PaymentRecentBookings :many
-- The bookings whose payments changed since a moment (the daily check).
SELECT DISTINCT booking_id FROM payments.payments WHERE updated_at >= $1 ORDER BY booking_id;
