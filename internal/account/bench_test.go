package account_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/account"
	"github.com/marqueehq/marquee/internal/platform/pg/pgtest"
)

// BenchmarkLogin measures one sign-in (argon2id dominates) and, in
// parallel, how many sign-ins per second the machine sustains with hashing
// bounded to the number of CPUs.
//
//	go test -run '^$' -bench Login ./internal/account/
func BenchmarkLogin(b *testing.B) {
	ctx := context.Background()
	svc := account.NewService(pgtest.New(b), account.Options{})
	require.NoError(b, svc.EnsureDemoUsers(ctx))
	b.Run("one", func(b *testing.B) {
		for b.Loop() {
			_, err := svc.Authenticate(ctx, "customer@marquee.test", "marquee-customer")
			require.NoError(b, err)
		}
	})
	b.Run("parallel", func(b *testing.B) {
		b.SetParallelism(4)
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				if _, err := svc.Authenticate(ctx, "customer@marquee.test", "marquee-customer"); err != nil {
					b.Error(err)
				}
			}
		})
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "logins/s")
	})
}
