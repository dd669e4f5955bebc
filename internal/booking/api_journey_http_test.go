package booking_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image/png"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/app/apptest"
	"github.com/marqueehq/marquee/internal/booking"
)

func (ab *testBundle) paid(t *testing.T, id int64) {
	t.Helper()
	require.NoError(t, ab.confirm(t, id))
}

func TestAPIShowDetailHasPricesChargesLimitsAndLiveSeats(t *testing.T) {
	t.Parallel()
	ab := apiSetup(t)
	ada := ab.buyer(t, "Ada")
	ada.hold(t, "F7")
	visitor := &apiBuyer{ab: ab}
	status, raw := visitor.call(t, http.MethodGet, fmt.Sprintf("/api/v1/shows/%d", ab.show.ID), nil)
	require.Equal(t, http.StatusOK, status, "%s", raw)
	var got struct {
		Show struct {
			ID       int64  `json:"id"`
			StartsAt string `json:"starts_at"`
			Status   string `json:"status"`
			Movie    struct {
				Title string `json:"title"`
			} `json:"movie"`
			Theater struct {
				Name string `json:"name"`
			} `json:"theater"`
		} `json:"show"`
		OnSale     bool `json:"on_sale"`
		Categories []struct {
			Category string `json:"category"`
			Price    int64  `json:"price"`
		} `json:"categories"`
		Charges struct {
			FeePerTicket int64 `json:"fee_per_ticket"`
		} `json:"charges"`
		Limits struct {
			MaxSeats int `json:"max_seats"`
		} `json:"limits"`
		Seats []struct {
			Label string `json:"label"`
			State string `json:"state"`
		} `json:"seats"`
	}
	require.NoError(t, json.Unmarshal(raw, &got))
	require.Equal(t, ab.show.ID, got.Show.ID)
	require.Equal(t, "Hold Tight", got.Show.Movie.Title)
	require.Equal(t, "Test Cinema", got.Show.Theater.Name)
	require.Equal(t, "scheduled", got.Show.Status)
	_, err := time.Parse(time.RFC3339, got.Show.StartsAt)
	require.NoError(t, err)
	require.True(t, got.OnSale)
	prices := map[string]int64{}
	for _, c := range got.Categories {
		prices[c.Category] = c.Price
	}
	require.Equal(t, int64(1000), prices["standard"])
	require.Equal(t, int64(1500), prices["premium"])
	require.Equal(t, int64(75), got.Charges.FeePerTicket)
	require.Equal(t, 10, got.Limits.MaxSeats)
	states := map[string]string{}
	for _, s := range got.Seats {
		states[s.Label] = s.State
	}
	require.Equal(t, "held", states["F7"], "the seat map is read now, not from a cache")
	require.Equal(t, "free", states["F8"])
	require.Equal(t, "not_found", visitor.problem(t, http.MethodGet, "/api/v1/shows/999999", nil).Code)
}

func TestAPIHoldBestSeatsTogetherAndRefuseStrandingASeat(t *testing.T) {
	t.Parallel()
	ab := apiSetup(t)
	ada, bo := ab.buyer(t, "Ada"), ab.buyer(t, "Bo")
	path := fmt.Sprintf("/api/v1/shows/%d/holds", ab.show.ID)

	status, raw := ada.call(t, http.MethodPost, path, map[string]any{"best": 3})
	require.Equal(t, http.StatusCreated, status, "%s", raw)
	var best apiBookingBody
	require.NoError(t, json.Unmarshal(raw, &best))
	require.Len(t, best.Seats, 3, "three seats")
	row := best.Seats[0].Label[:1]
	for _, s := range best.Seats {
		require.Equal(t, row, s.Label[:1], "side by side in one row")
	}

	p := bo.problem(t, http.MethodPost, path, map[string]any{"best": 99})
	require.Equal(t, http.StatusUnprocessableEntity, p.Status)
	require.Contains(t, p.Fields["best"], "Choose between 1 and 10 seats")
	p = bo.problem(t, http.MethodPost, path, map[string]any{"best": 2, "category": "balcony"})
	require.Contains(t, p.Fields["best"], "kind of seat")
	p = bo.problem(t, http.MethodPost, path, map[string]any{"best": 2, "seats": []string{"B1"}})
	require.Contains(t, p.Fields["best"], "either seats or best")

	// C1 C2 free, Bo takes C2: C1 would be alone against the wall.
	p = bo.problem(t, http.MethodPost, path, map[string]any{"seats": []string{"C2", "C3"}})
	require.Equal(t, http.StatusUnprocessableEntity, p.Status, "a seat left alone is refused, as on the web")
	require.Equal(t, "invalid", p.Code)
	require.Contains(t, p.Fields["seats"], "C1 on its own")
	_, states := bo.states(t)
	require.Equal(t, "free", states["C2"], "nothing was held")
	bo.hold(t, "C1", "C2", "C3")
	require.Zero(t, ab.invariantViolations(t))
}

type apiCheckoutBody struct {
	BookingID int64  `json:"booking_id"`
	Holding   bool   `json:"holding"`
	Subtotal  int64  `json:"subtotal"`
	Discount  int64  `json:"discount"`
	Fee       int64  `json:"fee"`
	Tax       int64  `json:"tax"`
	Total     int64  `json:"total"`
	PromoCode string `json:"promo_code"`
	Lines     []struct {
		Category string `json:"category"`
		Count    int    `json:"count"`
		Amount   int64  `json:"amount"`
	} `json:"lines"`
}

func TestAPICheckoutPricesLikeTheWebAndTakesPromoCodes(t *testing.T) {
	t.Parallel()
	ab := apiSetup(t)
	_, err := ab.svc.CreatePromo(context.Background(), booking.PromoInput{Code: "SPRING25", Kind: booking.PercentOff, PercentOff: 25})
	require.NoError(t, err)
	ada, bo := ab.buyer(t, "Ada"), ab.buyer(t, "Bo")
	held := ada.hold(t, "F7", "F8", "J1")
	base := fmt.Sprintf("/api/v1/bookings/%d", held.ID)

	var co apiCheckoutBody
	status, raw := ada.call(t, http.MethodGet, base+"/checkout", nil)
	require.Equal(t, http.StatusOK, status, "%s", raw)
	require.NoError(t, json.Unmarshal(raw, &co))
	require.True(t, co.Holding)
	require.Equal(t, int64(3500), co.Subtotal)
	require.Equal(t, int64(225), co.Fee, "75 a ticket")
	require.Equal(t, int64(3725), co.Total)
	require.Len(t, co.Lines, 2)
	require.Equal(t, "standard", co.Lines[0].Category)
	require.Equal(t, 2, co.Lines[0].Count)

	status, raw = ada.call(t, http.MethodPut, base+"/promo", map[string]string{"code": " spring25 "})
	require.Equal(t, http.StatusOK, status, "%s", raw)
	require.NoError(t, json.Unmarshal(raw, &co))
	require.Equal(t, "SPRING25", co.PromoCode)
	require.Equal(t, int64(875), co.Discount)
	require.Equal(t, int64(3500-875+225), co.Total)

	p := ada.problem(t, http.MethodPut, base+"/promo", map[string]string{"code": "NOPE99"})
	require.Equal(t, http.StatusUnprocessableEntity, p.Status)
	require.Contains(t, p.Fields["code"], "NOPE99")
	require.Equal(t, http.StatusBadRequest, ada.problem(t, http.MethodPut, base+"/promo", "SPRING25").Status)

	status, raw = ada.call(t, http.MethodDelete, base+"/promo", nil)
	require.Equal(t, http.StatusOK, status, "%s", raw)
	co = apiCheckoutBody{}
	require.NoError(t, json.Unmarshal(raw, &co))
	require.Empty(t, co.PromoCode)
	require.Zero(t, co.Discount)
	require.Equal(t, int64(3725), co.Total)

	for _, r := range []struct{ method, path string }{{http.MethodGet, "/checkout"}, {http.MethodPut, "/promo"}, {http.MethodDelete, "/promo"}} {
		require.Equal(t, "not_found", bo.problem(t, r.method, base+r.path, map[string]string{"code": "SPRING25"}).Code, r.path)
	}
	require.Equal(t, http.StatusUnauthorized, (&apiBuyer{ab: ab}).problem(t, http.MethodGet, base+"/checkout", nil).Status)
}

func TestAPIBookingEventsSendTheStatusAndThenConfirmed(t *testing.T) {
	t.Parallel()
	ab := apiSetup(t)
	ab.Start(t) // the live hub LISTENs
	ada := ab.buyer(t, "Ada")
	held := ada.hold(t, "D4")
	req, err := http.NewRequest(http.MethodGet, fmt.Sprintf("%s/api/v1/bookings/%d/events", ab.URL, held.ID), nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+ada.token)
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Equal(t, "text/event-stream", res.Header.Get("Content-Type"))
	events := make(chan map[string]any, 4)
	go func() {
		defer close(events)
		sc := bufio.NewScanner(res.Body)
		for sc.Scan() {
			if data, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				var ev map[string]any
				if json.Unmarshal([]byte(data), &ev) == nil {
					events <- ev
				}
			}
		}
	}()
	first := <-events
	require.Equal(t, "held", first["status"])
	require.Equal(t, false, first["final"])
	ab.paid(t, held.ID)
	select {
	case ev := <-events:
		require.Equal(t, "confirmed", ev["status"])
		require.Equal(t, true, ev["final"])
	case <-time.After(10 * time.Second):
		t.Fatal("no confirmed event")
	}
	_, open := <-events
	require.False(t, open, "the stream ends after the final status")

	bo := ab.buyer(t, "Bo")
	require.Equal(t, "not_found", bo.problem(t, http.MethodGet, fmt.Sprintf("/api/v1/bookings/%d/events", held.ID), nil).Code)
}

func TestAPITicketIsTheSignedQRPayloadOnlyForConfirmedBookings(t *testing.T) {
	t.Parallel()
	key := ticketKey("door1", 'k')
	ab := httpSetup(t, apptest.Options{Env: map[string]string{"TICKET_KEYS": key}})
	keys, err := booking.ParseTicketKeys(key)
	require.NoError(t, err)
	door := booking.NewTickets(keys)
	ada, bo := ab.buyer(t, "Ada"), ab.buyer(t, "Bo")
	held := ada.hold(t, "E5", "E6")
	base := fmt.Sprintf("/api/v1/bookings/%d", held.ID)
	p := ada.problem(t, http.MethodGet, base+"/ticket", nil)
	require.Equal(t, http.StatusConflict, p.Status, "a hold has no ticket")
	require.Equal(t, http.StatusConflict, ada.problem(t, http.MethodGet, base+"/ticket.png", nil).Status)

	ab.paid(t, held.ID)
	status, raw := ada.call(t, http.MethodGet, base+"/ticket", nil)
	require.Equal(t, http.StatusOK, status, "%s", raw)
	var tk struct {
		Code     string `json:"code"`
		QR       string `json:"qr"`
		QRPNGURL string `json:"qr_png_url"`
		Seats    []struct {
			Label string `json:"label"`
		} `json:"seats"`
	}
	require.NoError(t, json.Unmarshal(raw, &tk))
	require.Equal(t, held.Code, tk.Code)
	require.Len(t, tk.Seats, 2)
	claims, err := door.Verify(tk.QR)
	require.NoError(t, err, "the payload is signed with the app's ticket key")
	require.Equal(t, held.Code, claims.Code)
	require.Equal(t, []string{"E5", "E6"}, claims.Seats)

	req, err := http.NewRequest(http.MethodGet, ab.URL+tk.QRPNGURL, nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+ada.token)
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Equal(t, "image/png", res.Header.Get("Content-Type"))
	body, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	img, err := png.Decode(bytes.NewReader(body))
	require.NoError(t, err)
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	require.NoError(t, err)
	text, err := qrcode.NewQRCodeReader().Decode(bmp, pureQR)
	require.NoError(t, err, "the PNG is a readable QR code")
	claims, err = door.Verify(text.GetText())
	require.NoError(t, err)
	require.Equal(t, held.Code, claims.Code)

	require.Equal(t, "not_found", bo.problem(t, http.MethodGet, base+"/ticket", nil).Code)
	require.Equal(t, "not_found", bo.problem(t, http.MethodGet, base+"/ticket.png", nil).Code)
}

func TestAPIMyBookingsComeAPageAtATimeAndFilterByStatus(t *testing.T) {
	t.Parallel()
	ab := apiSetup(t)
	ada := ab.buyer(t, "Ada")
	var ids []int64
	for _, seat := range []string{"B1", "B5", "B9"} {
		b := ada.hold(t, seat)
		ab.paid(t, b.ID)
		ids = append(ids, b.ID)
	}
	held := ada.hold(t, "G5")
	type page struct {
		Items      []apiBookingBody `json:"items"`
		NextCursor string           `json:"next_cursor"`
	}
	get := func(query string) page {
		t.Helper()
		status, raw := ada.call(t, http.MethodGet, "/api/v1/bookings"+query, nil)
		require.Equal(t, http.StatusOK, status, "%s", raw)
		var p page
		require.NoError(t, json.Unmarshal(raw, &p))
		return p
	}
	var seen []int64
	for p, q := get("?limit=3"), ""; ; p = get("?limit=3&cursor=" + q) {
		for _, b := range p.Items {
			seen = append(seen, b.ID)
			require.NotNil(t, b.Show)
		}
		if p.NextCursor == "" {
			break
		}
		q = p.NextCursor
	}
	require.Equal(t, []int64{held.ID, ids[2], ids[1], ids[0]}, seen, "newest first, each once")

	confirmed := get("?status=confirmed")
	require.Len(t, confirmed.Items, 3)
	upcoming := get("?status=upcoming")
	require.Len(t, upcoming.Items, 4)
	require.Empty(t, get("?status=past").Items)
	require.Empty(t, get("?status=cancelled").Items)

	require.Equal(t, "bad_limit", ada.problem(t, http.MethodGet, "/api/v1/bookings?limit=0", nil).Code)
	require.Equal(t, "bad_cursor", ada.problem(t, http.MethodGet, "/api/v1/bookings?cursor=nonsense", nil).Code)
	p := ada.problem(t, http.MethodGet, "/api/v1/bookings?status=someday", nil)
	require.Equal(t, http.StatusUnprocessableEntity, p.Status)
	require.NotEmpty(t, p.Fields["status"])
	require.Empty(t, ab.buyer(t, "Bo").callItems(t), "Bo sees none of Ada's")
}

func (u *apiBuyer) callItems(t *testing.T) []apiBookingBody {
	t.Helper()
	status, raw := u.call(t, http.MethodGet, "/api/v1/bookings", nil)
	require.Equal(t, http.StatusOK, status)
	var p struct {
		Items []apiBookingBody `json:"items"`
	}
	require.NoError(t, json.Unmarshal(raw, &p))
	return p.Items
}

// TestAPIAnotherUsersBookingIsNotFoundOnEveryRoute: whatever Bo asks of
// Ada's booking, it does not exist for him.
func TestAPIAnotherUsersBookingIsNotFoundOnEveryRoute(t *testing.T) {
	t.Parallel()
	ab := apiSetup(t)
	ada, bo := ab.buyer(t, "Ada"), ab.buyer(t, "Bo")
	held := ada.hold(t, "H3")
	ab.paid(t, held.ID)
	base := fmt.Sprintf("/api/v1/bookings/%d", held.ID)
	for _, r := range []struct{ method, path string }{
		{http.MethodGet, base}, {http.MethodGet, base + "/checkout"}, {http.MethodPut, base + "/promo"},
		{http.MethodDelete, base + "/promo"}, {http.MethodGet, base + "/events"}, {http.MethodGet, base + "/ticket"},
		{http.MethodGet, base + "/ticket.png"}, {http.MethodPost, base + "/cancel"},
		{http.MethodDelete, fmt.Sprintf("/api/v1/holds/%d", held.ID)},
	} {
		p := bo.problem(t, r.method, r.path, map[string]string{"code": "SPRING25"})
		require.Equal(t, http.StatusNotFound, p.Status, "%s %s", r.method, r.path)
	}
	status, _ := ada.call(t, http.MethodGet, base, nil)
	require.Equal(t, http.StatusOK, status)
}
