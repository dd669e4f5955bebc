package main

import (
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/stretchr/testify/require"
)

// cancelSeats is the form that cancels some seats of a confirmed booking
// of three seats (the best 3 on the next unused show, paid by card), as
// its buyer opens it from the booking page.
func (f *pageFixtures) cancelSeats() string {
	return f.once("cancel-seats", func() string {
		t := f.t
		f.signInBuyer()
		show := f.others[0]
		f.others = f.others[1:]
		var hold struct {
			ID int64 `json:"id"`
		}
		apiJSON(t, f.buyer, f.token, http.MethodPost, fmt.Sprintf("/api/v1/shows/%d/holds", show), map[string]int{"best": 3},
			http.StatusCreated, &hold)
		res, body := f.buyer.Post(t, f.startPaying(hold.ID)+"/card", url.Values{"number": {"4242 4242 4242 4242"},
			"expiry": {"12/40"}, "cvc": {"123"}, "name": {"Casey Customer"}})
		require.Less(t, res.StatusCode, 400, body)
		require.Eventually(t, func() bool {
			var b struct {
				Status string `json:"status"`
			}
			apiJSON(t, f.buyer, f.token, http.MethodGet, fmt.Sprintf("/api/v1/bookings/%d", hold.ID), nil, http.StatusOK, &b)
			return b.Status == "confirmed"
		}, 2*time.Minute, 50*time.Millisecond, "the three-seat booking is confirmed")
		return fmt.Sprintf("/bookings/%d/cancel-seats", hold.ID)
	})
}
