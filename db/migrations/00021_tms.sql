-- +goose Up
-- Theater management system (TMS) sync: a theater's connection to the
-- JSON feed its TMS publishes, what each external id became here, and a
-- log of every run. Catalogue and booking ids are plain ids (no foreign
-- keys across schemas).
CREATE SCHEMA tms;

CREATE TABLE tms.connections (
    id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    theater_id       bigint      NOT NULL UNIQUE,
    feed_url         text        NOT NULL,
    -- The bearer key, sealed with the app's data key (sealer), never plain.
    key_sealed       text        NOT NULL DEFAULT '',
    enabled          boolean     NOT NULL DEFAULT false,
    interval_minutes integer     NOT NULL DEFAULT 15 CHECK (interval_minutes BETWEEN 1 AND 1440),
    -- The feed's last ETag, sent back as If-None-Match.
    etag             text        NOT NULL DEFAULT '',
    last_run_at      timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now()
);

-- A TMS film is a catalogue movie.
CREATE TABLE tms.films (
    connection_id bigint NOT NULL REFERENCES tms.connections (id) ON DELETE CASCADE,
    external_id   text   NOT NULL,
    movie_id      bigint NOT NULL,
    PRIMARY KEY (connection_id, external_id)
);

-- A TMS session is a catalogue show; blocked are the seats Marquee blocked
-- because the TMS sold them, so a seat the TMS frees again is freed here.
CREATE TABLE tms.sessions (
    connection_id bigint      NOT NULL REFERENCES tms.connections (id) ON DELETE CASCADE,
    external_id   text        NOT NULL,
    show_id       bigint      NOT NULL,
    starts_at     timestamptz NOT NULL,
    blocked       text[]      NOT NULL DEFAULT '{}',
    cancelled     boolean     NOT NULL DEFAULT false,
    PRIMARY KEY (connection_id, external_id)
);

-- One run of the sync: ok (applied, or nothing new), refused (a bad row:
-- nothing applied) or failed (the feed could not be read, or applying
-- stopped part way). log is a JSON array of {"level","message"} lines.
CREATE TABLE tms.runs (
    id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    connection_id bigint      NOT NULL REFERENCES tms.connections (id) ON DELETE CASCADE,
    started_at    timestamptz NOT NULL,
    finished_at   timestamptz,
    status        text        NOT NULL CHECK (status IN ('running', 'ok', 'refused', 'failed')),
    scheduled     integer     NOT NULL DEFAULT 0,
    moved         integer     NOT NULL DEFAULT 0,
    cancelled     integer     NOT NULL DEFAULT 0,
    repriced      integer     NOT NULL DEFAULT 0,
    seats_blocked integer     NOT NULL DEFAULT 0,
    refused       integer     NOT NULL DEFAULT 0,
    log           jsonb       NOT NULL DEFAULT '[]'
);
CREATE INDEX runs_connection_idx ON tms.runs (connection_id, id DESC);

-- +goose Down
DROP SCHEMA tms CASCADE;
