-- name: GenreList :many
SELECT DISTINCT g::text AS genre FROM catalog.movies, unnest(genres) AS g WHERE status <> 'archived' ORDER BY 1;

-- name: LanguageList :many
SELECT DISTINCT l::text AS language FROM catalog.movies, unnest(array_prepend(original_language, dubbed_languages)) AS l
WHERE status <> 'archived' ORDER BY 1;
