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
-- How often a booking's tickets were passed on, and how many offers were
-- sent since a moment (the hourly cap on emails). A booking split off by a
-- transfer of some seats counts the transfers of the booking it came from
-- up to the split (the split included), and so on up its line, so
-- splitting never resets the chain's limit.
WITH RECURSIVE line (id, until) AS (
    SELECT sqlc.arg(booking_id)::bigint, 'infinity'::timestamptz
  UNION ALL
    SELECT t.booking_id, t.created_at
    FROM booking.booking_transfers t JOIN line l ON t.to_booking_id = l.id
    WHERE t.state = 'accepted' AND t.booking_id <> t.to_booking_id
)
SELECT (SELECT count(*) FROM booking.booking_transfers t JOIN line l ON t.booking_id = l.id
        WHERE t.state = 'accepted' AND t.created_at <= l.until)::int AS accepted,
       (SELECT count(*) FROM booking.booking_transfers t
        WHERE t.booking_id = sqlc.arg(booking_id)::bigint AND t.created_at > sqlc.arg(since)::timestamptz)::int AS sent_since;

-- name: TransferInsert :one
INSERT INTO booking.booking_transfers (booking_id, from_user_id, to_email, token_hash, expires_at, seats, created_at)
VALUES ($1, $2, $3, $4, $5, sqlc.narg(seats)::text[], sqlc.arg(now)::timestamptz)
RETURNING *;

-- name: TransferGetByHash :one
SELECT * FROM booking.booking_transfers WHERE token_hash = $1;

-- name: TransferGetForUpdate :one
SELECT * FROM booking.booking_transfers WHERE id = $1 FOR UPDATE;

-- name: TransferPending :one
-- A booking's pending offer, expired or not (the caller compares expires_at).
SELECT * FROM booking.booking_transfers WHERE booking_id = $1 AND state = 'pending';

-- name: TransferList :many
-- A booking's transfers: the offers it sent, and the one that gave it to
-- its owner (split off another booking, or given whole).
SELECT * FROM booking.booking_transfers WHERE booking_id = $1 OR to_booking_id = $1
ORDER BY created_at, id;

-- name: TransferDecide :exec
UPDATE booking.booking_transfers
SET state = sqlc.arg(state), to_user_id = sqlc.narg(to_user_id), to_booking_id = sqlc.narg(to_booking_id),
    decided_at = sqlc.arg(now)::timestamptz
WHERE id = $1;

-- name: TransferGiveBooking :exec
-- Gives a whole booking to its new owner (an account, or a guest's email
-- with user_id NULL) under a new code: the code the sender knew no longer
-- finds it, at the door or anywhere else.
UPDATE booking.bookings
SET user_id = sqlc.narg(to_user_id), guest_email = sqlc.narg(guest_email), guest_phone = NULL,
    guest_lang = sqlc.narg(guest_lang), code = sqlc.arg(code), updated_at = now()
WHERE id = $1;

-- name: TransferSplitInsert :one
-- A confirmed booking for the receiver of some seats of booking from_id:
-- the same show, theater and way of paying, its own code and owner, and
-- the amounts of the seats it takes.
INSERT INTO booking.bookings (code, show_id, user_id, status, hold_expires_at, currency, subtotal_minor,
    fee_minor, tax_minor, discount_minor, total_minor, confirmed_at, theater_id, channel, payment_method,
    sold_by, till_session_id, guest_email, guest_lang)
SELECT sqlc.arg(code), f.show_id, sqlc.narg(to_user_id), 'confirmed', f.hold_expires_at, f.currency, sqlc.arg(subtotal_minor),
       sqlc.arg(fee_minor), sqlc.arg(tax_minor), sqlc.arg(discount_minor), sqlc.arg(total_minor), f.confirmed_at,
       f.theater_id, f.channel, f.payment_method, f.sold_by, f.till_session_id, sqlc.narg(guest_email), sqlc.narg(guest_lang)
FROM booking.bookings f WHERE f.id = sqlc.arg(from_id)
RETURNING id;

-- name: TransferSplitShrink :exec
-- Takes the amounts of the seats split off out of the sender's booking.
UPDATE booking.bookings
SET subtotal_minor = subtotal_minor - sqlc.arg(subtotal_minor), fee_minor = fee_minor - sqlc.arg(fee_minor),
    tax_minor = tax_minor - sqlc.arg(tax_minor), discount_minor = discount_minor - sqlc.arg(discount_minor),
    total_minor = total_minor - sqlc.arg(total_minor), updated_at = now()
WHERE id = $1;

-- name: TransferMoveSeats :execrows
-- Moves live seats of booking from_id to booking to_id.
UPDATE booking.booking_seats SET booking_id = sqlc.arg(to_id)
WHERE booking_id = sqlc.arg(from_id) AND live AND seat = ANY(sqlc.arg(seats)::text[]);

-- name: TransferMoveShowSeats :exec
-- The show's seat map follows: the seats now belong to booking to_id.
UPDATE booking.show_seats SET booking_id = sqlc.arg(to_id)
WHERE show_id = sqlc.arg(show_id) AND booking_id = sqlc.arg(from_id) AND seat = ANY(sqlc.arg(seats)::text[]);

-- name: TransferInvolved :one
-- Whether a booking was passed on: given whole, split off another, or
-- seats of it sent away (it cannot then be cancelled online).
SELECT EXISTS (SELECT 1 FROM booking.booking_transfers
               WHERE state = 'accepted' AND (booking_id = $1 OR to_booking_id = $1))::bool;

-- name: TransferTicketEpoch :one
-- The booking's ticket epoch: how often it was passed on.
SELECT count(*)::int FROM booking.booking_transfers WHERE booking_id = $1 AND state = 'accepted';
