-- name: TheaterDocUpsert :exec
INSERT INTO search.theaters (theater_id, slug, name, name_fold, city_slug, address, wheelchair, document)
VALUES (@theater_id, @slug, @name, search.fold(@name), @city_slug, @address, @wheelchair,
    setweight(to_tsvector('simple', search.fold(@name)), 'A')
    || setweight(to_tsvector('simple', search.fold(@city_name::text || ' ' || @address)), 'C'))
ON CONFLICT (theater_id) DO UPDATE SET
    slug = EXCLUDED.slug, name = EXCLUDED.name, name_fold = EXCLUDED.name_fold, city_slug = EXCLUDED.city_slug,
    address = EXCLUDED.address, wheelchair = EXCLUDED.wheelchair, document = EXCLUDED.document;

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
