// Package benchkit holds what the load benches (bench/onsale, bench/rush)
// share: their buyers' accounts.
package benchkit

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/marqueehq/marquee/internal/account"
)

// Account is a bench buyer's account.
type Account struct {
	ID       int64
	Email    string
	Password string
}

// EnsureAccounts makes n verified customers, <bench>-buyer-<i>@example.com
// with password, through the account module on the server's database;
// accounts left by an earlier run are reused. password must not be a
// common one (the account module refuses those).
func EnsureAccounts(ctx context.Context, pool *pgxpool.Pool, bench, password string, n int) ([]Account, error) {
	accounts := account.NewService(pool, account.Options{})
	out := make([]Account, n)
	errs := make([]error, n)
	slots := make(chan struct{}, runtime.NumCPU()) // argon2id is CPU-bound
	var wg sync.WaitGroup
	for i := range out {
		out[i] = Account{Email: fmt.Sprintf("%s-buyer-%d@example.com", bench, i+1), Password: password}
		wg.Go(func() {
			slots <- struct{}{}
			defer func() { <-slots }()
			u, err := accounts.CreateUser(ctx, account.NewUser{Email: out[i].Email, Name: fmt.Sprintf("%s buyer %d", bench, i+1),
				Password: password, Role: account.Customer, Verified: true})
			if errors.Is(err, account.ErrEmailTaken) {
				u, err = accounts.UserByEmail(ctx, out[i].Email)
			}
			if err != nil {
				errs[i] = fmt.Errorf("buyer %s: %w", out[i].Email, err)
				return
			}
			out[i].ID = u.ID
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return out, nil
}
