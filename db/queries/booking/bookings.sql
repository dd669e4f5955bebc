-- name: BookingGet :one
SELECT * FROM booking.bookings WHERE id = $1;

-- name: BookingGetForUpdate :one
SELECT * FROM booking.bookings WHERE id = $1 FOR UPDATE;

-- name: BookingGetByCode :one
SELECT * FROM booking.bookings WHERE code = $1;

-- name: BookingExpireHeld :many
-- Marks the given bookings expired when they are still only held (their
-- seats are being taken by someone else after the hold ran out).
UPDATE booking.bookings SET status = 'expired', updated_at = now()
WHERE id = ANY(sqlc.arg(ids)::bigint[]) AND status IN ('held', 'pending_payment')
RETURNING id;

-- name: BookingListForUser :many
SELECT * FROM booking.bookings WHERE user_id = $1 AND status <> 'expired'
ORDER BY created_at DESC LIMIT 200;

-- name: BookingConfirm :exec
UPDATE booking.bookings SET status = 'confirmed', confirmed_at = now(), updated_at = now() WHERE id = $1;

-- name: BookingSetAmounts :exec
-- Stores a booking's priced amounts (the caller holds its row lock).
UPDATE booking.bookings
SET subtotal_minor = sqlc.arg(subtotal_minor), fee_minor = sqlc.arg(fee_minor), tax_minor = sqlc.arg(tax_minor),
    discount_minor = sqlc.arg(discount_minor), total_minor = sqlc.arg(total_minor), promo_code = sqlc.narg(promo_code),
    updated_at = now()
WHERE id = sqlc.arg(id);

-- name: BookingStartPayment :exec
-- The booking waits for its payment; its hold runs until expires_at.
UPDATE booking.bookings
SET status = 'pending_payment', hold_expires_at = sqlc.arg(expires_at), hold_extended = sqlc.arg(hold_extended), updated_at = now()
WHERE id = sqlc.arg(id);

-- name: BookingSetStatus :exec
UPDATE booking.bookings SET status = sqlc.arg(status), updated_at = now() WHERE id = sqlc.arg(id);

-- name: BookingMarkRefunded :exec
-- A booking whose payment came back in full.
UPDATE booking.bookings SET status = 'refunded', refund_minor = GREATEST(refund_minor, sqlc.arg(refund)), updated_at = now()
WHERE id = sqlc.arg(id);

-- name: BookingStatuses :many
SELECT id, status FROM booking.bookings WHERE id = ANY(sqlc.arg(ids)::bigint[]);

-- Cancellations by the buyer, staff, or the cinema cancelling a show.
-- name: BookingCancel :one
-- Cancels a live booking, recording the refund and the reason; a booking
-- already cancelled, refunded or expired matches no row.
UPDATE booking.bookings
SET status = 'cancelled', cancelled_at = now(), updated_at = now(),
    refund_minor = sqlc.arg(refund), cancel_reason = sqlc.arg(reason)
WHERE id = sqlc.arg(id) AND status IN ('held', 'pending_payment', 'payment_failed', 'confirmed')
RETURNING *;

-- name: BookingLiveIDsForShow :many
-- Bookings of a show that still hold or own seats (show cancellation).
-- Food added later (food_addons) goes with its booking, never alone; so
-- does the difference of a change of show (exchange_orders): an unpaid
-- one is refused when paid, a paid one refunded with its booking.
SELECT id FROM booking.bookings
WHERE show_id = $1 AND status IN ('held', 'pending_payment', 'payment_failed', 'confirmed')
  AND id NOT IN (SELECT booking_id FROM booking.food_addons)
  AND id NOT IN (SELECT order_id FROM booking.exchange_orders)
ORDER BY id;

-- Staff pages and the door check-in.
-- name: StaffBookingListForUser :many
-- A customer's bookings in every state, newest first.
SELECT * FROM booking.bookings WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT 200;

-- name: StaffBookingListForShow :many
-- A show's bookings, leaving out holds that were marked expired, in the
-- order they were made.
-- Food added later (food_addons) is shown with its booking, not as one;
-- the difference paid for a change of show (exchange_orders) is in it.
SELECT * FROM booking.bookings WHERE show_id = $1 AND status <> 'expired'
  AND id NOT IN (SELECT booking_id FROM booking.food_addons)
  AND id NOT IN (SELECT order_id FROM booking.exchange_orders)
ORDER BY created_at, id LIMIT 2000;

-- name: BookingCheckIn :one
-- Lets a confirmed booking in, once: a second scan, or one racing this one
-- on another device, matches no row (the row lock makes the racer re-check
-- checked_in_at after the winner commits).
UPDATE booking.bookings SET checked_in_at = sqlc.arg(at)::timestamptz, updated_at = now()
WHERE id = sqlc.arg(id) AND status = 'confirmed' AND checked_in_at IS NULL
RETURNING checked_in_at;

-- name: BookingAnonymiseUser :exec
-- The buyer deleted their account: bookings stay for the cinema's books,
-- without anything that leads back to the person.
UPDATE booking.bookings SET user_id = NULL, updated_at = now() WHERE user_id = $1;

-- name: BookingListAllForUser :many
SELECT * FROM booking.bookings WHERE user_id = $1 ORDER BY created_at;
