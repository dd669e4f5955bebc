package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"runtime"
	"sync"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/marqueehq/marquee/internal/account"
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
// through the account module on the server's database; accounts left by
// an earlier run are reused.
func ensureBuyers(ctx context.Context, pool *pgxpool.Pool, n int) ([]*buyer, error) {
	accounts := account.NewService(pool, account.Options{})
	buyers := make([]*buyer, n)
	errs := make([]error, n)
	slots := make(chan struct{}, runtime.NumCPU()) // argon2id is CPU-bound
	var wg sync.WaitGroup
	for i := range buyers {
		b := &buyer{email: fmt.Sprintf("rush-buyer-%d@example.com", i+1), password: buyerPassword}
		buyers[i] = b
		wg.Add(1)
		go func() {
			defer wg.Done()
			slots <- struct{}{}
			defer func() { <-slots }()
			u, err := accounts.CreateUser(ctx, account.NewUser{Email: b.email, Name: fmt.Sprintf("Rush buyer %d", i+1),
				Password: b.password, Role: account.Customer, Verified: true})
			if errors.Is(err, account.ErrEmailTaken) {
				u, err = accounts.UserByEmail(ctx, b.email)
			}
			if err != nil {
				errs[i] = fmt.Errorf("buyer %s: %w", b.email, err)
				return
			}
			b.id = u.ID
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
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
