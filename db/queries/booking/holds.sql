-- name: HoldTake :many
-- The on-sale hot path: a whole hold in one statement, sent with BEGIN and
-- COMMIT in one round trip, so a seat's lock lasts one statement and a
-- rush costs one round trip per buyer.
-- A guest (user_id 0) is known by guest_email: their holds are the ones
-- with no account and that email, for the replaced hold and the cap alike.
-- It locks the chosen seats and the seats of the buyer's own unpaid hold
-- on the show (a new choice replaces it) together, in seat order, so that
-- holds, replacements, releases and the sweeper's claims never deadlock.
-- Then, only if every chosen seat exists, is not blocked and is free, ran
-- out, or the buyer's own, it writes everything: the bookings it takes
-- seats from (their hold ran out) and the replaced hold expire, lose their
-- live seats and get an event, the replaced hold's other seats are freed,
-- and the new booking, its seats, its event and the held seat rows are
-- written. Each write reads the one before it, which orders them: the old
-- live seats and the old hold are gone before the unique indexes see the
-- new ones. Otherwise it writes nothing; also when max_unpaid > 0 and
-- the buyer holds seats, unpaid, for max_unpaid other shows already
-- (unpaid says how many; a soft cap: two racing tabs may both pass it).
-- It returns one row per locked seat: chosen tells a chosen seat from one
-- that only belongs to the hold being replaced, own a seat of that hold,
-- known is false for a seat whose booking began after this statement did
-- (it waited for that booking's lock), which the statement cannot tell
-- from the buyer's own other tab, so it writes nothing and the caller runs
-- it again. new_id is the new booking (0: nothing written). A booking code already in use
-- fails the statement (bookings_code_key), and so the transaction.
-- (IS TRUE keeps the planner off the small partial indexes of live rows,
-- which it would otherwise scan whole for one booking.)
WITH mine AS MATERIALIZED (
    SELECT coalesce(array_agg(b.id ORDER BY b.id), '{}')::bigint[] AS ids FROM booking.bookings b
    WHERE (b.user_id = sqlc.arg(user_id)::bigint OR (sqlc.arg(user_id)::bigint = 0 AND b.user_id IS NULL
           AND lower(b.guest_email) = lower(sqlc.arg(guest_email)::text)))
      AND b.show_id = sqlc.arg(show_id)::bigint AND b.status = 'held'
), unpaid AS MATERIALIZED (
    SELECT count(*)::int AS n FROM booking.bookings u
    WHERE sqlc.arg(max_unpaid)::int > 0
      AND (u.user_id = sqlc.arg(user_id)::bigint OR (sqlc.arg(user_id)::bigint = 0 AND u.user_id IS NULL
           AND lower(u.guest_email) = lower(sqlc.arg(guest_email)::text)))
      AND u.show_id <> sqlc.arg(show_id)::bigint
      AND u.status IN ('held', 'pending_payment') AND u.hold_expires_at > sqlc.arg(now)::timestamptz
), locked AS MATERIALIZED (
    SELECT ss.seat, ss.category, ss.price_minor, ss.booking_id, ss.state,
           (ss.state = 'free' OR (ss.state = 'held' AND ss.hold_expires_at <= now())) AS available,
           ss.seat = ANY(sqlc.arg(seats)::text[]) AS chosen,
           (ss.booking_id IS NULL OR EXISTS (SELECT 1 FROM booking.bookings kb WHERE kb.id = ss.booking_id)) AS known
    FROM booking.show_seats ss
    WHERE ss.show_id = sqlc.arg(show_id)::bigint
      AND (ss.seat = ANY(sqlc.arg(seats)::text[]) OR ss.booking_id = ANY((SELECT ids FROM mine)::bigint[]))
    ORDER BY ss.seat
    FOR UPDATE OF ss
), verdict AS MATERIALIZED (
    SELECT count(*) FILTER (WHERE l.chosen) = cardinality(sqlc.arg(seats)::text[])
           AND (sqlc.arg(max_unpaid)::int = 0 OR (SELECT n FROM unpaid) < sqlc.arg(max_unpaid)::int)
           AND coalesce(bool_and(NOT l.chosen OR (l.state <> 'blocked' AND l.known
                                 AND (l.available OR l.booking_id = ANY((SELECT ids FROM mine)::bigint[])))), true) AS ok
    FROM locked l
), taken_from AS MATERIALIZED (
    SELECT DISTINCT l.booking_id AS id FROM locked l
    WHERE l.chosen AND l.booking_id IS NOT NULL AND NOT (l.booking_id = ANY((SELECT ids FROM mine)::bigint[]))
), gone AS (
    UPDATE booking.bookings gb SET status = 'expired', updated_at = now()
    WHERE (SELECT ok FROM verdict)
      AND gb.id = ANY(ARRAY(SELECT id FROM taken_from) || (SELECT ids FROM mine)::bigint[])
      AND (gb.status IN ('held', 'pending_payment')) IS TRUE
    RETURNING gb.id
), gone_seats AS (
    UPDATE booking.booking_seats SET live = false
    WHERE booking_id = ANY(ARRAY(SELECT id FROM gone)) AND live IS TRUE
    RETURNING booking_id
), gone_events AS (
    INSERT INTO booking.booking_events (booking_id, status, note)
    SELECT g.id, 'expired', CASE WHEN g.id = ANY((SELECT ids FROM mine)::bigint[])
                                 THEN sqlc.arg(replaced_note)::text ELSE sqlc.arg(stale_note)::text END
    FROM gone g
    RETURNING booking_id
), freed AS (
    UPDATE booking.show_seats fs SET state = 'free', booking_id = NULL, hold_expires_at = NULL
    FROM locked l
    WHERE (SELECT ok FROM verdict) AND NOT l.chosen
      AND fs.show_id = sqlc.arg(show_id)::bigint AND fs.seat = l.seat AND fs.state = 'held'
      AND fs.booking_id = ANY((SELECT ids FROM mine)::bigint[])
    RETURNING fs.seat
), nb AS (
    INSERT INTO booking.bookings (code, show_id, theater_id, user_id, status, hold_expires_at, currency, subtotal_minor, total_minor,
                                  guest_email, guest_phone, guest_lang)
    SELECT sqlc.arg(code)::text, sqlc.arg(show_id)::bigint, sqlc.arg(theater_id)::bigint, nullif(sqlc.arg(user_id)::bigint, 0), 'held',
           sqlc.arg(expires_at)::timestamptz, sqlc.arg(currency)::text, t.subtotal, t.subtotal,
           nullif(sqlc.arg(guest_email)::text, ''), nullif(sqlc.arg(guest_phone)::text, ''), nullif(sqlc.arg(guest_lang)::text, '')
    FROM (SELECT coalesce(sum(l.price_minor) FILTER (WHERE l.chosen), 0)::bigint AS subtotal FROM locked l) t
    WHERE (SELECT ok FROM verdict)
      AND (SELECT count(*) FROM gone_seats) >= 0 AND (SELECT count(*) FROM gone_events) >= 0
      AND (SELECT count(*) FROM freed) >= 0
    RETURNING id, hold_expires_at, created_at
), nb_seats AS (
    INSERT INTO booking.booking_seats (booking_id, show_id, seat, category, price_minor)
    SELECT nb.id, sqlc.arg(show_id)::bigint, l.seat, l.category, l.price_minor
    FROM nb, locked l WHERE l.chosen
    RETURNING seat
), nb_held AS (
    UPDATE booking.show_seats ss SET state = 'held', booking_id = nb.id, hold_expires_at = nb.hold_expires_at
    FROM nb
    WHERE ss.show_id = sqlc.arg(show_id)::bigint AND ss.seat = ANY(sqlc.arg(seats)::text[])
    RETURNING ss.seat
), nb_event AS (
    INSERT INTO booking.booking_events (booking_id, status, note)
    SELECT nb.id, 'held', sqlc.arg(note)::text FROM nb
    RETURNING booking_id
)
SELECT l.seat, l.category, l.price_minor, l.booking_id, l.state,
       l.available::boolean AS available, l.chosen::boolean AS chosen, l.known::boolean AS known,
       coalesce(l.booking_id = ANY((SELECT ids FROM mine)::bigint[]), false)::boolean AS own,
       (SELECT n FROM unpaid)::int AS unpaid,
       coalesce((SELECT nb.id FROM nb), 0)::bigint AS new_id,
       coalesce((SELECT nb.hold_expires_at FROM nb), now())::timestamptz AS hold_expires_at,
       coalesce((SELECT nb.created_at FROM nb), now())::timestamptz AS created_at,
       (SELECT count(*) FROM nb_seats)::int AS seats_recorded,
       (SELECT count(*) FROM nb_held)::int AS seats_held,
       (SELECT count(*) FROM nb_event)::int AS events
FROM locked l
ORDER BY l.seat;

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
    WHERE ub.id = sqlc.arg(id) AND ub.user_id IS NOT DISTINCT FROM nullif(sqlc.arg(user_id)::bigint, 0) AND (ub.status = 'held') IS TRUE
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

-- name: HoldSweep :many
-- Reclaims up to batch holds whose time ran out unpaid (held, or being paid
-- for): they expire, lose their live seats and get an event, and their
-- seats go back on sale. Correctness never waits for it (a ran-out hold
-- counts as free everywhere); it tidies rows and tells open seat maps. It
-- claims seats, then bookings (the order holds and payments lock in), both
-- with SKIP LOCKED, so it never waits for a buyer and a buyer never waits
-- for it; a booking is claimed only with all its held seats, and whatever
-- was skipped waits for the next sweep. It returns the shows it touched
-- with how many bookings expired there.
WITH due AS (
    SELECT b.id FROM booking.bookings b
    WHERE b.status IN ('held', 'pending_payment')
      AND b.hold_expires_at <= now()
    ORDER BY b.hold_expires_at
    LIMIT sqlc.arg(batch)::int
), seats AS MATERIALIZED (
    SELECT ss.show_id, ss.seat, ss.booking_id FROM booking.show_seats ss
    WHERE ss.booking_id = ANY(ARRAY(SELECT id FROM due)) AND ss.state = 'held'
    ORDER BY ss.show_id, ss.seat
    FOR UPDATE OF ss SKIP LOCKED
), claimed AS MATERIALIZED (
    SELECT b.id FROM booking.bookings b
    WHERE b.id = ANY(ARRAY(SELECT id FROM due))
      AND b.status IN ('held', 'pending_payment') AND b.hold_expires_at <= now()
      AND NOT EXISTS (SELECT 1 FROM booking.show_seats o
                      WHERE o.booking_id = b.id AND o.state = 'held'
                        AND NOT EXISTS (SELECT 1 FROM seats s WHERE s.show_id = o.show_id AND s.seat = o.seat))
    ORDER BY b.id
    FOR NO KEY UPDATE OF b SKIP LOCKED
), gone AS (
    UPDATE booking.bookings gb SET status = 'expired', updated_at = now()
    WHERE gb.id = ANY(ARRAY(SELECT id FROM claimed))
    RETURNING gb.id, gb.show_id
), gone_seats AS (
    UPDATE booking.booking_seats SET live = false
    WHERE booking_id = ANY(ARRAY(SELECT id FROM gone)) AND live IS TRUE
    RETURNING booking_id
), gone_events AS (
    INSERT INTO booking.booking_events (booking_id, status, note)
    SELECT g.id, 'expired', sqlc.arg(note)::text FROM gone g
    RETURNING booking_id
), freed AS (
    UPDATE booking.show_seats fs SET state = 'free', booking_id = NULL, hold_expires_at = NULL
    FROM seats s
    WHERE fs.show_id = s.show_id AND fs.seat = s.seat AND s.booking_id = ANY(ARRAY(SELECT id FROM gone))
    RETURNING fs.show_id
)
SELECT g.show_id, count(*)::int AS bookings
FROM gone g
GROUP BY g.show_id
ORDER BY g.show_id;
