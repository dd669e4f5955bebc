package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sync"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/marqueehq/marquee/bench/internal/benchkit"
)

// buyer is one of the rush's customers and their browser.
type buyer struct {
	id       int64
	email    string
	password string
	web      *browser // signed in, after signIn
}

// buyerPassword is the bench buyers' password (not a common one, so the
// account module accepts it).
const buyerPassword = "rush-bench-velvet-seats-9"

// ensureBuyers makes n verified customers (rush-buyer-<i>@example.com)
// on the server's database, reusing those an earlier run left.
func ensureBuyers(ctx context.Context, pool *pgxpool.Pool, n int) ([]*buyer, error) {
	accounts, err := benchkit.EnsureAccounts(ctx, pool, "rush", buyerPassword, n)
	if err != nil {
		return nil, err
	}
	buyers := make([]*buyer, n)
	for i, a := range accounts {
		buyers[i] = &buyer{id: a.ID, email: a.Email, password: a.Password}
	}
	return buyers, nil
}

// signIn signs every buyer in through the login form, as a browser does
// (the form's page first, for its CSRF token), a few at a time: each
// sign-in costs the server an argon2id hash. These requests are not part
// of the run's figures.
func signIn(ctx context.Context, cfg config, tr *http.Transport, buyers []*buyer) error {
	errs := make([]error, len(buyers))
	slots := make(chan struct{}, 4)
	var wg sync.WaitGroup
	for i, b := range buyers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			slots <- struct{}{}
			defer func() { <-slots }()
			web := newBrowser(cfg.base, tr, newRecorder(), cfg.timeout)
			page, err := web.get(ctx, "login", "/login", false)
			if err == nil {
				err = expect("login page", page, http.StatusOK)
			}
			if err == nil {
				page, err = web.post(ctx, "login", "/login", url.Values{"email": {b.email}, "password": {b.password}}, false)
			}
			if err == nil {
				err = expect("sign in", page, http.StatusSeeOther)
			}
			if err != nil {
				errs[i] = fmt.Errorf("sign in %s: %w", b.email, err)
				return
			}
			b.web = web
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}
