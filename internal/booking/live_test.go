package booking_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// seatmapStream is an open event stream of a show's seat map.
type seatmapStream struct {
	events <-chan map[string]string // the data of each "seats" event
	res    *http.Response
}

// seatmapSubscribe opens GET /shows/:id/seats/events as EventSource does
// and parses its events in the background until the stream ends.
func (sb *testBundle) seatmapSubscribe(t *testing.T) *seatmapStream {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, sb.URL+sb.seatsURL()+"/events", nil)
	require.NoError(t, err)
	req.Header.Set("Accept", "text/event-stream")
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	t.Cleanup(func() { res.Body.Close() })
	require.Equal(t, http.StatusOK, res.StatusCode)
	events := make(chan map[string]string, 100)
	go func() {
		defer close(events)
		sc := bufio.NewScanner(res.Body)
		var name, data string
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				data = strings.TrimPrefix(line, "data: ")
			case line == "" && name == "seats":
				var states map[string]string
				if json.Unmarshal([]byte(data), &states) == nil {
					events <- states
				}
				name, data = "", ""
			}
		}
	}()
	return &seatmapStream{events: events, res: res}
}

// next waits for an event in which check holds; the bound only keeps a
// broken stream from hanging the test on a busy machine.
func (s *seatmapStream) next(t *testing.T, what string, check func(map[string]string) bool) map[string]string {
	t.Helper()
	deadline := time.After(time.Minute)
	for {
		select {
		case ev, ok := <-s.events:
			require.True(t, ok, "the stream ended while waiting for %s", what)
			if check(ev) {
				return ev
			}
		case <-deadline:
			require.FailNow(t, "no event within a minute: "+what)
		}
	}
}

func TestLiveSeatMapHearsAHoldWithinTwoSeconds(t *testing.T) {
	t.Parallel()
	sb := seatmapSetup(t)
	stream := sb.seatmapSubscribe(t)
	require.Equal(t, "text/event-stream", stream.res.Header.Get("Content-Type"))
	first := stream.next(t, "the first snapshot", func(map[string]string) bool { return true })
	require.Equal(t, map[string]string{"A1": "blocked"}, first, "only seats that are not free are sent")

	held := make(chan error, 1)
	go func() {
		_, err := sb.svc.Hold(context.Background(), 5, sb.show.ID, []string{"F8", "F9"})
		held <- err
	}()
	ev := stream.next(t, "F8 and F9 held", func(ev map[string]string) bool { return ev["F8"] == "held" })
	require.NoError(t, <-held)
	require.Equal(t, "held", ev["F9"])
	require.Equal(t, "blocked", ev["A1"])
}

func TestLiveSeatMapCoalescesABurstAndEndsWithTheLatestState(t *testing.T) {
	t.Parallel()
	sb := seatmapSetup(t)
	stream := sb.seatmapSubscribe(t)
	stream.next(t, "the first snapshot", func(map[string]string) bool { return true })
	ctx := context.Background()
	for i := 1; i <= 12; i++ {
		_, err := sb.svc.Hold(ctx, int64(100+i), sb.show.ID, []string{fmt.Sprintf("B%d", i)})
		require.NoError(t, err)
	}
	events := 0
	stream.next(t, "all twelve holds", func(ev map[string]string) bool {
		events++
		return len(ev) == 13
	})
	require.Less(t, events, 12, "a burst of changes is sent as fewer refreshes than changes")
}

func TestLiveSeatMapSurvivesALostDatabaseConnection(t *testing.T) {
	t.Parallel()
	sb := seatmapSetup(t)
	stream := sb.seatmapSubscribe(t)
	stream.next(t, "the first snapshot", func(map[string]string) bool { return true })
	ctx := context.Background()
	// Wait for the listener, then cut its connection as a failover would.
	require.Eventually(t, func() bool {
		var n int
		err := sb.pool.QueryRow(ctx, `SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
			WHERE datname = current_database() AND query LIKE 'LISTEN %' AND pid <> pg_backend_pid()`).Scan(&n)
		return err == nil && n == 1
	}, time.Minute, 20*time.Millisecond)

	_, err := sb.svc.Hold(ctx, 9, sb.show.ID, []string{"H4"})
	require.NoError(t, err)
	stream.next(t, "H4 held after the reconnect", func(ev map[string]string) bool { return ev["H4"] == "held" })
}

func TestLiveSeatMapOutlivesTheServerWriteTimeout(t *testing.T) {
	t.Parallel()
	sb := writeTimeoutSetup(t)
	stream := sb.seatmapSubscribe(t)
	stream.next(t, "the first snapshot", func(map[string]string) bool { return true })
	time.Sleep(seatmapWriteTimeout + 500*time.Millisecond)
	_, err := sb.svc.Hold(context.Background(), 11, sb.show.ID, []string{"C3", "C4"})
	require.NoError(t, err)
	stream.next(t, "C3 held after the write timeout", func(ev map[string]string) bool { return ev["C3"] == "held" })
}

func TestLiveSeatMapStreamOfAnUnknownShowIsNotFound(t *testing.T) {
	t.Parallel()
	sb := seatmapSetup(t)
	for _, path := range []string{"/shows/424242/seats/events", "/shows/nope/seats/events"} {
		req, err := http.NewRequest(http.MethodGet, sb.URL+path, nil)
		require.NoError(t, err)
		req.Header.Set("Accept", "text/event-stream")
		res, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		res.Body.Close()
		require.Equal(t, http.StatusNotFound, res.StatusCode, path)
	}
}
