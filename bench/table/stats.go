package main

import (
	"slices"
	"sync"
	"time"
)

// stats collects one scenario's latencies and errors.
type stats struct {
	mu      sync.Mutex
	lat     []time.Duration
	errors  int
	elapsed time.Duration
	sample  string // the first error, to say what went wrong
}

func (s *stats) ok(d time.Duration) {
	s.mu.Lock()
	s.lat = append(s.lat, d)
	s.mu.Unlock()
}

func (s *stats) fail(err error) {
	s.mu.Lock()
	s.errors++
	if s.sample == "" {
		s.sample = err.Error()
	}
	s.mu.Unlock()
}

// rate is answered requests a second.
func (s *stats) rate() float64 {
	if s.elapsed <= 0 {
		return 0
	}
	return float64(len(s.lat)) / s.elapsed.Seconds()
}

// pct is the p-th percentile latency in milliseconds (0 with no answer).
func (s *stats) pct(p int) float64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.lat) == 0 {
		return 0
	}
	slices.Sort(s.lat)
	return float64(s.lat[(len(s.lat)-1)*p/100]) / float64(time.Millisecond)
}

// merge adds o's answers and errors to s (elapsed stays s's).
func (s *stats) merge(o *stats) {
	o.mu.Lock()
	defer o.mu.Unlock()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.lat = append(s.lat, o.lat...)
	s.errors += o.errors
	if s.sample == "" {
		s.sample = o.sample
	}
}
