-- name: RoomScopes :many
-- Every room's scope and pace, for the gate's in-memory snapshot.
SELECT id, show_id, movie_id, on_sale_at, rate_per_minute, next_slot FROM waitroom.rooms;

-- name: RoomGet :one
SELECT * FROM waitroom.rooms WHERE id = $1;

-- name: RoomList :many
-- The rooms for the staff page, latest on-sale first, with how many
-- buyers wait and how many have been let in by now.
SELECT r.*,
       (SELECT count(*) FROM waitroom.entries e WHERE e.room_id = r.id AND e.admit_at > sqlc.arg(now)::timestamptz) AS waiting,
       (SELECT count(*) FROM waitroom.entries e WHERE e.room_id = r.id AND e.admit_at <= sqlc.arg(now)::timestamptz) AS admitted
FROM waitroom.rooms r
ORDER BY r.on_sale_at DESC, r.id DESC
LIMIT 200;

-- name: RoomSaveForShow :one
-- Creates the show's room or changes its on-sale time and rate; places
-- already given keep their admission times.
INSERT INTO waitroom.rooms (show_id, label, time_zone, on_sale_at, rate_per_minute)
VALUES (@show_id, @label, @time_zone, @on_sale_at, @rate_per_minute)
ON CONFLICT (show_id) DO UPDATE SET label = excluded.label, time_zone = excluded.time_zone,
    on_sale_at = excluded.on_sale_at, rate_per_minute = excluded.rate_per_minute, updated_at = now()
RETURNING *;

-- name: RoomSaveForMovie :one
INSERT INTO waitroom.rooms (movie_id, label, time_zone, on_sale_at, rate_per_minute)
VALUES (@movie_id, @label, @time_zone, @on_sale_at, @rate_per_minute)
ON CONFLICT (movie_id) DO UPDATE SET label = excluded.label, time_zone = excluded.time_zone,
    on_sale_at = excluded.on_sale_at, rate_per_minute = excluded.rate_per_minute, updated_at = now()
RETURNING *;

-- name: RoomDelete :execrows
DELETE FROM waitroom.rooms WHERE id = $1;
