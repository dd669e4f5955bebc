package tms

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"
)

// Feed is what a theater management system publishes for one theater
// (docs/tms-feed.md).
type Feed struct {
	// Theater is the theater's id in the TMS (informational).
	Theater  string        `json:"theater"`
	Films    []FeedFilm    `json:"films"`
	Sessions []FeedSession `json:"sessions"`
}

// FeedFilm is a film of the feed; it becomes a catalogue movie the first
// time Marquee sees its id.
type FeedFilm struct {
	ID                string   `json:"id"`
	Title             string   `json:"title"`
	RuntimeMinutes    int      `json:"runtime_minutes"`
	ReleaseDate       string   `json:"release_date"` // YYYY-MM-DD
	Certification     string   `json:"certification"`
	OriginalLanguage  string   `json:"original_language"`
	DubbedLanguages   []string `json:"dubbed_languages"`
	SubtitleLanguages []string `json:"subtitle_languages"`
	Genres            []string `json:"genres"`
	Formats           []string `json:"formats"`
	Synopsis          string   `json:"synopsis"`
}

// FeedSession is one session (a show) of the feed.
type FeedSession struct {
	ID        string           `json:"id"`
	Film      string           `json:"film"`
	Screen    string           `json:"screen"`
	StartsAt  string           `json:"starts_at"` // RFC 3339
	Format    string           `json:"format"`
	Language  string           `json:"language"`
	Subtitles string           `json:"subtitles"`
	Status    string           `json:"status"` // "scheduled" or "cancelled"
	Prices    map[string]int64 `json:"prices"` // by seat category, minor units
	SeatsSold []string         `json:"seats_sold"`
}

// Session statuses in a feed.
const (
	sessionScheduled = "scheduled"
	sessionCancelled = "cancelled"
)

// fetched is the answer to one fetch: the feed, or unchanged (304).
type fetched struct {
	feed      Feed
	etag      string
	unchanged bool
}

// fetch reads the feed with a deadline and a size limit; no transaction
// is open while it waits on the network.
func (s *Service) fetch(ctx context.Context, url, key, etag string) (fetched, error) {
	ctx, cancel := context.WithTimeout(ctx, s.opts.FetchTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return fetched{}, fmt.Errorf("the feed address is not usable: %w", err)
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", "Marquee-TMS-Sync/1")
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	if etag != "" {
		req.Header.Set("If-None-Match", etag)
	}
	start := time.Now()
	res, err := s.opts.Client.Do(req)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			return fetched{}, fmt.Errorf("the feed did not answer within %s", s.opts.FetchTimeout)
		}
		return fetched{}, fmt.Errorf("the feed could not be reached: %w", err)
	}
	defer func() { _ = res.Body.Close() }()
	switch {
	case res.StatusCode == http.StatusNotModified && etag != "":
		return fetched{etag: etag, unchanged: true}, nil
	case res.StatusCode == http.StatusUnauthorized || res.StatusCode == http.StatusForbidden:
		return fetched{}, fmt.Errorf("the feed refused the key (HTTP %d)", res.StatusCode)
	case res.StatusCode != http.StatusOK:
		return fetched{}, fmt.Errorf("the feed answered HTTP %d", res.StatusCode)
	}
	body, err := io.ReadAll(io.LimitReader(res.Body, s.opts.MaxFeedBytes+1))
	if err != nil {
		return fetched{}, fmt.Errorf("reading the feed stopped after %s: %w", time.Since(start).Round(time.Millisecond), err)
	}
	if int64(len(body)) > s.opts.MaxFeedBytes {
		return fetched{}, fmt.Errorf("the feed is larger than %d bytes", s.opts.MaxFeedBytes)
	}
	var f Feed
	if err := json.Unmarshal(body, &f); err != nil {
		return fetched{}, fmt.Errorf("the feed is not the documented JSON: %w", err)
	}
	return fetched{feed: f, etag: res.Header.Get("ETag")}, nil
}
