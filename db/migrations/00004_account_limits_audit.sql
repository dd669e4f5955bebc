-- +goose Up
-- Failed sign-ins per key ("email:..." or "ip:..."), shared by every app
-- instance: a key locks after too many failures inside a window.
CREATE TABLE account.login_failures (
    key          text        PRIMARY KEY,
    failures     integer     NOT NULL,
    window_start timestamptz NOT NULL,
    locked_until timestamptz
);

-- Security-relevant events admins can read: role changes, admin sign-ins.
CREATE TABLE account.audit_log (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at         timestamptz NOT NULL DEFAULT now(),
    actor_id   bigint      REFERENCES account.users (id) ON DELETE SET NULL,
    action     text        NOT NULL,
    subject_id bigint      REFERENCES account.users (id) ON DELETE SET NULL,
    detail     text        NOT NULL DEFAULT '',
    ip         text        NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at_idx ON account.audit_log (at DESC);

-- +goose Down
DROP TABLE account.audit_log;
DROP TABLE account.login_failures;
