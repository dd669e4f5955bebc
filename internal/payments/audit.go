package payments

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/marqueehq/marquee/internal/payments/paymentsdb"
)

// PaymentFact is what the invariant checker compares with bookings.
type PaymentFact struct {
	ID, BookingID int64
	State         State
	AmountMinor   int64
	// RefundedMinor is what the provider confirmed as refunded;
	// RefundsMinor what was asked for (pending and succeeded refunds).
	RefundedMinor, RefundsMinor int64
	Currency                    string
	UpdatedAt                   time.Time
}

// Audit reads every payment with its refunds for `server check`. It only
// reads (no locks), so it can run beside a live site.
func Audit(ctx context.Context, pool *pgxpool.Pool) ([]PaymentFact, error) {
	rows, err := paymentsdb.New().AuditPayments(ctx, pool)
	if err != nil {
		return nil, fmt.Errorf("audit payments: %w", err)
	}
	facts := make([]PaymentFact, len(rows))
	for i, r := range rows {
		facts[i] = PaymentFact{ID: r.ID, BookingID: r.BookingID, State: State(r.State), AmountMinor: r.AmountMinor,
			RefundedMinor: r.RefundedMinor, RefundsMinor: r.RefundsMinor, Currency: r.Currency, UpdatedAt: r.UpdatedAt}
	}
	return facts, nil
}
