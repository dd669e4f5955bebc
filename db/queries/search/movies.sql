-- name: MovieDocUpsert :exec
-- Writes movie documents in bulk (one element per movie in every array).
-- The tsvector weighs title (A) > cast and crew (B) > genres and languages
-- (C) > synopsis (D); see the migration for the configurations. Lists are
-- '|'-joined (arrays of arrays must be rectangular); a rating of -1 is none.
INSERT INTO search.movies (movie_id, slug, title, title_fold, names_fold, director, top_cast, tagline, genres,
    languages, certification, status, release_date, runtime, rating, popularity, poster_url, document, updated_at)
SELECT u.movie_id, u.slug, u.title, search.fold(u.title), search.fold(u.names || ' ' || u.original_language || ' ' || u.keywords), u.director,
    string_to_array(u.top_cast, '|'), u.tagline, string_to_array(u.genres, '|'), string_to_array(u.languages, '|'),
    u.certification, u.status, u.release_date, u.runtime, NULLIF(u.rating, -1), u.popularity, u.poster_url,
    setweight(to_tsvector('simple', search.fold(u.title)), 'A')
    || setweight(to_tsvector('simple', search.fold(u.names || ' ' || u.original_language)), 'B')
    || setweight(to_tsvector('simple', search.fold(u.keywords)) || to_tsvector('english', search.fold(u.keywords)), 'C')
    || setweight(to_tsvector('english', search.fold(u.synopsis)), 'D'),
    now()
FROM (SELECT unnest(@movie_id::bigint[]) AS movie_id,
    unnest(@slug::text[]) AS slug,
    unnest(@title::text[]) AS title,
    unnest(@names::text[]) AS names,
    unnest(@original_language::text[]) AS original_language,
    unnest(@director::text[]) AS director,
    unnest(@top_cast::text[]) AS top_cast,
    unnest(@tagline::text[]) AS tagline,
    unnest(@genres::text[]) AS genres,
    unnest(@languages::text[]) AS languages,
    unnest(@keywords::text[]) AS keywords,
    unnest(@certification::text[]) AS certification,
    unnest(@status::text[]) AS status,
    unnest(@release_date::date[]) AS release_date,
    unnest(@runtime::int[]) AS runtime,
    unnest(@rating::float8[]) AS rating,
    unnest(@popularity::int[]) AS popularity,
    unnest(@poster_url::text[]) AS poster_url,
    unnest(@synopsis::text[]) AS synopsis) u
ON CONFLICT (movie_id) DO UPDATE SET
    slug = EXCLUDED.slug, title = EXCLUDED.title, title_fold = EXCLUDED.title_fold,
    names_fold = EXCLUDED.names_fold, director = EXCLUDED.director, top_cast = EXCLUDED.top_cast,
    tagline = EXCLUDED.tagline, genres = EXCLUDED.genres, languages = EXCLUDED.languages,
    certification = EXCLUDED.certification, status = EXCLUDED.status, release_date = EXCLUDED.release_date,
    runtime = EXCLUDED.runtime, rating = EXCLUDED.rating, popularity = EXCLUDED.popularity,
    poster_url = EXCLUDED.poster_url, document = EXCLUDED.document, updated_at = now();

-- name: MovieDocDelete :exec
DELETE FROM search.movies WHERE movie_id = $1;

-- name: MovieDocCount :one
SELECT count(*) FROM search.movies;

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

-- name: SuggestMovies :many
-- As-you-type movies: the words typed so far as prefixes, best first. The
-- service adds each movie's next show in the city from memory.
WITH q AS MATERIALIZED (SELECT to_tsquery('simple', search.fold(@prefix::text)) AS prefix, search.fold(@q::text) AS folded)
SELECT m.movie_id,
    (ts_rank(m.document, q.prefix)
     + greatest(similarity(m.title_fold, q.folded), word_similarity(q.folded, m.title_fold))
     + 0.3 * least(m.popularity, 100) / 100.0
     + CASE WHEN m.title_fold LIKE q.folded || '%' THEN 1 ELSE 0 END)::float8 AS score
FROM q JOIN search.movies m ON m.document @@ q.prefix
WHERE m.status <> 'archived'
ORDER BY score DESC, m.movie_id
LIMIT @lim::int;

-- name: SuggestMoviesFuzzy :many
-- The second try when no title starts so: titles within trigram distance,
-- found through the word dictionary (see SearchMatchFuzzy).
WITH q AS MATERIALIZED (SELECT search.fold(@q::text) AS folded),
near AS (
    SELECT DISTINCT mw.movie_id
    FROM (SELECT DISTINCT w FROM q, regexp_split_to_table(q.folded, '[^[:alnum:]]+') w WHERE length(w) >= 2 LIMIT 8) qw
    JOIN search.words d ON d.word % qw.w
    JOIN search.movie_words mw ON mw.word = d.word
)
SELECT m.movie_id,
    (greatest(similarity(m.title_fold, q.folded), word_similarity(q.folded, m.title_fold))
     + 0.3 * least(m.popularity, 100) / 100.0)::float8 AS score
FROM q, near JOIN search.movies m ON m.movie_id = near.movie_id
WHERE m.status <> 'archived' AND (m.title_fold % q.folded OR m.title_fold %> q.folded)
ORDER BY score DESC, m.movie_id
LIMIT @lim::int;
