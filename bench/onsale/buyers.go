package main

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/marqueehq/marquee/internal/account"
)

// buyer is one of the rush's customers.
type buyer struct {
	id       int64
	email    string
	password string
	token    string // API access token, after signIn
}

// buyerPassword is the bench buyers' password (not a common one, so the
// account module accepts it).
const buyerPassword = "onsale-bench-velvet-seats-7"

// ensureBuyers makes n verified customers (onsale-buyer-<i>@example.com)
// through the account module on the server's database; accounts left by
// an earlier run are reused.
func ensureBuyers(ctx context.Context, pool *pgxpool.Pool, n int) ([]*buyer, error) {
	accounts := account.NewService(pool, account.Options{})
	buyers := make([]*buyer, n)
	errs := make([]error, n)
	slots := make(chan struct{}, runtime.NumCPU()) // argon2id is CPU-bound
	var wg sync.WaitGroup
	for i := range buyers {
		b := &buyer{email: fmt.Sprintf("onsale-buyer-%d@example.com", i+1), password: buyerPassword}
		buyers[i] = b
		wg.Add(1)
		go func() {
			defer wg.Done()
			slots <- struct{}{}
			defer func() { <-slots }()
			u, err := accounts.CreateUser(ctx, account.NewUser{Email: b.email, Name: fmt.Sprintf("On-sale buyer %d", i+1),
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
