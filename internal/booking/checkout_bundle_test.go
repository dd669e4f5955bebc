package booking_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/catalog"
	"github.com/marqueehq/marquee/internal/platform/web"
	"github.com/marqueehq/marquee/internal/platform/web/webtest"
	"github.com/marqueehq/marquee/internal/platform/webctx"
)

// checkoutBundle is the booking service behind the real middleware, with
// real accounts and sign-in, and a clock the test can move.
type checkoutBundle struct {
	*testBundle
	accounts *account.Service
	server   *httptest.Server
	mu       sync.Mutex
	now      time.Time
}

const checkoutPassword = "velvet-curtain-popcorn-42"

func checkoutSetup(t *testing.T) *checkoutBundle {
	t.Helper()
	cb := &checkoutBundle{now: time.Now()}
	cb.testBundle = setup(t, booking.Options{Now: cb.clock})
	sessions := account.NewSessionManager(cb.pool, account.SessionOptions{})
	e := web.New(web.Options{Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Sessions: sessions, MaxBodyBytes: 1 << 20,
		Statuses: slices.Concat(web.CommonStatuses, booking.ErrorStatuses, catalog.ErrorStatuses)})
	cb.accounts = account.NewService(cb.pool, account.Options{})
	acc := account.NewHandler(cb.accounts, sessions, nil)
	e.Use(acc.CurrentUser())
	acc.Routes(e)
	booking.NewHandler(cb.svc, booking.HandlerOptions{Sessions: sessions, RequireUser: acc.RequireUser,
		RequireStaff: acc.RequireStaff, UserID: func(c echo.Context) int64 {
			if u := webctx.From(c.Request().Context()).User; u != nil {
				return u.ID
			}
			return 0
		}}).Routes(e)
	cb.server = httptest.NewServer(e)
	t.Cleanup(cb.server.Close)
	return cb
}

func (cb *checkoutBundle) clock() time.Time {
	cb.mu.Lock()
	defer cb.mu.Unlock()
	return cb.now
}

func (cb *checkoutBundle) advance(d time.Duration) {
	cb.mu.Lock()
	defer cb.mu.Unlock()
	cb.now = cb.now.Add(d)
}

// checkoutBrowser is a signed-in browser (cookie jar, no redirects
// followed) for a new account with role, and the account's id.
type checkoutBrowser struct {
	cb *checkoutBundle
	*webtest.Browser
	id int64
}

func (cb *checkoutBundle) browser(t *testing.T, name string, role account.Role) *checkoutBrowser {
	t.Helper()
	br := &checkoutBrowser{cb: cb, Browser: webtest.NewBrowser(t, cb.server.URL)}
	if name == "" {
		return br
	}
	email := strings.ToLower(name) + "@example.com"
	u, err := cb.accounts.CreateUser(context.Background(), account.NewUser{Email: email, Name: name,
		Password: checkoutPassword, Role: role, Verified: true})
	require.NoError(t, err)
	br.id = u.ID
	br.SignIn(t, email, checkoutPassword)
	return br
}

// hold holds seats for the browser's user.
func (br *checkoutBrowser) hold(t *testing.T, seats ...string) booking.Booking {
	t.Helper()
	bk, err := br.cb.svc.Hold(context.Background(), br.id, br.cb.show.ID, seats)
	require.NoError(t, err)
	return bk
}

func checkoutURL(id int64) string { return fmt.Sprintf("/bookings/%d/checkout", id) }
