-- name: EntryGet :one
SELECT * FROM waitroom.entries WHERE room_id = $1 AND user_id = $2;

-- name: EntryJoin :one
-- Gives the buyer the room's next admission slot, in one statement: the
-- UPDATE locks the room row, so concurrent joins (on any instance) take
-- slots one after another in the order they reach it. The slot is never
-- before the on-sale time nor in the past. A buyer who already has a
-- place keeps it (no row comes back), unless their admission pass ran
-- out, then they queue again at the back.
WITH slot AS (
    UPDATE waitroom.rooms
    SET next_slot = greatest(next_slot, sqlc.arg(now)::timestamptz, on_sale_at)
                    + make_interval(secs => 60.0 / rate_per_minute)
    WHERE id = sqlc.arg(room_id)
    RETURNING next_slot - make_interval(secs => 60.0 / rate_per_minute) AS admit_at
)
INSERT INTO waitroom.entries (room_id, user_id, joined_at, admit_at)
SELECT sqlc.arg(room_id), sqlc.arg(user_id), sqlc.arg(now)::timestamptz, slot.admit_at FROM slot
ON CONFLICT (room_id, user_id) DO UPDATE SET joined_at = excluded.joined_at, admit_at = excluded.admit_at
    WHERE waitroom.entries.admit_at <= sqlc.arg(pass_expired_before)::timestamptz
RETURNING *;

-- name: EntryWaiting :many
-- The admission times of the room's buyers still waiting, in order: the
-- positions of everyone in the queue come from this one read (beyond the
-- first 50,000 they are counted in slots instead).
SELECT admit_at FROM waitroom.entries
WHERE room_id = $1 AND admit_at > sqlc.arg(now)::timestamptz
ORDER BY admit_at
LIMIT 50000;
