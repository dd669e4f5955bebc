-- name: MovieInsert :one
INSERT INTO catalog.movies (slug, title, tagline, synopsis, runtime_minutes, release_date, certification,
    original_language, dubbed_languages, subtitle_languages, genres, formats, status, poster_palette,
    trailer_url, rating, rating_count, popularity)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
RETURNING *;

-- name: MovieUpdate :one
UPDATE catalog.movies SET title = $2, tagline = $3, synopsis = $4, runtime_minutes = $5, release_date = $6,
    certification = $7, original_language = $8, dubbed_languages = $9, subtitle_languages = $10,
    genres = $11, formats = $12, status = $13, trailer_url = $14, updated_at = now()
WHERE id = $1
RETURNING *;

-- name: MovieSetPoster :exec
UPDATE catalog.movies SET poster_image_id = $2, updated_at = now() WHERE id = $1;

-- name: MovieSetStatus :exec
UPDATE catalog.movies SET status = $2, updated_at = now() WHERE id = $1;

-- name: MovieSetRating :exec
UPDATE catalog.movies SET rating = $2, rating_count = $3, updated_at = now() WHERE id = $1;

-- name: MovieGet :one
SELECT * FROM catalog.movies WHERE id = $1;

-- name: MovieGetBySlug :one
SELECT * FROM catalog.movies WHERE slug = $1;

-- name: MovieSlugExists :one
SELECT EXISTS (SELECT 1 FROM catalog.movies WHERE slug = $1);

-- name: MovieListAdmin :many
SELECT * FROM catalog.movies
WHERE (sqlc.narg(status)::text IS NULL OR status = sqlc.narg(status))
  AND (sqlc.narg(query)::text IS NULL OR title ILIKE '%' || sqlc.narg(query) || '%')
ORDER BY status = 'archived', release_date DESC, title
LIMIT sqlc.arg(lim) OFFSET sqlc.arg(off);

-- name: MovieCountAdmin :one
SELECT count(*) FROM catalog.movies
WHERE (sqlc.narg(status)::text IS NULL OR status = sqlc.narg(status))
  AND (sqlc.narg(query)::text IS NULL OR title ILIKE '%' || sqlc.narg(query) || '%');

-- name: MovieListNowShowingInCity :many
-- The most popular movies with a show in the city before until, with the
-- formats and languages they play in there. Movies are walked in popularity
-- order and each one's shows aggregated through the (movie, start) index, so
-- the cost follows the limit, not the number of shows.
SELECT sqlc.embed(m), agg.city_formats, agg.city_languages, agg.next_show
FROM catalog.movies m
CROSS JOIN LATERAL (
    SELECT array_agg(DISTINCT s.format ORDER BY s.format)::text[]     AS city_formats,
           array_agg(DISTINCT s.language ORDER BY s.language)::text[] AS city_languages,
           min(s.starts_at)::timestamptz                               AS next_show
    FROM catalog.shows s
    JOIN catalog.theaters t ON t.id = s.theater_id AND t.city_slug = sqlc.arg(city_slug)
    WHERE s.movie_id = m.id AND s.status <> 'cancelled'
      AND s.starts_at > sqlc.arg(from_time)::timestamptz AND s.starts_at < sqlc.arg(until_time)::timestamptz
) agg
WHERE m.status = 'now_showing' AND agg.next_show IS NOT NULL
ORDER BY m.popularity DESC, m.title
LIMIT sqlc.arg(lim);

-- name: MovieListComingSoon :many
SELECT * FROM catalog.movies WHERE status = 'coming_soon' ORDER BY release_date, title LIMIT $1;

-- name: MovieListByIDs :many
SELECT * FROM catalog.movies WHERE id = ANY(sqlc.arg(ids)::bigint[]);

-- name: GenreList :many
SELECT DISTINCT g::text AS genre FROM catalog.movies, unnest(genres) AS g WHERE status <> 'archived' ORDER BY 1;

-- name: LanguageList :many
SELECT DISTINCT l::text AS language FROM catalog.movies, unnest(array_prepend(original_language, dubbed_languages)) AS l
WHERE status <> 'archived' ORDER BY 1;

-- name: MovieAdminChoices :many
-- Every movie with what scheduling needs, by title.
SELECT id, slug, title, status, runtime_minutes, original_language, dubbed_languages, subtitle_languages, formats
FROM catalog.movies ORDER BY title, id;

-- name: MovieAdminBySlugs :many
SELECT * FROM catalog.movies WHERE slug = ANY(sqlc.arg(slugs)::text[]);

-- For the search index (search.Source).
-- name: MovieListAfter :many
SELECT * FROM catalog.movies WHERE id > $1 ORDER BY id LIMIT $2;

-- For the recommendations model (recommend.Catalog); read-only.
-- name: MovieListForRecommend :many
-- Every movie that is not archived, by id.
SELECT * FROM catalog.movies WHERE status <> 'archived' ORDER BY id;

-- For the API's movie list (GET /api/v1/movies).
-- name: MovieListPublic :many
-- One keyset page of movies, most popular first (ties by id): those of
-- sqlc.narg(status), or every one not archived. With a city, only movies
-- with a live show there starting in [from_time, until_time), and the
-- format and language filters apply to those shows; without one, to the
-- movie's own formats and languages.
SELECT m.* FROM catalog.movies m
WHERE (CASE WHEN sqlc.narg(status)::text IS NULL THEN m.status <> 'archived' ELSE m.status = sqlc.narg(status) END)
  AND (sqlc.narg(genre)::text IS NULL OR sqlc.narg(genre) = ANY(m.genres))
  AND (sqlc.narg(city_slug)::text IS NOT NULL OR sqlc.narg(format)::text IS NULL OR sqlc.narg(format) = ANY(m.formats))
  AND (sqlc.narg(city_slug)::text IS NOT NULL OR sqlc.narg(language)::text IS NULL
       OR sqlc.narg(language) = m.original_language OR sqlc.narg(language) = ANY(m.dubbed_languages))
  AND (sqlc.narg(city_slug)::text IS NULL OR EXISTS (
      SELECT 1 FROM catalog.shows s JOIN catalog.theaters t ON t.id = s.theater_id
      WHERE s.movie_id = m.id AND t.city_slug = sqlc.narg(city_slug) AND s.status <> 'cancelled'
        AND s.starts_at >= sqlc.arg(from_time)::timestamptz AND s.starts_at < sqlc.arg(until_time)::timestamptz
        AND (sqlc.narg(format)::text IS NULL OR s.format = sqlc.narg(format))
        AND (sqlc.narg(language)::text IS NULL OR s.language = sqlc.narg(language))))
  AND (-m.popularity::bigint, m.id) > (sqlc.arg(after_rank)::bigint, sqlc.arg(after_id)::bigint)
ORDER BY m.popularity DESC, m.id
LIMIT sqlc.arg(lim);
