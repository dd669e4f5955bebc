package booking_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/marqueehq/marquee/internal/app/apptest"
	"github.com/marqueehq/marquee/internal/booking"
)

// benchBuyers is how many buyers rush the show at once.
const benchBuyers = 64

// benchSeats picks 1-4 seats side by side in a random row of the test
// screen (rows B..J, 20 seats each).
func benchSeats(rng *rand.Rand) []string {
	row, n := "BCDEFGHIJ"[rng.IntN(9)], 1+rng.IntN(4)
	first := 1 + rng.IntN(21-n)
	seats := make([]string, n)
	for i := range seats {
		seats[i] = fmt.Sprintf("%c%d", row, first+i)
	}
	return seats
}

// benchRush calls buy from benchBuyers goroutines (buyer ids 1..64) and
// reports held bookings per second and the share of seat_taken answers.
func benchRush(b *testing.B, buy func(buyer int, rng *rand.Rand) (taken bool, err error)) {
	var buyers, held, taken atomic.Int64
	b.SetParallelism(max(1, benchBuyers/runtime.GOMAXPROCS(0)))
	b.ResetTimer()
	start := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		buyer := int(buyers.Add(1))
		rng := rand.New(rand.NewPCG(uint64(buyer), uint64(start.UnixNano())))
		for pb.Next() {
			lost, err := buy(buyer, rng)
			if err != nil {
				b.Error(err)
				return
			}
			if lost {
				taken.Add(1)
			} else {
				held.Add(1)
			}
		}
	})
	elapsed := time.Since(start)
	b.ReportMetric(float64(held.Load())/elapsed.Seconds(), "holds/s")
	b.ReportMetric(100*float64(taken.Load())/float64(max(1, held.Load()+taken.Load())), "%taken")
}

// BenchmarkHold is the on-sale rush on Service.Hold: 64 buyers hold 1-4
// seats side by side on one show and release them again at once (as
// make bench-onsale does through the API). Profile it with
//
//	go test -run '^$' -bench 'Hold$' -cpuprofile /tmp/hold.prof ./internal/booking/
func BenchmarkHold(b *testing.B) {
	tb := setup(b)
	ctx := context.Background()
	benchRush(b, func(buyer int, rng *rand.Rand) (bool, error) {
		h, err := tb.svc.Hold(ctx, int64(buyer), tb.show.ID, benchSeats(rng))
		if errors.Is(err, booking.ErrSeatTaken) {
			return true, nil
		}
		if err != nil {
			return false, err
		}
		return false, tb.svc.Release(ctx, int64(buyer), h.ID)
	})
}

// BenchmarkAPIHold is the same rush through the JSON API (router,
// middleware, bearer tokens, JSON): what a mobile app's hold costs.
func BenchmarkAPIHold(b *testing.B) {
	// The rush comes from one address and outruns the per-minute hold
	// and API limits, which are not what this measures.
	ab := httpSetup(b, apptest.Options{Env: map[string]string{"HOLD_RATE_PER_ACCOUNT": "0", "HOLD_RATE_PER_IP": "0",
		"RATE_SIGNIN_PER_IP": "0", "RATE_API_PER_IP": "0", "RATE_API_PER_TOKEN": "0"}})
	tokens := make([]string, benchBuyers+1)
	for i := 1; i <= benchBuyers; i++ {
		tokens[i] = ab.buyer(b, fmt.Sprintf("Rush%d", i)).token
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: benchBuyers}}
	holds := fmt.Sprintf("%s/api/v1/shows/%d/holds", ab.URL, ab.show.ID)
	benchRush(b, func(buyer int, rng *rand.Rand) (bool, error) {
		body := `{"seats":["` + strings.Join(benchSeats(rng), `","`) + `"]}`
		status, loc, err := benchCall(client, http.MethodPost, holds, tokens[buyer], body)
		if err != nil || status == http.StatusConflict {
			return status == http.StatusConflict, err
		}
		if status != http.StatusCreated {
			return false, fmt.Errorf("hold: HTTP %d", status)
		}
		id := strings.TrimPrefix(loc, "/api/v1/bookings/")
		status, _, err = benchCall(client, http.MethodDelete, ab.URL+"/api/v1/holds/"+id, tokens[buyer], "")
		if err == nil && status != http.StatusNoContent {
			err = fmt.Errorf("release: HTTP %d", status)
		}
		return false, err
	})
}

// benchCall sends one API request and returns its status and Location.
func benchCall(client *http.Client, method, url, token, body string) (int, string, error) {
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		return 0, "", err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := client.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer res.Body.Close()
	_, err = io.Copy(io.Discard, res.Body)
	return res.StatusCode, res.Header.Get("Location"), err
}
