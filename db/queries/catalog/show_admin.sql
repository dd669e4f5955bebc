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

-- name: ScreenAdminChoices :many
-- Every screen without its layout, for the scheduling forms and imports.
SELECT id, theater_id, name, formats, seat_count FROM catalog.screens ORDER BY theater_id, name;

-- name: MovieAdminChoices :many
-- Every movie with what scheduling needs, by title.
SELECT id, slug, title, status, runtime_minutes, original_language, dubbed_languages, subtitle_languages, formats
FROM catalog.movies ORDER BY title, id;

-- name: MovieAdminBySlugs :many
SELECT * FROM catalog.movies WHERE slug = ANY(sqlc.arg(slugs)::text[]);
