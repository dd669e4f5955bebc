package pg_test

import (
	"context"
	"errors"
	"io"
	"net"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/platform/pg"
	"github.com/marqueehq/marquee/internal/platform/pg/pgtest"
)

// cutter forwards connections to the test database and cuts them all on
// demand, as a crashed server or a dropped network does.
type cutter struct {
	ln    net.Listener
	mu    sync.Mutex
	conns []net.Conn
}

func newCutter(t *testing.T, target string) *cutter {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	c := &cutter{ln: ln}
	t.Cleanup(func() { ln.Close(); c.cut() })
	go func() {
		for {
			in, err := ln.Accept()
			if err != nil {
				return
			}
			out, err := net.Dial("tcp", target)
			if err != nil {
				in.Close()
				continue
			}
			c.mu.Lock()
			c.conns = append(c.conns, in, out)
			c.mu.Unlock()
			go func() { _, _ = io.Copy(out, in) }()
			go func() { _, _ = io.Copy(in, out) }()
		}
	}()
	return c
}

func (c *cutter) cut() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, conn := range c.conns {
		conn.Close()
	}
	c.conns = nil
}

// TestAConnectionCutMidQueryIsUnavailable: a query whose connection drops
// (the database crashed or the network went) is "unavailable, try again",
// not an internal error.
func TestAConnectionCutMidQueryIsUnavailable(t *testing.T) {
	t.Parallel()
	cfg := pgtest.Config(t)
	c := newCutter(t, net.JoinHostPort(cfg.Host, cfg.Port))
	pcfg, err := pgxpool.ParseConfig(cfg.URL())
	require.NoError(t, err)
	host, port, _ := net.SplitHostPort(c.ln.Addr().String())
	pcfg.ConnConfig.Host, pcfg.ConnConfig.Port = host, uint16(mustPort(t, port)) // ParseUint bounds it to 16 bits
	pool, err := pgxpool.NewWithConfig(context.Background(), pcfg)
	require.NoError(t, err)
	t.Cleanup(pool.Close)
	require.NoError(t, pool.Ping(context.Background()))

	started := make(chan struct{})
	done := make(chan error, 1)
	go func() {
		conn, err := pool.Acquire(context.Background())
		if err != nil {
			done <- err
			return
		}
		defer conn.Release()
		close(started)
		_, err = conn.Exec(context.Background(), "SELECT pg_sleep(30)")
		done <- err
	}()
	<-started
	// Cut once the query runs, as a crash in the middle of it would.
	direct, err := pgxpool.New(context.Background(), cfg.URL())
	require.NoError(t, err)
	t.Cleanup(direct.Close)
	require.Eventually(t, func() bool {
		var n int
		err := direct.QueryRow(context.Background(),
			"SELECT count(*) FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(30)' AND state = 'active'").Scan(&n)
		return err == nil && n == 1
	}, time.Minute, 10*time.Millisecond)
	c.cut()
	err = <-done
	require.Error(t, err)
	require.True(t, pg.IsUnavailable(err), "a dropped connection is unavailable: %T %v", err, err)
	require.False(t, pg.IsUnavailable(errors.New("syntax error")), "other errors are not")
}

func mustPort(t *testing.T, s string) uint64 {
	t.Helper()
	n, err := strconv.ParseUint(s, 10, 16)
	require.NoError(t, err)
	return n
}
