package main

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"
)

// waitlistJoin is the join form of a sold-out show's waitlist, as the demo
// customer opens it: the next unused show with every free seat taken out
// of sale.
func (f *pageFixtures) waitlistJoin() string {
	return f.once("waitlist-join", func() string {
		show := f.nextShow()
		f.blockFreeSeats(show)
		return fmt.Sprintf("/shows/%d/waitlist", show)
	})
}

// waitlistOffer is the page of a seat offered to the demo customer from a
// show's waitlist: on the next unused show they hold one seat, every other
// seat is taken out of sale, they join the line for one seat and give the
// hold up; the waitlist's job offers them that seat.
func (f *pageFixtures) waitlistOffer() string {
	return f.once("waitlist-offer", func() string {
		t := f.t
		f.signInBuyer()
		show := f.nextShow()
		var hold struct {
			ID int64 `json:"id"`
		}
		apiJSON(t, f.buyer, f.token, http.MethodPost, fmt.Sprintf("/api/v1/shows/%d/holds", show), map[string]int{"best": 1},
			http.StatusCreated, &hold)
		f.blockFreeSeats(show)
		apiJSON(t, f.buyer, f.token, http.MethodPost, fmt.Sprintf("/api/v1/shows/%d/waitlist", show), map[string]int{"seats": 1},
			http.StatusCreated, nil)
		apiJSON(t, f.buyer, f.token, http.MethodDelete, fmt.Sprintf("/api/v1/holds/%d", hold.ID), nil, http.StatusNoContent, nil)
		var offer int64
		require.Eventually(t, func() bool {
			var list struct {
				Entries []struct {
					ID     int64  `json:"id"`
					ShowID int64  `json:"show_id"`
					State  string `json:"state"`
				} `json:"entries"`
			}
			apiJSON(t, f.buyer, f.token, http.MethodGet, "/api/v1/me/waitlist", nil, http.StatusOK, &list)
			for _, e := range list.Entries {
				if e.ShowID == show && e.State == "offered" {
					offer = e.ID
				}
			}
			return offer != 0
		}, time.Minute, 100*time.Millisecond, "the seat given up is offered to the line")
		return fmt.Sprintf("/waitlist/offers/%d", offer)
	})
}

// nextShow takes the next unused show of the fixtures.
func (f *pageFixtures) nextShow() int64 {
	require.NotEmpty(f.t, f.others, "an unused show")
	show := f.others[0]
	f.others = f.others[1:]
	return show
}

// blockFreeSeats takes every free seat of the show out of sale, as a
// theater management system that sold them does.
func (f *pageFixtures) blockFreeSeats(show int64) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	pool, err := pgxpool.New(ctx, f.dbURL)
	require.NoError(f.t, err)
	defer pool.Close()
	_, err = pool.Exec(ctx, `UPDATE booking.show_seats SET state = 'blocked' WHERE show_id = $1 AND state = 'free'`, show)
	require.NoError(f.t, err)
}
