-- name: WaitlistInsert :one
-- Puts a buyer in a show's line. A second active entry of the same buyer
-- for the show fails on waitlist_entries_one_active.
INSERT INTO booking.waitlist_entries (show_id, user_id, seats, together, max_price_minor)
VALUES (sqlc.arg(show_id), sqlc.arg(user_id), sqlc.arg(seats), sqlc.arg(together), sqlc.narg(max_price_minor))
RETURNING *;

-- name: WaitlistLockShow :exec
-- Serialises every change to one show's line (joining, matching, settling)
-- until the transaction ends: two releases at once never offer the same
-- seats twice, and an entry never gets two offers.
SELECT pg_advisory_xact_lock(hashtextextended('booking.waitlist:' || sqlc.arg(show_id)::bigint::text, 0));

-- name: WaitlistActiveForUser :one
-- The buyer's active (waiting or offered) entry for the show, with the
-- number of active entries before it in the line.
SELECT e.*, (SELECT count(*) FROM booking.waitlist_entries a
             WHERE a.show_id = e.show_id AND a.state IN ('waiting', 'offered')
               AND (a.created_at, a.id) < (e.created_at, e.id))::int AS ahead
FROM booking.waitlist_entries e
WHERE e.show_id = sqlc.arg(show_id) AND e.user_id = sqlc.arg(user_id) AND e.state IN ('waiting', 'offered');

-- name: WaitlistGet :one
SELECT * FROM booking.waitlist_entries WHERE id = $1;

-- name: WaitlistForUser :many
-- A buyer's entries, newest first, each with the active entries before it.
SELECT e.*, (SELECT count(*) FROM booking.waitlist_entries a
             WHERE a.show_id = e.show_id AND a.state IN ('waiting', 'offered')
               AND (a.created_at, a.id) < (e.created_at, e.id))::int AS ahead
FROM booking.waitlist_entries e
WHERE e.user_id = $1
ORDER BY e.created_at DESC, e.id DESC
LIMIT 50;

-- name: WaitlistForShow :many
-- A show's line for its staff: active entries in order, then the rest.
SELECT * FROM booking.waitlist_entries
WHERE show_id = $1
ORDER BY (state IN ('waiting', 'offered')) DESC, created_at, id
LIMIT 500;

-- name: WaitlistWaiting :many
-- The waiting entries of a show in line order (the caller holds the
-- show's waitlist lock).
SELECT * FROM booking.waitlist_entries
WHERE show_id = $1 AND state = 'waiting'
ORDER BY created_at, id;

-- name: WaitlistSettle :many
-- Ends the offers of a show that are decided: paid (booked) or not paid in
-- time, released or otherwise gone (expired).
UPDATE booking.waitlist_entries e
SET state = CASE WHEN b.status = 'confirmed' THEN 'booked' ELSE 'expired' END, updated_at = now()
FROM booking.waitlist_entries o
LEFT JOIN booking.bookings b ON b.id = o.offer_booking_id
WHERE o.id = e.id AND e.show_id = sqlc.arg(show_id) AND e.state = 'offered'
  AND (b.id IS NULL OR b.status NOT IN ('held', 'pending_payment') OR b.hold_expires_at <= now())
RETURNING e.id, e.state;

-- name: WaitlistOffered :exec
-- Records the offer made to an entry: the held booking and its deadline.
UPDATE booking.waitlist_entries
SET state = 'offered', offer_booking_id = sqlc.arg(booking_id), offer_expires_at = sqlc.arg(expires_at),
    offers = offers + 1, updated_at = now()
WHERE id = sqlc.arg(id) AND state = 'waiting';

-- name: WaitlistBooked :exec
-- The offer's booking was paid: its entry is done.
UPDATE booking.waitlist_entries SET state = 'booked', updated_at = now()
WHERE offer_booking_id = $1 AND state IN ('offered', 'expired', 'declined');

-- name: WaitlistEnd :one
-- The buyer leaves the line (left) or turns an offer down (declined).
-- It returns the entry as it was, so the caller frees an offer's hold.
UPDATE booking.waitlist_entries n
SET state = CASE WHEN o.state = 'offered' THEN 'declined' ELSE 'left' END, updated_at = now()
FROM booking.waitlist_entries o
WHERE o.id = n.id AND n.id = sqlc.arg(id) AND n.user_id = sqlc.arg(user_id) AND n.state IN ('waiting', 'offered')
RETURNING o.*;

-- name: WaitlistExpireShow :execrows
-- A show no longer on sale ends its line.
UPDATE booking.waitlist_entries SET state = 'expired', updated_at = now()
WHERE show_id = $1 AND state = 'waiting';

-- name: WaitlistShowsActive :many
-- Shows with people in line, the longest-waiting first (the sweep).
SELECT show_id FROM booking.waitlist_entries
WHERE state IN ('waiting', 'offered')
GROUP BY show_id
ORDER BY min(created_at)
LIMIT sqlc.arg(max_shows);

-- name: WaitlistHasActive :one
-- Whether anyone is in the show's line (freed seats then go to it first).
SELECT EXISTS (SELECT 1 FROM booking.waitlist_entries WHERE show_id = $1 AND state IN ('waiting', 'offered'));

-- name: WaitlistReserveFree :execrows
-- Keeps a show's free seats for its line while the offer job runs: while
-- anyone waits, freed seats are held with no booking until reserved_until
-- (then anyone may take them, as after any hold that ran out), so a buyer
-- refreshing the seat map cannot take them first. Seats another
-- transaction has locked (a hold taking them) are skipped.
UPDATE booking.show_seats ss SET state = 'held', hold_expires_at = sqlc.arg(reserved_until)::timestamptz
FROM (
    SELECT f.show_id, f.seat FROM booking.show_seats f
    WHERE f.show_id = sqlc.arg(show_id)::bigint AND f.state = 'free' AND f.booking_id IS NULL
      AND EXISTS (SELECT 1 FROM booking.waitlist_entries w WHERE w.show_id = f.show_id AND w.state = 'waiting')
    ORDER BY f.seat
    FOR UPDATE SKIP LOCKED
) r
WHERE ss.show_id = r.show_id AND ss.seat = r.seat;

-- name: WaitlistUnreserve :execrows
-- Frees the seats kept for a show's line (the offer job, under the
-- show's waitlist lock, before it offers them), locking them in seat order.
UPDATE booking.show_seats ss SET state = 'free', hold_expires_at = NULL
FROM (
    SELECT f.show_id, f.seat FROM booking.show_seats f
    WHERE f.show_id = $1 AND f.state = 'held' AND f.booking_id IS NULL
    ORDER BY f.seat
    FOR UPDATE
) r
WHERE ss.show_id = r.show_id AND ss.seat = r.seat;
