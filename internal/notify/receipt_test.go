package notify_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/marqueehq/marquee/internal/notify"
)

// TestReceiptEmailsReachTheBuyerOnceWithTheirLinks: a receipt issued for
// an account's booking and a tax invoice for a guest's each send one
// email, however often they are asked for, with the document's number, a
// link to see and print it and one to download its PDF; the guest's is in
// the language they booked in.
func TestReceiptEmailsReachTheBuyerOnceWithTheirLinks(t *testing.T) {
	t.Parallel()
	b := setup(t)
	u := b.user(t, "Asha Rao", "")
	mine := notify.ReceiptMessage{ReceiptID: 42, BookingID: 1001, UserID: u.ID, Kind: notify.DocReceipt,
		Number: "LUM-2026-R-000042", Path: "/receipts/42"}
	guest := notify.ReceiptMessage{ReceiptID: 43, BookingID: 1002, Email: "lucia@example.es", Lang: "es",
		Kind: notify.DocTaxInvoice, Number: "LUM-2026-T-000043", Path: "/receipts/43"}
	for range 2 { // a retried issue asks again
		for _, m := range []notify.ReceiptMessage{mine, guest} {
			b.inTx(t, func(ctx context.Context, tx pgx.Tx) error { return b.svc.ReceiptIssued(ctx, tx, m) })
		}
	}

	eventually(t, func() bool { return len(b.smtp.to(u.Email)) == 1 && len(b.smtp.to(guest.Email)) == 1 }, "both emails")
	eventually(t, func() bool { return b.jobsIdle(t) }, "all sent")
	require.Len(t, b.smtp.to(u.Email), 1, "the account's receipt is sent once")
	require.Len(t, b.smtp.to(guest.Email), 1, "the guest's tax invoice is sent once")

	cases := []struct {
		to, subject string
		text, html  []string
	}{
		{to: u.Email, subject: "Your receipt LUM-2026-R-000042",
			text: []string{"Hi Asha,", "Here is the receipt for your booking's payment.", "Number: LUM-2026-R-000042",
				"View and print: http://marquee.test/receipts/42\n", "Download PDF: http://marquee.test/receipts/42/pdf\n"},
			html: []string{`<html lang="en">`, `href="http://marquee.test/receipts/42"`, "http://marquee.test/receipts/42/pdf"}},
		{to: guest.Email, subject: "Tu factura LUM-2026-T-000043",
			text: []string{"Aquí tienes la factura del pago de tu reserva.", "Número: LUM-2026-T-000043",
				"Ver e imprimir: http://marquee.test/receipts/43\n", "Descargar PDF: http://marquee.test/receipts/43/pdf\n"},
			html: []string{`<html lang="es">`, `href="http://marquee.test/receipts/43"`, "http://marquee.test/receipts/43/pdf"}},
	}
	for _, tc := range cases {
		got := b.smtp.to(tc.to)[0]
		require.Equal(t, tc.subject, got.Subject)
		text, ok := got.part("text/plain")
		require.True(t, ok, "a plain-text part")
		body := strings.ReplaceAll(string(text.Body), "\r\n", "\n")
		for _, want := range tc.text {
			require.Contains(t, body, want)
		}
		html, ok := got.part("text/html")
		require.True(t, ok, "an HTML part")
		for _, want := range tc.html {
			require.Contains(t, string(html.Body), want)
		}
	}
}

// TestReceiptEmailRefusesAnUnknownDocument: a kind that is not a receipt,
// tax invoice or credit note is refused, and nothing is sent.
func TestReceiptEmailRefusesAnUnknownDocument(t *testing.T) {
	t.Parallel()
	b := setup(t)
	err := b.svc.ReceiptIssued(context.Background(), nil, notify.ReceiptMessage{ReceiptID: 1, Email: "kim@example.org",
		Kind: "quote", Number: "LUM-2026-Q-000001", Path: "/receipts/1"})
	require.True(t, errors.Is(err, notify.ErrInvalid), "got %v", err)
	var n int
	require.NoError(t, b.pool.QueryRow(context.Background(), "SELECT count(*) FROM notify.messages").Scan(&n))
	require.Zero(t, n, "nothing is asked for")
}
