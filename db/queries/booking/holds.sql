-- name: HoldSeatLock :many
-- The on-sale hot path: a hold, after this lock, writes in one statement
-- (HoldInsert) and a release is one statement, so a rush costs few round
-- trips per buyer.
-- Locks the chosen seats and the seats of the buyer's own unpaid hold on
-- the show (a new choice replaces it) together, in seat order, so that
-- holds, replacements and releases always lock in one order and never
-- deadlock. mine lists the buyer's held bookings of the show; chosen tells
-- a chosen seat from one that only belongs to the hold being replaced.
-- known is false for a seat whose booking began after this statement did
-- (it waited for that booking's lock): mine cannot say whose it is, so the
-- caller locks again to find out.
SELECT ss.seat, ss.category, ss.price_minor, ss.booking_id, ss.state,
       (ss.state = 'free' OR (ss.state = 'held' AND ss.hold_expires_at <= now()))::boolean AS available,
       (ss.seat = ANY(sqlc.arg(seats)::text[]))::boolean AS chosen,
       (ss.booking_id IS NULL OR EXISTS (SELECT 1 FROM booking.bookings kb WHERE kb.id = ss.booking_id))::boolean AS known,
       (SELECT coalesce(array_agg(b.id ORDER BY b.id), '{}') FROM booking.bookings b
        WHERE b.user_id = sqlc.arg(user_id) AND b.show_id = sqlc.arg(show_id) AND b.status = 'held')::bigint[] AS mine
FROM booking.show_seats ss
WHERE ss.show_id = sqlc.arg(show_id)
  AND (ss.seat = ANY(sqlc.arg(seats)::text[])
       OR ss.booking_id = ANY((SELECT array_agg(b.id) FROM booking.bookings b
                               WHERE b.user_id = sqlc.arg(user_id) AND b.show_id = sqlc.arg(show_id) AND b.status = 'held')::bigint[]))
ORDER BY ss.seat
FOR UPDATE OF ss;

-- name: HoldInsert :one
-- Everything a hold writes once HoldSeatLock has its seats: the bookings it
-- takes seats from (stale: their hold ran out; replaced: the buyer's own
-- earlier hold) expire, lose their live seats and get an event, the
-- replaced hold's other seats are freed, and the new booking, its seats,
-- its event and the held seat rows are written. Each step reads the one
-- before it, which orders them: the old live seats and the old hold are
-- gone before the unique indexes see the new ones. A booking code already
-- in use writes no booking and returns no row (call again with another
-- code: what the first call expired stays expired, so nothing repeats).
-- (IS TRUE keeps the planner off the small partial indexes of live rows,
-- which it would otherwise scan whole for one booking.)
WITH gone AS (
    UPDATE booking.bookings SET status = 'expired', updated_at = now()
    WHERE id = ANY(sqlc.arg(stale_ids)::bigint[] || sqlc.arg(replaced_ids)::bigint[])
      AND (status IN ('held', 'pending_payment')) IS TRUE
    RETURNING id
), gone_seats AS (
    UPDATE booking.booking_seats SET live = false
    WHERE booking_id = ANY(ARRAY(SELECT id FROM gone)) AND live IS TRUE
    RETURNING booking_id
), gone_events AS (
    INSERT INTO booking.booking_events (booking_id, status, note)
    SELECT id, 'expired', CASE WHEN id = ANY(sqlc.arg(replaced_ids)::bigint[])
                               THEN sqlc.arg(replaced_note)::text ELSE sqlc.arg(stale_note)::text END
    FROM gone
    RETURNING booking_id
), freed AS (
    UPDATE booking.show_seats fs SET state = 'free', booking_id = NULL, hold_expires_at = NULL
    WHERE fs.show_id = sqlc.arg(show_id) AND fs.booking_id = ANY(sqlc.arg(replaced_ids)::bigint[]) AND fs.state = 'held'
      AND NOT (fs.seat = ANY(sqlc.arg(seats)::text[]))
    RETURNING fs.seat
), nb AS (
    INSERT INTO booking.bookings (code, show_id, user_id, status, hold_expires_at, currency, subtotal_minor, total_minor)
    SELECT sqlc.arg(code)::text, sqlc.arg(show_id)::bigint, sqlc.arg(user_id)::bigint, 'held',
           sqlc.arg(expires_at)::timestamptz, sqlc.arg(currency)::text, sqlc.arg(subtotal)::bigint, sqlc.arg(subtotal)::bigint
    WHERE (SELECT count(*) FROM gone_seats) >= 0 AND (SELECT count(*) FROM gone_events) >= 0
      AND (SELECT count(*) FROM freed) >= 0
    ON CONFLICT (code) DO NOTHING
    RETURNING *
), nb_seats AS (
    INSERT INTO booking.booking_seats (booking_id, show_id, seat, category, price_minor)
    SELECT nb.id, nb.show_id, unnest(sqlc.arg(seats)::text[]), unnest(sqlc.arg(categories)::text[]),
           unnest(sqlc.arg(prices)::bigint[])
    FROM nb
    RETURNING seat
), nb_held AS (
    UPDATE booking.show_seats ss SET state = 'held', booking_id = nb.id, hold_expires_at = nb.hold_expires_at
    FROM nb
    WHERE ss.show_id = nb.show_id AND ss.seat = ANY(sqlc.arg(seats)::text[])
    RETURNING ss.seat
), nb_event AS (
    INSERT INTO booking.booking_events (booking_id, status, note)
    SELECT nb.id, 'held', sqlc.arg(note)::text FROM nb
    RETURNING booking_id
)
SELECT nb.id, nb.code, nb.show_id, nb.user_id, nb.status, nb.hold_expires_at, nb.currency, nb.subtotal_minor,
       nb.total_minor, nb.created_at,
       (SELECT count(*) FROM nb_seats)::int AS seats_recorded,
       (SELECT count(*) FROM nb_held)::int AS seats_held
FROM nb;

-- name: HoldRelease :one
-- Gives up the buyer's unpaid hold in one statement: the booking's seats
-- are locked first, in seat order, then the booking row by the update (the
-- order Hold and Confirm use); if it is userID's and still held it
-- expires, its seats leave it and go back on sale, and the event is
-- recorded. It returns the booking as the statement began (no row: no
-- such booking) and whether it was released.
WITH locked_seats AS MATERIALIZED (
    SELECT ss.seat FROM booking.show_seats ss
    JOIN booking.booking_seats bs ON bs.show_id = ss.show_id AND bs.seat = ss.seat AND bs.booking_id = sqlc.arg(id)
    ORDER BY ss.seat
    FOR UPDATE OF ss
), gone AS (
    UPDATE booking.bookings ub SET status = 'expired', updated_at = now()
    WHERE ub.id = sqlc.arg(id) AND ub.user_id = sqlc.arg(user_id) AND (ub.status = 'held') IS TRUE
      AND (SELECT count(*) FROM locked_seats) >= 0
    RETURNING ub.id
), gone_seats AS (
    UPDATE booking.booking_seats SET live = false WHERE booking_id = (SELECT id FROM gone) AND live IS TRUE
    RETURNING booking_id
), gone_event AS (
    INSERT INTO booking.booking_events (booking_id, status, note)
    SELECT id, 'expired', sqlc.arg(note)::text FROM gone
    RETURNING booking_id
), freed AS (
    UPDATE booking.show_seats SET state = 'free', booking_id = NULL, hold_expires_at = NULL
    WHERE booking_id = (SELECT id FROM gone) AND state = 'held'
    RETURNING seat
)
SELECT b.id, b.user_id, b.show_id, b.status, (SELECT count(*) FROM gone)::int AS released
FROM booking.bookings b
WHERE b.id = sqlc.arg(id);
