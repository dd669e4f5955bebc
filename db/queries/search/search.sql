-- name: SearchMatch :many
-- The movies whose text matches a search, with their text score: the query
-- in websearch syntax (in both the simple and the English configuration)
-- or its words as prefixes (@prefix, "lant:* & kee:*"). Filters, facets,
-- show times and the final ranking are applied in memory (see live.go).
-- Statements here run as prepared statements with a generic plan; q is
-- MATERIALIZED so search.fold and the tsqueries are computed once, not
-- once per row.
WITH q AS MATERIALIZED (
    SELECT websearch_to_tsquery('simple', search.fold(@q::text))
            || websearch_to_tsquery('english', search.fold(@q)) AS words,
        to_tsquery('simple', search.fold(@prefix::text)) AS prefix,
        search.fold(@q) AS folded
)
SELECT m.movie_id,
    (ts_rank(m.document, q.words) + 0.5 * ts_rank(m.document, q.prefix) + similarity(m.title_fold, q.folded)
        + CASE WHEN m.title_fold = q.folded THEN 1 ELSE 0 END)::float8 AS text_score
FROM q JOIN search.movies m ON m.document @@ q.words OR m.document @@ q.prefix
WHERE m.status <> 'archived';

-- name: SearchMatchFuzzy :many
-- The second try when nothing matches word for word: movies whose title is
-- within trigram distance of the query, or whose title or names hold it
-- with typos (the % and %> operators' tests, each similarity computed
-- once). Candidates are the movies of the dictionary words near each query
-- word (search.words), so only those titles are compared. title_sim and
-- title_match serve "did you mean".
WITH q AS MATERIALIZED (
    SELECT search.fold(@q::text) AS folded,
        current_setting('pg_trgm.similarity_threshold')::float4 AS sim_min,
        current_setting('pg_trgm.word_similarity_threshold')::float4 AS word_min
),
near AS (
    SELECT DISTINCT mw.movie_id
    FROM (SELECT DISTINCT w FROM q, regexp_split_to_table(q.folded, '[^[:alnum:]]+') w WHERE length(w) >= 2 LIMIT 8) qw
    JOIN search.words d ON d.word % qw.w
    JOIN search.movie_words mw ON mw.word = d.word
),
scored AS (
    SELECT m.movie_id, q.sim_min, q.word_min,
        similarity(m.title_fold, q.folded) AS title_sim,
        word_similarity(q.folded, m.title_fold) AS title_word,
        word_similarity(q.folded, m.names_fold) AS names_word
    FROM q, near JOIN search.movies m ON m.movie_id = near.movie_id
    WHERE m.status <> 'archived'
)
SELECT movie_id, greatest(title_sim, title_word, 0.8 * names_word)::float8 AS text_score,
    title_sim::float8 AS title_sim, (title_sim >= sim_min OR title_word >= word_min)::bool AS title_match
FROM scored
WHERE title_sim >= sim_min OR title_word >= word_min OR names_word >= word_min;

-- name: DidYouMeanName :one
-- The credited name closest to a query that matched nothing exactly, with
-- its similarity (the service compares it with the closest title).
WITH q AS MATERIALIZED (SELECT search.fold(@q::text) AS folded)
SELECT c.name::text AS name, similarity(c.name_fold, q.folded)::float8 AS sim
FROM q JOIN search.credits c ON c.name_fold % q.folded OR c.name_fold %> q.folded
ORDER BY sim DESC, name
LIMIT 1;

-- name: MovieFactsAll :many
-- Every indexed movie's facts, for loading the in-memory index.
SELECT sqlc.embed(f) FROM search.movie_facts f;

-- name: MovieFactsByIDs :many
SELECT sqlc.embed(f) FROM search.movie_facts f WHERE f.movie_id = ANY(@movie_ids::bigint[]);

-- name: ShowFactsUpcoming :many
-- Shows starting after @after, for loading the in-memory index.
SELECT sqlc.embed(s) FROM search.shows s WHERE s.starts_at > @after::timestamptz;

-- name: ShowFactsByIDs :many
SELECT sqlc.embed(s) FROM search.shows s WHERE s.show_id = ANY(@show_ids::bigint[]);

-- name: ShowFactsOfTheaters :many
SELECT sqlc.embed(s) FROM search.shows s WHERE s.theater_id = ANY(@theater_ids::bigint[]);

-- name: NotifyIndexChanged :exec
-- Tells every server's in-memory index what changed, when the transaction
-- commits (see changeNote).
SELECT pg_notify('search_index', @payload::text);
