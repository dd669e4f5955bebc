-- Bulk reads for the search index (search.Source).

-- name: MovieListAfter :many
SELECT * FROM catalog.movies WHERE id > $1 ORDER BY id LIMIT $2;

-- name: CreditListForMovies :many
SELECT c.movie_id, c.kind, c.position, c.role, p.id AS person_id, p.name
FROM catalog.credits c JOIN catalog.people p ON p.id = c.person_id
WHERE c.movie_id = ANY(sqlc.arg(movie_ids)::bigint[])
ORDER BY c.movie_id, c.kind, c.position;

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

-- name: ScreenListAll :many
SELECT * FROM catalog.screens ORDER BY id;
