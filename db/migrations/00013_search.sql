-- +goose Up
-- Search keeps its own documents, built from catalogue changes by River
-- jobs, so searching never reads the catalogue's tables.
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE SCHEMA search;

-- fold lower-cases and strips accents ("Inés" -> "ines"). unaccent() is only
-- STABLE (its dictionary could change); naming the dictionary makes this
-- wrapper safe to declare IMMUTABLE for index expressions.
CREATE FUNCTION search.fold(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    RETURN lower(public.unaccent('public.unaccent'::regdictionary, $1));

-- Cities with theaters: their time zone decides what "today" means.
CREATE TABLE search.cities (
    slug      text PRIMARY KEY,
    name      text NOT NULL,
    time_zone text NOT NULL,
    currency  text NOT NULL
);

-- One document per movie that is not archived. The tsvector weighs the title
-- (A) above cast and crew names (B), genres and languages (C) and the
-- synopsis (D). Titles, names, genres and languages use the 'simple'
-- configuration (titles are in many languages; no stemming); the synopsis
-- is English and stemmed. Queries search both configurations.
CREATE TABLE search.movies (
    movie_id       bigint PRIMARY KEY,
    slug           text          NOT NULL,
    title          text          NOT NULL,
    title_fold     text          NOT NULL,
    names_fold     text          NOT NULL DEFAULT '', -- names, languages, genres: for typos
    director       text          NOT NULL DEFAULT '',
    top_cast       text[]        NOT NULL DEFAULT '{}',
    tagline        text          NOT NULL DEFAULT '',
    genres         text[]        NOT NULL DEFAULT '{}',
    languages      text[]        NOT NULL DEFAULT '{}',
    certification  text          NOT NULL,
    status         text          NOT NULL,
    release_date   date          NOT NULL,
    runtime        integer       NOT NULL,
    rating         double precision,
    popularity     integer       NOT NULL DEFAULT 0,
    poster_url     text          NOT NULL,
    document       tsvector      NOT NULL,
    updated_at     timestamptz   NOT NULL DEFAULT now()
);
-- GIN indexes here skip the pending list (fastupdate): a search must not
-- scan a long list of unmerged entries after a burst of writes.
CREATE INDEX movies_document_idx ON search.movies USING gin (document) WITH (fastupdate = off);

-- What the in-memory index holds of a movie (everything but the text).
CREATE VIEW search.movie_facts AS
SELECT movie_id, slug, title, status, poster_url, genres, languages, certification, runtime, rating, popularity,
    director, top_cast, tagline, release_date
FROM search.movies;

-- Typo tolerance looks words up, not titles: search.words holds each
-- distinct word of the titles, names, languages and genres (a few thousand,
-- however many movies), searched by trigram similarity; movie_words leads
-- from a near word to its movies. Trigram search over the titles themselves
-- would compare every title sharing a common word ("Midnight ...").
CREATE TABLE search.words (
    word text PRIMARY KEY
);
CREATE INDEX words_trgm_idx ON search.words USING gin (word gin_trgm_ops) WITH (fastupdate = off);

CREATE TABLE search.movie_words (
    word     text   NOT NULL,
    movie_id bigint NOT NULL REFERENCES search.movies (movie_id) ON DELETE CASCADE,
    PRIMARY KEY (word, movie_id)
);
CREATE INDEX movie_words_movie_idx ON search.movie_words (movie_id);

-- People credited on indexed movies, for suggestions and "did you mean".
CREATE TABLE search.credits (
    movie_id  bigint  NOT NULL REFERENCES search.movies (movie_id) ON DELETE CASCADE,
    position  integer NOT NULL,
    kind      text    NOT NULL,
    name      text    NOT NULL,
    name_fold text    NOT NULL,
    role      text    NOT NULL DEFAULT '',
    PRIMARY KEY (movie_id, kind, position)
);
CREATE INDEX credits_name_trgm_idx ON search.credits USING gin (name_fold gin_trgm_ops) WITH (fastupdate = off);

CREATE TABLE search.theaters (
    theater_id bigint PRIMARY KEY,
    slug       text     NOT NULL,
    name       text     NOT NULL,
    name_fold  text     NOT NULL,
    city_slug  text     NOT NULL,
    address    text     NOT NULL DEFAULT '',
    wheelchair boolean  NOT NULL DEFAULT false,
    document   tsvector NOT NULL
);
CREATE INDEX theaters_city_idx ON search.theaters (city_slug);
CREATE INDEX theaters_document_idx ON search.theaters USING gin (document) WITH (fastupdate = off);
CREATE INDEX theaters_name_trgm_idx ON search.theaters USING gin (name_fold gin_trgm_ops) WITH (fastupdate = off);

-- One row per live (not cancelled) show, with everything the filters need.
-- Shows that have started stay until the next reindex. Searches do not read
-- this table: each server keeps the upcoming shows in memory, loaded once
-- and then kept current by the notifications every index write sends
-- (channel search_index), and filters, counts and ranks there.
CREATE TABLE search.shows (
    show_id         bigint PRIMARY KEY,
    movie_id        bigint      NOT NULL,
    theater_id      bigint      NOT NULL,
    theater_slug    text        NOT NULL,
    theater_name    text        NOT NULL,
    city_slug       text        NOT NULL,
    starts_at       timestamptz NOT NULL,
    local_date      date        NOT NULL,
    local_time      text        NOT NULL, -- "18:45" in the theater's zone
    daypart         text        NOT NULL CHECK (daypart IN ('morning', 'afternoon', 'evening', 'night')),
    language        text        NOT NULL,
    format          text        NOT NULL,
    subtitles       text        NOT NULL DEFAULT '',
    price_from      bigint      NOT NULL, -- cheapest seat, minor units
    currency        text        NOT NULL,
    seats_available integer     NOT NULL,
    seats_total     integer     NOT NULL,
    wheelchair      boolean     NOT NULL
);
CREATE INDEX shows_starts_idx ON search.shows (starts_at);
CREATE INDEX shows_theater_idx ON search.shows (theater_id);

-- +goose Down
DROP SCHEMA search CASCADE;
