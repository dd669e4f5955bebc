// Package account owns who the users are: web sessions now; users, passwords,
// roles and API tokens as the module grows. Its tables live in the account
// schema and its queries in accountdb, which never leaves this package.
package account

import (
	"context"
	"errors"
	"log"
	"net/http"
	"time"

	"github.com/alexedwards/scs/v2"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/marqueehq/marquee/internal/account/accountdb"
	"github.com/marqueehq/marquee/internal/platform/pg"
)

// SessionOptions configure the web session cookie.
type SessionOptions struct {
	Secure     bool // HTTPS only
	Production bool // __Host- prefixed cookie name
}

// NewSessionManager returns the scs session manager for the web, storing
// sessions in account.sessions so every app instance shares them. Expired
// rows are removed by the session prune job, not by a goroutine per instance.
func NewSessionManager(pool *pgxpool.Pool, o SessionOptions) *scs.SessionManager {
	sm := scs.New()
	sm.Store = &sessionStore{pool: pool, q: accountdb.New()}
	sm.IdleTimeout = 2 * time.Hour
	sm.Lifetime = 7 * 24 * time.Hour
	sm.Cookie.Name = "session"
	if o.Production {
		sm.Cookie.Name = "__Host-session"
	}
	sm.Cookie.HttpOnly = true
	sm.Cookie.Secure = o.Secure
	sm.Cookie.SameSite = http.SameSiteLaxMode
	sm.Cookie.Path = "/"
	sm.Cookie.Persist = false
	sm.ErrorFunc = sessionError
	return sm
}

// sessionError answers a request whose session could not be loaded or
// saved: 503 with Retry-After when the database was too busy or cannot be
// reached (the request may simply be tried again), 500 otherwise. Only the
// last is logged as a failure.
func sessionError(w http.ResponseWriter, r *http.Request, err error) {
	if pg.IsBusy(err) || errors.Is(err, context.Canceled) {
		w.Header().Set("Retry-After", "2")
		http.Error(w, "We're very busy right now; please try again in a few seconds.", http.StatusServiceUnavailable)
		return
	}
	if pg.IsUnavailable(err) {
		w.Header().Set("Retry-After", "5")
		http.Error(w, "We can't reach our database right now; please try again in a moment.", http.StatusServiceUnavailable)
		return
	}
	log.Printf("session: %v", err)
	http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
}
