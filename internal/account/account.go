// Package account owns who the users are: web sessions now; users, passwords,
// roles and API tokens as the module grows. Its tables live in the account
// schema and its queries in accountdb, which never leaves this package.
package account

import (
	"net/http"
	"time"

	"github.com/alexedwards/scs/v2"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/marqueehq/marquee/internal/account/accountdb"
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
	return sm
}
