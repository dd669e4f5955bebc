-- search.movie_facts is a view over search.movies (see the migration).

-- name: MovieFactsAll :many
-- Every indexed movie's facts, for loading the in-memory index.
SELECT sqlc.embed(f) FROM search.movie_facts f;

-- name: MovieFactsByIDs :many
SELECT sqlc.embed(f) FROM search.movie_facts f WHERE f.movie_id = ANY(@movie_ids::bigint[]);
