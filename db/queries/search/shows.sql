-- name: ShowDocUpsert :exec
-- Writes show rows in bulk (one element per show in every array).
INSERT INTO search.shows (show_id, movie_id, theater_id, theater_slug, theater_name, city_slug, starts_at,
    local_date, local_time, daypart, language, format, subtitles, price_from, currency, seats_available,
    seats_total, wheelchair)
SELECT unnest(@show_id::bigint[]),
    unnest(@movie_id::bigint[]),
    unnest(@theater_id::bigint[]),
    unnest(@theater_slug::text[]),
    unnest(@theater_name::text[]),
    unnest(@city_slug::text[]),
    unnest(@starts_at::timestamptz[]),
    unnest(@local_date::date[]),
    unnest(@local_time::text[]),
    unnest(@daypart::text[]),
    unnest(@language::text[]),
    unnest(@format::text[]),
    unnest(@subtitles::text[]),
    unnest(@price_from::bigint[]),
    unnest(@currency::text[]),
    unnest(@seats_available::int[]),
    unnest(@seats_total::int[]),
    unnest(@wheelchair::bool[])
ON CONFLICT (show_id) DO UPDATE SET
    movie_id = EXCLUDED.movie_id, theater_id = EXCLUDED.theater_id, theater_slug = EXCLUDED.theater_slug,
    theater_name = EXCLUDED.theater_name, city_slug = EXCLUDED.city_slug, starts_at = EXCLUDED.starts_at,
    local_date = EXCLUDED.local_date, local_time = EXCLUDED.local_time, daypart = EXCLUDED.daypart,
    language = EXCLUDED.language, format = EXCLUDED.format, subtitles = EXCLUDED.subtitles,
    price_from = EXCLUDED.price_from, currency = EXCLUDED.currency, seats_available = EXCLUDED.seats_available,
    seats_total = EXCLUDED.seats_total, wheelchair = EXCLUDED.wheelchair;

-- name: ShowDocDelete :exec
DELETE FROM search.shows WHERE show_id = ANY(@show_ids::bigint[]);

-- name: ShowFactsUpcoming :many
-- Shows starting after @after, for loading the in-memory index.
SELECT sqlc.embed(s) FROM search.shows s WHERE s.starts_at > @after::timestamptz;

-- name: ShowFactsByIDs :many
SELECT sqlc.embed(s) FROM search.shows s WHERE s.show_id = ANY(@show_ids::bigint[]);

-- name: ShowFactsOfTheaters :many
SELECT sqlc.embed(s) FROM search.shows s WHERE s.theater_id = ANY(@theater_ids::bigint[]);
