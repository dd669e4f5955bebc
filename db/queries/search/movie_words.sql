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
