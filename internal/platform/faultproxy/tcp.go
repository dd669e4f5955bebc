package faultproxy

import (
	"io"
	"net"
	"sync"
	"testing"
)

// Greeting is what an Error fault says on a TCP connection before closing
// it: an SMTP server that is temporarily unavailable.
const Greeting = "421 4.3.2 faultproxy: service not available, try again later\r\n"

// NewTCP starts a TCP fault proxy in front of upstream (host:port); faults
// apply per connection (Twice is HTTP only and passes here). It stops
// when the test ends.
func NewTCP(t testing.TB, upstream string) *Proxy {
	t.Helper()
	p := newProxy()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("faultproxy: listen: %v", err)
	}
	p.URL = ln.Addr().String()
	var wg sync.WaitGroup
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				p.serveTCP(c, upstream)
			}()
		}
	}()
	t.Cleanup(func() {
		close(p.done)
		ln.Close()
		wg.Wait()
	})
	return p
}

func (p *Proxy) serveTCP(c net.Conn, upstream string) {
	defer c.Close()
	go func() { <-p.done; c.Close() }()
	f := p.take(Seen{Method: "CONNECT", Path: upstream})
	switch f {
	case Error:
		io.WriteString(c, Greeting)
		return
	case Hang:
		io.Copy(io.Discard, c)
		return
	}
	up, err := net.Dial("tcp", upstream)
	if err != nil {
		return
	}
	defer up.Close()
	go func() { <-p.done; up.Close() }()
	if f == Cut {
		buf := make([]byte, 4096)
		n, _ := up.Read(buf)
		c.Write(buf[:n/2])
		return
	}
	go func() {
		io.Copy(up, c)
		up.Close()
	}()
	buf := make([]byte, 32<<10)
	for {
		n, err := up.Read(buf)
		if n > 0 && f == Slow {
			p.wait(p.Delay)
		}
		if n > 0 {
			if _, werr := c.Write(buf[:n]); werr != nil {
				return
			}
		}
		if err != nil {
			return
		}
	}
}
