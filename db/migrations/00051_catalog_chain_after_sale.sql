-- +goose Up
-- What a chain lets its buyers do after the sale. exchange_any_movie: an
-- exchange may move a booking to any of the chain's shows, not only to
-- another show of the same movie. transfer_limit: how many times one
-- booking's tickets may be passed on (NULL: the site's default).
ALTER TABLE catalog.chains
    ADD COLUMN exchange_any_movie boolean NOT NULL DEFAULT false,
    ADD COLUMN transfer_limit     integer CHECK (transfer_limit BETWEEN 0 AND 20);

-- +goose Down
ALTER TABLE catalog.chains DROP COLUMN exchange_any_movie, DROP COLUMN transfer_limit;
