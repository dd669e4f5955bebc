package notify_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"
)

func TestConfirmationEmailNamesEachSeatsTicketType(t *testing.T) {
	t.Parallel()
	b := setup(t)
	u := b.user(t, "Asha Rao", "")
	m := b.booking(u.ID, 48*time.Hour)
	m.SeatTypes = []string{"Adult", "Child"}
	b.inTx(t, func(ctx context.Context, tx pgx.Tx) error { return b.svc.BookingConfirmed(ctx, tx, m) })

	eventually(t, func() bool { return len(b.smtp.to(u.Email)) == 1 }, "the confirmation")
	got := b.smtp.to(u.Email)[0]
	text, ok := got.part("text/plain")
	require.True(t, ok, "a plain-text part")
	require.Contains(t, string(text.Body), "F7 Adult, F8 Child")
	html, ok := got.part("text/html")
	require.True(t, ok, "an HTML part")
	require.Contains(t, string(html.Body), "F8 Child")
}
