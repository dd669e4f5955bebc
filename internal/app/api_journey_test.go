package app_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image/png"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/app/apptest"
	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/catalog/catalogtest"
)

// TestTheWholeAppJourneyThroughTheAPIOnly is a mobile app's buyer from
// sign-in to refund, with API calls only: everything an app developer
// needs is in the document (every exchange is held to it, see apptest).
func TestTheWholeAppJourneyThroughTheAPIOnly(t *testing.T) {
	t.Parallel()
	s := apptest.New(t, apptest.Options{})
	s.Work(t)
	show := catalogtest.Show(t, s.Catalog, catalogtest.ShowOptions{Prices: map[catalog.Category]int64{catalog.Standard: 1200}})
	_, err := s.Booking.CreatePromo(context.Background(), booking.PromoInput{Code: "APP10", Kind: booking.PercentOff, PercentOff: 10})
	require.NoError(t, err)

	app, _ := s.APIUser(t, "Mira", account.Customer)

	// Browse: a city, its movies, the movie's showtimes, the show's seats.
	var cities struct {
		Items []struct{ Slug string } `json:"items"`
	}
	app.Do(t, http.MethodGet, "/api/v1/cities", nil).JSON(t, &cities)
	require.Equal(t, "london", cities.Items[0].Slug)
	var movies struct {
		Items []struct {
			ID    int64  `json:"id"`
			Title string `json:"title"`
		} `json:"items"`
	}
	app.Do(t, http.MethodGet, "/api/v1/movies?city=london", nil).JSON(t, &movies)
	require.Len(t, movies.Items, 1)
	require.Equal(t, "Test Movie", movies.Items[0].Title)
	var movie struct {
		Showtimes []struct {
			Days []struct {
				Shows []struct {
					ID int64 `json:"id"`
				} `json:"shows"`
			} `json:"days"`
		} `json:"showtimes"`
	}
	app.Do(t, http.MethodGet, fmt.Sprintf("/api/v1/movies/%d?city=london", movies.Items[0].ID), nil).JSON(t, &movie)
	require.Equal(t, show.ID, movie.Showtimes[0].Days[0].Shows[0].ID, "the movie lists the show")
	r := app.Do(t, http.MethodGet, fmt.Sprintf("/api/v1/shows/%d", show.ID), nil)
	require.Equal(t, http.StatusOK, r.Status)

	// Hold the best two seats; a retry with the same key holds nothing more.
	key := "journey-hold-1"
	r = app.Do(t, http.MethodPost, fmt.Sprintf("/api/v1/shows/%d/holds", show.ID), map[string]any{"best": 2}, "Idempotency-Key", key)
	require.Equal(t, http.StatusCreated, r.Status, "%s", r.Body)
	var held struct {
		ID    int64 `json:"id"`
		Seats []struct {
			Label string `json:"label"`
		} `json:"seats"`
	}
	r.JSON(t, &held)
	require.Len(t, held.Seats, 2)
	again := app.Do(t, http.MethodPost, fmt.Sprintf("/api/v1/shows/%d/holds", show.ID), map[string]any{"best": 2}, "Idempotency-Key", key)
	require.Equal(t, http.StatusCreated, again.Status)
	require.Equal(t, "true", again.Header.Get("Idempotent-Replayed"))
	require.JSONEq(t, string(r.Body), string(again.Body), "the retry gets the first answer")
	var mine struct {
		Items []struct{ ID int64 } `json:"items"`
	}
	app.Do(t, http.MethodGet, "/api/v1/bookings", nil).JSON(t, &mine)
	require.Len(t, mine.Items, 1, "one hold, not two")

	// A promo code, then the price to pay.
	booked := fmt.Sprintf("/api/v1/bookings/%d", held.ID)
	r = app.Do(t, http.MethodPut, booked+"/promo", map[string]string{"code": "app10"})
	require.Equal(t, http.StatusOK, r.Status, "%s", r.Body)
	var checkout struct {
		Subtotal, Discount, Fee, Tax, Total int64
	}
	app.Do(t, http.MethodGet, booked+"/checkout", nil).JSON(t, &checkout)
	require.Equal(t, int64(2400), checkout.Subtotal)
	require.Equal(t, int64(240), checkout.Discount, "10% off")
	require.Equal(t, checkout.Subtotal-checkout.Discount+checkout.Fee+checkout.Tax, checkout.Total)

	// Pay with the test provider's card, and follow the booking's events
	// until it is confirmed.
	r = app.Do(t, http.MethodPost, booked+"/payment", nil, "Idempotency-Key", "journey-pay-1")
	require.Equal(t, http.StatusCreated, r.Status, "%s", r.Body)
	var pay struct {
		PaymentID int64  `json:"payment_id"`
		Provider  string `json:"provider"`
		Amount    int64  `json:"amount"`
		Test      struct {
			PayURL string `json:"pay_url"`
		} `json:"test"`
	}
	r.JSON(t, &pay)
	require.Equal(t, "test", pay.Provider)
	require.Equal(t, checkout.Total, pay.Amount)
	r = app.Do(t, http.MethodPost, pay.Test.PayURL, map[string]any{"number": "4242 4242 4242 4242",
		"exp_month": 12, "exp_year": time.Now().Year() + 2, "cvc": "123", "name": "Mira"})
	require.Equal(t, http.StatusOK, r.Status, "%s", r.Body)
	require.Equal(t, "confirmed", lastStatus(t, s.URL+booked+"/events", app.Token), "the stream ends confirmed")

	var confirmed struct {
		Status string `json:"status"`
		Code   string `json:"code"`
	}
	app.Do(t, http.MethodGet, booked, nil).JSON(t, &confirmed)
	require.Equal(t, "confirmed", confirmed.Status)
	require.NotEmpty(t, confirmed.Code)

	// The e-ticket, as data and as the QR image, carry one payload.
	var ticket struct {
		Code string `json:"code"`
		QR   string `json:"qr"`
	}
	app.Do(t, http.MethodGet, booked+"/ticket", nil).JSON(t, &ticket)
	require.Equal(t, confirmed.Code, ticket.Code)
	r = app.Do(t, http.MethodGet, booked+"/ticket.png", nil)
	require.Equal(t, "image/png", r.Header.Get("Content-Type"))
	require.Equal(t, apptest.TicketSays(t, ticket.QR), apptest.TicketSays(t, decodeQR(t, r.Body)), "the PNG encodes the ticket's payload")

	// Nobody else sees it.
	stranger, _ := s.APIUser(t, "Nosy", account.Customer)
	require.Equal(t, "not_found", stranger.Do(t, http.MethodGet, booked, nil).Problem(t).Code)

	// Cancel within policy; the refund comes back to the card.
	r = app.Do(t, http.MethodPost, booked+"/cancel", nil)
	require.Equal(t, http.StatusOK, r.Status, "%s", r.Body)
	var cancelled struct {
		Status string `json:"status"`
		Refund int64  `json:"refund"`
	}
	r.JSON(t, &cancelled)
	require.Equal(t, "cancelled", cancelled.Status)
	require.Positive(t, cancelled.Refund)
	require.Eventually(t, func() bool {
		var p struct {
			Status   string `json:"status"`
			Refunded int64  `json:"refunded"`
		}
		app.Do(t, http.MethodGet, fmt.Sprintf("/api/v1/payments/%d", pay.PaymentID), nil).JSON(t, &p)
		return p.Status == "refunded" && p.Refunded == cancelled.Refund
	}, 30*time.Second, 20*time.Millisecond, "the refund settles")
	t.Logf("contract: %d requests and %d responses validated against api/openapi.yaml in this package so far",
		apptest.ContractCounts.Requests.Load(), apptest.ContractCounts.Responses.Load())
}

// lastStatus reads a booking's event stream to its end and returns the
// last status it told.
func lastStatus(t *testing.T, url, token string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Accept", "text/event-stream")
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	require.Equal(t, http.StatusOK, res.StatusCode)
	var last string
	sc := bufio.NewScanner(res.Body)
	for sc.Scan() {
		data, ok := strings.CutPrefix(sc.Text(), "data:")
		if !ok {
			continue
		}
		var ev struct {
			Status string `json:"status"`
			Final  bool   `json:"final"`
		}
		require.NoError(t, json.Unmarshal([]byte(strings.TrimSpace(data)), &ev))
		last = ev.Status
		if ev.Final {
			return last
		}
	}
	require.NoError(t, sc.Err())
	return last
}

func decodeQR(t *testing.T, pngBytes []byte) string {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(pngBytes))
	require.NoError(t, err)
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	require.NoError(t, err)
	res, err := qrcode.NewQRCodeReader().Decode(bmp, pureQR)
	require.NoError(t, err)
	return res.GetText()
}

// pureQR tells the decoder the image is a QR code alone, drawn on a grid
// with its quiet zone, as a door scanner sees the ticket: without it,
// gozxing's finder-pattern guess misreads about one random code in a
// hundred (dimension errors).
var pureQR = map[gozxing.DecodeHintType]interface{}{gozxing.DecodeHintType_PURE_BARCODE: true}
