-- name: SearchTruncate :exec
TRUNCATE search.credits, search.movie_words, search.words, search.movies, search.theaters, search.shows, search.cities;

-- name: NotifyIndexChanged :exec
-- Tells every server's in-memory index what changed, when the transaction
-- commits (see changeNote).
SELECT pg_notify('search_index', @payload::text);
