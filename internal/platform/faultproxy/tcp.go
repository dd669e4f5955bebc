package faultproxy

import (
	"bytes"
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
	// dataEnded is closed once the client has sent the end of a message's
	// DATA (a line holding one dot): Drop cuts the connection before the
	// server's answer to it.
	dataEnded := make(chan struct{})
	go func() {
		defer up.Close()
		buf := make([]byte, 32<<10)
		var tail []byte // the last bytes sent, across reads
		ended := false
		for {
			n, err := c.Read(buf)
			if n > 0 {
				tail = append(tail, buf[:n]...)
				tail = tail[max(len(tail)-5, 0):]
				// Marked before the server can see it, so the answer
				// always finds the mark.
				if !ended && bytes.Equal(tail, []byte("\r\n.\r\n")) {
					ended = true
					close(dataEnded)
				}
				if _, werr := up.Write(buf[:n]); werr != nil {
					return
				}
			}
			if err != nil {
				return
			}
		}
	}()
	buf := make([]byte, 32<<10)
	for {
		n, err := up.Read(buf)
		if f == Drop {
			select {
			case <-dataEnded:
				return
			default:
			}
		}
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
