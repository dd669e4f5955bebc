package notify_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"
)

func TestConfirmationEmailWearsTheChainsBrand(t *testing.T) {
	t.Parallel()
	b := setup(t)
	u := b.user(t, "Asha Rao", "")
	m := b.booking(u.ID, 48*time.Hour)
	m.ChainName, m.BrandColor, m.TicketNote = "Lumière Cinemas", "#0a7d5a", "Free refills on Tuesdays"
	b.inTx(t, func(ctx context.Context, tx pgx.Tx) error { return b.svc.BookingConfirmed(ctx, tx, m) })

	eventually(t, func() bool { return len(b.smtp.to(u.Email)) == 1 }, "the confirmation")
	got := b.smtp.to(u.Email)[0]
	html, ok := got.part("text/html")
	require.True(t, ok, "an HTML part")
	require.Contains(t, string(html.Body), "Lumière Cinemas")
	require.Contains(t, string(html.Body), `bgcolor="#0a7d5a"`, "the brand colour is a band, not behind text")
	require.Contains(t, string(html.Body), "Free refills on Tuesdays")
	text, ok := got.part("text/plain")
	require.True(t, ok, "a plain-text part")
	require.Contains(t, string(text.Body), "Free refills on Tuesdays")
}
