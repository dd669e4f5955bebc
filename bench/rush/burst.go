package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stripe/stripe-go/v76/webhook"
)

// burstResult is what the burst of webhooks came to.
type burstResult struct {
	paymentID int64
	intentID  string
	sent      int
	accepted  int  // answered 200
	fresh     int  // answered 200 as not a duplicate
	late      bool // sent after the buyers were done: no payment was left on a pay page during the rush
	err       error
}

// fireBurst sends cfg.burst signed payment_intent.succeeded events for the
// payment at once, as Stripe does when it retries and catches up: half of
// them one event delivered again and again, half distinct events. The
// server must store each distinct event once and apply the success once.
func fireBurst(ctx context.Context, cfg config, pool *pgxpool.Pool, tr *http.Transport, rec *recorder, paymentID int64) burstResult {
	res := burstResult{paymentID: paymentID}
	intentID, bookingID, amount, currency, err := burstPayment(ctx, pool, paymentID)
	if err != nil {
		res.err = err
		return res
	}
	if intentID == "" {
		res.err = fmt.Errorf("payment %d has no intent yet", paymentID)
		return res
	}
	res.intentID = intentID
	object := map[string]any{"id": intentID, "object": "payment_intent", "status": "succeeded", "amount": amount,
		"currency": strings.ToLower(currency),
		"metadata": map[string]string{"payment_id": strconv.FormatInt(paymentID, 10), "booking_id": strconv.FormatInt(bookingID, 10)}}
	bodies := make([][]byte, cfg.burst)
	for i := range bodies {
		id := fmt.Sprintf("evt_rush_%d_dup", paymentID)
		if i%2 == 1 {
			id = fmt.Sprintf("evt_rush_%d_%d", paymentID, i)
		}
		if bodies[i], err = json.Marshal(map[string]any{"id": id, "object": "event", "type": "payment_intent.succeeded",
			"created": time.Now().Unix(), "data": map[string]any{"object": object}}); err != nil {
			res.err = fmt.Errorf("encode event: %w", err)
			return res
		}
	}
	client := &http.Client{Transport: tr}
	go0 := make(chan struct{})
	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, body := range bodies {
		wg.Add(1)
		go func() {
			defer wg.Done()
			signed := webhook.GenerateTestSignedPayload(&webhook.UnsignedPayload{Payload: body, Secret: cfg.webhookSecret})
			<-go0 // all at once
			status, fresh, err := deliver(ctx, client, cfg, body, signed.Header)
			if err != nil {
				rec.failed("webhook", err)
				return
			}
			rec.request("webhook", status)
			mu.Lock()
			defer mu.Unlock()
			if status == http.StatusOK {
				res.accepted++
				if fresh {
					res.fresh++
				}
			}
		}()
	}
	res.sent = len(bodies)
	close(go0)
	wg.Wait()
	return res
}

// deliver posts one event to /webhooks/stripe; fresh is the server's
// "duplicate": false.
func deliver(ctx context.Context, client *http.Client, cfg config, body []byte, signature string) (int, bool, error) {
	ctx, cancel := context.WithTimeout(ctx, cfg.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, cfg.base+"/webhooks/stripe", bytes.NewReader(body))
	if err != nil {
		return 0, false, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Stripe-Signature", signature)
	res, err := client.Do(req)
	if err != nil {
		return 0, false, err
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	if err != nil {
		return 0, false, err
	}
	var ack struct {
		Duplicate bool `json:"duplicate"`
	}
	fresh := res.StatusCode == http.StatusOK && json.Unmarshal(raw, &ack) == nil && !ack.Duplicate
	return res.StatusCode, fresh, nil
}
