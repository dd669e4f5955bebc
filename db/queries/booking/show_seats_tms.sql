-- name: ShowSeatLockLabels :many
-- Locks the named seats of a show, in seat order (the order every hold
-- locks in, so the sync and a buyer never deadlock); an expired hold reads
-- as held until the sweeper frees it.
SELECT seat, state, booking_id FROM booking.show_seats
WHERE show_id = sqlc.arg(show_id) AND seat = ANY(sqlc.arg(seats)::text[])
ORDER BY seat
FOR UPDATE;

-- name: ShowSeatBlockFree :execrows
-- Blocks the named seats that are free (a theater management system sold them).
UPDATE booking.show_seats SET state = 'blocked'
WHERE show_id = sqlc.arg(show_id) AND seat = ANY(sqlc.arg(seats)::text[]) AND state = 'free';

-- name: ShowSeatUnblock :execrows
-- Frees the named seats that are blocked (the theater management system
-- that sold them sells them no more).
UPDATE booking.show_seats SET state = 'free'
WHERE show_id = sqlc.arg(show_id) AND seat = ANY(sqlc.arg(seats)::text[]) AND state = 'blocked';
