-- name: CreditDocDeleteForMovies :exec
DELETE FROM search.credits WHERE movie_id = ANY(@movie_ids::bigint[]);

-- name: CreditDocInsert :exec
INSERT INTO search.credits (movie_id, position, kind, name, name_fold, role)
SELECT u.movie_id, u.position, u.kind, u.name, search.fold(u.name), u.role
FROM (SELECT unnest(@movie_id::bigint[]) AS movie_id,
    unnest(@position::int[]) AS position,
    unnest(@kind::text[]) AS kind,
    unnest(@name::text[]) AS name,
    unnest(@role::text[]) AS role) u;

-- name: DidYouMeanName :one
-- The credited name closest to a query that matched nothing exactly, with
-- its similarity (the service compares it with the closest title).
WITH q AS MATERIALIZED (SELECT search.fold(@q::text) AS folded)
SELECT c.name::text AS name, similarity(c.name_fold, q.folded)::float8 AS sim
FROM q JOIN search.credits c ON c.name_fold % q.folded OR c.name_fold %> q.folded
ORDER BY sim DESC, name
LIMIT 1;

-- name: SuggestPeople :many
-- People whose name is like what was typed, with how many indexed movies
-- credit them and one of those titles.
WITH q AS MATERIALIZED (SELECT search.fold(@q::text) AS folded)
SELECT c.name, count(DISTINCT c.movie_id)::int AS movies, min(m.title)::text AS known_for,
    max(greatest(similarity(c.name_fold, q.folded), word_similarity(q.folded, c.name_fold)))::float8 AS score
FROM q JOIN search.credits c ON c.name_fold % q.folded OR c.name_fold %> q.folded
JOIN search.movies m ON m.movie_id = c.movie_id AND m.status <> 'archived'
GROUP BY c.name
ORDER BY score DESC, c.name
LIMIT @lim::int;
