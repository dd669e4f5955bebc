package main

import (
	"slices"
	"strconv"
	"sync"
	"time"
)

// recorder keeps what every request and step of the run came to: statuses
// by request kind, when each answer arrived (for the longest stall), and
// step latencies. One lock: a few thousand requests a second do not
// contend on it.
type recorder struct {
	mu       sync.Mutex
	answered []time.Time                // answers without a 5xx, in arrival order (roughly)
	statuses map[string]map[string]int  // kind -> status ("200", "timeout", "transport") -> count
	steps    map[string][]time.Duration // step -> latencies
	samples  map[string]string          // kind:status -> the first error's text
}

func newRecorder() *recorder {
	return &recorder{statuses: map[string]map[string]int{}, steps: map[string][]time.Duration{}, samples: map[string]string{}}
}

// request records an answered request.
func (r *recorder) request(kind string, status int) {
	now := time.Now()
	r.mu.Lock()
	defer r.mu.Unlock()
	if status < 500 {
		r.answered = append(r.answered, now)
	}
	r.count(kind, strconv.Itoa(status))
}

// failed records a request that got no answer.
func (r *recorder) failed(kind string, err error) {
	what := "transport"
	if isTimeout(err) {
		what = "timeout"
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.count(kind, what)
	if key := kind + ":" + what; r.samples[key] == "" {
		r.samples[key] = err.Error()
	}
}

func (r *recorder) count(kind, status string) {
	m := r.statuses[kind]
	if m == nil {
		m = map[string]int{}
		r.statuses[kind] = m
	}
	m[status]++
}

// step records how long one step of a purchase took.
func (r *recorder) step(name string, d time.Duration) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.steps[name] = append(r.steps[name], d)
}

// longestGap is the longest time between from, consecutive answers
// without a 5xx, and to.
func (r *recorder) longestGap(from, to time.Time) time.Duration {
	r.mu.Lock()
	times := slices.Clone(r.answered)
	r.mu.Unlock()
	slices.SortFunc(times, func(a, b time.Time) int { return a.Compare(b) })
	longest, last := time.Duration(0), from
	for _, t := range times {
		if t.Before(from) || t.After(to) {
			continue
		}
		longest, last = max(longest, t.Sub(last)), t
	}
	return max(longest, to.Sub(last))
}

// totals sums the statuses over all kinds of request.
func (r *recorder) totals() map[string]int {
	r.mu.Lock()
	defer r.mu.Unlock()
	all := map[string]int{}
	for _, m := range r.statuses {
		for s, n := range m {
			all[s] += n
		}
	}
	return all
}

// pct is the p-th percentile of a step's latencies (0 without any).
func (r *recorder) pct(step string, p int) time.Duration {
	r.mu.Lock()
	lat := slices.Clone(r.steps[step])
	r.mu.Unlock()
	if len(lat) == 0 {
		return 0
	}
	slices.Sort(lat)
	return lat[(len(lat)-1)*p/100]
}
