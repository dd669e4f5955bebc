-- +goose Up
-- Recommendations: what users do (interactions), what they think (ratings),
-- and the model computed from both (similar movies, popularity by city,
-- personal lists), served straight from these tables.
CREATE SCHEMA recommend;

-- The signal log, append-only: one row per thing a user did. from_rec names
-- the surface of the recommendation a click or booking came from.
CREATE TABLE recommend.events (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id    bigint      NOT NULL,
    movie_id   bigint      NOT NULL,
    kind       text        NOT NULL CHECK (kind IN ('view', 'click', 'follow', 'booking', 'cancellation', 'rating', 'dismiss')),
    from_rec   text        CHECK (from_rec IN ('home', 'movie', 'booking', 'email', 'api')),
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX events_user_idx ON recommend.events (user_id, created_at);
CREATE INDEX events_rec_idx ON recommend.events (created_at) WHERE from_rec IS NOT NULL;

-- What the model reads: one row per user and movie they touched, kept
-- current by every interaction. bookings counts live (not cancelled) ones.
CREATE TABLE recommend.user_movies (
    user_id        bigint      NOT NULL,
    movie_id       bigint      NOT NULL,
    bookings       integer     NOT NULL DEFAULT 0 CHECK (bookings >= 0),
    views          integer     NOT NULL DEFAULT 0,
    clicks         integer     NOT NULL DEFAULT 0,
    followed       boolean     NOT NULL DEFAULT false,
    dismissed      boolean     NOT NULL DEFAULT false,
    stars          smallint    CHECK (stars BETWEEN 1 AND 5),
    -- The last click on a recommendation of this movie, and where it was.
    rec_clicked_at timestamptz,
    rec_surface    text,
    updated_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, movie_id)
);
CREATE INDEX user_movies_movie_idx ON recommend.user_movies (movie_id);

-- Ratings and reviews: one per user per movie, editable; staff hide
-- reviews that break the rules (the stars still count).
CREATE TABLE recommend.ratings (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id    bigint      NOT NULL,
    movie_id   bigint      NOT NULL,
    stars      smallint    NOT NULL CHECK (stars BETWEEN 1 AND 5),
    review     text        NOT NULL DEFAULT '' CHECK (length(review) <= 1000),
    author     text        NOT NULL DEFAULT '' CHECK (length(author) <= 100),
    hidden     boolean     NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (user_id, movie_id)
);
CREATE INDEX ratings_movie_idx ON recommend.ratings (movie_id, updated_at DESC);
CREATE INDEX ratings_recent_idx ON recommend.ratings (updated_at DESC) WHERE review <> '';

-- Each movie's nearest neighbours (collaborative and content similarity
-- blended), with the reason people see ("Also directed by ...").
CREATE TABLE recommend.similar (
    movie_id   bigint NOT NULL,
    similar_id bigint NOT NULL,
    score      double precision NOT NULL,
    reason     text             NOT NULL,
    PRIMARY KEY (movie_id, similar_id)
);

-- Movies with shows in a city in the coming week, and how popular they are
-- there (seats sold for those shows, recent bookings).
CREATE TABLE recommend.city_movies (
    city_slug text   NOT NULL,
    movie_id  bigint NOT NULL,
    score     double precision   NOT NULL,
    PRIMARY KEY (city_slug, movie_id)
);
CREATE INDEX city_movies_rank_idx ON recommend.city_movies (city_slug, score DESC);

-- Movie features the per-user job scores taste with between full runs:
-- "g:Thriller", "l:Hindi", "d:<director>", "c:<actor>", each with its
-- weight (same position in weights).
CREATE TABLE recommend.movie_features (
    movie_id   bigint             PRIMARY KEY,
    title      text               NOT NULL,
    features   text[]             NOT NULL,
    weights    double precision[] NOT NULL,
    popularity double precision   NOT NULL
);

-- Each user's personal list: scored movies with the reason shown.
CREATE TABLE recommend.user_recs (
    user_id  bigint NOT NULL,
    movie_id bigint NOT NULL,
    score    double precision   NOT NULL,
    reason   text   NOT NULL,
    PRIMARY KEY (user_id, movie_id)
);
CREATE INDEX user_recs_rank_idx ON recommend.user_recs (user_id, score DESC);

-- One row per full recompute, so instances know when to reload the model.
CREATE TABLE recommend.model_runs (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    users       integer     NOT NULL,
    movies      integer     NOT NULL,
    duration_ms integer     NOT NULL,
    finished_at timestamptz NOT NULL DEFAULT now()
);

-- +goose Down
DROP SCHEMA recommend CASCADE;
