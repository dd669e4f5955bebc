package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// apiClient speaks Marquee's JSON API the way the mobile app does.
type apiClient struct {
	base string
	http *http.Client
}

func newAPIClient(base string, conns int) *apiClient {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConns, tr.MaxIdleConnsPerHost = conns*2, conns*2
	return &apiClient{base: base, http: &http.Client{Timeout: 10 * time.Second, Transport: tr}}
}

// apiError is an answer other than the one hoped for: its HTTP status and
// the problem's stable code (empty for a transport failure).
type apiError struct {
	status int
	code   string
	err    error
}

func (e *apiError) Error() string {
	if e.err != nil {
		return e.err.Error()
	}
	return fmt.Sprintf("HTTP %d %s", e.status, e.code)
}

// kind names the error for the error counts.
func (e *apiError) kind(call string) string {
	switch {
	case errors.Is(e.err, context.DeadlineExceeded):
		return call + ":timeout"
	case e.err != nil:
		return call + ":transport"
	case e.code != "":
		return call + ":" + strconv.Itoa(e.status) + "_" + e.code
	}
	return call + ":" + strconv.Itoa(e.status)
}

// do sends a request with an optional JSON body and bearer token, and
// decodes a JSON answer into out when the status is want.
func (c *apiClient) do(ctx context.Context, method, path, token string, body, out any, want int) error {
	var rd io.Reader
	if body != nil {
		j, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(j)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, rd)
	if err != nil {
		return &apiError{err: err}
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Accept", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := c.http.Do(req)
	if err != nil {
		return &apiError{err: err}
	}
	defer res.Body.Close()
	if res.StatusCode != want {
		var p struct {
			Code string `json:"code"`
		}
		_ = json.NewDecoder(res.Body).Decode(&p)
		return &apiError{status: res.StatusCode, code: p.Code}
	}
	if out == nil {
		_, err = io.Copy(io.Discard, res.Body)
	} else {
		err = json.NewDecoder(res.Body).Decode(out)
	}
	if err != nil {
		return &apiError{status: res.StatusCode, err: err}
	}
	return nil
}

// signIn gets every buyer an access token (POST /api/v1/auth/token), a
// few at a time: each sign-in costs the server an argon2id hash.
func (c *apiClient) signIn(ctx context.Context, buyers []*buyer) error {
	errs := make([]error, len(buyers))
	slots := make(chan struct{}, 4)
	var wg sync.WaitGroup
	for i, b := range buyers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			slots <- struct{}{}
			defer func() { <-slots }()
			var pair struct {
				AccessToken string `json:"access_token"`
			}
			err := c.do(ctx, http.MethodPost, "/api/v1/auth/token", "", map[string]string{"email": b.email, "password": b.password},
				&pair, http.StatusOK)
			if err != nil {
				errs[i] = fmt.Errorf("sign in %s: %w", b.email, err)
				return
			}
			b.token = pair.AccessToken
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

// seatMap loads GET /api/v1/shows/:id/seats.
func (c *apiClient) seatMap(ctx context.Context, showID int64) (*seatMap, error) {
	var m struct {
		Seats []struct {
			Label string `json:"label"`
			Row   int    `json:"row"`
			Col   int    `json:"col"`
			State string `json:"state"`
		} `json:"seats"`
	}
	if err := c.do(ctx, http.MethodGet, fmt.Sprintf("/api/v1/shows/%d/seats", showID), "", nil, &m, http.StatusOK); err != nil {
		return nil, err
	}
	if len(m.Seats) == 0 {
		return nil, errors.New("the seat map has no seats")
	}
	seats := make([]seat, len(m.Seats))
	for i, s := range m.Seats {
		seats[i] = seat{label: s.Label, row: s.Row, col: s.Col, free: s.State == "free"}
	}
	return newSeatMap(seats), nil
}

// hold is POST /api/v1/shows/:id/holds; it returns the booking id.
func (c *apiClient) hold(ctx context.Context, token string, showID int64, seats []string) (int64, error) {
	var b struct {
		ID int64 `json:"id"`
	}
	err := c.do(ctx, http.MethodPost, fmt.Sprintf("/api/v1/shows/%d/holds", showID), token, map[string][]string{"seats": seats},
		&b, http.StatusCreated)
	return b.ID, err
}

// release is DELETE /api/v1/holds/:id.
func (c *apiClient) release(ctx context.Context, token string, id int64) error {
	return c.do(ctx, http.MethodDelete, fmt.Sprintf("/api/v1/holds/%d", id), token, nil, nil, http.StatusNoContent)
}
