package main

import (
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/stretchr/testify/require"
)

// paidBookingOn is a confirmed booking of the best n seats of show, paid
// by card.
func (f *pageFixtures) paidBookingOn(show int64, n int) int64 {
	t := f.t
	f.signInBuyer()
	var hold struct {
		ID int64 `json:"id"`
	}
	apiJSON(t, f.buyer, f.token, http.MethodPost, fmt.Sprintf("/api/v1/shows/%d/holds", show), map[string]int{"best": n},
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
	}, 2*time.Minute, 50*time.Millisecond, "the booking is confirmed")
	return hold.ID
}

// exchangeShows is the list of shows a confirmed two-seat booking may
// move to, as its buyer opens it with Change show.
func (f *pageFixtures) exchangeShows() string {
	return f.once("exchange-shows", func() string {
		return fmt.Sprintf("/bookings/%d/exchange", f.exchangeBooking())
	})
}

// exchangeSeats is the seat map of the first show that booking may move
// to, where its buyer picks the new seats.
func (f *pageFixtures) exchangeSeats() string {
	return f.once("exchange-seats", func() string {
		id := f.exchangeBooking()
		var list struct {
			Shows []struct {
				ID int64 `json:"id"`
			} `json:"shows"`
		}
		apiJSON(f.t, f.buyer, f.token, http.MethodGet, fmt.Sprintf("/api/v1/bookings/%d/exchange/shows", id), nil, http.StatusOK, &list)
		require.NotEmpty(f.t, list.Shows, "another show of the movie to move to")
		return fmt.Sprintf("/bookings/%d/exchange/%d", id, list.Shows[0].ID)
	})
}

// exchangeBooking is the two-seat booking both exchange pages open, of a
// show three days ahead at the fixtures' theater (tomorrow's may already
// be inside a chain's cancellation window, when changing show closes).
func (f *pageFixtures) exchangeBooking() int64 {
	var id int64
	_, err := fmt.Sscan(f.once("exchange-booking", func() string {
		var page struct {
			Movies []struct {
				Shows []struct {
					ID int64 `json:"id"`
				} `json:"shows"`
			} `json:"movies"`
		}
		day := time.Now().AddDate(0, 0, 3).Format(time.DateOnly)
		apiJSON(f.t, f.buyer, "", http.MethodGet, fmt.Sprintf("/api/v1/theaters/%d?date=%s", f.theaterID, day), nil, http.StatusOK, &page)
		require.True(f.t, len(page.Movies) > 0 && len(page.Movies[0].Shows) > 0, "shows on %s", day)
		return fmt.Sprint(f.paidBookingOn(page.Movies[0].Shows[0].ID, 2))
	}), &id)
	require.NoError(f.t, err)
	return id
}

// adminWaitlist is a show's waitlist as its theater's manager sees it:
// the show of the waitlist-offer page, with the demo customer's offer.
func (f *pageFixtures) adminWaitlist() string {
	return f.once("admin-waitlist", func() string {
		f.waitlistOffer()
		var list struct {
			Entries []struct {
				ShowID int64  `json:"show_id"`
				State  string `json:"state"`
			} `json:"entries"`
		}
		apiJSON(f.t, f.buyer, f.token, http.MethodGet, "/api/v1/me/waitlist", nil, http.StatusOK, &list)
		for _, e := range list.Entries {
			if e.State == "offered" {
				return fmt.Sprintf("/admin/shows/%d/waitlist", e.ShowID)
			}
		}
		f.t.Fatal("no waitlist offer to show the staff")
		return ""
	})
}
