-- name: DashboardToday :many
-- The admin dashboard in one round trip: how many movies are now showing,
-- then every theater with its live shows starting on the theater's own
-- local day containing sqlc.arg(now). A theater without shows that day comes
-- once, with null show columns; with no theaters at all, one row carries the
-- movie count alone.
SELECT n.movies_now_showing,
       t.id AS theater_id, t.name AS theater_name, t.time_zone,
       s.id AS show_id, s.starts_at, s.ends_at, s.format, s.language,
       s.seats_total, s.seats_available, sc.name AS screen_name, m.title AS movie_title
FROM (SELECT count(*) AS movies_now_showing FROM catalog.movies WHERE status = 'now_showing') n
LEFT JOIN catalog.theaters t ON true
LEFT JOIN catalog.shows s ON s.theater_id = t.id AND s.status <> 'cancelled'
    AND s.starts_at >= date_trunc('day', sqlc.arg(now)::timestamptz AT TIME ZONE t.time_zone) AT TIME ZONE t.time_zone
    AND s.starts_at < (date_trunc('day', sqlc.arg(now)::timestamptz AT TIME ZONE t.time_zone) + interval '1 day') AT TIME ZONE t.time_zone
LEFT JOIN catalog.screens sc ON sc.id = s.screen_id
LEFT JOIN catalog.movies m ON m.id = s.movie_id
ORDER BY t.name, t.id, s.starts_at, sc.name;
