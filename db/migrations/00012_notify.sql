-- +goose Up
-- Notifications: messages, their deliveries on each channel, preferences,
-- push subscriptions, follows, and notify's own record of bookings (for
-- reminders and "past bookers of a movie"), so it never reads booking's tables.
CREATE SCHEMA notify;

-- One message to one person. dedup_key makes asking twice harmless
-- ("booking.confirmed:42"); data is what the templates render.
CREATE TABLE notify.messages (
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    dedup_key  text        NOT NULL UNIQUE,
    kind       text        NOT NULL,
    category   text        NOT NULL CHECK (category IN ('transactional', 'reminders', 'follows', 'alerts', 'offers')),
    -- NULL for messages to an address without (or before) an account.
    user_id    bigint,
    -- The address for account messages; '' means the user's own.
    email      text        NOT NULL DEFAULT '',
    data       jsonb       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX messages_user_idx ON notify.messages (user_id, created_at DESC);

-- Every attempt to reach someone on a channel. The unique key means a
-- retried or duplicated job finds the row and never sends twice.
CREATE TABLE notify.deliveries (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message_id  bigint      NOT NULL REFERENCES notify.messages (id) ON DELETE CASCADE,
    channel     text        NOT NULL CHECK (channel IN ('email', 'sms', 'push')),
    -- Email address, masked phone number, or push subscription ("push:12").
    recipient   text        NOT NULL,
    provider    text        NOT NULL,
    status      text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
    attempts    integer     NOT NULL DEFAULT 0,
    provider_id text        NOT NULL DEFAULT '',
    error       text        NOT NULL DEFAULT '',
    subject     text        NOT NULL DEFAULT '',
    body_text   text        NOT NULL DEFAULT '',
    body_html   text        NOT NULL DEFAULT '',
    -- A claimed delivery belongs to one worker until lease_until; a worker
    -- that died mid-send leaves it to be retried after that.
    lease_until timestamptz,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    sent_at     timestamptz,
    UNIQUE (message_id, channel, recipient)
);
CREATE INDEX deliveries_recent_idx ON notify.deliveries (id DESC);
CREATE INDEX deliveries_status_idx ON notify.deliveries (status, id DESC);

-- Channels a user wants per category; no row means the defaults.
CREATE TABLE notify.preferences (
    user_id    bigint      NOT NULL,
    category   text        NOT NULL CHECK (category IN ('transactional', 'reminders', 'follows', 'alerts', 'offers')),
    email      boolean     NOT NULL,
    sms        boolean     NOT NULL,
    push       boolean     NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, category)
);
CREATE INDEX preferences_optin_idx ON notify.preferences (category, user_id) WHERE email OR sms OR push;

-- Quiet hours for marketing messages, in minutes after local midnight.
CREATE TABLE notify.settings (
    user_id     bigint      PRIMARY KEY,
    quiet_on    boolean     NOT NULL,
    quiet_from  smallint    NOT NULL CHECK (quiet_from BETWEEN 0 AND 1439),
    quiet_to    smallint    NOT NULL CHECK (quiet_to BETWEEN 0 AND 1439),
    time_zone   text        NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- Devices that receive web push.
CREATE TABLE notify.push_subscriptions (
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id    bigint      NOT NULL,
    endpoint   text        NOT NULL UNIQUE,
    p256dh     text        NOT NULL,
    auth       text        NOT NULL,
    user_agent text        NOT NULL DEFAULT '',
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX push_subscriptions_user_idx ON notify.push_subscriptions (user_id);

-- Confirmed bookings as booking told us: the reminder to drop when one is
-- cancelled, and who booked which movie (offer segments).
CREATE TABLE notify.bookings (
    booking_id      bigint      PRIMARY KEY,
    user_id         bigint      NOT NULL,
    movie_id        bigint      NOT NULL,
    starts_at       timestamptz NOT NULL,
    cancelled       boolean     NOT NULL DEFAULT false,
    reminder_job_id bigint,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX bookings_movie_idx ON notify.bookings (movie_id, user_id) WHERE NOT cancelled;
CREATE INDEX bookings_user_idx ON notify.bookings (user_id);

-- "Notify me" on a coming-soon movie; notified_at is set once the
-- "bookings open" message went out.
CREATE TABLE notify.follows (
    user_id     bigint      NOT NULL,
    movie_id    bigint      NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    notified_at timestamptz,
    PRIMARY KEY (user_id, movie_id)
);
CREATE INDEX follows_waiting_idx ON notify.follows (movie_id, user_id) WHERE notified_at IS NULL;

-- Offers written by an admin and sent to a segment.
CREATE TABLE notify.announcements (
    id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    subject       text        NOT NULL,
    body          text        NOT NULL,
    link_url      text        NOT NULL DEFAULT '',
    segment       text        NOT NULL CHECK (segment IN ('all', 'city', 'genre', 'movie')),
    segment_value text        NOT NULL DEFAULT '',
    segment_label text        NOT NULL DEFAULT '',
    created_by    bigint      NOT NULL,
    recipients    integer     NOT NULL DEFAULT 0,
    status        text        NOT NULL DEFAULT 'sending' CHECK (status IN ('sending', 'sent')),
    created_at    timestamptz NOT NULL DEFAULT now(),
    finished_at   timestamptz
);

-- +goose Down
DROP SCHEMA notify CASCADE;
