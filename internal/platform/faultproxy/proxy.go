// Package faultproxy is a fault-injecting proxy for tests: put it between
// the app and a provider (stripe-mock, an SMTP server, a Twilio stand-in)
// and it passes traffic through, except for the faults a test queues:
// error answers, no answer, slow answers, answers cut halfway, requests
// delivered twice. It is used only by tests.
package faultproxy

import (
	"sync"
	"time"
)

// Fault is what the proxy does to one HTTP request or one TCP connection.
type Fault int

const (
	// Pass forwards the traffic untouched.
	Pass Fault = iota
	// Error answers without asking the provider: HTTP 500, or for TCP
	// the proxy's Greeting (an SMTP 421) and a closed connection.
	Error
	// Hang answers nothing and holds the connection until the client
	// gives up (or the proxy closes).
	Hang
	// Slow forwards, and holds the answer back for Delay first.
	Slow
	// Cut forwards (so the provider acts), then sends half of the answer
	// and cuts the connection.
	Cut
	// Twice sends an HTTP request to the provider twice and answers with
	// the second answer, as a network that repeats a request would.
	Twice
	// Drop forwards the request (so the provider acts) and closes the
	// connection before any of its answer: for HTTP, the answer to the
	// request; for TCP (SMTP), the answer to the end of a message's DATA.
	Drop
)

var names = [...]string{"pass", "error", "hang", "slow", "cut", "twice", "drop"}

func (f Fault) String() string { return names[f] }

// Seen is one HTTP request (or TCP connection) that reached the proxy.
type Seen struct {
	Method string // CONNECT for a TCP connection
	Path   string
	// IdempotencyKey is the request's Idempotency-Key header.
	IdempotencyKey string
	Fault          Fault
}

// Proxy is a running fault proxy. Faults queued with Next apply to the
// next requests (HTTP) or connections (TCP) in order; after them, each
// gets the fault set with Set (Pass at first).
type Proxy struct {
	// URL is where clients connect: http://host:port for HTTP,
	// host:port for TCP.
	URL string
	// Delay is how long Slow holds an answer back (200 ms unless set
	// before traffic flows).
	Delay time.Duration

	mu     sync.Mutex
	queue  []Fault
	always Fault
	seen   []Seen
	done   chan struct{}
}

func newProxy() *Proxy { return &Proxy{Delay: 200 * time.Millisecond, done: make(chan struct{})} }

// Next queues faults for the next requests or connections, in order.
func (p *Proxy) Next(faults ...Fault) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.queue = append(p.queue, faults...)
}

// Set makes every request or connection after the queue get f; Set(Pass)
// heals the proxy.
func (p *Proxy) Set(f Fault) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.always = f
}

// Seen lists what reached the proxy so far.
func (p *Proxy) Seen() []Seen {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]Seen(nil), p.seen...)
}

// take picks the fault for a new request or connection and records it.
func (p *Proxy) take(s Seen) Fault {
	p.mu.Lock()
	defer p.mu.Unlock()
	s.Fault = p.always
	if len(p.queue) > 0 {
		s.Fault, p.queue = p.queue[0], p.queue[1:]
	}
	p.seen = append(p.seen, s)
	return s.Fault
}

// wait holds for d, or less if the proxy closes.
func (p *Proxy) wait(d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-p.done:
	}
}
