// Package redistest gives tests a real Redis: the machine's own when one
// answers on 127.0.0.1:6379, otherwise a throwaway redis-server this test
// binary starts (once) on a free port. Each call gets its own key prefix, so
// tests running side by side never see each other's keys.
package redistest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net"
	"os/exec"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/marqueehq/marquee/internal/platform/redisx"
)

var (
	once    sync.Once
	addr    string
	findErr error
)

// URL is the Redis tests use (starting one when needed).
func URL(t testing.TB) string {
	t.Helper()
	once.Do(func() { addr, findErr = find() })
	if findErr != nil {
		t.Fatalf("redistest: %v", findErr)
	}
	return "redis://" + addr + "/0"
}

// New connects to the tests' Redis under a prefix of its own.
func New(t testing.TB) *redisx.Conn {
	t.Helper()
	c, err := redisx.Connect(context.Background(), URL(t), Prefix())
	if err != nil {
		t.Fatalf("redistest: %v", err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// Prefix is a fresh key prefix, unique to one test.
func Prefix() string {
	var b [6]byte
	_, _ = rand.Read(b[:])
	return "test-" + hex.EncodeToString(b[:]) + ":"
}

func find() (string, error) {
	if answers("127.0.0.1:6379") {
		return "127.0.0.1:6379", nil
	}
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		return "", fmt.Errorf("no Redis on 127.0.0.1:6379 and no redis-server to start (make test-deps installs it): %w", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	a := ln.Addr().String()
	_, port, _ := net.SplitHostPort(a)
	ln.Close()
	cmd := exec.Command(bin, "--port", port, "--bind", "127.0.0.1", "--save", "", "--appendonly", "no")
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		return "", fmt.Errorf("start redis-server: %w", err)
	}
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if answers(a) {
			return a, nil
		}
	}
	return "", fmt.Errorf("redis-server did not answer on %s", a)
}

func answers(a string) bool {
	c, err := net.DialTimeout("tcp", a, time.Second)
	if err != nil {
		return false
	}
	c.Close()
	return true
}
