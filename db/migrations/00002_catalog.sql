-- +goose Up
-- The catalogue: what is playing where and when.
CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE SCHEMA catalog;

CREATE TABLE catalog.cities (
    slug      text PRIMARY KEY CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    name      text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 80),
    time_zone text NOT NULL,
    currency  text NOT NULL CHECK (currency ~ '^[A-Z]{3}$')
);

-- Uploaded images (posters), kept in the database so every app instance
-- serves them.
CREATE TABLE catalog.images (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    content_type text        NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp')),
    data         bytea       NOT NULL,
    sha256       text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE catalog.movies (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug               text        NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    title              text        NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    tagline            text        NOT NULL DEFAULT '',
    synopsis           text        NOT NULL DEFAULT '',
    runtime_minutes    integer     NOT NULL CHECK (runtime_minutes BETWEEN 1 AND 600),
    release_date       date        NOT NULL,
    certification      text        NOT NULL,
    original_language  text        NOT NULL,
    dubbed_languages   text[]      NOT NULL DEFAULT '{}',
    subtitle_languages text[]      NOT NULL DEFAULT '{}',
    genres             text[]      NOT NULL DEFAULT '{}',
    formats            text[]      NOT NULL DEFAULT '{2D}',
    status             text        NOT NULL CHECK (status IN ('coming_soon', 'now_showing', 'archived')),
    poster_image_id    bigint      REFERENCES catalog.images (id) ON DELETE SET NULL,
    poster_palette     text[]      NOT NULL DEFAULT '{"#1a1822","#f5b82e"}',
    trailer_url        text        NOT NULL DEFAULT '',
    rating             numeric(3, 1) CHECK (rating BETWEEN 0 AND 10),
    rating_count       integer     NOT NULL DEFAULT 0,
    popularity         integer     NOT NULL DEFAULT 0,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX movies_status_idx ON catalog.movies (status, popularity DESC);

CREATE TABLE catalog.people (
    id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 120)
);

-- Cast (character set) and crew (job set), in billing order.
CREATE TABLE catalog.credits (
    movie_id  bigint  NOT NULL REFERENCES catalog.movies (id) ON DELETE CASCADE,
    person_id bigint  NOT NULL REFERENCES catalog.people (id),
    position  integer NOT NULL,
    kind      text    NOT NULL CHECK (kind IN ('cast', 'crew')),
    role      text    NOT NULL DEFAULT '', -- character for cast, job for crew
    PRIMARY KEY (movie_id, kind, position)
);
CREATE INDEX credits_person_idx ON catalog.credits (person_id);

CREATE TABLE catalog.theaters (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug             text             NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    name             text             NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
    city_slug        text             NOT NULL REFERENCES catalog.cities (slug),
    address          text             NOT NULL DEFAULT '',
    latitude         double precision CHECK (latitude BETWEEN -90 AND 90),
    longitude        double precision CHECK (longitude BETWEEN -180 AND 180),
    time_zone        text             NOT NULL,
    amenities        text[]           NOT NULL DEFAULT '{}',
    -- Trailers before the film and cleaning after it, for show end times.
    trailer_minutes  integer          NOT NULL DEFAULT 15 CHECK (trailer_minutes BETWEEN 0 AND 60),
    cleaning_minutes integer          NOT NULL DEFAULT 15 CHECK (cleaning_minutes BETWEEN 0 AND 120),
    created_at       timestamptz      NOT NULL DEFAULT now()
);
CREATE INDEX theaters_city_idx ON catalog.theaters (city_slug);

-- A screen's layout is JSON: rows front (nearest the screen) first, each a
-- label and one code per column: s p r w c (standard, premium, recliner,
-- wheelchair space, companion), upper case when blocked, '.' for a gap.
CREATE TABLE catalog.screens (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    theater_id bigint      NOT NULL REFERENCES catalog.theaters (id) ON DELETE CASCADE,
    name       text        NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
    formats    text[]      NOT NULL CHECK (cardinality(formats) > 0),
    layout     jsonb       NOT NULL,
    seat_count integer     NOT NULL CHECK (seat_count >= 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (theater_id, name)
);

-- Price rules: the most specific rule that matches a show's seat category,
-- day (weekday/weekend) and daypart (matinee before 17:00 local/evening) wins.
CREATE TABLE catalog.price_rules (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    theater_id   bigint NOT NULL REFERENCES catalog.theaters (id) ON DELETE CASCADE,
    category     text   NOT NULL CHECK (category IN ('standard', 'premium', 'recliner', 'wheelchair', 'companion')),
    day_kind     text   NOT NULL DEFAULT 'any' CHECK (day_kind IN ('any', 'weekday', 'weekend')),
    daypart      text   NOT NULL DEFAULT 'any' CHECK (daypart IN ('any', 'matinee', 'evening')),
    amount_minor bigint NOT NULL CHECK (amount_minor >= 0),
    UNIQUE (theater_id, category, day_kind, daypart)
);

CREATE TABLE catalog.shows (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    movie_id        bigint      NOT NULL REFERENCES catalog.movies (id),
    screen_id       bigint      NOT NULL REFERENCES catalog.screens (id),
    theater_id      bigint      NOT NULL REFERENCES catalog.theaters (id),
    starts_at       timestamptz NOT NULL,
    ends_at         timestamptz NOT NULL,  -- the film ends (after trailers + runtime)
    clean_until     timestamptz NOT NULL,  -- the screen is free again
    language        text        NOT NULL,
    format          text        NOT NULL,
    subtitles       text        NOT NULL DEFAULT '',
    -- Price per seat category in the city's currency's minor unit.
    prices          jsonb       NOT NULL,
    status          text        NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled')),
    seats_total     integer     NOT NULL CHECK (seats_total >= 0),
    seats_available integer     NOT NULL CHECK (seats_available >= 0),
    created_at      timestamptz NOT NULL DEFAULT now(),
    CHECK (starts_at < ends_at AND ends_at <= clean_until),
    -- Two live shows never share a screen, cleaning included, whoever wins
    -- the race to schedule them.
    CONSTRAINT shows_no_overlap EXCLUDE USING gist (
        screen_id WITH =, tstzrange(starts_at, clean_until) WITH &&
    ) WHERE (status <> 'cancelled')
);
CREATE INDEX shows_movie_starts_idx ON catalog.shows (movie_id, starts_at) WHERE status <> 'cancelled';
CREATE INDEX shows_theater_starts_idx ON catalog.shows (theater_id, starts_at) WHERE status <> 'cancelled';
CREATE INDEX shows_starts_idx ON catalog.shows (starts_at) WHERE status <> 'cancelled';
-- Queries say status <> 'cancelled' (not = 'scheduled') so these partial
-- indexes apply.

-- +goose Down
DROP SCHEMA catalog CASCADE;
DROP EXTENSION IF EXISTS btree_gist;
