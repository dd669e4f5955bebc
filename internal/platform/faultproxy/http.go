package faultproxy

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// NewHTTP starts an HTTP fault proxy in front of upstream (a base URL such
// as http://127.0.0.1:12111); it stops when the test ends.
func NewHTTP(t testing.TB, upstream string) *Proxy {
	t.Helper()
	p := newProxy()
	tr := &http.Transport{}
	upstream = strings.TrimRight(upstream, "/")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p.serveHTTP(w, r, tr, upstream)
	}))
	p.URL = srv.URL
	t.Cleanup(func() {
		close(p.done)
		srv.CloseClientConnections()
		srv.Close()
		tr.CloseIdleConnections()
	})
	return p
}

func (p *Proxy) serveHTTP(w http.ResponseWriter, r *http.Request, tr *http.Transport, upstream string) {
	f := p.take(Seen{Method: r.Method, Path: r.URL.Path, IdempotencyKey: r.Header.Get("Idempotency-Key")})
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return
	}
	switch f {
	case Error:
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusInternalServerError)
		io.WriteString(w, `{"error":{"type":"api_error","message":"faultproxy: injected 500"}}`)
		return
	case Hang:
		select {
		case <-r.Context().Done():
		case <-p.done:
		}
		return
	}
	resp, answer, err := forward(tr, upstream, r, body)
	if err == nil && f == Twice {
		resp, answer, err = forward(tr, upstream, r, body)
	}
	if err != nil {
		http.Error(w, "faultproxy: "+err.Error(), http.StatusBadGateway)
		return
	}
	if f == Slow {
		p.wait(p.Delay)
	}
	switch f {
	case Cut:
		cut(w, resp, answer)
		return
	case Drop:
		if conn, _, err := http.NewResponseController(w).Hijack(); err == nil {
			conn.Close()
		}
		return
	}
	for k, v := range resp.Header {
		w.Header()[k] = v
	}
	w.WriteHeader(resp.StatusCode)
	w.Write(answer)
}

// forward sends r (with body) to upstream and reads the whole answer.
func forward(tr *http.Transport, upstream string, r *http.Request, body []byte) (*http.Response, []byte, error) {
	req, err := http.NewRequestWithContext(r.Context(), r.Method, upstream+r.URL.RequestURI(), bytes.NewReader(body))
	if err != nil {
		return nil, nil, err
	}
	req.Header = r.Header.Clone()
	resp, err := tr.RoundTrip(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	answer, err := io.ReadAll(resp.Body)
	return resp, answer, err
}

// cut writes the status, the headers promising the whole answer and half
// of it, then drops the connection.
func cut(w http.ResponseWriter, resp *http.Response, answer []byte) {
	conn, buf, err := http.NewResponseController(w).Hijack()
	if err != nil {
		return
	}
	defer conn.Close()
	fmt.Fprintf(buf, "HTTP/1.1 %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n",
		resp.Status, resp.Header.Get("Content-Type"), len(answer))
	buf.Write(answer[:len(answer)/2])
	buf.Flush()
}
