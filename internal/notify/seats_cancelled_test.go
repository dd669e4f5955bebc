package notify_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/booking"
	"github.com/marqueehq/marquee/internal/notify"
)

// The app hands booking the notify service as its Notifier: it must be
// able to tell a buyer about a partial cancellation.
var _ booking.SeatsCancelledNotifier = (*notify.Service)(nil)

// TestSeatsCancelledMessageSpeaksTheBuyersLanguage: after a partial
// cancellation a Spanish-reading buyer gets one email in Spanish, with the
// seats cancelled, the refund, the fee kept, the seats left and the new
// e-ticket, and one text message (they chose texts too); asking twice for
// the same cancellation sends nothing more.
func TestSeatsCancelledMessageSpeaksTheBuyersLanguage(t *testing.T) {
	t.Parallel()
	tw, url := startTwilio(t)
	b := setup(t, func(o *notify.Options) { o.SMS = notify.NewTwilio(url, "AC123", "secret-token", "+15005550006") })
	u := b.userReading(t, "es")
	m := b.booking(u.ID, 48*time.Hour)
	m.Seats, m.Total, m.Refund = []string{"F7"}, 1100, 950
	sc := notify.SeatsCancelledMessage{Booking: m, N: 1, Seats: []string{"F8"}, Items: []string{"1 × Popcorn"}, Fee: 50}
	for range 2 {
		b.inTx(t, func(ctx context.Context, tx pgx.Tx) error { return b.svc.BookingSeatsCancelled(ctx, tx, sc) })
	}

	eventually(t, func() bool { return len(b.smtp.to(u.Email)) == 1 && tw.count() == 1 }, "the email and the text")
	got := b.smtp.to(u.Email)[0]
	require.Equal(t, "Reserva "+m.Code+": F8, 1 × Popcorn cancelado", got.Subject)
	text, ok := got.part("text/plain")
	require.True(t, ok, "a plain-text part")
	body := string(text.Body)
	for _, want := range []string{"Hola, Asha:", "Como pediste, cancelamos F8, 1 × Popcorn.", "Butacas canceladas: F8",
		"Comida cancelada: 1 × Popcorn", "Importe reembolsado: 9,50", "Butacas que conservas: F7", "Nuevo total: 11,00",
		"http://marquee.test" + m.TicketPath} {
		require.Contains(t, body, want)
	}
	require.Contains(t, body, "Cargo por cancelación: 0,50")
	html, ok := got.part("text/html")
	require.True(t, ok, "an HTML part")
	require.Contains(t, string(html.Body), `<html lang="es">`)
	require.Contains(t, string(html.Body), "cid:ticket-qr", "the fresh e-ticket's QR")
	sms := tw.sent[0]["Body"]
	require.True(t, strings.HasPrefix(sms, "Marquee: reserva "+m.Code), sms)
	require.Contains(t, sms, "Reembolso")
	eventually(t, func() bool { return b.jobsIdle(t) }, "no job left")
	require.Len(t, b.smtp.to(u.Email), 1, "one cancellation, one email")
}

// TestSeatsCancelledWithNothingCancelledIsRefused: a message about a
// partial cancellation names what was cancelled.
func TestSeatsCancelledWithNothingCancelledIsRefused(t *testing.T) {
	t.Parallel()
	b := setup(t)
	u := b.user(t, "Asha Rao", "")
	ctx := context.Background()
	tx, err := b.pool.Begin(ctx)
	require.NoError(t, err)
	defer func() { _ = tx.Rollback(ctx) }()
	err = b.svc.BookingSeatsCancelled(ctx, tx, notify.SeatsCancelledMessage{Booking: b.booking(u.ID, time.Hour), N: 1})
	require.ErrorIs(t, err, notify.ErrInvalid)
}
