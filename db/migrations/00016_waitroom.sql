-- +goose Up
-- The waiting room for on-sales: a room in front of one show, or of every
-- show of a movie (its opening), admits buyers in arrival order at a set
-- rate. All of its state lives here, so every app instance agrees.
CREATE SCHEMA waitroom;

CREATE TABLE waitroom.rooms (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- Exactly one of show_id and movie_id (catalogue ids, no foreign key
    -- across schemas). A show's own room wins over its movie's.
    show_id         bigint      UNIQUE,
    movie_id        bigint      UNIQUE,
    -- What staff see in the list ("Dune · Screen 1 · Fri 19:30").
    label           text        NOT NULL,
    -- The IANA zone on_sale_at was typed in, to show it back the same way.
    time_zone       text        NOT NULL,
    on_sale_at      timestamptz NOT NULL,
    rate_per_minute integer     NOT NULL CHECK (rate_per_minute BETWEEN 1 AND 60000),
    -- The admission time the next buyer to join gets (then it moves on by
    -- one slot, 60 s / rate): joining is one UPDATE of this row, so the
    -- row lock orders arrivals across instances.
    next_slot       timestamptz NOT NULL DEFAULT 'epoch',
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CHECK ((show_id IS NULL) <> (movie_id IS NULL))
);

-- One place per account and room: a reload or a second tab finds it again.
CREATE TABLE waitroom.entries (
    room_id   bigint      NOT NULL REFERENCES waitroom.rooms (id) ON DELETE CASCADE,
    user_id   bigint      NOT NULL,
    joined_at timestamptz NOT NULL,
    -- The buyer is admitted from admit_at on, for the admission pass.
    admit_at  timestamptz NOT NULL,
    PRIMARY KEY (room_id, user_id)
);
-- Positions: the entries of a room still waiting, in admission order.
CREATE INDEX entries_room_admit_idx ON waitroom.entries (room_id, admit_at);

-- +goose Down
DROP SCHEMA waitroom CASCADE;
