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
