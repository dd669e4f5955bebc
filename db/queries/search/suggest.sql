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

-- name: SuggestTheaters :many
-- Theaters by name in the city (all cities when @city is '').
WITH q AS MATERIALIZED (SELECT to_tsquery('simple', search.fold(@prefix::text)) AS prefix, search.fold(@q::text) AS folded)
SELECT t.theater_id, t.slug, t.name, t.address, t.city_slug,
    (ts_rank(t.document, q.prefix)
     + greatest(similarity(t.name_fold, q.folded), word_similarity(q.folded, t.name_fold)))::float8 AS score
FROM q JOIN search.theaters t ON t.document @@ q.prefix OR t.name_fold % q.folded OR t.name_fold %> q.folded
WHERE (@city::text = '' OR t.city_slug = @city)
ORDER BY score DESC, t.name
LIMIT @lim::int;
