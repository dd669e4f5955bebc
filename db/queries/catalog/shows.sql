-- name: ShowInsert :one
INSERT INTO catalog.shows (movie_id, screen_id, theater_id, starts_at, ends_at, clean_until, language, format,
    subtitles, prices, seats_total, seats_available)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)
RETURNING *;

-- name: ShowGet :one
SELECT * FROM catalog.shows WHERE id = $1;

-- name: ShowCancel :one
UPDATE catalog.shows SET status = 'cancelled' WHERE id = $1 AND status = 'scheduled' RETURNING *;

-- name: ShowSetPrices :exec
UPDATE catalog.shows SET prices = $2 WHERE id = $1;

-- name: ShowSetAvailability :exec
UPDATE catalog.shows SET seats_available = $2 WHERE id = $1;

-- name: ShowOverlapping :many
-- Live shows on the screen whose busy time meets [starts, clean_until).
SELECT s.*, m.title AS movie_title
FROM catalog.shows s JOIN catalog.movies m ON m.id = s.movie_id
WHERE s.screen_id = $1 AND s.status <> 'cancelled'
  AND tstzrange(s.starts_at, s.clean_until) && tstzrange(sqlc.arg(starts)::timestamptz, sqlc.arg(clean_until)::timestamptz)
ORDER BY s.starts_at;

-- name: ShowListForMovieInCity :many
-- Bookable and sold-out shows of a movie in a city within [from, until).
SELECT sqlc.embed(s), t.name AS theater_name, t.slug AS theater_slug, sc.name AS screen_name
FROM catalog.shows s
JOIN catalog.theaters t ON t.id = s.theater_id
JOIN catalog.screens sc ON sc.id = s.screen_id
WHERE s.movie_id = $1 AND t.city_slug = $2 AND s.status <> 'cancelled'
  AND s.starts_at >= sqlc.arg(from_time)::timestamptz AND s.starts_at < sqlc.arg(until_time)::timestamptz
ORDER BY t.name, s.starts_at;

-- name: ShowListForTheater :many
SELECT sqlc.embed(s), m.title AS movie_title, m.slug AS movie_slug, m.certification, m.runtime_minutes,
       m.poster_image_id, m.poster_palette, sc.name AS screen_name
FROM catalog.shows s
JOIN catalog.movies m ON m.id = s.movie_id
JOIN catalog.screens sc ON sc.id = s.screen_id
WHERE s.theater_id = $1 AND s.status <> 'cancelled'
  AND s.starts_at >= sqlc.arg(from_time)::timestamptz AND s.starts_at < sqlc.arg(until_time)::timestamptz
ORDER BY m.popularity DESC, m.title, s.starts_at;

-- name: ShowListAdmin :many
SELECT sqlc.embed(s), m.title AS movie_title, t.name AS theater_name, sc.name AS screen_name
FROM catalog.shows s
JOIN catalog.movies m ON m.id = s.movie_id
JOIN catalog.theaters t ON t.id = s.theater_id
JOIN catalog.screens sc ON sc.id = s.screen_id
WHERE (sqlc.narg(theater_id)::bigint IS NULL OR s.theater_id = sqlc.narg(theater_id))
  AND (sqlc.narg(movie_id)::bigint IS NULL OR s.movie_id = sqlc.narg(movie_id))
  AND (sqlc.arg(all_theaters)::bool OR t.chain_id = ANY(sqlc.arg(chain_ids)::bigint[])
       OR t.id = ANY(sqlc.arg(theater_ids)::bigint[]))
  AND s.starts_at >= sqlc.arg(from_time)::timestamptz AND s.starts_at < sqlc.arg(until_time)::timestamptz
ORDER BY s.starts_at, t.name, sc.name
LIMIT 500;

-- name: ShowDatesForMovieInCity :many
-- Start times of the movie's upcoming shows in the city (for the date strip).
SELECT s.starts_at FROM catalog.shows s JOIN catalog.theaters t ON t.id = s.theater_id
WHERE s.movie_id = $1 AND t.city_slug = $2 AND s.status <> 'cancelled'
  AND s.starts_at >= sqlc.arg(from_time)::timestamptz AND s.starts_at < sqlc.arg(until_time)::timestamptz;

-- name: ShowIDsUpcomingOnScreen :many
-- Live shows on the screen that have not ended.
SELECT id FROM catalog.shows WHERE screen_id = $1 AND status <> 'cancelled' AND ends_at > now();

-- name: ShowAdminListByIDs :many
-- Shows with what the admin pages print about them: the names of their
-- movie, theater and screen, the theater's time zone and the city's currency.
SELECT sqlc.embed(s), m.title AS movie_title, t.name AS theater_name, t.time_zone, c.currency, sc.name AS screen_name
FROM catalog.shows s
JOIN catalog.movies m ON m.id = s.movie_id
JOIN catalog.theaters t ON t.id = s.theater_id
JOIN catalog.cities c ON c.slug = t.city_slug
JOIN catalog.screens sc ON sc.id = s.screen_id
WHERE s.id = ANY(sqlc.arg(ids)::bigint[]);

-- name: ShowAdminLiveOnScreens :many
-- Live shows on any of the screens whose busy time meets [from, until): what
-- an import is checked against.
SELECT s.id, s.screen_id, s.starts_at, s.clean_until, m.title AS movie_title
FROM catalog.shows s JOIN catalog.movies m ON m.id = s.movie_id
WHERE s.screen_id = ANY(sqlc.arg(screen_ids)::bigint[]) AND s.status <> 'cancelled'
  AND tstzrange(s.starts_at, s.clean_until) && tstzrange(sqlc.arg(from_time)::timestamptz, sqlc.arg(until_time)::timestamptz)
ORDER BY s.screen_id, s.starts_at;

-- For the search index (search.Source).
-- name: ShowListLiveAfter :many
-- Scheduled shows still to start, by id, for a full reindex.
SELECT * FROM catalog.shows
WHERE id > $1 AND status <> 'cancelled' AND starts_at > now()
ORDER BY id LIMIT $2;

-- name: ShowListByIDs :many
SELECT * FROM catalog.shows WHERE id = ANY(sqlc.arg(ids)::bigint[]);

-- name: ShowListLiveForTheater :many
SELECT * FROM catalog.shows
WHERE theater_id = $1 AND status <> 'cancelled' AND starts_at > now()
ORDER BY id;

-- For the recommendations model (recommend.Catalog); read-only.
-- name: ShowDemandByCity :many
-- Per city and movie, the live shows starting in [from_time, until_time)
-- and the seats already sold for them.
SELECT t.city_slug, s.movie_id, count(*)::int AS shows,
       sum(s.seats_total - s.seats_available)::bigint AS seats_sold
FROM catalog.shows s JOIN catalog.theaters t ON t.id = s.theater_id
WHERE s.status <> 'cancelled' AND s.starts_at >= sqlc.arg(from_time) AND s.starts_at < sqlc.arg(until_time)
GROUP BY t.city_slug, s.movie_id
ORDER BY t.city_slug, s.movie_id;

-- For the API (GET /api/v1/cities, /api/v1/movies/{id}).
-- name: ShowCountByCity :many
-- Live shows per city starting in [from_time, until_time).
SELECT t.city_slug, count(*)::int AS shows
FROM catalog.shows s JOIN catalog.theaters t ON t.id = s.theater_id
WHERE s.status <> 'cancelled' AND s.starts_at >= sqlc.arg(from_time)::timestamptz AND s.starts_at < sqlc.arg(until_time)::timestamptz
GROUP BY t.city_slug;

-- name: ShowListPublicForMovie :many
-- A movie's live shows starting in [from_time, until_time), in
-- sqlc.narg(city_slug) or everywhere, by theater name, theater and start.
SELECT sqlc.embed(s), t.name AS theater_name, t.slug AS theater_slug, t.city_slug, t.time_zone,
       c.currency, sc.name AS screen_name
FROM catalog.shows s
JOIN catalog.theaters t ON t.id = s.theater_id
JOIN catalog.cities c ON c.slug = t.city_slug
JOIN catalog.screens sc ON sc.id = s.screen_id
WHERE s.movie_id = sqlc.arg(movie_id) AND s.status <> 'cancelled'
  AND (sqlc.narg(city_slug)::text IS NULL OR t.city_slug = sqlc.narg(city_slug))
  AND s.starts_at >= sqlc.arg(from_time)::timestamptz AND s.starts_at < sqlc.arg(until_time)::timestamptz
ORDER BY t.name, t.id, s.starts_at, s.id;
