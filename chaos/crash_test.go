package chaos

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/catalog/catalogtest"
	"github.com/marqueehq/marquee/internal/check"
	"github.com/marqueehq/marquee/internal/platform/pg/pgtest"
)

// The kill points of a checkout, in the order a purchase passes them.
const (
	afterHold    = "after the hold"
	afterPayment = "after the payment was created"
	afterSuccess = "after the provider reported success, before our confirmation"
	midApply     = "in the middle of applying the webhook"
	beforeAnswer = "after commit, before the answer"
)

var killPoints = []string{afterHold, afterPayment, afterSuccess, midApply, beforeAnswer}

// checkout is one test's server, database and show.
type checkout struct {
	srv  *server
	db   *pgxpool.Pool
	show catalog.Show
	rng  *rand.Rand
}

// TestCrashAtEveryCheckoutStep buys two seats per round and kills the
// server with SIGKILL at one checkout step, at a random moment within it,
// then starts it again and finishes the purchase as the buyer and Stripe
// would (the buyer presses Pay again, Stripe retries an unanswered
// webhook). Every paid booking ends confirmed, paid once, with one
// confirmation message, and the invariant checker finds nothing.
// CHAOS_ROUNDS sets the rounds (make chaos); go test runs one per point.
func TestCrashAtEveryCheckoutStep(t *testing.T) {
	t.Parallel()
	n := rounds(t, len(killPoints))
	require.LessOrEqual(t, n, 200, "the show has seats for 200 rounds of two")
	c := newCheckout(t)
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d, %d rounds", seed, n)
	c.rng = rand.New(rand.NewPCG(seed, seed))
	killed := map[string]int{}
	for r := range n {
		point := killPoints[r%len(killPoints)]
		c.round(t, r, point)
		killed[point]++
	}
	for _, p := range killPoints {
		t.Logf("killed %s: %d times", p, killed[p])
	}
	c.requireInvariants(t)
}

func newCheckout(t *testing.T) *checkout {
	t.Helper()
	dbURL := pgtest.URL(t)
	db, err := pgxpool.New(context.Background(), dbURL)
	require.NoError(t, err)
	t.Cleanup(db.Close)
	show := catalogtest.Show(t, catalog.NewService(db, catalog.Options{}), catalogtest.ShowOptions{Rows: 20, Seats: 20})
	srv := newServer(t, dbURL, nil)
	srv.command(t, "create-admin", "-email", adminEmail, "-name", "Chaos Admin")
	srv.start(t)
	return &checkout{srv: srv, db: db, show: show}
}

// round is one purchase with a crash at point.
func (c *checkout) round(t *testing.T, r int, point string) {
	t.Helper()
	ctx := context.Background()
	answerOf := []string{afterHold, afterPayment, afterSuccess}[c.rng.IntN(3)]
	crashAt := func(step string) bool { return point == step || point == beforeAnswer && answerOf == step }
	b := newBuyer(t, c.srv.base)
	seats := url.Values{"seats": {fmt.Sprintf("%c%d", 'A'+r/10, r%10*2+1), fmt.Sprintf("%c%d", 'A'+r/10, r%10*2+2)}}
	var lastID int64
	require.NoError(t, c.db.QueryRow(ctx, "SELECT coalesce(max(id), 0) FROM booking.bookings").Scan(&lastID))

	holdPath := fmt.Sprintf("/shows/%d/hold", c.show.ID)
	c.step(t, crashAt(afterHold), point == beforeAnswer, func(fb func()) { _, _, _ = b.post(ctx, holdPath, seats, fb) })
	var bookingID int64
	if err := c.db.QueryRow(ctx, "SELECT id FROM booking.bookings WHERE show_id = $1 AND id > $2",
		c.show.ID, lastID).Scan(&bookingID); err != nil {
		// The crash came before the hold committed: the buyer holds again.
		status, loc, err := b.post(ctx, holdPath, seats, nil)
		require.NoError(t, err)
		require.Equal(t, http.StatusSeeOther, status, "round %d: the seats are free again after the crash", r)
		m := regexp.MustCompile(`/bookings/(\d+)/checkout`).FindStringSubmatch(loc)
		require.NotNil(t, m, "round %d: the hold goes to checkout, not %q", r, loc)
		bookingID, _ = strconv.ParseInt(m[1], 10, 64)
	}

	payPath := fmt.Sprintf("/bookings/%d/pay", bookingID)
	c.step(t, crashAt(afterPayment), point == beforeAnswer, func(fb func()) { _, _, _ = b.post(ctx, payPath, nil, fb) })
	p, ok := latestPayment(t, c.db, bookingID)
	if !ok {
		// The buyer presses Pay again: the payment is resumed, not doubled.
		status, loc, err := b.post(ctx, payPath, nil, nil)
		require.NoError(t, err)
		require.Equal(t, http.StatusSeeOther, status, "round %d: pay again after the crash (%s)", r, loc)
		p, ok = latestPayment(t, c.db, bookingID)
		require.True(t, ok, "round %d: the intent is made at Stripe", r)
	}

	event := succeededEvent(fmt.Sprintf("evt_chaos_%d_%d", time.Now().UnixNano(), r), p)
	accepted := false
	c.step(t, crashAt(afterSuccess), point == beforeAnswer, func(fb func()) {
		s := deliver(ctx, c.srv.base, event, fb)
		accepted = s >= 200 && s < 300
	})
	if point == midApply {
		// Stripe got its 200: the job applying the event is killed.
		c.step(t, true, false, func(func()) {})
	}
	if !accepted {
		deliverUntilAccepted(t, c.srv.base, event) // Stripe retries what went unanswered
	}
	waitFor(t, fmt.Sprintf("round %d (%s): booking %d is confirmed", r, point, bookingID), func() bool {
		var status string
		_ = c.db.QueryRow(ctx, "SELECT status FROM booking.bookings WHERE id = $1", bookingID).Scan(&status)
		return status == "confirmed"
	})
	var paid, messages int
	require.NoError(t, c.db.QueryRow(ctx, "SELECT count(*) FROM payments.payments WHERE booking_id = $1 AND state = 'succeeded'",
		bookingID).Scan(&paid))
	require.Equal(t, 1, paid, "round %d (%s): paid once", r, point)
	waitFor(t, fmt.Sprintf("round %d: the confirmation message is written", r), func() bool {
		_ = c.db.QueryRow(ctx, "SELECT count(*) FROM notify.messages WHERE dedup_key LIKE $1",
			fmt.Sprintf("%%confirmed:%d", bookingID)).Scan(&messages)
		return messages > 0
	})
	require.Equal(t, 1, messages, "round %d (%s): one confirmation message", r, point)
}

// step runs do; when crash is set it kills the server at a random moment
// while do runs (or, with onAnswer, as the answer starts to arrive), then
// starts it again.
func (c *checkout) step(t *testing.T, crash, onAnswer bool, do func(firstByte func())) {
	t.Helper()
	if !crash {
		do(nil)
		return
	}
	killed := make(chan struct{})
	kill := func() {
		select {
		case <-killed:
		default:
			close(killed)
			c.srv.kill(t)
		}
	}
	var fb func()
	if onAnswer {
		fb = kill
	}
	done := make(chan struct{})
	go func() { defer close(done); do(fb) }()
	if !onAnswer {
		time.Sleep(time.Duration(c.rng.IntN(30_000)) * time.Microsecond)
		kill()
	}
	<-done
	kill() // an answer that never came
	c.srv.start(t)
}

// requireInvariants runs the invariant checker on the database, in
// process and as `server check` does.
func (c *checkout) requireInvariants(t *testing.T) {
	t.Helper()
	findings, err := check.Run(context.Background(), c.db, check.Options{})
	require.NoError(t, err)
	require.Empty(t, findings, "the invariants hold")
	t.Log(c.srv.command(t, "check"))
}
