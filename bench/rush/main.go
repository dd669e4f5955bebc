// Command rush plays the whole purchase under an on-sale rush against a
// running Marquee on this machine. N buyers with real accounts, signed in
// through the login form before the clock starts, do what a browser does:
// open the seat map, pick seats (or ask for the best available), hold them,
// go through checkout, and pay on the built-in test provider's pay page
// (most with 4242 4242 4242 4242, some with the declining
// 4000 0000 0000 0002, some leave at checkout or on the pay page), until
// the show sells out or -duration ends. Meanwhile a watcher keeps asking
// for /readyz and the home page, and a burst of signed Stripe-style
// payment_intent.succeeded events (duplicates and distinct ids) arrives at
// /webhooks/stripe at once for a payment an abandoning buyer left behind.
// Afterwards the database is checked for seats sold twice, bookings
// confirmed without a payment and payments without a confirmed booking.
//
//	go run ./bench/rush -base http://127.0.0.1:8080 -database-url postgres://... [-buyers 512] [-duration 60s]
//
// It talks only to loopback addresses, creates its buyers
// (rush-buyer-N@example.com, reused by later runs) directly in the
// server's database, and every request has a -timeout, so it always ends.
// The last line sums it up:
//
//	rush buyers=512 purchases_per_s=N holds_per_s=N seatmap_p50_ms=N ... longest_stall_s=N errors_5xx=N timeouts=N ...
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"os/signal"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "rush:", err)
		os.Exit(1)
	}
}

// config is the command line.
type config struct {
	base          string
	databaseURL   string
	buyers        int
	duration      time.Duration
	timeout       time.Duration
	poll          time.Duration
	payWait       time.Duration
	decline       float64
	abandon       float64
	best          float64
	burst         int
	webhookSecret string
	showID        int64
	city, screen  string
	pool          *pgxpool.Config
}

func parseFlags(args []string) (config, error) {
	var c config
	fs := flag.NewFlagSet("rush", flag.ContinueOnError)
	fs.StringVar(&c.base, "base", "http://127.0.0.1:8080", "the running server (loopback only)")
	fs.StringVar(&c.databaseURL, "database-url", os.Getenv("DATABASE_URL"), "the server's PostgreSQL (loopback only; default $DATABASE_URL)")
	fs.IntVar(&c.buyers, "buyers", 512, "buyers, all signed in before the clock starts")
	fs.DurationVar(&c.duration, "duration", 60*time.Second, "buyers start no new step after this (at most 10m)")
	fs.DurationVar(&c.timeout, "timeout", 30*time.Second, "every request's timeout")
	fs.DurationVar(&c.poll, "poll", 100*time.Millisecond, "how often a waiting pay page asks for the outcome (the page itself: every 1s)")
	fs.DurationVar(&c.payWait, "pay-wait", 30*time.Second, "how long a buyer waits for the payment's outcome")
	fs.Float64Var(&c.decline, "decline", 0.1, "fraction of buyers paying with the declining card 4000 0000 0000 0002")
	fs.Float64Var(&c.abandon, "abandon", 0.1, "fraction of buyers leaving after the hold (half at checkout, half on the pay page)")
	fs.Float64Var(&c.best, "best", 0.5, "fraction of buyers asking for the best available seats (the others pick seats)")
	fs.IntVar(&c.burst, "burst", 50, "signed webhook events sent at once for one abandoned payment (0: none)")
	fs.StringVar(&c.webhookSecret, "webhook-secret", os.Getenv("STRIPE_WEBHOOK_SECRET"), "the server's STRIPE_WEBHOOK_SECRET (empty: no burst)")
	fs.Int64Var(&c.showID, "show", 0, "show id (0: the first show of -screen in -city starting in more than an hour)")
	fs.StringVar(&c.city, "city", "london", "city slug for picking the show")
	fs.StringVar(&c.screen, "screen", "IMAX", "screen name for picking the show")
	if err := fs.Parse(args); err != nil {
		return config{}, err
	}
	frac := func(f float64) bool { return f >= 0 && f <= 1 }
	switch {
	case c.databaseURL == "":
		return config{}, errors.New("-database-url is required (the server prints it on start)")
	case c.buyers < 1 || c.buyers > 2000:
		return config{}, errors.New("-buyers: 1 to 2000")
	case c.duration <= 0 || c.duration > 10*time.Minute:
		return config{}, errors.New("-duration: more than 0, at most 10m")
	case c.timeout <= 0 || c.poll <= 0 || c.payWait <= 0:
		return config{}, errors.New("-timeout, -poll, -pay-wait: more than 0")
	case !frac(c.decline) || !frac(c.abandon) || !frac(c.best) || c.decline+c.abandon > 1:
		return config{}, errors.New("-decline, -abandon, -best: fractions from 0 to 1; -decline plus -abandon at most 1")
	case c.burst < 0:
		return config{}, errors.New("-burst: 0 or more")
	}
	u, err := url.Parse(c.base)
	if err != nil {
		return config{}, fmt.Errorf("-base: %w", err)
	}
	if err := loopbackOnly("-base", u.Hostname()); err != nil {
		return config{}, err
	}
	if c.pool, err = pgxpool.ParseConfig(c.databaseURL); err != nil {
		return config{}, fmt.Errorf("-database-url: %w", err)
	}
	if err := loopbackOnly("-database-url", c.pool.ConnConfig.Host); err != nil {
		return config{}, err
	}
	c.pool.MaxConns = 4
	c.pool.ConnConfig.RuntimeParams["application_name"] = "marquee-rush"
	return c, nil
}

func run(ctx context.Context, args []string, out io.Writer) error {
	cfg, err := parseFlags(args)
	if err != nil {
		return err
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg.pool)
	if err != nil {
		return fmt.Errorf("connect to the database: %w", err)
	}
	defer pool.Close()

	s, err := findShow(ctx, pool, cfg)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "show %d: %s at %s, %s, %s\n", s.id, s.title, s.theater, s.screen, s.startsAt.Format(time.RFC3339))

	started := time.Now()
	buyers, err := ensureBuyers(ctx, pool, cfg.buyers)
	if err != nil {
		return err
	}
	rec := newRecorder()
	tr := newTransport(cfg.buyers)
	if err := signIn(ctx, cfg, tr, buyers); err != nil {
		return err
	}
	fmt.Fprintf(out, "%d buyers signed in (accounts and sign-in: %s)\n", len(buyers), time.Since(started).Round(time.Millisecond))
	// The first look at the seat map opens the show for sale (creates its
	// seat rows), outside the timed run.
	m, err := (&purchase{web: buyers[0].web, rec: newRecorder(), showID: s.id}).seatMap(ctx, "")
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "the seat map shows %d seats in %d rows, %d free\n", len(m.seats), len(m.rows), m.free())

	res := rush(ctx, cfg, pool, tr, rec, buyers, s.id)
	res.print(out)
	inv, err := checkInvariants(ctx, pool, s.id, out)
	if err != nil {
		return err
	}
	burstConfirmed := false
	if res.burst.sent > 0 {
		var stored int
		if burstConfirmed, stored, err = burstOutcome(ctx, pool, res.burst.paymentID, res.burst.intentID); err != nil {
			return err
		}
		fmt.Fprintf(out, "  webhook burst: %d distinct events stored; payment paid and booking confirmed: %t\n", stored, burstConfirmed)
	}
	fmt.Fprintln(out, summary(res, inv, burstConfirmed))
	if inv.oversold > 0 || inv.confirmedUnpaid > 0 || inv.paidUnconfirmed > 0 {
		return errors.New("an invariant was broken: see the line above")
	}
	return nil
}

// loopbackOnly refuses any target that is not this machine.
func loopbackOnly(flagName, host string) error {
	if host == "localhost" {
		return nil
	}
	ip := net.ParseIP(host)
	if ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("%s: only loopback targets (localhost, 127.0.0.0/8, ::1) are allowed, not %q", flagName, host)
	}
	return nil
}
