package payments

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/marqueehq/marquee/internal/payments/paymentsdb"
)

// SeedMethods gives the demo's cities the ways to pay their buyers reach
// for: Mumbai UPI and the rest through Razorpay first, London PayPal
// beside cards; each offered once its keys are set, the test cards while
// the site takes test payments. A city staff have set already is left as
// it is.
func SeedMethods(ctx context.Context, pool *pgxpool.Pool) error {
	q := paymentsdb.New()
	for scope, methods := range map[string][]string{
		CityScope("mumbai"): {ProviderRazorpay, ProviderStripe, ProviderTest},
		CityScope("london"): {ProviderStripe, ProviderPayPal, ProviderTest},
	} {
		if err := q.MethodSettingInsertIfAbsent(ctx, pool, paymentsdb.MethodSettingInsertIfAbsentParams{Scope: scope,
			Methods: methods, UpdatedBy: "demo"}); err != nil {
			return fmt.Errorf("seed payment methods for %s: %w", scope, err)
		}
	}
	return nil
}
