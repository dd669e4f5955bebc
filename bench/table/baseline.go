package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"

	"github.com/labstack/echo/v4"
)

// baseline is the smallest echo server that answers like a page: a fixed
// HTML body of a given size per path, nothing else (no middleware, no
// database, no templates). It runs in this process, on loopback, so the
// server and the baseline share the machine alike.
type baseline struct {
	e    *echo.Echo
	base string
	done chan error
}

// startBaseline serves bodies (path -> size in bytes) on a free loopback port.
func startBaseline(sizes map[string]int) (*baseline, error) {
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	for path, size := range sizes {
		body := bytes.Repeat([]byte("x"), size)
		copy(body, "<!doctype html><html><body>")
		e.GET(path, func(c echo.Context) error { return c.HTMLBlob(http.StatusOK, body) })
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("baseline: listen: %w", err)
	}
	b := &baseline{e: e, base: "http://" + ln.Addr().String(), done: make(chan error, 1)}
	e.Listener = ln
	go func() { b.done <- e.Start("") }()
	return b, nil
}

func (b *baseline) stop(ctx context.Context) error {
	if err := b.e.Shutdown(ctx); err != nil {
		return fmt.Errorf("baseline: stop: %w", err)
	}
	if err := <-b.done; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("baseline: %w", err)
	}
	return nil
}
