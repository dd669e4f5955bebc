-- +goose Up
-- Roles at a cinema, granted per chain (theater_id NULL: every theater of
-- the chain) or per theater. chain_id and theater_id are the catalogue's
-- ids (plain ids across modules). A grant on a theater names its chain
-- too, so a chain's admins can list everyone working in it.
CREATE TABLE account.staff_roles (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id    bigint      NOT NULL REFERENCES account.users (id) ON DELETE CASCADE,
    role       text        NOT NULL CHECK (role IN ('chain_admin', 'theater_manager', 'box_office', 'door')),
    chain_id   bigint      NOT NULL,
    theater_id bigint,
    granted_by bigint,
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK (role <> 'chain_admin' OR theater_id IS NULL)
);
-- One role per person per place: granting again replaces the role.
CREATE UNIQUE INDEX staff_roles_place_idx ON account.staff_roles (user_id, chain_id, coalesce(theater_id, 0));
CREATE INDEX staff_roles_chain_idx ON account.staff_roles (chain_id, theater_id);

-- +goose Down
DROP TABLE account.staff_roles;
