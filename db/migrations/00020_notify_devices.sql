-- +goose Up
-- Native app devices (Firebase Cloud Messaging on Android, APNs on iOS)
-- registered through the API for the native push channel. Web push
-- subscriptions stay in notify.push_subscriptions. A token names one app
-- install: registering it again (for anyone) takes it over, as a browser's
-- push endpoint does.
CREATE TABLE notify.device_tokens (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id     bigint      NOT NULL,
    platform    text        NOT NULL CHECK (platform IN ('fcm', 'apns')),
    token       text        NOT NULL,
    app_id      text        NOT NULL DEFAULT '',
    device_name text        NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (platform, token)
);
CREATE INDEX device_tokens_user_idx ON notify.device_tokens (user_id, id);

-- A native push to a device while no FCM/APNs provider is configured is
-- recorded as skipped, with the reason, instead of pretending it was sent.
ALTER TABLE notify.deliveries DROP CONSTRAINT deliveries_status_check;
ALTER TABLE notify.deliveries ADD CONSTRAINT deliveries_status_check
    CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'skipped'));

-- +goose Down
DELETE FROM notify.deliveries WHERE status = 'skipped';
ALTER TABLE notify.deliveries DROP CONSTRAINT deliveries_status_check;
ALTER TABLE notify.deliveries ADD CONSTRAINT deliveries_status_check
    CHECK (status IN ('pending', 'sending', 'sent', 'failed'));
DROP TABLE notify.device_tokens;
