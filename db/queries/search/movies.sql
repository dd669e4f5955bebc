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

-- name: MovieWordsDelete :exec
DELETE FROM search.movie_words WHERE movie_id = ANY(@movie_ids::bigint[]);

-- name: MovieWordsInsert :exec
-- Adds the words of the movies' titles and names to the typo dictionary
-- (search.words; words no longer used stay until a reindex, which is
-- harmless: they lead to no movie) and links each movie to its words. The
-- split matches SearchMatchFuzzy's.
WITH w AS (
    SELECT DISTINCT x.word, m.movie_id
    FROM search.movies m, regexp_split_to_table(m.title_fold || ' ' || m.names_fold, '[^[:alnum:]]+') x(word)
    WHERE m.movie_id = ANY(@movie_ids::bigint[]) AND length(x.word) >= 2
),
dictionary AS (
    INSERT INTO search.words (word) SELECT DISTINCT word FROM w ON CONFLICT DO NOTHING
)
INSERT INTO search.movie_words (word, movie_id) SELECT word, movie_id FROM w ON CONFLICT DO NOTHING;
