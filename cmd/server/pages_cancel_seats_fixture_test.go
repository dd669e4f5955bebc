package main

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"
)

// cancelSeats is the form that cancels some seats and food of a
// confirmed booking of three seats with nachos and water (the best 3 on
// the next unused show, paid by card), as its buyer opens it from the
// booking page.
func (f *pageFixtures) cancelSeats() string {
	return f.once("cancel-seats", func() string {
		return fmt.Sprintf("/bookings/%d/cancel-seats", f.paidBookingWithFood(3))
	})
}

// paidBookingWithFood is a confirmed booking of the best n seats of the
// next unused show with two nachos and a bottled water of its theater's
// demo menu, paid by card.
func (f *pageFixtures) paidBookingWithFood(n int) int64 {
	t, show := f.t, f.nextShow()
	f.signInBuyer()
	var hold struct {
		ID int64 `json:"id"`
	}
	apiJSON(t, f.buyer, f.token, http.MethodPost, fmt.Sprintf("/api/v1/shows/%d/holds", show), map[string]int{"best": n},
		http.StatusCreated, &hold)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	pool, err := pgxpool.New(ctx, f.dbURL)
	require.NoError(t, err)
	defer pool.Close()
	var nachos, water int64
	require.NoError(t, pool.QueryRow(ctx, `SELECT max(m.id) FILTER (WHERE m.name = 'Nachos'), max(m.id) FILTER (WHERE m.name = 'Bottled water')
		FROM catalog.menu_items m JOIN catalog.shows s ON s.theater_id = m.theater_id WHERE s.id = $1`, show).Scan(&nachos, &water))
	apiJSON(t, f.buyer, f.token, http.MethodPut, fmt.Sprintf("/api/v1/bookings/%d/food", hold.ID),
		map[string]any{"items": []map[string]any{{"menu_item_id": nachos, "qty": 2}, {"menu_item_id": water, "qty": 1}}}, http.StatusOK, nil)
	res, body := f.buyer.Post(t, f.startPaying(hold.ID)+"/card", url.Values{"number": {"4242 4242 4242 4242"},
		"expiry": {"12/40"}, "cvc": {"123"}, "name": {"Casey Customer"}})
	require.Less(t, res.StatusCode, 400, body)
	require.Eventually(t, func() bool {
		var b struct {
			Status string `json:"status"`
		}
		apiJSON(t, f.buyer, f.token, http.MethodGet, fmt.Sprintf("/api/v1/bookings/%d", hold.ID), nil, http.StatusOK, &b)
		return b.Status == "confirmed"
	}, 2*time.Minute, 50*time.Millisecond, "the booking is confirmed")
	return hold.ID
}
