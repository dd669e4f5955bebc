package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// show is the hot show of the rush.
type show struct {
	id                     int64
	title, theater, screen string
	currency               string
	startsAt               time.Time
}

// findShow reads the show from the catalogue's tables: -show, or the first
// scheduled show of -screen in -city that starts in more than an hour (it
// stays on sale through the run).
func findShow(ctx context.Context, pool *pgxpool.Pool, cfg config) (show, error) {
	var s show
	err := pool.QueryRow(ctx, `
		SELECT s.id, m.title, t.name, sc.name, c.currency, s.starts_at
		FROM catalog.shows s
		JOIN catalog.movies m ON m.id = s.movie_id
		JOIN catalog.screens sc ON sc.id = s.screen_id
		JOIN catalog.theaters t ON t.id = s.theater_id
		JOIN catalog.cities c ON c.slug = t.city_slug
		WHERE CASE WHEN $1::bigint > 0 THEN s.id = $1
		           ELSE t.city_slug = $2 AND sc.name = $3 AND s.status = 'scheduled' AND s.starts_at > now() + interval '1 hour' END
		ORDER BY s.starts_at, s.id
		LIMIT 1`, cfg.showID, cfg.city, cfg.screen).Scan(&s.id, &s.title, &s.theater, &s.screen, &s.currency, &s.startsAt)
	if errors.Is(err, pgx.ErrNoRows) {
		if cfg.showID > 0 {
			return show{}, fmt.Errorf("no show %d", cfg.showID)
		}
		return show{}, fmt.Errorf("no show on a screen called %q in %s starting in more than an hour (is the demo data loaded?)", cfg.screen, cfg.city)
	}
	if err != nil {
		return show{}, fmt.Errorf("find the show: %w", err)
	}
	return s, nil
}

// oversell is what the database's consistency checks found on the show.
type oversell struct {
	twice    int // seats in two live bookings
	disagree int // seat rows and booking seats that do not match
}

func (o oversell) total() int { return o.twice + o.disagree }

func (o oversell) String() string {
	return fmt.Sprintf("%d seats in two live bookings, %d seat rows disagreeing with booking seats", o.twice, o.disagree)
}

// checkOversell looks for any seat of the show in two live bookings, any
// held (not run out) or sold seat row without the matching live booking
// seat, and any live booking seat whose seat row points elsewhere.
func checkOversell(ctx context.Context, pool *pgxpool.Pool, showID int64) (oversell, error) {
	var o oversell
	err := pool.QueryRow(ctx, `
		SELECT
		  (SELECT count(*) FROM (SELECT seat FROM booking.booking_seats WHERE show_id = $1 AND live
		                         GROUP BY seat HAVING count(*) > 1) dup),
		  (SELECT count(*) FROM booking.show_seats ss WHERE ss.show_id = $1 AND ss.booking_id IS NOT NULL
		      AND NOT (ss.state = 'held' AND ss.hold_expires_at <= now()) AND NOT EXISTS (
		      SELECT 1 FROM booking.booking_seats bs WHERE bs.booking_id = ss.booking_id AND bs.seat = ss.seat AND bs.live))
		+ (SELECT count(*) FROM booking.booking_seats bs WHERE bs.show_id = $1 AND bs.live AND NOT EXISTS (
		      SELECT 1 FROM booking.show_seats ss WHERE ss.show_id = bs.show_id AND ss.seat = bs.seat AND ss.booking_id = bs.booking_id))`,
		showID).Scan(&o.twice, &o.disagree)
	if err != nil {
		return oversell{}, fmt.Errorf("oversell check: %w", err)
	}
	return o, nil
}
