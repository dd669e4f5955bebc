-- +goose Up
-- Recommendations come in three lists now: movies, "Showtimes for you" and
-- "Theaters you may like". rec_list says which list a click (and the
-- booking attributed to it) came from, so the feedback loop is measured per
-- list as well as per place (from_rec). A click on a suggested theater is
-- a 'click' event with theater_id set and movie_id 0: it names no movie.
ALTER TABLE recommend.events
    ADD COLUMN rec_list   text CHECK (rec_list IN ('movies', 'shows', 'theaters')),
    ADD COLUMN theater_id bigint;
ALTER TABLE recommend.user_movies
    ADD COLUMN rec_list text CHECK (rec_list IN ('movies', 'shows'));

-- +goose Down
ALTER TABLE recommend.user_movies DROP COLUMN rec_list;
ALTER TABLE recommend.events DROP COLUMN theater_id, DROP COLUMN rec_list;
