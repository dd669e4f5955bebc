package main

import (
	"context"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/marqueehq/marquee/bench/internal/benchkit"
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
// on the server's database, reusing those an earlier run left.
func ensureBuyers(ctx context.Context, pool *pgxpool.Pool, n int) ([]*buyer, error) {
	accounts, err := benchkit.EnsureAccounts(ctx, pool, "onsale", buyerPassword, n)
	if err != nil {
		return nil, err
	}
	buyers := make([]*buyer, n)
	for i, a := range accounts {
		buyers[i] = &buyer{id: a.ID, email: a.Email, password: a.Password}
	}
	return buyers, nil
}
