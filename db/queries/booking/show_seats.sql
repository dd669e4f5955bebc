-- name: ShowSeatCount :one
SELECT count(*) FROM booking.show_seats WHERE show_id = $1;

-- name: ShowSeatMaterialize :exec
-- Creates the seats of a show from its layout; a second call (another
-- instance at the same moment) does nothing.
INSERT INTO booking.show_seats (show_id, seat, row_idx, col_idx, category, price_minor, state)
SELECT sqlc.arg(show_id)::bigint, unnest(sqlc.arg(seats)::text[]), unnest(sqlc.arg(rows)::smallint[]),
       unnest(sqlc.arg(cols)::smallint[]), unnest(sqlc.arg(categories)::text[]), unnest(sqlc.arg(prices)::bigint[]),
       unnest(sqlc.arg(states)::text[])
ON CONFLICT (show_id, seat) DO NOTHING;

-- name: ShowSeatList :many
-- Every seat of a show as buyers see it: an expired hold is free.
SELECT seat, row_idx, col_idx, category, price_minor, booking_id,
       CASE WHEN state = 'held' AND hold_expires_at <= now() THEN 'free' ELSE state END::text AS state
FROM booking.show_seats WHERE show_id = $1
ORDER BY row_idx, col_idx;

-- name: ShowSeatRelease :execrows
-- Frees the seats a booking holds (not the ones it bought).
UPDATE booking.show_seats SET state = 'free', booking_id = NULL, hold_expires_at = NULL
WHERE booking_id = $1 AND state = 'held';

-- name: ShowSeatAvailable :one
SELECT count(*) FILTER (WHERE state = 'free' OR (state = 'held' AND hold_expires_at <= now()))::int AS available,
       count(*) FILTER (WHERE state <> 'blocked')::int AS total
FROM booking.show_seats WHERE show_id = $1;

-- name: ShowSeatLockForBooking :many
-- Locks the seats a booking asked for, in seat order.
SELECT ss.seat, ss.booking_id, ss.state,
       (ss.state = 'free' OR (ss.state = 'held' AND ss.hold_expires_at <= now()) OR ss.booking_id = sqlc.arg(booking_id))::boolean AS available
FROM booking.show_seats ss
JOIN booking.booking_seats bs ON bs.show_id = ss.show_id AND bs.seat = ss.seat AND bs.booking_id = sqlc.arg(booking_id)
ORDER BY ss.seat
FOR UPDATE OF ss;

-- name: ShowSeatBook :exec
-- The booking's seats are sold to it.
UPDATE booking.show_seats ss SET state = 'booked', booking_id = sqlc.arg(booking_id), hold_expires_at = NULL
FROM booking.booking_seats bs
WHERE bs.booking_id = sqlc.arg(booking_id) AND ss.show_id = bs.show_id AND ss.seat = bs.seat;

-- name: ShowSeatExtendHold :exec
-- Moves the end of a booking's hold on its seats.
UPDATE booking.show_seats SET hold_expires_at = sqlc.arg(expires_at)
WHERE booking_id = sqlc.arg(booking_id) AND state = 'held';

-- name: ShowSeatFree :execrows
-- Frees every seat a booking holds or bought.
UPDATE booking.show_seats SET state = 'free', booking_id = NULL, hold_expires_at = NULL
WHERE booking_id = $1 AND state IN ('held', 'booked');
