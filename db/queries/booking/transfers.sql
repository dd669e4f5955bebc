-- name: TransferBookingLock :one
-- Locks a booking for a transfer (sending or accepting): every transfer of
-- one booking waits here, so two accepts of one offer, or an accept and a
-- cancel, are decided one after the other.
SELECT id, code, show_id, user_id, status, checked_in_at
FROM booking.bookings WHERE id = $1 FOR UPDATE;

-- name: TransferExpireStale :exec
-- Marks a booking's pending offers past their expiry as expired.
UPDATE booking.booking_transfers SET state = 'expired', decided_at = sqlc.arg(now)::timestamptz
WHERE booking_id = $1 AND state = 'pending' AND expires_at <= sqlc.arg(now)::timestamptz;

-- name: TransferCounts :one
-- How often a booking was passed on, and how many offers were sent since
-- a moment (the hourly cap on emails).
SELECT count(*) FILTER (WHERE state = 'accepted')::int AS accepted,
       count(*) FILTER (WHERE created_at > sqlc.arg(since)::timestamptz)::int AS sent_since
FROM booking.booking_transfers WHERE booking_id = $1;

-- name: TransferInsert :one
INSERT INTO booking.booking_transfers (booking_id, from_user_id, to_email, token_hash, expires_at, created_at)
VALUES ($1, $2, $3, $4, $5, sqlc.arg(now)::timestamptz)
RETURNING *;

-- name: TransferGetByHash :one
SELECT * FROM booking.booking_transfers WHERE token_hash = $1;

-- name: TransferGetForUpdate :one
SELECT * FROM booking.booking_transfers WHERE id = $1 FOR UPDATE;

-- name: TransferPending :one
-- A booking's pending offer, expired or not (the caller compares expires_at).
SELECT * FROM booking.booking_transfers WHERE booking_id = $1 AND state = 'pending';

-- name: TransferList :many
SELECT * FROM booking.booking_transfers WHERE booking_id = $1 ORDER BY created_at, id;

-- name: TransferDecide :exec
UPDATE booking.booking_transfers
SET state = sqlc.arg(state), to_user_id = sqlc.narg(to_user_id), decided_at = sqlc.arg(now)::timestamptz
WHERE id = $1;

-- name: TransferMoveBooking :exec
-- Gives a booking to its new owner.
UPDATE booking.bookings SET user_id = sqlc.arg(to_user_id), updated_at = now() WHERE id = $1;

-- name: TransferTicketEpoch :one
-- The booking's ticket epoch: how often it was passed on.
SELECT count(*)::int FROM booking.booking_transfers WHERE booking_id = $1 AND state = 'accepted';
